"""Dense ranking against a simple reference implementation, on random inputs."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.judging.ranking import dense_ranking, shown


def reference(scores):
    distinct = sorted({shown(s) for s in scores.values()}, reverse=True)
    rows = [(distinct.index(shown(s)) + 1, name, shown(s)) for name, s in scores.items()]
    return sorted(rows, key=lambda r: (r[0], r[1]))


def test_ties_share_a_rank_and_the_next_follows_at_plus_one():
    got = dense_ranking({"Cem": Decimal(5), "Ana": Decimal(9), "Bora": Decimal(9), "Dan": Decimal(1)})
    assert got == [(1, "Ana", 9), (1, "Bora", 9), (2, "Cem", 5), (3, "Dan", 1)]


def test_scores_equal_as_shown_are_tied():
    got = dense_ranking({"A": Decimal("1.004"), "B": Decimal("1.001")})
    assert [r[0] for r in got] == [1, 1]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.dictionaries(
        st.text(alphabet="abcdefgXYZ ", min_size=1, max_size=5),
        st.decimals(min_value=-50, max_value=50, places=3, allow_nan=False, allow_infinity=False),
        max_size=30,
    )
)
def test_dense_ranking_matches_reference(scores):
    assert dense_ranking(scores) == reference(scores)
