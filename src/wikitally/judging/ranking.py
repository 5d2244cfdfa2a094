"""Dense ranking: ties share a rank, the next rank follows at +1; ties are listed by name."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def shown(value: Decimal) -> Decimal:
    """A score as it is shown and ranked: rounded half up to 2 places."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def dense_ranking(scores: Mapping[str, Decimal]) -> list[tuple[int, str, Decimal]]:
    """(rank, name, score) best first. Scores are compared as shown (2 places), so two participants who
    look tied are tied."""
    ordered = sorted(((shown(s), name) for name, s in scores.items()), key=lambda p: (-p[0], p[1]))
    out: list[tuple[int, str, Decimal]] = []
    rank, previous = 0, None
    for score, name in ordered:
        if score != previous:
            rank, previous = rank + 1, score
        out.append((rank, name, score))
    return out
