"""A newsletter issue as a Meta-Wiki page per language, as an HTML page per language, and as a talk-page
announcement. Pure: Issue + ReportData (per generated story's campaign) + Translator in, text out.

The wiki page, modelled on the CEE Newsletter:

    <div lang="ru" dir="ltr">
    masthead: the newsletter's name, "Том 4 • Выпуск 2 • март 2024 г."
    "Читать на других языках: [[:BASE|English]]"                      (the other languages' pages)
    == От редакции ==   the editorial
    == SECTION ==
    === STORY ===
    ''Автор: …''
    the summary
    <div class="mw-collapsible mw-collapsed" data-expandtext="читать полностью…"
      data-collapsetext="свернуть статью">the full article</div>                (one line)
    </div>

A collapsed `mw-collapsible` div (jquery.makeCollapsible, MediaWiki 1.39) shows only its toggle, whose text
is the div's `data-expandtext`; expanded, the toggle says the div's `data-collapsetext`.

Everything from the issue file, a catalogue or a wiki is escaped (`escape_wikitext`) except what the
organizers wrote as wikitext on purpose: `.wiki` stories and editorials, and story templates (their
placeholders are filled with escaped values). Markdown is converted by `markdown.to_wikitext` (raw HTML
escaped).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from babel import Locale
from babel.dates import format_skeleton

from wikitally.metrics.words import strip_markup
from wikitally.newsletter import markdown
from wikitally.newsletter.model import GeneratedStory, Issue, Story, Text, WrittenStory
from wikitally.reports import messages
from wikitally.reports.data import ReportData
from wikitally.reports.html import (
    OSM_ATTRIBUTION,
    OSM_TILES,
    content_security_policy,
    esc,
    html_link,
    leaflet_assets,
    script_json,
)
from wikitally.reports.i18n import LANGUAGES, Translator

# escape_inline, link_target and map_lines are private pieces of the wikitext report, called as they are rather
# than copied; they should become public (escape_inline, link_target, map_lines), as html_link of the HTML
# report (html_link).
from wikitally.reports.wikitext import (
    PAGE_ROOM,
    escape_inline,
    escape_prose,
    escape_wikitext,
    geojson,
    headline,
    link_target,
    map_lines,
    split_map,
)

# A generated story's template placeholders. {stats} is the campaign's headline stats line, {dates} its
# date range, {participants} and {articles} counted phrases in the language ("12 participants", "5 статей").
PLACEHOLDERS = ("campaign", "stats", "dates", "participants", "articles")
# {name}, but not the name of a {{template}} or a {{{parameter}}}: "{{Box|{campaign}}}" fills {campaign}.
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}")
COLLAPSIBLE = "mw-collapsible mw-collapsed"
MARKER_PREFIX = "wikitally-newsletter"


def unknown_placeholders(template: str) -> list[str]:
    """The {placeholders} of a template that aren't PLACEHOLDERS (a typo would be published as is)."""
    return sorted({m.group(1) for m in _PLACEHOLDER.finditer(template)} - set(PLACEHOLDERS))


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with each {placeholder} replaced, in one pass (a value is never read as a placeholder)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def month_name(issue: Issue, t: Translator) -> str:
    """The issue's month and year the language's way: "March 2024", "март 2024 г.", "2024 թ․ մարտ"."""
    return format_skeleton("yMMMM", issue.month, locale=t.locale)


def masthead(issue: Issue, t: Translator) -> str:
    """ "Volume 4 • Issue 2 • March 2024" (plain text)."""
    return t.gettext(messages.NEWSLETTER_MASTHEAD).format(
        volume=t.number(issue.volume), issue=t.number(issue.number), month=month_name(issue, t)
    )


def heading(issue: Issue, t: Translator) -> str:
    """ "CEE Newsletter: Volume 4 • Issue 2 • March 2024" (plain text): the announcement's heading."""
    title = _pick(issue, issue.title, t.language)
    return t.gettext(messages.NEWSLETTER_ANNOUNCEMENT_HEADING).format(
        title=title, masthead=masthead(issue, t)
    )


def page_summary(issue: Issue, t: Translator) -> str:
    """ "CEE Newsletter, Volume 4 • Issue 2 • March 2024 (published with wikitally)" (plain text): the
    pages' edit summary."""
    title = _pick(issue, issue.title, t.language)
    return t.gettext(messages.NEWSLETTER_PAGE_SUMMARY).format(title=title, masthead=masthead(issue, t))


