"""judging.rounds.allocate: quorum jurors per entry, evenly (±1), never the owner, only unfinished work."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.judging.rounds import allocate

sizes = st.tuples(st.integers(0, 120), st.integers(1, 8), st.integers(1, 4), st.integers(0, 10**6))


def loads(queues: dict[str, tuple[str, ...]]) -> Counter[str]:
    return Counter({j: len(q) for j, q in queues.items()})


@settings(derandomize=True, max_examples=120, deadline=None)
@given(sizes)
def test_every_entry_gets_quorum_distinct_jurors_and_loads_differ_by_at_most_one(
    case: tuple[int, int, int, int],
) -> None:
    n, jurors_n, quorum, seed = case
    entries = [f"p{i}" for i in range(n)]
    jurors = [f"J{i}" for i in range(jurors_n)]
    a = allocate(entries, jurors, quorum, random.Random(seed))
    for e in entries:
        assert len(set(a.tasks.get(e, ()))) == min(quorum, jurors_n)
        assert len(a.tasks.get(e, ())) == min(quorum, jurors_n)
    assert len(a.short) == (n if quorum > jurors_n else 0)
    counts = loads(a.queues)
    assert max(counts.values()) - min(counts.values()) <= 1
    # the queues hold exactly the tasks
    assert sorted((j, e) for j, q in a.queues.items() for e in q) == sorted(
        (j, e) for e, js in a.tasks.items() for j in js
    )


@settings(derandomize=True, max_examples=80, deadline=None)
@given(sizes, st.data())
def test_never_a_jurors_own_entry(case: tuple[int, int, int, int], data: st.DataObject) -> None:
    n, jurors_n, quorum, seed = case
    entries = [f"p{i}" for i in range(n)]
    jurors = [f"J{i}" for i in range(jurors_n)]
    owners = {e: data.draw(st.sampled_from([*jurors, "someone else"])) for e in entries}
    a = allocate(entries, jurors, quorum, random.Random(seed), owners=owners)
    for e, js in a.tasks.items():
        assert owners[e] not in js
    for e in entries:
        possible = jurors_n - (owners[e] in jurors)
        assert len(a.tasks.get(e, ())) == min(quorum, possible)


def test_same_seed_same_queues_other_seed_other_queues() -> None:
    entries = [f"p{i}" for i in range(60)]
    jurors = ["A", "B", "C"]
    one = allocate(entries, jurors, 2, random.Random(7))
    assert one == allocate(entries, jurors, 2, random.Random(7))
    assert one.queues != allocate(entries, jurors, 2, random.Random(8)).queues


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.integers(10, 80), st.integers(0, 10**6), st.integers(1, 3))
def test_reallocation_moves_only_unfinished_work(n: int, seed: int, new_quorum: int) -> None:
    entries = [f"p{i}" for i in range(n)]
    first = allocate(entries, ["A", "B", "C"], 2, random.Random(seed))
    # A finished its queue; B and C did nothing; then D joins, C leaves, the quorum changes
    voted = {e: {"A"} for e in first.queues["A"]}
    again = allocate(
        entries, ["A", "B", "D"], new_quorum, random.Random(seed + 1), voted=voted, current=first.tasks
    )
    for e in entries:
        have = len(voted.get(e, ()))
        assert len(again.tasks.get(e, ())) == max(0, min(new_quorum, 3) - have) or e in again.short
        assert "A" not in again.tasks.get(e, ()) or e not in voted  # done work is not dealt again
        assert "C" not in again.tasks.get(e, ())
    # entries that already have quorum leave the queues
    full = allocate(entries, ["A", "B"], 1, random.Random(seed), voted=voted)
    assert not set(full.tasks) & set(voted)
