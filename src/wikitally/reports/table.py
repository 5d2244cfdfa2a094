"""The terminal table (rich). Wiki strings are rendered as plain Text: never parsed as markup."""

from __future__ import annotations

import io
import re
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

LABELS = {
    "participants": "Participants",
    "new_editors": "New editors",
    "edits": "Edits",
    "edits_reverted": "Edits reverted",
    "articles_created": "Articles created",
    "articles_improved": "Articles improved",
    "articles_edited": "Articles edited",
    "bytes_added": "Bytes added",
    "words_added": "Words added",
    "references_added": "References added",
    "references_removed": "References removed",
    "uploads": "Uploads",
    "uploads_in_use": "Uploads in use",
}
# Shown when the campaign has a Wikibase wiki (its outcome holds them).
WIKIDATA_LABELS = {
    "wikidata_edits": "Wikidata edits",
    "wikidata_items_created": "Wikidata items created",
    "wikidata_statements_added": "Wikidata statements added",
    "wikidata_statements_removed": "Wikidata statements removed",
    "wikidata_references_added": "Wikidata references added",
    "wikidata_labels_added": "Wikidata labels added",
    "wikidata_sitelinks_added": "Wikidata sitelinks added",
}


def safe(value: str) -> Text:
    """Control characters and bidi overrides from wikis can't reorder or hide the terminal's text."""
    return Text(_CONTROL.sub("\ufffd", value))


def build_table(outcome: dict[str, Any], top: int = 10) -> Group:
    campaign = outcome["campaign"]
    wikis = list(outcome["by_wiki"])
    totals = Table(title=safe(f"{campaign['name']} — {campaign['start'][:10]} … {campaign['end'][:10]}"))
    totals.add_column("Metric")
    totals.add_column("Total", justify="right")
    for wiki in wikis:
        totals.add_column(safe(wiki), justify="right")
    shown = {**LABELS, **{k: v for k, v in WIKIDATA_LABELS.items() if k in outcome["totals"]}}
    for key, label in shown.items():
        totals.add_row(
            label, f"{outcome['totals'][key]:,}", *(f"{outcome['by_wiki'][w][key]:,}" for w in wikis)
        )
    people = Table(
        title=f"Top participants ({min(top, len(outcome['by_participant']))} of {len(outcome['by_participant'])})"
    )
    columns = {
        "edits": "Edits",
        "articles_created": "Created",
        "articles_improved": "Improved",
        "words_added": "Words",
        "references_added": "Refs",
        "uploads": "Uploads",
    }
    if "wikidata_statements_added" in outcome["totals"]:
        columns["wikidata_statements_added"] = "Statements"
    people.add_column("User", justify="left")
    for col in columns.values():
        people.add_column(col, justify="right")
    for row in outcome["by_participant"][:top]:
        people.add_row(safe(row["user"]), *(f"{row[k]:,}" for k in columns))
    return Group(totals, people)


def render_table(outcome: dict[str, Any], width: int = 110) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(build_table(outcome))
    return console.export_text()