def autonym(language: str) -> str:
    """A language's name in itself ("русский", "srpski (latinica)"), from CLDR."""
    locale = Locale.parse(LANGUAGES[language])
    return str(locale.get_display_name(locale))


def marker(issue: Issue) -> str:
    """The hidden marker of one issue's announcements: a hash of its page, so a talk page that holds it
    already has this issue's announcement."""
    key = " ".join(issue.base_page.replace("_", " ").split())
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"<!-- {MARKER_PREFIX}:{digest} -->"


# -- the wiki page ---------------------------------------------------------------------------------------


def wikitext_page(
    issue: Issue,
    data: Mapping[str, ReportData],
    t: Translator,
    full_pages: Mapping[tuple[int, int], str] | None = None,
) -> str:
    """The issue's page in t's language, NFC-normalised as MediaWiki saves it. `data` holds each generated
    story's ReportData by campaign key. `full_pages`: (section, story) → the subpage holding that story's
    full part, linked instead of folded in (wikitext_pages, for a page over the wiki's size limit)."""
    lang = t.language
    locale_tag = str(t.locale).replace("_", "-")
    title = escape_wikitext(_pick(issue, issue.title, lang))
    image = link_target(issue.masthead_image.removeprefix("File:")) if issue.masthead_image else None
    out = [
        f'<div lang="{locale_tag}" dir="{t.locale.text_direction}">',
        '<div style="text-align:center; border-bottom:4px solid #36c; padding-bottom:0.5em; margin-bottom:1em;">',
        *([f"[[File:{image}|frameless|center|upright=2|link=|alt=]]"] if image else []),
        f'<div style="font-size:220%; font-weight:bold; line-height:1.2;">{title}</div>',
        f'<div style="font-size:120%;">{escape_wikitext(masthead(issue, t))}</div>',
        "</div>",
    ]
    others = [code for code in issue.languages if code != lang]
    if others:
        separator = escape_inline(t.gettext(messages.STAT_SEPARATOR))
        links = separator.join(
            f"[[:{link_target(issue.page(code))}|{escape_wikitext(autonym(code))}]]" for code in others
        )
        out.append(escape_wikitext(t.gettext(messages.NEWSLETTER_LANGUAGES) + " ") + links)
    if issue.contents:
        out += ["", *_contents_wikitext(issue, data, t)]
    editorial = issue.pick(issue.editorial, lang)
    if editorial is not None:
        out += [
            "",
            f"== {escape_wikitext(t.gettext(messages.NEWSLETTER_EDITORIAL))} ==",
            _wikitext(editorial),
        ]
    for i, section in enumerate(issue.sections):
        out += ["", f"== {escape_wikitext(_pick(issue, section.name, lang))} =="]
        columns = issue.lead_columns if i == 0 else 1
        if columns > 1:  # side by side where there is room (22em a column), one column on a phone
            out += ["", f'<div style="column-count:{columns}; column-width:22em; column-gap:2em;">']
        for j, story in enumerate(section.stories):
            lines = _story_wikitext(issue, story, data, t, (full_pages or {}).get((i, j)))
            if columns > 1:
                lines = ['<div style="break-inside:avoid; page-break-inside:avoid;">', *lines, "</div>"]
            out += ["", *lines]
        if columns > 1:
            out += ["</div>"]
    out.append("</div>")
    return unicodedata.normalize("NFC", "\n".join(out) + "\n")


def _contents_wikitext(issue: Issue, data: Mapping[str, ReportData], t: Translator) -> list[str]:
    """The "In this issue" box: every section and story, each a link to its heading on the page."""
    lang = t.language

    def item(depth: int, name: str) -> str:
        text = escape_wikitext(name)
        return f"{'*' * depth} [[#{text}|{text}]]"

    lines = [
        '<div style="float:right; clear:right; max-width:22em; margin:0 0 1em 1em; padding:0.5em 1em; '
        'border:1px solid #c8ccd1; background:#f8f9fa;">',
        "'''" + escape_wikitext(t.gettext(messages.NEWSLETTER_CONTENTS)) + "'''",
    ]
    if issue.pick(issue.editorial, lang) is not None:
        lines.append(item(1, t.gettext(messages.NEWSLETTER_EDITORIAL)))
    for section in issue.sections:
        lines.append(item(1, _pick(issue, section.name, lang)))
        lines += [item(2, _story_title(issue, story, data, lang)) for story in section.stories]
    return [*lines, "</div>"]


