"""The Meta-Wiki wikitext report: golden files, hostile strings, the map's GeoJSON, other locales."""

from __future__ import annotations

import html
import json
import os
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest

from wikitally.metrics.outcome import METRICS
from wikitally.reports import i18n, messages
from wikitally.reports.data import ArticleRow, Point, ReportData
from wikitally.reports.i18n import Translator
from wikitally.reports.wikitext import (
    MARKERS,
    WikiPage,
    escape_prose,
    escape_wikitext,
    isolated,
    map_view,
    render_wikitext,
    render_wikitext_pages,
)

GOLDEN = Path(__file__).resolve().parent / "golden"
# WIKITALLY_UPDATE_GOLDEN=1 rewrites the golden files; otherwise they are compared byte for byte.
UPDATE_GOLDEN = os.environ.get("WIKITALLY_UPDATE_GOLDEN") == "1"
MAPFRAME = re.compile(r"<mapframe ([^>\n]*)>\n(.*?)\n</mapframe>", re.DOTALL)


def metrics(**values: int) -> dict[str, int]:
    return {m: values.get(m, 0) for m in METRICS}


def article(wiki: str, title: str, status: str, point: Point | None, **numbers: int) -> ArticleRow:
    return ArticleRow(
        wiki=wiki,
        title=title,
        status=status,  # type: ignore[arg-type]
        edits=numbers.get("edits", 1),
        bytes_added=numbers.get("bytes_added", 0),
        words_added=numbers.get("words_added", 0),
        references_added=numbers.get("references_added", 0),
        url=f"https://{wiki}/wiki/{title.replace(' ', '_')}",
        point=point,
        views=numbers.get("views"),
    )


def wikigap(coarsened: bool = False) -> ReportData:
    """A small WikiGap on the Albanian and Serbian Wikipedias and Commons."""
    sq = metrics(
        participants=2, new_editors=1, edits=14, edits_reverted=1, articles_created=2, articles_improved=1,
        articles_edited=3, bytes_added=18_412, words_added=2_305, references_added=21,
    )  # fmt: skip
    sr = metrics(
        participants=1, edits=6, articles_created=0, articles_improved=1, articles_edited=2,
        bytes_added=9_870, words_added=1_204, references_added=7,
    )  # fmt: skip
    commons = metrics(participants=1, edits=3, uploads=3, uploads_in_use=2)
    totals = metrics(
        participants=3, new_editors=1, edits=23, edits_reverted=1, articles_created=2, articles_improved=2,
        articles_edited=5, bytes_added=28_282, words_added=3_509, references_added=28, uploads=3,
        uploads_in_use=2,
    )  # fmt: skip
    outcome = {
        "campaign": {
            "name": "WikiGap Tirana 2024",
            "start": "2024-03-08T09:00:00+01:00",
            "end": "2024-03-15T23:59:59+01:00",
            "wikis": ["sq.wikipedia.org", "sr.wikipedia.org", "commons.wikimedia.org"],
            "hashtags": ["#WikiGap"],
            "tags": [],
            "namespaces": None,
            "listed_participants": 4,
            "as_of": "2024-03-16T10:00:00+01:00",
        },
        "totals": totals,
        "by_wiki": {"sq.wikipedia.org": sq, "sr.wikipedia.org": sr, "commons.wikimedia.org": commons},
        "by_participant": [
            {"user": "Vyolltsa", **metrics(participants=1, new_editors=1, edits=9, articles_created=2,
                                           bytes_added=12_001, words_added=1_650, references_added=15)},
            {"user": "Ана Марковић", **metrics(participants=1, edits=9, articles_improved=2, bytes_added=10_311,
                                               words_added=1_380, references_added=9, uploads=3)},
            {"user": "Besa Kelmendi", **metrics(participants=1, edits=5, articles_improved=1,
                                                bytes_added=5_970, words_added=479, references_added=4)},
        ],
        "articles": [],
        "uploads": [],
    }  # fmt: skip
    point = (lambda lat, lon: Point(round(lat, 1), round(lon, 1))) if coarsened else Point
    articles = (
        article("sq.wikipedia.org", "Musine Kokalari", "created", None, edits=5, bytes_added=8_211,
                words_added=1_102, references_added=9, views=412),
        article("sq.wikipedia.org", "Kalaja e Rozafës", "created", point(42.0469, 19.4939), edits=4,
                bytes_added=4_790, words_added=548, references_added=6, views=198),
        article("sq.wikipedia.org", "Tirana", "improved", point(41.3275, 19.8189), edits=5,
                bytes_added=5_411, words_added=655, references_added=6, views=2_871),
        article("sr.wikipedia.org", "Ниш", "improved", point(43.3209, 21.8958), edits=4, bytes_added=5_100,
                words_added=700, references_added=4, views=1_530),
        article("sr.wikipedia.org", "Надежда Петровић", "translated", point(43.8914, 20.3497), edits=2,
                bytes_added=4_770, words_added=504, references_added=3),
    )  # fmt: skip
    return ReportData(
        outcome=outcome,
        articles=articles,
        timeline=(),
        locations_coarsened=coarsened,
        wikidata_revisions=1_874,
    )


