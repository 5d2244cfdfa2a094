"""The HTML report: one self-contained file (inline CSS, SVG charts, a little JS, vendored Leaflet).

The only requests the page makes are map tiles. Everything it says comes from `messages` through the
Translator; every wiki string (campaign name, titles, usernames, domains) is HTML-escaped, and the one JSON
block is made inert for <script>. A Content-Security-Policy allows only this file's own scripts (by hash),
so even a mistake in escaping could not run a script. Without JS, or when tiles don't load, the map's
places are a plain list.

Size: a 1,000-participant, 10,000-article report is about 4 MB (bench/bench_render.py). Table rows and list
items leave out their optional end tags (</td>, </tr>, </li>: HTML implies them), a tenth of that; links to
non-Latin titles are written as IRIs, not percent-escapes, a third of a link.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from babel.dates import format_skeleton
from babel.numbers import format_decimal

from wikitally.reports import messages
from wikitally.reports.columns import WIKI_COLUMNS, WIKIDATA_COLUMNS, columns
from wikitally.reports.data import ArticleRow, DayCount, ReportData, Status
from wikitally.reports.headline import sentence as headline_sentence
from wikitally.reports.i18n import Translator
from wikitally.reports.projects import ARTICLE_FAMILIES, Family, project

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# OpenStreetMap's attribution guideline: "© OpenStreetMap" linked to the copyright page (Leaflet shows
# the attribution as HTML: it comes from the caller's configuration, never from a wiki).
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'

LEAFLET_DIR = Path(__file__).resolve().parent / "vendor" / "leaflet"
STATUSES: tuple[Status, ...] = ("created", "improved", "translated")
STATUS_COLOURS: dict[Status, str] = {"created": "#14866d", "improved": "#3366cc", "translated": "#b35c00"}
_STATUS_LABELS: dict[Status, str] = {
    "created": messages.STATUS_CREATED,
    "improved": messages.STATUS_IMPROVED,
    "translated": messages.STATUS_TRANSLATED,
}
_LEGEND: dict[Status, str] = {
    "created": messages.LEGEND_CREATED,
    "improved": messages.LEGEND_IMPROVED,
    "translated": messages.LEGEND_TRANSLATED,
}
TOP_PARTICIPANTS = 10


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def isolated(template: str, **values: str) -> str:
    """A translated template as HTML, escaped, each value in a <bdi>: a name written right-to-left, or one
    holding a U+202E RIGHT-TO-LEFT OVERRIDE, cannot reorder the words around it."""
    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts.append(esc(literal))
        if field is not None:
            parts.append(f"<bdi>{esc(values[field])}</bdi>")
    return "".join(parts)


def script_json(value: Any) -> str:
    """JSON that is inert inside <script>: no `</script>`, `<!--`, entity or line-terminator tricks."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_html(
    data: ReportData,
    t: Translator,
    *,
    tile_url: str = OSM_TILES,
    tile_attribution: str = OSM_ATTRIBUTION,
) -> str:
    """The whole report as one HTML document. `tile_url` is a Leaflet URL template ({z}/{x}/{y}, {s})."""
    page = ReportPage(data, t)
    outcome = data.outcome
    totals = outcome["totals"]
    empty = not (totals["edits"] or totals["uploads"] or data.articles)
    body = [page.header()]
    if empty:
        body.append(f'<p class="note">{esc(t.gettext(messages.NO_DATA))}</p>')
        body.append(page.coverage())
    else:
        body += [
            page.stats(),
            page.timeline(),
            page.wikis(),
            page.top_participants(),
            page.map_section(tile_url, tile_attribution),
            page.coverage(),
            page.articles(),
            page.participants(),
            page.wikidata(),
        ]
    leaflet_js, leaflet_css = leaflet_assets()
    scripts = [leaflet_js, PAGE_JS] if page.has_map else [PAGE_JS]
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{esc(page.lang)}" dir="{esc(page.dir)}">\n<head>\n',
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(content_security_policy(tile_url, scripts))}">\n',
            f"<title>{esc(page.title)}</title>\n",
            f"<style>\n{leaflet_css if page.has_map else ''}\n{REPORT_CSS}</style>\n</head>\n<body>\n<main>\n",
            "\n".join(part for part in body if part),
            "\n</main>\n",
            "".join(f"<script>{code}</script>\n" for code in scripts),
            "</body>\n</html>\n",
        ]
    )