def _pick(issue: Issue, values: Mapping[str, str], language: str) -> str:
    return issue.pick(values, language) or ""


def _wikitext(text: Text) -> str:
    return markdown.to_wikitext(text.body) if text.markup == "markdown" else text.body.strip()


def _story_wikitext(
    issue: Issue, story: Story, data: Mapping[str, ReportData], t: Translator, full_page: str | None = None
) -> list[str]:
    lang = t.language
    # A title may be a campaign's name from a wiki: isolated, so a right-to-left one can't reorder the line.
    lines = [f"=== <bdi>{escape_wikitext(_story_title(issue, story, data, lang))}</bdi> ==="]
    if story.author:
        lines.append(f"''{escape_wikitext(t.gettext(messages.NEWSLETTER_BY).format(author=story.author))}''")
    short, full = _story_parts(issue, story, data, t)
    if short:
        lines += ["", short]
    if full and full_page is not None:
        more = escape_wikitext(t.gettext(messages.NEWSLETTER_MORE))
        lines += ["", f"'''[[/{escape_wikitext(full_page)}|{more}]]'''"]
    elif full:
        more = escape_wikitext(t.gettext(messages.NEWSLETTER_MORE))
        less = escape_wikitext(t.gettext(messages.NEWSLETTER_LESS))
        lines += [
            "",
            f'<div class="{COLLAPSIBLE}" data-expandtext="{more}" data-collapsetext="{less}">',
            full,
            "</div>",
        ]
    return lines


def _story_parts(
    issue: Issue, story: Story, data: Mapping[str, ReportData], t: Translator, with_map: bool = True
) -> tuple[str, str]:
    """A story's lead (shown) and full part (folded away, or on a subpage), as wikitext."""
    lang = t.language
    summary = issue.pick(story.summary, lang)
    if isinstance(story, WrittenStory):
        body = issue.pick(story.body, lang)
        full = _wikitext(body) if body is not None else ""
        # Without a summary the body is the story: shown, not folded away under a bare heading.
        short, full = (_wikitext(summary), full) if summary is not None else (full, "")
    else:
        report = data[story.key]
        stats = _stats_wikitext(report, t)
        template = issue.pick(story.template, lang)
        filled = fill(template, _values(report, t)).strip() if template else ""
        lead = _wikitext(summary) if summary is not None else (filled or stats)
        rest = [filled] if summary is not None else []
        if stats not in (lead, *rest) and "{stats}" not in (template or ""):
            rest.append(stats)  # the stats line once: in the lead, in the template, or here
        if story.map and with_map:
            rest.append("\n".join(map_lines(report, t)))
        short, full = lead, "\n\n".join(p for p in rest if p)
    return short, full


def wikitext_pages(
    issue: Issue, data: Mapping[str, ReportData], t: Translator, max_page_bytes: int
) -> list[tuple[str | None, str]]:
    """The issue's page in t's language as pages the wiki accepts: (None, page) when it fits under
    max_page_bytes (the wiki's maxarticlesize); else the page with every story's full part moved to a
    subpage of its own (named by the story's number on the page, linked relatively: PAGE/1, PAGE/2 …), and a
    story whose map alone is too big with that map in parts (PAGE/2/Map 1 …), each part under the limit."""
    whole = wikitext_page(issue, data, t)
    limit = int(max_page_bytes * PAGE_ROOM)
    if len(whole.encode("utf-8")) <= limit:
        return [(None, whole)]
    lang = t.language
    opening = f'<div lang="{str(t.locale).replace("_", "-")}" dir="{t.locale.text_direction}">'
    full_pages: dict[tuple[int, int], str] = {}
    subpages: list[tuple[str | None, str]] = []
    number = 0
    for i, section in enumerate(issue.sections):
        for j, story in enumerate(section.stories):
            _short, full = _story_parts(issue, story, data, t)
            if not full:
                continue
            number += 1
            name = str(number)
            full_pages[(i, j)] = name
            heading = f"== {escape_wikitext(_story_title(issue, story, data, lang))} =="
            text = "\n".join([opening, "← [[../]]", "", heading, "", full, "</div>"]) + "\n"
            if len(text.encode("utf-8")) > limit and isinstance(story, GeneratedStory) and story.map:
                # The map is what makes a story this big: the story without it, and the map in parts.
                _short, rest = _story_parts(issue, story, data, t, with_map=False)
                parts = split_map(data[story.key], t, limit, back="← [[../]]")
                links = [f"* [[/{escape_wikitext(part)}]]" for part, _text in parts]
                map_heading = f"=== {escape_wikitext(t.gettext(messages.SECTION_MAP))} ==="
                text = "\n".join(
                    [opening, "← [[../]]", "", heading, "", rest, "", map_heading, *links, "</div>"]
                )
                text += "\n"
                subpages += [(f"{name}/{part}", part_text) for part, part_text in parts]
            subpages.append((name, text))
    main = wikitext_page(issue, data, t, full_pages)
    # each story's page before its map's parts: 1, 2, 2/Map 1, 2/Map 2, 3 …
    subpages.sort(key=lambda page: (int(str(page[0]).split("/")[0]), str(page[0])))
    return [(None, main), *[(name, unicodedata.normalize("NFC", text)) for name, text in subpages]]


