"""Snapshot → the campaign's outcome, exactly as docs/metrics.md defines it. Pure: no I/O, no clock."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wikitally.metrics.filters import is_counted, tracked_namespaces
from wikitally.metrics.wikibase import wikibase_wikis
from wikitally.model import (
    Account,
    Campaign,
    ContentFacts,
    EntityFacts,
    PageState,
    Revision,
    Snapshot,
    Upload,
)

METRICS = (
    "participants",
    "new_editors",
    "edits",
    "edits_reverted",
    "articles_created",
    "articles_improved",
    "articles_edited",
    "bytes_added",
    "words_added",
    "references_added",
    "references_removed",
    "uploads",
    "uploads_in_use",
)
# Added to totals, by_wiki and by_participant only when a campaign wiki is a Wikibase repository
# (metrics/wikibase.py; docs/metrics.md, "Wikidata").
WIKIDATA_METRICS = (
    "wikidata_edits",
    "wikidata_items_created",
    "wikidata_statements_added",
    "wikidata_statements_removed",
    "wikidata_references_added",
    "wikidata_labels_added",
    "wikidata_sitelinks_added",
)


def metric_keys(outcome: dict[str, Any]) -> list[str]:
    """The metrics an outcome's JSON holds, in order: the spine's, then Wikidata's when it has them."""
    return [*METRICS, *(m for m in WIKIDATA_METRICS if m in outcome["totals"])]


@dataclass
class Tally:
    """Accumulates one M (see docs/metrics.md) for a scope: the whole campaign, a wiki or a participant."""

    users: set[str] = field(default_factory=set)
    edits: int = 0
    edits_reverted: int = 0
    created: set[tuple[str, int]] = field(default_factory=set)
    touched: set[tuple[str, int]] = field(default_factory=set)
    bytes_added: int = 0
    words_added: int = 0
    references_added: int = 0
    references_removed: int = 0
    uploads: int = 0
    uploads_in_use: int = 0
    wikidata: dict[str, int] = field(default_factory=lambda: dict.fromkeys(WIKIDATA_METRICS, 0))
    items_created: set[tuple[str, int]] = field(default_factory=set)

    def add_entity_edit(self, rev: Revision, fact: EntityFacts | None) -> None:
        """One counted edit of a Wikibase entity (docs/metrics.md, "Wikidata"); `add_edit` counts it too."""
        self.wikidata["wikidata_edits"] += 1
        if rev.reverted or fact is None:
            return
        if rev.new and fact.entity_type == "item":
            self.items_created.add((rev.wiki, rev.page_id))
        for name in (
            "statements_added",
            "statements_removed",
            "references_added",
            "labels_added",
            "sitelinks_added",
        ):
            self.wikidata["wikidata_" + name] += getattr(fact, name)

    def wikidata_metrics(self) -> dict[str, int]:
        return {**self.wikidata, "wikidata_items_created": len(self.items_created)}

    def add_edit(self, rev: Revision, fact: ContentFacts | None) -> None:
        """One counted edit (docs/metrics.md, "Metric definitions"): a reverted one counts in edits and nothing else."""
        self.users.add(rev.user)
        self.edits += 1
        if rev.reverted:
            self.edits_reverted += 1
            return
        key = (rev.wiki, rev.page_id)
        delta = fact.refs_delta if fact else 0
        self.touched.add(key)
        if rev.new:
            self.created.add(key)
        self.bytes_added += bytes_added(rev)
        self.words_added += fact.words_added if fact else 0
        self.references_added += max(0, delta)
        self.references_removed += max(0, -delta)

    def add_upload(self, up: Upload) -> None:
        self.users.add(up.user)
        self.uploads += 1
        self.uploads_in_use += int(up.in_use)

    def as_metrics(self, new_editors: set[str]) -> dict[str, int]:
        created = len(self.created)
        improved = len(self.touched - self.created)
        return {
            "participants": len(self.users),
            "new_editors": len(self.users & new_editors),
            "edits": self.edits,
            "edits_reverted": self.edits_reverted,
            "articles_created": created,
            "articles_improved": improved,
            "articles_edited": created + improved,
            "bytes_added": self.bytes_added,
            "words_added": self.words_added,
            "references_added": self.references_added,
            "references_removed": self.references_removed,
            "uploads": self.uploads,
            "uploads_in_use": self.uploads_in_use,
        }


@dataclass(frozen=True)
class Outcome:
    campaign: dict[str, Any]
    totals: dict[str, int]
    by_wiki: dict[str, dict[str, int]]
    by_participant: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    uploads: list[dict[str, Any]]
    missing_facts: int = 0  # counted edits whose text could not be measured yet

    def as_json(self) -> dict[str, Any]:
        return {
            "campaign": self.campaign,
            "totals": self.totals,
            "by_wiki": self.by_wiki,
            "by_participant": self.by_participant,
            "articles": self.articles,
            "uploads": self.uploads,
        }


def bytes_added(rev: Revision) -> int:
    """max(0, size − parent size); the parent size of a new page is 0."""
    diff = rev.sizediff if rev.sizediff is not None else (rev.size if rev.new else 0)
    return max(0, diff)


def new_editors(accounts: Iterable[Account], campaign: Campaign) -> set[str]:
    """Users whose earliest registration across the campaign's wikis falls in [start, end]."""
    earliest: dict[str, datetime | None] = {}
    unknown: set[str] = set()
    for acc in accounts:
        if acc.wiki not in campaign.wikis or not acc.exists:
            continue
        if acc.registration is None:
            unknown.add(acc.user)  # registered before MediaWiki recorded it: certainly not new
            continue
        prev = earliest.get(acc.user)
        earliest[acc.user] = acc.registration if prev is None else min(prev, acc.registration)
    return {
        user
        for user, reg in earliest.items()
        if user not in unknown and reg is not None and campaign.start <= reg <= campaign.end
    }