def mapframe(text: str) -> tuple[str, dict]:
    found = MAPFRAME.findall(text)
    assert len(found) == 1, text
    attrs, body = found[0]
    return attrs, json.loads(body)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run the tests once with WIKITALLY_UPDATE_GOLDEN=1"
    assert text.encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("coarsened", [False, True], ids=["exact", "coarsened"])
def test_english_report_matches_its_golden_file(coarsened):
    text = render_wikitext(wikigap(coarsened), i18n.translator("en"))
    check_golden(f"wikigap-en{'-coarsened' if coarsened else ''}.wiki", text)


def test_headline_is_the_newsletter_sentence():
    text = render_wikitext(wikigap(), i18n.translator("en"))
    assert (
        "3 editors created or improved 5 articles on Wikipedia, added 3.5K words and 28 references, "
        "uploaded 3 files to Wikimedia Commons, and made 1.9K edits on Wikidata."
    ) in text.splitlines()


def test_headline_leaves_out_what_there_is_nothing_of():
    data = wikigap()
    totals = dict(data.outcome["totals"], uploads=0, words_added=0, references_added=0)
    by_wiki = {w: dict(m, uploads=0) for w, m in data.outcome["by_wiki"].items()}
    data = replace(data, outcome=dict(data.outcome, totals=totals, by_wiki=by_wiki), wikidata_revisions=None)
    line = render_wikitext(data, i18n.translator("en")).splitlines()[3]
    assert line == "3 editors created or improved 5 articles on Wikipedia."


def test_tables_are_sortable_and_sort_by_value():
    text = render_wikitext(wikigap(), i18n.translator("en"))
    assert text.count('{| class="wikitable sortable"\n') == 3 and text.count("\n|}\n") == 3
    assert '| data-sort-value="18412" | 18,412' in text
    assert "| [[User:Ана Марковић|Ана Марковић]]" in text
    assert "| [[:sq:Kalaja e Rozafës|Kalaja e Rozafës]]" in text
    assert "| [[:sr:Надежда Петровић|Надежда Петровић]]" in text
    # rows: per wiki 3, participants 3, articles 5 (the one without coordinates too)
    tables = re.findall(r"\{\| class=\"wikitable sortable\"\n(.*?)\n\|\}", text, re.DOTALL)
    assert [t.count("\n|-\n") + t.startswith("|-") for t in tables] == [3, 3, 5]


def test_per_wiki_table_ends_with_a_total_row_that_stays_at_the_bottom():
    text = render_wikitext(wikigap(), i18n.translator("en"))
    table = text.split("=== Per wiki ===\n", 1)[1].split("\n|}\n", 1)[0]
    total = table.split('\n|- class="sortbottom"\n', 1)[1].splitlines()
    assert total[0] == "| '''Total'''"
    # participants (3) and new editors (1) are the campaign's, not the wikis' sum (2 + 1 + 1 = 4): a person
    # on two wikis is one participant; the other columns add up the wikis
    values = [int(re.match(r'\| data-sort-value="(\d+)"', cell).group(1)) for cell in total[1:]]
    assert values == [3, 1, 23, 1, 2, 2, 28_282, 3_509, 28, 3, 2]
    assert '| data-sort-value="28282" | 28,282' in total
    ru = i18n.translator("ru")
    assert "| '''Итого'''" in render_wikitext(wikigap(), ru)


