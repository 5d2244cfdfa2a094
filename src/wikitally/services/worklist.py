"""Use-case: a campaign's worklist — read its sources, resolve its items' articles on the campaign wikis,
keep the resolution, and give the coverage a report shows (docs/worklists.md).

Requests: one listing per 50 list pages and per category; per campaign wiki one query per 50 titles (the
first also reads the logs since the window's start: more requests only past 500 log entries), plus a
siteinfo when the store has no global id for it (a store collected before worklists); one wbgetentities per
50 Wikidata items.
"""

from __future__ import annotations

import logging
import queue
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from wikitally import settings
from wikitally.campaign_file import read_file
from wikitally.collect import worklist as wl
from wikitally.errors import CampaignFileError, SourceError
from wikitally.metrics.coverage import (
    ArticleState,
    CoveredItem,
    Resolution,
    coverage,
    resolve,
    unique,
    wanted_titles,
)
from wikitally.metrics.worklist_files import ExportError, parse_export
from wikitally.model import Campaign, WorklistItem
from wikitally.services.collection import SessionFactory
from wikitally.store import Store

log = logging.getLogger(__name__)

MAX_PARALLEL_WIKIS = 4
MAX_FILE_BYTES = 64 * 1024 * 1024  # a 100,000-row export with coordinates is ~10 MB
WIKIDATA = "www.wikidata.org"


@dataclass
class Summary:
    items: int = 0
    requests: dict[str, int] = field(default_factory=dict)  # wiki (or www.wikidata.org) -> requests
    notes: list[str] = field(default_factory=list)


def read_files(campaign: Campaign) -> list[WorklistItem]:
    """The items of the campaign's worklist_files; titles are the first campaign wiki's unless a `wiki`
    column says otherwise. A file that can't be read is the campaign file's mistake (exit 2, one line)."""
    items: list[WorklistItem] = []
    for path in campaign.worklist_files:
        raw = read_file(path, path, MAX_FILE_BYTES)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CampaignFileError(path, "", "is not UTF-8 text", "save it as UTF-8") from None
        try:
            items.extend(parse_export(text, Path(path).name, campaign.wikis[0]))
        except ExportError as e:
            raise CampaignFileError(
                path, e.where, e.problem, "export it again from PetScan or the Query Service"
            ) from None
    return items


def _hosts(campaign: Campaign) -> dict[str, str]:
    """host[:port] -> campaign wiki: how an interwiki link's address names a campaign wiki."""
    hosts = {}
    for wiki in campaign.wikis:
        hosts[wiki] = wiki
        hosts[urlparse(campaign.api_url(wiki)).netloc.lower()] = wiki
    return hosts


def read_items(campaign: Campaign, sessions: SessionFactory, summary: Summary) -> list[WorklistItem]:
    """Every item of every source, in order, duplicates included."""
    items: list[WorklistItem] = []
    pages: dict[str, list[str]] = defaultdict(list)
    for entry in campaign.worklist:
        domain, title = entry.split(":", 1)
        pages[domain].append(title)
    cats: dict[str, list[str]] = defaultdict(list)
    for entry in campaign.worklist_categories:
        domain, title = entry.split(":", 1)
        cats[domain].append(title)
    for domain in dict.fromkeys([*pages, *cats]):
        with sessions(domain, campaign.api_url(domain)) as session:
            try:
                if pages[domain]:
                    items.extend(wl.linked_items(session, domain, pages[domain], _hosts(campaign)))
                for cat in cats[domain]:
                    items.extend(wl.category_items(session, domain, cat, campaign.worklist_depth))
            except wl.MissingPage as e:
                key = "worklist" if f"{domain}:{e.title}" in campaign.worklist else "worklist_categories"
                raise CampaignFileError(
                    campaign.source, key, f"{e.title!r} does not exist on {domain}", "fix the title"
                ) from None
            summary.requests[domain] = summary.requests.get(domain, 0) + session.stats.requests
    return items + read_files(campaign)


