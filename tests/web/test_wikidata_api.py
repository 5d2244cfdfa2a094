"""The API's OpenAPI schemas know the wikidata_* metrics: a Wikibase campaign's answers validate, and a
misspelt metric still doesn't."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError

from wikitally.metrics.outcome import compute
from wikitally.model import Campaign, EntityFacts, PageState, Revision, SiteInfo, Snapshot
from wikitally.web.campaigns.api import LISTS
from wikitally.web.campaigns.openapi import document

WD = "data.example.org"
WHEN = datetime(2024, 3, 9, tzinfo=UTC)
CAMPAIGN = Campaign(
    "C", datetime(2024, 3, 8, tzinfo=UTC), datetime(2024, 3, 10, tzinfo=UTC), (WD,), ("Ana", "Besa")
)


def validator(path: str) -> Draft202012Validator:
    doc = document()
    schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": doc["components"]})


def outcome() -> dict[str, Any]:
    info = SiteInfo(WD, (0,), {0: ""}, entity_namespaces=(0,))
    revisions = (
        Revision(WD, 10, 0, 1, 0, "Q1", "Ana", WHEN, "", 900, 900, (), True),
        Revision(WD, 11, 10, 1, 0, "Q1", "Besa", WHEN, "", 950, 50),
    )
    facts = (EntityFacts(WD, 10, "item", 3, 0, 1, 2, 1), EntityFacts(WD, 11, "item", 0, 0, 0, 1, 0))
    snap = Snapshot(CAMPAIGN, revisions, (PageState(WD, 1, 0, "Q1", False),), (), (), (), (info,), facts)
    data = compute(snap, frozenset(CAMPAIGN.participants), WHEN).as_json()
    # As the API answers: each list's link to its pages (web/campaigns/api.py), then the worker's status.
    base = "http://testserver/api/campaigns/wd/lists/"
    lists = {name: {"total": len(data[name]), "url": base + name, "next": None} for name in LISTS}
    return {**data, "lists": lists, "refresh": {"status": "idle", "last_ok": None, "next_due": None}}


def test_a_wikibase_campaigns_outcome_and_leaderboard_validate():
    body = outcome()
    assert body["totals"]["wikidata_statements_added"] == 3
    validator("/api/campaigns/{slug}/").validate(body)
    rows = [{"rank": i + 1, **p} for i, p in enumerate(body["by_participant"])]
    validator("/api/campaigns/{slug}/leaderboard").validate(
        {"campaign": body["campaign"]["name"], "sort": "edits", "participants": rows, "next": None}
    )


@pytest.mark.parametrize("where", ["totals", "by_participant"])
def test_an_unknown_metric_is_still_refused(where):
    body = copy.deepcopy(outcome())
    target = body["totals"] if where == "totals" else body["by_participant"][0]
    target["wikidata_statement_added"] = 1
    with pytest.raises(ValidationError):
        validator("/api/campaigns/{slug}/").validate(body)