def test_map_has_one_feature_per_located_article_coloured_by_status():
    data = wikigap()
    text = render_wikitext(data, i18n.translator("en"))
    attrs, collection = mapframe(text)
    assert collection["type"] == "FeatureCollection"
    located = [a for a in data.articles if a.point is not None]
    assert len(collection["features"]) == len(located) == 4
    for a, feature in zip(located, collection["features"], strict=True):
        assert a.point is not None
        assert feature["geometry"] == {"type": "Point", "coordinates": [a.point.lon, a.point.lat]}
        assert feature["properties"]["title"] == a.title
        assert feature["properties"]["marker-color"] == MARKERS[a.status][0]
        assert feature["properties"]["marker-symbol"] == MARKERS[a.status][1]
        assert re.fullmatch(r"#[0-9a-f]{6}", feature["properties"]["marker-color"])
    assert (
        'width="800" height="450"' in attrs and 'text="Articles of WikiGap Tirana 2024 on the map"' in attrs
    )
    legend = text.split("</mapframe>\n", 1)[1].splitlines()[0]
    assert re.sub(r"<span[^>]*>●</span> ", "", legend) == (
        "created article (1) · improved article (2) · translated article (1)"
    )
    assert "Musine Kokalari" not in json.dumps(collection, ensure_ascii=False)
    listed = text.split("'''Articles without coordinates'''\n", 1)[1]
    assert listed.startswith(
        "* <bdi>[[:sq:Musine Kokalari|Musine Kokalari]]</bdi> · sq.wikipedia.org · created\n"
    )


def test_map_view_centres_and_fits_the_points():
    lat, lon, zoom = map_view([Point(41.3275, 19.8189), Point(43.8914, 21.8958)])
    assert 41.3 < lat < 43.9 and lon == pytest.approx(20.8574, abs=1e-4)
    assert zoom == 7  # ~2.6° of latitude in 450 px
    assert map_view([Point(41.3, 19.8)]) == (41.3, 19.8, 12)
    assert map_view([Point(41.3, 19.8)], max_zoom=9)[2] == 9
    assert map_view([Point(-60, -170), Point(70, 170)])[2] <= 1


def test_coarsened_locations_carry_the_note_and_zoom_out():
    exact = render_wikitext(wikigap(), i18n.translator("en"))
    coarse = render_wikitext(wikigap(coarsened=True), i18n.translator("en"))
    note = f"''{messages.MAP_COARSENED}''"
    assert note not in exact and note in coarse
    one = replace(wikigap(coarsened=True), articles=wikigap(coarsened=True).articles[1:2])
    assert 'zoom="9"' in render_wikitext(one, i18n.translator("en"))


def test_no_data_says_so():
    data = wikigap()
    data = replace(data, outcome=dict(data.outcome, by_participant=[]), articles=())
    text = render_wikitext(data, i18n.translator("en"))
    assert text.endswith(f"\n\n{messages.NO_DATA}\n") and "{|" not in text and "<mapframe" not in text


HOSTILE = [
    "a|b",
    "}}{{evil}}",
    "[[Category:X]]",
    "<script>alert(1)</script>",
    "''bold''",
    "a'''b",
    "__NOTOC__",
    "~~~~",
    "{|",
    "|}",
    "x\n|-\n| y",
    "x\n== Injected ==",
    "</mapframe>",
    "-{zh-hans:a}-",
    "ISBN 978-3-16-148410-0",
    "RFC 1149",
    "PMID 12345",
    "https://evil.example/x",
    "mailto:evil@example.org",
    "&lt;i&gt;",
    "* item",
    "# item",
    "; term : definition",
    ": indent",
    "----",
    " leading space",
    "!! header",
    "= heading =",
    '"quoted" & <b>',
    "{{subst:evil}}",
    "[https://evil.example link]",
]


def hostile_report() -> ReportData:
    data = wikigap()
    users = [{"user": h, **metrics(edits=1)} for h in HOSTILE]
    outcome = dict(data.outcome, by_participant=users)
    outcome["campaign"] = dict(outcome["campaign"], name="Camp }}{{evil}} [[Category:X]]")
    point = Point(41.0, 20.0)
    articles = tuple(
        replace(
            article("sq.wikipedia.org" if i % 2 else "meta.wikimedia.org", h, "created", point),
            url="https://sq.wikipedia.org/wiki/" + h,  # as given: the renderer must make it safe
        )
        for i, h in enumerate(HOSTILE)
    )
    return replace(data, outcome=outcome, articles=(*articles, *data.articles))


