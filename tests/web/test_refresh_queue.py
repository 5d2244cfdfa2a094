"""The refresh queue and worker (store/refresh_queue.py, services/refresh.py): exclusive claims, leases that
run out, which campaigns are due, and failures that keep the last good numbers. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from webseed import T0, define, seed, user

from wikitally.collect.api import PoliteClient
from wikitally.errors import CampaignFileError, StoreError
from wikitally.model import Campaign
from wikitally.services import collection, refresh
from wikitally.store import Store
from wikitally.store.models import CampaignDefinition, Enrolment, Outcome, RefreshState
from wikitally.store.refresh_queue import RefreshQueue, RefreshStatus

LEASE = refresh.LEASE
# webseed's campaign: 2024-03-08 00:00 +01:00 … 2024-03-15 23:59:59 +01:00
DURING = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)
END = datetime(2024, 3, 15, 22, 59, 59, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def never_connects(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def worker(clock: Clock, transport: Any = never_connects, **kwargs: Any) -> refresh.Worker:
    return refresh.Worker(
        Store("default"),
        kwargs.pop("owner", "worker-1"),
        sessions=collection.session_factory(transport=httpx.MockTransport(transport), sleep=lambda s: None),
        views_client=lambda: PoliteClient(transport=httpx.MockTransport(never_connects)),
        clock=clock,
        sleep=lambda s: None,
        **kwargs,
    )


@pytest.fixture
def defined(db: str) -> tuple[CampaignDefinition, Campaign]:
    return define(user("organizer"))


def state(definition: CampaignDefinition) -> RefreshStatus:
    found = RefreshQueue().state(definition.pk)
    assert found is not None
    return found


# -- claiming


def test_claiming_is_exclusive(defined) -> None:
    definition, _ = defined
    queue = RefreshQueue()
    assert queue.state(definition.pk) is None  # no row before the first claim
    assert queue.claim(definition.pk, "a", DURING, LEASE)
    assert not queue.claim(definition.pk, "b", DURING, LEASE)
    assert not queue.claim(definition.pk, "b", DURING + LEASE - timedelta(seconds=1), LEASE)
    held = state(definition)
    assert (held.status, held.lease_owner, held.lease_until) == ("running", "a", DURING + LEASE)
    assert held.running(DURING) and refresh.status_of(held, DURING) == "running"
    # Only the holder finishes; then nobody may claim until it is due again.
    assert not queue.finish(definition.pk, "b", DURING, DURING + timedelta(minutes=10))
    assert queue.finish(definition.pk, "a", DURING, DURING + timedelta(minutes=10))
    assert not queue.claim(definition.pk, "b", DURING + timedelta(minutes=9), LEASE)
    assert queue.claim(definition.pk, "b", DURING + timedelta(minutes=10), LEASE)


def test_an_expired_lease_is_taken_over(defined) -> None:
    definition, _ = defined
    queue = RefreshQueue()
    assert queue.claim(definition.pk, "dead", DURING, LEASE)
    later = DURING + LEASE + timedelta(seconds=1)
    assert refresh.status_of(state(definition), later) == "idle"  # a dead worker's "running" isn't shown
    assert queue.claim(definition.pk, "alive", later, LEASE)
    assert state(definition).lease_owner == "alive"
    # The dead worker, if it wakes up, can neither renew, finish, fail nor release.
    assert not queue.renew(definition.pk, "dead", later, LEASE)
    assert not queue.finish(definition.pk, "dead", later, later)
    assert not queue.fail(definition.pk, "dead", later, "late", later)
    assert not queue.release(definition.pk, "dead")
    assert state(definition).lease_owner == "alive"


def test_a_renewed_lease_is_not_taken_over(defined) -> None:
    definition, _ = defined
    queue = RefreshQueue()
    assert queue.claim(definition.pk, "a", DURING, LEASE)
    assert queue.renew(definition.pk, "a", DURING + timedelta(minutes=10), LEASE)
    assert not queue.claim(definition.pk, "b", DURING + LEASE + timedelta(seconds=1), LEASE)


def test_concurrent_claims_one_wins(web_database: str) -> None:
    """Eight threads, each on its own connection, claim the same campaign at once: exactly one gets it."""
    from django.db import connections

    owner = user(f"racer-{web_database}")
    definition, _ = define(
        owner, name=f"Race {web_database}", slug=f"race-{web_database}", visibility="unlisted"
    )
    try:
        barrier = threading.Barrier(8)
        won: list[str] = []
        errors: list[BaseException] = []

        def claim(name: str) -> None:
            try:
                barrier.wait()
                if RefreshQueue().claim(definition.pk, name, DURING, LEASE):
                    won.append(name)
            except BaseException as e:
                errors.append(e)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=claim, args=(f"w{i}",)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        assert len(won) == 1 and state(definition).lease_owner == won[0]
    finally:
        stored = definition.campaign  # made with the definition: this test commits, so it cleans up
        definition.delete()
        owner.delete()
        if stored is not None:
            stored.delete()


# -- what is due


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2024, 3, 7, 12, 0, tzinfo=UTC), False),  # before the start
        (DURING, True),
        (END + timedelta(days=10), True),  # moves, deletions and reverts after the end
        (END + timedelta(days=29, hours=23), True),
        (END + timedelta(days=30, seconds=1), False),  # REFRESH_AFTER_END has passed
    ],
)
def test_due_from_the_start_until_30_days_after_the_end(defined, now: datetime, expected: bool) -> None:
    definition, _ = defined
    due = [c.definition_id for c in refresh.due(RefreshQueue(), now)]
    assert (definition.pk in due) is expected


def test_after_end_is_configurable(defined) -> None:
    definition, _ = defined
    later = END + timedelta(days=40)
    assert refresh.due(RefreshQueue(), later) == []
    assert [c.definition_id for c in refresh.due(RefreshQueue(), later, timedelta(days=60))] == [
        definition.pk
    ]


def test_next_due_and_leases_decide_within_the_window(defined) -> None:
    definition, _ = defined
    queue = RefreshQueue()

    def due(now: datetime) -> bool:
        return definition.pk in [c.definition_id for c in refresh.due(queue, now)]

    assert due(DURING)  # never refreshed
    assert queue.claim(definition.pk, "a", DURING, LEASE)
    assert not due(DURING + timedelta(minutes=1))  # leased
    assert queue.finish(definition.pk, "a", DURING, DURING + timedelta(minutes=10))
    assert not due(DURING + timedelta(minutes=9))
    assert due(DURING + timedelta(minutes=10))


def test_a_request_makes_it_due_at_once_and_even_long_after_the_end(defined) -> None:
    definition, _ = defined
    queue = RefreshQueue()
    late = END + timedelta(days=90)
    assert refresh.due(queue, late) == []
    assert queue.request(definition.pk, late, refresh.REQUEST_GAP)
    assert state(definition).requested
    [candidate] = refresh.due(queue, late)
    assert candidate.definition_id == definition.pk and candidate.requested
    # Claiming takes the request; a second request within REQUEST_GAP is refused, later one is taken.
    assert queue.claim(definition.pk, "a", late, LEASE)
    assert not state(definition).requested
    assert not queue.request(definition.pk, late + timedelta(seconds=119), refresh.REQUEST_GAP)
    assert queue.request(definition.pk, late + timedelta(minutes=2), refresh.REQUEST_GAP)
    # Asked for during the refresh: one more refresh once this one is done.
    assert queue.finish(definition.pk, "a", late + timedelta(minutes=3), late + timedelta(minutes=13))
    assert [c.definition_id for c in refresh.due(queue, late + timedelta(minutes=3))] == [definition.pk]


def test_requests_come_first(db: str) -> None:
    owner = user("organizer")
    first, _ = define(owner, name="First", slug="first")
    second, _ = define(owner, name="Second", slug="second")
    queue = RefreshQueue()
    for d in (first, second):
        assert queue.claim(d.pk, "a", DURING, LEASE)
        assert queue.finish(d.pk, "a", DURING, DURING + timedelta(minutes=10))
    assert queue.request(second.pk, DURING + timedelta(minutes=1), refresh.REQUEST_GAP)
    now = DURING + timedelta(minutes=11)
    assert [c.slug for c in refresh.due(queue, now)] == ["second", "first"]


def test_a_file_that_no_longer_parses_is_due_so_its_error_shows(defined) -> None:
    definition, _ = defined
    CampaignDefinition.objects.filter(pk=definition.pk).update(toml='name = "broken"\n')
    [candidate] = refresh.due(RefreshQueue(), DURING)
    [result] = worker(Clock(DURING)).run_pass()
    assert result.status == "failed" and "start" in result.error
    assert state(definition).last_error == result.error
    with pytest.raises(CampaignFileError):
        refresh.campaign_of(candidate.slug, 'name = "broken"\n')


# -- refreshing


def outcomes(campaign: Campaign) -> list[Any]:
    return list(Outcome.objects.filter(campaign__key=campaign.key).order_by("id").values_list("id", "data"))


def test_a_failure_keeps_the_previous_outcome_and_records_the_error(defined) -> None:
    definition, campaign = defined
    seeded = seed(campaign, T0 + timedelta(days=1))
    store = Store("default")
    before, snapshot = outcomes(campaign), store.snapshot(campaign)
    last_collected = store.last_collected(campaign)
    clock = Clock(DURING)
    ok_at = DURING - timedelta(hours=1)
    RefreshState.objects.create(definition=definition, status="ok", last_ok=ok_at, next_due=DURING)
    [result] = worker(clock).run_pass()
    assert result.status == "failed"
    # nothing answered: the wiki is down (a source error), not the file's fault
    assert result.error.startswith("sq.wikipedia.org is unreachable at https://sq.wikipedia.org/w/api.php (")
    assert "\n" not in result.error
    failed = state(definition)
    assert (failed.status, failed.last_error, failed.last_ok) == ("failed", result.error, ok_at)
    assert (failed.lease_owner, failed.lease_until) == ("", None)
    assert failed.next_due == DURING + refresh.REFRESH_INTERVAL == result.next_due
    # Nothing the pages read has changed: no new outcome, the same stored data, the same time.
    assert outcomes(campaign) == before and before[-1][1] == seeded.outcome
    assert store.snapshot(campaign) == snapshot and store.last_collected(campaign) == last_collected
    # Failing again: the wait doubles, up to BACKOFF_MAX.
    waits = []
    for _ in range(6):
        clock.now = failed.next_due  # type: ignore[assignment]
        [again] = worker(clock).run_pass()
        failed = state(definition)
        assert again.status == "failed" and failed.next_due is not None and failed.last_finished is not None
        waits.append(failed.next_due - failed.last_finished)
    assert waits == [timedelta(minutes=m) for m in (20, 40, 80, 120, 120, 120)]
    # The page's status for organizers says so; the numbers stay.
    assert refresh.status_of(failed, clock.now) == "failed"


def test_a_success_finishes_and_counts_enrolled_participants(defined, monkeypatch) -> None:
    definition, campaign = defined
    seed(campaign, T0 + timedelta(days=1))
    Enrolment.objects.create(definition=definition, username="joined_through link")
    collected: list[Campaign] = []

    def collect(c: Campaign, store: Store, sessions: Any, progress: Any = None) -> None:
        collected.append(c)
        progress.request_made(c.wikis[0], 1)

    monkeypatch.setattr(collection, "collect", collect)
    monkeypatch.setattr(refresh.publishing, "locate_articles", lambda *a: ["a note"])
    before = len(outcomes(campaign))
    clock = Clock(DURING)
    [result] = worker(clock, interval=timedelta(minutes=5)).run_pass()
    assert result.status == "ok" and result.next_due == DURING + timedelta(minutes=5)
    done = state(definition)
    assert (done.status, done.last_ok, done.last_error, done.lease_owner) == ("ok", DURING, "", "")
    assert len(outcomes(campaign)) == before + 1
    # Hashtag campaign + an enrolment: the enrolled username (normalised) is a participant.
    assert (
        collected[0].participants == ("Joined through link",) and collected[0].hashtags == campaign.hashtags
    )
    assert worker(clock).run_pass() == []  # not due again for 5 minutes


def test_a_worker_that_lost_its_lease_writes_nothing(defined, monkeypatch) -> None:
    definition, _ = defined
    clock = Clock(DURING)

    def slow_collect(c: Campaign, store: Store, sessions: Any, progress: Any = None) -> None:
        clock.now = DURING + LEASE + timedelta(seconds=1)  # stuck past its lease …
        assert RefreshQueue().claim(definition.pk, "other", clock.now, LEASE)  # … and taken over
        progress.request_made(c.wikis[0], 1)  # renewing finds out

    monkeypatch.setattr(collection, "collect", slow_collect)
    [result] = worker(clock).run_pass()
    assert result.status == "lost"
    taken = state(definition)
    assert (taken.status, taken.lease_owner, taken.last_error) == ("running", "other", "")


def test_an_interrupted_refresh_gives_the_campaign_back(defined, monkeypatch) -> None:
    definition, _ = defined

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(collection, "collect", interrupted)
    with pytest.raises(KeyboardInterrupt):
        worker(Clock(DURING)).run_pass()
    back = state(definition)
    assert (back.status, back.lease_owner, back.lease_until) == ("idle", "", None)
    assert [c.definition_id for c in refresh.due(RefreshQueue(), DURING)] == [definition.pk]


def test_run_sleeps_between_passes_and_stops(defined, monkeypatch) -> None:
    passes: list[datetime] = []
    slept: list[float] = []
    w = worker(Clock(DURING))
    monkeypatch.setattr(w, "run_pass", lambda stop: passes.append(DURING) or [])
    w.sleep = slept.append
    w.run(lambda: len(passes) >= 3, poll_s=7)
    assert len(passes) == 3 and slept == [7, 7]


def test_stop_is_asked_before_each_campaign(db: str, monkeypatch) -> None:
    owner = user("organizer")
    define(owner, name="One", slug="one")
    define(owner, name="Two", slug="two")
    monkeypatch.setattr(collection, "collect", lambda *a: None)
    monkeypatch.setattr(refresh.publishing, "locate_articles", lambda *a: [])
    done: list[str] = []
    w = worker(Clock(DURING), on_result=lambda r: done.append(r.slug))
    w.run_pass(stop=lambda: len(done) >= 1)
    assert len(done) == 1


# -- pure rules


def test_backoff() -> None:
    interval = timedelta(minutes=10)
    assert refresh.backoff(None, interval) == interval
    ok = RefreshStatus(1, "ok", DURING, DURING, DURING, "", DURING, "", None, None)
    assert refresh.backoff(ok, interval) == interval
    failed = RefreshStatus(
        1, "failed", DURING, DURING, None, "x", DURING + timedelta(minutes=40), "", None, None
    )
    assert refresh.backoff(failed, interval) == timedelta(minutes=80)
    assert refresh.backoff(failed, interval, cap=timedelta(minutes=30)) == timedelta(minutes=30)


def test_a_pass_that_cannot_reach_the_database_is_retried_reconnected(defined, monkeypatch) -> None:
    w = worker(Clock(DURING))
    calls: list[str] = []

    def run_pass(stop: Any) -> list[Any]:
        calls.append("pass")
        if len(calls) == 1:
            raise StoreError("database error on connection 'default': server closed the connection")
        return []

    monkeypatch.setattr(w, "run_pass", run_pass)
    monkeypatch.setattr(w.store, "close", lambda: calls.append("close"))
    w.run(lambda: calls.count("pass") >= 2, poll_s=0)
    assert calls == ["pass", "close", "pass"]