class ReportPage:
    """The sections of one report; numbers formatted once per distinct value."""

    def __init__(self, data: ReportData, t: Translator) -> None:
        self.data = data
        self.t = t
        self.lang = str(t.locale).replace("_", "-")
        self.dir = t.locale.text_direction
        self.rtl = self.dir == "rtl"
        self.sep = t.gettext(messages.STAT_SEPARATOR)
        self.has_map = any(a.point is not None for a in data.articles)
        self.number: Callable[[int], str] = functools.cache(t.number)
        # <title> is plain text: the name is isolated with FSI … PDI; the <h1> isolates it with <bdi>.
        self.title = t.gettext(messages.REPORT_TITLE).format(campaign=f"\u2068{data.campaign_name}\u2069")
        self.heading = isolated(t.gettext(messages.REPORT_TITLE), campaign=data.campaign_name)

    # -- header and headline numbers

    def header(self) -> str:
        t, campaign = self.t, self.data.outcome["campaign"]
        dates = t.gettext(messages.DATE_RANGE).format(
            start=t.date(datetime.fromisoformat(campaign["start"])),
            end=t.date(datetime.fromisoformat(campaign["end"])),
        )
        lines = [f'<header>\n<h1 id="top">{self.heading}</h1>', f'<p class="dates">{esc(dates)}</p>']
        if campaign.get("as_of"):
            when = t.datetime(datetime.fromisoformat(campaign["as_of"]))
            lines.append(f'<p class="muted">{esc(t.gettext(messages.AS_OF).format(when=when))}</p>')
        tags = [*campaign.get("hashtags", ()), *campaign.get("tags", ())]
        if tags:
            lines.append(
                '<ul class="tags">' + "".join(f"<li><bdi>{esc(x)}</bdi></li>" for x in tags) + "</ul>"
            )
        return "\n".join(lines) + "\n</header>"

    def _with_count(self, template: str, n: int) -> str:
        """A translated '{count}' template, escaped, with its number emphasised."""
        return esc(template).replace("{count}", f"<b>{esc(self.number(n))}</b>")

    def stats(self) -> str:
        """The headline sentence (reports/headline.py), its numbers in bold, then one box per number: a big
        figure over its plural noun ("1,234" / "edits")."""
        t, totals = self.t, self.data.outcome["totals"]
        sentence = esc(headline_sentence(self.data, t, mark=lambda n: f"\ue000{n}\ue001"))
        lead = sentence.replace("\ue000", "<b>").replace("\ue001", "</b>")
        boxes = [
            (messages.HEADLINE_EDITORS, totals["participants"]),
            (messages.N_NEW_EDITORS, totals["new_editors"]),
            (messages.N_EDITS, totals["edits"]),
            (self._pages_label(), totals["articles_edited"]),
            (messages.N_WORDS, totals["words_added"]),
            (messages.N_REFERENCES, totals["references_added"]),
        ]
        wikis = self.data.outcome["campaign"].get("wikis", ())
        if totals["uploads"] or "commons.wikimedia.org" in wikis:
            boxes.append((messages.N_UPLOADS, totals["uploads"]))
        items = "".join(f"<li>{self._with_count(t.ngettext(forms, n), n)}</li>" for forms, n in boxes)
        return f'<p class="headline" id="headline">{lead}</p>\n<ul class="stats" id="stats">{items}</ul>'

    def _pages_label(self) -> tuple[str, str]:
        """ "articles" when a campaign wiki's pages are articles (Wikipedia, Wikivoyage, Wikinews), else
        "pages" (Wikisource, Wiktionary, Meta-Wiki …), as the headline sentence words them (projects.py)."""
        wikis = self.data.outcome["campaign"].get("wikis", ())
        families = {project(w).family for w in wikis} - {Family.COMMONS, Family.WIKIDATA}
        return messages.N_PAGES if families and not families & ARTICLE_FAMILIES else messages.N_ARTICLES

    # -- charts

    def _section(self, key: str, heading: str, *content: str) -> str:
        return (
            f'<section id="{key}" aria-labelledby="h-{key}">\n<h2 id="h-{key}">{esc(heading)}</h2>\n'
            + "\n".join(c for c in content if c)
            + "\n</section>"
        )

    def timeline(self) -> str:
        days = self.data.timeline
        if not days:
            return ""
        t = self.t
        unit, buckets = timeline_buckets(days)
        heading = t.gettext(_TIMELINE_HEADINGS[unit])
        desc = self.sep.join(
            [
                t.gettext(messages.DATE_RANGE).format(start=t.date(days[0].day), end=t.date(days[-1].day)),
                t.count(messages.N_EDITS, sum(d.edits for d in days)),
                t.count(messages.N_WORDS, sum(d.words_added for d in days)),
            ]
        )
        return self._section("timeline", heading, _timeline_svg(buckets, unit, t, heading, desc, self.rtl))

    def wikis(self) -> str:
        by_wiki: dict[str, dict[str, int]] = self.data.outcome["by_wiki"]
        if not by_wiki:
            return ""
        t = self.t
        heading = t.gettext(messages.SECTION_WIKIS)
        items = [(wiki, m["edits"]) for wiki, m in by_wiki.items()]
        desc = t.count(messages.N_EDITS, sum(n for _, n in items))
        chart = _bar_chart_svg("chart-wikis", items, t, heading, desc, self.rtl)
        rows = (
            f"<tr><td>{esc(wiki)}" + "".join(self._num(m[k]) for k, _ in WIKI_COLUMNS)
            for wiki, m in by_wiki.items()
        )
        # As in the wikitext report: the wikis add up, except participants and new editors, which are the
        # campaign's totals (a person who edited on two wikis is one participant).
        total = {k: sum(m[k] for m in by_wiki.values()) for k, _ in WIKI_COLUMNS}
        total.update({k: self.data.outcome["totals"][k] for k in ("participants", "new_editors")})
        foot = f'<tr><th scope="row">{esc(t.gettext(messages.TOTAL_ROW))}</th>' + "".join(
            self._num(total[k]) for k, _ in WIKI_COLUMNS
        )
        table = self._table(
            "t-wikis", [messages.COL_WIKI], [label for _, label in WIKI_COLUMNS], rows, "h-wikis", foot
        )
        return self._section("wikis", heading, chart, table)

    def top_participants(self) -> str:
        people = self.data.outcome["by_participant"]
        if not people:
            return ""
        t = self.t
        heading = t.gettext(messages.SECTION_TOP)
        top = sorted(people, key=lambda p: (-p["edits"], p["user"]))[:TOP_PARTICIPANTS]
        desc = self.sep.join(
            [
                t.count(messages.N_PARTICIPANTS, len(people)),
                t.count(messages.N_EDITS, sum(p["edits"] for p in top)),
            ]
        )
        items = [(p["user"], p["edits"]) for p in top]
        return self._section("top", heading, _bar_chart_svg("chart-top", items, t, heading, desc, self.rtl))

    # -- tables

    def _num(self, n: int | None) -> str:
        """A number cell: locale digits shown, the plain integer in data-sort when they differ."""
        if n is None:
            return '<td data-sort="-1">'
        shown = self.number(n)
        return f"<td>{shown}" if shown == str(n) else f'<td data-sort="{n}">{esc(shown)}'

    def _table(
        self,
        cls: str,
        text_cols: Sequence[str],
        num_cols: Sequence[str],
        rows: Iterable[str],
        labelled_by: str,
        foot: str = "",
    ) -> str:
        """A sortable table; `foot`, a row that sorting leaves at the bottom (a total), goes in <tfoot>."""
        t = self.t
        head = "".join(f'<th scope="col">{esc(t.gettext(c))}</th>' for c in text_cols) + "".join(
            f'<th scope="col" class="num">{esc(t.gettext(c))}</th>' for c in num_cols
        )
        return (
            f'<div class="scroll {cls}-box" tabindex="0" role="region" aria-labelledby="{labelled_by}">'
            f'<table class="sortable {cls}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows)
            + "\n</tbody>"
            + (f"\n<tfoot>{foot}</tfoot>" if foot else "")
            + "</table></div>"
        )

    def articles(self) -> str:
        articles = self.data.articles
        if not articles:
            return ""
        t = self.t
        with_views = any(a.views is not None for a in articles)
        status = {s: esc(t.gettext(label)) for s, label in _STATUS_LABELS.items()}
        num_cols = [messages.COL_EDITS, messages.COL_BYTES, messages.COL_WORDS, messages.COL_REFERENCES]
        if with_views:
            num_cols.append(messages.COL_VIEWS)

        def row(a: ArticleRow) -> str:
            views = self._num(a.views) if with_views else ""
            return (
                f'<tr><td>{esc(a.wiki)}<td>{html_link(a.url, a.title)}<td class="{a.status}">'
                f"{status[a.status]}{self._num(a.edits)}{self._num(a.bytes_added)}"
                f"{self._num(a.words_added)}{self._num(a.references_added)}{views}"
            )

        table = self._table(
            "t-articles",
            [messages.COL_WIKI, messages.COL_TITLE, messages.COL_STATUS],
            num_cols,
            map(row, articles),
            "h-articles",
        )
        return self._section("articles", t.gettext(messages.SECTION_ARTICLES), table)

    def participants(self) -> str:
        people = self.data.outcome["by_participant"]
        if not people:
            return ""
        keys = columns(
            "edits",
            "edits_reverted",
            "articles_created",
            "articles_improved",
            "words_added",
            "references_added",
            "uploads",
        )
        rows = (f"<tr><td>{esc(p['user'])}" + "".join(self._num(p[k]) for k, _ in keys) for p in people)
        table = self._table(
            "t-people", [messages.COL_USER], [label for _, label in keys], rows, "h-participants"
        )
        return self._section("participants", self.t.gettext(messages.SECTION_PARTICIPANTS), table)

    def wikidata(self) -> str:
        """The Wikibase wikis' numbers and the participants who edited there (docs/metrics.md, "Wikidata")."""
        outcome = self.data.outcome
        wikis = outcome["campaign"].get("wikibase_wikis")
        if not wikis:
            return ""
        labels = [label for _, label in WIKIDATA_COLUMNS]
        rows = (
            f"<tr><td>{esc(w)}" + "".join(self._num(outcome["by_wiki"][w][k]) for k, _ in WIKIDATA_COLUMNS)
            for w in wikis
        )
        foot = ""
        if len(wikis) > 1:
            foot = f'<tr><th scope="row">{esc(self.t.gettext(messages.TOTAL_ROW))}</th>' + "".join(
                self._num(outcome["totals"][k]) for k, _ in WIKIDATA_COLUMNS
            )
        tables = [self._table("t-wikidata", [messages.COL_WIKI], labels, rows, "h-wikidata", foot)]
        people = [p for p in outcome["by_participant"] if p.get("wikidata_edits")]
        if people:
            cells = (
                f"<tr><td>{esc(p['user'])}" + "".join(self._num(p[k]) for k, _ in WIKIDATA_COLUMNS)
                for p in people
            )
            tables.append(self._table("t-wikidata-people", [messages.COL_USER], labels, cells, "h-wikidata"))
        return self._section("wikidata", self.t.gettext(messages.SECTION_WIKIDATA), *tables)

    def coverage(self) -> str:
        """The worklist's coverage (reports/coverage.py), when the campaign has a worklist."""
        if self.data.worklist is None or "coverage" not in self.data.outcome:
            return ""
        from wikitally.reports.coverage import html_section

        return html_section(self.data.outcome["coverage"], self.data.worklist, self.t)

    # -- map

    def map_section(self, tile_url: str, tile_attribution: str) -> str:
        articles = self.data.articles
        if not articles:
            return ""
        t = self.t
        if self.data.from_dumps:  # no coordinates were asked for: not "articles without coordinates"
            note = f'<p class="note" id="from-dumps">{esc(t.gettext(messages.FROM_DUMPS))}</p>'
            return self._section("map-section", t.gettext(messages.SECTION_MAP), note)
        placed = [(i, a, a.point) for i, a in enumerate(articles) if a.point is not None]
        unplaced = [a for a in articles if a.point is None]
        parts: list[str] = []
        coarsened = (
            f'<p class="note" id="coarsened">{esc(t.gettext(messages.MAP_COARSENED))}</p>'
            if self.data.locations_coarsened
            else ""
        )
        if placed:
            counts = Counter(a.status for _, a, _ in placed)
            legend = "".join(
                f'<li class="{s}"><span class="dot" aria-hidden="true"></span>'
                f"{esc(t.gettext(_LEGEND[s]).format(count=self.number(counts[s])))}</li>"
                for s in STATUSES
                if counts[s]
            )
            config = {
                "tiles": tile_url,
                "attribution": tile_attribution,
                "colours": [STATUS_COLOURS[s] for s in STATUSES],
                "sep": self.sep,
                # [lat, lon, status index, index of the article's row in the table]
                "points": [
                    [round(p.lat, 5), round(p.lon, 5), STATUSES.index(a.status), i] for i, a, p in placed
                ],
            }
            places = self._by_wiki(
                "ol", ((a, f"{_coordinate(p.lat, t)}°\u00a0{_coordinate(p.lon, t)}°") for _, a, p in placed)
            )
            parts += [
                f'<ul class="legend" id="legend">{legend}</ul>',
                '<div id="map" hidden></div>',
                coarsened,
                f'<p id="map-offline" class="note" role="status" hidden>{esc(t.gettext(messages.MAP_OFFLINE))}</p>',
                f'<script type="application/json" id="map-data">{script_json(config)}</script>',
                f'<details id="places" open><summary>{esc(t.count(messages.N_ARTICLES, len(placed)))}'
                f"</summary>\n{places}</details>",
            ]
        else:
            parts.append(coarsened)
        if unplaced:
            parts.append(
                f'<h3 id="h-unplaced">{esc(t.gettext(messages.NO_COORDINATES))}</h3>\n'
                f'<details id="unplaced"><summary>{esc(t.count(messages.N_ARTICLES, len(unplaced)))}</summary>\n'
                f"{self._by_wiki('ul', ((a, '') for a in unplaced))}</details>"
            )
        return self._section("map-section", t.gettext(messages.SECTION_MAP), *parts)

    @staticmethod
    def _by_wiki(tag: str, items: Iterable[tuple[ArticleRow, str]]) -> str:
        """Titles (coloured by status, with an optional note) in one list per wiki."""
        groups: dict[str, list[str]] = {}
        for a, note in items:
            title = f"<bdi>{esc(a.title)}</bdi> <small>{esc(note)}</small>" if note else esc(a.title)
            groups.setdefault(a.wiki, []).append(f'<li class="{a.status}">{title}')
        return (
            '<div class="places-box" tabindex="0">'
            + "".join(
                f'<h4>{esc(wiki)}</h4>\n<{tag} class="places">\n' + "\n".join(lines) + f"\n</{tag}>\n"
                for wiki, lines in groups.items()
            )
            + "</div>"
        )


