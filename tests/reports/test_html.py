"""The HTML report, read as text and through html.parser: escaping, numbers, charts, map lists, size."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import itertools
import json
import random
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from babel import Locale

from wikitally.metrics.outcome import METRICS
from wikitally.reports import i18n, messages
from wikitally.reports.columns import WIKI_COLUMNS
from wikitally.reports.data import ArticleRow, DayCount, Point, ReportData, Status
from wikitally.reports.html import render_html, script_json, timeline_buckets

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
CLOSE = "</script><script>alert(2)</script>"
EN = i18n.translator("en")


def metrics(**values: int) -> dict[str, int]:
    return {**dict.fromkeys(METRICS, 0), **values}


def article(wiki: str, title: str, status: Status, point: Point | None, **numbers: int) -> ArticleRow:
    return ArticleRow(
        wiki=wiki,
        title=title,
        status=status,
        edits=numbers.get("edits", 1),
        bytes_added=numbers.get("bytes_added", 100),
        words_added=numbers.get("words_added", 10),
        references_added=numbers.get("references_added", 1),
        url=f"https://{wiki}/wiki/{quote(title.replace(' ', '_'), safe='')}",
        point=point,
    )


ARTICLES = (
    article("sq.wikipedia.org", "Kalaja e Rozafës", "created", Point(42.0469, 19.4931), bytes_added=12345),
    article("sq.wikipedia.org", SCRIPT, "improved", Point(41.3275, 19.8187), words_added=1234),
    article("sr.wikipedia.org", "Манастир Студеница", "created", Point(43.4864, 20.5317), edits=9),
    article("sr.wikipedia.org", ATTR, "translated", None),
    article("sq.wikipedia.org", CLOSE, "improved", None),
    article("el.wikipedia.org", "Κάστρο της Άρτας — 1", "improved", Point(39.16, 20.98)),
)
USERS = [SCRIPT, ATTR, CLOSE, "Vyolltsa", "Милица", *(f"User {i}" for i in range(7))]


def sample(days: int = 8, coarsened: bool = False, articles: tuple[ArticleRow, ...] = ARTICLES) -> ReportData:
    by_wiki = {
        "sq.wikipedia.org": metrics(
            participants=2, edits=1200, words_added=12000, articles_edited=50, uploads=4
        ),
        "sr.wikipedia.org": metrics(participants=1, edits=34, words_added=345, articles_edited=6),
        "el.wikipedia.org": metrics(participants=1, edits=0),
    }
    outcome = {
        "campaign": {
            "name": f"WikiGap {CLOSE} {ATTR}",
            "start": "2024-03-08T00:00:00+01:00",
            "end": "2024-03-15T23:59:59+01:00",
            "wikis": list(by_wiki),
            "hashtags": ["#WikiGap", f"#{SCRIPT}"],
            "tags": [],
            "as_of": "2024-03-16T10:00:00+00:00",
        },
        "totals": metrics(
            participants=3,
            new_editors=2,
            edits=1234,
            articles_edited=56,
            words_added=12345,
            references_added=789,
            uploads=4,
        ),
        "by_wiki": by_wiki,
        "by_participant": [{"user": u, **metrics(edits=100 - i)} for i, u in enumerate(USERS)],
        "articles": [],
        "uploads": [],
    }
    timeline = tuple(DayCount(date(2024, 3, 8) + timedelta(days=i), i * 3, i * 40) for i in range(days))
    return ReportData(outcome, articles, timeline, locations_coarsened=coarsened)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def element(out: str, element_id: str) -> str:
    """The text from an element's start tag to the next close of the same tag (no nesting of it inside)."""
    start = re.search(rf'<(\w+)[^>]* id="{element_id}"', out)
    assert start, element_id
    end = out.index(f"</{start.group(1)}>", start.start())
    return out[start.start() : end]


