"""A photo round's results (services.photos.results_json's dict) as a text table, CSV or wikitext.

The wikitext is for Commons: a ranking table and a <gallery> of the photos that advance, with their ranks.
File names come from the wiki: a name MediaWiki could not hold (| [ ] { } < > #) is left out of the gallery
and escaped in the table; captions and names in text are escaped.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from wikitally.errors import escaped
from wikitally.reports.i18n import Translator
from wikitally.reports.messages import (
    HERITAGE_SITE,
    PHOTO_INCOMPLETE,
    PHOTO_NOMINATED,
    PHOTO_RANK,
    PHOTO_RANK_CAPTION,
    PHOTO_SCORE,
    PHOTO_TITLE,
    PHOTO_UPLOADER,
    PHOTO_VOTES_CAST,
)
from wikitally.reports.wikitext import escape_wikitext

_NOT_IN_TITLES = re.compile(r"[|\[\]{}<>#\x00-\x1f\x7f]")


def _score(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def render_table(data: dict[str, Any]) -> str:
    r = data["round"]
    rows = [
        f"{r['name']} ({r['kind']}): {r['votes']} votes, {'complete' if r['complete'] else 'not complete'}"
    ]
    width = max((len(str(p["rank"])) for p in r["ranking"]), default=1)
    for p in r["ranking"]:
        rows.append(f"{p['rank']:>{width}}  {_score(p['score']):>7}  {escaped(p['file'])}")
    ineligible = [e for e in data["entries"] if not e["eligible"]]
    if ineligible:
        rows.append("")
        rows.append(f"not eligible: {len(ineligible)}")
        rows.extend(f"  {escaped(e['file'])}: {', '.join(e['reasons']) or 'override'}" for e in ineligible)
    return "\n".join(rows) + "\n"


def render_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rank", "file", "score"])
    for p in data["round"]["ranking"]:
        writer.writerow([p["rank"], _csv_safe(p["file"]), p["score"]])
    return out.getvalue()


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula (= + - @ first) is prefixed with '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_wikitext(data: dict[str, Any], t: Translator, advance: int | None = None) -> str:
    """A ranking table and a gallery of the top `advance` ranks (every ranked photo when None)."""
    r = data["round"]
    heading = (
        f"{r['nomination']}: {r['name']}" if r.get("nomination") else r["name"]
    )  # a special nomination's
    lines = [f"== {escape_wikitext(heading)} ==", '{| class="wikitable sortable"']
    lines.append(
        f"! {escape_wikitext(t.gettext(PHOTO_RANK))} !! {escape_wikitext(t.gettext(PHOTO_TITLE))} !! "
        f"{escape_wikitext(t.gettext(PHOTO_SCORE))}"
    )
    for p in r["ranking"]:
        lines += ["|-", f"| {p['rank']} || {_file_link(p['file'])} || {escape_wikitext(_score(p['score']))}"]
    lines.append("|}")
    lines.append(escape_wikitext(t.count(PHOTO_VOTES_CAST, r["votes"])))
    if not r["complete"]:
        lines.append("")
        lines.append(escape_wikitext(t.gettext(PHOTO_INCOMPLETE)))
    winners = [p for p in r["ranking"] if advance is None or p["rank"] <= advance]
    lines.append("")
    return "\n".join(lines + _gallery(winners, t)) + "\n"


def _gallery(rows: list[dict[str, Any]], t: Translator) -> list[str]:
    """A <gallery> of rows' files, each with its rank as caption; a name MediaWiki can't hold is left out."""
    lines = ["<gallery>"]
    for p in rows:
        if not _NOT_IN_TITLES.search(p["file"]):
            caption = escape_wikitext(t.gettext(PHOTO_RANK_CAPTION).format(rank=t.number(p["rank"])))
            lines.append(f"File:{p['file']}|{caption}")
    return [*lines, "</gallery>"]


def _file_link(name: str) -> str:
    if _NOT_IN_TITLES.search(name):
        return escape_wikitext(name)
    return f"[[:File:{name}|{escape_wikitext(name)}]]"


def render_juror_stats_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """The organizers' per-juror statistics (services.photo_jury.juror_stats) as CSV, one row per juror."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                "" if row[c] is None else _csv_safe(row[c]) if isinstance(row[c], str) else row[c]
                for c in columns
            ]
        )
    return out.getvalue()


def render_nominated_csv(data: dict[str, Any], columns: tuple[str, ...]) -> str:
    """services.photos.nominated as CSV: one row per nominated photo, best first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in data["nominated"]:
        writer.writerow(
            [
                "" if row[c] is None else _csv_safe(row[c]) if isinstance(row[c], str) else row[c]
                for c in columns
            ]
        )
    return out.getvalue()


def render_nominated_wikitext(data: dict[str, Any], t: Translator) -> str:
    """services.photos.nominated for a Commons or Meta page: a table (rank, photo, uploader, site) and a
    gallery with ranks as captions; every name from the wiki is escaped."""
    nomination = data["round"].get("nomination")
    name = f"{data['contest']}: {nomination}" if nomination else data["contest"]
    title = t.gettext(PHOTO_NOMINATED).format(name=name)
    lines = [f"== {escape_wikitext(title)} ==", '{| class="wikitable sortable"']
    heads = (PHOTO_RANK, PHOTO_TITLE, PHOTO_UPLOADER, HERITAGE_SITE)
    lines.append("! " + " !! ".join(escape_wikitext(t.gettext(h)) for h in heads))
    for row in data["nominated"]:
        site = " — ".join(escape_wikitext(x) for x in (row["site"], row["site_label"]) if x)
        uploader = escape_wikitext(row["uploader"])
        user = (
            uploader if _NOT_IN_TITLES.search(row["uploader"]) else f"[[User:{row['uploader']}|{uploader}]]"
        )
        lines += ["|-", f"| {t.number(row['rank'])} || {_file_link(row['file'])} || {user} || {site}"]
    lines.append("|}")
    if not data["complete"]:
        lines += ["", escape_wikitext(t.gettext(PHOTO_INCOMPLETE))]
    lines.append("")
    return "\n".join(lines + _gallery(data["nominated"], t)) + "\n"