def _story_title(issue: Issue, story: Story, data: Mapping[str, ReportData], language: str) -> str:
    title = issue.pick(story.title, language)
    if title:
        return title
    assert isinstance(story, GeneratedStory)  # a written story's title is required by the issue file
    return data[story.key].campaign_name


def _has_data(report: ReportData) -> bool:
    return bool(report.outcome.get("by_participant") or report.articles)


def _stats_wikitext(report: ReportData, t: Translator) -> str:
    if not _has_data(report):
        return escape_wikitext(t.gettext(messages.NO_DATA))
    return headline(report, t)


def _raw_values(report: ReportData, t: Translator) -> dict[str, str]:
    """A generated story's placeholder values as plain text."""
    campaign = report.outcome["campaign"]
    totals = report.outcome["totals"]
    dates = ""
    if campaign.get("start") and campaign.get("end"):
        start, end = datetime.fromisoformat(campaign["start"]), datetime.fromisoformat(campaign["end"])
        dates = t.gettext(messages.DATE_RANGE).format(start=t.date(start), end=t.date(end))
    return {
        "campaign": report.campaign_name,
        "dates": dates,
        "participants": t.count(messages.N_PARTICIPANTS, int(totals["participants"])),
        "articles": t.count(messages.N_ARTICLES, int(totals["articles_edited"])),
    }


def _values(report: ReportData, t: Translator) -> dict[str, str]:
    values = {key: escape_wikitext(value) for key, value in _raw_values(report, t).items()}
    values["stats"] = _stats_wikitext(report, t)
    return values


# -- the announcement ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Announcement:
    heading: str  # the new section's title (wikitext, escaped)
    text: str  # the section's wikitext: the announcement, a signature, the marker
    summary: str  # plain text for the edit summary ("New issue of TITLE (posted with wikitally)")
    marker: str


def announcement(issue: Issue, t: Translator, data: Mapping[str, ReportData] | None = None) -> Announcement:
    """What a subscriber's talk page gets, in `t`'s language: "A new issue of TITLE is out: [[:PAGE]]" —
    the page in that language when the issue has one, else the source language's — and a teaser, the
    issue's story titles in that language (with `data`, a generated story's default title, its campaign's
    name, is known too), signed."""
    language = t.language if t.language in issue.languages else issue.source_language
    title = _pick(issue, issue.title, language)
    plain_heading = heading(issue, t)
    link = f"[[:{link_target(issue.page(language))}]]"
    body = _with_markup(t.gettext(messages.NEWSLETTER_ANNOUNCEMENT), title=escape_wikitext(title), link=link)
    stories = [
        _story_title(issue, story, data or {}, language)
        for section in issue.sections
        for story in section.stories
        if issue.pick(story.title, language)
        or (isinstance(story, GeneratedStory) and story.key in (data or {}))
    ]
    teaser = ""
    if stories:
        items = "\n".join(f"* {escape_wikitext(s)}" for s in stories)
        teaser = f"\n\n{escape_prose(t.gettext(messages.NEWSLETTER_IN_THIS_ISSUE))}\n{items}\n\n"
    mark = marker(issue)
    text = f"{body}{teaser}{' ' if not teaser else ''}~~~~\n{mark}"
    summary = t.gettext(messages.NEWSLETTER_ANNOUNCEMENT_SUMMARY).format(title=title)
    return Announcement(escape_wikitext(plain_heading), unicodedata.normalize("NFC", text), summary, mark)


