"""Use-case: what organizers publish — where the articles are, how often they are read, and the
ReportData every publishing renderer (wikitext, HTML, certificates, messages) receives.

Locations and views are looked up at report time, for the campaign's articles only, and cached in the
store: the spine's `collect` stays as lean as its benchmark says.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from wikitally import settings
from wikitally.collect import geo
from wikitally.collect.api import PoliteClient
from wikitally.collect.pageviews import fetch_missing
from wikitally.errors import SourceError
from wikitally.metrics.articles import first_counted_edit, translated_pages
from wikitally.metrics.coverage import CoveredItem
from wikitally.metrics.geo import Location, coarsen, views_total
from wikitally.metrics.outcome import compute
from wikitally.metrics.timeline import daily
from wikitally.model import Campaign, SiteInfo
from wikitally.reports.data import ArticleRow, DayCount, Point, ReportData
from wikitally.services import reporting, worklist
from wikitally.services.collection import SessionFactory
from wikitally.store import Store

log = logging.getLogger(__name__)

RELOCATE_AFTER = timedelta(days=1)  # a page found nowhere is asked about again a day later
VIEWS_SETTLE = timedelta(days=2)  # the REST API's daily numbers are complete after about a day
WIKIDATA_DOMAINS = ("www.wikidata.org", "wikidata.org", "test.wikidata.org")


def article_url(wiki: str, title: str, info: SiteInfo | None = None) -> str:
    """A page's address as the wiki itself lays it out (siteinfo's server and articlepath): "/wiki/$1" on
    Wikimedia, "/index.php?title=$1" on a plain MediaWiki, whatever a farm uses. Without siteinfo (or from
    a store older than it), Wikimedia's layout on https://DOMAIN."""
    name = quote(title.replace(" ", "_"), safe="/:,()")
    if info is not None and info.server and info.article_path:
        server = info.server if "://" in info.server else f"https:{info.server}"
        return server.rstrip("/") + info.article_path.replace("$1", name)
    return f"https://{wiki}/wiki/{name}"


def _articles(campaign: Campaign, store: Store, now: datetime) -> list[tuple[str, str]]:
    snapshot = store.snapshot(campaign)
    out = compute(snapshot, store.participants(campaign), now)
    return [(a["wiki"], a["title"]) for a in out.articles]


def locate_articles(campaign: Campaign, store: Store, sessions: SessionFactory, now: datetime) -> list[str]:
    """Find and store where the campaign's articles are (pages of sensitive categories coarsened before
    they are stored); returns notes for the user. Pages located before are not asked about again."""
    notes: list[str] = []
    articles = _articles(campaign, store, now)
    wikidata_api = settings.get("wikidata_api")
    wikidata = sessions("www.wikidata.org", wikidata_api) if wikidata_api != "off" else None
    try:
        for wiki in campaign.wikis:
            fetched = store.location_fetched(campaign, wiki)
            known = store.locations(campaign)
            titles = [
                t
                for w, t in articles
                if w == wiki
                and (t not in fetched or (known.get((w, t)) is None and now - fetched[t] > RELOCATE_AFTER))
            ]
            info = store.siteinfo(campaign, wiki)
            if not titles or info is None:
                continue
            with sessions(wiki, campaign.api_url(wiki)) as session:
                try:
                    found = geo.locate(session, titles, info, wikidata=wikidata)
                except SourceError as e:
                    if wikidata is None:
                        raise
                    notes.append(
                        f"Wikidata coordinates unavailable ({e}); set WIKITALLY_WIKIDATA_API=off to skip"
                    )
                    found = geo.locate(session, titles, info, wikidata=None)
                sensitive = (
                    geo.sensitive_titles(session, titles, campaign.sensitive_locations)
                    if campaign.sensitive_locations
                    else set()
                )
            store.save_locations(
                campaign, [_safe(loc, loc.title in sensitive) for loc in found.values()], now
            )
    finally:
        if wikidata is not None:
            wikidata.close()
    return notes


def _safe(loc: Location, sensitive: bool) -> Location:
    return replace(loc, point=coarsen(loc.point)) if sensitive and loc.point is not None else loc


def fetch_views(campaign: Campaign, store: Store, client: PoliteClient, now: datetime) -> None:
    """Daily views of the campaign's articles since their first counted edit, only the days not stored."""
    if not campaign.pageviews:
        return
    snapshot = store.snapshot(campaign)
    participants = store.participants(campaign)
    pages = {(p.wiki, p.page_id): p for p in snapshot.pages}
    first = first_counted_edit(snapshot, participants)
    end = (now - timedelta(days=1)).date()
    settled = (now - VIEWS_SETTLE).date()
    base = settings.get("pageviews_api")
    for wiki in campaign.wikis:
        starts = {
            pages[key].title: when.date() for key, when in first.items() if key[0] == wiki and key in pages
        }
        if not starts:
            continue
        start = min(starts.values())
        known = store.known_pageview_days(campaign, wiki, start, end)
        rows = {
            title: fetch_missing(client, wiki, title, since, end, known.get(title, set()), settled, base)
            for title, since in starts.items()
            if since <= end
        }
        store.save_pageviews(campaign, wiki, rows)


def report_data(campaign: Campaign, store: Store, now: datetime) -> ReportData:
    """The spine's outcome plus statuses, locations, views and the daily timeline."""
    result = reporting.public_outcome(campaign, store, now)  # private registrations counted, not named
    snapshot = store.snapshot(campaign)
    participants = store.participants(campaign)
    translated = translated_pages(snapshot, participants, campaign.translation_tags)
    first = first_counted_edit(snapshot, participants)
    by_title = {(p.wiki, p.title): p.page_id for p in snapshot.pages}
    locations = store.locations(campaign)
    views = store.pageviews(campaign) if campaign.pageviews else {}
    coarse_all = campaign.sensitive_locations is True
    infos = {info.wiki: info for info in snapshot.siteinfo}
    rows = []
    for a in result["articles"]:
        key = (a["wiki"], a["title"])
        page_key = (a["wiki"], by_title.get(key, 0))
        point = locations.get(key)
        if point is not None and coarse_all:
            point = coarsen(point)
        since = first.get(page_key)
        rows.append(
            ArticleRow(
                wiki=a["wiki"],
                title=a["title"],
                status="translated" if page_key in translated else a["status"],
                edits=a["edits"],
                bytes_added=a["bytes_added"],
                words_added=a["words_added"],
                references_added=a["references_added"],
                url=article_url(a["wiki"], a["title"], infos.get(a["wiki"])),
                point=Point(point.lat, point.lon) if point is not None else None,
                views=views_total(views[key], since.date()) if key in views and since else None,
            )
        )
    wikidata = [w for w in campaign.wikis if w in WIKIDATA_DOMAINS]
    return ReportData(
        outcome=result,
        articles=tuple(rows),
        timeline=tuple(DayCount(d, e, w) for d, e, w in daily(snapshot, participants)),
        locations_coarsened=bool(campaign.sensitive_locations),
        wikidata_revisions=sum(result["by_wiki"][w]["edits"] for w in wikidata) if wikidata else None,
        worklist=_worklist(campaign, store, result),
    )


def _worklist(campaign: Campaign, store: Store, result: dict[str, Any]) -> tuple[CoveredItem, ...] | None:
    covered = worklist.covered_items(campaign, store, result["articles"]) if campaign.has_worklist else None
    return None if covered is None else tuple(covered)
