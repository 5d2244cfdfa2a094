"""The Meta-Wiki report: wikitext with a headline sentence, sortable tables and a Kartographer map.

Pure: ReportData + Translator in, wikitext out. Every string that comes from a wiki, a campaign file or a
catalogue goes through `escape_wikitext` (or, as a link target, `link_target`), so a title, username or
translation can never open a table, a template, a link, a tag, a heading or a list, nor add a category, a
behaviour switch, a signature or a magic link.
"""

from __future__ import annotations

import html
import json
import math
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import quote

from wikitally.metrics.coverage import STATUSES as ITEM_STATUSES
from wikitally.metrics.coverage import CoveredItem
from wikitally.reports import messages
from wikitally.reports.columns import ARTICLE_COLUMNS, PARTICIPANT_COLUMNS, WIKI_COLUMNS, WIKIDATA_COLUMNS
from wikitally.reports.coverage import COLOURS as COVERAGE_COLOURS
from wikitally.reports.coverage import LEGEND as COVERAGE_LEGEND
from wikitally.reports.coverage import STATUS_TEXT as COVERAGE_STATUS
from wikitally.reports.coverage import coverage_percent, covered_share, item_name
from wikitally.reports.data import ArticleRow, Point, ReportData, Status
from wikitally.reports.headline import sentence as headline_sentence
from wikitally.reports.i18n import Translator

# -- escaping

# Characters that are markup wherever they stand; each becomes a character reference, which MediaWiki
# keeps as a reference (Sanitizer::normalizeCharReferences) and the browser shows as the character.
_ALWAYS = {
    "&": "&amp;",  # first, so a title written "&lt;" is shown as typed, not decoded
    "<": "&lt;",  # tags: <ref>, <nowiki>, <script>, </mapframe>, <!-- …
    ">": "&gt;",
    '"': "&quot;",  # attribute values (data-sort-value, text=)
    "[": "&#91;",  # [[links]], [[Category:…]], [external links]
    "]": "&#93;",
    "{": "&#123;",  # {{templates}}, {{{params}}}, {| tables, -{ language conversion }-
    "}": "&#125;",
    "|": "&#124;",  # table cells ||, rows |-, table end |}, link labels
    "!": "&#33;",  # header cells !!, a cell starting with !
    "=": "&#61;",  # == headings ==, template parameters
    "~": "&#126;",  # ~~~ / ~~~~ / ~~~~~ signatures (expanded when the page is saved)
}
# At the start of a string (the start of a line, when a renderer puts it there): lists, indents,
# definitions, <hr> (----), preformatted text (a leading space).
_LINE_START = frozenset("*#:;- ")
# The first letter of these words is escaped: "ISBN 123", "RFC 123", "PMID 123" are magic links.
_MAGIC_LINK_WORDS = ("ISBN", "RFC", "PMID")
# Line breaks end table cells, headings and list items: they become spaces.
_NEWLINES = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# Other control characters and lone surrogates can't be saved to a wiki page.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
# Anything escape_wikitext could change: a text without one of these is returned as it is.
_MAYBE_MARKUP = re.compile(
    r"[&<>\"\[\]{}|!=~'_:\t\r\n\v\f\x85\u2028\u2029\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]|ISBN|RFC|PMID"
)


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def escape_wikitext(text: str) -> str:
    """`text` as inert wikitext: MediaWiki shows it exactly as given, wherever it stands in a line.

    - always referenced: & < > " [ ] { } | ! = ~
    - ' and _ in runs of two or more ('' italics, ''' bold, __NOTOC__ switches), and ' at either end
      (so wrapping the result in ''' … ''' stays bold, not bold-italic)
    - : after an ASCII letter, unless a space follows it (https://…, mailto:… free links)
    - the first character when it is one of * # : ; - or a space (lists, indents, ----, <pre>)
    - the I/R/P of ISBN, RFC and PMID (magic links)
    - line breaks become spaces; other control characters become U+FFFD
    """
    if not _MAYBE_MARKUP.search(text) and not (text and text[0] in _LINE_START):
        return text  # the common case (most titles and names): nothing to escape, no per-character pass
    text = _CONTROL.sub("\ufffd", _NEWLINES.sub(" ", text).replace("\t", " "))
    return "".join(
        _ALWAYS[ch] if ch in _ALWAYS else _ref(ch) if _is_markup(text, i) else ch for i, ch in enumerate(text)
    )


