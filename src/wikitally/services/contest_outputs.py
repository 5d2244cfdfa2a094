"""What a contest shows the public: its results with a hidden jury's marks left out until marking closes, and
private participants left out (their entries still counted in everyone's ranks).

Kept apart from services/contests.py (judging use-cases) so that a frozen version of the results — the
jury's "close marking" — can replace `live_results` here without touching the judging code: `shown_results`
is the one call the web page makes."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass

from wikitally.judging import article_rounds
from wikitally.judging.results import Results
from wikitally.model import Campaign
from wikitally.services import contests
from wikitally.store import Store
from wikitally.store.contests import ContestStore
from wikitally.store.jury import JuryStore


@dataclass(frozen=True)
class Shown:
    results: Results
    jury_hidden: bool  # the jury's marks are left out (hidden until the organizers close marking)


def marking_closed(campaign: Campaign, store: Store) -> bool:
    """Whether the organizers closed marking (services/jury.py): a hidden jury's marks stay hidden on public
    pages until then; the frozen version itself is served at /c/SLUG/results/."""
    return JuryStore(store).closing(campaign) is not None


def live_results(campaign: Campaign, store: Store, jury_shown: bool) -> Results:
    return contests.results(campaign, store, jury_shown=jury_shown)


def shown_results(campaign: Campaign, store: Store, private: Collection[str] = ()) -> Shown | None:
    """The results as the campaign's public page shows them; None for a campaign without a contest."""
    contest = campaign.contest
    if contest is None:
        return None
    hidden = bool(contest.jury and contest.jury.hidden) and not marking_closed(campaign, store)
    return Shown(without(live_results(campaign, store, jury_shown=not hidden), private), hidden)


def without(results: Results, private: Collection[str]) -> Results:
    """The results without private participants' rows (ranks unchanged: they still count)."""
    if not private:
        return results
    return dataclasses.replace(
        results,
        entries=tuple(j for j in results.entries if j.entry.participant not in private),
        ranking=tuple(s for s in results.ranking if s.participant not in private),
    )


def rounds(campaign: Campaign, store: Store, results: Results) -> list[article_rounds.RoundResult] | None:
    """The contest's rounds of selection (None when it has none), from the stored marks: round 1 takes the
    eligible entries of `results`, each next round those that advanced."""
    contest = campaign.contest
    if contest is None or not contest.rounds or contest.jury is None:
        return None
    marks = ContestStore(store).marks(campaign, rounds=True)
    return article_rounds.run(contest.jury, contest.rounds, results, marks, seed=campaign.name)
