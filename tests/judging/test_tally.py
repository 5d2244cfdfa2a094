"""judging.tally: yes/no share, mean rating, Schulze ranking; ties, advance, completeness, vote order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.judging.tally import Rule, Vote, run_rounds, tally, tally_totals, value_in_range


def test_yesno_score_is_the_share_of_yes_and_ties_share_a_rank() -> None:
    votes = [Vote("A", "x", 1), Vote("B", "x", 1), Vote("A", "y", 1), Vote("B", "y", 0), Vote("A", "z", 1)]
    votes += [Vote("B", "z", 1), Vote("A", "w", 0), Vote("B", "w", 0)]
    r = tally("yesno", ["w", "x", "y", "z"], votes, quorum=2, advance=1)
    assert [(p.entry, p.rank, p.score) for p in r.ranking] == [
        ("x", 1, 1.0),
        ("z", 1, 1.0),
        ("y", 3, 0.5),
        ("w", 4, 0.0),
    ]
    assert r.advancing == ("x", "z")  # advance = 1, but the tie at rank 1 goes on whole
    assert r.complete and r.votes == 8


def test_rating_score_is_the_mean_and_completeness_needs_quorum_everywhere() -> None:
    votes = [Vote("A", "x", 5), Vote("B", "x", 2), Vote("A", "y", 4)]
    r = tally("rating", ["x", "y"], votes, quorum=2, advance=5)
    assert {p.entry: p.score for p in r.ranking} == {"x": 3.5, "y": 4.0}
    assert [p.entry for p in r.ranking] == ["y", "x"]
    assert not r.complete and r.missing == {"y": 1}


def test_ranking_round_uses_schulze() -> None:
    votes = [Vote(j, e, rank) for j in "ABC" for e, rank in (("x", 1), ("y", 2), ("z", 3))]
    votes[0:3] = [Vote("A", "y", 1), Vote("A", "x", 2), Vote("A", "z", 3)]
    r = tally("ranking", ["x", "y", "z"], votes, quorum=3, advance=2)
    assert [(p.entry, p.rank, p.score) for p in r.ranking] == [("x", 1, 2.0), ("y", 2, 1.0), ("z", 3, 0.0)]
    assert r.advancing == ("x", "y")


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        ("yesno", 0, True),
        ("yesno", 2, False),
        ("rating", 1, True),
        ("rating", 5, True),
        ("rating", 0, False),
        ("rating", 6, False),
        ("ranking", 1, True),
        ("ranking", 3, True),
        ("ranking", 4, False),
        ("ranking", 0, False),
    ],
)
def test_value_ranges(kind: str, value: int, ok: bool) -> None:
    assert value_in_range(kind, value, 3) is ok


votes_strategy = st.lists(
    st.tuples(st.sampled_from("ABCD"), st.sampled_from(["p1", "p2", "p3", "p4", "p5"]), st.integers(1, 5)),
    max_size=40,
    unique_by=lambda t: (t[0], t[1]),
)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.sampled_from(["yesno", "rating", "ranking"]), votes_strategy, st.integers(0, 10**6))
def test_results_do_not_depend_on_the_order_of_votes(
    kind: str, raw: list[tuple[str, str, int]], seed: int
) -> None:
    entries = ["p1", "p2", "p3", "p4", "p5"]
    votes = [Vote(j, e, v % 2 if kind == "yesno" else v) for j, e, v in raw]
    shuffled = votes[:]
    random.Random(seed).shuffle(shuffled)
    assert tally(kind, entries, votes, 2, 2) == tally(kind, entries, shuffled, 2, 2)


def test_next_round_takes_the_advancing_entries() -> None:
    rules = [Rule("yesno", 1, 2), Rule("rating", 1, 1)]
    votes = {
        1: [Vote("A", "a", 1), Vote("A", "b", 0), Vote("A", "c", 1)],
        2: [Vote("A", "a", 2), Vote("A", "c", 5)],
    }
    chain = run_rounds(rules, ["a", "b", "c"], votes)
    assert chain[1][0] == ("a", "c")
    assert chain[1][1].advancing == ("c",)


def test_closing_effect_names_the_photos_the_missing_votes_could_move() -> None:
    from wikitally.judging.tally import closing_effect

    votes = [
        Vote("A", "a", 1),
        Vote("B", "a", 1),
        Vote("A", "b", 1),
        Vote("A", "c", 0),
        Vote("A", "d", 0),
        Vote("B", "d", 0),
    ]
    effect = closing_effect("yesno", ["a", "b", "c", "d"], votes, quorum=2, advance=2)
    assert effect.advancing == ("a", "b")
    assert effect.missing == {"b": 1, "c": 1}
    assert effect.could_drop == ("b",)  # a "no" would make it 0.5, below the cut of 1.0
    assert effect.could_enter == ()  # c at best 0.5: cannot reach 1.0; d is complete
    effect = closing_effect("yesno", ["a", "b", "c"], votes[:4], quorum=2, advance=1)
    assert effect.advancing == ("a", "b") and effect.could_drop == ("b",)


def test_a_ranking_round_too_large_is_refused() -> None:
    from wikitally.judging.tally import MAX_RANKED, TooManyToRank

    with pytest.raises(TooManyToRank):
        tally("ranking", [f"p{i}" for i in range(MAX_RANKED + 1)], [], 1, 1)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.sampled_from(["yesno", "rating"]), votes_strategy, st.integers(1, 3), st.integers(1, 5))
def test_totals_give_the_same_result_as_the_votes(
    kind: str, raw: list[tuple[str, str, int]], quorum: int, advance: int
) -> None:
    """The database's per-photo (count, sum) — results computed in SQL — rank exactly as every vote does;
    totals of photos outside the round (another round's advance) are ignored."""
    entries = ["p1", "p2", "p3", "p4"]
    votes = [Vote(j, e, v % 2 if kind == "yesno" else v) for j, e, v in raw]
    totals: dict[str, tuple[int, int]] = {}
    for v in votes:
        n, t = totals.get(v.entry, (0, 0))
        totals[v.entry] = (n + 1, t + v.value)
    assert tally_totals(kind, entries, totals, quorum, advance) == tally(
        kind, entries, votes, quorum, advance
    )
    rules = [Rule(kind, quorum, advance), Rule(kind, quorum, 1)]
    by_round = {1: votes, 2: votes}
    assert run_rounds(rules, entries, by_round, totals={1: totals, 2: totals}) == run_rounds(
        rules, entries, by_round
    )


def test_totals_refuse_a_ranking_round() -> None:
    with pytest.raises(ValueError, match="every vote"):
        tally_totals("ranking", ["a"], {"a": (1, 1)}, 1, 1)


def test_a_batched_ranking_round_compares_within_each_jurors_batches() -> None:
    """Ballot k > 0 is a juror's k-th batch: its ranks compare its own photos only. Juror A ranks x over y in
    one batch and z over w in another; juror B ranks y over z in one batch: x beats y, y beats z, z beats w,
    and nobody put w or z below x by leaving them out."""
    votes = [
        Vote("A", "x", 1, 1),
        Vote("A", "y", 2, 1),
        Vote("A", "z", 1, 2),
        Vote("A", "w", 2, 2),
        Vote("B", "y", 1, 1),
        Vote("B", "z", 2, 1),
    ]
    result = tally("ranking", ["w", "x", "y", "z"], votes, quorum=1, advance=1)
    assert [(p.entry, p.rank) for p in result.ranking] == [("x", 1), ("y", 2), ("z", 3), ("w", 4)]
    # the same ranks as one whole ballot each would rank differently: A's z (1) ties x (1) above y and w
    whole = tally("ranking", ["w", "x", "y", "z"], [Vote(v.juror, v.entry, v.value) for v in votes], 1, 1)
    assert [(p.entry, p.rank) for p in whole.ranking] != [(p.entry, p.rank) for p in result.ranking]
