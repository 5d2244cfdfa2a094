"""Which metric a table column shows and its header message: one list for every renderer."""

from __future__ import annotations

from wikitally.reports import messages

HEADERS: dict[str, str] = {
    "participants": messages.COL_PARTICIPANTS,
    "new_editors": messages.COL_NEW_EDITORS,
    "edits": messages.COL_EDITS,
    "edits_reverted": messages.COL_EDITS_REVERTED,
    "articles_created": messages.COL_CREATED,
    "articles_improved": messages.COL_IMPROVED,
    "bytes_added": messages.COL_BYTES,
    "words_added": messages.COL_WORDS,
    "references_added": messages.COL_REFERENCES,
    "uploads": messages.COL_UPLOADS,
    "uploads_in_use": messages.COL_UPLOADS_IN_USE,
}


# The Wikidata section's columns (present when a campaign wiki is a Wikibase repository).
WIKIDATA_HEADERS: dict[str, str] = {
    "wikidata_edits": messages.COL_EDITS,
    "wikidata_items_created": messages.COL_ITEMS_CREATED,
    "wikidata_statements_added": messages.COL_STATEMENTS_ADDED,
    "wikidata_statements_removed": messages.COL_STATEMENTS_REMOVED,
    "wikidata_references_added": messages.COL_REFERENCES,
    "wikidata_labels_added": messages.COL_LABELS_ADDED,
    "wikidata_sitelinks_added": messages.COL_SITELINKS_ADDED,
}
WIKIDATA_COLUMNS = tuple(WIKIDATA_HEADERS.items())


def columns(*keys: str) -> tuple[tuple[str, str], ...]:
    """(metric, header message) pairs, in the order given."""
    return tuple((k, HEADERS[k]) for k in keys)


WIKI_COLUMNS = columns(*HEADERS)
PARTICIPANT_COLUMNS = columns(
    "edits",
    "articles_created",
    "articles_improved",
    "bytes_added",
    "words_added",
    "references_added",
    "uploads",
)
ARTICLE_COLUMNS = columns("edits", "bytes_added", "words_added", "references_added")