def test_hostile_strings_only_ever_appear_escaped():
    text = render_wikitext(hostile_report(), i18n.translator("en"))
    # External links' URLs are percent-encoded to a few inert characters; the rest must hold no hostile string.
    urls = re.findall(r"\[(https?://\S*) ", text)
    assert len(urls) > len(HOSTILE) // 2  # every meta.wikimedia.org row, and sq rows with impossible titles
    assert all(re.fullmatch(r"https://[A-Za-z0-9.\-]+/[A-Za-z0-9%/:.,()?=+@&_\-]*", u) for u in urls), urls
    assert not any("__" in u for u in urls)
    prose = re.sub(r"\[https?://\S* ", "[URL ", text)
    for h in HOSTILE:
        assert escape_wikitext(h) in prose, h  # shown, escaped
        # Markup only at a line's start; the escaped form may contain the rest ("&#59; term : definition").
        if h[0] in "*#;:- ":
            assert "\n" + h not in text, h
        elif h not in ("{|", "|}", "</mapframe>"):  # our own markup too: counted below
            assert h not in prose, h
    # The structure is only ours: 3 tables, 5 headings, no markup from the strings.
    assert text.count("{|") == 3 and text.count("|}") == 3 and text.count("{{") == 0
    assert len(re.findall(r"^=", text, re.MULTILINE)) == 5
    assert "[[Category:" not in text and "<script" not in text and "__" not in text and "~~~" not in text
    assert "''bold" not in prose and "-{" not in prose and "ISBN" not in prose
    assert text.count("</mapframe") == 1
    # every table line is a row separator, a cell or a header: the strings added none
    for block in re.findall(r"\{\| class=\"wikitable sortable\"\n(.*?)\n\|\}", text, re.DOTALL):
        rows = ("|-", "|", '|- class="sortbottom"')
        assert all(line in rows or line.startswith(("| ", "! ")) for line in block.splitlines())


def test_hostile_titles_in_the_map_are_escaped_valid_json():
    data = hostile_report()
    text = render_wikitext(data, i18n.translator("en"))
    _, collection = mapframe(text)
    located = [a for a in data.articles if a.point is not None]
    assert len(collection["features"]) == len(located)
    titles = [f["properties"]["title"] for f in collection["features"]]
    assert titles[HOSTILE.index("</mapframe>")] == "&lt;/mapframe&gt;"
    assert titles[HOSTILE.index("a|b")] == "a&#124;b"
    assert titles[HOSTILE.index("x\n|-\n| y")] == "x &#124;- &#124; y"


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a&#124;b"),
        ("}}{{evil}}", "&#125;&#125;&#123;&#123;evil&#125;&#125;"),
        ("[[Category:X]]", "&#91;&#91;Category&#58;X&#93;&#93;"),
        ("<script>", "&lt;script&gt;"),
        ("''bold''", "&#39;&#39;bold&#39;&#39;"),
        ("L'Aquila", "L'Aquila"),
        ("'s-Hertogenbosch", "&#39;s-Hertogenbosch"),
        ("__NOTOC__", "&#95;&#95;NOTOC&#95;&#95;"),
        ("snake_case", "snake_case"),
        ("~~~~", "&#126;&#126;&#126;&#126;"),
        ("x\n|-", "x &#124;-"),
        ("* a", "&#42; a"),
        ("----", "&#45;---"),
        (" pre", "&#32;pre"),
        ("ISBN 123", "&#73;SBN 123"),
        ("https://e.org", "https&#58;//e.org"),
        ("Star Wars: Episode I", "Star Wars: Episode I"),
        ("10:30", "10:30"),
        ("mailto:x", "mailto&#58;x"),
        ("AT&T", "AT&amp;T"),
        ("&#124;", "&amp;#124;"),
        ("Ниш", "Ниш"),
        ("a\x00b", "a\ufffdb"),
    ],
)
def test_escape_wikitext(raw, escaped):
    assert escape_wikitext(raw) == escaped


def test_titles_mediawiki_refuses_are_shown_not_linked():
    data = wikigap()
    bad = replace(data.articles[1], title="A|B]]", url="javascript:alert(1)")
    text = render_wikitext(replace(data, articles=(bad,)), i18n.translator("en"))
    assert "| A&#124;B&#93;&#93;\n" in text and "javascript" not in text
    external = replace(
        data.articles[1], wiki="meta.wikimedia.org", url="https://meta.wikimedia.org/wiki/A'~b c"
    )
    text = render_wikitext(replace(data, articles=(external,)), i18n.translator("en"))
    assert "[https://meta.wikimedia.org/wiki/A%27%7Eb%20c Kalaja e Rozafës]" in text


def test_numbers_follow_the_locale_and_sort_by_value():
    # Babel's number formats need no catalogue: a Translator without one writes English words, Russian numbers.
    t = Translator("ru", None)
    text = render_wikitext(wikigap(), t)
    assert '| data-sort-value="18412" | 18\xa0412' in text
    assert "3,5\xa0тыс. words" in text and "1,9\xa0тыс. edits on Wikidata" in text


