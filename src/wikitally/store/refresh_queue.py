"""`RefreshQueue`: the worker's bookkeeping (store_refresh_state) — which campaigns are due, who refreshes one.

One refresh per campaign at a time: a worker *claims* a campaign with one conditional UPDATE

    UPDATE store_refresh_state
       SET status = 'running', lease_owner = :owner, lease_until = :now + :lease, last_started = :now
     WHERE definition_id = :id
       AND (lease_until IS NULL OR lease_until < :now)                        -- nobody holds a live lease
       AND (next_due IS NULL OR next_due <= :now                              -- and it is due,
            OR (requested_at IS NOT NULL
                AND (last_started IS NULL OR requested_at > last_started)))   -- or "refresh now" is pending

and owns it when that changed one row. SQLite runs writers one at a time; PostgreSQL re-checks the WHERE of a
row another transaction just updated (READ COMMITTED), so of two workers exactly one changes the row. A dead
worker's lease runs out and the next claim takes the campaign over; a live worker renews its lease as it goes.
Finishing, failing, renewing and releasing change the row only while the caller still holds the lease.

A "refresh now" request is `requested_at`; it is pending while it is newer than the last start, so a request
made during a refresh asks for one more, and `requested_at` stays as the time of the last request (the rate
limit's memory).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When

from wikitally.store.repository import db_errors, orm, utc

ERROR_MAX_CHARS = 500


@dataclass(frozen=True)
class RefreshStatus:
    """One campaign's refresh bookkeeping, as stored."""

    definition_id: int
    status: str  # idle, running, ok, failed (as the worker last wrote it)
    last_started: datetime | None
    last_finished: datetime | None
    last_ok: datetime | None
    last_error: str
    next_due: datetime | None
    lease_owner: str
    lease_until: datetime | None
    requested_at: datetime | None
    # A campaign file error's parts (errors.CampaignFileError: source, field, problem, fix, params) for
    # last_error, so that a page can say it in its reader's language; empty for any other failure.
    last_error_parts: dict[str, Any] = field(default_factory=dict)

    def running(self, now: datetime) -> bool:
        """A worker holds a live lease on it (a dead worker's lease runs out)."""
        return self.lease_until is not None and self.lease_until >= now

    @property
    def requested(self) -> bool:
        """A "refresh now" was asked for since the last refresh started."""
        return self.requested_at is not None and (
            self.last_started is None or self.requested_at > self.last_started
        )


@dataclass(frozen=True)
class Candidate:
    """A campaign definition that may be refreshed now: due (or never refreshed, or asked for) and unleased."""

    definition_id: int
    slug: str
    toml: str
    requested: bool
    next_due: datetime | None


_FIELDS = (
    "definition_id",
    "status",
    "last_started",
    "last_finished",
    "last_ok",
    "last_error",
    "next_due",
    "lease_owner",
    "lease_until",
    "requested_at",
    "last_error_parts",
)


def _pending(prefix: str = "") -> Q:
    """A "refresh now" newer than the last start."""
    return Q(**{f"{prefix}requested_at__isnull": False}) & (
        Q(**{f"{prefix}last_started__isnull": True})
        | Q(**{f"{prefix}requested_at__gt": F(f"{prefix}last_started")})
    )


def _due(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}next_due__isnull": True}) | Q(**{f"{prefix}next_due__lte": now}) | _pending(prefix)


def _free(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}lease_until__isnull": True}) | Q(**{f"{prefix}lease_until__lt": now})