def _with_markup(message: str, **markup: str) -> str:
    """A translated message escaped as a whole, with {placeholders} replaced by already-made wikitext:
    each placeholder stands as a private-use character while the message is escaped."""
    stand_ins = {name: chr(0xE000 + i) for i, name in enumerate(markup)}
    message = message.translate({ord(c): None for c in stand_ins.values()})
    text = escape_wikitext(message.format(**stand_ins))
    for name, stand_in in stand_ins.items():
        text = text.replace(stand_in, markup[name])
    return text


# -- the HTML page ---------------------------------------------------------------------------------------


def html_file_name(language: str) -> str:
    return f"{language}.html"


def html_page(
    issue: Issue,
    data: Mapping[str, ReportData],
    t: Translator,
    href: Callable[[str], str] = html_file_name,
) -> str:
    """The issue in t's language as one self-contained HTML page (no script, nothing loaded from
    elsewhere). Stories fold into <details>. Wikitext (.wiki stories, templates) is shown as its text.
    `href` gives the address of another language's page."""
    lang = t.language
    title = _pick(issue, issue.title, lang)
    head = masthead(issue, t)
    sep = t.gettext(messages.STAT_SEPARATOR)
    body = ["<header>"]
    if issue.masthead_image:
        # The preview loads nothing from elsewhere: the image's place and name, as it will stand on the wiki.
        body.append(f'<p class="masthead-image" role="img">{esc(issue.masthead_image)}</p>')
    body.append(f'<h1>{esc(title)}</h1>\n<p class="masthead">{esc(head)}</p>')
    others = [code for code in issue.languages if code != lang]
    if others:
        links = esc(sep).join(
            f'<a href="{esc(href(code))}" hreflang="{esc(_tag(code))}" lang="{esc(_tag(code))}">'
            f"{esc(autonym(code))}</a>"
            for code in others
        )
        body.append(f'<nav class="languages">{esc(t.gettext(messages.NEWSLETTER_LANGUAGES))} {links}</nav>')
    body.append("</header>")
    if issue.contents:
        body.append(_contents_html(issue, data, t))
    editorial = issue.pick(issue.editorial, lang)
    if editorial is not None:
        body.append(
            f'<section id="editorial">\n<h2>{esc(t.gettext(messages.NEWSLETTER_EDITORIAL))}</h2>\n'
            f"{_html(editorial, 2)}\n</section>"
        )
    for i, section in enumerate(issue.sections, 1):
        stories = "\n".join(
            _story_html(issue, story, data, t, f"story-{i}-{j}") for j, story in enumerate(section.stories, 1)
        )
        lead = i == 1 and issue.lead_columns > 1
        opening = f'<div class="lead" style="column-count:{issue.lead_columns}">\n' if lead else ""
        closing = "\n</div>" if lead else ""
        body.append(
            f'<section id="section-{i}">\n<h2>{esc(_pick(issue, section.name, lang))}</h2>\n'
            f"{opening}{stories}{closing}\n</section>"
        )
    # A story with a map gets Leaflet (inlined, allowed by hash) and the map tiles; otherwise no script at all.
    has_map = any('class="story-map"' in part for part in body)
    leaflet_js, leaflet_css = leaflet_assets() if has_map else ("", "")
    scripts = [leaflet_js, STORY_MAP_JS] if has_map else []
    policy = content_security_policy(OSM_TILES, scripts) if has_map else _CSP
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{esc(_tag(lang))}" dir="{esc(t.locale.text_direction)}">\n<head>\n',
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n',
            f"<title>{esc(title + sep + head)}</title>\n",
            f"<style>{leaflet_css}{_CSS}</style>\n</head>\n<body>\n<main>\n",
            "\n".join(body),
            "\n</main>\n",
            "".join(f"<script>{code}</script>\n" for code in scripts),
            "</body>\n</html>\n",
        ]
    )


def _contents_html(issue: Issue, data: Mapping[str, ReportData], t: Translator) -> str:
    lang = t.language
    items = []
    if issue.pick(issue.editorial, lang) is not None:
        items.append(f'<li><a href="#editorial">{esc(t.gettext(messages.NEWSLETTER_EDITORIAL))}</a></li>')
    for i, section in enumerate(issue.sections, 1):
        stories = "".join(
            f'<li><a href="#story-{i}-{j}">{esc(_story_title(issue, story, data, lang))}</a></li>'
            for j, story in enumerate(section.stories, 1)
        )
        items.append(
            f'<li><a href="#section-{i}">{esc(_pick(issue, section.name, lang))}</a><ul>{stories}</ul></li>'
        )
    heading = esc(t.gettext(messages.NEWSLETTER_CONTENTS))
    return (
        f'<nav class="contents" aria-label="{heading}">\n<p><b>{heading}</b></p>\n'
        f"<ul>{''.join(items)}</ul>\n</nav>"
    )


