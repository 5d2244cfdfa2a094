"""The numbers a campaign's pages, downloads and API show: publishing.report_data, once per collection.

`publishing.report_data` is the CLI's own use-case (`report --format html|wikitext --no-collect`); it
computes from the store and saves the outcome. Pages keep its result in a process-local Memo (no pickling),
keyed by the campaign file and the newest collection, so a page view doesn't recompute (or write) what a
collection didn't change; CACHE_S bounds how long locations or views looked up since then can stay unseen.
Outputs derived from the figures (encoded API answers, anonymous pages) are cached under `Figures.key`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS

from wikitally.model import Campaign
from wikitally.reports.data import ReportData
from wikitally.services import publishing
from wikitally.store import Store, enrolments
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions, privacy
from wikitally.web.campaigns.memo import Memo

CACHE_S = 300
# ?sort= value → the participant metric it sorts by (largest first; ties by username).
SORTS = {
    "edits": "edits",
    "articles": "articles_edited",
    "references": "references_added",
    "words": "words_added",
    "uploads": "uploads",
}
DEFAULT_SORT = "edits"
REPORTS = Memo(max_items=32, ttl_s=CACHE_S)  # Figures.key → ReportData
CAMPAIGNS = Memo(max_items=512, ttl_s=3600)  # (source, file) → its parsed, checked Campaign
DERIVED = Memo(max_items=256, ttl_s=CACHE_S)  # Figures.key + what → an encoded answer


@dataclass(frozen=True)
class Figures:
    definition: CampaignDefinition
    campaign: Campaign
    last_collected: datetime | None  # None: never collected
    data: ReportData | None  # None: never collected
    key: str = (
        ""  # cache key of this version of the figures: outputs derived from them may be cached under it
    )

    @property
    def outcome(self) -> dict[str, Any] | None:
        return self.data.outcome if self.data is not None else None


def store() -> Store:
    """The store on the web app's own database."""
    return Store(DEFAULT_DB_ALIAS)


def campaign_of(definition: CampaignDefinition) -> Campaign:
    """definitions.campaign_of, parsed once per version of the file (Campaign is frozen)."""
    key = f"{definitions.source_name(definition)}\n{definition.toml}"
    campaign = CAMPAIGNS.get(key)
    if campaign is None:
        campaign = definitions.campaign_of(definition)
        CAMPAIGNS.set(key, campaign)
    return campaign


def figures(definition: CampaignDefinition, now: datetime) -> Figures:
    campaign = campaign_of(definition)
    st = store()
    last = st.last_collected(campaign)
    if last is None:
        return Figures(definition, campaign, None, None)
    digest = hashlib.sha256(definition.toml.encode()).hexdigest()[:16]
    private = enrolments.private_usernames(definition)
    key = f"wikitally:report:{definition.pk}:{digest}:{last.isoformat()}:{privacy.digest(private)}"
    data = REPORTS.get(key)
    if data is None:
        data = privacy.hide_data(publishing.report_data(campaign, st, now), private)  # privacy.py
        REPORTS.set(key, data)
    return Figures(definition, campaign, last, data, key)


def leaderboard(outcome: dict[str, Any], sort: str) -> list[dict[str, Any]]:
    """Participants by SORTS[sort], largest first, ties by username; `rank` shared by equal values (1, 2, 2, 4)."""
    metric = SORTS[sort]
    people = sorted(outcome["by_participant"], key=lambda p: (-p[metric], p["user"]))
    ranked: list[dict[str, Any]] = []
    for i, person in enumerate(people):
        tied = bool(ranked) and ranked[-1][metric] == person[metric]
        ranked.append({"rank": ranked[-1]["rank"] if tied else i + 1, **person})
    return ranked


def participant(outcome: dict[str, Any], user: str) -> dict[str, Any] | None:
    """The participant's row with their rank by edits; None when they aren't a participant."""
    return next((p for p in leaderboard(outcome, DEFAULT_SORT) if p["user"] == user), None)


def listed() -> Any:
    """Public definitions, newest first, each with `last_collected` (None before the first collection).

    Read from the store's WikiState rows by key (= the file's name), so a campaign collected by the CLI
    shows its time before anyone opened its page.
    """
    from django.db.models import OuterRef, Subquery

    from wikitally.store.models import WikiState

    newest = (
        WikiState.objects.filter(campaign__key=OuterRef("name"), last_collected__isnull=False)
        .order_by("-last_collected")
        .values("last_collected")[:1]
    )
    return (
        CampaignDefinition.objects.filter(visibility="public", archived_at__isnull=True)
        .annotate(last_collected=Subquery(newest))
        .order_by("-created", "-pk")
    )