# -- helpers


def _coordinate(value: float, t: Translator) -> str:
    return format_decimal(value, format="0.0###", locale=t.locale)


_NON_ASCII_ESCAPES = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def html_link(url: str, text: str) -> str:
    """<a> for an http(s) URL (anything else, e.g. javascript:, is shown as plain text). Percent-escaped
    letters, marks and digits outside ASCII are written as characters (an IRI: browsers encode them back
    identically), which makes links to non-Latin titles a third of the size."""
    if urlsplit(url).scheme not in ("http", "https"):
        return f"<bdi>{esc(text)}</bdi>"
    return f'<a href="{esc(_NON_ASCII_ESCAPES.sub(_decode_letters, url))}">{esc(text)}</a>'


def _decode_letters(match: re.Match[str]) -> str:
    try:
        decoded = bytes.fromhex(match.group(0).replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)
    return "".join(c if unicodedata.category(c)[0] in "LMN" else quote(c) for c in decoded)


def content_security_policy(tile_url: str, scripts: Sequence[str]) -> str:
    """Only this page's scripts (by hash), its styles, and images from the tile server."""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"tile_url must be http(s): {tile_url!r}")
    host = parts.netloc.replace("{s}", "*")
    tiles = f"{parts.scheme}://{host}" if "{" not in host else f"{parts.scheme}:"
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"
        for code in scripts
    )
    # data: is Leaflet's empty image for tiles it abandons while zooming.
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src {tiles} data:; "
        "base-uri 'none'; form-action 'none'"
    )


