"""Counted edits and words added per day, in the campaign's time zone (the report's timeline chart)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from wikitally.metrics.outcome import counted_edits
from wikitally.model import Snapshot


def daily(snapshot: Snapshot, participants: frozenset[str] | None) -> list[tuple[date, int, int]]:
    """(day, edits, words_added) for every day of the window, zeros included; days as the campaign's
    start offset reckons them (a campaign "8–15 March, Tirana time" has 8 bars, whatever UTC says)."""
    tz = snapshot.campaign.start.tzinfo
    edits: Counter[date] = Counter()
    words: Counter[date] = Counter()
    for rev, fact in counted_edits(snapshot, participants):
        day = rev.timestamp.astimezone(tz).date()
        edits[day] += 1
        if fact is not None and not rev.reverted:
            words[day] += fact.words_added
    first = snapshot.campaign.start.astimezone(tz).date()
    last = snapshot.campaign.end.astimezone(tz).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [(d, edits[d], words[d]) for d in days]
