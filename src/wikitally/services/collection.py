"""Use-case: collect a campaign from its wikis into the store — batched, incremental, resumable.

Resumability: content facts (the expensive part) are saved batch by batch and keyed by rev_id, so a killed
run loses at most one batch of work; the listing, pages, uploads and the watermark of a wiki are written in one
transaction at the end, so a report never sees half a collection and a re-run redoes only the unsaved part.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import httpx

from wikitally.collect.addresses import Guard
from wikitally.collect.api import DEFAULT_CONTACT, ApiSession, Limits
from wikitally.collect.reader import BATCH, LogEntry, Text, WikiReader
from wikitally.errors import CampaignFileError, SourceError
from wikitally.metrics.filters import in_window, passes_filters, tracked_namespaces
from wikitally.metrics.refs import count_refs
from wikitally.metrics.selection import (
    FILE_NS,
    is_campaign_upload,
    is_first_upload,
    is_listed,
    needs_measuring,
    selects,
    selects_upload,
    settling,
)
from wikitally.metrics.wikibase import Entity, change, entity_namespaces, parse_entity
from wikitally.metrics.words import LinkNames, Prepared, link_names, words_added_prepared
from wikitally.model import (
    Account,
    Campaign,
    ContentFacts,
    EntityFacts,
    PageState,
    Revision,
    SiteInfo,
    Upload,
)
from wikitally.reports.messages import N_
from wikitally.store import Store
from wikitally.usernames import is_ip

log = logging.getLogger(__name__)

RC_OVERLAP = timedelta(seconds=10)  # one-second timestamps and commit lag: re-read a little
RC_AGE_MARGIN = timedelta(days=1)
DEFAULT_RC_MAX_AGE = timedelta(days=30)  # Wikimedia's $wgRCMaxAge
# Translators: campaign file error at `wikis` when a wiki's API did not answer as an API; {wiki} is a domain,
# {url} the address asked, {why} the technical reason (English)
NO_API_ANSWER = N_("{wiki} gave no API answer at {url} ({why})")
# Translators: the fix for NO_API_ANSWER: both ways to fix it, the campaign file's key and the web form's field
# (keep [api] "{wiki}" = "https://…/api.php" as it is: it is a line of the file)
NO_API_ANSWER_FIX = N_(
    'check the domain, or give the wiki\'s API address: [api] "{wiki}" = "https://…/api.php" in a campaign '
    'file, the "API addresses" field on the web form'
)
WATCHED_LOGS = frozenset({"move", "delete", "merge", "import", "tag", "suppress"})
# The version of how words and references are counted (metrics/words.py, metrics/refs.py): raise it when a
# rule changes, so stores collected before are measured again rather than mixing two rules' numbers.
# 2: prose-only words, references as Cite lists them (2026-12).
COUNTING_RULES = 2


class Progress:
    """What a collection reports as it goes; the CLI draws bars, tests count, --quiet ignores."""

    def wiki_started(self, wiki: str) -> None: ...
    def request_made(self, wiki: str, total: int) -> None: ...
    def rows_read(self, wiki: str, rows: int) -> None: ...
    def wiki_done(self, wiki: str, summary: WikiSummary) -> None: ...


@dataclass
class WikiSummary:
    wiki: str
    mode: str = ""  # "full" (listing re-read) or "refresh" (nothing relevant since the watermark)
    requests: int = 0
    bytes_received: int = 0
    revisions: int = 0
    content_fetched: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class CollectSummary:
    wikis: dict[str, WikiSummary] = field(default_factory=dict)
    participants: frozenset[str] | None = None

    @property
    def requests(self) -> int:
        return sum(w.requests for w in self.wikis.values())

    @property
    def bytes_received(self) -> int:
        return sum(w.bytes_received for w in self.wikis.values())


SessionFactory = Callable[[str, str], ApiSession]  # (wiki, api_url) -> session


@dataclass(frozen=True)
class Sessions:
    """The SessionFactory: sessions sharing a contact, a transport and a sleep. With a `guard` (the web's
    campaigns) they fetch only the addresses it allows, redirects included (collect/addresses.py)."""

    contact: str = DEFAULT_CONTACT
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] | None = None
    guard: Guard | None = None
    limits: Limits | None = None  # each request's time and size, each listing's length (api.Limits)

    def __call__(self, wiki: str, api_url: str) -> ApiSession:
        return ApiSession(
            api_url,
            contact=self.contact,
            transport=self.transport,
            sleep=self.sleep,
            guard=self.guard,
            limits=self.limits,
        )

    def guarded(self, guard: Guard) -> Sessions:
        return replace(self, guard=guard)


def session_factory(
    contact: str = DEFAULT_CONTACT,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] | None = None,
    guard: Guard | None = None,
    limits: Limits | None = None,
) -> Sessions:
    return Sessions(contact, transport, sleep, guard, limits)


def fingerprint(campaign: Campaign, participants: frozenset[str] | None) -> str:
    """What, if changed, makes the stored listing stale (dates, people, filters, namespaces)."""
    key = {
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(),
        "participants": sorted(participants) if participants is not None else None,
        "hashtags": sorted(h.lower() for h in campaign.hashtags),
        "tags": sorted(campaign.tags),
        "namespaces": campaign.namespaces,
        "wikis": sorted(campaign.wikis),
        "sfn": {w: campaign.sfn_for(w) for w in sorted(campaign.wikis)},
        "counting_rules": COUNTING_RULES,
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


def resolve_participants(campaign: Campaign, sessions: SessionFactory) -> frozenset[str] | None:
    """Listed users ∪ users linked from participants_page; None when only hashtags/tags select edits."""
    if not campaign.participants and campaign.participants_page is None:
        return None
    users = set(campaign.participants)
    if campaign.participants_page:
        domain, title = campaign.participants_page.split(":", 1)
        with sessions(domain, campaign.api_url(domain)) as session:
            try:
                users.update(WikiReader(session, domain).linked_users(title))
            except SourceError as e:
                if e.code == "missing":
                    raise CampaignFileError(
                        campaign.source,
                        "participants_page",
                        f"{title!r} does not exist on {domain}",
                        "fix the title",
                    ) from None
                raise
    if not users:
        raise CampaignFileError(
            campaign.source,
            "participants_page",
            "links to no [[User:…]] pages",
            "add participants or hashtags",
        )
    return frozenset(users)


def collect(
    campaign: Campaign,
    store: Store,
    sessions: SessionFactory,
    progress: Progress | None = None,
) -> CollectSummary:
    progress = progress or Progress()
    summary = CollectSummary()
    participants = resolve_participants(campaign, sessions)
    summary.participants = participants
    store.save_campaign(campaign, participants)
    infos: dict[str, SiteInfo] = {}
    clocks: dict[str, tuple[datetime, int | None]] = {}
    listing_for = fingerprint(campaign, participants)
    readers: dict[str, tuple[ApiSession, WikiReader]] = {}
    try:
        # Every wiki's siteinfo first: uploads on one wiki may be used in tracked namespaces of another.
        for wiki in campaign.wikis:
            session = sessions(wiki, campaign.api_url(wiki))
            summary.wikis[wiki] = WikiSummary(wiki)
            progress.wiki_started(wiki)
            session.on_request = lambda total, w=wiki: progress.request_made(w, total)
            reader = WikiReader(session, wiki, lambda n, w=wiki: progress.rows_read(w, n))  # type: ignore[misc]
            readers[wiki] = (session, reader)
            # A wiki collected before for the same listing is refreshed: its siteinfo request carries the
            # recent changes since the watermark, so a wiki where nothing happened costs one request.
            state = store.wiki_state(campaign, wiki)
            since = state.watermark - RC_OVERLAP if state and state.fingerprint == listing_for else None
            try:
                info, now, latest_rcid = reader.siteinfo(since)
            except SourceError as e:
                if session.stats.bytes_received == 0:  # nothing answered: the wiki is down, not misnamed
                    url = campaign.api_url(wiki)
                    why = str(e).removeprefix(f"{url}: ")
                    raise SourceError(
                        f"{wiki} is unreachable at {url} ({why}); try again later", e.code
                    ) from None
                raise CampaignFileError(
                    campaign.source,
                    "wikis",
                    NO_API_ANSWER,
                    NO_API_ANSWER_FIX,
                    {"wiki": wiki, "url": campaign.api_url(wiki), "why": str(e)},
                ) from None
            _check_namespaces(campaign, info)
            infos[wiki], clocks[wiki] = info, (now, latest_rcid)
            store.save_siteinfo(campaign, info)
        try:
            for wiki, (_, reader) in readers.items():
                now, latest_rcid = clocks[wiki]
                ws = summary.wikis[wiki]
                ws.notes.extend(
                    _WikiCollection(
                        campaign, participants, store, reader, infos[wiki], now, latest_rcid, infos, ws
                    ).run()
                )
            _collect_accounts(campaign, store, readers)
        except SourceError as e:
            if e.code != "baduser":
                raise
            # A name the file's check let through but this wiki refuses (e.g. its own namespace's name as
            # a prefix): the file's to fix. The API's message quotes the name.
            raise CampaignFileError(
                campaign.source,
                "participants",
                f"the wiki refuses a name ({str(e).rsplit('baduser: ', 1)[-1]})",
                "fix or remove that name",
            ) from None
    finally:
        for wiki, (session, _) in readers.items():
            ws = summary.wikis[wiki]
            ws.requests, ws.bytes_received = session.stats.requests, session.stats.bytes_received
            progress.wiki_done(wiki, ws)
            session.close()
    return summary


def _check_namespaces(campaign: Campaign, info: SiteInfo) -> None:
    for ns in campaign.namespaces or ():
        if ns not in info.namespace_names:
            known = ", ".join(
                f"{n} ({info.namespace_names[n] or 'main'})" for n in sorted(info.namespace_names) if n >= 0
            )
            raise CampaignFileError(
                campaign.source, "namespaces", f"{info.wiki} has no namespace {ns}", f"use one of {known}"
            )


class _WikiCollection:
    """One wiki, one run: decide full re-read or refresh, then fetch and store."""

    def __init__(
        self,
        campaign: Campaign,
        participants: frozenset[str] | None,
        store: Store,
        reader: WikiReader,
        info: SiteInfo,
        now: datetime,
        latest_rcid: int | None,
        infos: dict[str, SiteInfo],
        summary: WikiSummary,
    ) -> None:
        # Read before the listing: anything later is looked at next time. None: not read yet (the siteinfo
        # request carried the refresh's recent changes instead); _full reads it before its listing.
        self.latest_rcid = latest_rcid
        self.campaign, self.participants, self.store, self.reader = campaign, participants, store, reader
        self.info, self.now, self.infos, self.summary = info, now, infos, summary
        self.wiki = info.wiki
        self.tracked = tracked_namespaces(campaign, info)
        self.fingerprint = fingerprint(campaign, participants)
        # What this wiki's facts are measured with, kept with them: its footnote templates and the version of
        # the counting rules (facts measured otherwise are measured again).
        self.sfn = [*campaign.sfn_for(info.wiki), f"counting-rules:{COUNTING_RULES}"]
        self.names = link_names(info)  # which links are files, categories, other languages here
        # Pages here that are Wikibase entities: measured as entity JSON diffs, not as prose and references.
        self.entity_ns = entity_namespaces(campaign, info.wiki, info)

    def run(self) -> list[str]:
        notes: list[str] = []
        rc_floor = self.now - DEFAULT_RC_MAX_AGE + RC_AGE_MARGIN
        if self.participants is None and self.campaign.start < rc_floor:
            notes.append(
                f"{self.wiki}: the window starts before recent changes' reach ({rc_floor:%Y-%m-%d}); "
                "edits older than that are not seen — list participants to count them"
            )
        state = self.store.wiki_state(self.campaign, self.wiki)
        if state and state.fingerprint != self.fingerprint and state.sfn != self.sfn:
            self.store.forget_facts(self.campaign, self.wiki)  # references are counted differently now
        watermark = state.watermark if state and state.fingerprint == self.fingerprint else None
        if state is not None and watermark is not None and watermark > rc_floor:
            seen = self._nothing_relevant_since(watermark, state.rc_high)
            if seen is not None:
                self.summary.mode = "refresh"
                self.store.finish_wiki(
                    self.campaign, self.wiki, seen[0], self.now, self.fingerprint, self.sfn, rc_high=seen[1]
                )
                return notes
        self.summary.mode = "full"
        self._full()
        return notes

    # -- refresh: one recentchanges read tells whether anything that matters happened -------------------
    def _nothing_relevant_since(
        self, watermark: datetime, rc_high: int | None
    ) -> tuple[datetime, int] | None:
        """None if something relevant happened since the last collection, else (next watermark, rcid mark).

        Changes up to the stored rcid high-water mark were already seen; the time overlap only guards
        against one-second timestamps, so it never makes an unchanged wiki look changed.
        """
        known = self.store.known_listing(self.campaign, self.wiki)
        next_mark, high = self.now, rc_high or 0
        for rcid, entry in self.reader.recent_changes(watermark - RC_OVERLAP, None):
            high = max(high, rcid)
            if rc_high is not None and rcid <= rc_high:
                continue
            if isinstance(entry, LogEntry):
                if entry.logtype in WATCHED_LOGS:
                    return None
                if entry.logtype == "upload" and self._selects_upload(entry):
                    return None
                continue
            if known.get(entry.rev_id) == entry.tags:
                continue  # seen by the last collection, unchanged
            if entry.page_id in known.page_ids or (self._selects(entry) and in_window(entry, self.campaign)):
                return None
            if settling(entry.tags, entry.timestamp, self.now):
                next_mark = min(next_mark, entry.timestamp)
                high = min(
                    high, rcid - 1
                )  # look at it again until MediaWiki's job has tagged the reverted edit
        return next_mark, high

    def _selects(self, rev: Revision) -> bool:
        return selects(rev, self.campaign, self.participants)

    def _selects_upload(self, entry: LogEntry) -> bool:
        return selects_upload(entry.user, self.participants)

    # -- full: re-read the listing, fetch only what was never measured -------------------------------------
    def _full(self) -> None:
        if self.latest_rcid is None:
            self.latest_rcid = self.reader.latest_rcid()
        revisions = self._listing()
        self.summary.revisions = len(revisions)
        pages: dict[int, PageState] = {}
        self._measure(revisions, pages)
        missing_pages = {r.page_id for r in revisions} - set(pages)
        for page in self.reader.pages(missing_pages):
            pages[page.page_id] = page
        uploads = self._uploads(revisions)
        next_mark = self.now
        for rev in revisions:
            if settling(rev.tags, rev.timestamp, self.now):
                next_mark = min(next_mark, rev.timestamp)
        self.store.save_wiki(
            self.campaign,
            self.wiki,
            revisions=revisions,
            pages=list(pages.values()),
            uploads=uploads,
            watermark=next_mark,
            collected_at=self.now,
            fingerprint=self.fingerprint,
            sfn=self.sfn,
            rc_high=self.latest_rcid,
        )

    def _listing(self) -> list[Revision]:
        c = self.campaign
        if self.participants is not None:
            namespaces = set(self.tracked) | {FILE_NS}
            revs = [
                r
                for r in self.reader.contributions(self.participants, c.start, c.end, namespaces)
                if is_listed(r, c)
            ]
        else:
            revs = []
            self._rc_uploads: list[LogEntry] = []
            for _, entry in self.reader.recent_changes(c.start, c.end):
                if isinstance(entry, LogEntry):
                    if is_first_upload(entry.logtype, entry.logaction) and passes_filters(
                        _as_revision(entry, self.wiki), c
                    ):
                        self._rc_uploads.append(entry)
                elif passes_filters(entry, c):
                    revs.append(entry)
        # One row per revision, even if an API answer repeated one across a continuation boundary.
        return sorted({r.rev_id: r for r in revs}.values(), key=lambda r: r.rev_id)

    def _measure(self, revisions: list[Revision], pages: dict[int, PageState]) -> None:
        """Words and references of every not-yet-measured candidate edit, saved batch by batch."""
        known = self.store.known_facts(self.campaign, self.wiki)
        if self.entity_ns:  # an entity's revision is measured when either kind of facts is missing
            entities = {r.rev_id for r in revisions if r.namespace in self.entity_ns}
            known -= entities - self.store.known_entity_facts(self.campaign, self.wiki)
        needed = [r for r in revisions if needs_measuring(r, self.campaign, self.tracked, known)]
        needed.sort(key=lambda r: (r.page_id, r.rev_id))
        cache: dict[int, Measured | None] = {}  # kept for the next batch: each page's latest measured text
        batch: list[Revision] = []
        ids: set[int] = set()
        for rev in needed:
            if rev.texthidden:
                self.store.save_facts(self.campaign, [ContentFacts(self.wiki, rev.rev_id, 0, 0, 0)])
                if rev.namespace in self.entity_ns:
                    self.store.save_entity_facts(
                        self.campaign, [entity_facts(self.wiki, rev.rev_id, EMPTY, None)]
                    )
                continue
            want = {rev.rev_id} | ({rev.parent_id} if rev.parent_id and rev.parent_id not in cache else set())
            if batch and len(ids | want) > BATCH:
                cache = self._measure_batch(batch, ids, cache, pages)
                batch, ids = [], set()
                want = {rev.rev_id} | (
                    {rev.parent_id} if rev.parent_id and rev.parent_id not in cache else set()
                )
            batch.append(rev)
            ids |= want
        if batch:
            self._measure_batch(batch, ids, cache, pages)

    def _measure_batch(
        self,
        batch: list[Revision],
        ids: set[int],
        cache: dict[int, Measured | None],
        pages: dict[int, PageState],
    ) -> dict[int, Measured | None]:
        texts: dict[int, Text] = {t.rev_id: t for t in self.reader.texts(sorted(ids))}
        self.summary.content_fetched += len(texts)
        for t in texts.values():
            pages[t.page.page_id] = t.page
        sfn = self.campaign.sfn_for(self.wiki)
        # Each distinct text is stripped, tokenised and ref-counted once, whether revision or parent.
        measured: dict[int, Measured | None] = dict(cache)
        for rev_id, t in texts.items():
            if t.page.namespace in self.entity_ns:  # JSON: no prose, no footnotes
                measured[rev_id] = (
                    None if t.text is None else Measured(EMPTY.prepared, 0, parse_entity(t.text))
                )
            else:
                measured[rev_id] = Measured.of(t.text, sfn, self.names)
        facts, entity_changes = [], []
        for rev in batch:
            if rev.rev_id not in texts:
                continue  # deleted since it was listed: the next collection won't list it either
            parent = measured.get(rev.parent_id) if rev.parent_id else EMPTY
            facts.append(measure(self.wiki, rev.rev_id, parent, measured[rev.rev_id]))
            if texts[rev.rev_id].page.namespace in self.entity_ns:
                entity_changes.append(entity_facts(self.wiki, rev.rev_id, parent, measured[rev.rev_id]))
        self.store.save_facts(self.campaign, facts)
        self.store.save_entity_facts(self.campaign, entity_changes)
        latest: dict[int, Revision] = {}
        for rev in batch:
            latest[rev.page_id] = rev
        return {r.rev_id: measured[r.rev_id] for r in latest.values() if r.rev_id in texts}

    def _uploads(self, revisions: list[Revision]) -> list[Upload]:
        c = self.campaign
        if self.participants is not None:
            creators = {r.title: r.user for r in revisions if r.namespace == FILE_NS and r.new}
        else:
            creators = {e.title: e.user for e in getattr(self, "_rc_uploads", [])}
        if not creators:
            return []
        global_usage = "GlobalUsage" in self.info.extensions
        uploads = []
        for f in self.reader.files(creators, global_usage):
            if not is_campaign_upload(f.first_user, creators.get(f.title), f.first_timestamp, c):
                continue  # someone else uploaded it first, or before/after the window: a re-upload
            in_use = any(
                wiki in c.wikis and ns in tracked_namespaces(c, self.infos.get(wiki))
                for wiki, ns in f.used_in
            )
            uploads.append(Upload(self.wiki, f.title, f.first_user, f.first_timestamp, in_use))
        return uploads


@dataclass(frozen=True)
class Measured:
    """A revision's text, prepared for the word diff, and its reference count."""

    prepared: Prepared
    refs: int
    entity: Entity | None = None  # a Wikibase entity's content (None: no entity document)

    @classmethod
    def of(cls, text: str | None, sfn: Iterable[str], names: LinkNames) -> Measured | None:
        """None when the text is hidden."""
        return None if text is None else cls(Prepared(text, names), count_refs(text, sfn))