def _is_markup(text: str, i: int) -> bool:
    """Whether text[i] is markup where it stands (the position-dependent rules of escape_wikitext)."""
    ch, last = text[i], len(text) - 1
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i < last else ""
    return (
        (i == 0 and ch in _LINE_START)
        or (ch in "'_" and (prev == ch or nxt == ch or (ch == "'" and i in (0, last))))
        or (ch == ":" and prev.isascii() and prev.isalpha() and not nxt.isspace())
        or (ch in "IRP" and text.startswith(_MAGIC_LINK_WORDS, i))
    )


def escape_prose(text: str, *, line_start: bool = True) -> str:
    """`text` as inert wikitext that a person can still read and edit by hand: for prose an organizer
    wrote (newsletter stories), where escape_wikitext's every ``&quot;`` and ``&#58;`` made the page's
    source unreadable. A character is referenced only where it could form markup where it stands:

    - ``<`` always (tags, comments), ``&`` before a letter, digit or ``#`` (character references), ``|``
      always (rare in prose; cells, links, tables);
    - ``[`` / ``]`` next to another bracket, ``[`` before a URL (``[https://…``, ``[//…``, ``[mailto:…``),
      ``[`` at the end and ``]`` at the start of the text (the renderer's own ``[URL label]`` may be next);
    - ``{`` / ``}`` next to another brace, a pipe or a hyphen (``{{``, ``{|``, ``|}``, ``-{ }-``);
    - ``~`` in runs of three or more (signatures); ``'`` and ``_`` as escape_wikitext does; ``!!``;
    - the first character when it starts a line (``line_start``) and is one of ``* # : ; - = ! {`` or a space;
    - the I/R/P of ISBN, RFC and PMID (magic links). Line breaks become spaces, control characters U+FFFD.

    Left as typed: quotes, ``>``, ``=``, ``!``, ``:`` mid-line and single brackets and braces. A URL typed in
    the text becomes a link, as on any wiki page.
    """
    text = _CONTROL.sub("\ufffd", _NEWLINES.sub(" ", text).replace("\t", " "))
    last = len(text) - 1
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i < last else ""
        if ch in _PROSE_ALWAYS or _is_prose_markup(text, i, prev, nxt, line_start):
            out.append(_PROSE_NAMED.get(ch) or _ref(ch))
        else:
            out.append(ch)
    return "".join(out)


_PROSE_ALWAYS = frozenset("<|")
_PROSE_NAMED = {"<": "&lt;", "&": "&amp;"}  # the references a person reads without a table
_PROSE_LINE_START = frozenset("*#:;-=!{ ")
_URL_AFTER_BRACKET = re.compile(r"//|[A-Za-z][A-Za-z0-9+.-]*:")


def _is_prose_markup(text: str, i: int, prev: str, nxt: str, line_start: bool) -> bool:
    ch = text[i]
    if i == 0 and line_start and ch in _PROSE_LINE_START:
        return True
    if ch == "&":
        return nxt.isalnum() or nxt == "#"
    if ch == "[":
        return nxt in ("[", "") or prev == "[" or _URL_AFTER_BRACKET.match(text, i + 1) is not None
    if ch == "]":
        return prev in ("]", "") or nxt == "]"
    if ch == "{":
        return nxt in "{|" or prev in "{-"
    if ch == "}":
        return nxt in "}-" or prev in "}|"
    if ch == "~":  # in a run of three or more: one of the two neighbours on each side is a "~"
        return (prev == "~" and (nxt == "~" or text[i - 2 : i - 1] == "~")) or (
            nxt == "~" and text[i + 2 : i + 3] == "~"
        )
    if ch == "!":
        return nxt == "!" or prev == "!"
    return (ch in "'_" and _is_markup(text, i)) or (ch in "IRP" and text.startswith(_MAGIC_LINK_WORDS, i))


# What MediaWiki refuses in a title (Title::newFromText / MediaWikiTitleCodec): these characters,
# control characters, ~~~, %XX escapes and character references. A real title or username never has them.
_QID = re.compile(r"Q[1-9][0-9]*")
MAX_WIKITEXT_ITEMS = 1000  # items on a coverage map or missing list in wikitext (a page's size is bounded)
_BAD_TITLE = re.compile(
    r"[#<>\[\]|{}\x00-\x1f\x7f\ufffd]|~~~|%[0-9A-Fa-f]{2}|&(?:[A-Za-z0-9\x80-\U0010ffff]+|#[0-9]+|#x[0-9A-Fa-f]+);"
)
_MAX_TITLE_BYTES = 255


