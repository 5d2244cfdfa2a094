"""The photo jury on the web (issue 13): a juror's next photos, their votes, undo, flags and favourites; the
organizers' round page (allocation status, closing a round); juror aliases for public pages.

Votes go through the same PhotoStore as `photos votes import` (one store, one audit log). A round is closed
by an organizer's decision, kept in the audit log ("close" / "reopen"): a closed round takes no more votes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wikitally.errors import UsageError
from wikitally.judging.tally import value_in_range
from wikitally.model import Campaign, PhotoContest
from wikitally.services import photos as service
from wikitally.store import Store
from wikitally.store.photos import PhotoStore, StoredVote
from wikitally.usernames import normalize_username

PREFETCH = 3  # photos after the current one whose thumbnails the page asks the browser to fetch ahead
MARKS = ("flag", "favourite")
MAX_NOTE = 500


class JuryError(UsageError):
    """A juror's action the contest refuses (not a juror, a closed round, a value out of range …)."""


@dataclass(frozen=True)
class Shown:
    file: str
    thumb: str  # the thumbnail's URL


@dataclass(frozen=True)
class Queue:
    number: int
    kind: str
    closed: bool
    current: Shown | None
    ahead: list[Shown]  # prefetched
    done: int
    assigned: int
    can_undo: bool  # the juror has done something in the round ("undo" takes back their last vote)


def jurors_of(campaign: Campaign) -> list[str]:
    """The contest's jurors and the special nominations' own ones."""
    return list(service.contest_of(campaign).all_jurors())


def is_juror(campaign: Campaign, username: str | None, number: int | None = None) -> bool:
    """A juror of the contest or of one of its nominations; of round `number`'s part when given."""
    if campaign.photos is None or username is None:
        return False
    if number is not None:
        return normalize_username(username) in service.part_of(campaign.photos, number).contest.jurors
    return normalize_username(username) in campaign.photos.all_jurors()


def aliases(contest: PhotoContest) -> dict[str, int]:
    """juror → their number in public reports ("Juror 1" …): the order of `jurors` in the campaign file
    (the nominations' own jurors after the contest's)."""
    return {j: i for i, j in enumerate(contest.all_jurors(), start=1)}


def thumb_url(contest: PhotoContest, file: str, stored: str) -> str:
    """The stored thumbnail, else the wiki's Special:FilePath scaled (a redirect, no API request)."""
    if stored:
        return stored
    from urllib.parse import quote

    return f"https://{contest.wiki}/wiki/Special:FilePath/{quote(file.replace(' ', '_'))}?width=1280"


def closed_rounds(campaign: Campaign, store: Store) -> set[int]:
    """The rounds an organizer closed (the last close/reopen of each counts)."""
    out: set[int] = set()
    for _at, _actor, action, detail in PhotoStore(store).audit_of(campaign, ("close", "reopen")):
        number = int(detail.get("round", 0))
        if action == "close":
            out.add(number)
        else:
            out.discard(number)
    return out


def queue(campaign: Campaign, store: Store, number: int, juror: str) -> Queue:
    """What the juror's page shows: the current photo, the next ones to prefetch, progress, undo."""
    contest = service.contest_of(campaign)
    chosen = service.round_number(contest, number)
    photos = PhotoStore(store)
    # three short index reads in all (the page's budget: p99 ≤ 50 ms on PostgreSQL, bench/README.md)
    files = photos.next_shown(campaign, number, juror, 1 + PREFETCH)
    shown = [Shown(f, thumb_url(contest, f, url)) for f, url in files]
    done, assigned = photos.juror_progress(campaign, number, juror)
    return Queue(
        number,
        chosen.kind,
        number in closed_rounds(campaign, store),
        shown[0] if shown else None,
        shown[1:],
        done,
        assigned,
        done > 0,
    )


def _check(campaign: Campaign, store: Store, number: int, juror: str) -> str:
    contest = service.contest_of(campaign)
    service.round_number(contest, number)
    name = normalize_username(juror)
    if name not in service.part_of(contest, number).contest.jurors:
        raise JuryError(f"{juror}: not a juror of this round")
    if number in closed_rounds(campaign, store):
        raise JuryError(f"round {number} is closed")
    return name