def resolve_worklist(campaign: Campaign, store: Store, sessions: SessionFactory, now: datetime) -> Summary:
    """Read the worklist, find each item's article on each campaign wiki, and store the resolution.

    Wikidata and the campaign wikis work side by side: each wiki has a worker that asks about titles 50 at a
    time as soon as they are known — the list's own titles at once, the items' sitelinks as each
    wbgetentities batch answers — so the wikis don't wait for the last Wikidata batch (the request counts
    are the same as asking in turn)."""
    summary = Summary()
    items = unique(read_items(campaign, sessions, summary))
    summary.items = len(items)
    qids = sorted({i.item for i in items if i.item})
    sensitive = list(campaign.sensitive_locations) if isinstance(campaign.sensitive_locations, tuple) else []
    by_item: dict[str, list[WorklistItem]] = defaultdict(list)
    for it in items:
        if it.item:
            by_item[it.item].append(it)
    feeds: dict[str, queue.SimpleQueue[list[str] | None]] = {w: queue.SimpleQueue() for w in campaign.wikis}

    def one_wiki(wiki: str) -> tuple[str, dict[tuple[str, str], ArticleState], int]:
        with sessions(wiki, campaign.api_url(wiki)) as session:
            lookup = wl.ArticleLookup(session, wiki, campaign.start, sensitive)
            while (titles := feeds[wiki].get()) is not None:
                lookup.add(titles)
            return wiki, lookup.states() if lookup.asked else {}, session.stats.requests

    def feed(found: list[WorklistItem], links: dict[str, dict[str, str]]) -> None:
        for wiki, titles in wanted_titles(found, links, campaign.wikis).items():
            if titles:
                feeds[wiki].put(sorted(titles))

    fed: set[str] = set()

    def batch_done(batch: list[str], facts: wl.Entities) -> None:
        fed.update(batch)
        feed([it for q in batch for it in by_item.get(q, ())], facts.links)

    facts = wl.Entities({}, {}, {}, {})
    states: dict[tuple[str, str], ArticleState] = {}
    workers = max(1, min(MAX_PARALLEL_WIKIS, len(campaign.wikis)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # Each wiki is asked in series (API etiquette), the wikis side by side: they are different servers.
        # More wikis than workers: a wiki's worker starts once another's is done (its titles wait queued).
        futures = [pool.submit(one_wiki, w) for w in campaign.wikis]
        try:
            feed([it for it in items if not it.item], {})
            if qids:
                facts = _entities(campaign, store, sessions, qids, summary, batch_done)
            # items Wikidata did not answer for (it is off): by the list's title
            feed([it for it in items if it.item and it.item not in fed], facts.links)
        finally:
            for wiki in campaign.wikis:
                feeds[wiki].put(None)
        for future in futures:
            wiki, found, requests = future.result()
            states.update(found)
            if requests:
                summary.requests[wiki] = summary.requests.get(wiki, 0) + requests
    if qids:
        # the list's own label, place and image first; else the item's (P625, P18)
        items = [
            replace(
                i,
                label=i.label or facts.labels.get(i.item or ""),
                point=i.point or facts.points.get(i.item or ""),
                image=i.image or facts.images.get(i.item or ""),
            )
            for i in items
        ]
    store.save_worklist(campaign, Resolution(tuple(items), facts.links, states).as_json(), now)
    return summary


def _entities(
    campaign: Campaign,
    store: Store,
    sessions: SessionFactory,
    qids: list[str],
    summary: Summary,
    on_batch: Callable[[list[str], wl.Entities], None] | None = None,
) -> wl.Entities:
    api = settings.get("wikidata_api")
    if api == "off":
        summary.notes.append("Wikidata is off (WIKITALLY_WIKIDATA_API=off): items are found by title only")
        return wl.Entities({}, {}, {}, {})
    sites: dict[str, str] = {}
    for wiki in campaign.wikis:
        info = store.siteinfo(campaign, wiki)  # the collection asked already; a store from before, not
        wiki_id = info.wiki_id if info is not None else ""
        if not wiki_id:
            with sessions(wiki, campaign.api_url(wiki)) as session:
                wiki_id, _ = wl.wiki_ids(session)
                summary.requests[wiki] = summary.requests.get(wiki, 0) + session.stats.requests
        if wiki_id:
            sites[wiki_id] = wiki
    languages = list(dict.fromkeys([campaign.language, "en"]))
    with sessions(WIKIDATA, api) as wikidata:
        try:
            found = wl.entities(wikidata, qids, sites, languages, on_batch)
        finally:
            summary.requests[WIKIDATA] = wikidata.stats.requests
    return found


def stored(campaign: Campaign, store: Store) -> Resolution | None:
    kept = store.worklist(campaign)
    return None if kept is None else Resolution.from_json(kept[0])


def worklist_pages(campaign: Campaign, store: Store) -> frozenset[tuple[str, str]]:
    """(wiki, title) of the campaign's worklist articles, as last resolved (empty when never resolved):
    for rules such as a contest's `on_worklist`. Titles are current titles, redirects followed."""
    resolution = stored(campaign, store)
    return frozenset() if resolution is None else resolution.pages()


def covered_items(
    campaign: Campaign, store: Store, outcome_articles: list[dict[str, Any]]
) -> list[CoveredItem] | None:
    """The worklist's items with status, from the stored resolution and the outcome's articles; None
    when the campaign has no worklist or it was never resolved."""
    resolution = stored(campaign, store) if campaign.has_worklist else None
    if resolution is None:
        return None
    return resolve(
        resolution.items,
        resolution.sitelinks,
        resolution.states,
        campaign.wikis,
        outcome_articles,
        located=store.locations(campaign),
        sensitive_everywhere=campaign.sensitive_locations is True,
    )


def coverage_json(
    campaign: Campaign, store: Store, outcome_articles: list[dict[str, Any]]
) -> dict[str, Any] | None:
    covered = covered_items(campaign, store, outcome_articles)
    return None if covered is None else coverage(covered, campaign.wikis)


def safe_resolve(campaign: Campaign, store: Store, sessions: SessionFactory, now: datetime) -> Summary:
    """resolve_worklist, but a wiki that fails leaves the last resolution in place (a note, not a stop)."""
    try:
        return resolve_worklist(campaign, store, sessions, now)
    except SourceError as e:
        if store.worklist(campaign) is None:
            raise
        return Summary(notes=[f"worklist not refreshed ({e}); the last resolution is shown"])