def link_target(title: str) -> str | None:
    """The title escaped for use as a [[link target]], or None when MediaWiki would refuse the title.

    Title::newFromText decodes character references, so the escaped target still names the page; `_` is
    MediaWiki's own spelling of a space (so no __SWITCH__ can form before links are parsed)."""
    title = title.replace("_", " ").strip(" ")
    if (
        not title
        or _BAD_TITLE.search(title)
        or title.startswith(":")
        or len(title.encode("utf-8")) > _MAX_TITLE_BYTES
        or title in (".", "..")
        or title.startswith(("./", "../"))
        or "/./" in title
        or "/../" in title
        or title.endswith(("/.", "/.."))
    ):
        return None
    return escape_wikitext(title)


_WIKIPEDIA = re.compile(r"([a-z][a-z0-9-]*)\.wikipedia\.org")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/.*)?", re.DOTALL)
# Kept as they are in a link's URL; everything else is percent-encoded (so no ', ~, ;, space, brackets,
# pipes or quotes can end the link or form '' / ~~~ / __X__ / &…; inside it).
_URL_SAFE = "-._%/:,()?=+@&"


def safe_url(url: str) -> str | None:
    if not _URL.fullmatch(url):
        return None
    # quote() keeps ~ and _ whatever `safe` says: ~~~ would become a signature, __X__ a behaviour switch.
    encoded = quote(url, safe=_URL_SAFE).replace("~", "%7E")
    return re.sub(r"_{2,}", lambda m: "%5F" * len(m.group()), encoded)


def article_link(row: ArticleRow) -> str:
    """[[:sq:Title|Title]] for a Wikipedia (an interwiki link that works on Meta), else [URL Title];
    the escaped title alone when neither can be made safely."""
    label = escape_wikitext(row.title)
    wikipedia = _WIKIPEDIA.fullmatch(row.wiki)
    target = link_target(row.title)
    if wikipedia and target is not None:
        return f"[[:{wikipedia.group(1)}:{target}|{label}]]"
    url = safe_url(row.url)
    if url is not None:
        return f"[{url} {label}]"
    return label


def user_link(name: str) -> str:
    label = escape_wikitext(name)
    target = link_target(name)
    return f"[[User:{target}|{label}]]" if target is not None else label


# -- the report


def render_wikitext(data: ReportData, t: Translator) -> str:
    outcome = data.outcome
    name = data.campaign_name
    out = [f"== {isolated(t.gettext(messages.REPORT_TITLE), campaign=name)} =="]
    dates = _dates_line(outcome["campaign"], t)
    if dates:
        out.append(dates)
    if not outcome.get("by_participant") and not data.articles:
        out += ["", _msg(t, messages.NO_DATA)]
        return "\n".join(out + _coverage(data, t)) + "\n"
    out += ["", headline(data, t)]
    out += _section(t, messages.SECTION_WIKIS, _wikis_table(outcome, t))
    out += _section(t, messages.SECTION_PARTICIPANTS, _participants_table(outcome, t))
    if outcome["campaign"].get("wikibase_wikis"):
        out += _section(t, messages.SECTION_WIKIDATA, _wikidata_tables(outcome, t))
    if data.articles:
        out += _section(t, messages.SECTION_ARTICLES, _articles_table(data.articles, t))
        out += _section(t, messages.SECTION_MAP, map_lines(data, t))
    out += _coverage(data, t)
    return "\n".join(out) + "\n"


def _coverage(data: ReportData, t: Translator) -> list[str]:
    """The worklist's coverage (reports/coverage.py), when the campaign has a worklist."""
    if data.worklist is None or "coverage" not in data.outcome:
        return []
    lines = coverage_lines(data.outcome["coverage"], data.worklist, data.campaign_name, t)
    return _section(t, messages.SECTION_COVERAGE, lines)


def _msg(t: Translator, message: str, **values: str) -> str:
    """A translated message with its values, escaped as a whole (translations are data too)."""
    return escape_wikitext(t.gettext(message).format(**values))


def isolated(template: str, **values: str) -> str:
    """A translated template as inert wikitext, each value escaped inside <bdi> (MediaWiki allows the tag):
    a right-to-left name, or one holding U+202E, cannot reorder the heading's other words. The template's
    own text is escaped piece by piece; a piece after a value never starts the line."""
    parts: list[str] = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        if literal:
            parts.append(escape_inline(literal) if parts else escape_wikitext(literal))
        if field is not None:
            parts.append(f"<bdi>{escape_wikitext(values[field])}</bdi>")
    return "".join(parts)


def escape_inline(text: str) -> str:
    """escape_wikitext for text that never starts a line (a separator): its leading spaces stay spaces."""
    body = text.lstrip()
    return " " * (len(text) - len(body)) + escape_wikitext(body)


def _section(t: Translator, heading: str, lines: list[str]) -> list[str]:
    return ["", f"=== {_msg(t, heading)} ===", *lines]