def test_hostile_wiki_strings_stay_text():
    out = render_html(sample(), EN)
    for hostile in (SCRIPT, ATTR, CLOSE):
        assert hostile not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in out
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in out
    parsed = Tags(out)
    assert parsed.named("img") == []
    assert [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")] == []
    # The map's JSON data, Leaflet and the page's script; nothing else is a script.
    assert [a.get("type") for a in parsed.named("script")] == ["application/json", None, None]
    assert not any("alert(" in code for code in parsed.scripts)


def test_only_the_pages_own_scripts_may_run():
    """The Content-Security-Policy lists the hashes of exactly the executable inline scripts."""
    out = render_html(sample(), EN)
    parsed = Tags(out)
    (csp,) = [a["content"] for a in parsed.named("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp is not None
    script_src = re.search(r"script-src ([^;]+);", csp)
    assert script_src
    code = [s for s, a in zip(parsed.scripts, parsed.named("script"), strict=True) if a.get("type") is None]
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() + "'" for c in code}
    assert set(script_src.group(1).split()) == hashes
    assert "default-src 'none'" in csp and "img-src https://tile.openstreetmap.org data:" in csp


def test_json_in_script_is_inert():
    value = {"title": SCRIPT + ATTR + CLOSE + "<!-- & \u2028\u2029"}
    text = script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value
    out = render_html(sample(), EN)
    data = Tags(out).scripts[0]
    assert not set(data) & {"<", ">", "&", "\u2028", "\u2029"}
    config = json.loads(data)
    assert config["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    # [lat, lon, status index, row of the article table]: the placed articles, in table order.
    assert config["points"] == [
        [42.0469, 19.4931, 0, 0],
        [41.3275, 19.8187, 1, 1],
        [43.4864, 20.5317, 0, 2],
        [39.16, 20.98, 1, 5],
    ]


def test_headline_numbers():
    out = render_html(sample(), EN)
    stats = element(out, "stats")
    assert "<b>3</b> editors" in stats
    assert "<b>2</b> new editors" in stats
    assert "<b>1,234</b> edits" in stats
    assert "<b>56</b> articles" in stats
    assert "<b>12,345</b> words" in stats
    assert "<b>789</b> references" in stats
    assert "<b>4</b> uploads" in stats
    assert "Wikidata" not in stats
    headline = element(out, "headline")
    assert "<b>3</b> editors created or improved <b>56</b> articles on Wikipedia" in headline
    assert "uploaded <b>4</b> files to Wikipedia" in headline  # local uploads, on sq.wikipedia


def test_headline_numbers_agree_with_their_nouns():
    """Boxes said "Editors: 1" and "Wikipedia: 1 articles edited/created"."""
    data = sample()
    totals = dict(data.outcome["totals"], participants=1, new_editors=1, articles_edited=1, uploads=1)
    stats = element(
        render_html(dataclasses.replace(data, outcome=dict(data.outcome, totals=totals)), EN), "stats"
    )
    assert "<b>1</b> editor<" in stats and "<b>1</b> new editor<" in stats
    assert "<b>1</b> article<" in stats and "<b>1</b> upload<" in stats


def test_wikidata_headline_and_views_column_when_present():
    rows = (
        dataclasses.replace(ARTICLES[0], views=12_345),
        dataclasses.replace(ARTICLES[2], views=None),
    )
    out = render_html(dataclasses.replace(sample(articles=rows), wikidata_revisions=5678), EN)
    assert "made <b>5.7K</b> edits on Wikidata" in element(out, "headline")
    table = element(out, "articles")
    assert '<th scope="col" class="num">Views</th>' in table
    assert '<td data-sort="12345">12,345\n' in table and '<td data-sort="-1">\n' in table  # unknown: last
    assert "Views" not in render_html(sample(), EN)


def test_header_title_dates_and_language():
    out = render_html(sample(), EN)
    assert out.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in out
    assert "<title>Outcome of \u2068WikiGap &lt;/script&gt;" in out
    assert '<h1 id="top">Outcome of <bdi>WikiGap &lt;/script&gt;' in out
    assert "March 8, 2024 – March 15, 2024" in out
    assert re.search(r"Numbers as of [^<]* UTC</p>", out)


def test_a_right_to_left_override_in_the_name_stays_inside_it():
    """U+202E in a campaign's name reverses only the name: <bdi> in the heading, FSI…PDI in <title>."""
    data = sample()
    data.outcome["campaign"]["name"] = "Evil \u202egninnuR"
    out = render_html(data, EN)
    assert '<h1 id="top">Outcome of <bdi>Evil \u202egninnuR</bdi></h1>' in out
    assert "<title>Outcome of \u2068Evil \u202egninnuR\u2069</title>" in out


def test_right_to_left_locale_sets_dir_and_mirrors_charts():
    t = i18n.Translator("en", None)
    t.locale = Locale.parse("ar")
    out = render_html(sample(), t)
    assert '<html lang="ar" dir="rtl">' in out
    assert out.count('direction="rtl"') == 3


@pytest.mark.parametrize("days", [1, 8, 31])
def test_timeline_has_one_bar_per_day(days):
    svg = element(render_html(sample(days=days), EN), "chart-timeline")
    bars = re.findall(r'<rect class="bar" data-day="([\d-]+)"', svg)
    assert bars == [(date(2024, 3, 8) + timedelta(days=i)).isoformat() for i in range(days)]
    assert '<title id="chart-timeline-title">Edits per day</title>' in svg
    assert re.search(r'<desc id="chart-timeline-desc">March 8, 2024 – .*? edits · .*? words</desc>', svg)
    assert 'role="img" aria-labelledby="chart-timeline-title chart-timeline-desc"' in svg
    assert "<polyline" in svg and ">Edits</text>" in svg and ">Words added</text>" in svg


def test_per_wiki_and_top_participant_bars():
    out = render_html(sample(), EN)
    wikis = element(out, "chart-wikis")
    assert wikis.count('<rect class="bar"') == 3
    assert ">sq.wikipedia.org</text>" in wikis and ">1,200</text>" in wikis
    top = element(out, "chart-top")
    assert top.count('<rect class="bar"') == 10  # of 12 participants
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in top
    assert "User 6" not in top


def test_legend_counts_placed_articles_by_status():
    legend = element(render_html(sample(), EN), "legend")
    assert "created article (2)" in legend
    assert "improved article (2)" in legend
    assert "translated" not in legend  # the translated article has no coordinates


def test_places_and_articles_without_coordinates_are_listed():
    out = render_html(sample(), EN)
    places = element(out, "places")
    assert "<summary>4 articles</summary>" in places
    assert "Kalaja e Rozafës</bdi> <small>42.0469°\u00a019.4931°</small>" in places
    assert "Манастир Студеница" in places and "&lt;img" not in places
    assert '<h3 id="h-unplaced">Articles without coordinates</h3>' in out
    unplaced = element(out, "unplaced")
    assert "<summary>2 articles</summary>" in unplaced
    assert '<li class="translated">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;' in unplaced
    assert '<li class="improved">&lt;/script&gt;' in unplaced
    assert '<div id="map" hidden>' in out  # shown only by the script, when Leaflet runs


def test_coarsened_note_only_when_locations_are_coarsened():
    note = "Locations are rounded to about 10 km to protect sensitive sites."
    assert note in render_html(sample(coarsened=True), EN)
    assert note not in render_html(sample(), EN)


def test_article_table_cells_links_and_sort_values():
    out = render_html(sample(), EN)
    table = element(out, "articles")
    assert table.count("<tr><td>") == len(ARTICLES)
    assert '<td data-sort="12345">12,345' in table  # locale-formatted, sortable by the integer
    assert "<td>9<td>" in table  # the same either way: no data-sort
    assert '<a href="https://sr.wikipedia.org/wiki/Манастир_Студеница">' in table  # an IRI: a third the size
    assert (
        '<a href="https://el.wikipedia.org/wiki/Κάστρο_της_Άρτας_%E2%80%94_1">' in table
    )  # dash stays escaped
    assert '<a href="https://sq.wikipedia.org/wiki/%3Cscript%3Ealert%281%29%3C%2Fscript%3E">' in table
    assert 'class="sortable t-articles"' in table and '<th scope="col" class="num">Words added</th>' in table


def test_only_http_links():
    row = ArticleRow("sq.wikipedia.org", "X", "created", 1, 1, 1, 1, url="javascript:alert(1)")
    out = render_html(sample(articles=(row,)), EN)
    assert "javascript:" not in out
    assert "<td><bdi>X</bdi>" in out


def test_tile_server_is_a_parameter():
    out = render_html(
        sample(), EN, tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png", tile_attribution="T"
    )
    assert "img-src https://*.tiles.example.org data:" in out
    assert '"tiles":"https://{s}.tiles.example.org/{z}/{x}/{y}.png","attribution":"T"' in out
    with pytest.raises(ValueError):
        render_html(sample(), EN, tile_url="javascript:alert(1)//{z}/{x}/{y}")


def test_no_data_says_so_and_loads_no_map():
    empty = sample(days=0, articles=())
    empty.outcome["totals"] = metrics()
    out = render_html(empty, EN)
    assert "No contributions have been collected for this campaign yet." in out
    assert '<div id="map"' not in out and len(Tags(out).named("script")) == 1  # no Leaflet


def test_no_map_without_coordinates_but_the_list_stays():
    rows = tuple(a for a in ARTICLES if a.point is None)
    out = render_html(sample(articles=rows), EN)
    assert '<div id="map"' not in out and len(Tags(out).named("script")) == 1  # no Leaflet
    assert "<summary>2 articles</summary>" in element(out, "unplaced")


SCRIPTS = {
    "sq.wikipedia.org": ["Kalaja e", "Ura e", "Muzeu i", "Liqeni i"],
    "sr.wikipedia.org": ["Манастир", "Тврђава", "Народни музеј у", "Мост на"],
    "el.wikipedia.org": ["Ναός του Αγίου", "Κάστρο της", "Μουσείο της"],
    "hy.wikipedia.org": ["Գեղարդի", "Տաթևի վանք", "Սևանի"],
    "ar.wikipedia.org": ["مسجد", "قلعة", "متحف"],
}


def test_size_of_a_mid_size_report():
    """2,000 articles, 200 participants. At most 250 kB that doesn't grow with the articles (Leaflet, CSS,
    charts, participants) and 475 B per article: so 10,000 articles stay under 5 MB (bench/bench_render.py
    measures that case)."""
    rng = random.Random(7)
    rows = []
    for i in range(2000):
        wiki = rng.choice(list(SCRIPTS))
        title = f"{rng.choice(SCRIPTS[wiki])} {rng.choice(SCRIPTS[wiki])} ({1800 + i % 224})"
        rows.append(
            ArticleRow(
                wiki,
                title,
                rng.choice(["created", "improved", "translated"]),
                rng.randrange(1, 40),
                rng.randrange(50, 40_000),
                rng.randrange(5, 6000),
                rng.randrange(30),
                url=f"https://{wiki}/wiki/{quote(title.replace(' ', '_'))}",
                point=Point(rng.uniform(35, 45), rng.uniform(15, 45))
                if i == 0 or rng.random() < 0.7
                else None,
                views=rng.randrange(20_000),
            )
        )
    data = sample(days=31, coarsened=True, articles=tuple(rows))
    data.outcome["by_participant"] = [
        {
            "user": f"{rng.choice(['Ана', 'Ελένη', 'Anahit', 'فاطمة'])} {i}",
            **metrics(edits=rng.randrange(1, 900)),
        }
        for i in range(200)
    ]
    out = render_html(data, EN)
    fixed = len(render_html(dataclasses.replace(data, articles=data.articles[:1]), EN).encode("utf-8"))
    per_article = (len(out.encode("utf-8")) - fixed) / 1999
    assert fixed <= 250_000 and per_article <= 475, (fixed, per_article)
    assert out.count("<tr><td>") == 2000 + 200 + 3


@pytest.mark.parametrize("lang", sorted(set(i18n.LANGUAGES) - {"en"}))
def test_other_languages(lang):
    if not i18n.po_path(lang).exists():
        pytest.skip(f"no catalogue for {lang} yet")
    t = i18n.translator(lang)
    out = render_html(sample(coarsened=True), t)
    assert f'<html lang="{str(t.locale).replace("_", "-")}" dir="ltr">' in out
    for message in (messages.SECTION_MAP, messages.SECTION_TIMELINE, messages.MAP_COARSENED):
        assert t.gettext(message).replace('"', "&quot;").replace("'", "&#x27;") in out
    assert t.number(12345) in out


def test_per_wiki_table_ends_with_a_total_row_that_sorting_leaves_at_the_bottom():
    out = render_html(sample(), EN)
    table = out[out.index('<table class="sortable t-wikis">') :]
    table = table[: table.index("</table>")]
    body, foot = table.split("</tbody>")
    assert body.count("<tr><td>") == 3 and foot.count("<tr>") == 1
    assert foot.startswith('\n<tfoot><tr><th scope="row">Total</th>')
    cells = re.findall(r"<td(?: data-sort=\"\d+\")?>([^<]*)", foot)
    column = [key for key, _ in WIKI_COLUMNS]
    # edits and words add up over the wikis; participants are the campaign's own total (one person, two wikis)
    assert cells[column.index("edits")] == "1,234"
    assert cells[column.index("words_added")] == "12,345"
    assert cells[column.index("participants")] == EN.number(sample().outcome["totals"]["participants"])


def days_from(start: date, n: int) -> tuple[DayCount, ...]:
    return tuple(DayCount(start + timedelta(days=i), 1, 10) for i in range(n))


@pytest.mark.parametrize(
    ("n", "unit", "bars"),
    [
        (1, "day", 1),
        (62, "day", 62),
        (63, "week", 10),  # Fri 2024-03-08 … Thu 2024-05-09: a partial first week, then Monday weeks
        (366, "week", 53),
        (430, "week", 62),  # 3 days + 61 whole weeks: the most weekly bars
        (431, "month", 15),
        (731, "month", 25),  # 2024-03-08 … 2026-03-08
    ],
)
def test_timeline_buckets_by_day_week_or_month(n, unit, bars):
    got_unit, buckets = timeline_buckets(days_from(date(2024, 3, 8), n))
    assert (got_unit, len(buckets)) == (unit, bars)
    # nothing is lost or counted twice; the bars cover the window without gaps
    assert sum(b.edits for b in buckets) == n and sum(b.words_added for b in buckets) == 10 * n
    assert buckets[0].day == date(2024, 3, 8) and buckets[-1].last == date(2024, 3, 8) + timedelta(days=n - 1)
    assert all(b.day == a.last + timedelta(days=1) for a, b in itertools.pairwise(buckets))
    if unit == "week":
        assert all(b.day.weekday() == 0 for b in buckets[1:])
    if unit == "month":
        assert all(b.day.day == 1 for b in buckets[1:])


def test_a_year_long_timeline_is_drawn_by_week_with_the_years_on_its_axis():
    """A campaign of a year drew 366 daily bars, 4,176 px wide, with no year anywhere on the axis."""
    data = sample()
    data = ReportData(data.outcome, data.articles, days_from(date(2024, 3, 8), 366))
    out = render_html(data, EN)
    svg = element(out, "chart-timeline")
    assert len(re.findall(r'<rect class="bar"', svg)) == 53
    assert '<h2 id="h-timeline">Edits per week</h2>' in out
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    assert width < 900
    assert re.findall(r'<text class="tick year"[^>]*>(\d+)</text>', svg) == ["2024", "2025"]
    assert "<title>March 11, 2024 – March 17, 2024\n7 edits\n70 words</title>" in svg


@pytest.mark.parametrize(
    ("wikis", "noun"),
    [
        (("sq.wikisource.org",), "pages"),  # the headline says "pages on Wikisource": the box too
        (("en.wiktionary.org", "commons.wikimedia.org"), "pages"),
        (("sq.wikipedia.org", "sq.wikisource.org"), "articles"),  # some of them articles
        (("sq.wikivoyage.org",), "articles"),
    ],
)
def test_the_pages_box_is_labelled_by_project_family(wikis: tuple[str, ...], noun: str):
    data = sample()
    campaign = dict(data.outcome["campaign"], wikis=list(wikis))
    stats = element(
        render_html(dataclasses.replace(data, outcome=dict(data.outcome, campaign=campaign)), EN), "stats"
    )
    assert f"<b>56</b> {noun}<" in stats