class RefreshQueue:
    """The refresh state of web-defined campaigns in one database (a Django connection alias)."""

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias

    def __repr__(self) -> str:
        return f"RefreshQueue({self.alias!r})"

    def _states(self) -> Any:
        return orm.RefreshState.objects.using(self.alias)

    def _ensure(self, definition_id: int) -> None:
        """The definition's row (idle, due at once), made on first use; a concurrent maker wins harmlessly."""
        if self._states().filter(definition_id=definition_id).exists():
            return
        try:
            with transaction.atomic(using=self.alias):
                self._states().create(definition_id=definition_id)
        except IntegrityError:
            pass  # made by someone else meanwhile (or the definition is gone: the UPDATE finds no row)

    # ------------------------------------------------------------------ reading

    @db_errors
    def state(self, definition_id: int) -> RefreshStatus | None:
        """The stored state; None before the first claim or request."""
        row = self._states().filter(definition_id=definition_id).values_list(*_FIELDS).first()
        return RefreshStatus(*row) if row is not None else None

    @db_errors
    def due(self, now: datetime) -> list[Candidate]:
        """Definitions that may be refreshed at `now` (never refreshed, next_due passed, or "refresh now"
        pending) and that no live lease holds; requests first, then the longest overdue. The campaign's
        dates are the caller's to judge (they are in the campaign file). An archived campaign is read-only,
        and a recorded one (the demo's) is replayed, never collected: neither is ever due."""
        now = utc(now)
        rows = (
            orm.CampaignDefinition.objects.using(self.alias)
            .filter(archived_at__isnull=True, recorded=False)
            .filter(Q(refresh__isnull=True) | (_due(now, "refresh__") & _free(now, "refresh__")))
            .values_list(
                "pk",
                "slug",
                "toml",
                "refresh__requested_at",
                "refresh__last_started",
                "refresh__next_due",
            )
        )
        found = [
            Candidate(
                definition_id=pk,
                slug=slug,
                toml=toml,
                requested=requested_at is not None and (started is None or requested_at > started),
                next_due=next_due,
            )
            for pk, slug, toml, requested_at, started, next_due in rows
        ]
        oldest = datetime.min.replace(tzinfo=UTC)
        return sorted(found, key=lambda c: (not c.requested, c.next_due or oldest, c.definition_id))

    @db_errors
    def enrolled(self, definition_id: int) -> list[str]:
        """Usernames enrolled in the campaign (joined through the link or added by an organizer)."""
        from wikitally.store import enrolments

        return enrolments.usernames(definition_id, using=self.alias)

    # ------------------------------------------------------------------ the lease

    @db_errors
    def claim(self, definition_id: int, owner: str, now: datetime, lease: timedelta) -> bool:
        """Take the campaign for a refresh until now + lease; False when someone holds it, it isn't due or
        it is recorded (the demo's data, never fetched again)."""
        now = utc(now)
        with transaction.atomic(using=self.alias):
            self._ensure(definition_id)
            changed = (
                self._states()
                .filter(Q(definition_id=definition_id) & _free(now) & _due(now))
                .filter(definition__recorded=False)
                .update(status="running", lease_owner=owner, lease_until=now + lease, last_started=now)
            )
        return changed == 1

    @db_errors
    def renew(self, definition_id: int, owner: str, now: datetime, lease: timedelta) -> bool:
        """Extend the caller's lease to now + lease; False when it was taken over (the caller must stop)."""
        now = utc(now)
        changed = (
            self._states()
            .filter(definition_id=definition_id, lease_owner=owner)
            .update(lease_until=now + lease)
        )
        return changed == 1

    @db_errors
    def finish(self, definition_id: int, owner: str, now: datetime, next_due: datetime) -> bool:
        """The refresh succeeded: status ok, the lease given back, the next one at next_due."""
        changed = (
            self._states()
            .filter(definition_id=definition_id, lease_owner=owner)
            .update(
                status="ok",
                last_finished=utc(now),
                last_ok=utc(now),
                last_error="",
                last_error_parts={},
                next_due=utc(next_due),
                lease_owner="",
                lease_until=None,
            )
        )
        return changed == 1

    @db_errors
    def fail(
        self,
        definition_id: int,
        owner: str,
        now: datetime,
        error: str,
        next_due: datetime,
        parts: dict[str, Any] | None = None,
    ) -> bool:
        """The refresh failed: status failed with one line of why (and, for a campaign file error, its
        parts), the lease given back, retry at next_due. last_ok (and everything the last good refresh
        stored) stays."""
        line = " ".join(error.split())[:ERROR_MAX_CHARS]
        changed = (
            self._states()
            .filter(definition_id=definition_id, lease_owner=owner)
            .update(
                status="failed",
                last_finished=utc(now),
                last_error=line,
                last_error_parts=parts or {},
                next_due=utc(next_due),
                lease_owner="",
                lease_until=None,
            )
        )
        return changed == 1

    @db_errors
    def release(self, definition_id: int, owner: str) -> bool:
        """Give the lease back without a result (the worker was stopped mid-way): still due, status as before."""
        status = Case(
            When(~Q(last_error=""), then=Value("failed")),
            When(last_ok__isnull=False, then=Value("ok")),
            default=Value("idle"),
        )
        changed = (
            self._states()
            .filter(definition_id=definition_id, lease_owner=owner)
            .update(status=status, lease_owner="", lease_until=None)
        )
        return changed == 1

    # ------------------------------------------------------------------ "refresh now"

    @db_errors
    def request(self, definition_id: int, now: datetime, min_gap: timedelta) -> bool:
        """Ask for a refresh as soon as a worker is free; False when the last request is under min_gap old."""
        now = utc(now)
        with transaction.atomic(using=self.alias):
            self._ensure(definition_id)
            changed = (
                self._states()
                .filter(definition_id=definition_id)
                .filter(Q(requested_at__isnull=True) | Q(requested_at__lte=now - min_gap))
                .update(requested_at=now)
            )
        return changed == 1