def _map_html(report: ReportData, t: Translator, map_id: str) -> str:
    """A preview of the story's Kartographer map: the very GeoJSON the wiki page's <mapframe> holds, drawn
    with Leaflet on OpenStreetMap tiles (the wiki itself draws Wikimedia's), so organizers see the map before
    they publish, on any wiki."""
    located = [a for a in report.articles if a.point is not None]
    if not located:
        return ""
    collection = json.loads(geojson(located, t))
    points = [
        [lat, lon, f["properties"]["marker-color"], html.unescape(f["properties"]["title"])]
        for f in collection["features"]
        for lon, lat in [f["geometry"]["coordinates"]]
    ]
    config = {"tiles": OSM_TILES, "attribution": OSM_ATTRIBUTION, "points": points}
    return (
        f'<div class="story-map" id="{esc(map_id)}" hidden></div>'
        f'<script type="application/json" id="{esc(map_id)}-data">{script_json(config)}</script>'
    )


# Draws each .story-map from its JSON (the wiki page's GeoJSON points, colours and titles). A map inside a
# closed <details> is drawn when it is first opened (Leaflet needs its box's size).
STORY_MAP_JS = """
(function () {
  "use strict";
  if (!window.L) return;
  Array.prototype.forEach.call(document.querySelectorAll(".story-map"), function (box) {
    var block = document.getElementById(box.id + "-data");
    if (!block) return;
    var data = JSON.parse(block.textContent);
    var fold = box.closest("details");
    var drawn = false;
    function draw() {
      if (drawn) return;
      drawn = true;
      box.hidden = false;
      var map = L.map(box, {scrollWheelZoom: false, worldCopyJump: true});
      var bounds = [];
      data.points.forEach(function (p) {
        var title = document.createElement("b");
        title.textContent = p[3];
        L.circleMarker([p[0], p[1]], {
          radius: 6, weight: 1.5, color: "#ffffff", fillColor: p[2], fillOpacity: 0.9
        }).bindPopup(title).addTo(map);
        bounds.push([p[0], p[1]]);
      });
      map.fitBounds(bounds, {padding: [24, 24], maxZoom: 12});
      L.tileLayer(data.tiles, {attribution: data.attribution, maxZoom: 19}).addTo(map);
    }
    if (fold && !fold.open) fold.addEventListener("toggle", function () { if (fold.open) draw(); });
    else draw();
  });
})();
"""


def _tag(language: str) -> str:
    return str(Locale.parse(LANGUAGES[language])).replace("_", "-")


def _html(text: Text, heading_level: int) -> str:
    if text.markup == "markdown":
        return markdown.to_html(text.body, heading_level).strip()
    return _plain_html(strip_markup(text.body, prose_only=False))


