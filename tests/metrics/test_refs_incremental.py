"""RefCounter must count exactly what count_refs counts, revision after revision, whatever an edit does:
edit histories generated from unbalanced markup around blank lines (where the counter cuts), every revision
of a synthetic dump, and the rules the cut relies on."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikitally.metrics.refs import RefCounter, _Scanner, count_refs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dumps"))
import synthetic

# Markup that opens or closes across a blank line, names that collide between paragraphs, list-defined refs.
PIECES = [
    "\n\n", "\n", "\n\n\n", "{{", "}}", "[[", "]]", "|", "=", "<ref>", "</ref>", "<ref name=a>", "<ref name=a/>",
    "<ref name=b>", "<ref group=n>", "<references>", "</references>", "<references group=n>", "<nowiki>",
    "</nowiki>", "<!--", "-->", "{{sfn|A|2000}}", "{{sfn|A|2000|p=5}}", "{{sfn|", "{{efn|", "{{refn|",
    "{{#tag:ref|", "<pre>", "</pre>", ">", "/>", "x", " ", "<ref", "<", "{{Infobox|a=", "<ref>a\n\nb</ref>",
    "<ref name=" + "a" * 2001 + ">x</ref>", "{{sfn|" + "b" * 2001 + "}}",
    # what a sentence added to a paragraph (" …") may meet at the join
    "</ref", " name=a>", " >", "-", "--", "{", "}", "[", "]", " ref>", "<ref name=\"a", " b\">",
]  # fmt: skip
_text = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _edits(rng: random.Random, text: str, n: int) -> list[str]:
    """`text` and `n` successive edits of it: pieces put in, taken out or moved, paragraphs swapped."""
    out = [text]
    for _ in range(n):
        roll = rng.random()
        if roll < 0.5:
            at = rng.randint(0, len(text))
            cut = rng.randint(0, 8)
            text = (
                text[:at] + "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3))) + text[at + cut :]
            )
        elif roll < 0.7:  # a sentence added to a paragraph (counted from the paragraph's tally and its own)
            paragraphs = text.split("\n\n")
            k = rng.randrange(len(paragraphs))
            paragraphs[k] += " " + "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3)))
            text = "\n\n".join(paragraphs)
        elif roll < 0.85:
            paragraphs = text.split("\n\n")
            rng.shuffle(paragraphs)
            text = "\n\n".join(paragraphs)
        else:
            text = rng.choice(out)  # a revert
        out.append(text)
    return out


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text, st.integers(0, 2**32 - 1))
def test_an_edit_history_counts_as_count_refs_at_every_revision(text: str, seed: int) -> None:
    counter = RefCounter()
    for revision in _edits(random.Random(seed), text, 8):
        assert counter.count(revision) == count_refs(revision)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_text)
def test_a_blank_line_after_the_end_changes_no_count(text: str) -> None:
    # The counter scans a text's last paragraph with a blank line after it (so that it keeps its key when a
    # paragraph is added): what follows the end must never count.
    assert count_refs(text + "\n\n") == count_refs(text)


@pytest.mark.parametrize(
    "history",
    [
        # a ref spanning a blank line, then closed elsewhere; a comment across paragraphs; an infobox with one
        ["<ref>a\n\nb</ref>\n\nc<ref>d</ref>", "<ref>a\n\nb\n\nc<ref>d</ref>", "<ref>a\n\nb</ref>"],
        ["<!-- x\n\n<ref>a</ref>\n\n-->", "<!-- x\n\n<ref>a</ref>\n\n", "x\n\n<ref>a</ref>\n\n-->"],
        ["{{Infobox\n\n|a=<ref>s</ref>}}\n\n<ref>t</ref>", "{{Infobox\n\n|a=<ref>s</ref>\n\n<ref>t</ref>"],
        # a name defined in one paragraph, reused in another; a list-defined ref used elsewhere
        ["<ref name=a>x</ref>\n\n<ref name=a/>", "<ref name=a/>\n\n<ref name=a>x</ref>", "<ref name=a/>"],
        [
            "<ref name=l/>\n\n<references>\n<ref name=l>x</ref>\n</references>",
            "<references>\n<ref name=l>x</ref>\n</references>",
        ],
        # two values too long to compare, in paragraphs that are the same text
        ["{{sfn|" + "b" * 2001 + "}}\n\n{{sfn|" + "b" * 2001 + "}}"],
    ],
)
def test_markup_across_blank_lines(history: list[str]) -> None:
    counter = RefCounter()
    for text in history:
        assert counter.count(text) == count_refs(text)


@pytest.mark.parametrize(
    "history",
    [
        # the text between the kept head and tail ends in a newline before the cut ("\n\n\n": split elsewhere)
        [
            "a<ref>1</ref>\n\nb<ref>2</ref>\n\nc<ref>3</ref>",
            "a<ref>1</ref>\n\nb<ref>2</ref>\n\n\nc<ref>3</ref>",
        ],
        [
            "a\n\nb\n\n<ref>c</ref>",
            "a\n\nb\n\n\n\n<ref>c</ref>",
            "a\n\n\n\n<ref>c</ref>",
            "a\n\n<ref>c</ref>",
        ],
        # an edit in the middle opens what the kept tail closes (a ref, a template, a comment)
        ["a\n\nb\n\nc</ref><ref>d</ref>", "a\n\n<ref>b\n\nc</ref><ref>d</ref>"],
        ["a\n\nb\n\n}}<ref>d</ref>", "a\n\n{{x|b\n\n}}<ref>d</ref>", "a\n\n{{b\n\n}}<ref>d</ref>"],
        ["<ref>a</ref>\n\nb\n\n-->\n\n<ref>d</ref>", "<ref>a</ref>\n\n<!--b\n\n-->\n\n<ref>d</ref>"],
        # the same paragraph at the head and the tail; a text emptied and refilled
        ["<ref>p</ref>\n\n<ref>p</ref>", "<ref>p</ref>\n\n<ref>p</ref>\n\n<ref>p</ref>", "<ref>p</ref>", ""],
        ["", "<ref>p</ref>\n\n", "<ref>p</ref>\n\n<ref>q</ref>", "\n\n<ref>q</ref>"],
    ],
)
def test_stretches_kept_in_place_around_an_edit(history: list[str]) -> None:
    counter = RefCounter()
    for text in history:
        assert counter.count(text) == count_refs(text)
        if "<ref" in text:  # (a text without one is not cut: the layout stays the last one's)
            assert "".join(segment for segment, _ in counter.layout) == text


def test_an_edit_splits_only_the_text_between_the_kept_head_and_tail() -> None:
    paragraphs = [f"Text {k}.<ref>source {k}</ref>" for k in range(20)]
    counter = RefCounter()
    counter.count("\n\n".join(paragraphs))
    kept = [segment for segment, _ in counter.layout]
    paragraphs[7] += " More.<ref>another</ref>"
    assert counter.count("\n\n".join(paragraphs)) == 21
    now = [segment for segment, _ in counter.layout]
    assert [a is b for a, b in zip(kept, now, strict=True)] == [k != 7 for k in range(20)]  # the same objects


def test_every_revision_of_a_synthetic_dump() -> None:
    spec = synthetic.Spec(pages=40, max_revisions=200, revisions_scale=4.1, max_paragraphs=12, seed=3)
    counted = 0
    for _page, revisions in synthetic.revisions_of(spec):
        counter = RefCounter()
        for rev in revisions:
            text = str(rev["text"])
            assert counter.count(text) == count_refs(text)
            counted += 1
    assert counted > 300


def test_the_cache_is_bounded_and_cleared() -> None:
    counter = RefCounter(keep=8)
    for i in range(50):
        counter.count("\n\n".join(f"<ref>{i}-{k}</ref>" for k in range(5)))
    assert len(counter.tallies) <= 8
    counter.clear()
    assert counter.tallies == {}


def test_big_paragraphs_are_bounded_by_size() -> None:
    # a page without blank lines: each revision is one stretch, as long as the page
    counter = RefCounter(budget=40_000)
    for i in range(30):
        text = "".join(f"Claim {k}.<ref>source {k} {i}</ref> " for k in range(300))  # ~9,000 characters
        assert counter.count(text) == count_refs(text)
        assert counter.kept == sum(len(k) for k in counter.tallies) <= 40_000
    huge = "x<ref>y</ref>" * 5_000  # more than a quarter of the budget: counted, not kept
    assert counter.count(huge) == count_refs(huge) == 5_000
    assert huge not in counter.tallies


@pytest.mark.parametrize(
    ("paragraph", "added"),
    [
        ("a <", "ref>x</ref>"),  # a token made across the join: the paragraph is scanned whole
        ("a {", "{sfn|A|2000}}"),
        ("a <ref>x</ref", ">"),
        ("a <!-", "- x --><ref>y</ref>"),
        ("a <ref name=", "b>x</ref>"),
        ("a <", " ref>x</ref>"),  # and with a space, none is
        ("a </ref", " ><ref>x</ref>"),
        ('a <ref name="b', ' c">x</ref>'),  # (a tag left open: the paragraph does not close)
        ("a {{sfn|A|2000", " |p=5}}"),
    ],
)
def test_a_paragraph_grown_at_its_end_counts_as_count_refs(paragraph: str, added: str) -> None:
    counter = RefCounter()
    for text in (f"<ref>0</ref>\n\n{paragraph}\n\nz", f"<ref>0</ref>\n\n{paragraph}{added}\n\nz"):
        assert counter.count(text) == count_refs(text)
    last = f"<ref>0</ref>\n\n{paragraph}{added}"  # the last paragraph grown
    counter.count(f"<ref>0</ref>\n\n{paragraph}")
    assert counter.count(last) == count_refs(last)


def test_an_edit_rescans_only_what_it_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    run = _Scanner.run
    monkeypatch.setattr(_Scanner, "run", lambda self: scanned.append(self.text) or run(self))
    paragraphs = [f"Text {k}.<ref>source {k}</ref>" for k in range(20)]
    counter = RefCounter()
    assert counter.count("\n\n".join(paragraphs)) == 20
    scanned.clear()
    paragraphs[7] = "New <ref>one</ref>"  # a paragraph rewritten: that paragraph is scanned
    assert counter.count("\n\n".join(paragraphs)) == 20
    assert scanned == ["New <ref>one</ref>\n\n"]
    scanned.clear()
    paragraphs[8] += " More.<ref>another</ref>"  # a sentence added to one: only the sentence is
    assert counter.count("\n\n".join(paragraphs)) == 21
    assert scanned == [" More.<ref>another</ref>\n\n"]
    scanned.clear()
    paragraphs[9] = "x" + paragraphs[9]  # text put in front: the paragraph again
    assert counter.count("\n\n".join(paragraphs)) == 21
    assert scanned == [paragraphs[9] + "\n\n"]


def test_a_dump_written_to_bytes_reads_back_with_the_same_counts() -> None:
    # The synthetic writer is the bench's input: its texts are what the counter sees through the parser.
    from wikitally.dumps.parse import DumpRevision, read_dump

    buf = io.BytesIO()
    synthetic.write(buf, synthetic.Spec(pages=15, max_revisions=60, revisions_scale=4.1, max_paragraphs=8))
    counter, page = RefCounter(), None
    for item in read_dump(lambda: io.BytesIO(buf.getvalue())):
        if isinstance(item, DumpRevision):
            if item.page_id != page:
                counter.clear()
                page = item.page_id
            assert counter.count(item.text or "") == count_refs(item.text or "")
