"""Private registration: a participant who asked for it (on the web's join page) is counted in every total
but named in no output: the web's public pages, downloads and API (web/campaigns/privacy.py, figures.py) and
the command line's `report` (every format), `thank` and `newsletter` on the same store alike."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def hide(outcome: dict[str, Any], private: Collection[str]) -> dict[str, Any]:
    """The outcome without the private names (a new dict; the stored one is untouched): their leaderboard
    rows dropped (the totals, computed before, still count them), their uploads kept without a name."""
    if not private:
        return outcome
    return {
        **outcome,
        "by_participant": [p for p in outcome["by_participant"] if p["user"] not in private],
        "uploads": [{**u, "user": ""} if u["user"] in private else u for u in outcome["uploads"]],
    }
