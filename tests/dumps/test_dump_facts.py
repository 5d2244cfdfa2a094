"""Per-revision facts: identity reverts as MediaWiki finds them, and words and references from the project's own
counters (the same numbers as the API path measures)."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime

import pytest
import synthetic
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.dumps.facts import COLUMNS, REVERT_RADIUS, FactBuilder, hashtags
from wikitally.dumps.parse import DumpRevision, NotADump, _conforming, _fast, _numbers_checked, read_dump
from wikitally.metrics.filters import has_hashtag
from wikitally.metrics.refs import count_refs
from wikitally.metrics.words import DEFAULT_LINK_NAMES, words_added

COL = {name: i for i, name in enumerate(COLUMNS)}


def _rev(rev_id: int, parent_id: int, text: str, page_id: int = 1, **kw: object) -> DumpRevision:
    fields: dict[str, object] = dict(
        page_id=page_id,
        namespace=0,
        title="P",
        redirect=False,
        rev_id=rev_id,
        parent_id=parent_id,
        timestamp=f"2024-01-01T00:00:{rev_id % 60:02d}Z",
        user="U",
        user_id=1,
        minor=False,
        comment="",
        text=text or None,
        bytes=len(text.encode()),
        sha1=synthetic.sha1_base36(text),
        text_deleted=False,
        stub=False,
    )
    fields.update(kw)
    return DumpRevision(**fields)  # type: ignore[arg-type]


def _facts(texts: list[str], **kw: object) -> list[list[object]]:
    builder = FactBuilder("w", DEFAULT_LINK_NAMES, **kw)  # type: ignore[arg-type]
    rows: list[list[object]] = []
    for i, text in enumerate(texts, start=1):
        rows.extend(builder.feed(_rev(i, i - 1, text)))
    rows.extend(builder.finish())
    return rows


@pytest.mark.parametrize(
    ("texts", "reverted", "reverts"),
    [
        (["a", "b", "a"], [2], [3]),  # undo of the last edit
        (["a", "b", "c", "a"], [2, 3], [4]),  # back two
        (["a", "b", "c", "b"], [3], [4]),  # the newest identical revision is the one restored
        (["a", "b", "b"], [], []),  # same text as its parent: a null revision
        (["a", *[f"x{i}" for i in range(REVERT_RADIUS)], "a"], [], []),  # beyond the 15-revision look-back
        (
            ["a", *[f"x{i}" for i in range(REVERT_RADIUS - 1)], "a"],
            list(range(2, REVERT_RADIUS + 1)),
            [REVERT_RADIUS + 1],
        ),
        (["a", "b", "a", "b"], [2, 3], [3, 4]),  # a revert reverted
    ],
)
def test_identity_reverts_as_mediawiki_finds_them(
    texts: list[str], reverted: list[int], reverts: list[int]
) -> None:
    rows = _facts(texts)
    assert [r[COL["rev_id"]] for r in rows] == list(range(1, len(texts) + 1))  # every row, in order
    assert [r[COL["rev_id"]] for r in rows if r[COL["reverted"]]] == reverted
    assert [r[COL["rev_id"]] for r in rows if r[COL["identity_revert"]]] == reverts


def test_reverts_never_cross_pages() -> None:
    builder = FactBuilder("w", DEFAULT_LINK_NAMES)
    rows = [*builder.feed(_rev(1, 0, "a", page_id=1)), *builder.feed(_rev(2, 0, "b", page_id=2))]
    rows += [*builder.feed(_rev(3, 2, "a", page_id=2)), *builder.finish()]
    assert not any(r[COL["reverted"]] or r[COL["identity_revert"]] for r in rows)


def test_words_and_references_are_the_projects_own_counts() -> None:
    data = io.BytesIO()
    synthetic.write(data, synthetic.Spec(pages=40, seed=7))
    revisions = [r for r in read_dump(lambda: io.BytesIO(data.getvalue())) if isinstance(r, DumpRevision)]
    builder = FactBuilder("w", DEFAULT_LINK_NAMES, lambda rev, ts: rev.rev_id % 2 == 0)
    rows = [row for rev in revisions for row in builder.feed(rev)] + list(builder.finish())
    texts = {r.rev_id: r.text or "" for r in revisions}
    assert len(rows) == len(revisions)
    for rev, row in zip(revisions, rows, strict=True):
        assert row[COL["references"]] == count_refs(rev.text or "")
        assert row[COL["parent_references"]] == (count_refs(texts[rev.parent_id]) if rev.parent_id else 0)
        if rev.rev_id % 2:
            assert row[COL["words_added"]] is None  # outside the scope: not measured
        else:
            assert row[COL["words_added"]] == words_added(texts.get(rev.parent_id, ""), rev.text or "")
        size = len((rev.text or "").encode())
        parent_size = len(texts[rev.parent_id].encode()) if rev.parent_id else 0
        assert row[COL["sizediff"]] == size - parent_size
    assert sum(1 for r in rows if r[COL["words_added"]]) > 10


def test_hidden_text_and_stub_give_no_counts() -> None:
    builder = FactBuilder("w", DEFAULT_LINK_NAMES, lambda rev, ts: True)
    rows = list(builder.feed(_rev(1, 0, "Hello <ref>a</ref> world")))
    rows += list(builder.feed(_rev(2, 1, "", text_deleted=True)))
    rows += list(builder.feed(_rev(3, 2, "Hello <ref>a</ref><ref>b</ref> world more")))
    rows += list(builder.feed(_rev(4, 0, "", page_id=2, stub=True)))
    rows += list(builder.finish())
    hidden, after_hidden, stub = rows[1], rows[2], rows[3]
    assert hidden[COL["references"]] is None and hidden[COL["words_added"]] == 0
    # The parent's text is hidden: as the API path, no words and no change in references are credited.
    assert after_hidden[COL["parent_references"]] is None and after_hidden[COL["words_added"]] == 0
    assert stub[COL["references"]] is None and stub[COL["words_added"]] is None


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    comment=st.text(alphabet=st.sampled_from(list("#＃ aAbB_1-.,(é")), max_size=30),
    tag=st.sampled_from(["a", "ab", "A1", "é", "b-a"]),
)
def test_stored_hashtags_match_as_the_whole_comment_does(comment: str, tag: str) -> None:
    stored = hashtags(comment)
    assert stored is not None
    assert has_hashtag(" ".join("#" + h for h in stored), (tag,)) == has_hashtag(comment, (tag,))


def test_scope_gets_a_datetime() -> None:
    seen: list[datetime] = []
    builder = FactBuilder("w", DEFAULT_LINK_NAMES, lambda rev, ts: seen.append(ts) or False)
    list(builder.feed(_rev(1, 0, "x")))
    assert seen == [datetime(2024, 1, 1, 0, 0, 1, tzinfo=UTC)]


def test_a_text_seen_before_on_the_page_is_not_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reverts and null edits bring back a counted text: its paragraphs' tallies are reused (same rows, no
    scan); a text is known by its bytes, never by the dump's sha1."""
    from wikitally.metrics import refs

    scans: list[str] = []
    run = refs._Scanner.run

    def scanning(self: refs._Scanner) -> None:
        scans.append(self.text.rstrip("\n"))
        run(self)

    monkeypatch.setattr(refs._Scanner, "run", scanning)
    a = "text a " * 20 + "<ref>x</ref>"
    b = "text b " * 20 + "<ref>x</ref><ref>y</ref>"
    rows = _facts([a, b, a, a, b])
    assert [r[COL["references"]] for r in rows] == [1, 2, 1, 1, 2]
    assert scans == [a, b]
    # the same sha1 with another text (a wrong sha1 in the dump) is counted anew
    scans.clear()
    builder = FactBuilder("w", DEFAULT_LINK_NAMES)
    out = list(builder.feed(_rev(1, 0, a)))
    out += builder.feed(_rev(2, 1, b, sha1=synthetic.sha1_base36(a)))
    out += builder.finish()
    assert [r[COL["references"]] for r in out] == [1, 2]
    assert scans == [a, b]


