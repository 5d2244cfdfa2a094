"""Collecting a Wikidata campaign from answers in Wikidata's own format (its siteinfo, usercontribs rows and
revisions whose main slot has content model wikibase-item): no test talks to the real Wikidata. The
repository is recognised from siteinfo alone, and entity JSON is fetched 50 revisions a request, each text
once, parents included."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from wikitally.metrics.outcome import compute
from wikitally.model import Campaign
from wikitally.services.collection import collect, session_factory
from wikitally.store import open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wikibase"
WD = "www.wikidata.org"
START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)
PAGE = 4_182_811  # the item's page id


class Wikidata:
    """Answers like www.wikidata.org's api.php (formatversion=2), from the fixtures."""

    def __init__(self, revisions: int) -> None:
        self.siteinfo = json.loads((FIXTURES / "siteinfo_wikidata.json").read_text(encoding="utf-8"))
        docs = [(FIXTURES / f"Q4115189.r{i}.json").read_text(encoding="utf-8") for i in (1, 2, 3)]
        # revision 1000 + i holds docs[min(i, 2)]: created, then two changes, then edits that change nothing
        self.content = {1000 + i: docs[min(i, 2)] for i in range(revisions)}
        self.requests: list[dict[str, str]] = []

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        self.requests.append(params)
        body: dict[str, Any] = {"batchcomplete": True}
        if params.get("meta") == "siteinfo":
            body = dict(self.siteinfo)
            body["query"] = dict(body["query"], recentchanges=[{"type": "edit", "rcid": 2_400_000_000}])
        elif params.get("list") == "usercontribs":
            body["query"] = {"usercontribs": [self.contribution(rev_id) for rev_id in sorted(self.content)]}
        elif params.get("prop") == "revisions|info":
            wanted = [int(r) for r in params["revids"].split("|")]
            assert len(wanted) <= 50
            revisions = [
                {
                    "revid": rev_id,
                    "parentid": rev_id - 1 if rev_id > 1000 else 0,
                    "slots": {
                        "main": {
                            "contentmodel": "wikibase-item",
                            "contentformat": "application/json",
                            "content": self.content[rev_id],
                        }
                    },
                }
                for rev_id in wanted
            ]
            body["query"] = {"pages": [self.page(revisions)]}
        elif params.get("prop") == "info":
            body["query"] = {"pages": [self.page([])]}
        elif params.get("list") == "users":
            body["query"] = {"users": [{"userid": 7, "name": "Ana", "registration": "2019-05-01T10:00:00Z"}]}
        else:
            raise AssertionError(f"unexpected request {params}")
        return httpx.Response(200, json=body)

    def page(self, revisions: list[dict[str, Any]]) -> dict[str, Any]:
        page: dict[str, Any] = {
            "pageid": PAGE,
            "ns": 0,
            "title": "Q4115189",
            "contentmodel": "wikibase-item",
            "pagelanguage": "en",
            "touched": "2026-11-20T10:00:00Z",
            "lastrevid": max(self.content),
            "length": 4000,
        }
        if revisions:
            page["revisions"] = revisions
        return page

    def contribution(self, rev_id: int) -> dict[str, Any]:
        first = rev_id == min(self.content)
        return {
            "userid": 7,
            "user": "Ana",
            "pageid": PAGE,
            "revid": rev_id,
            "parentid": 0 if first else rev_id - 1,
            "ns": 0,
            "title": "Q4115189",
            "timestamp": f"2026-11-10T10:{(rev_id - 1000) // 60:02d}:{(rev_id - 1000) % 60:02d}Z",
            "new": first,
            "minor": False,
            "top": rev_id == max(self.content),
            "comment": "/* wbeditentity-update:0| */",
            "size": 4000,
            "sizediff": 4000 if first else 10,
            "tags": [],
        }


def test_a_wikidata_campaign_from_recorded_format_answers(tmp_path):
    wikidata = Wikidata(revisions=120)
    campaign = Campaign("WD", START, END, (WD,), participants=("Ana",))
    store = open_store(str(tmp_path / "wd.sqlite3"))
    collect(campaign, store, session_factory(transport=wikidata.transport(), sleep=lambda s: None))
    out = compute(store.snapshot(campaign), frozenset({"Ana"}), END)
    # r1 → r2 → r3 as in tests/metrics/test_wikibase.py; the 117 edits after them change nothing
    assert out.totals["wikidata_edits"] == 120 and out.totals["wikidata_items_created"] == 1
    assert out.totals["wikidata_statements_added"] == 3 and out.totals["wikidata_statements_removed"] == 1
    assert out.totals["wikidata_references_added"] == 3 and out.totals["wikidata_labels_added"] == 6
    assert out.totals["wikidata_sitelinks_added"] == 2
    assert out.totals["words_added"] == 0  # entity JSON is no prose
    contents = [p for p in wikidata.requests if p.get("prop") == "revisions|info"]
    fetched = [int(r) for p in contents for r in p["revids"].split("|")]
    assert len(contents) == 3 and sorted(fetched) == sorted(set(fetched)) == list(range(1000, 1120))

    # A second collection fetches no entity again.
    wikidata.requests.clear()
    collect(campaign, store, session_factory(transport=wikidata.transport(), sleep=lambda s: None))
    assert not [p for p in wikidata.requests if p.get("prop") == "revisions|info"]
    assert compute(store.snapshot(campaign), frozenset({"Ana"}), END).totals == out.totals
