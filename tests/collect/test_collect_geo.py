"""wikitally.collect.geo against recorded-format answers (GeoData and Wikibase can't run here): GeoData →
wikitext → Wikidata, title normalisation, batches of 50, category membership."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from wikitally.collect.api import ApiSession
from wikitally.collect.geo import (
    WIKIDATA_API,
    coordinates,
    in_categories,
    locate,
    sensitive_titles,
    wikibase_items,
    wikidata_coordinates,
    wikitext_coordinates,
)
from wikitally.collect.reader import WikiReader
from wikitally.collect.replay import ReplayTransport
from wikitally.errors import SourceError
from wikitally.metrics.geo import Location
from wikitally.model import Point, SiteInfo

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "geo"
SQ, SR = "sq.wikipedia.org", "sr.wikipedia.org"
SQ_API, SR_API = f"https://{SQ}/w/api.php", f"https://{SR}/w/api.php"
WANTED = ["Tirana", "kalaja_e_Rozafës", "Krateri Tycho", "Butrint", "Gjuha shqipe", "Zana"]


def siteinfo(wiki: str, *extensions: str) -> SiteInfo:
    return SiteInfo(wiki, (0,), {0: ""}, extensions=tuple(extensions))


def replay(name: str) -> ReplayTransport:
    return ReplayTransport.from_file(FIXTURES / name)


def session(url: str, transport: httpx.BaseTransport) -> ApiSession:
    return ApiSession(url, transport=transport, sleep=lambda s: None, contact="tests@example.org")


def test_geodata_then_wikidata_for_the_rest():
    transport = replay("sq_wikipedia.json")
    with session(SQ_API, transport) as sq, session(WIKIDATA_API, transport) as wd:
        located = locate(sq, WANTED, siteinfo(SQ, "CirrusSearch", "GeoData"), wikidata=wd)
    assert transport.unmatched == []
    assert list(located) == WANTED  # every title, keyed as asked
    assert located["Tirana"] == Location(SQ, "Tirana", Point(41.3275, 19.818889), "geodata")
    # Asked as "kalaja_e_Rozafës", answered under MediaWiki's normalised "Kalaja e Rozafës".
    assert located["kalaja_e_Rozafës"] == Location(
        SQ, "kalaja_e_Rozafës", Point(42.046944, 19.493611), "geodata"
    )
    # Not in GeoData: the item's preferred P625, not the deprecated or the normal one.
    assert located["Butrint"] == Location(SQ, "Butrint", Point(39.745833, 20.020833), "wikidata")
    # On the Moon in GeoData and on Wikidata (globe Q405): not a place on Earth.
    assert located["Krateri Tycho"].source == "none" and located["Krateri Tycho"].point is None
    assert located["Gjuha shqipe"] == Location(SQ, "Gjuha shqipe", None, "none")  # an item without P625
    assert located["Zana"] == Location(SQ, "Zana", None, "none")  # a missing page


def test_coordinates_leaves_out_unplaced_pages_and_accepts_a_reader():
    transport = replay("sq_wikipedia.json")
    with session(SQ_API, transport) as sq, session(WIKIDATA_API, transport) as wd:
        points = coordinates(WikiReader(sq, SQ), WANTED, siteinfo(SQ, "GeoData"), wikidata=wd)
    assert points == {
        "Tirana": Point(41.3275, 19.818889),
        "kalaja_e_Rozafës": Point(42.046944, 19.493611),
        "Butrint": Point(39.745833, 20.020833),
    }


def test_without_a_wikidata_session_wikidata_is_not_asked():
    transport = replay("sq_wikipedia.json")
    with session(SQ_API, transport) as sq:
        located = locate(sq, WANTED, siteinfo(SQ, "GeoData"))
    assert transport.unmatched == []  # no pageprops, no wbgetentities
    assert located["Butrint"].source == "none"


def test_wikitext_fallback_on_a_wiki_without_geodata():
    transport = replay("sr_wikitext.json")
    with session(SR_API, transport) as sr:
        located = locate(sr, ["Београд", "Нови Сад", "Ниш", "Празно"], siteinfo(SR, "Cite"))
    assert transport.unmatched == []
    assert located["Београд"] == Location(SR, "Београд", Point(44 + 49 / 60, 20 + 27 / 60), "wikitext")
    assert located["Нови Сад"] == Location(SR, "Нови Сад", Point(45.25, 19 + 50 / 60), "wikitext")
    assert located["Ниш"].source == "none"  # its coordinates are inside <nowiki>
    assert located["Празно"].source == "none"


# ---------------------------------------------------------------------------------------------- batching


def empty_pages_transport(seen: list[dict[str, list[str]]]) -> httpx.MockTransport:
    """Answers every query with its titles as existing pages without data; records the parameters."""

    def handler(request: httpx.Request) -> httpx.Response:
        params = parse_qs(request.url.query.decode())
        if request.method == "POST":
            params.update(parse_qs(request.content.decode()))
        seen.append(params)
        if params["action"] == ["wbgetentities"]:
            ids = params["ids"][0].split("|")
            return httpx.Response(
                200, json={"entities": {i: {"id": i, "claims": {}} for i in ids}, "success": 1}
            )
        titles = params["titles"][0].split("|")
        pages = [{"pageid": n + 1, "ns": 0, "title": t} for n, t in enumerate(titles)]
        return httpx.Response(200, json={"batchcomplete": True, "query": {"pages": pages}})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    "call",
    [
        lambda s, titles: wikitext_coordinates(s, titles),
        lambda s, titles: wikibase_items(s, titles),
        lambda s, titles: in_categories(s, titles, ["Category:A"]),
        lambda s, titles: locate(s, titles, siteinfo(SQ, "GeoData")),
    ],
)
def test_fifty_titles_a_request(call):
    seen: list[dict[str, list[str]]] = []
    titles = [f"Page {n}" for n in range(120)]
    with session(SQ_API, empty_pages_transport(seen)) as s:
        call(s, titles + titles[:10])  # repeated titles are asked once
    sizes = [len(p["titles"][0].split("|")) for p in seen]
    assert sizes == [50, 50, 20]


def test_fifty_items_a_wikidata_request():
    seen: list[dict[str, list[str]]] = []
    with session(WIKIDATA_API, empty_pages_transport(seen)) as wd:
        assert wikidata_coordinates(wd, [f"Q{n}" for n in range(1, 102)]) == {}
    assert [len(p["ids"][0].split("|")) for p in seen] == [50, 50, 1]
    assert all(p["props"] == ["claims"] and p["action"] == ["wbgetentities"] for p in seen)


def test_a_wikidata_answer_without_entities_is_an_error():
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json={"success": 1}))
    with session(WIKIDATA_API, transport) as wd, pytest.raises(SourceError, match="no entities"):
        wikidata_coordinates(wd, ["Q1"])


def test_the_session_reads_entities_but_still_never_writes():
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200, json={"entities": {}}))
    with session(WIKIDATA_API, transport) as wd:
        assert wd.get({"action": "wbgetentities", "ids": "Q1"}) == {"entities": {}}
        for action in ("wbeditentity", "wbsetclaim", "edit"):
            with pytest.raises(SourceError, match="read-only"):
                wd.get({"action": action, "id": "Q1"})
    assert len(seen) == 1


# ---------------------------------------------------------------------------------------------- categories


def test_category_membership():
    transport = replay("sq_wikipedia.json")
    with session(SQ_API, transport) as sq:
        members = in_categories(sq, ["Tirana", "Butrint"], ["Category:Heritage at risk"])
    assert members == {"Butrint"}
    assert transport.unmatched == []


def test_fifty_categories_a_request():
    seen: list[dict[str, list[str]]] = []
    with session(SQ_API, empty_pages_transport(seen)) as s:
        in_categories(s, ["A"], [f"Category:C{n}" for n in range(60)])
    assert [len(p["clcategories"][0].split("|")) for p in seen] == [50, 10]


def test_sensitive_titles():
    titles = ["Tirana", "Butrint"]
    with session(SQ_API, replay("sq_wikipedia.json")) as sq:
        assert sensitive_titles(sq, titles, True) == {"Tirana", "Butrint"}
        assert sensitive_titles(sq, titles, False) == set()
        assert sensitive_titles(sq, titles, ["Category:Heritage at risk"]) == {"Butrint"}
        assert sensitive_titles(sq, titles, []) == set()


def test_fixtures_cite_the_documented_formats():
    for path in FIXTURES.glob("*.json"):
        meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
        assert any("https://" in line for line in meta["formats"]), path.name
