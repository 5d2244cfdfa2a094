"""Coverage's with_image / with_coordinates read the items' own P18 / P625 from wbgetentities, in the same
requests as the sitelinks (recorded real-format entity JSON; no test talks to Wikidata)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs

import httpx

from wikitally.collect.api import ApiSession
from wikitally.model import Campaign
from wikitally.services import worklist
from wikitally.store import open_store

SQ = "sq.wikipedia.org"
FIXTURE = json.loads(
    (Path(__file__).resolve().parent.parent / "fixtures" / "worklist" / "wbgetentities.json").read_text()
)


def sessions(asked: list[tuple[str, dict[str, list[str]]]]):  # type: ignore[no-untyped-def]
    def factory(wiki: str, api: str) -> ApiSession:
        def handler(request: httpx.Request) -> httpx.Response:
            query = parse_qs(request.url.query.decode()) or parse_qs(request.content.decode())
            asked.append((wiki, query))
            if query.get("action") == ["wbgetentities"]:
                ids = query["ids"][0].split("|")
                entities = {i: FIXTURE["entities"].get(i, {"id": i, "missing": ""}) for i in ids}
                return httpx.Response(200, json={"entities": entities, "success": 1})
            if query.get("meta") == ["siteinfo"]:
                return httpx.Response(
                    200, json={"query": {"general": {"wikiid": "sqwiki", "server": f"//{SQ}"}}}
                )
            titles = query.get("titles", [""])[0].split("|")
            pages = [
                {"title": t, "ns": 0, "pageid": n + 1, "pageprops": {}} for n, t in enumerate(titles) if t
            ]
            return httpx.Response(
                200, json={"batchcomplete": True, "query": {"pages": pages, "logevents": []}}
            )

        return ApiSession(api, transport=httpx.MockTransport(handler), sleep=lambda s: None)

    return factory


def test_with_image_and_with_coordinates_come_from_p18_and_p625(tmp_path: Path) -> None:
    listed = tmp_path / "villages.csv"
    listed.write_text("item\nQ2493845\nQ1027531\nQ2608027\n", encoding="utf-8")
    now = datetime(2024, 5, 1, tzinfo=UTC)
    campaign = Campaign(
        "Villages", now - timedelta(days=5), now + timedelta(days=5), (SQ,), worklist_files=(str(listed),)
    )
    store = open_store(str(tmp_path / "s.sqlite3"))
    store.save_campaign(campaign, None)
    asked: list[tuple[str, dict[str, list[str]]]] = []
    worklist.resolve_worklist(campaign, store, sessions(asked), now)
    coverage = worklist.coverage_json(campaign, store, [])
    assert coverage is not None
    # Dardhë has a place and an image; Lin's place is "no value" and its image deprecated; Olympus Mons is on Mars
    assert (coverage["items"], coverage["with_image"], coverage["with_coordinates"]) == (3, 1, 1)
    wikidata = [q for w, q in asked if q.get("action") == ["wbgetentities"]]
    assert len(wikidata) == 1 and wikidata[0]["props"] == ["sitelinks|labels|claims"]  # no extra request


def test_the_wiki_is_asked_while_wikidata_still_answers_with_the_same_request_counts(tmp_path: Path) -> None:
    """120 items: 3 wbgetentities batches and 3 title queries on the wiki; the last Wikidata batch waits
    until the wiki has been asked about the first batch's titles (it would wait in vain if the wiki
    waited for every batch first)."""
    import threading

    listed = tmp_path / "items.csv"
    listed.write_text("item\n" + "".join(f"Q{n}\n" for n in range(1, 121)), encoding="utf-8")
    now = datetime(2024, 5, 1, tzinfo=UTC)
    campaign = Campaign(
        "Many", now - timedelta(days=5), now + timedelta(days=5), (SQ,), worklist_files=(str(listed),)
    )
    store = open_store(str(tmp_path / "s.sqlite3"))
    store.save_campaign(campaign, None)
    wiki_asked = threading.Event()
    overlapped: list[bool] = []
    counts: dict[str, int] = {}

    def factory(wiki: str, api: str) -> ApiSession:
        def handler(request: httpx.Request) -> httpx.Response:
            query = parse_qs(request.url.query.decode()) or parse_qs(request.content.decode())
            counts[wiki] = counts.get(wiki, 0) + 1
            if query.get("action") == ["wbgetentities"]:
                ids = query["ids"][0].split("|")
                if "Q99" in ids:  # the last batch
                    overlapped.append(wiki_asked.wait(timeout=30))  # a hang guard, not a speed assert
                entities = {
                    i: {
                        "type": "item",
                        "id": i,
                        "sitelinks": {"sqwiki": {"site": "sqwiki", "title": f"Fshat {i}"}},
                    }
                    for i in ids
                }
                return httpx.Response(200, json={"entities": entities, "success": 1})
            if query.get("meta") == ["siteinfo"]:
                return httpx.Response(
                    200, json={"query": {"general": {"wikiid": "sqwiki", "server": f"//{SQ}"}}}
                )
            wiki_asked.set()
            counts["titles"] = counts.get("titles", 0) + 1
            titles = query.get("titles", [""])[0].split("|")
            pages = [{"title": t, "ns": 0, "pageid": n + 1} for n, t in enumerate(titles) if t]
            return httpx.Response(
                200, json={"batchcomplete": True, "query": {"pages": pages, "logevents": []}}
            )

        return ApiSession(api, transport=httpx.MockTransport(handler), sleep=lambda s: None)

    summary = worklist.resolve_worklist(campaign, store, factory, now)
    assert overlapped == [True]
    assert counts["titles"] == 3 and summary.requests["www.wikidata.org"] == 3  # 1 per 50 items each
    coverage = worklist.coverage_json(campaign, store, [])
    assert coverage is not None and coverage["by_wiki"][SQ]["now"] == 120