def vote(
    campaign: Campaign, store: Store, number: int, juror: str, file: str, value: int, now: datetime
) -> None:
    """One juror's vote on a photo of their queue (yes = 1 / no = 0, or a rating 1–5)."""
    name = _check(campaign, store, number, juror)
    kind = service.round_number(service.contest_of(campaign), number).kind
    if kind == "ranking":
        raise JuryError("a ranking round takes a whole ranking")
    if not value_in_range(kind, value, 0):
        raise JuryError(f"value {value} is out of range for a {kind} round")
    if file not in PhotoStore(store).assigned(campaign, number, name, [file]):
        raise JuryError(f"{file}: not in {name}'s queue for round {number}")
    PhotoStore(store).save_votes(campaign, [StoredVote(number, name, file, value)], now, name)


def batches(campaign: Campaign, store: Store, number: int, juror: str) -> list[list[str]]:
    """A ranking round's photos of the juror in the queue's order, cut into the round's batches (one batch
    of all when the round has no `batch`)."""
    size = service.round_number(service.contest_of(campaign), number).batch
    files = PhotoStore(store).queue_files(campaign, number, juror)
    if not size or not files:
        return [files]
    return [files[i : i + size] for i in range(0, len(files), size)]


def open_batch(campaign: Campaign, store: Store, number: int, juror: str) -> int:
    """The batch (1 = the first) the juror's page opens: the first with a photo they have not ranked."""
    ranked = PhotoStore(store).juror_votes(campaign, number, juror)
    cut = batches(campaign, store, number, juror)
    return next((k for k, files in enumerate(cut, start=1) if any(f not in ranked for f in files)), 1)


def ballot(
    campaign: Campaign, store: Store, number: int, juror: str, batch: int = 1
) -> list[tuple[Shown, int | None]]:
    """A ranking round's photos of the juror (of one batch in a batched round), with the rank they gave
    (ranked first, best first; then the unranked ones in queue order)."""
    contest = service.contest_of(campaign)
    photos = PhotoStore(store)
    cut = batches(campaign, store, number, juror)
    files = cut[batch - 1] if 1 <= batch <= len(cut) else []
    ranks = photos.juror_votes(campaign, number, juror)
    urls = photos.thumbs(campaign, files) if files else {}
    order = sorted(range(len(files)), key=lambda i: (ranks.get(files[i]) is None, ranks.get(files[i], 0), i))
    return [
        (Shown(files[i], thumb_url(contest, files[i], urls.get(files[i], ""))), ranks.get(files[i]))
        for i in order
    ]


def rank(
    campaign: Campaign,
    store: Store,
    number: int,
    juror: str,
    order: Sequence[str],
    now: datetime,
    batch: int = 1,
) -> None:
    """A juror's ranking in a ranking round: `order` best first (rank = position), every photo of their
    queue once — or, in a batched round, every photo of their batch `batch` once (its ranks compare only
    the batch's photos: the vote's ballot is the batch's number)."""
    name = _check(campaign, store, number, juror)
    chosen = service.round_number(service.contest_of(campaign), number)
    if chosen.kind != "ranking":
        raise JuryError(f"round {number} is not a ranking round")
    cut = batches(campaign, store, number, name)
    if not 1 <= batch <= len(cut):
        raise JuryError(f"batch {batch}: the juror's queue has batches 1 to {len(cut)}")
    if sorted(order) != sorted(cut[batch - 1]):
        raise JuryError("the ranking must hold every photo of the juror's queue (or batch) once")
    ballot_no = batch if chosen.batch else 0
    votes = [StoredVote(number, name, f, i, ballot_no) for i, f in enumerate(order, start=1)]
    PhotoStore(store).save_votes(campaign, votes, now, name)


def undo(campaign: Campaign, store: Store, number: int, juror: str, now: datetime) -> StoredVote | None:
    """Take back the juror's last vote in the round (its photo comes back to the front of the queue)."""
    name = _check(campaign, store, number, juror)
    last = PhotoStore(store).last_vote(campaign, number, name)
    if last is not None:
        PhotoStore(store).undo_vote(campaign, number, name, last.file, now)
    return last


