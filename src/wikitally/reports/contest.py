"""A contest's results as a terminal table, CSV, JSON and Meta-ready wikitext, in the campaign's language
(the HTML page: reports/contest_html.py). Wiki strings are data: escaped in wikitext, defused in CSV, shown
as plain text in the terminal. CSV and JSON keep machine keys (rule kinds, column names) in English."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from decimal import Decimal

from rich.console import Console, Group
from rich.table import Table

from wikitally.judging.article_rounds import RoundResult
from wikitally.judging.categories import categories, categories_json, places
from wikitally.judging.ranking import shown
from wikitally.judging.results import Judged, Results, Standing
from wikitally.reports import messages
from wikitally.reports.csv_report import cell
from wikitally.reports.i18n import Translator, translator
from wikitally.reports.table import safe
from wikitally.reports.wikitext import escape_wikitext, isolated, link_target, user_link

ENTRY_COLUMNS = (
    "wiki",
    "title",
    "participant",
    "eligible",
    "failed",
    "warnings",
    "info",
    "points",
    "jury",
    "marks",
    "score",
    "deleted",
)
CATEGORY_COLUMNS = ("category", "rank", "participant", "score", "entries")
_WIKIPEDIA = re.compile(r"([a-z][a-z0-9-]*)\.wikipedia\.org")
_PLACES = (messages.PLACE_1, messages.PLACE_2, messages.PLACE_3)


def amount(value: Decimal | None) -> str:
    return "" if value is None else f"{shown(value):.2f}"


def place(t: Translator, rank: int) -> str:
    """ "1st place", "2nd place", "3rd place", then "Place 4" — as the catalogue writes them."""
    if 1 <= rank <= len(_PLACES):
        return t.gettext(_PLACES[rank - 1])
    return t.gettext(messages.PLACE_N).format(rank=t.number(rank))


def category_label(t: Translator, key: str) -> str:
    """A category's heading: "Overall", "Articles created" …, or the wiki's domain."""
    labels = {
        "overall": messages.CONTEST_OVERALL,
        "created": messages.COL_CREATED,
        "improved": messages.COL_IMPROVED,
        "translated": messages.CONTEST_TRANSLATED,
        "worklist": messages.CONTEST_WORKLIST,
    }
    return t.gettext(labels[key]) if key in labels else key.removeprefix("wiki:")


def reasons(j: Judged, t: Translator) -> str:
    parts = []
    if j.entry.deleted:
        parts.append(t.gettext(messages.CONTEST_DELETED))
    parts += list(j.failed)
    parts += [t.gettext(messages.CONTEST_WARNING).format(rule=w) for w in j.warnings]
    parts += [t.gettext(messages.CONTEST_INFO).format(rule=i) for i in j.info]
    return ", ".join(parts)


def render_json(results: Results, rounds: Sequence[RoundResult] | None = None) -> str:
    """The contract's JSON, extended with "categories" (each category's own dense ranking) and, for a contest
    with rounds of selection, "rounds"."""
    data = results.as_json()
    data["categories"] = categories_json(categories(results))
    if rounds is not None:
        data["rounds"] = [r.as_json() for r in rounds]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_csv(results: Results, what: str = "entries") -> str:
    """One row per entry (`what` = "entries"), or one row per (category, participant) ("categories")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if what == "categories":
        writer.writerow(CATEGORY_COLUMNS)
        for key, standings in categories(results).items():
            for s in standings:
                writer.writerow([cell(key), s.rank, cell(s.participant), amount(s.score), s.entries])
        return out.getvalue()
    writer.writerow(ENTRY_COLUMNS)
    for j in results.entries:
        e = j.entry
        writer.writerow(
            [
                cell(e.wiki),
                cell(e.title),
                cell(e.participant),
                int(j.eligible),
                " ".join(j.failed),
                " ".join(j.warnings),
                " ".join(j.info),
                amount(j.points),
                amount(j.jury),
                j.marks,
                amount(j.score),
                int(e.deleted),
            ]
        )
    return out.getvalue()