def _dates_line(campaign: dict[str, Any], t: Translator) -> str:
    parts = []
    if campaign.get("start") and campaign.get("end"):
        start, end = datetime.fromisoformat(campaign["start"]), datetime.fromisoformat(campaign["end"])
        parts.append(t.gettext(messages.DATE_RANGE).format(start=t.date(start), end=t.date(end)))
    if campaign.get("as_of"):
        when = t.datetime(datetime.fromisoformat(campaign["as_of"]))
        parts.append(t.gettext(messages.AS_OF).format(when=when))
    return escape_wikitext(t.gettext(messages.STAT_SEPARATOR).join(parts)) if parts else ""


def headline(data: ReportData, t: Translator) -> str:
    """One sentence, as the CEE Newsletter writes it (reports/headline.py): "3 editors created or improved
    5 articles on Wikipedia, added 3.5K words and 28 references, and uploaded 3 files to Wikimedia Commons." """
    return escape_wikitext(headline_sentence(data, t))


# -- tables


def _table(
    t: Translator,
    columns: Sequence[tuple[str, bool]],
    rows: Iterable[Sequence[str]],
    last: Sequence[str] = (),
) -> list[str]:
    """A sortable wikitable; columns are (message, numeric), rows are already rendered cells. `last`, when
    given, is a row that stays at the bottom when the table is sorted (class="sortbottom"), e.g. a total."""
    lines = ['{| class="wikitable sortable"']
    for message, numeric in columns:
        attrs = 'data-sort-type="number" | ' if numeric else ""
        lines.append(f"! {attrs}{_msg(t, message)}")
    for row in rows:
        lines.append("|-")
        lines += [f"| {cell}" if cell else "|" for cell in row]
    if last:
        lines.append('|- class="sortbottom"')
        lines += [f"| {cell}" if cell else "|" for cell in last]
    lines.append("|}")
    return lines


def _number(t: Translator, n: int | None) -> str:
    """A number shown the locale's way and sorted by its value (data-sort-value)."""
    if n is None:
        return ""
    value = int(n)
    return f'data-sort-value="{value}" | {t.number(value)}'


_WIKI_COLUMNS = WIKI_COLUMNS
_PARTICIPANT_COLUMNS = PARTICIPANT_COLUMNS
_ARTICLE_COLUMNS = ARTICLE_COLUMNS
_STATUS: dict[Status, str] = {
    "created": messages.STATUS_CREATED,
    "improved": messages.STATUS_IMPROVED,
    "translated": messages.STATUS_TRANSLATED,
}


def _wikis_table(outcome: dict[str, Any], t: Translator) -> list[str]:
    columns = [(messages.COL_WIKI, False), *((m, True) for _, m in _WIKI_COLUMNS)]
    by_wiki = outcome["by_wiki"]
    rows = (
        [escape_wikitext(wiki), *(_number(t, metrics[k]) for k, _ in _WIKI_COLUMNS)]
        for wiki, metrics in by_wiki.items()
    )
    # The total row adds up the wikis, except participants and new editors: those are the campaign's
    # totals, since a person who edited on two wikis is one participant (and one new editor), not two.
    total = {k: sum(metrics[k] for metrics in by_wiki.values()) for k, _ in _WIKI_COLUMNS}
    total.update({k: outcome["totals"][k] for k in ("participants", "new_editors")})
    last = [f"'''{_msg(t, messages.TOTAL_ROW)}'''", *(_number(t, total[k]) for k, _ in _WIKI_COLUMNS)]
    return _table(t, columns, rows, last)


def _wikidata_tables(outcome: dict[str, Any], t: Translator) -> list[str]:
    """The Wikibase wikis' numbers (by wiki, with their total when several) and the participants who
    edited there (docs/metrics.md, "Wikidata")."""
    wikis = outcome["campaign"]["wikibase_wikis"]
    columns = [(messages.COL_WIKI, False), *((m, True) for _, m in WIKIDATA_COLUMNS)]
    rows = (
        [escape_wikitext(w), *(_number(t, outcome["by_wiki"][w][k]) for k, _ in WIKIDATA_COLUMNS)]
        for w in wikis
    )
    last: list[str] = []
    if len(wikis) > 1:
        totals = outcome["totals"]
        last = [f"'''{_msg(t, messages.TOTAL_ROW)}'''", *(_number(t, totals[k]) for k, _ in WIKIDATA_COLUMNS)]
    lines = _table(t, columns, rows, last)
    people = [row for row in outcome["by_participant"] if row.get("wikidata_edits")]
    if people:
        columns = [(messages.COL_USER, False), *((m, True) for _, m in WIKIDATA_COLUMNS)]
        cells = ([user_link(r["user"]), *(_number(t, r[k]) for k, _ in WIKIDATA_COLUMNS)] for r in people)
        lines += ["", *_table(t, columns, cells)]
    return lines


