"""Several campaigns' snapshots → a program's numbers, each person and each thing counted once. Pure.

A program (a national 1lib1ref, CEE Spring) groups campaigns whose windows, wikis and people may overlap.
Adding up the campaigns' totals would count a person who took part in two of them twice, and a revision
two campaigns both count (overlapping windows on a shared wiki) twice. `roll_up` applies the campaign
rules (outcome.py: `counted_edits`, the upload rule, `new_editors`, `Tally`'s article rule) to each
campaign, then counts the union once:

- `participants`: distinct users with a counted edit or upload in any of the campaigns;
  `new_editors`: distinct users who are a new editor of at least one campaign they took part in.
- `edits`, `edits_reverted`, `bytes_added`, `words_added`, `references_*`: once per (wiki, rev_id). A copy
  tagged `mw-reverted` wins (the tag is added, never removed: that copy is the newer one); the text facts
  are the first campaign's that has them.
- `articles_*`: once per (wiki, page_id); a page created in one campaign and improved in another is created.
- `uploads`: once per (wiki, title); in use when any campaign found it in use.
- `wikidata_*` (when any of its campaigns counts an entity edit): once per (wiki, rev_id), as outcome.py
  counts them; an item created in one campaign and edited in another is one item created.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from wikitally.metrics.outcome import (
    Tally,
    compute,
    counted_edits,
    new_editors,
    upload_counts,
)
from wikitally.metrics.wikibase import wikibase_wikis
from wikitally.model import ContentFacts, EntityFacts, Revision, Snapshot, Upload

Counted = tuple[Revision, ContentFacts | None]


def roll_up(
    snapshots_with_participants: Iterable[tuple[Snapshot, frozenset[str] | None]], as_of: datetime
) -> dict[str, Any]:
    """The program's `totals` (the spine's 13 metrics), `by_campaign` rows (each campaign's own totals, in
    the order given) and `overlap` (people and revisions more than one campaign counts)."""
    edits: dict[tuple[str, int], Counted] = {}
    uploads: dict[tuple[str, str], Upload] = {}
    newcomers: set[str] = set()
    people_seen: Counter[str] = Counter()
    edits_seen: Counter[tuple[str, int]] = Counter()
    rows: list[dict[str, Any]] = []
    # Entity edits (a campaign's Wikibase namespaces), once per revision, with their entity facts if known.
    entity_edits: dict[tuple[str, int], EntityFacts | None] = {}
    for snapshot, participants in snapshots_with_participants:
        campaign = snapshot.campaign
        people: set[str] = set()
        entity_ns = wikibase_wikis(campaign, snapshot.siteinfo)
        entity_facts = {(f.wiki, f.rev_id): f for f in snapshot.entity_facts} if entity_ns else {}
        for rev, fact in counted_edits(snapshot, participants):
            key = (rev.wiki, rev.rev_id)
            edits[key] = _merge(edits.get(key), rev, fact)
            edits_seen[key] += 1
            people.add(rev.user)
            if rev.namespace in entity_ns.get(rev.wiki, ()):
                entity_edits[key] = entity_edits.get(key) or entity_facts.get(key)
        for up in snapshot.uploads:
            if upload_counts(up, campaign, participants):
                known = uploads.get((up.wiki, up.title))
                uploads[(up.wiki, up.title)] = known if known is not None and known.in_use else up
                people.add(up.user)
        newcomers |= people & new_editors(snapshot.accounts, campaign)
        people_seen.update(people)
        rows.append(
            {
                "name": campaign.name,
                "start": campaign.start.isoformat(),
                "end": campaign.end.isoformat(),
                "wikis": list(campaign.wikis),
                "totals": compute(snapshot, participants, as_of).totals,
            }
        )

    total = Tally()
    for key, (rev, fact) in edits.items():
        total.add_edit(rev, fact)
        if key in entity_edits:
            total.add_entity_edit(rev, entity_edits[key])
    for up in uploads.values():
        total.users.add(up.user)
        total.uploads += 1
        total.uploads_in_use += int(up.in_use)
    return {
        "as_of": as_of.isoformat(),
        "totals": {**total.as_metrics(newcomers), **(total.wikidata_metrics() if entity_edits else {})},
        "by_campaign": rows,
        "overlap": {
            "participants": sum(1 for n in people_seen.values() if n > 1),
            "edits": sum(1 for n in edits_seen.values() if n > 1),
        },
    }


def _merge(known: Counted | None, rev: Revision, fact: ContentFacts | None) -> Counted:
    """One revision counted by two campaigns: the reverted copy if either is, the first facts found."""
    if known is None:
        return rev, fact
    known_rev, known_fact = known
    kept = rev if rev.reverted and not known_rev.reverted else known_rev
    return kept, known_fact if known_fact is not None else fact
