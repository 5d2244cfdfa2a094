"""One participant's own contributions: each article they edited with their numbers on it and the revisions
that show them, each file they uploaded. Pure: the same counted edits (outcome.counted_edits) and the same
per-edit numbers (outcome.Tally) as the campaign's outcome, cut to one user."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wikitally.metrics.outcome import Tally, counted_edits, upload_counts
from wikitally.model import Snapshot, Upload


@dataclass(frozen=True)
class ArticleContribution:
    wiki: str
    title: str
    created: bool  # the participant's counted edit created the page
    edits: int  # counted edits, reverted ones included (as `edits` everywhere)
    bytes_added: int
    words_added: int
    references_added: int
    first_parent: int  # the revision before their first counted edit (0: they created the page)
    last_rev: int  # their last counted edit: the diff first_parent → last_rev shows all they changed
    rev_ids: tuple[int, ...]  # every counted edit, oldest first


def contributions(
    snapshot: Snapshot, participants: frozenset[str] | None, user: str
) -> tuple[list[ArticleContribution], list[Upload]]:
    """The user's articles (by wiki, title) and counted uploads (by wiki, time, title)."""
    tallies: dict[tuple[str, int], Tally] = defaultdict(Tally)
    revs: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    titles: dict[tuple[str, int], str] = {}
    for rev, fact in counted_edits(snapshot, participants):
        if rev.user != user:
            continue
        key = (rev.wiki, rev.page_id)
        tallies[key].add_edit(rev, fact)
        revs[key].append((rev.rev_id, rev.parent_id))
        titles[key] = rev.title
    articles = []
    for key, tally in tallies.items():
        ordered = sorted(revs[key])
        articles.append(
            ArticleContribution(
                wiki=key[0],
                title=titles[key],
                created=key in tally.created,
                edits=tally.edits,
                bytes_added=tally.bytes_added,
                words_added=tally.words_added,
                references_added=tally.references_added,
                first_parent=ordered[0][1],
                last_rev=ordered[-1][0],
                rev_ids=tuple(r for r, _ in ordered),
            )
        )
    articles.sort(key=lambda a: (a.wiki, a.title))
    campaign = snapshot.campaign
    uploads = sorted(
        (u for u in snapshot.uploads if u.user == user and upload_counts(u, campaign, participants)),
        key=lambda u: (u.wiki, u.timestamp, u.title),
    )
    return articles, uploads