def render_table(results: Results, width: int = 120, t: Translator | None = None) -> str:
    t = t or translator("en")
    g = t.gettext
    ranking = Table(title=g(messages.CONTEST_RANKING))
    for col, left in (
        (messages.PHOTO_RANK, False),
        (messages.COL_USER, True),
        (messages.PHOTO_SCORE, False),
        (messages.CONTEST_ENTRIES, False),
    ):
        ranking.add_column(g(col), justify="left" if left else "right")
    for s in results.ranking:
        ranking.add_row(str(s.rank), safe(s.participant), amount(s.score), str(s.entries))
    entries = Table(title=g(messages.CONTEST_ENTRIES))
    numeric = (messages.CONTEST_POINTS, messages.CONTEST_JURY, messages.CONTEST_MARKS, messages.PHOTO_SCORE)
    for col in (
        messages.COL_WIKI,
        messages.COL_TITLE,
        messages.COL_USER,
        messages.CONTEST_ELIGIBLE,
        messages.CONTEST_REASONS,
        *numeric,
    ):
        entries.add_column(g(col), justify="right" if col in numeric else "left")
    for j in results.entries:
        entries.add_row(
            safe(j.entry.wiki),
            safe(j.entry.title),
            safe(j.entry.participant),
            g(messages.CONTEST_YES if j.eligible else messages.CONTEST_NO),
            safe(reasons(j, t)),
            amount(j.points),
            amount(j.jury) or "–",
            str(j.marks),
            amount(j.score),
        )
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(Group(ranking, entries))
    return console.export_text()


def entry_link(wiki: str, title: str) -> str:
    """[[:sq:Title|Title]] for a Wikipedia (works on Meta), else the escaped title and its wiki."""
    label = escape_wikitext(title)
    target = link_target(title)
    match = _WIKIPEDIA.fullmatch(wiki)
    if match and target is not None:
        return f"[[:{match.group(1)}:{target}|{label}]]"
    if target is not None and wiki == "":
        return f"[[:{target}|{label}]]"
    return f"{label} ({escape_wikitext(wiki)})"


def _people(standings: list[Standing]) -> str:
    """Everyone sharing a place, linked, and their (shared) score."""
    if not standings:
        return "–"
    return f"{', '.join(user_link(s.participant) for s in standings)} ({amount(standings[0].score)})"


def render_wikitext(
    results: Results,
    name: str,
    local_wiki: str | None = None,
    t: Translator | None = None,
) -> str:
    """The results page: winners per category (1st to 3rd place), the ranking, every entry with its
    reasons. Titles on `local_wiki` (the wiki the page is saved on) link locally; others by interwiki where
    one exists."""
    t = t or translator("en")

    def g(message: str) -> str:
        return escape_wikitext(t.gettext(message))

    def link(wiki: str, title: str) -> str:
        return entry_link(wiki if wiki != local_wiki or _WIKIPEDIA.fullmatch(wiki) else "", title)

    out = [f"== {isolated(t.gettext(messages.CONTEST_HEADING), name=name)} ==", ""]
    out += [f"=== {g(messages.CONTEST_WINNERS)} ===", '{| class="wikitable"']
    out.append(
        f"! {g(messages.CONTEST_CATEGORY)} !! " + " !! ".join(escape_wikitext(place(t, r)) for r in (1, 2, 3))
    )
    for key, standings in categories(results).items():
        top = places(standings)
        if not top[0]:
            continue
        out += [
            "|-",
            f"| {escape_wikitext(category_label(t, key))} || " + " || ".join(_people(p) for p in top),
        ]
    out += [
        "|}",
        "",
        f"=== {g(messages.CONTEST_RANKING)} ===",
        '{| class="wikitable sortable"',
        f"! {g(messages.PHOTO_RANK)} !! {g(messages.COL_USER)} !! {g(messages.PHOTO_SCORE)} !! "
        f"{g(messages.CONTEST_ENTRIES)}",
    ]
    for s in results.ranking:
        out += ["|-", f"| {s.rank} || {user_link(s.participant)} || {amount(s.score)} || {s.entries}"]
    yes, no = g(messages.CONTEST_YES), g(messages.CONTEST_NO)
    out += [
        "|}",
        "",
        f"=== {g(messages.CONTEST_ENTRIES)} ===",
        '{| class="wikitable sortable"',
        "! "
        + " !! ".join(
            g(m)
            for m in (
                messages.COL_TITLE,
                messages.COL_USER,
                messages.CONTEST_ELIGIBLE,
                messages.CONTEST_REASONS,
                messages.CONTEST_POINTS,
                messages.CONTEST_JURY,
                messages.CONTEST_MARKS,
                messages.PHOTO_SCORE,
            )
        ),
    ]
    for j in results.entries:
        e = j.entry
        out += [
            "|-",
            f"| {link(e.wiki, e.title)} || {user_link(e.participant)} || {yes if j.eligible else no}"
            f" || {escape_wikitext(reasons(j, t))} || {amount(j.points)} || {amount(j.jury) or '–'}"
            f" || {j.marks} || {amount(j.score)}",
        ]
    out += ["|}"]
    return "\n".join(out) + "\n"