# Paragraph pieces as a dump holds them (escaped): markup that counts, and entities XML defines or not.
_WELL_FORMED = [
    b"word",
    b"&amp;",
    b"&quot;x&quot;",
    b"&#233;",
    b"&#x416;",
    b"&amp;lt;",
    b"&apos;&amp;amp;",
    b"&lt;ref&gt;r&lt;/ref&gt;",
    b"&lt;ref name=&quot;n&quot; /&gt;",
    b"{{sfn|A|2000|p=1}}",
    b"&lt;!-- c --&gt;",
]
_NOT_WELL_FORMED = [b"&nbsp;", b"& ", b"&lt", b"&#0;", b"&#xZ;"]


def _references(revisions: object) -> list[object]:
    return [row[COL["references"]] for row in _rows_of(revisions)]


def test_every_text_is_checked_for_entities_where_it_is_decoded() -> None:
    # The fast reader leaves a text's entities to be checked where it is decoded; the facts decode only what
    # an edit changed. So a page's texts, with an entity XML does not define somewhere (in an edit, in a
    # paragraph later edits keep, in a text without markup): the facts fail exactly where expat fails, and
    # otherwise count as the conforming reader's texts count.
    rng = random.Random(14)
    failures = 0
    for _ in range(400):
        paragraphs: list[bytes] = []
        texts: list[bytes] = []
        for _ in range(rng.randint(1, 6)):
            pieces = [rng.choice(_WELL_FORMED) for _ in range(rng.randint(1, 5))]
            if rng.random() < 0.04:
                pieces.insert(rng.randrange(len(pieces) + 1), rng.choice(_NOT_WELL_FORMED))
            paragraph = b" ".join(pieces)
            roll = rng.random()
            if paragraphs and roll < 0.2:
                paragraphs.pop(rng.randrange(len(paragraphs)))
            elif paragraphs and roll < 0.5:
                paragraphs[rng.randrange(len(paragraphs))] = paragraph
            else:
                paragraphs.insert(rng.randrange(len(paragraphs) + 1), paragraph)
            texts.append(b"\n\n".join(paragraphs))
        data = synthetic.page_dump(texts)
        try:
            expected: list[object] | None = _references(_conforming(io.BytesIO(data)))
        except NotADump:
            expected = None
        try:
            got: list[object] | None = _references(_fast(io.BytesIO(data)))
        except NotADump:
            got = None
        assert got == expected, texts
        failures += expected is None
        if expected is not None:  # and the texts decode as expat decodes them
            fast = [r.text for r in _fast(io.BytesIO(data)) if isinstance(r, DumpRevision)]
            assert fast == [r.text for r in _conforming(io.BytesIO(data)) if isinstance(r, DumpRevision)]
    assert 20 < failures < 200  # both outcomes, often


