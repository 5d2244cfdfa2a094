"""escape_prose on a real MediaWiki: random hostile prose, escaped, is shown exactly as typed and forms no
markup — no template, link, category, heading, list, table, tag or signature — though far fewer characters
are referenced than escape_wikitext's (issue 9: the newsletter's source was full of &#58; and &quot;)."""

from __future__ import annotations

import html
import random
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from wikis import LocalWiki

from wikitally.reports.wikitext import escape_prose, escape_wikitext

pytestmark = pytest.mark.wiki

PIECES = [
    *"[]{}|<>&'\"_~-=!*#:;/ ", "a", "b", "x", "é", "Ж",
    "[[", "]]", "{{", "}}", "{|", "|}", "-{", "}-", "~~~", "~~~~", "''", "'''", "__NOTOC__", "__", "----",
    "http://example.org/p", "https://example.org/q_r", "//example.org", "mailto:a@example.org",
    "ISBN 978-0-306-40615-7", "RFC 1234", "PMID 1234", "&amp;", "&#91;", "&nbsp;", "&lt;", "<b>", "</p>",
    "<!--", "-->", "<nowiki>", "<ref>", "Category:X", "File:X.png", "User:X", "[[Category:X]]", "{{PAGENAME}}",
    "==", "!!", "||", "=x=", "\u202e", "\u00a0",
]  # fmt: skip


def hostile_prose(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))


class TextOf(HTMLParser):
    """The text of each <p>, and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.tags: list[str] = []
        self._in_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "p":
            self._in_p = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_p = False

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self.paragraphs[-1] += data


def rendered(wiki: LocalWiki, wikitext: str) -> dict:
    return wiki.admin().post(
        action="parse",
        text=wikitext,
        contentmodel="wikitext",
        title="Prose test",
        pst=True,  # as when the page is saved: signatures and subst: would expand here
        prop=["text", "templates", "categories", "links", "sections", "iwlinks", "langlinks"],
        disablelimitreport=True,
    )["parse"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("line_start", [True, False], ids=["line-start", "mid-line"])
def test_random_hostile_prose_is_shown_as_typed(wiki_a: LocalWiki, line_start: bool) -> None:
    rng = random.Random(20261202 + line_start)
    inputs = [hostile_prose(rng) for _ in range(300)]
    lead = "" if line_start else "x "
    wikitext = "\n\n".join(lead + escape_prose(s, line_start=line_start) for s in inputs)
    page = rendered(wiki_a, wikitext)
    assert page["templates"] == [] and page["categories"] == [] and page["links"] == []
    assert page["sections"] == [] and page["iwlinks"] == [] and page["langlinks"] == []
    parser = TextOf()
    parser.feed(page["text"])
    # only paragraphs, line breaks MediaWiki adds, and the links it makes of URLs typed in the text
    assert set(parser.tags) <= {"div", "p", "a", "br"}, set(parser.tags)
    # A URL typed in the text becomes a link whose text MediaWiki percent-encodes ("[" → "%5B"); the pieces
    # hold no "%", so decoding the shown text gives back what was typed.
    assert [squeeze(unquote(p)) for p in parser.paragraphs] == [squeeze(lead + s) for s in inputs]


def test_prose_is_far_more_readable_than_the_strict_escaper() -> None:
    text = 'The jury said: "great work!" See https://example.org/a_b — 5 > 3 = true; Q&A (round 1)'
    assert escape_prose(text) == text.replace("&A", "&amp;A")
    assert escape_wikitext(text).count("&") == 7  # &quot; ×2, &#33; &#58; &gt; &#61; &amp;
    assert html.unescape(escape_prose(text)) == text