def _plain_html(text: str) -> str:
    """Plain text as paragraphs: a blank line between paragraphs, a line break within one."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n".join(
        "<p>" + "<br>".join(esc(line.strip()) for line in p.splitlines() if line.strip()) + "</p>"
        for p in paragraphs
    )


def _story_html(
    issue: Issue, story: Story, data: Mapping[str, ReportData], t: Translator, anchor: str = ""
) -> str:
    lang = t.language
    attrs = f' id="{esc(anchor)}"' if anchor else ""
    parts = [f"<article{attrs}>\n<h3>{esc(_story_title(issue, story, data, lang))}</h3>"]
    if story.author:
        byline = t.gettext(messages.NEWSLETTER_BY).format(author=story.author)
        parts.append(f'<p class="byline">{esc(byline)}</p>')
    summary = issue.pick(story.summary, lang)
    if isinstance(story, WrittenStory):
        body = issue.pick(story.body, lang)
        full = _html(body, 3) if body is not None else ""
        short, full = (_html(summary, 3), full) if summary is not None else (full, "")
    else:
        report = data[story.key]
        stats = f'<p class="stats">{esc(html.unescape(_stats_wikitext(report, t)))}</p>'
        template = issue.pick(story.template, lang)
        filled = ""
        if template:
            # The template's markup is stripped first, so a value (a campaign's name) is never read as markup.
            stats_text = html.unescape(_stats_wikitext(report, t))
            values = _raw_values(report, t) | {"stats": stats_text}
            filled = _plain_html(fill(strip_markup(template, prose_only=False), values))
        lead = _html(summary, 3) if summary is not None else (filled or stats)
        rest = [filled] if summary is not None else []
        if stats not in (lead, *rest) and "{stats}" not in (template or ""):
            rest.append(stats)
        if story.map and report.articles:
            rest.append(_map_html(report, t, f"{anchor or 'story'}-map"))
            rest.append(_places_html(report, t))
        short, full = lead, "\n".join(p for p in rest if p)
    if short:
        parts.append(f'<div class="summary">{short}</div>')
    if full:
        more = esc(t.gettext(messages.NEWSLETTER_MORE))
        parts.append(f"<details>\n<summary>{more}</summary>\n{full}\n</details>")
    parts.append("</article>")
    return "\n".join(parts)


_STATUS = {
    "created": messages.STATUS_CREATED,
    "improved": messages.STATUS_IMPROVED,
    "translated": messages.STATUS_TRANSLATED,
}


def _places_html(report: ReportData, t: Translator) -> str:
    """The map's articles as a list (the HTML page loads no map tiles)."""
    sep = esc(t.gettext(messages.STAT_SEPARATOR))
    items = "\n".join(
        f'<li class="{a.status}">{html_link(a.url, a.title)}{sep}{esc(a.wiki)}{sep}'
        f"{esc(t.gettext(_STATUS[a.status]))}</li>"
        for a in report.articles
    )
    return f'<h4>{esc(t.gettext(messages.SECTION_MAP))}</h4>\n<ul class="places">\n{items}\n</ul>'


_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# The HTML report's look (reports/html.py): Codex colours, system fonts, readable on a phone.
_CSS = """
.masthead-image{margin:0 auto .5rem;padding:2rem 1rem;max-width:30rem;border:1px dashed var(--line);
color:var(--muted);text-align:center}
.contents{float:right;clear:right;max-width:22rem;margin:0 0 1rem 1rem;padding:.5rem 1rem;
border:1px solid var(--line);background:var(--panel)}
.contents ul{margin:.25rem 0;padding-inline-start:1.2rem}
.lead{column-width:22rem;column-gap:2rem}
.lead article{break-inside:avoid}
@media (max-width:40rem){.contents{float:none;max-width:none;margin:0 0 1rem}}
.story-map{height:22rem;margin:.75rem 0;border:1px solid var(--line)}
:root{--fg:#202122;--muted:#54595d;--line:#c8ccd1;--soft:#eaecf0;--panel:#f8f9fa;--accent:#3366cc;
--created:#14866d;--improved:#3366cc;--translated:#b35c00;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;
font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem 3rem}
a{color:#3366cc}
a:visited{color:#795cb2}
header{border-bottom:4px solid var(--accent);padding-bottom:1rem;text-align:center}
h1{font-size:clamp(1.6rem,6vw,2.6rem);line-height:1.2;margin:0;overflow-wrap:anywhere}
.masthead{font-size:1.15rem;margin:.3rem 0 0;color:var(--muted)}
.languages{margin-top:.6rem;font-size:.95rem}
h2{font-size:1.4rem;margin:2.5rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.15rem;margin:1.75rem 0 .25rem}
h4,h5,h6{font-size:1rem;margin:1rem 0 .25rem}
article{border-inline-start:3px solid var(--soft);padding-inline-start:1rem}
.byline{color:var(--muted);font-style:italic;margin:0 0 .5rem}
.stats{background:var(--panel);border:1px solid var(--soft);border-radius:.4rem;padding:.5rem .75rem}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;color:#3366cc;font-weight:600}
blockquote{margin:1rem 0;padding:.25rem 1rem;border-inline-start:4px solid var(--line);color:var(--muted)}
pre{overflow-x:auto;background:var(--panel);padding:.75rem;border-radius:.4rem}
.places{padding-inline-start:1.25rem}
.places li{overflow-wrap:anywhere}
li.created::marker{color:var(--created)}li.improved::marker{color:var(--improved)}
li.translated::marker{color:var(--translated)}
@media (max-width:30rem){main{padding:1rem .75rem 2rem}}
"""
