"""The dump reader: its fast path and its conforming path give the same records, and both the records mwxml
(the reference parser) reads from the same bytes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import mwxml
import pytest
import synthetic

from wikitally.dumps.parse import (
    DumpRevision,
    DumpSite,
    NotADump,
    _conforming,
    _fast,
    _NotFixedLayout,
    read_dump,
)


def _bytes(spec: synthetic.Spec) -> bytes:
    buf = io.BytesIO()
    synthetic.write(buf, spec)
    return buf.getvalue()


def _read(data: bytes) -> list[DumpSite | DumpRevision]:
    return list(read_dump(lambda: io.BytesIO(data)))


def _mwxml_rows(data: bytes) -> list[tuple[Any, ...]]:
    rows = []
    for page in mwxml.Dump.from_file(io.BytesIO(data)):
        for r in page:
            rows.append(
                (
                    r.id,
                    int(r.parent_id or 0),
                    page.id,
                    page.namespace,
                    page.title,
                    page.redirect is not None,
                    r.user.text if r.user else None,
                    r.user.id if r.user else None,
                    str(r.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")),
                    r.minor,
                    r.comment,
                    r.text,
                    r.bytes,
                    r.sha1,
                    r.deleted.text,
                )
            )
    return rows


def _rows(items: list[DumpSite | DumpRevision]) -> list[tuple[Any, ...]]:
    return [
        (
            r.rev_id,
            r.parent_id,
            r.page_id,
            r.namespace,
            r.title,
            r.redirect,
            r.user,
            r.user_id,
            r.timestamp,
            r.minor,
            r.comment,
            r.text,
            r.bytes,
            r.sha1,
            r.text_deleted,
        )
        for r in items
        if isinstance(r, DumpRevision)
    ]


@pytest.mark.parametrize("stub", [False, True])
@pytest.mark.parametrize("seed", [1, 2])
def test_fast_and_conforming_readers_agree_on_dumpbackup_layout(seed: int, stub: bool) -> None:
    data = _bytes(synthetic.Spec(pages=120, seed=seed, hidden=True, stub=stub))
    fast = list(_fast(io.BytesIO(data)))  # the layout MediaWiki writes never needs the fallback
    assert fast == list(_conforming(io.BytesIO(data)))
    assert len(fast) > 120
    assert all(r.stub == stub for r in fast if isinstance(r, DumpRevision))


@pytest.mark.parametrize("chunk", [61, 997, 4096])
def test_revisions_cut_by_the_read_buffer_read_the_same(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fast reader reads a revision in place when all of it is in the buffer, else reads on: every cut
    # (inside a head, a text, "</text>", the sha1, "</revision>") must read as the conforming reader reads.
    import wikitally.dumps.parse as parse

    monkeypatch.setattr(parse, "CHUNK", chunk)
    for stub in (False, True):
        data = _bytes(synthetic.Spec(pages=40, seed=11, hidden=True, stub=stub))
        assert list(_fast(io.BytesIO(data))) == list(_conforming(io.BytesIO(data)))


def test_synthetic_dump_reads_as_mwxml_reads_it() -> None:
    data = _bytes(synthetic.Spec(pages=150, seed=3, hidden=True))
    rows = _rows(_read(data))
    assert rows == _mwxml_rows(data)
    assert any(r[6] is None for r in rows) and any(r[10] is None for r in rows) and any(r[14] for r in rows)


# Valid XML MediaWiki itself would not write: odd whitespace, attribute order and quotes, entities, character
# references, CDATA, comments, a processing instruction, and a suppressed revision (user, comment, text).
UNUSUAL = """<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by hand -->
<mediawiki version='0.11' xmlns="http://www.mediawiki.org/xml/export-0.11/" xml:lang="en"
  ><siteinfo><sitename>T</sitename><dbname>testwiki</dbname
  ><base>http://127.0.0.1:8080/index.php/Main_Page</base>
  <namespaces><namespace case="first-letter" key="0"/><namespace key="1" case="first-letter">Talk</namespace></namespaces>
  </siteinfo>
  <page><title>Tom &amp; Jerry</title><ns>0</ns><id>7</id>
    <redirect   title = "Elsewhere" />
    <revision><id>
      70
    </id><timestamp>2024-03-01T10:00:00Z</timestamp><contributor><id>3</id><username>Ann&#233;</username></contributor>
      <comment>first <![CDATA[#wikigap & <friends>]]></comment>
      <model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve" sha1="abc" bytes="31">One <![CDATA[<ref>x</ref>]]> &lt;ref&gt;y&lt;/ref&gt; &#x416;<!-- c --></text>
      <sha1>abc</sha1>
    </revision>
    <?pi ignored?>
    <revision>
      <id>71</id><parentid>70</parentid>
      <timestamp>2024-03-01T11:00:00Z</timestamp>
      <contributor deleted="deleted"/>
      <minor/>
      <comment deleted="deleted"/>
      <model>wikitext</model><format>text/x-wiki</format>
      <text deleted="deleted" bytes="99"/>
      <sha1/>
    </revision>
    <revision><id>72</id><parentid>71</parentid><timestamp>2024-03-02T11:00:00Z</timestamp>
      <contributor><ip>192.0.2.1</ip></contributor><comment>line one&#10;line two</comment>
      <text bytes="2" sha1="def">a\r\nb</text><sha1>def</sha1></revision>
  </page>
</mediawiki>
"""


def test_unusual_valid_xml_gives_mwxml_rows() -> None:
    data = UNUSUAL.encode()
    with pytest.raises(_NotFixedLayout):
        list(_fast(io.BytesIO(data)))
    items = _read(data)
    assert (
        isinstance(items[0], DumpSite)
        and items[0].base.endswith("Main_Page")
        and items[0].namespaces[1] == "Talk"
    )
    rows = _rows(items)
    assert rows == _mwxml_rows(data)
    assert [r[0] for r in rows] == [70, 71, 72]
    assert rows[0][6] == "Anné" and rows[0][10] == "first #wikigap & <friends>"
    assert rows[1][6] is None and rows[1][10] is None and rows[1][11] is None and rows[1][14]
    assert rows[2][11] == "a\nb"  # a parser's line-end normalisation


@pytest.mark.parametrize(
    "swap",
    [
        (b"<text bytes=", b"<text  bytes="),  # still a layout the fast path reads
        (b"&lt;ref&gt;", b"&#60;ref&#62;"),
        (b"<comment>", b"<comment >"),
        (b"</title>", b"</title >"),
    ],
)
def test_fast_path_hands_over_midway_without_losing_or_repeating(swap: tuple[bytes, bytes]) -> None:
    data = _bytes(synthetic.Spec(pages=60, seed=4))
    # Change only the second half, so the fast reader gives some revisions first, then hands over.
    half = len(data) // 2
    changed = data[:half] + data[half:].replace(*swap)
    assert changed != data
    assert _rows(_read(changed)) == _mwxml_rows(changed)


@pytest.mark.parametrize(
    "data",
    [b"<html><body>hi</body></html>", b"<mediawiki><page><title>x</title>", b"\x00\x01not xml at all", b""],
)
def test_not_a_dump_is_said_so(data: bytes) -> None:
    with pytest.raises(NotADump):
        _read(data)


def test_reader_reads_in_chunks_not_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import wikitally.dumps.parse as parse

    monkeypatch.setattr(parse, "CHUNK", 4096)
    data = _bytes(synthetic.Spec(pages=80, seed=5))
    reads: list[int] = []

    class Spy(io.BytesIO):
        def read(self, n: int | None = -1) -> bytes:
            assert n is not None and 0 < n <= 4096  # never "everything"
            reads.append(n)
            return super().read(n)

    assert _rows(_read(data)) == _rows(list(read_dump(lambda: Spy(data))))
    assert len(reads) > len(data) // 4096


@pytest.mark.parametrize(
    "later",
    [
        b"a &amp; b\n\nnew &#233; here\n\nc &lt;ref&gt;x&lt;/ref&gt;",  # a character reference in an edit
        b"a &amp; b\n\nc &lt;ref&gt;x&lt;/ref&gt;&quot;",  # entities where the kept tail begins
        b"a &amp; b &quot;\n\nc &lt;ref&gt;x&lt;/ref&gt;",  # and where the kept head ends
        b"a &amp; b\n\n&#x416;\n\n&#x416;\n\nc &lt;ref&gt;x&lt;/ref&gt;",
    ],
)
def test_a_pages_texts_checked_around_an_edit_read_as_a_parser_reads_them(later: bytes) -> None:
    # The fast reader leaves a text's entities to be checked where the text is decoded; around an edit, every
    # text must still decode as expat decodes it.
    first = b"a &amp; b\n\nc &lt;ref&gt;x&lt;/ref&gt;"
    data = synthetic.page_dump([first, later, first, later + b"\n\nd", first])
    fast = list(_fast(io.BytesIO(data)))
    assert fast == list(_conforming(io.BytesIO(data)))
    assert [r.text for r in fast if isinstance(r, DumpRevision)] == [
        r.text for r in _conforming(io.BytesIO(data)) if isinstance(r, DumpRevision)
    ]


@pytest.mark.parametrize("bad", [b"&nbsp;", b"& ", b"&lt", b"&quot", b"&#0;", b"&#xZ;"])
def test_an_undefined_entity_in_a_later_edit_is_not_well_formed(bad: bytes) -> None:
    # Expat refuses the dump; the fast reader gives the revision, and its text refuses to decode (entities are
    # checked where a text is decoded: parse.decode_text).
    first = b"a &amp; b\n\nc &lt;ref&gt;x&lt;/ref&gt;"
    data = synthetic.page_dump([first, b"a &amp; b\n\nnew " + bad + b" here\n\nc &lt;ref&gt;x&lt;/ref&gt;"])
    with pytest.raises(NotADump):
        list(_conforming(io.BytesIO(data)))
    revisions = [r for r in _fast(io.BytesIO(data)) if isinstance(r, DumpRevision)]
    assert revisions[0].text == "a & b\n\nc <ref>x</ref>"
    with pytest.raises(NotADump, match="not well-formed"):
        revisions[1].text  # noqa: B018 - the property decodes
