"""Failed attempts within a window, counted in the database (Attempt rows), shared by every process.

Django's cache would count per process (its default is in memory), so five wrong passcodes per process
would become five per gunicorn worker. Here one conditional UPDATE adds an attempt to a window still open;
a key with no open window starts one. The clock is passed in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F

if TYPE_CHECKING:
    from wikitally.store.models import Attempt


def _model() -> type[Attempt]:
    from wikitally.store.models import Attempt  # Django is set up by whoever calls (see store/__init__)

    return Attempt


def count(key: str, window: timedelta, now: datetime, *, using: str = "default") -> int:
    """Attempts counted for key in its open window (0 when none is open)."""
    row = _model().objects.using(using).filter(key=key, window_start__gt=now - window).first()
    return row.count if row is not None else 0


def record(key: str, window: timedelta, now: datetime, *, using: str = "default") -> int:
    """Count one attempt for key; the count in its window afterwards (1 when this one opened it)."""
    rows_of = _model().objects.using(using)
    for _ in range(3):  # two first attempts at once: one INSERT wins, the other counts into its window
        with transaction.atomic(using=using):
            rows = rows_of.filter(key=key, window_start__gt=now - window)
            if rows.update(count=F("count") + 1):
                return int(rows.values_list("count", flat=True).first() or 1)
            # no open window: restart an expired one (only an expired one: another process may have just
            # opened a window), or make the key's first
            if rows_of.filter(key=key, window_start__lte=now - window).update(count=1, window_start=now):
                return 1
        try:
            with transaction.atomic(using=using):
                rows_of.create(key=key, count=1, window_start=now)
                return 1
        except IntegrityError:
            continue
    raise RuntimeError(f"could not count an attempt for {key!r}")


def forget(key: str, *, using: str = "default") -> None:
    """Drop key's attempts (e.g. after the right passcode)."""
    _model().objects.using(using).filter(key=key).delete()


def purge(before: datetime, *, using: str = "default") -> int:
    """Delete windows opened before `before` (housekeeping); how many rows went."""
    deleted, _ = _model().objects.using(using).filter(window_start__lt=before).delete()
    return deleted
