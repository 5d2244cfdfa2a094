"""Where each participant did most: the wiki their thank-you message goes to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from wikitally.metrics.outcome import counted_edits
from wikitally.model import Snapshot


def home_wikis(
    snapshot: Snapshot, participants: frozenset[str] | None, order: Sequence[str]
) -> dict[str, str]:
    """Each participant → the campaign wiki with most of their counted edits plus uploads in the window;
    a tie goes to the wiki listed first in `order` (the campaign file's order)."""
    campaign = snapshot.campaign
    activity: Counter[tuple[str, str]] = Counter()
    for rev, _facts in counted_edits(snapshot, participants):
        activity[(rev.user, rev.wiki)] += 1
    for upload in snapshot.uploads:
        if (participants is None or upload.user in participants) and (
            campaign.start <= upload.timestamp <= campaign.end
        ):
            activity[(upload.user, upload.wiki)] += 1
    rank = {wiki: i for i, wiki in enumerate(order)}
    best: dict[str, tuple[tuple[int, int, str], str]] = {}
    for (user, wiki), n in activity.items():
        key = (-n, rank.get(wiki, len(rank)), wiki)
        if user not in best or key < best[user][0]:
            best[user] = (key, wiki)
    return {user: wiki for user, (_key, wiki) in best.items()}
