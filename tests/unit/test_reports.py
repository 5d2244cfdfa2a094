"""Renderers: hostile wiki strings stay data in every output."""

import csv
import io
import json

from wikitally.metrics.outcome import METRICS
from wikitally.reports.csv_report import render_articles_csv, render_csv
from wikitally.reports.json_report import render_json
from wikitally.reports.table import render_table

HOSTILE = '=HYPERLINK("http://evil")'
BIDI = "Ana\u202egnp.exe"


def outcome():
    m = dict.fromkeys(METRICS, 1)
    return {
        "campaign": {"name": "[bold]Camp[/bold]", "start": "2024-03-08T09:00:00+01:00", "end": "2024-03-15"},
        "totals": m,
        "by_wiki": {"sq.wikipedia.org": m},
        "by_participant": [{"user": HOSTILE, **m}, {"user": BIDI, **m}, {"user": "-2+3", **m}],
        "articles": [
            {
                "wiki": "sq.wikipedia.org",
                "title": "@SUM(A1)",
                "status": "created",
                "edits": 1,
                "bytes_added": 1,
                "words_added": 1,
                "references_added": 1,
            }
        ],
        "uploads": [],
    }


def test_csv_cells_never_start_a_formula():
    rows = list(csv.reader(io.StringIO(render_csv(outcome()))))
    names = [r[1] for r in rows]
    assert "'" + HOSTILE in names and "'-2+3" in names
    assert all(not n.startswith(("=", "+", "-", "@")) for n in names)
    assert rows[0] == ["scope", "name", *METRICS]
    articles = list(csv.reader(io.StringIO(render_articles_csv(outcome()))))
    assert articles[1][1] == "'@SUM(A1)"


def test_table_prints_markup_literally_and_neutralises_bidi_overrides():
    text = render_table(outcome())
    assert "[bold]Camp[/bold]" in text  # shown as typed, not interpreted as rich markup
    assert "\u202e" not in text and "Ana\ufffdgnp.exe" in text


def test_json_round_trips_hostile_strings():
    out = outcome()
    assert json.loads(render_json(out)) == out


def test_one_csv_per_table():
    from wikitally.reports.csv_report import TABLES

    out = outcome()
    out["uploads"] = [
        {"wiki": "c.org", "title": "File:=x.png", "user": "A", "timestamp": "t", "in_use": True}
    ]
    sheets = {name: list(csv.reader(io.StringIO(render(out)))) for name, render in TABLES.items()}
    assert sheets["participants"][0] == ["user", *METRICS] and len(sheets["participants"]) == 4
    assert sheets["wikis"][1][0] == "sq.wikipedia.org"
    assert sheets["articles"][1][1] == "'@SUM(A1)"
    assert sheets["uploads"][1][1] == "File:=x.png" and sheets["uploads"][1][4] == "True"


def test_article_links_follow_the_wikis_own_layout():
    """Links were https://DOMAIN/wiki/… whatever the wiki: broken on any wiki not laid out like Wikimedia's."""
    from wikitally.model import SiteInfo
    from wikitally.services.publishing import article_url

    plain = SiteInfo(
        "a.wiki.test", (0,), {}, server="http://127.0.0.1:8181", article_path="/index.php?title=$1"
    )
    wikimedia = SiteInfo("sq.wikipedia.org", (0,), {}, server="//sq.wikipedia.org", article_path="/wiki/$1")
    assert (
        article_url("a.wiki.test", "Ana Kalaja (1)", plain)
        == "http://127.0.0.1:8181/index.php?title=Ana_Kalaja_(1)"
    )
    assert article_url("sq.wikipedia.org", "Tiranë", wikimedia) == "https://sq.wikipedia.org/wiki/Tiran%C3%AB"
    assert (
        article_url("sq.wikipedia.org", "Tiranë") == "https://sq.wikipedia.org/wiki/Tiran%C3%AB"
    )  # no siteinfo