def test_a_text_that_does_not_decode_names_its_revision() -> None:
    first = b"a &lt;ref&gt;x&lt;/ref&gt;\n\nb"
    data = synthetic.page_dump([first, first + b"\n\nc &nbsp; d", b"no markup &nbsp;"])
    with pytest.raises(NotADump, match=r"revision 2$"):
        _references(_fast(io.BytesIO(data)))
    with pytest.raises(NotADump, match=r"revision 2$"):  # a text without markup is checked too
        _references(_fast(io.BytesIO(synthetic.page_dump([b"no markup", b"no markup &nbsp;"]))))


# What a damaged or hand-made dump may hold where the fast reader looks: entities, markup, CDATA, carriage
# returns, a byte that is not UTF-8, tags cut in half.
_DAMAGE = [
    b"&", b"&amp;", b"&#233;", b"&#0;", b"&nbsp;", b"&lt", b"<", b">", b"]]>", b"\r", b"\r\n", b"<![CDATA[x]]>",
    b"<!-- c -->", b"</text>", b"<text>", b"</revision>", b"<revision>", b"</page>", b"'", b'"', b"\n\n", b"\xff",
    b"&lt;ref&gt;", b"{{sfn|A|1}}", b" ", b"&#x1F600;", b"&#xD800;", b"&#1114112;", b"&apos;", b"&amp;amp;", b"\t",
    b"\xe2\x82", b"<?pi x?>", b"<!DOCTYPE x>", b"<x:y/>", b"<a b='c'/>", b"<minor />", b"<sha1 />",
    b' deleted="deleted"', b'<comment deleted="deleted" />', b"<ip>1.2.3.4</ip>",
    b"\x00", b"\x01", b"\x0b", b"\x0c", b"\x1c", b"\x1f", b"\x7f", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"&#1;",
]  # fmt: skip


def _outcome(read: object) -> object:
    try:
        return _rows_of(read)
    except (NotADump, UnicodeDecodeError):  # (ingest says either in one line, exit 2)
        return "refused"


def _rows_of(revisions: object) -> list[list[object]]:
    builder = FactBuilder("w", DEFAULT_LINK_NAMES)
    rows = [row for r in revisions if isinstance(r, DumpRevision) for row in builder.feed(r)]  # type: ignore[attr-defined]
    return [row[: COL["references"] + 1] for row in [*rows, *builder.finish()]]


def test_a_damaged_dump_reads_as_expat_reads_it_or_is_refused() -> None:
    # Bytes put into, or taken out of, a small dump anywhere: the facts from the fast reader (which hands over
    # to expat when it is not sure) are the facts from expat's records, or both refuse the file. Never another
    # error. Among the damage: characters XML forbids (controls, U+FFFE), which expat refuses.
    rng = random.Random(2026)
    data = _bytes_of(synthetic.Spec(pages=6, max_revisions=5, seed=4, hidden=True))
    refused = 0
    for _ in range(600):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(damaged))
            if rng.random() < 0.3:
                del damaged[at : at + rng.randint(1, 12)]
            else:
                damaged[at:at] = rng.choice(_DAMAGE)
        raw = bytes(damaged)
        expected = _outcome(_numbers_checked(_conforming(io.BytesIO(raw))))
        got = _outcome(read_dump(lambda raw=raw: io.BytesIO(raw)))  # type: ignore[misc]
        assert got == expected, raw
        refused += expected == "refused"
    assert 60 < refused < 580  # both outcomes, often


def _bytes_of(spec: synthetic.Spec) -> bytes:
    buf = io.BytesIO()
    synthetic.write(buf, spec)
    return buf.getvalue()
