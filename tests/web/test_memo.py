"""The process-local cache the pages keep report data and renderings in: bounded, timed, no copies."""

from __future__ import annotations

from wikitally.web.campaigns.memo import Memo, clear_all


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_values_live_for_their_time_to_live() -> None:
    clock = Clock()
    memo = Memo(max_items=4, ttl_s=30, clock=clock)
    value = {"big": list(range(1000))}
    memo.set("k", value)
    assert memo.get("k") is value  # the object itself: nothing pickled or copied
    clock.now += 29.9
    assert memo.get("k") is value
    clock.now += 0.1
    assert memo.get("k") is None and len(memo) == 0
    assert memo.get("never") is None


def test_the_least_recently_used_goes_first_when_full() -> None:
    memo = Memo(max_items=2, ttl_s=60, clock=Clock())
    memo.set("a", 1)
    memo.set("b", 2)
    assert memo.get("a") == 1  # a is now the most recently used
    memo.set("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c")) == (1, None, 3)
    memo.set("a", 10)  # setting again replaces, without growing
    assert len(memo) == 2 and memo.get("a") == 10


def test_clear_all_empties_every_memo() -> None:
    one, two = Memo(2, 60), Memo(2, 60)
    one.set("x", 1)
    two.set("y", 2)
    clear_all()
    assert one.get("x") is None and two.get("y") is None


def test_get_or_make_makes_once_and_serves_the_old_value_meanwhile() -> None:
    import threading

    clock = Clock()
    memo = Memo(max_items=4, ttl_s=30, clock=clock)
    made: list[str] = []
    assert memo.get_or_make("page", lambda: made.append("v1") or "v1") == "v1"
    assert memo.get_or_make("page", lambda: made.append("never") or "never") == "v1"  # fresh: not made again
    clock.now += 31
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        made.append("v2")
        return "v2"

    maker = threading.Thread(target=lambda: memo.get_or_make("page", slow))
    maker.start()
    assert started.wait(10)
    # While one thread makes the expired page again, another gets the old one at once (no pile-up).
    assert memo.get_or_make("page", lambda: made.append("pile-up") or "pile-up") == "v1"
    release.set()
    maker.join(10)
    assert memo.get_or_make("page", lambda: "never") == "v2" and made == ["v1", "v2"]