@pytest.mark.parametrize("language", sorted(set(i18n.LANGUAGES) - {"en"}))
def test_translated_report_keeps_its_structure(language):
    if not i18n.po_path(language).exists():
        pytest.skip(f"no catalogue for {language} yet")
    t = i18n.translator(language)
    text = render_wikitext(wikigap(), t)
    assert text.count('{| class="wikitable sortable"\n') == 3 and text.count("\n|}\n") == 3
    assert len(re.findall(r"^=", text, re.MULTILINE)) == 5
    assert f'| data-sort-value="18412" | {t.number(18412)}' in text
    assert escape_wikitext(t.gettext(messages.STATUS_CREATED)) in text
    _, collection = mapframe(text)
    assert len(collection["features"]) == 4


def test_the_campaign_name_is_isolated_and_the_time_has_its_zone():
    """A U+202E in the campaign's name reversed the whole heading; "as of 10:00" had no zone (it was +01:00)."""
    data = wikigap()
    data.outcome["campaign"]["name"] = "Evil \u202egninnuR [[x]]"
    text = render_wikitext(data, i18n.translator("en"))
    first, second = text.splitlines()[:2]
    assert first == "== Outcome of <bdi>Evil \u202egninnuR &#91;&#91;x&#93;&#93;</bdi> =="
    assert second.endswith("Numbers as of Mar 16, 2024, 9:00:00\u202fAM UTC")  # CLDR: a narrow no-break space


def test_isolated_escapes_the_template_and_each_value():
    assert isolated("* {campaign}: ''{user}''", campaign="[[A]]", user="B'") == (
        "&#42; <bdi>&#91;&#91;A&#93;&#93;</bdi>&#58; &#39;&#39;<bdi>B&#39;</bdi>&#39;&#39;"
    )


def many_articles(n: int) -> ReportData:
    data = wikigap()
    rows = tuple(
        ArticleRow(
            wiki="sq.wikipedia.org",
            title=f"Fshati {i} 'x'",
            status="created" if i % 3 else "improved",
            edits=1 + i % 4,
            bytes_added=100 * i,
            words_added=10 * i,
            references_added=i % 5,
            url=f"https://sq.wikipedia.org/wiki/Fshati_{i}",
            point=Point(41 + i / 1000, 20 + i / 1000) if i % 2 else None,
        )
        for i in range(n)
    )
    return replace(data, articles=rows)


def test_a_small_report_is_one_page():
    data = wikigap()
    assert render_wikitext_pages(data, i18n.translator("en")) == [
        WikiPage(None, render_wikitext(data, i18n.translator("en")))
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_big_report_is_split_into_subpages_under_the_limit(language):
    """5,000 articles made 2.92 MB of wikitext, which MediaWiki refuses (2,048 KiB): split it, each page
    under the limit, every article in exactly one table part and every located one on exactly one map."""
    t = i18n.translator(language)
    data = many_articles(600)
    pages = render_wikitext_pages(data, t, max_page_kib=40)
    assert len(render_wikitext(data, t).encode()) > 40 * 1024
    assert all(len(p.text.encode()) <= 40 * 1024 for p in pages)
    main, *subpages = pages
    assert main.subpage is None and len(subpages) >= 4
    names = [p.subpage for p in subpages]
    articles, map_ = t.gettext(messages.SECTION_ARTICLES), t.gettext(messages.SECTION_MAP)
    assert all(n is not None and (n.startswith(articles + " ") or n.startswith(map_ + " ")) for n in names)
    for name in names:
        assert f"* [[/{name}]] (" in main.text  # the contents list links each subpage (relative link)
    tables = "".join(p.text for p in subpages if p.subpage.startswith(articles + " "))
    maps = "".join(p.text for p in subpages if p.subpage.startswith(map_ + " "))
    assert all(tables.count(f"[[:sq:Fshati {i} ") == 1 for i in range(600))
    assert len(re.findall(r"^\|-$", tables, re.MULTILINE)) == 600
    assert maps.count('"type": "Feature"') == 300
    assert all(p.text.startswith("← [[../]]") for p in subpages)
    assert "Fshati" not in main.text  # the main page holds the summary tables and the contents list


@pytest.mark.parametrize("unit", ["~", "[[", "{{", "&a", "''", "__", "[a", "!!"])
def test_escape_prose_is_linear_on_any_input(unit):
    """A run of "~" was measured again for each of its characters: 1 MB took hours. A hang guard, not a
    timing: each 1 MB input must finish well within 5 s, and stay text."""
    text = unit * (1_000_000 // len(unit))
    started = time.process_time()
    escaped = escape_prose(text)
    assert time.process_time() - started < 5
    assert html.unescape(escaped) == text