def _participants_table(outcome: dict[str, Any], t: Translator) -> list[str]:
    columns = [(messages.COL_USER, False), *((m, True) for _, m in _PARTICIPANT_COLUMNS)]
    rows = (
        [user_link(row["user"]), *(_number(t, row[k]) for k, _ in _PARTICIPANT_COLUMNS)]
        for row in outcome["by_participant"]
    )
    return _table(t, columns, rows)


def _articles_table(articles: Sequence[ArticleRow], t: Translator) -> list[str]:
    views = any(a.views is not None for a in articles)
    columns = [
        (messages.COL_TITLE, False),
        (messages.COL_WIKI, False),
        (messages.COL_STATUS, False),
        *((m, True) for _, m in _ARTICLE_COLUMNS),
        *([(messages.COL_VIEWS, True)] if views else []),
    ]
    rows = (
        [
            article_link(a),
            escape_wikitext(a.wiki),
            _msg(t, _STATUS[a.status]),
            *(_number(t, getattr(a, k)) for k, _ in _ARTICLE_COLUMNS),
            *([_number(t, a.views)] if views else []),
        ]
        for a in articles
    )
    return _table(t, columns, rows)


# -- the map

# Codex colours (green, blue, orange) and Maki icons Kartographer draws, per status.
MARKERS: dict[Status, tuple[str, str]] = {
    "created": ("#14866d", "star"),
    "improved": ("#3366cc", "circle"),
    "translated": ("#ac6600", "square"),
}
_LEGEND: dict[Status, str] = {
    "created": messages.LEGEND_CREATED,
    "improved": messages.LEGEND_IMPROVED,
    "translated": messages.LEGEND_TRANSLATED,
}
MAP_WIDTH_PX, MAP_HEIGHT_PX = 800, 450
MAX_ZOOM = 12
MAX_ZOOM_COARSENED = 9  # points rounded to ~10 km: don't zoom in further than they are true
_TILE_PX = 256
_FIT = 0.8  # the points fill at most 80 % of the frame


def map_view(points: Sequence[Point], max_zoom: int = MAX_ZOOM) -> tuple[float, float, int]:
    """(latitude, longitude, zoom) that centre the points' bounding box and fit it in the frame
    (Web Mercator, as Kartographer's tiles; a box across the antimeridian is not special-cased)."""
    lats = [max(-85.0, min(85.0, p.lat)) for p in points]
    lons = [p.lon for p in points]

    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    y_min, y_max = y(min(lats)), y(max(lats))
    lon_span = max(lons) - min(lons)
    zoom = float(max_zoom)
    if lon_span > 0:
        zoom = min(zoom, math.log2(MAP_WIDTH_PX * _FIT * 360 / (_TILE_PX * lon_span)))
    if y_max > y_min:
        zoom = min(zoom, math.log2(MAP_HEIGHT_PX * _FIT * 2 * math.pi / (_TILE_PX * (y_max - y_min))))
    lat = math.degrees(math.atan(math.sinh((y_min + y_max) / 2)))
    lon = (min(lons) + max(lons)) / 2
    return round(lat, 4), round(lon, 4), max(0, math.floor(zoom))


def geojson(articles: Sequence[ArticleRow], t: Translator) -> str:
    """The located articles as a GeoJSON FeatureCollection, one Feature a line; title and description are
    wikitext (Kartographer parses them), escaped; "</" is written "<\\/" so the JSON can't end the tag."""
    separator = t.gettext(messages.LIST_SEPARATOR)
    features = []
    for a in articles:
        if a.point is None:
            continue
        colour, symbol = MARKERS[a.status]
        description = article_link(a) + escape_inline(separator + t.gettext(_STATUS[a.status]))
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(a.point.lon, 6), round(a.point.lat, 6)]},
            "properties": {
                "title": escape_wikitext(a.title),
                "description": description,
                "marker-color": colour,
                "marker-symbol": symbol,
                "marker-size": "medium",
            },
        }
        features.append(json.dumps(feature, ensure_ascii=False))
    body = '{"type": "FeatureCollection", "features": [\n' + ",\n".join(features) + "\n]}"
    return body.replace("</", "<\\/")


