"""The wikitext report saved to and parsed by a real MediaWiki 1.39: hostile strings stay text."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest
from wikis import LocalWiki

from wikitally.metrics.outcome import METRICS
from wikitally.reports import i18n
from wikitally.reports.data import ArticleRow, Point, ReportData
from wikitally.reports.wikitext import escape_wikitext, render_wikitext, render_wikitext_pages

pytestmark = pytest.mark.wiki

HOSTILE = [
    "a|b",
    "}}{{evil}}",
    "{{subst:evil}}",
    "[[Category:X]]",
    "<script>alert(1)</script>",
    "''bold''",
    "a'''b",
    "__NOTOC__",
    "__NOINDEX__",
    "~~~~",
    "{|",
    "|}",
    "x\n|-\n| y",
    "x\n== Injected ==\ny",
    "</mapframe>",
    "-{zh-hans:a}-",
    "ISBN 978-3-16-148410-0",
    "RFC 1149",
    "https://evil.example/x",
    "[https://evil.example link]",
    "* item",
    "; term : definition",
    "----",
    " leading space",
    "!! header",
    "= heading =",
    "&lt;i&gt;",
]
MAPFRAME = re.compile(r"<mapframe ([^>\n]*)>\n(.*?)\n</mapframe>", re.DOTALL)


def metrics(**values: int) -> dict[str, int]:
    return {m: values.get(m, 0) for m in METRICS}


def hostile_report(wiki: LocalWiki) -> ReportData:
    """Every hostile string as a participant and as an article, on a Wikipedia (an interwiki link) and on
    the local wiki (an external link to its URL), all but one article located."""
    articles = []
    for i, h in enumerate(["Tirana", "Ниш", *HOSTILE]):
        domain = "sq.wikipedia.org" if i % 2 else wiki.domain
        articles.append(
            ArticleRow(
                wiki=domain,
                title=h,
                status=("created", "improved", "translated")[i % 3],  # type: ignore[arg-type]
                edits=i + 1,
                bytes_added=1000 * i,
                words_added=100 * i,
                references_added=i,
                url=f"https://{domain}/wiki/{quote(h.replace(' ', '_'))}",  # as given: made safe
                point=None if i == 1 else Point(41.0 + i / 10, 19.5 + i / 10),
            )
        )
    users = [{"user": h, **metrics(participants=1, edits=1)} for h in ["Vyolltsa", *HOSTILE]]
    outcome = {
        "campaign": {
            "name": "Camp }}{{evil}} [[Category:X]] ~~~~ __NOTOC__",
            "start": "2024-03-08T09:00:00+01:00",
            "end": "2024-03-15T23:59:59+01:00",
            "as_of": "2024-03-16T10:00:00+01:00",
        },
        "totals": metrics(participants=len(users), edits=len(users), articles_edited=len(articles)),
        "by_wiki": {
            "sq.wikipedia.org": metrics(participants=3, edits=9),
            wiki.domain: metrics(participants=2, edits=4),
        },
        "by_participant": users,
        "articles": [],
        "uploads": [],
    }
    return ReportData(outcome=outcome, articles=tuple(articles), timeline=(), wikidata_revisions=12)


@dataclass
class Html(HTMLParser):
    """What a parse's HTML holds: tables and their rows, tags, links, and its text as a reader sees it."""

    tables: list[tuple[str, int]] = field(default_factory=list)  # (class, rows)
    tags: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    new_links: list[str] = field(default_factory=list)  # titles of red links
    text: list[str] = field(default_factory=list)
    _open: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        for c in a.get("class", "").split():
            self.classes[c] += 1
        if tag == "table":
            self.tables.append((a.get("class", ""), 0))
            self._open.append(len(self.tables) - 1)
        elif tag == "tr" and self._open:
            cls, rows = self.tables[self._open[-1]]
            self.tables[self._open[-1]] = (cls, rows + 1)
        elif tag == "a" and "new" in a.get("class", "").split():
            self.new_links.append(a.get("title", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(html: str) -> Html:
    page = Html()
    page.feed(html)
    page.close()
    return page


def check_parse(answer: dict[str, Any], data: ReportData, wikitext: str) -> None:
    html = answer["text"]
    page = read(html)
    # Three sortable tables with a header row and one row per wiki (plus the total row), participant
    # and article.
    assert page.tables == [
        ("wikitable sortable", 1 + len(data.outcome["by_wiki"]) + 1),
        ("wikitable sortable", 1 + len(data.outcome["by_participant"])),
        ("wikitable sortable", 1 + len(data.articles)),
    ]
    assert html.count('<table class="wikitable sortable">') == 3
    # Nothing the strings could have made: errors, templates, categories, switches, scripts, magic links,
    # headings, rules, lists, preformatted text, bold/italics other than ours.
    assert 'class="error"' not in html and page.classes["error"] == 0
    assert not [t for t in page.new_links if t.startswith("Template:")]
    assert answer["templates"] == [] and answer["categories"] == []
    assert not {"notoc", "noindex", "newsectionlink"} & set(answer.get("properties") or {})
    sections = [(s["level"], s["line"]) for s in answer["sections"]]  # no heading came from a string
    assert sections[1:] == [("3", "Per wiki"), ("3", "Participants"), ("3", "Articles"), ("3", "Map")]
    assert sections[0][0] == "2" and sections[0][1].startswith(
        "Outcome of <bdi>Camp "
    )  # isolated: MediaWiki keeps <bdi>
    assert page.classes["toc"] == 1  # __NOTOC__ in a string did not hide the table of contents
    assert page.tags["script"] == 0 and page.classes["mw-magiclink"] == 0
    assert page.tags["hr"] == 0 and page.tags["pre"] == 0 and page.tags["dl"] == 0 and page.tags["ol"] == 0
    assert page.tags["ul"] == 3  # the table of contents (2 levels) and the articles without coordinates
    assert (
        page.tags["b"] == 2 and page.tags["i"] == 0
    )  # '''Articles without coordinates''', and the total row
    assert page.tags["h2"] == 2 and page.tags["h3"] == 4  # with the table of contents' own h2
    # External links are only the articles' own URLs (MediaWiki lists them with some escapes decoded).
    ours = {unquote(url) for url in re.findall(r"\[(https?://\S+) ", wikitext)}
    assert answer["externallinks"] and {unquote(url) for url in answer["externallinks"]} <= ours
    assert {urlsplit(url).hostname for url in answer["externallinks"]} == set(data.outcome["by_wiki"])
    # Every hostile string is shown to the reader exactly as it was (line breaks as spaces; MediaWiki
    # writes the space before a French-style "x :" as a no-break space).
    text = "".join(page.text).replace("\xa0", " ")
    for h in HOSTILE:
        assert h.replace("\n", " ").strip() in text, h
    # Kartographer isn't installed here: <mapframe> is shown as text, and its JSON body holds no markup
    # but the popups' article links.
    start, end = html.index("&lt;mapframe "), html.rindex("&lt;/mapframe&gt;")
    body = html[start:end]
    assert body.count('"type": "Feature"') == sum(1 for a in data.articles if a.point is not None)
    inside = re.findall(r"</?([a-z0-9]+)[\s>/]", body)
    assert set(inside) <= {"a", "p", "br"}, Counter(inside)


def check_geojson(wikitext: str, data: ReportData) -> None:
    found = MAPFRAME.findall(wikitext)
    assert len(found) == 1
    attrs, body = found[0]
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection"
    located = [a for a in data.articles if a.point is not None]
    assert len(collection["features"]) == len(located)
    for a, feature in zip(located, collection["features"], strict=True):
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and a.point == Point(lat, lon)
        props = feature["properties"]
        assert props["title"] == escape_wikitext(a.title)
        assert re.fullmatch(r"#[0-9a-f]{6}", props["marker-color"])
        assert re.fullmatch(r"[a-z-]+", props["marker-symbol"])
    for name in ("width", "height", "zoom", "latitude", "longitude", "text"):
        assert f'{name}="' in attrs


def test_report_saved_and_parsed_by_mediawiki_stays_data(wiki_a):
    data = hostile_report(wiki_a)
    wikitext = render_wikitext(data, i18n.translator("en"))
    check_geojson(wikitext, data)
    admin = wiki_a.admin()
    title = "Wikitally report test"
    admin.edit(title, wikitext, summary="wikitally wikitext report")
    prop = ["text", "categories", "templates", "externallinks", "properties", "sections", "links", "iwlinks"]

    # Saved: the pre-save transform changed nothing (no signature, no subst) and the page parses cleanly.
    stored = wiki_a.api_get(
        action="query", titles=title, prop=["revisions", "categories"], rvprop="content", rvslots="main"
    )["query"]["pages"][0]
    assert stored["revisions"][0]["slots"]["main"]["content"] == wikitext.rstrip("\n")
    assert stored.get("categories", []) == []
    page = wiki_a.api_get(action="parse", page=title, prop=prop)["parse"]
    check_parse(page, data, wikitext)

    # Not saved, with the pre-save transform: the same.
    preview = admin.post(
        action="parse", text=wikitext, contentmodel="wikitext", title=title, pst=True, prop=prop
    )
    check_parse(preview["parse"], data, wikitext)

    # Titles with quotes and colons still link to the right page (character references decode in targets).
    linked = {link["title"] for link in page["links"]} | {
        f"{link['prefix']}:{link['title']}" for link in page.get("iwlinks", [])
    }
    assert any(t.endswith("A'''b") or t.endswith("a'''b") for t in linked), linked
    assert any(t.endswith("Ниш") for t in linked), linked
    assert "User:Vyolltsa" in linked and "User:''bold''" in linked


def test_a_ten_thousand_article_report_is_saved_as_a_main_page_and_subpages(wiki_a):
    """5,000 articles made a 2.92 MB page that MediaWiki refused: now every page is under the wiki's own
    maxarticlesize (siteinfo), each is saved, and the main page links every subpage."""
    general = wiki_a.api_get(action="query", meta="siteinfo", siprop="general")["query"]["general"]
    max_kib = int(general["maxarticlesize"]) // 1024
    data = hostile_report(wiki_a)
    rows = tuple(
        ArticleRow(
            wiki="sq.wikipedia.org",
            title=f"Fshati {i}",
            status=("created", "improved")[i % 2],  # type: ignore[arg-type]
            edits=1 + i % 7,
            bytes_added=120 * i,
            words_added=17 * i,
            references_added=i % 9,
            url=f"https://sq.wikipedia.org/wiki/Fshati_{i}",
            point=Point(40 + (i % 300) / 100, 19 + (i % 250) / 100) if i % 3 else None,
        )
        for i in range(10_000)
    )
    data = ReportData(data.outcome, rows, (), wikidata_revisions=None)
    t = i18n.translator("en")
    assert len(render_wikitext(data, t).encode()) > max_kib * 1024
    pages = render_wikitext_pages(data, t, max_kib)
    assert len(pages) >= 3
    admin = wiki_a.admin()
    base = "Project:Outcome 10k"
    for page in pages:
        title = base if page.subpage is None else f"{base}/{page.subpage}"
        assert len(page.text.encode()) <= max_kib * 1024
        admin.edit(title, page.text, summary="wikitally report, split")  # refused if over the limit
    parsed = wiki_a.api_get(action="parse", page=base, prop=["links"])["parse"]
    # "Project:" comes back as the wiki's own name for the namespace
    linked = {link["title"].split(":", 1)[1]: "exists" in link for link in parsed["links"]}
    for page in pages[1:]:
        assert linked[f"Outcome 10k/{page.subpage}"], page.subpage  # a blue link to a saved subpage