EMPTY = Measured(Prepared(""), 0)  # the parent of a page's first revision


def measure(wiki: str, rev_id: int, parent: Measured | None, revision: Measured | None) -> ContentFacts:
    """Words and references an edit added. Hidden text on either side: nothing is credited."""
    if revision is None:
        return ContentFacts(wiki, rev_id, 0, 0, 0)
    if parent is None:
        return ContentFacts(wiki, rev_id, 0, revision.refs, revision.refs)
    return ContentFacts(
        wiki, rev_id, words_added_prepared(parent.prepared, revision.prepared), parent.refs, revision.refs
    )


def entity_facts(wiki: str, rev_id: int, parent: Measured | None, revision: Measured | None) -> EntityFacts:
    """What an entity's revision changed. Hidden content on either side: nothing is credited (as for words)."""
    entity = revision.entity if revision is not None else None
    kind = entity.type if entity is not None else ""
    if revision is None or parent is None:
        return EntityFacts(wiki, rev_id, kind, 0, 0, 0, 0, 0)
    c = change(parent.entity, entity)
    return EntityFacts(
        wiki,
        rev_id,
        kind,
        c.statements_added,
        c.statements_removed,
        c.references_added,
        c.labels_added,
        c.sitelinks_added,
    )


def _as_revision(entry: LogEntry, wiki: str) -> Revision:
    return Revision(
        wiki, 0, 0, entry.page_id, FILE_NS, entry.title, entry.user, entry.timestamp, entry.comment, 0, 0
    )


def _collect_accounts(
    campaign: Campaign, store: Store, readers: dict[str, tuple[ApiSession, WikiReader]]
) -> None:
    """Registration dates of everyone active, on every campaign wiki (new editor = earliest registration)."""
    active = store.active_users(campaign)
    known = {(a.wiki, a.user) for a in store.accounts(campaign)}
    for wiki, (_, reader) in readers.items():
        wanted = sorted(u for u in active if (wiki, u) not in known and not is_ip(u))
        if wanted:
            accounts: list[Account] = list(reader.accounts(wanted))
            store.upsert_accounts(campaign, accounts)


def effective_campaign(campaign: Campaign, participants: frozenset[str] | None) -> Campaign:
    return replace(
        campaign, participants=tuple(sorted(participants)) if participants else campaign.participants
    )