def map_lines(data: ReportData, t: Translator) -> list[str]:
    if data.from_dumps:  # no coordinates were asked for: not "articles without coordinates"
        return [f"''{_msg(t, messages.FROM_DUMPS)}''"]
    located = [a for a in data.articles if a.point is not None]
    unlocated = [a for a in data.articles if a.point is None]
    lines: list[str] = []
    if located:
        max_zoom = MAX_ZOOM_COARSENED if data.locations_coarsened else MAX_ZOOM
        lat, lon, zoom = map_view([a.point for a in located if a.point is not None], max_zoom)
        # Attribute values are entity-decoded before Kartographer parses text= as wikitext: escape twice.
        caption = html.escape(_msg(t, messages.MAP_CAPTION, campaign=data.campaign_name), quote=True)
        lines += [
            f'<mapframe width="{MAP_WIDTH_PX}" height="{MAP_HEIGHT_PX}" zoom="{zoom}" '
            f'latitude="{lat}" longitude="{lon}" align="center" text="{caption}">',
            geojson(located, t),
            "</mapframe>",
            legend(located, t),
        ]
        if data.locations_coarsened:
            lines += ["", f"''{_msg(t, messages.MAP_COARSENED)}''"]
    if unlocated:
        if lines:
            lines.append("")
        separator = escape_inline(t.gettext(messages.LIST_SEPARATOR))
        lines.append(f"'''{_msg(t, messages.NO_COORDINATES)}'''")
        lines += [
            # the title isolated: a right-to-left (or U+202E) title can't reorder the rest of the line
            f"* <bdi>{article_link(a)}</bdi>{separator}{escape_wikitext(a.wiki)}{separator}"
            f"{_msg(t, _STATUS[a.status])}"
            for a in unlocated
        ]
    return lines


def legend(located: Sequence[ArticleRow], t: Translator) -> str:
    """● created article (37) · ● improved article (33) · ● translated article (3), in the markers' colours."""
    entries = []
    for status, message in _LEGEND.items():
        count = sum(1 for a in located if a.status == status)
        if count:
            colour = MARKERS[status][0]
            text = _msg(t, message, count=t.number(count))
            entries.append(f'<span style="color:{colour}">●</span> {text}')
    return escape_inline(t.gettext(messages.LIST_SEPARATOR)).join(entries)


# -- pages of any size

# $wgMaxArticleSize of Wikimedia's wikis (siteinfo's maxarticlesize, in KiB): MediaWiki refuses to save a
# longer page. A 5,000-article campaign's report is about 2.9 MB.
WIKIMEDIA_MAX_PAGE_KIB = 2048
# Room left under the limit, so a person can still add a line or two to a saved page by hand.
PAGE_ROOM = 0.97


@dataclass(frozen=True)
class WikiPage:
    """One page of a report: the main page (`subpage` None) or the subpage saved as MAIN/`subpage`."""

    subpage: str | None
    text: str


def render_wikitext_pages(
    data: ReportData, t: Translator, max_page_kib: int = WIKIMEDIA_MAX_PAGE_KIB
) -> list[WikiPage]:
    """The report as pages a wiki accepts: one page when it fits under max_page_kib, else a main page with
    the summary, per-wiki and participants tables, and links to subpages holding the articles table and the
    map in parts ("Articles 1", "Articles 2", "Map 1" …), each under the limit. Subpages are linked
    relatively ([[/Articles 1]]), so the main page can be saved under any title in a namespace with
    subpages (Meta's main namespace, Project:, User:)."""
    whole = render_wikitext(data, t)
    limit = int(max_page_kib * 1024 * PAGE_ROOM)
    if len(whole.encode("utf-8")) <= limit:
        return [WikiPage(None, whole)]
    back = "← [[../]]"
    articles_name = t.gettext(messages.SECTION_ARTICLES)
    map_name = t.gettext(messages.SECTION_MAP)

    def articles_page(rows: Sequence[ArticleRow]) -> str:
        return "\n".join([back, "", *_articles_table(rows, t)]) + "\n"

    parts = [
        (articles_name, _split(data.articles, _row_sizes(data.articles, t), articles_page, limit)),
        (map_name, _map_chunks(data, t, limit, back)),
    ]
    subpages: list[WikiPage] = []
    contents: dict[str, list[str]] = {}
    for name, chunks in parts:
        first = 1
        for k, chunk in enumerate(chunks, start=1):
            title = f"{name} {k}"
            subpages.append(WikiPage(title, chunk.text))
            span = t.gettext(messages.DATE_RANGE).format(
                start=t.number(first), end=t.number(first + chunk.count - 1)
            )
            contents.setdefault(name, []).append(f"* [[/{escape_wikitext(title)}]] ({escape_inline(span)})")
            first += chunk.count
    main = render_wikitext(replace(data, articles=()), t).rstrip("\n").split("\n")
    for heading in (messages.SECTION_ARTICLES, messages.SECTION_MAP):
        name = t.gettext(heading)
        if contents.get(name):
            main += _section(t, heading, contents[name])
    return [WikiPage(None, "\n".join(main) + "\n"), *subpages]


