"""Use-case: the scheduled refresh of web-defined campaigns — what `wikitally worker` (and `serve`) run.

A pass takes the due campaigns one at a time: claim (a lease, one refresh per campaign at a time), collect
incrementally, locate articles, fetch views, compute and save the outcome, then finish (next one after
`interval`) or fail (one line of why; the next try after a backoff that doubles while failures last).

Never half-written results: collection asks every wiki for its siteinfo before it reads any listing, and
writes each wiki's listing in one transaction at its end; a failure stores no outcome and leaves last_ok, so
pages keep showing the numbers of the last good refresh, and organizers see why this one failed. (A
campaign on several wikis whose second wiki fails mid-listing keeps the first wiki's new listing: each
wiki's numbers are whole, of that wiki's last collection.)

A campaign is refreshed from its start until REFRESH_AFTER_END after its end (moves, deletions and reverts
of its edits keep changing its numbers); a "refresh now" is honoured at any time. Clock and sleep are
parameters, as everywhere.

Campaigns defined on the web may name any address, so the worker fetches only what collect/addresses.py's
guard allows (public https wikis, and what the operator allows): it checks the campaign's addresses before
each refresh (DNS may have changed since it was saved) and its sessions check every request, redirects
included, and every connection. A refused address fails the refresh with one line naming the field.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from wikitally.campaign_file import parse_campaign, read_toml
from wikitally.collect import addresses
from wikitally.collect.api import PoliteClient
from wikitally.errors import CampaignFileError, WikitallyError
from wikitally.model import Campaign
from wikitally.services import collection, contests, publishing, reporting, worklist
from wikitally.store import Store
from wikitally.store.refresh_queue import Candidate, RefreshQueue, RefreshStatus
from wikitally.usernames import normalize_username

log = logging.getLogger(__name__)

REFRESH_INTERVAL = timedelta(minutes=10)  # between two refreshes of an active campaign
REFRESH_AFTER_END = timedelta(days=30)  # keep refreshing this long after the end
LEASE = timedelta(minutes=15)  # a worker that stops renewing loses the campaign after this
BACKOFF_MAX = timedelta(hours=2)  # longest wait after repeated failures
REQUEST_GAP = timedelta(minutes=2)  # at most one "refresh now" per campaign this often
POLL_S = 15.0  # seconds between passes: how soon a "refresh now" starts

Clock = Callable[[], datetime]
Sleep = Callable[[float], object]


def utc_now() -> datetime:
    return datetime.now(UTC)


class LeaseLost(WikitallyError):
    """Another worker took the campaign over (this one was too slow to renew): stop without writing state."""


@dataclass(frozen=True)
class Result:
    """What one refresh did: status ok, failed (error: one line) or lost (another worker took it over)."""

    definition_id: int
    slug: str
    status: str
    error: str = ""
    next_due: datetime | None = None


# -- pure rules


def in_window(campaign: Campaign, now: datetime, after_end: timedelta = REFRESH_AFTER_END) -> bool:
    """Refreshed on schedule: from the start until after_end past the end."""
    return campaign.start <= now and now - after_end < campaign.end  # end + after_end may pass year 9999


def backoff(previous: RefreshStatus | None, interval: timedelta, cap: timedelta = BACKOFF_MAX) -> timedelta:
    """Wait before retrying a failed refresh: interval after a success, then twice the last wait, up to cap
    (never less than interval). The last wait is read from the state: next_due − last_finished of the
    failure before."""
    if previous is None or not previous.last_error or previous.next_due is None:
        return interval
    if previous.last_finished is None:
        return interval
    last_wait = previous.next_due - previous.last_finished
    return max(interval, min(cap, last_wait * 2))


def status_of(state: RefreshStatus | None, now: datetime) -> str:
    """What a page or the API says: idle (never refreshed), running (a live lease), ok or failed (the last
    refresh that ended). A dead worker's "running" reads as what the refresh before it gave."""
    if state is None:
        return "idle"
    if state.running(now):
        return "running"
    if state.status in ("ok", "failed"):
        return state.status
    return "failed" if state.last_error else "ok" if state.last_ok else "idle"


def campaign_of(slug: str, toml: str) -> Campaign:
    """A definition's campaign file, checked as the CLI checks one (CampaignFileError, one line)."""
    source = f"{slug}.toml"
    return parse_campaign(read_toml(toml, source), source)  # read_toml: any reader failure is one line


def with_enrolled(campaign: Campaign, enrolled: list[str]) -> Campaign:
    """The file's participants ∪ the enrolled usernames (the campaign as is when nobody enrolled)."""
    if not enrolled:
        return campaign
    people = set(campaign.participants) | {normalize_username(name) for name in enrolled}
    return replace(campaign, participants=tuple(sorted(people)))


def due(queue: RefreshQueue, now: datetime, after_end: timedelta = REFRESH_AFTER_END) -> list[Candidate]:
    """Campaigns to refresh at `now`: due and unleased, and within their window or asked for. A file that no
    longer parses is due too, so its organizers see why on the page."""
    out = []
    for candidate in queue.due(now):
        if candidate.requested:
            out.append(candidate)
            continue
        try:
            campaign = campaign_of(candidate.slug, candidate.toml)
        except CampaignFileError:
            out.append(candidate)
            continue
        if in_window(campaign, now, after_end):
            out.append(candidate)
    return out


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return text if isinstance(e, WikitallyError) and text else f"{type(e).__name__}: {text}".rstrip(": ")


# -- the worker


