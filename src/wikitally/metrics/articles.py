"""Per-article facts the publishing reports add to the spine's article list."""

from __future__ import annotations

from datetime import datetime

from wikitally.metrics.outcome import counted_edits
from wikitally.model import Snapshot


def translated_pages(
    snapshot: Snapshot, participants: frozenset[str] | None, translation_tags: tuple[str, ...]
) -> set[tuple[str, int]]:
    """(wiki, page_id) of pages with a counted, non-reverted edit carrying a translation tag
    (MediaWiki's `contenttranslation` by default): their status is "translated"."""
    wanted = set(translation_tags)
    return {
        (rev.wiki, rev.page_id)
        for rev, _ in counted_edits(snapshot, participants)
        if not rev.reverted and wanted.intersection(rev.tags)
    }


def first_counted_edit(
    snapshot: Snapshot, participants: frozenset[str] | None
) -> dict[tuple[str, int], datetime]:
    """When each article's first counted, non-reverted edit was made (page views are counted from then)."""
    first: dict[tuple[str, int], datetime] = {}
    for rev, _ in counted_edits(snapshot, participants):
        key = (rev.wiki, rev.page_id)
        if not rev.reverted and (key not in first or rev.timestamp < first[key]):
            first[key] = rev.timestamp
    return first
