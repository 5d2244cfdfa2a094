"""The CSV report: one row per scope (campaign total, each wiki, each participant) with every metric."""

from __future__ import annotations

import csv
import io
from typing import Any

from wikitally.metrics.outcome import metric_keys

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """A wiki string as inert spreadsheet data: no formula can start it (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(outcome: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = metric_keys(outcome)  # the spine's columns, and Wikidata's when it has them
    writer.writerow(["scope", "name", *keys])
    writer.writerow(["campaign", cell(outcome["campaign"]["name"]), *(outcome["totals"][m] for m in keys)])
    for wiki, metrics in outcome["by_wiki"].items():
        writer.writerow(["wiki", cell(wiki), *(metrics[m] for m in keys)])
    for row in outcome["by_participant"]:
        writer.writerow(["participant", cell(row["user"]), *(row[m] for m in keys)])
    return out.getvalue()


def _rows(keys: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([cell(row[k]) if isinstance(row[k], str) else row[k] for k in keys])
    return out.getvalue()


def render_articles_csv(outcome: dict[str, Any]) -> str:
    keys = ["wiki", "title", "status", "edits", "bytes_added", "words_added", "references_added"]
    return _rows(keys, outcome["articles"])


def render_participants_csv(outcome: dict[str, Any]) -> str:
    return _rows(["user", *metric_keys(outcome)], outcome["by_participant"])


def render_wikis_csv(outcome: dict[str, Any]) -> str:
    return _rows(["wiki", *metric_keys(outcome)], [{"wiki": w, **m} for w, m in outcome["by_wiki"].items()])


def render_uploads_csv(outcome: dict[str, Any]) -> str:
    return _rows(["wiki", "title", "user", "timestamp", "in_use"], outcome["uploads"])


def render_coverage_csv(outcome: dict[str, Any]) -> str:
    """The worklist's coverage per wiki (docs/worklists.md); only the header without a worklist."""
    coverage = outcome.get("coverage") or {"by_wiki": {}}
    keys = ["wiki", "before", "now", "created", "improved"]
    return _rows(keys, [{"wiki": w, **row} for w, row in coverage["by_wiki"].items()])


def render_missing_csv(outcome: dict[str, Any]) -> str:
    """Worklist items without an article on any campaign wiki."""
    missing = (outcome.get("coverage") or {}).get("missing", [])
    return _rows(
        ["item", "title", "label"], [{k: m.get(k) or "" for k in ("item", "title", "label")} for m in missing]
    )


# One CSV per table; "summary" is every scope's metrics in one sheet.
TABLES = {
    "summary": render_csv,
    "participants": render_participants_csv,
    "articles": render_articles_csv,
    "wikis": render_wikis_csv,
    "uploads": render_uploads_csv,
    "coverage": render_coverage_csv,
    "missing": render_missing_csv,
}
