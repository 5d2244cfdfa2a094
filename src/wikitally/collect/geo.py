"""Where a campaign's pages are, read in batches of 50: GeoData's primary coordinates where the wiki has
GeoData, else the coordinates the page's current wikitext gives; then, for pages still without any, the
page's Wikidata item's coordinate location (P625). Also: which pages sit in given categories (the
campaign's sensitive locations).

Answer formats (formatversion=2):
- prop=coordinates (GeoData): pages[].coordinates[] = {lat, lon, primary, globe, …}
  https://www.mediawiki.org/wiki/Extension:GeoData#prop=coordinates
- prop=pageprops&ppprop=wikibase_item: pages[].pageprops.wikibase_item = "Q…"
  https://www.mediawiki.org/wiki/API:Pageprops
- action=wbgetentities&props=claims: entities.Q….claims.P625[] = statements whose mainsnak.datavalue is
  {"type": "globecoordinate", "value": {latitude, longitude, precision, globe}}
  https://www.mediawiki.org/wiki/Wikibase/DataModel/JSON#globecoordinate
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from wikitally.collect.api import ApiSession, Params
from wikitally.collect.reader import LIST_LIMIT, WikiReader, chunks, content_of, pages_of
from wikitally.errors import SourceError
from wikitally.metrics.geo import (
    DEFAULT_COORD_TEMPLATES,
    DEFAULT_INFOBOX_SCHEMES,
    InfoboxScheme,
    Location,
    coord_from_wikitext,
)
from wikitally.model import Point, SiteInfo

log = logging.getLogger(__name__)

WIKIDATA_API = "https://www.wikidata.org/w/api.php"  # a default: pass another session to use another
COORDINATE_LOCATION = "P625"
EARTH_ITEM = "http://www.wikidata.org/entity/Q2"
GEODATA = "GeoData"  # as siteinfo's extensions list names it


def locate(
    source: ApiSession | WikiReader,
    titles: Iterable[str],
    siteinfo: SiteInfo,
    *,
    wikidata: ApiSession | None = None,
    templates: Iterable[str] = DEFAULT_COORD_TEMPLATES,
    infobox_schemes: Iterable[InfoboxScheme] = DEFAULT_INFOBOX_SCHEMES,
) -> dict[str, Location]:
    """A Location for every title (keyed as given): from GeoData when siteinfo lists it, else from the
    current wikitext; then from the Wikidata item for the rest, when a Wikidata session is given
    (e.g. ApiSession(WIKIDATA_API)); source "none" when nobody places the page."""
    session = _session(source)
    wanted = list(dict.fromkeys(titles))
    wiki = siteinfo.wiki
    found: dict[str, Location] = {}
    if GEODATA in siteinfo.extensions:
        for title, point in geodata_coordinates(session, wanted).items():
            found[title] = Location(wiki, title, point, "geodata")
    else:
        for title, point in wikitext_coordinates(session, wanted, templates, infobox_schemes).items():
            found[title] = Location(wiki, title, point, "wikitext")
    rest = [t for t in wanted if t not in found]
    if wikidata is not None and rest:
        items = wikibase_items(session, rest)
        points = wikidata_coordinates(wikidata, set(items.values()))
        for title, item in items.items():
            if item in points:
                found[title] = Location(wiki, title, points[item], "wikidata")
    return {t: found.get(t) or Location(wiki, t, None, "none") for t in wanted}


def coordinates(
    source: ApiSession | WikiReader,
    titles: Iterable[str],
    siteinfo: SiteInfo,
    *,
    wikidata: ApiSession | None = None,
    templates: Iterable[str] = DEFAULT_COORD_TEMPLATES,
    infobox_schemes: Iterable[InfoboxScheme] = DEFAULT_INFOBOX_SCHEMES,
) -> dict[str, Point]:
    """title -> Point for the titles something places (see `locate`); unplaced titles are left out."""
    located = locate(
        source, titles, siteinfo, wikidata=wikidata, templates=templates, infobox_schemes=infobox_schemes
    )
    return {t: loc.point for t, loc in located.items() if loc.point is not None}


# ---------------------------------------------------------------------------------------------- sources


def geodata_coordinates(source: ApiSession | WikiReader, titles: Iterable[str]) -> dict[str, Point]:
    """Primary coordinates on Earth as GeoData stored them (prop=coordinates, 50 titles a request)."""
    params: Params = {"prop": "coordinates", "coprimary": "primary", "coprop": "globe", "colimit": LIST_LIMIT}
    out: dict[str, Point] = {}
    for title, page in _title_pages(_session(source), params, titles):
        for coord in page.get("coordinates", []):
            if not isinstance(coord, dict) or not coord.get("primary"):
                continue
            if coord.get("globe", "earth") != "earth":
                continue  # a crater on the Moon is not where readers live
            point = _point(coord.get("lat"), coord.get("lon"))
            if point is not None:
                out.setdefault(title, point)
    return out


def wikitext_coordinates(
    source: ApiSession | WikiReader,
    titles: Iterable[str],
    templates: Iterable[str] = DEFAULT_COORD_TEMPLATES,
    infobox_schemes: Iterable[InfoboxScheme] = DEFAULT_INFOBOX_SCHEMES,
) -> dict[str, Point]:
    """Coordinates the pages' current wikitext gives ({{coord}} & co.; 50 titles a request)."""
    names, schemes = tuple(templates), tuple(infobox_schemes)
    params: Params = {"prop": "revisions", "rvprop": "content", "rvslots": "main"}
    out: dict[str, Point] = {}
    for title, page in _title_pages(_session(source), params, titles):
        for rev in page.get("revisions", []):
            text = content_of(rev)
            point = None if text is None else coord_from_wikitext(text, names, schemes)
            if point is not None:
                out[title] = point
    return out