def split_map(data: ReportData, t: Translator, limit: int, back: str = "← [[../]]") -> list[tuple[str, str]]:
    """The map of `data`'s located articles in parts, each page (`back`, then the map) under `limit` bytes:
    [("Map 1", wikitext), ("Map 2", …)] — the map part of render_wikitext_pages, for other page layouts."""
    name = t.gettext(messages.SECTION_MAP)
    return [(f"{name} {k}", chunk.text) for k, chunk in enumerate(_map_chunks(data, t, limit, back), start=1)]


def _map_chunks(data: ReportData, t: Translator, limit: int, back: str) -> list[_Chunk]:
    """The located articles' map in runs, each page (`back`, then the map) under `limit` bytes."""
    located = [a for a in data.articles if a.point is not None]

    def map_page(rows: Sequence[ArticleRow]) -> str:
        return "\n".join([back, "", *map_lines(replace(data, articles=tuple(rows)), t)]) + "\n"

    return _split(located, _feature_sizes(located, t), map_page, limit)


@dataclass(frozen=True)
class _Chunk:
    text: str
    count: int


def _row_sizes(rows: Sequence[ArticleRow], t: Translator) -> list[int]:
    """Each article's bytes in the articles table (its "|-" line and cells), from one rendering."""
    lines = _articles_table(rows, t)[:-1]  # without the closing "|}"
    sizes: list[int] = []
    for line in lines[lines.index("|-") :] if "|-" in lines else []:
        if line == "|-":
            sizes.append(0)
        sizes[-1] += len(line.encode("utf-8")) + 1
    return sizes


def _feature_sizes(rows: Sequence[ArticleRow], t: Translator) -> list[int]:
    """Each located article's bytes in the map's GeoJSON (one feature a line), from one rendering."""
    lines = geojson(rows, t).split("\n")[1:-1]
    return [len(line.encode("utf-8")) + 1 for line in lines]


def _split(
    rows: Sequence[ArticleRow],
    sizes: Sequence[int],
    render: Callable[[Sequence[ArticleRow]], str],
    limit: int,
) -> list[_Chunk]:
    """Consecutive runs of rows, each rendered under `limit` bytes: filled greedily by each row's size
    (`sizes`) over the page's own overhead, then halved where a run's real rendering is still over.
    A single row over the limit is a page of its own (MediaWiki will say so when it is saved)."""
    if not rows:
        return []
    overhead = len(render(rows[:1]).encode("utf-8")) - sizes[0]
    runs: list[list[ArticleRow]] = [[]]
    used = overhead
    fill = limit * 0.99  # a run's legend and last line differ a little from the rows' sum
    for row, size in zip(rows, sizes, strict=True):
        if runs[-1] and used + size > fill:
            runs.append([])
            used = overhead
        runs[-1].append(row)
        used += size
    chunks: list[_Chunk] = []
    pending = runs[::-1]
    while pending:
        run = pending.pop()
        text = render(run)
        if len(text.encode("utf-8")) > limit and len(run) > 1:
            half = len(run) // 2
            pending += [run[half:], run[:half]]
            continue
        chunks.append(_Chunk(text, len(run)))
    return chunks