class _LeaseKeeper(collection.Progress):
    """Renews the lease while a collection makes requests (and between stages); LeaseLost when taken over."""

    def __init__(self, queue: RefreshQueue, definition_id: int, owner: str, lease: timedelta, clock: Clock):
        self.queue, self.definition_id, self.owner, self.lease, self.clock = (
            queue,
            definition_id,
            owner,
            lease,
            clock,
        )
        self.renewed = clock()

    def renew(self, force: bool = True) -> None:
        now = self.clock()
        if not force and now - self.renewed < self.lease / 5:
            return
        if not self.queue.renew(self.definition_id, self.owner, now, self.lease):
            raise LeaseLost(f"campaign {self.definition_id} was taken over by another worker")
        self.renewed = now

    def request_made(self, wiki: str, total: int) -> None:
        self.renew(force=False)


class Worker:
    """Refreshes due campaigns one at a time. `owner` names it in the leases: give each worker its own.

    `guard` limits what the campaigns may fetch (default: WIKITALLY_ALLOW_PRIVATE_WIKIS's); the sessions are
    given it."""

    def __init__(
        self,
        store: Store,
        owner: str,
        *,
        sessions: collection.Sessions,
        views_client: Callable[[], PoliteClient],
        interval: timedelta = REFRESH_INTERVAL,
        after_end: timedelta = REFRESH_AFTER_END,
        lease: timedelta = LEASE,
        clock: Clock = utc_now,
        sleep: Sleep = time.sleep,
        on_result: Callable[[Result], None] | None = None,
        guard: addresses.Guard | None = None,
    ) -> None:
        self.store, self.owner = store, owner
        self.queue = RefreshQueue(store.alias)
        self.guard = guard if guard is not None else addresses.Guard.from_settings()
        self.sessions, self.views_client = sessions.guarded(self.guard), views_client
        self.interval, self.after_end, self.lease = interval, after_end, lease
        self.clock, self.sleep = clock, sleep
        self.on_result = on_result or (lambda result: None)

    def run(self, stop: Callable[[], bool], poll_s: float = POLL_S) -> None:
        """Pass after pass until stop() says so; a pass that cannot reach the database is retried later."""
        while not stop():
            try:
                self.run_pass(stop)
            except WikitallyError as e:  # the database is away: the next pass tries again, reconnected
                log.error("refresh pass failed: %s", e)
                self.store.close()
            if stop():
                break
            self.sleep(poll_s)

    def run_pass(self, stop: Callable[[], bool] = lambda: False) -> list[Result]:
        """Refresh every campaign due now, one at a time; stop() is asked before each."""
        results = []
        for candidate in due(self.queue, self.clock(), self.after_end):
            if stop():
                break
            result = self.run_one(candidate)
            if result is not None:
                results.append(result)
                self.on_result(result)
        return results

    def run_one(self, candidate: Candidate) -> Result | None:
        """Claim and refresh one campaign; None when another worker holds it or it is no longer due."""
        definition_id, slug = candidate.definition_id, candidate.slug
        previous = self.queue.state(definition_id)
        if not self.queue.claim(definition_id, self.owner, self.clock(), self.lease):
            return None
        keeper = _LeaseKeeper(self.queue, definition_id, self.owner, self.lease, self.clock)
        try:
            self._refresh(candidate, keeper)
        except LeaseLost as e:
            log.warning("%s: %s", slug, e)
            return Result(definition_id, slug, "lost", str(e))
        except Exception as e:  # anything at all: recorded, the previous outcome stays, the worker goes on
            error = _one_line(e)
            if not isinstance(e, WikitallyError):
                log.exception("%s: refresh failed", slug)
            finished = self.clock()
            next_due = finished + backoff(previous, self.interval)
            parts = e.parts() if isinstance(e, CampaignFileError) else None  # said again in a page's language
            self.queue.fail(definition_id, self.owner, finished, error, next_due, parts)
            return Result(definition_id, slug, "failed", error, next_due)
        except BaseException:  # interrupted: give the campaign back, still due
            self.queue.release(definition_id, self.owner)
            raise
        finished = self.clock()
        next_due = finished + self.interval
        if not self.queue.finish(definition_id, self.owner, finished, next_due):
            return Result(definition_id, slug, "lost", "the lease ran out before the refresh finished")
        return Result(definition_id, slug, "ok", "", next_due)

    def _refresh(self, candidate: Candidate, keeper: _LeaseKeeper) -> None:
        campaign = with_enrolled(
            campaign_of(candidate.slug, candidate.toml), self.queue.enrolled(candidate.definition_id)
        )
        addresses.check_campaign(campaign, self.guard)
        now = self.clock()
        collection.collect(campaign, self.store, self.sessions, keeper)
        keeper.renew()
        if campaign.has_worklist:
            for note in worklist.safe_resolve(campaign, self.store, self.sessions, now).notes:
                log.info("%s: %s", candidate.slug, note)
            keeper.renew()
        if campaign.contest is not None:
            # What the contest's rules read (each entry's text at the window's end, categories, creator), as
            # `contest results` gathers after collecting: the jury's and participants' pages judge by it.
            contests.gather(campaign, self.store, self.sessions, now)
            keeper.renew()
        for note in publishing.locate_articles(campaign, self.store, self.sessions, now):
            log.info("%s: %s", candidate.slug, note)
        keeper.renew()
        if campaign.pageviews:
            client = self.views_client()
            try:
                publishing.fetch_views(campaign, self.store, client, now)
            finally:
                client.close()
            keeper.renew()
        reporting.outcome(campaign, self.store, self.clock())
