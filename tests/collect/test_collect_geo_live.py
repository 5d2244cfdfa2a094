"""The wikitext fallback and category membership against a real MediaWiki 1.39 (no GeoData, no Wikibase):
pages are saved with {{coord}} in their text (the template need not exist) and read back in batches."""

from __future__ import annotations

import pytest
from wikis import LocalWiki

from wikitally.collect.api import ApiSession
from wikitally.collect.geo import coordinates, in_categories, locate
from wikitally.collect.reader import WikiReader
from wikitally.model import Point

pytestmark = pytest.mark.wiki

PAGES = {
    "Geo Tirana": "'''Tirana''' {{coord|41.3275|19.8189|display=title}}\n[[Category:Geo heritage at risk]]",
    "Geo Shkodër": "{{Infobox settlement\n| name = Shkodër\n| coordinates = {{coord|42|4|5|N|19|30|1|E}}\n}}\n"
    "Near {{coord|1|1}}.",
    "Geo Berat": "{{Infobox\n| latd = 40 | latm = 42 | latNS = N | longd = 19 | longm = 57 | longEW = E\n}}",
    "Geo Beograd": "{{Координате|44|49|N|20|27|E|display=title}} [[Category:Geo heritage at risk]]",
    "Geo Hidden": "<!-- {{coord|1|2|display=title}} --> <nowiki>{{coord|3|4}}</nowiki> no coordinates",
}


@pytest.fixture(scope="module")
def geo_pages(wiki_a: LocalWiki) -> LocalWiki:
    admin = wiki_a.admin()
    for title, text in PAGES.items():
        admin.edit(title, text, summary="geo test page")
    wiki_a.run_jobs()  # category links
    return wiki_a


def test_coordinates_come_back_from_the_wikitext(geo_pages: LocalWiki):
    with ApiSession(geo_pages.api, contact="tests@example.org") as session:
        reader = WikiReader(session, geo_pages.domain)
        info, _, _ = reader.siteinfo()
        assert "GeoData" not in info.extensions
        titles = [*PAGES, "geo_Tirana", "Geo Nowhere"]  # a title to normalise, a missing page
        located = locate(reader, titles, info)
        requests = session.stats.requests
    assert requests == 2  # siteinfo, then one batch of texts
    assert located["Geo Tirana"].point == Point(41.3275, 19.8189)
    assert located["geo_Tirana"].point == Point(41.3275, 19.8189)  # MediaWiki's normalised title
    assert located["Geo Tirana"].source == "wikitext"
    shkoder = located["Geo Shkodër"].point
    assert shkoder is not None and abs(shkoder.lat - (42 + 4 / 60 + 5 / 3600)) < 1e-9
    assert located["Geo Berat"].point == Point(40.7, 19.95)
    assert located["Geo Beograd"].point is not None
    assert located["Geo Hidden"].source == "none" and located["Geo Nowhere"].source == "none"


def test_many_pages_in_batches(geo_pages: LocalWiki):
    titles = [f"Geo missing {n}" for n in range(60)] + ["Geo Tirana"]
    with ApiSession(geo_pages.api, contact="tests@example.org") as session:
        info, _, _ = WikiReader(session, geo_pages.domain).siteinfo()
        points = coordinates(session, titles, info)
        assert session.stats.requests == 1 + 2  # siteinfo + two batches of ≤ 50 titles
    assert points == {"Geo Tirana": Point(41.3275, 19.8189)}


def test_category_membership_on_a_real_wiki(geo_pages: LocalWiki):
    with ApiSession(geo_pages.api, contact="tests@example.org") as session:
        members = in_categories(session, list(PAGES), ["Category:Geo heritage at risk", "Category:Elsewhere"])
    assert members == {"Geo Tirana", "Geo Beograd"}