@functools.cache
def leaflet_assets() -> tuple[str, str]:
    """Vendored Leaflet (scripts/vendor_leaflet.sh), ready to inline."""
    js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)  # no request for a map file
    for text, closing in ((js, "</script"), (css, "</style")):
        if closing in text.lower() or "<!--" in text:
            raise RuntimeError(f"vendored Leaflet can't be inlined: it contains {closing} or <!--")
    return js, css


def _fmt(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _ticks(top: int) -> list[int]:
    """0 … a round number ≥ top, in 2–5 steps of 1, 2 or 5 × 10^k."""
    top = max(top, 1)
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return list(range(0, math.ceil(top / step) * step + 1, step))


def _axis_number(n: int, t: Translator) -> str:
    return t.compact(n) if n >= 10_000 else t.number(n)


class _Frame:
    """Horizontal coordinates of a chart, mirrored for right-to-left languages. Text anchors stay
    'start'/'end': SVG reads them in the text's direction, which the page's dir gives."""

    def __init__(self, width: float, rtl: bool) -> None:
        self.width, self.rtl = width, rtl

    def x(self, v: float) -> str:
        return _fmt(self.width - v if self.rtl else v)

    def rect(self, x: float, w: float) -> str:
        return f'x="{_fmt(self.width - x - w if self.rtl else x)}" width="{_fmt(w)}"'


def _svg_open(
    cls: str, svg_id: str, width: float, height: float, title: str, desc: str, rtl: bool, grow: float = 1.5
) -> str:
    """An SVG that scales with the page between 0.8 and `grow` times its size; narrower screens scroll it."""
    direction = ' direction="rtl"' if rtl else ""
    return (
        f'<svg class="chart {cls}" id="{svg_id}" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'style="max-width:{_fmt(width * grow)}px;min-width:{_fmt(width * 0.8)}px" role="img" '
        f'aria-labelledby="{svg_id}-title {svg_id}-desc"{direction}>'
        f'<title id="{svg_id}-title">{esc(title)}</title><desc id="{svg_id}-desc">{esc(desc)}</desc>'
    )


def _timeline_svg(
    days: Sequence[Bucket], unit: TimeUnit, t: Translator, title: str, desc: str, rtl: bool
) -> str:
    """Edits per day (week, month) as bars (left axis), words added as a line (right axis); under the
    labels, the year wherever it starts or changes."""
    n = len(days)
    width, height = max(420.0, 110 + n * 14.0), 264.0
    left, right, top, bottom = 50.0, 56.0, 34.0, 44.0
    plot_w, plot_h = width - left - right, height - top - bottom
    band = plot_w / n
    f = _Frame(width, rtl)
    edit_ticks = _ticks(max(d.edits for d in days))
    word_ticks = _ticks(max(d.words_added for d in days))

    def y(v: int, ticks: list[int]) -> float:
        return top + plot_h - plot_h * v / ticks[-1]

    out = [_svg_open("timeline", "chart-timeline", width, height, title, desc, rtl)]
    # Axis titles double as the legend: they carry the series' colours.
    out.append(
        f'<text class="axis-title edits" x="{f.x(left)}" y="14" text-anchor="start">'
        f"{esc(t.gettext(messages.COL_EDITS))}</text>"
        f'<text class="axis-title words" x="{f.x(width - right)}" y="14" text-anchor="end">'
        f"{esc(t.gettext(messages.COL_WORDS))}</text>"
    )
    for v in edit_ticks:
        yy = _fmt(y(v, edit_ticks))
        out.append(f'<line class="grid" x1="{f.x(left)}" x2="{f.x(width - right)}" y1="{yy}" y2="{yy}"/>')
        out.append(
            f'<text class="tick" x="{f.x(left - 6)}" y="{yy}" dy="0.32em" text-anchor="end">'
            f"{esc(_axis_number(v, t))}</text>"
        )
    for v in word_ticks:
        yy = _fmt(y(v, word_ticks))
        out.append(
            f'<text class="tick words" x="{f.x(width - right + 6)}" y="{yy}" dy="0.32em" text-anchor="start">'
            f"{esc(_axis_number(v, t))}</text>"
        )
    label_every = max(1, math.ceil(n * 46 / plot_w))
    points = []
    for i, d in enumerate(days):
        x0 = left + i * band
        bar_h = plot_h * d.edits / edit_ticks[-1]
        when = (
            t.date(d.day)
            if d.day == d.last
            else t.gettext(messages.DATE_RANGE).format(start=t.date(d.day), end=t.date(d.last))
        )
        tip = "\n".join([when, t.count(messages.N_EDITS, d.edits), t.count(messages.N_WORDS, d.words_added)])
        out.append(
            f'<rect class="bar" data-day="{d.day.isoformat()}" {f.rect(x0 + band * 0.15, band * 0.7)} '
            f'y="{_fmt(top + plot_h - bar_h)}" height="{_fmt(bar_h)}"><title>{esc(tip)}</title></rect>'
        )
        points.append(f"{f.x(x0 + band / 2)},{_fmt(y(d.words_added, word_ticks))}")
        if i % label_every == 0:
            out.append(
                f'<text class="tick" x="{f.x(x0 + band / 2)}" y="{_fmt(height - bottom + 16)}" '
                f'text-anchor="middle">{esc(_bucket_label(d.day, unit, t))}</text>'
            )
        if i == 0 or d.day.year != days[i - 1].day.year:
            out.append(
                f'<text class="tick year" x="{f.x(x0 + band / 2)}" y="{_fmt(height - bottom + 32)}" '
                f'text-anchor="middle">{esc(format_skeleton("y", d.day, locale=t.locale))}</text>'
            )
    out.append(
        f'<line class="axis" x1="{f.x(left)}" x2="{f.x(width - right)}" '
        f'y1="{_fmt(top + plot_h)}" y2="{_fmt(top + plot_h)}"/>'
    )
    out.append(f'<polyline class="line" points="{" ".join(points)}"/>')
    if n <= 62:
        out.extend(
            f'<circle class="dot-words" cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="2.5"/>'
            for p in points
        )
    out.append("</svg>")
    return f'<div class="chart-box">{"".join(out)}</div>'


TimeUnit = Literal["day", "week", "month"]
_TIMELINE_HEADINGS: dict[TimeUnit, str] = {
    "day": messages.SECTION_TIMELINE,
    "week": messages.SECTION_TIMELINE_WEEK,
    "month": messages.SECTION_TIMELINE_MONTH,
}
MAX_DAY_BARS = 62  # two months of days; longer windows are drawn by week, then by month
MAX_WEEK_BARS = 62  # fourteen months of weeks


@dataclass(frozen=True)
class Bucket:
    """A bar of the timeline: the days from `day` to `last`, both included, and what they hold."""

    day: date
    last: date
    edits: int
    words_added: int


def timeline_buckets(days: Sequence[DayCount]) -> tuple[TimeUnit, list[Bucket]]:
    """The timeline's bars: one per day up to MAX_DAY_BARS days, else one per week (weeks start on Monday,
    the first and last may be partial), else one per calendar month — so a year's campaign is ~53 bars,
    not a 4,000-pixel chart of 365."""
    unit: TimeUnit = "day"
    if len(days) > MAX_DAY_BARS:
        weeks = {d.day - timedelta(days=d.day.weekday()) for d in days}
        unit = "week" if len(weeks) <= MAX_WEEK_BARS else "month"
    buckets: list[Bucket] = []
    for d in days:
        last = buckets[-1] if buckets else None
        if last is not None and _bucket_key(last.day, unit) == _bucket_key(d.day, unit):
            buckets[-1] = Bucket(last.day, d.day, last.edits + d.edits, last.words_added + d.words_added)
        else:
            buckets.append(Bucket(d.day, d.day, d.edits, d.words_added))
    return unit, buckets


def _bucket_key(day: date, unit: TimeUnit) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if unit == "month" else day


def _bucket_label(day: date, unit: TimeUnit, t: Translator) -> str:
    """A bar's label: "Mar 8" for a day or the week starting then, "Mar" for a month (the year is below)."""
    return format_skeleton("LLL" if unit == "month" else "MMMd", day, locale=t.locale)


_LABEL_PX = 13.5  # .chart .label's font-size in the CSS


def _fit(label: str, ems: float) -> str:
    """The label, cut with … when its estimated width is over `ems` (wide East Asian characters count 1 em,
    combining marks 0, anything else 0.62: a generous average for sans-serif fonts)."""
    widths = [
        0.0 if unicodedata.combining(c) else 1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62
        for c in label
    ]
    if sum(widths) <= ems:
        return label
    used, cut = 0.62, 0  # room for the ellipsis
    while cut < len(label) and used + widths[cut] <= ems:
        used += widths[cut]
        cut += 1
    return label[:cut].rstrip() + "…"


def _bar_chart_svg(
    svg_id: str, items: Sequence[tuple[str, int]], t: Translator, title: str, desc: str, rtl: bool
) -> str:
    """Horizontal bars, one per (label, edits), labels truncated (the full label is the bar's tooltip)."""
    width, row, label_w, value_w = 440.0, 26.0, 170.0, 56.0
    height = row * len(items) + 8
    f = _Frame(width, rtl)
    scale = (width - label_w - value_w) / max(1, max(v for _, v in items))
    out = [_svg_open("bars", svg_id, width, height, title, desc, rtl, grow=1.25)]
    for i, (label, value) in enumerate(items):
        y0 = 4 + i * row
        bar_w = scale * value
        short = _fit(label, (label_w - 14) / _LABEL_PX)
        tip = "\n".join([label, t.count(messages.N_EDITS, value)])
        out.append(
            f'<g class="item"><title>{esc(tip)}</title>'
            f'<text class="label" x="{f.x(label_w - 8)}" y="{_fmt(y0 + row / 2)}" dy="0.32em" '
            f'text-anchor="end">{esc(short)}</text>'
            f'<rect class="bar" {f.rect(label_w, max(bar_w, 1.0))} y="{_fmt(y0 + 3)}" height="{_fmt(row - 6)}"/>'
            f'<text class="value" x="{f.x(label_w + bar_w + 5)}" y="{_fmt(y0 + row / 2)}" dy="0.32em" '
            f'text-anchor="start">{esc(t.number(value))}</text></g>'
        )
    out.append("</svg>")
    return f'<div class="chart-box">{"".join(out)}</div>'


REPORT_CSS = """
:root{--fg:#202122;--muted:#54595d;--line:#c8ccd1;--soft:#eaecf0;--panel:#f8f9fa;--accent:#3366cc;
--words:#d73333;--created:#14866d;--improved:#3366cc;--translated:#b35c00;color-scheme:light}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{max-width:68rem;margin:0 auto;padding:1.5rem 1rem 3rem}
a{color:#3366cc}
a:visited{color:#795cb2}
header{border-bottom:4px solid var(--accent);padding-bottom:1rem}
h1{font-size:clamp(1.5rem,5vw,2.25rem);line-height:1.2;margin:0 0 .5rem;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:0 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
header p{margin:.1rem 0}
.dates{font-size:1.1rem}
.muted,small{color:var(--muted)}
.tags{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.6rem 0 0}
.tags li{background:var(--soft);border-radius:1rem;padding:.05rem .7rem;font-size:.9rem;overflow-wrap:anywhere}
section{margin-top:2.5rem}
.note{background:#fef6e7;border-inline-start:4px solid #edab00;padding:.5rem .75rem;margin:.75rem 0}
.headline{font-size:1.15rem;line-height:1.5;margin:1.25rem 0 0;max-width:48rem}
.stats{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:1rem 0 0}
.stats li{flex:1 1 9.5rem;background:var(--panel);border:1px solid var(--soft);border-top:3px solid var(--accent);
border-radius:.4rem;padding:.7rem .9rem;color:var(--muted);font-size:.92rem;line-height:1.35}
.stats b{display:block;color:var(--fg);font-size:1.8rem;line-height:1.2;font-variant-numeric:tabular-nums}
.chart-box{overflow-x:auto;max-width:100%}
.chart{display:block;width:100%;height:auto}
.chart text{font-size:12px;fill:var(--muted);unicode-bidi:plaintext}
.chart .label{fill:var(--fg);font-size:13.5px}
.chart .value{font-size:13px}
.chart .axis-title{font-size:12.5px;font-weight:600}
.chart .axis-title.edits{fill:var(--accent)}
.chart .axis-title.words,.chart .tick.words{fill:var(--words)}
.chart .bar{fill:var(--accent)}
.chart .item:hover .bar,.chart .bar:hover{fill:#2a4b8d}
.chart .grid{stroke:var(--soft)}
.chart .axis{stroke:var(--line)}
.chart .line{fill:none;stroke:var(--words);stroke-width:2;stroke-linejoin:round}
.chart .dot-words{fill:#fff;stroke:var(--words);stroke-width:1.5}
.scroll{overflow:auto;max-width:100%;border:1px solid var(--soft);border-radius:.4rem}
.t-articles-box,.t-people-box{max-height:34rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid var(--soft);text-align:start;white-space:nowrap;
vertical-align:top}
thead th{position:sticky;top:0;background:var(--panel);border-bottom:1px solid var(--line);z-index:1;
white-space:normal;vertical-align:bottom}
tbody tr:nth-child(even){background:#fbfbfc}
tbody tr:hover{background:#eaf3ff}
tfoot th,tfoot td{border-top:2px solid var(--line);font-weight:600;background:var(--panel)}
tfoot th{text-align:start}
.t-articles td:nth-child(n+4),.t-people td:nth-child(n+2),.t-wikis td:nth-child(n+2),.t-coverage td:nth-child(n+2),
.t-wikidata td:nth-child(n+2),.t-wikidata-people td:nth-child(n+2),th.num{
text-align:end;font-variant-numeric:tabular-nums}
.t-articles td:nth-child(2){white-space:normal;min-width:12rem;overflow-wrap:anywhere}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;
text-align:inherit}
th button::after{content:"\\a0\\2195";opacity:.35}
th[aria-sort=ascending] button::after{content:"\\a0\\25B2";opacity:1}
th[aria-sort=descending] button::after{content:"\\a0\\25BC";opacity:1}
.created{--c:var(--created)}.improved{--c:var(--improved)}.translated{--c:var(--translated)}
td.created,td.improved,td.translated{color:var(--c)}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0;margin:0 0 .75rem}
.dot,.places li::before{display:inline-block;width:.75rem;height:.75rem;border-radius:50%;
background:var(--c);box-shadow:0 0 0 1px #fff,0 0 0 2px rgba(0,0,0,.25);margin-inline-end:.45rem}
#map{height:min(70vh,30rem);border:1px solid var(--line);border-radius:.4rem;z-index:0}
details{margin:.75rem 0}
summary{cursor:pointer;font-weight:600}
.places-box{max-height:30rem;overflow:auto;border:1px solid var(--soft);border-radius:.4rem;
padding:0 .75rem .5rem}
h4{margin:.75rem 0 .25rem;font-size:.95rem}
.places{list-style:none;padding:0;margin:.5rem 0;columns:20rem;column-gap:2rem}
.places li{break-inside:avoid;padding:.1rem 0;overflow-wrap:anywhere}
.places li::before{content:"";width:.6rem;height:.6rem}
.leaflet-popup-content{margin:.6rem .8rem;font-size:.9rem;line-height:1.4}
.leaflet-popup-content .meta{color:var(--muted)}
@media (max-width:30rem){main{padding:1rem .75rem 2rem}.stats b{font-size:1.5rem}}
@media print{.scroll,.places-box,.t-articles-box,.t-people-box{max-height:none;overflow:visible}#map{display:none}}
"""

PAGE_JS = """
(function () {
  "use strict";
  var doc = document;
  var collator = new Intl.Collator(doc.documentElement.lang || undefined, {numeric: true});
  var articleTable = doc.querySelector("table.t-articles");
  var articleRows = articleTable ? Array.prototype.slice.call(articleTable.tBodies[0].rows) : [];

  // Sortable tables: the header labels become buttons; numbers sort by data-sort (else their text).
  Array.prototype.forEach.call(doc.querySelectorAll("table.sortable"), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, col) {
      var button = doc.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sort(table, headers, col); });
    });
  });

  function sort(table, headers, col) {
    var th = headers[col];
    var numeric = th.classList.contains("num");
    var current = th.getAttribute("aria-sort");
    // First click: biggest numbers first, text A to Z; then toggle.
    var ascending = current ? current !== "ascending" : !numeric;
    var body = table.tBodies[0];
    var keyed = Array.prototype.map.call(body.rows, function (row, i) {
      var cell = row.cells[col];
      var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
      return [numeric ? Number(raw) : raw, i, row];
    });
    keyed.sort(function (a, b) {
      var d = numeric ? a[0] - b[0] : collator.compare(a[0], b[0]);
      return (ascending ? d : -d) || a[1] - b[1];
    });
    var fragment = doc.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k[2]); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  // The map: shown only when Leaflet runs; without tiles it gives way to the list of places.
  var mapBox = doc.getElementById("map");
  var dataBlock = doc.getElementById("map-data");
  if (!mapBox || !dataBlock || !window.L) return;
  var data = JSON.parse(dataBlock.textContent);
  var places = doc.getElementById("places");
  var offline = doc.getElementById("map-offline");
  mapBox.hidden = false;
  places.open = false;
  var map = L.map(mapBox, {preferCanvas: true, scrollWheelZoom: false, worldCopyJump: true});
  var bounds = [];
  data.points.forEach(function (p) {
    L.circleMarker([p[0], p[1]], {
      radius: 6, weight: 1.5, color: "#ffffff", fillColor: data.colours[p[2]], fillOpacity: 0.9
    }).bindPopup(function () { return popup(p[3]); }).addTo(map);
    bounds.push([p[0], p[1]]);
  });
  map.fitBounds(bounds, {padding: [24, 24], maxZoom: 12});

  function popup(index) {
    var row = articleRows[index];
    var box = doc.createElement("div");
    var link = row.cells[1].querySelector("a");
    box.appendChild(link ? link.cloneNode(true) : doc.createTextNode(row.cells[1].textContent));
    var meta = doc.createElement("div");
    meta.className = "meta";
    meta.textContent = row.cells[0].textContent + data.sep + row.cells[2].textContent;
    box.appendChild(meta);
    return box;
  }

  // Offline: tiles fail at once (tileerror) or never answer (the timer); one loaded tile brings the map back.
  var loaded = 0, failed = 0, waited = false;
  var tiles = L.tileLayer(data.tiles, {attribution: data.attribution, maxZoom: 19});
  tiles.on("tileload", function () { loaded += 1; update(); });
  tiles.on("tileerror", function () { failed += 1; update(); });
  tiles.addTo(map);
  setTimeout(function () { waited = true; update(); }, 15000);

  function update() {
    var degraded = loaded === 0 && (failed > 0 || waited);
    if (degraded === mapBox.hidden) return;
    mapBox.hidden = degraded;
    offline.hidden = !degraded;
    if (degraded) places.open = true;
    else map.invalidateSize();
  }
})();
"""
