"""Sitelinks from wbgetentities (recorded real-format answer, tests/fixtures/worklist/wbgetentities.json)."""

import json
from pathlib import Path
from urllib.parse import parse_qs

import httpx

from wikitally.collect.api import ApiSession
from wikitally.collect.worklist import entities, sitelinks
from wikitally.model import Point

FIXTURE = json.loads(
    (Path(__file__).resolve().parent.parent / "fixtures" / "worklist" / "wbgetentities.json").read_text()
)
SITES = {"sqwiki": "sq.wikipedia.org", "enwiki": "en.wikipedia.org"}


def session(asked: list[dict[str, list[str]]]) -> ApiSession:
    def handler(request: httpx.Request) -> httpx.Response:
        query = parse_qs(request.url.query.decode()) or parse_qs(request.content.decode())
        asked.append(query)
        ids = query["ids"][0].split("|")
        entities = {i: FIXTURE["entities"].get(i, {"id": i, "missing": ""}) for i in ids}
        return httpx.Response(200, json={"entities": entities, "success": 1})

    return ApiSession(
        "https://www.wikidata.org/w/api.php", transport=httpx.MockTransport(handler), sleep=lambda s: None
    )


def test_sitelinks_and_labels_from_the_recorded_answer():
    asked: list[dict[str, list[str]]] = []
    links, labels = sitelinks(session(asked), ["Q2493845", "Q1027531", "Q4115189"], SITES, ["sq", "en"])
    assert links["Q2493845"] == {"sq.wikipedia.org": "Dardhë (Përmet)", "en.wikipedia.org": "Dardhë, Përmet"}
    assert links["Q1027531"] == {"en.wikipedia.org": "Lin, Albania"}
    assert "Q4115189" not in links  # a missing item has no article anywhere
    assert labels == {
        "Q2493845": "Dardhë",
        "Q1027531": "Lin, Albania",
    }  # the campaign's language, then English
    assert asked[0]["action"] == ["wbgetentities"] and asked[0]["sitefilter"] == ["enwiki|sqwiki"]


def test_fifty_ids_a_request():
    asked: list[dict[str, list[str]]] = []
    qids = [f"Q{n}" for n in range(1, 121)] + ["Q5", "Q5"]
    sitelinks(session(asked), qids, SITES, ["en"])
    assert [len(q["ids"][0].split("|")) for q in asked] == [50, 50, 20]


def test_places_and_images_come_from_the_items_claims_in_the_same_requests():
    asked: list[dict[str, list[str]]] = []
    found = entities(session(asked), ["Q2493845", "Q1027531", "Q2608027", "Q4115189"], SITES, ["sq", "en"])
    assert found.points == {"Q2493845": Point(40.2483, 20.3669)}  # preferred over normal; deprecated never
    assert found.images == {"Q2493845": "Dardhë Përmet 2019.jpg"}  # a deprecated image is not the item's
    assert "Q1027531" not in found.points  # "no value"
    assert "Q2608027" not in found.points  # a place on Mars is not on the map
    assert len(asked) == 1 and asked[0]["props"] == ["sitelinks|labels|claims"]