def mark(
    campaign: Campaign, store: Store, juror: str, file: str, kind: str, on: bool, note: str, now: datetime
) -> None:
    """A flag to the organizers (with a note, e.g. "possible copyright problem") or a favourite."""
    name = normalize_username(juror)
    if name not in service.contest_of(campaign).jurors:
        raise JuryError(f"{juror}: not a juror of this contest")
    if kind not in MARKS:
        raise JuryError(f"{kind}: not one of {', '.join(MARKS)}")
    if file not in PhotoStore(store).thumbs(campaign, [file]):  # one index read, not 30,000 entries
        raise JuryError(f"{file}: no such photo in the contest")
    PhotoStore(store).set_mark(campaign, name, file, kind, on, note.strip()[:MAX_NOTE], now)


# -- organizers -------------------------------------------------------------------------------------------


def close_round(
    campaign: Campaign, store: Store, number: int, by: str, now: datetime, reopen: bool = False
) -> None:
    """The organizers' decision to close a round with what there is (or to reopen it), logged."""
    service.round_number(service.contest_of(campaign), number)
    status = service.round_status(campaign, store, number)
    detail: dict[str, Any] = {
        "round": number,
        "missing": sum(status.effect.missing.values()),
        "advancing": len(status.effect.advancing),
    }
    PhotoStore(store).log(campaign, now, by, "reopen" if reopen else "close", detail)


def vote_log(campaign: Campaign, store: Store) -> list[tuple[datetime, str, str, dict[str, Any]]]:
    """Every juror action and organizers' decision, oldest first (real names: organizers only)."""
    return PhotoStore(store).audit(campaign)


def juror_table(campaign: Campaign, store: Store, number: int, real_names: bool) -> list[dict[str, Any]]:
    """Per-juror statistics of a round; in public, jurors are "Juror N" (their place in `jurors`)."""
    contest = service.contest_of(campaign)
    numbers = aliases(contest)
    status = service.round_status(campaign, store, number)
    rows = []
    for s in status.jurors:
        rows.append(
            {
                "juror": s.juror if real_names else None,
                "alias": numbers.get(s.juror, 0),
                "done": s.done,
                "assigned": s.assigned,
                "votes": s.votes,
                "mean": s.mean,
            }
        )
    return rows


# What a juror's `mean` is, by the round's kind (the statistics CSV names it).
MEASURES = {"yesno": "yes_share", "rating": "mean_rating", "ranking": "mean_rank"}
JUROR_STATS_COLUMNS = (
    "round",
    "juror",
    "alias",
    "assigned",
    "done",
    "votes",
    "measure",
    "mean",
    "first_vote",
    "last_vote",
    "flags",
    "favourites",
)


def juror_stats(campaign: Campaign, store: Store, number: int) -> list[dict[str, Any]]:
    """Each juror's work in a round, for the organizers (real names; never a public output): tasks assigned
    and done, votes standing, their share of yes / mean rating / mean rank given, when they first and last
    voted (UTC), and their flags and favourites on the round's photos. One row per juror of the contest,
    and per former juror who still has tasks or votes in the round."""
    contest = service.contest_of(campaign)
    status = service.round_status(campaign, store, number)
    photos = PhotoStore(store)
    spans = photos.vote_spans(campaign, number)
    in_round = set(status.files)
    marks: dict[tuple[str, str], int] = {}
    for juror, file, kind, _note, _at in photos.marks(campaign):
        if file in in_round:
            marks[juror, kind] = marks.get((juror, kind), 0) + 1
    numbers = aliases(contest)
    rows = []
    for s in status.jurors:
        first, last = spans.get(s.juror, (None, None))
        rows.append(
            {
                "round": number,
                "juror": s.juror,
                "alias": numbers.get(s.juror, 0),
                "assigned": s.assigned,
                "done": s.done,
                "votes": s.votes,
                "measure": MEASURES[status.round.kind],
                "mean": None if s.mean is None else round(s.mean, 4),
                "first_vote": None if first is None else first.isoformat(),
                "last_vote": None if last is None else last.isoformat(),
                "flags": marks.get((s.juror, "flag"), 0),
                "favourites": marks.get((s.juror, "favourite"), 0),
            }
        )
    return rows
