"""Use-case: the outcome of a campaign from the store, rendered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wikitally.metrics.outcome import compute
from wikitally.model import Campaign
from wikitally.reports.csv_report import render_csv
from wikitally.reports.json_report import render_json
from wikitally.reports.table import render_table
from wikitally.services import privacy, worklist
from wikitally.store import Store

RENDERERS = {"table": render_table, "json": render_json, "csv": render_csv}


def outcome(campaign: Campaign, store: Store, now: datetime) -> dict[str, Any]:
    """Compute from what is stored and keep the computed numbers (the web app shows the latest).

    The outcome is "as of" the newest collection (the wikis' clock), or `now` when nothing was collected.
    """
    snapshot = store.snapshot(campaign)
    participants = store.participants(campaign)
    as_of = store.last_collected(campaign) or now
    result = compute(snapshot, participants, as_of).as_json()
    if campaign.has_worklist:
        result["coverage"] = worklist.coverage_json(campaign, store, result["articles"]) or empty_coverage(
            campaign
        )
    if not store.read_only:  # a read-only store (an archive) is reported from, not written to
        store.save_outcome(campaign, result, as_of)
    return result


def public_outcome(campaign: Campaign, store: Store, now: datetime) -> dict[str, Any]:
    """outcome() as every output shows it: people who registered privately on the web counted, not named."""
    return privacy.hide(outcome(campaign, store, now), store.private_participants(campaign))


def render(result: dict[str, Any], fmt: str) -> str:
    return RENDERERS[fmt](result)


def empty_coverage(campaign: Campaign) -> dict[str, Any]:
    """A worklist never resolved (nothing collected yet): the coverage object with nothing in it."""
    zero = {"before": 0, "now": 0, "created": 0, "improved": 0}
    return {
        "items": 0,
        "by_wiki": {w: dict(zero) for w in campaign.wikis},
        "with_image": 0,
        "with_coordinates": 0,
        "missing": [],
    }
