"""A contest's results as a terminal table, CSV and Meta-ready wikitext (JSON: Results.as_json). Wiki
strings are data: escaped in wikitext, defused in CSV, shown as plain text in the terminal."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

from rich.console import Console, Group
from rich.table import Table

from wikitally.judging.categories import categories
from wikitally.judging.ranking import shown
from wikitally.judging.results import Judged, Results
from wikitally.reports.csv_report import cell
from wikitally.reports.table import safe
from wikitally.reports.wikitext import escape_wikitext, link_target, user_link

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
_WIKIPEDIA = re.compile(r"([a-z][a-z0-9-]*)\.wikipedia\.org")


def amount(value: Decimal | None) -> str:
    return "" if value is None else f"{shown(value):.2f}"


def render_json(results: Results) -> str:
    return json.dumps(results.as_json(), ensure_ascii=False, indent=2) + "\n"


def render_csv(results: Results) -> str:
    """One row per entry (the ranking is the JSON's and the wikitext's)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
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


def render_table(results: Results, width: int = 120) -> str:
    ranking = Table(title="Ranking")
    for col in ("Rank", "Participant", "Score", "Entries"):
        ranking.add_column(col, justify="left" if col == "Participant" else "right")
    for s in results.ranking:
        ranking.add_row(str(s.rank), safe(s.participant), amount(s.score), str(s.entries))
    entries = Table(title="Entries")
    for col in ("Wiki", "Title", "Participant", "Eligible", "Reasons", "Points", "Jury", "Marks", "Score"):
        entries.add_column(col, justify="right" if col in ("Points", "Jury", "Marks", "Score") else "left")
    for j in results.entries:
        entries.add_row(
            safe(j.entry.wiki),
            safe(j.entry.title),
            safe(j.entry.participant),
            "yes" if j.eligible else "no",
            safe(_reasons(j)),
            amount(j.points),
            amount(j.jury) or "–",
            str(j.marks),
            amount(j.score),
        )
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(Group(ranking, entries))
    return console.export_text()


def _reasons(j: Judged) -> str:
    parts = []
    if j.entry.deleted:
        parts.append("deleted")
    parts += list(j.failed)
    parts += [f"warning: {w}" for w in j.warnings]
    parts += [f"info: {i}" for i in j.info]
    return ", ".join(parts)


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


def render_wikitext(results: Results, name: str, local_wiki: str | None = None) -> str:
    """The results page: winners per category, the ranking, every entry with its reasons. Titles on
    `local_wiki` (the wiki the page is saved on) link locally; others by interwiki where one exists."""

    def link(wiki: str, title: str) -> str:
        return entry_link(wiki if wiki != local_wiki or _WIKIPEDIA.fullmatch(wiki) else "", title)

    out = [f"== {escape_wikitext(name)}: results ==", ""]
    cats = categories(results)
    out += ["=== Winners ===", '{| class="wikitable"', "! Category !! Winners !! Score"]
    for key, standings in cats.items():
        top = [s for s in standings if s.rank == 1]
        if not top:
            continue
        label = {
            "overall": "Overall",
            "created": "Articles created",
            "improved": "Articles improved",
            "translated": "Articles translated",
        }.get(key, key.removeprefix("wiki:"))
        winners = ", ".join(user_link(s.participant) for s in top)
        out += ["|-", f"| {escape_wikitext(label)} || {winners} || {amount(top[0].score)}"]
    out += [
        "|}",
        "",
        "=== Ranking ===",
        '{| class="wikitable sortable"',
        "! Rank !! Participant !! Score !! Entries",
    ]
    for s in results.ranking:
        out += ["|-", f"| {s.rank} || {user_link(s.participant)} || {amount(s.score)} || {s.entries}"]
    out += [
        "|}",
        "",
        "=== Entries ===",
        '{| class="wikitable sortable"',
        "! Article !! Participant !! Eligible !! Reasons !! Points !! Jury !! Marks !! Score",
    ]
    for j in results.entries:
        e = j.entry
        out += [
            "|-",
            f"| {link(e.wiki, e.title)} || {user_link(e.participant)} || {'yes' if j.eligible else 'no'}"
            f" || {escape_wikitext(_reasons(j))} || {amount(j.points)} || {amount(j.jury) or '–'}"
            f" || {j.marks} || {amount(j.score)}",
        ]
    out += ["|}"]
    return "\n".join(out) + "\n"
