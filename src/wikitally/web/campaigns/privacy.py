"""Private registration: a participant who asked for it is counted in every total but named nowhere public.

Every public surface (the campaign page, the full lists, a participant's page and certificate, the CSV,
JSON, wikitext and HTML downloads, the JSON API) reads the figures through figures.figures, which hands
them the outcome `hide` made: private people's leaderboard rows are dropped (the totals, computed before,
still count them) and their uploads keep their numbers without a name. Organizers see the names on their
own participants page (from the enrolments, not from these figures)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Collection

from wikitally.reports.data import ReportData
from wikitally.services import privacy

hide = privacy.hide  # the same rule as the command line's outputs (services/privacy.py)


def hide_data(data: ReportData, private: Collection[str]) -> ReportData:
    return dataclasses.replace(data, outcome=hide(data.outcome, private)) if private else data


def digest(private: Collection[str]) -> str:
    """A short fingerprint of who is private: part of the figures' cache key, so that a change of mind
    shows at once."""
    return hashlib.sha256("\n".join(sorted(private)).encode()).hexdigest()[:12] if private else "-"
