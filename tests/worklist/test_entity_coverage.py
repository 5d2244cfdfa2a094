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
