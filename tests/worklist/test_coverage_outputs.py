"""Coverage in the publishing outputs: every format shows it, hostile names stay inert, points stay coarse."""

from dataclasses import replace
from datetime import date

from wikitally.metrics.coverage import ArticleState, coverage, resolve
from wikitally.metrics.geo import coarsen
from wikitally.metrics.outcome import METRICS
from wikitally.model import Point, WorklistItem
from wikitally.reports.csv_report import TABLES
from wikitally.reports.data import DayCount, ReportData
from wikitally.reports.html import render_html
from wikitally.reports.i18n import translator
from wikitally.reports.wikitext import render_wikitext

SQ = "sq.wikipedia.org"
EVIL = "<script>alert(1)</script>{{Delete}}[[Category:X]]'''"
EXACT = Point(41.327953, 19.819025)


def data(sensitive: bool = False) -> ReportData:
    items = [
        WorklistItem("Q1", SQ, "Tirana", "Tiranë", Point(41.3, 19.8)),
        WorklistItem(None, SQ, "=cmd|'/C calc'!A0", EVIL, EXACT),
        WorklistItem(None, SQ, "Done", None, Point(40.0, 20.0)),
    ]
    states = {
        (SQ, "Tirana"): ArticleState(SQ, "Tirana", "Tirana", True, True),
        (SQ, "Done"): ArticleState(SQ, "Done", "Done", True, False),
    }
    articles = [{"wiki": SQ, "title": "Done", "status": "created"}]
    covered = resolve(items, {"Q1": {SQ: "Tirana"}}, states, (SQ,), articles, sensitive_everywhere=sensitive)
    zero = dict.fromkeys(METRICS, 0)
    outcome = {
        "campaign": {
            "name": "Drive",
            "start": "2024-03-08T00:00:00+01:00",
            "end": "2024-03-15T23:59:59+01:00",
            "wikis": [SQ],
            "hashtags": [],
            "tags": [],
            "as_of": "2024-03-16T10:00:00+00:00",
        },
        "totals": {**zero, "edits": 1, "participants": 1, "articles_created": 1, "articles_edited": 1},
        "by_wiki": {SQ: {**zero, "edits": 1}},
        "by_participant": [{"user": "Ana", **zero, "edits": 1}],
        "articles": articles,
        "uploads": [],
        "coverage": coverage(covered, (SQ,)),
    }
    return ReportData(outcome, (), (DayCount(date(2024, 3, 8), 1, 1),), worklist=tuple(covered))


def test_wikitext_shows_table_bar_map_and_missing_inertly():
    text = render_wikitext(data(), translator("en"))
    assert "=== Worklist coverage ===" in text and "2 of 3 items have an article (66 %)." in text
    assert "<mapframe" in text and '"marker-color": "#d73333"' in text  # the missing item, in red
    assert "<script>" not in text and "{{Delete}}" not in text and "[[Category:X]]" not in text
    assert "[[d:Q1|Q1]]" not in text  # Q1 is covered, so not in the missing table


def test_html_shows_section_and_escapes():
    page = render_html(data(), translator("en"))
    assert 'id="coverage"' in page and 'aria-valuenow="66"' in page and 'id="coverage-map"' in page
    assert EVIL not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_csv_tables_and_formula_guard():
    outcome = data().outcome
    assert TABLES["coverage"](outcome).splitlines() == ["wiki,before,now,created,improved", f"{SQ},1,2,1,0"]
    missing = TABLES["missing"](outcome).splitlines()
    assert missing[0] == "item,title,label" and missing[1].startswith(",'=cmd")


def test_missing_items_points_are_coarsened_in_every_output():
    d = data()
    evil = next(i for i in d.worklist or () if i.label == EVIL)
    assert evil.point == coarsen(EXACT)
    for text in (render_wikitext(d, translator("en")), render_html(d, translator("en"))):
        assert "41.327953" not in text and "19.819025" not in text


def test_sensitive_everywhere_coarsens_covered_items_too():
    covered = {i.title: i.point for i in data(sensitive=True).worklist or ()}
    assert covered["Tirana"] == coarsen(Point(41.3, 19.8))
    assert replace(data(), worklist=None).worklist is None


def test_wikitext_shortens_a_long_missing_list_and_map():
    from wikitally.reports.wikitext import MAX_WIKITEXT_ITEMS

    n = MAX_WIKITEXT_ITEMS + 5
    items = [
        WorklistItem(f"Q{k}", SQ, None, f"Village {k}", Point(40 + k / 10000, 20)) for k in range(1, n + 1)
    ]
    covered = resolve(items, {}, {}, (SQ,), [])
    d = replace(
        data(), outcome={**data().outcome, "coverage": coverage(covered, (SQ,))}, worklist=tuple(covered)
    )
    text = render_wikitext(d, translator("en"))
    assert "… and 5 more" in text
    assert text.count("[[d:Q") == MAX_WIKITEXT_ITEMS and text.count('"type": "Feature"') == MAX_WIKITEXT_ITEMS
