"""Attempts counted in the database (store/attempts.py): one count for every server process, on SQLite and
PostgreSQL alike (the `db` fixture runs each test on both)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from django.db import connections

from wikitally.store import attempts
from wikitally.store.models import Attempt

NOW = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def test_attempts_count_within_their_window(db: str) -> None:
    assert attempts.count("k", WINDOW, NOW) == 0
    assert [attempts.record("k", WINDOW, NOW + timedelta(minutes=i)) for i in range(3)] == [1, 2, 3]
    assert attempts.count("k", WINDOW, NOW + timedelta(minutes=14, seconds=59)) == 3
    assert attempts.count("other", WINDOW, NOW) == 0  # keys are apart
    # The window is counted from its first attempt: 15 minutes later it is closed, and the next one opens anew.
    assert attempts.count("k", WINDOW, NOW + WINDOW) == 0
    assert attempts.record("k", WINDOW, NOW + WINDOW) == 1
    assert Attempt.objects.filter(key="k").count() == 1  # the same row, restarted


def test_forget_and_purge(db: str) -> None:
    attempts.record("a", WINDOW, NOW)
    attempts.record("b", WINDOW, NOW + timedelta(hours=1))
    attempts.forget("a")
    assert attempts.count("a", WINDOW, NOW) == 0
    assert attempts.purge(NOW + timedelta(hours=2)) == 1 and not Attempt.objects.exists()


def test_concurrent_first_attempts_are_all_counted(web_database: str) -> None:
    """Eight threads, each on its own connection (as server processes are), count a new key at once."""
    key = f"race-{web_database}"
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def hit() -> None:
        try:
            barrier.wait()
            attempts.record(key, WINDOW, NOW)
        except BaseException as e:
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == [] and attempts.count(key, WINDOW, NOW) == 8
    finally:
        attempts.forget(key)