# -- worklist coverage (reports/coverage.py has its numbers, colours and words) ------------------------------------------------------------------------------------------
def coverage_lines(
    coverage: dict[str, Any], items: Sequence[CoveredItem], campaign: str, t: Translator
) -> list[str]:
    covered, total, share = covered_share(coverage)
    summary = t.gettext(messages.COVERAGE_SUMMARY).format(
        covered=t.number(covered), items=t.number(total), percent=coverage_percent(t, share)
    )
    width = round(share * 100, 1)
    lines = [
        escape_wikitext(summary),
        "",
        '<div style="background:#eaecf0;height:1em;max-width:30em;border:1px solid #a2a9b1">'
        f'<div style="background:{COVERAGE_COLOURS["created"]};height:1em;width:{width}%"></div></div>',
        "",
        '{| class="wikitable sortable"',
        f"! {escape_wikitext(t.gettext(messages.COL_WIKI))}",
    ]
    numbers = (
        messages.COL_BEFORE,
        messages.COL_NOW,
        messages.COL_COVERAGE_CREATED,
        messages.COL_COVERAGE_IMPROVED,
    )
    lines += [f'! data-sort-type="number" | {escape_wikitext(t.gettext(m))}' for m in numbers]
    for wiki, row in coverage["by_wiki"].items():
        lines += ["|-", f"| {escape_wikitext(wiki)}"]
        lines += [f"| {t.number(row[k])}" for k in ("before", "now", "created", "improved")]
    lines += ["|}", ""]
    sep = escape_inline(t.gettext(messages.LIST_SEPARATOR))
    lines.append(
        escape_wikitext(
            t.gettext(messages.COVERAGE_WITH_IMAGE).format(count=t.number(coverage["with_image"]))
        )
        + sep
        + escape_inline(
            t.gettext(messages.COVERAGE_WITH_COORDINATES).format(count=t.number(coverage["with_coordinates"]))
        )
    )
    # A wiki page holds at most a few MB: the map and the missing list show the first MAX_WIKITEXT_ITEMS
    placed = [i for i in items if i.point is not None][:MAX_WIKITEXT_ITEMS]
    if placed:
        lat, lon, zoom = map_view([i.point for i in placed if i.point is not None], MAX_ZOOM_COARSENED)
        caption = html.escape(
            escape_wikitext(t.gettext(messages.COVERAGE_MAP_CAPTION).format(campaign=campaign)), quote=True
        )
        lines += [
            "",
            f'<mapframe width="{MAP_WIDTH_PX}" height="{MAP_HEIGHT_PX}" zoom="{zoom}" '
            f'latitude="{lat}" longitude="{lon}" align="center" text="{caption}">',
            _coverage_geojson(placed, t),
            "</mapframe>",
            _coverage_legend(placed, t, sep),
        ]
    if coverage["missing"]:
        lines += [
            "",
            f"'''{escape_wikitext(t.gettext(messages.COVERAGE_MISSING))}'''",
            '{| class="wikitable sortable"',
            f"! {escape_wikitext(t.gettext(messages.COL_ITEM))}",
            f"! {escape_wikitext(t.gettext(messages.COL_TITLE))}",
            f"! {escape_wikitext(t.gettext(messages.COL_LABEL))}",
        ]
        for m in coverage["missing"][:MAX_WIKITEXT_ITEMS]:
            qid = m.get("item") or ""
            lines += [
                "|-",
                f"| [[d:{qid}|{qid}]]" if _QID.fullmatch(qid) else "|",
                f"| {escape_wikitext(m['title'])}" if m.get("title") else "|",
                f"| <bdi>{escape_wikitext(m['label'])}</bdi>" if m.get("label") else "|",
            ]
        lines.append("|}")
        more = len(coverage["missing"]) - MAX_WIKITEXT_ITEMS
        if more > 0:
            lines.append(escape_wikitext(t.gettext(messages.COVERAGE_MORE).format(count=t.number(more))))
    return lines


def _article_links(item: CoveredItem) -> list[str]:
    links = []
    for wiki, a in sorted(item.articles.items()):
        target = link_target(a.target) if a.target else None
        if target is not None:
            links.append(f"[[:{_prefix(wiki)}{target}|{escape_wikitext(a.target or '')}]]")
    return links


def _prefix(wiki: str) -> str:
    """An interwiki prefix for a Wikipedia ("sq:"); other wikis' titles are shown unlinked by callers."""
    m = re.fullmatch(r"([a-z][a-z0-9-]*)\.wikipedia\.org", wiki)
    return f"{m.group(1)}:" if m else ""


def _coverage_geojson(items: Sequence[CoveredItem], t: Translator) -> str:
    sep = t.gettext(messages.LIST_SEPARATOR)
    features = []
    for i in items:
        if i.point is None:
            continue
        description = escape_wikitext(t.gettext(COVERAGE_STATUS[i.status]))
        links = _article_links(i)
        if links:
            description += escape_inline(sep) + escape_inline(sep).join(links)
        features.append(
            json.dumps(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(i.point.lon, 6), round(i.point.lat, 6)],
                    },
                    "properties": {
                        "title": escape_wikitext(item_name(i)),
                        "description": description,
                        "marker-color": COVERAGE_COLOURS[i.status],
                        "marker-size": "small",
                    },
                },
                ensure_ascii=False,
            )
        )
    body = '{"type": "FeatureCollection", "features": [\n' + ",\n".join(features) + "\n]}"
    return body.replace("</", "<\\/")


def _coverage_legend(items: Sequence[CoveredItem], t: Translator, sep: str) -> str:
    counts = Counter(i.status for i in items)
    return sep.join(
        f'<span style="color:{COVERAGE_COLOURS[s]}">●</span> '
        + escape_wikitext(t.gettext(COVERAGE_LEGEND[s]).format(count=t.number(counts[s])))
        for s in ITEM_STATUSES
        if counts[s]
    )
