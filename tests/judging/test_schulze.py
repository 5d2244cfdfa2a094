"""judging.schulze against a reference that enumerates every path, and against a published example."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.judging.schulze import pairwise, schulze


def reference(entries: list[str], ballots: list[dict[str, int]]) -> dict[str, int]:
    """Straight from the definition: d by counting, strongest paths by trying every simple path, a beats b
    when p[a][b] > p[b][a]; rank = 1 + how many entries beat more entries."""

    def prefers(a: str, b: str) -> int:
        n = 0
        for ballot in ballots:
            worst = max(ballot.values(), default=0) + 1
            n += ballot.get(a, worst) < ballot.get(b, worst)
        return n

    d = {(a, b): prefers(a, b) for a in entries for b in entries if a != b}

    def strength(a: str, b: str) -> int:
        best = 0
        others = [c for c in entries if c not in (a, b)]
        for k in range(len(others) + 1):
            for middle in itertools.permutations(others, k):
                path = [a, *middle, b]
                links = [d[(x, y)] for x, y in itertools.pairwise(path)]
                if all(d[(x, y)] > d[(y, x)] for x, y in itertools.pairwise(path)):
                    best = max(best, min(links))
        return best

    wins = {a: sum(1 for b in entries if b != a and strength(a, b) > strength(b, a)) for a in entries}
    return {a: 1 + sum(1 for b in entries if wins[b] > wins[a]) for a in entries}


ballot_sets = st.integers(2, 5).flatmap(
    lambda n: st.tuples(
        st.just([f"e{i}" for i in range(n)]),
        st.lists(
            st.lists(st.integers(1, n), min_size=n, max_size=n),
            min_size=1,
            max_size=7,
        ),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(ballot_sets)
def test_schulze_equals_the_path_enumerating_reference(
    case: tuple[list[str], list[list[int]], list[bool]],
) -> None:
    entries, raw, left_out = case
    # some ballots leave entries out (unranked: below every ranked one), ranks may tie
    ballots = [
        {e: r for e, r, skip in zip(entries, ranks, left_out, strict=True) if not (skip and i % 2)}
        for i, ranks in enumerate(raw)
    ]
    got = {r.entry: r.rank for r in schulze(entries, ballots)}
    assert got == reference(entries, ballots)


def test_schulze_wikipedia_example() -> None:
    # https://en.wikipedia.org/wiki/Schulze_method#Example: 45 voters, result E > A > C > B > D
    groups = [
        (5, "ACBED"),
        (5, "ADECB"),
        (8, "BEDAC"),
        (3, "CABED"),
        (7, "CAEBD"),
        (2, "CBADE"),
        (7, "DCEBA"),
        (8, "EBADC"),
    ]
    ballots = [{c: i + 1 for i, c in enumerate(order)} for n, order in groups for _ in range(n)]
    ranked = schulze(list("ABCDE"), ballots)
    assert [r.entry for r in ranked] == list("EACBD")
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]


def test_ties_share_a_rank() -> None:
    # two jurors with opposite rankings: nobody beats anybody
    ranked = schulze(["a", "b", "c"], [{"a": 1, "b": 2, "c": 3}, {"c": 1, "b": 2, "a": 3}])
    assert [r.rank for r in ranked] == [1, 1, 1]
    ranked = schulze(["a", "b", "c"], [{"a": 1, "b": 1, "c": 2}])
    assert {r.entry: r.rank for r in ranked} == {"a": 1, "b": 1, "c": 3}


def test_partial_ballots_rank_the_left_out_below_every_ranked_entry_by_hand() -> None:
    # The rule for partial ballots (a juror who ranked only a batch, or only a few): an entry a ballot leaves
    # out is below every entry that ballot ranks, and tied with the other left-out ones (no pair counted).
    # Computed by hand:
    #   b1 {a:1, b:2}: a>b, a>c, a>d, b>c, b>d (c, d left out: tied)
    #   b2 {c:1}:      c>a, c>b, c>d (a, b, d left out: tied)
    #   b3 {b:1, a:2, d:3}: b>a, b>d, a>d, b>c, a>c, d>c
    # d[a][b]=1 d[b][a]=1 · d[a][c]=2 d[c][a]=1 · d[a][d]=2 d[d][a]=0
    # d[b][c]=2 d[c][b]=1 · d[b][d]=2 d[d][b]=0 · d[c][d]=1 d[d][c]=1
    # a and b each beat c and d, nobody beats a or b, c and d tie: ranks a 1, b 1, c 3, d 3.
    # (Ignoring pairs with a left-out entry would give d[a][d] = 1 and d[c][a] = 0 instead.)
    entries = ["a", "b", "c", "d"]
    ballots = [{"a": 1, "b": 2}, {"c": 1}, {"b": 1, "a": 2, "d": 3}]
    assert pairwise(entries, ballots) == [
        [0, 1, 2, 2],
        [1, 0, 2, 2],
        [1, 1, 0, 1],
        [0, 0, 1, 0],
    ]
    ranked = schulze(entries, ballots)
    assert [(r.entry, r.rank, r.wins) for r in ranked] == [("a", 1, 2), ("b", 1, 2), ("c", 3, 0), ("d", 3, 0)]


def test_a_batch_compares_only_its_own_entries() -> None:
    """A batch (a juror ranking a few photos of a long round) decides the pairs inside it, no other: an
    entry it leaves out is not below its entries, as it would be on a whole ballot."""
    entries = ["a", "b", "c", "d"]
    d = pairwise(entries, [], [{"a": 1, "b": 2}, {"c": 1, "d": 2}])
    assert d[0][1] == 1 and d[2][3] == 1
    assert d[0][2] == d[2][0] == d[1][3] == d[3][1] == 0  # across batches: undecided
    whole = pairwise(entries, [{"a": 1, "b": 2}])
    assert whole[0][2] == 1 and whole[1][3] == 1  # a whole ballot puts the left-out entries below


batch_sets = st.integers(3, 6).flatmap(
    lambda n: st.tuples(
        st.just([f"e{i}" for i in range(n)]),
        st.lists(
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 3)), min_size=2, max_size=4),
            min_size=1,
            max_size=6,
        ),
    )
)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(batch_sets)
def test_batches_equal_the_reference_over_their_pairs(
    case: tuple[list[str], list[list[tuple[int, int]]]],
) -> None:
    """Batches give what the definition gives when each batch counts only the pairs inside it."""
    entries, raw = case
    batches = [{entries[i]: r for i, r in picks} for picks in raw]

    def prefers(a: str, b: str) -> int:
        return sum(1 for x in batches if a in x and b in x and x[a] < x[b])

    d = pairwise(entries, [], batches)
    assert all(d[i][j] == prefers(a, b) for i, a in enumerate(entries) for j, b in enumerate(entries))
    # the order the batches came in does not matter
    assert schulze(entries, [], batches) == schulze(entries, [], batches[::-1])