def wikibase_items(source: ApiSession | WikiReader, titles: Iterable[str]) -> dict[str, str]:
    """title -> Wikidata item id of the pages connected to one (prop=pageprops, 50 titles a request)."""
    params: Params = {"prop": "pageprops", "ppprop": "wikibase_item"}
    out: dict[str, str] = {}
    for title, page in _title_pages(_session(source), params, titles):
        item = (page.get("pageprops") or {}).get("wikibase_item")
        if isinstance(item, str) and item:
            out[title] = item
    return out


def wikidata_coordinates(wikidata: ApiSession, items: Iterable[str]) -> dict[str, Point]:
    """item id -> its coordinate location (P625) on Earth: the preferred statement, else the first normal
    one; deprecated statements and unknown values don't count (wbgetentities, 50 ids a request)."""
    out: dict[str, Point] = {}
    for batch in chunks(sorted(set(items))):
        data = wikidata.get({"action": "wbgetentities", "ids": "|".join(batch), "props": "claims"})
        entities = data.get("entities")
        if not isinstance(entities, dict):
            raise SourceError(f"{wikidata.api_url}: malformed answer: no entities")
        for key, entity in entities.items():
            if not isinstance(entity, dict) or "missing" in entity:
                continue
            point = _p625(entity.get("claims") or {})
            if point is not None:
                out[key] = point
                out.setdefault(str(entity.get("id", key)), point)  # a redirect's target, too
    return out


def _p625(claims: dict[str, Any]) -> Point | None:
    statements = [s for s in claims.get(COORDINATE_LOCATION, []) if isinstance(s, dict)]
    for rank in ("preferred", "normal"):
        for statement in statements:
            if statement.get("rank", "normal") != rank:
                continue
            snak = statement.get("mainsnak") or {}
            datavalue = snak.get("datavalue") or {}
            value = datavalue.get("value")
            if snak.get("snaktype") != "value" or datavalue.get("type") != "globecoordinate":
                continue
            if not isinstance(value, dict) or value.get("globe", EARTH_ITEM) != EARTH_ITEM:
                continue
            point = _point(value.get("latitude"), value.get("longitude"))
            if point is not None:
                return point
    return None


# ---------------------------------------------------------------------------------------------- categories


def in_categories(
    source: ApiSession | WikiReader, titles: Iterable[str], categories: Iterable[str]
) -> set[str]:
    """The titles that are in at least one of the categories ("Category:…", any alias of the namespace);
    prop=categories&clcategories=…, 50 titles (and 50 categories) a request."""
    wanted = sorted(set(categories))
    if not wanted:
        return set()
    session = _session(source)
    members: set[str] = set()
    for some in chunks(wanted):
        params: Params = {"prop": "categories", "clcategories": "|".join(some), "cllimit": LIST_LIMIT}
        for title, page in _title_pages(session, params, titles):
            if page.get("categories"):
                members.add(title)
    return members


def sensitive_titles(
    source: ApiSession | WikiReader, titles: Iterable[str], sensitive: bool | Iterable[str]
) -> set[str]:
    """Which titles' locations must be coarsened: all (True), none (False), or those in the categories."""
    if sensitive is True:
        return set(titles)
    if sensitive is False:
        return set()
    return in_categories(source, titles, sensitive)


# ---------------------------------------------------------------------------------------------- helpers


def _session(source: ApiSession | WikiReader) -> ApiSession:
    return source.session if isinstance(source, WikiReader) else source


def _title_pages(session: ApiSession, params: Params, titles: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """(title as asked, page) for each page of each answer, continued; 50 titles a request. MediaWiki
    answers under its normalised title ("tirana" → "Tirana"): the answer's `normalized` maps it back."""
    for batch in chunks(sorted(set(titles))):
        for data in session.query_all({**params, "titles": "|".join(batch)}):
            query = data.get("query")
            normalized = query.get("normalized", []) if isinstance(query, dict) else []
            asked: dict[str, list[str]] = {}
            for n in normalized:
                if isinstance(n, dict):
                    asked.setdefault(str(n.get("to")), []).append(str(n.get("from")))
            for page in pages_of(data):
                if page.get("missing") or page.get("invalid") or "title" not in page:
                    continue
                title = str(page["title"])
                # One page may have been asked under several spellings ("Tirana", "tirana"): each gets it.
                for spelling in asked.get(title, []) + ([title] if title in batch else []):
                    yield spelling, page


def _point(lat: Any, lon: Any) -> Point | None:
    """Decimal degrees as numbers or decimal strings (Wikibase allows both); None if not on Earth's grid."""
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (abs(la) <= 90 and abs(lo) <= 180):  # also false for NaN
        return None
    return Point(la, lo)