def counted_edits(
    snapshot: Snapshot, participants: frozenset[str] | None
) -> Iterator[tuple[Revision, ContentFacts | None]]:
    """Counted edits (docs/metrics.md, "Metric definitions") in (wiki, rev_id) order, each with its content facts."""
    campaign = snapshot.campaign
    pages: dict[tuple[str, int], PageState] = {(p.wiki, p.page_id): p for p in snapshot.pages}
    facts: dict[tuple[str, int], ContentFacts] = {(f.wiki, f.rev_id): f for f in snapshot.facts}
    tracked = {info.wiki: tracked_namespaces(campaign, info) for info in snapshot.siteinfo}
    # scope = "worklist": only edits to the worklist's articles count (docs/worklists.md)
    only = (snapshot.worklist or frozenset()) if campaign.scope == "worklist" else None
    for rev in sorted(snapshot.revisions, key=lambda r: (r.wiki, r.rev_id)):
        ns = tracked.get(rev.wiki) or tracked_namespaces(campaign, None)
        page = pages.get((rev.wiki, rev.page_id))
        if is_counted(rev, campaign, participants, page, ns) and (
            only is None or (page is not None and (rev.wiki, page.title) in only)
        ):
            yield rev, facts.get((rev.wiki, rev.rev_id))


def compute(snapshot: Snapshot, participants: frozenset[str] | None, as_of: datetime) -> Outcome:
    """The outcome of a campaign. `participants` None means anyone passing the hashtag/tag filters."""
    campaign = snapshot.campaign
    pages: dict[tuple[str, int], PageState] = {(p.wiki, p.page_id): p for p in snapshot.pages}

    total = Tally()
    by_wiki: dict[str, Tally] = {w: Tally() for w in campaign.wikis}
    by_user: dict[str, Tally] = defaultdict(Tally)
    article_edits: dict[tuple[str, int], int] = defaultdict(int)
    article_sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    missing = 0
    entity_ns = wikibase_wikis(campaign, snapshot.siteinfo)
    entity_facts = {(f.wiki, f.rev_id): f for f in snapshot.entity_facts}

    for rev, fact in counted_edits(snapshot, participants):
        key = (rev.wiki, rev.page_id)
        article_edits[key] += 1
        for t in (total, by_wiki[rev.wiki], by_user[rev.user]):
            t.add_edit(rev, fact)
            if rev.namespace in entity_ns.get(rev.wiki, ()):
                t.add_entity_edit(rev, entity_facts.get((rev.wiki, rev.rev_id)))
        if rev.reverted:
            continue
        missing += fact is None
        sums = article_sums[key]
        sums[0] += bytes_added(rev)
        sums[1] += fact.words_added if fact else 0
        sums[2] += max(0, fact.refs_delta) if fact else 0

    uploads = [u for u in snapshot.uploads if upload_counts(u, campaign, participants)]
    for up in uploads:
        for t in (total, by_wiki[up.wiki], by_user[up.user]):
            t.add_upload(up)

    newcomers = new_editors(snapshot.accounts, campaign)
    created_all = total.created
    articles = [
        {
            "wiki": wiki,
            "title": pages[(wiki, page_id)].title,
            "status": "created" if (wiki, page_id) in created_all else "improved",
            "edits": article_edits[(wiki, page_id)],
            "bytes_added": sums[0],
            "words_added": sums[1],
            "references_added": sums[2],
        }
        for (wiki, page_id), sums in sorted(
            article_sums.items(), key=lambda kv: (kv[0][0], pages[kv[0]].title)
        )
        if (wiki, page_id) in total.touched
    ]

    def metrics(tally: Tally) -> dict[str, int]:
        found = tally.as_metrics(newcomers)
        return {**found, **tally.wikidata_metrics()} if entity_ns else found

    by_participant = [
        {"user": user, **metrics(tally)}
        for user, tally in sorted(by_user.items(), key=lambda kv: (-kv[1].edits, kv[0]))
    ]
    summary = campaign_summary(campaign, as_of, participants)
    if entity_ns:  # which wikis the wikidata_* metrics come from (they are on every by_wiki row)
        summary["wikibase_wikis"] = list(entity_ns)
    return Outcome(
        campaign=summary,
        totals=metrics(total),
        by_wiki={w: metrics(t) for w, t in by_wiki.items()},
        by_participant=by_participant,
        articles=articles,
        uploads=[
            {
                "wiki": u.wiki,
                "title": u.title,
                "user": u.user,
                "timestamp": u.timestamp.isoformat(),
                "in_use": u.in_use,
            }
            for u in sorted(uploads, key=lambda u: (u.wiki, u.timestamp, u.title))
        ],
        missing_facts=missing,
    )


def upload_counts(up: Upload, campaign: Campaign, participants: frozenset[str] | None) -> bool:
    return (
        up.wiki in campaign.wikis
        and (participants is None or up.user in participants)
        and campaign.start <= up.timestamp <= campaign.end
    )


def campaign_summary(
    campaign: Campaign, as_of: datetime, participants: frozenset[str] | None
) -> dict[str, Any]:
    return {
        "name": campaign.name,
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(),
        "wikis": list(campaign.wikis),
        "hashtags": ["#" + h for h in campaign.hashtags],
        "tags": list(campaign.tags),
        "namespaces": list(campaign.namespaces) if campaign.namespaces is not None else None,
        "listed_participants": len(participants) if participants is not None else None,
        "as_of": as_of.isoformat(),
    }
