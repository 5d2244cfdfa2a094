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
    for key, label in LABELS.items():
        totals.add_row(
            label, f"{outcome['totals'][key]:,}", *(f"{outcome['by_wiki'][w][key]:,}" for w in wikis)
        )
    people = Table(
        title=f"Top participants ({min(top, len(outcome['by_participant']))} of {len(outcome['by_participant'])})"
    )
    for col in ("User", "Edits", "Created", "Improved", "Words", "Refs", "Uploads"):
        people.add_column(col, justify="left" if col == "User" else "right")
    for row in outcome["by_participant"][:top]:
        people.add_row(
            safe(row["user"]),
            *(
                f"{row[k]:,}"
                for k in (
                    "edits",
                    "articles_created",
                    "articles_improved",
                    "words_added",
                    "references_added",
                    "uploads",
                )
            ),
        )
    return Group(totals, people)


def render_table(outcome: dict[str, Any], width: int = 110) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(build_table(outcome))
    return console.export_text()
