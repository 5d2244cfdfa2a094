"""Report data from a real wiki: statuses, locations from the pages' {{coord}}, sensitive places coarsened,
the daily timeline, and page views from recorded REST answers (real sums of daily views)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from wikis import LocalWiki

from wikitally.collect.api import PoliteClient
from wikitally.metrics.geo import coarsen
from wikitally.model import Campaign, Point
from wikitally.services import collection, publishing
from wikitally.store import open_store

pytestmark = pytest.mark.wiki


@pytest.fixture(scope="module")
def mapped(wiki_a: LocalWiki, tmp_path_factory: pytest.TempPathFactory):
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    admin = wiki_a.admin()
    admin.create_tag("contenttranslation")
    user = wiki_a.create_user("Map Writer")
    user.edit("Map Castle", "A castle.{{coord|42.0469|19.4939|display=title}}")
    user.edit("Map Village", "A village.\n{{Coord|41|19|39|N|19|49|8|E}}")
    user.edit("Map Nowhere", "A concept without a place.")
    user.edit("Map Translated", "Translated text.{{coord|43.8914|20.3497}}", tags=["contenttranslation"])
    wiki_a.admin().edit("Category:Heritage at risk", "Sites at risk.")
    user.edit("Map Castle", "A castle.{{coord|42.0469|19.4939|display=title}}\n[[Category:Heritage at risk]]")
    campaign = Campaign(
        name=f"Map campaign {start:%H%M%S}",
        start=start,
        end=start + timedelta(days=1),
        wikis=(wiki_a.domain,),
        participants=("Map Writer",),
        api={wiki_a.domain: wiki_a.api},
        sensitive_locations=("Category:Heritage at risk",),
    )
    store = open_store(str(tmp_path_factory.mktemp("pub") / "pub.sqlite3"))
    return campaign, store, start


def test_locations_statuses_and_timeline(mapped, monkeypatch):
    campaign, store, start = mapped
    monkeypatch.setenv("WIKITALLY_WIKIDATA_API", "off")
    sessions = collection.session_factory(contact="tests@wikitally.invalid")
    collection.collect(campaign, store, sessions)
    assert publishing.locate_articles(campaign, store, sessions, start + timedelta(hours=1)) == []
    data = publishing.report_data(campaign, store, start + timedelta(hours=1))
    rows = {a.title: a for a in data.articles}
    assert rows["Map Village"].point == Point(41 + 19 / 60 + 39 / 3600, 19 + 49 / 60 + 8 / 3600)
    assert rows["Map Castle"].point == coarsen(Point(42.0469, 19.4939))  # in a sensitive category
    assert rows["Map Castle"].point != Point(42.0469, 19.4939)
    assert rows["Map Nowhere"].point is None  # listed, not dropped
    assert rows["Map Translated"].status == "translated" and rows["Map Village"].status == "created"
    # the wiki's own address for the page (its siteinfo's server and articlepath), not https://DOMAIN/wiki/…
    general = httpx.get(
        campaign.api_url(campaign.wikis[0]),
        params={"action": "query", "meta": "siteinfo", "format": "json", "formatversion": "2"},
    ).json()["query"]["general"]
    assert rows["Map Translated"].url == general["server"] + general["articlepath"].replace(
        "$1", "Map_Translated"
    )
    assert httpx.get(rows["Map Translated"].url).status_code == 200  # the link works
    assert data.locations_coarsened
    assert sum(d.edits for d in data.timeline) == 5 and len(data.timeline) in (2, 3)
    # located once: a second lookup asks the wiki nothing
    requests: list[httpx.Request] = []
    counting = collection.session_factory(transport=_Counting(requests))
    publishing.locate_articles(campaign, store, counting, start + timedelta(hours=2))
    assert requests == []


def test_page_views_are_real_sums_and_cached(mapped):
    campaign, store, start = mapped
    campaign = replace(campaign, pageviews=True)
    now = start + timedelta(days=5)
    first_day = start.date()
    seen: list[str] = []

    def rest(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        title = str(request.url).split("/user/")[1].split("/daily/")[0]
        last = (now - timedelta(days=1)).date()
        days = [first_day + timedelta(days=i) for i in range((last - first_day).days + 1)]
        items = [
            {
                "project": campaign.wikis[0],
                "article": title,
                "granularity": "daily",
                "timestamp": d.strftime("%Y%m%d00"),
                "access": "all-access",
                "agent": "user",
                "views": 10 * (i + 1),
            }
            for i, d in enumerate(days)
        ]
        return httpx.Response(200, json={"items": items})

    client = PoliteClient(transport=httpx.MockTransport(rest), sleep=lambda s: None)
    publishing.fetch_views(campaign, store, client, now)
    data = publishing.report_data(campaign, store, now)
    views = {a.title: a.views for a in data.articles}
    assert views["Map Village"] == 10 + 20 + 30 + 40 + 50  # every day since the first edit, summed
    asked = len(seen)
    assert asked == len(data.articles)
    publishing.fetch_views(campaign, store, client, now)
    assert len(seen) == asked  # settled days are cached: nothing asked again


class _Counting(httpx.BaseTransport):
    def __init__(self, seen: list[httpx.Request]) -> None:
        self.seen, self.inner = seen, httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return self.inner.handle_request(request)
