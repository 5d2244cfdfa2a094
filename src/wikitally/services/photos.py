"""Photo contests (issue 13): import a contest's files, check them, allocate, take votes, rank rounds.

The rules are pure (judging/); this module reads the wiki through collect/photos.py and keeps state in the
store (store/photos.py). Clock (`now`) and randomness (`seed`) come from the caller.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from wikitally.collect import photos as wiki_photos
from wikitally.errors import LineError, UsageError, escaped, shown
from wikitally.judging.photos import Photo, Verdict, verdicts
from wikitally.judging.rounds import Allocation, allocate
from wikitally.judging.tally import (
    Effect,
    RoundResult,
    Rule,
    TooManyToRank,
    Vote,
    closing_effect,
    run_rounds,
    value_in_range,
)
from wikitally.judging.wikitext import normalize_name
from wikitally.model import Campaign, PhotoContest, PhotoNomination, PhotoRound
from wikitally.reports.messages import N_
from wikitally.services.collection import SessionFactory
from wikitally.store import Store
from wikitally.store.photos import Override, PhotoStore, StoredVote
from wikitally.usernames import normalize_username

MAX_VOTES_BYTES = 256 * 1024 * 1024  # 30,000 photos × 10 jurors × a few rounds is a few tens of MB
COLUMNS = ("round", "juror", "file", "value")

# VOTES.csv refused: "FILE: line N: problem" in the reader's language (VotesFileError). Values from the file
# are data (shown(), quoted), never templates; round kinds, column names and reason codes stay as written.
# Translators: where in VOTES.csv an error is (the header is line 1)
VOTES_LINE = N_("line {line}")
# Translators: VOTES.csv is not UTF-8 text
VOTES_NOT_UTF8 = N_("is not UTF-8 text")
# Translators: the fix for "is not UTF-8 text"
VOTES_SAVE_UTF8 = N_("save it as UTF-8")
# Translators: VOTES.csv cannot be read as CSV; {reason} is Python's csv module's message (English)
VOTES_NOT_CSV = N_("not CSV ({reason})")
# Translators: VOTES.csv's first line; {columns} is round,juror,file,value (code), {found} the file's, quoted
VOTES_HEADER = N_("the header must name the columns {columns} (found {found})")
# Translators: a line of VOTES.csv has fewer fields than the header; {count} and {expected} are numbers
VOTES_FIELDS = N_("{count} fields, the header has {expected}")
# Translators: the `round` cell is not a round of the contest; {round} is the cell (quoted), {last} a number
VOTES_NOT_A_ROUND = N_("round {round} is not a round number 1–{last}")
# Translators: the `juror` cell names someone who is not a juror; photos.jurors is the campaign file's key
VOTES_NOT_A_JUROR = N_("{juror} is not a juror of this contest (photos.jurors)")
# Translators: as above for a special nomination's round; {key} is the campaign file's key (code)
VOTES_NOT_A_NOMINATION_JUROR = N_("{juror} is not a juror of this nomination ({key})")
# Translators: the `file` cell is no file of the photo contest; {file} is the name, quoted
VOTES_NOT_A_FILE = N_("{file} is not a file of this contest")
# Translators: the `file` cell is no file of the special nomination whose round the line names
VOTES_NOT_A_NOMINATION_FILE = N_("{file} is not a file of this nomination")
# Translators: the photo was deleted from the wiki; {file} is its name, quoted
VOTES_DELETED = N_("{file} is deleted")
# Translators: the photo may not be judged; {reasons} are codes such as too_small, duplicate (or override)
VOTES_NOT_ELIGIBLE = N_("{file} is not eligible ({reasons})")
# Translators: the photo is not in the round the line names; {round} is a number
VOTES_NOT_ADVANCED = N_("{file} did not advance to round {round}")
# Translators: a yes/no round's value is not yes or no (keep yesno, yes and no: they are what the file says)
VOTES_RANGE_YESNO = N_("value {value} is out of range for a yesno round (yes or no)")
# Translators: a rating round's value is not 1 … 5 (keep "rating": the round's kind as the file writes it)
VOTES_RANGE_RATING = N_("value {value} is out of range for a rating round (1 to 5)")
# Translators: a ranking round's value is not a rank 1 … {count} (keep "ranking": the round's kind)
VOTES_RANGE_RANK = N_("value {value} is out of range for a ranking round (a rank 1 to {count})")
# Translators: one juror gives two values to one photo in one VOTES.csv; {other} is the other line's number
VOTES_TWICE = N_("{file} has another value from {juror} on line {other}")


class VotesFileError(LineError, UsageError):
    """VOTES.csv is wrong: "FILE: line N: problem" (or "FILE: problem; fix"), in the reader's language where
    the CLI knows it (a CampaignFileError); a UsageError to the callers that catch those."""

    line_template = VOTES_LINE


def contest_of(campaign: Campaign) -> PhotoContest:
    if campaign.photos is None:
        raise UsageError(
            f"{campaign.source}: the campaign has no [photos] table; add one (see docs/photos.md)"
        )
    return campaign.photos


# -- import -------------------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    files: int = 0  # in the categories now
    fetched: int = 0  # new or changed files whose metadata was read
    deleted: int = 0
    left: int = 0  # left the categories
    listing_requests: int = 0
    metadata_requests: int = 0
    notes: list[str] = field(default_factory=list)


def import_photos(campaign: Campaign, store: Store, sessions: SessionFactory, now: datetime) -> ImportSummary:
    """Bring the stored files up to date: only files new or changed since the last import are read again
    (by their file page's revision); files gone from the categories are deleted or have left them."""
    contest = contest_of(campaign)
    photos = PhotoStore(store)
    summary = ImportSummary()
    counter = {"n": 0}
    with sessions(contest.wiki, campaign.api_url(contest.wiki)) as session:
        session.on_request = lambda total: counter.__setitem__("n", counter["n"] + 1)
        categories = wiki_photos.subcategories(session, contest.categories, contest.depth)
        listed = wiki_photos.members(session, categories)
        parts: dict[int, set[str]] = {pid: {""} for pid in listed}
        for nomination in contest.nominations:  # special nominations with categories of their own
            if nomination.categories:
                own = wiki_photos.subcategories(session, nomination.categories, nomination.depth)
                for pid, member in wiki_photos.members(session, own).items():
                    listed.setdefault(pid, member)
                    parts.setdefault(pid, set()).add(nomination.name)
        summary.listing_requests = counter["n"]
        known = photos.revisions(campaign)
        changed = [
            pid
            for pid, member in listed.items()
            if pid not in known or known[pid][0] != member.last_rev_id or known[pid][1] or not known[pid][2]
        ]
        before = counter["n"]
        fetched = list(wiki_photos.photos(session, sorted(changed), contest.site_template))
        summary.metadata_requests = counter["n"] - before
        gone = sorted(
            pid for pid, (_, deleted, inside) in known.items() if pid not in listed and inside and not deleted
        )
        deleted = wiki_photos.missing(session, gone) if gone else set()
    photos.save_entries(campaign, fetched)
    photos.set_parts(campaign, parts)
    photos.mark(campaign, sorted(deleted), deleted=True)
    photos.mark(campaign, sorted(set(gone) - deleted), deleted=False)
    summary.files, summary.fetched = len(listed), len(fetched)
    summary.deleted = len(deleted) + sum(1 for p, _ in fetched if p.deleted)
    summary.left = len(gone) - len(deleted)
    photos.log(campaign, now, "import", "import", {"files": summary.files, "fetched": summary.fetched})
    leave_queues(campaign, store, now)
    return summary


# -- verdicts and rounds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """The contest's own rounds, or a special nomination's, as a contest of their own: its jurors and
    rounds (numbered from 1 inside the part); round `offset + n` of the campaign is its round n."""

    contest: PhotoContest
    offset: int
    nomination: PhotoNomination | None = None

    @property
    def key(self) -> str:
        """What Photo.parts holds for the part's files ("" : the contest's categories)."""
        return self.nomination.name if self.nomination is not None and self.nomination.categories else ""

    @property
    def media(self) -> str:
        return self.nomination.media if self.nomination is not None else "image"


def parts(contest: PhotoContest) -> list[Part]:
    """The contest's own rounds, then each special nomination's (its rounds numbered after those before)."""
    out, offset = [Part(contest, 0)], len(contest.rounds)
    for nomination in contest.nominations:
        own = replace(contest, jurors=nomination.jurors, rounds=nomination.rounds, nominations=())
        out.append(Part(own, offset, nomination))
        offset += len(nomination.rounds)
    return out


def part_of(contest: PhotoContest, number: int) -> Part:
    """The part round `number` belongs to (checked: a round of the campaign)."""
    round_number(contest, number)
    return next(p for p in reversed(parts(contest)) if number > p.offset)


def round_title(contest: PhotoContest, number: int) -> str:
    """A round's name as pages show it: a special nomination's rounds carry the nomination's name."""
    round_number(contest, number)
    _n, chosen, nomination = contest.all_rounds()[number - 1]
    return chosen.name if nomination is None else f"{nomination.name}: {chosen.name}"


def current_verdicts(
    campaign: Campaign, store: Store, part: Part | None = None
) -> tuple[list[Photo], list[Verdict]]:
    """The files of the contest (or of a special nomination) with their verdicts."""
    contest = contest_of(campaign)
    part = part or Part(contest, 0)
    photos = PhotoStore(store)
    entries = [p for p in photos.entries(campaign) if p.in_part(part.key)]
    overrides = {o.file: o.eligible for o in photos.overrides(campaign)}  # oldest first: the last one counts
    judged = verdicts(entries, part.contest, campaign.start, campaign.end, overrides, part.media)
    return entries, judged


def rules(contest: PhotoContest) -> list[Rule]:
    """The contest's own rounds (a Part's contest: that part's rounds)."""
    return [Rule(r.kind, r.quorum, r.advance) for r in contest.rounds]


def votes_by_round(stored: Sequence[StoredVote], offset: int = 0) -> dict[int, list[Vote[str]]]:
    """Votes by round inside a part (campaign round offset + n → n; other parts' rounds left out)."""
    out: dict[int, list[Vote[str]]] = {}
    for v in stored:
        if v.round > offset:
            out.setdefault(v.round - offset, []).append(Vote(v.juror, v.file, v.value, v.ballot))
    return out


def round_number(contest: PhotoContest, number: int) -> PhotoRound:
    """Round `number` of the campaign: the contest's rounds, then the special nominations' (all_rounds)."""
    every = contest.all_rounds()
    if not 1 <= number <= len(every):
        raise UsageError(f"--round {number}: the contest has rounds 1 to {len(every)}; pick one of them")
    return every[number - 1][1]


def _chain(
    contest: PhotoContest,
    eligible: list[str],
    votes: dict[int, list[Vote[str]]],
    number: int,
    totals: dict[int, dict[str, tuple[int, int]]] | None = None,
) -> list[tuple[tuple[str, ...], RoundResult[str]]]:
    try:
        return run_rounds(rules(contest), eligible, votes, number, totals)
    except TooManyToRank as e:
        raise UsageError(
            f"{contest_name(contest)}: {e}; put a yes/no or rating round with a smaller `advance` before it"
        ) from None


def contest_name(contest: PhotoContest) -> str:
    return f"[photos] of {contest.wiki}"


@dataclass(frozen=True)
class Results:
    entries: list[tuple[Photo, Verdict]]
    round: PhotoRound
    number: int
    files: tuple[str, ...]  # the round's photos
    result: RoundResult[str]
    nomination: PhotoNomination | None = None  # the special nomination the round belongs to


def results(campaign: Campaign, store: Store, number: int, in_sql: bool = True) -> Results:
    """The round's ranking (and the rounds before it, which decide its photos) and every file's verdict.
    Yes/no and rating rounds are scored from per-photo totals the database sums (one GROUP BY each);
    only ranking rounds (hundreds of photos at most) read their votes. in_sql=False reads every vote
    (the earlier path, kept as the benchmark's baseline)."""
    contest = contest_of(campaign)
    chosen = round_number(contest, number)
    part = part_of(contest, number)
    local = number - part.offset  # the round's number inside its part
    entries, judged = current_verdicts(campaign, store, part)
    eligible = [v.file for v in judged if v.eligible]
    photos = PhotoStore(store)
    if in_sql:
        kinds = {n: r.kind for n, r in enumerate(part.contest.rounds[:local], start=1)}
        totals = {
            n: photos.vote_totals(campaign, part.offset + n) for n, k in kinds.items() if k != "ranking"
        }
        ranked = [
            v for n, k in kinds.items() if k == "ranking" for v in photos.votes(campaign, part.offset + n)
        ]
        votes = votes_by_round(ranked, part.offset)
        chain = _chain(part.contest, eligible, votes, local, totals)
    else:
        chain = _chain(part.contest, eligible, votes_by_round(photos.votes(campaign), part.offset), local)
    files, result = chain[-1]
    return Results(list(zip(entries, judged, strict=True)), chosen, number, files, result, part.nomination)


def results_json(r: Results) -> dict[str, Any]:
    """The fixed contract's JSON shape (issue 13)."""
    return {
        "entries": [
            {
                "file": p.file,
                "uploader": p.uploader,
                "eligible": v.eligible,
                "reasons": list(v.reasons),
                "site": v.site,
            }
            for p, v in r.entries
        ],
        "round": {
            "name": r.round.name,
            "kind": r.round.kind,
            "votes": r.result.votes,
            "complete": r.result.complete,
            "ranking": [{"rank": p.rank, "file": p.entry, "score": p.score} for p in r.result.ranking],
            # a special nomination's round says which (the contest's own rounds have no such key)
            **({"nomination": r.nomination.name} if r.nomination is not None else {}),
        },
    }


# -- the list for the international round ------------------------------------------------------------

NOMINATED_COLUMNS = ("rank", "file", "uploader", "uploaded", "site", "site_label", "width", "height", "score")


def nominated(campaign: Campaign, store: Store, number: int | None = None) -> dict[str, Any]:
    """What a national team sends on: the top `advance` photos (ties included) of round `number` (the last
    round when None), with their uploader, first upload time (UTC), site ID and the site list's label.
    `complete` says whether every photo of the round has its quorum (an incomplete round may still change)."""
    contest = contest_of(campaign)
    number = len(contest.rounds) if number is None else number
    r = results(campaign, store, number)
    photos = {p.file: (p, v) for p, v in r.entries}
    labels = {s.id: s.label for s in contest.sites or ()}
    rows = []
    for ranked in r.result.ranking:
        if ranked.rank > r.round.advance:
            break
        photo, verdict = photos[ranked.entry]
        rows.append(
            {
                "rank": ranked.rank,
                "file": photo.file,
                "uploader": photo.uploader,
                "uploaded": photo.uploaded.astimezone(UTC).isoformat(),
                "site": verdict.site,
                "site_label": labels.get(verdict.site) if verdict.site is not None else None,
                "width": photo.width,
                "height": photo.height,
                "score": ranked.score,
            }
        )
    return {
        "contest": campaign.name,
        "round": {
            "number": number,
            "name": r.round.name,
            "advance": r.round.advance,
            **({"nomination": r.nomination.name} if r.nomination is not None else {}),
        },
        "complete": r.result.complete,
        "nominated": rows,
    }


# -- allocation ---------------------------------------------------------------------------------------


def allocate_round(
    campaign: Campaign,
    store: Store,
    number: int,
    seed: int,
    now: datetime,
    actor: str = "organizer",
    without: Sequence[str] = (),
) -> Allocation[str]:
    """(Re-)deal the round's unfinished work: done votes stay, everything else is dealt again to the
    contest's current jurors (but `without`: jurors whose unfinished work goes to the others) with its
    current quorum."""
    whole = contest_of(campaign)
    contest = part_of(whole, number).contest  # the round's own jurors
    chosen = round_number(whole, number)
    r = results(campaign, store, number)
    owners = {p.file: p.uploader for p, _ in r.entries}
    voted: dict[str, set[str]] = {}
    in_round = set(r.files)
    for v in PhotoStore(store).votes(campaign, number):
        if v.file in in_round:
            voted.setdefault(v.file, set()).add(v.juror)
    current = PhotoStore(store).open_tasks(campaign, number)
    left_out = {normalize_username(j) for j in without}
    unknown = sorted(left_out - set(contest.jurors))
    if unknown:
        raise UsageError(f"--without {shown(unknown[0])}: not a juror of this contest (photos.jurors)")
    allocation = allocate(
        list(r.files),
        [j for j in contest.jurors if j not in left_out],
        chosen.quorum,
        random.Random(seed),
        owners=owners,
        voted=voted,
        current=current,
    )
    PhotoStore(store).replace_tasks(campaign, number, allocation.queues, now, actor)
    return allocation


@dataclass(frozen=True)
class JurorStats:
    juror: str
    done: int  # tasks voted on
    assigned: int  # tasks in all
    votes: int  # votes cast in the round (imported ones too)
    mean: float | None  # share of yes, or mean rating, or mean rank given


@dataclass(frozen=True)
class Status:
    round: PhotoRound
    number: int
    photos: int
    jurors: list[JurorStats]
    effect: Effect[str]
    files: tuple[str, ...] = ()  # the round's photos


def round_status(campaign: Campaign, store: Store, number: int) -> Status:
    """Where a round stands, before closing it: each juror's progress, the photos lacking votes, and which
    of them could still cross the cut (closing now keeps the cut as it stands)."""
    whole = contest_of(campaign)
    contest = part_of(whole, number).contest  # the round's own jurors
    chosen = round_number(whole, number)
    r = results(campaign, store, number)
    in_round = set(r.files)
    votes = [v for v in PhotoStore(store).votes(campaign, number) if v.file in in_round]
    effect = closing_effect(
        chosen.kind,
        list(r.files),
        [Vote(v.juror, v.file, v.value) for v in votes],
        chosen.quorum,
        chosen.advance,
    )
    progress = PhotoStore(store).progress(campaign, number)
    stats = []
    for juror in dict.fromkeys([*contest.jurors, *progress]):
        mine = [v.value for v in votes if v.juror == juror]
        done, assigned = progress.get(juror, (0, 0))
        mean = sum(mine) / len(mine) if mine else None
        stats.append(JurorStats(juror, done, assigned, len(mine), mean))
    return Status(chosen, number, len(r.files), stats, effect, r.files)


def leave_queues(campaign: Campaign, store: Store, now: datetime) -> None:
    """Deleted or newly ineligible photos leave every juror's queue at once (their open tasks go)."""
    contest = contest_of(campaign)
    photos = PhotoStore(store)
    for number in range(1, len(contest.all_rounds()) + 1):
        open_tasks = photos.open_tasks(campaign, number)
        if not open_tasks:
            continue
        in_round = set(results(campaign, store, number).files)
        stale = sorted(f for f in open_tasks if f not in in_round)
        if stale:
            photos.drop_tasks(campaign, number, stale, now, "import")


# -- overrides ----------------------------------------------------------------------------------------


def override(
    campaign: Campaign, store: Store, file: str, eligible: bool, reason: str, by: str, now: datetime
) -> Verdict:
    name = normalize_name(_strip_namespace(file))
    found = {p.file: p for p in PhotoStore(store).entries(campaign)}.get(name)  # any part's file
    if found is None:
        raise UsageError(f"{shown(file)}: no such file in the contest; check the name (without File:)")
    if found.deleted:
        raise UsageError(f"{shown(file)}: the file is deleted; a deleted file cannot be judged")
    if not reason.strip():
        raise UsageError("--reason: give the reason for the override (it is logged)")
    PhotoStore(store).add_override(campaign, Override(name, eligible, reason.strip(), by, now))
    leave_queues(campaign, store, now)
    # the verdict where the file is judged first: the contest's, else a nomination's
    for part in parts(contest_of(campaign)):
        judged = [v for v in current_verdicts(campaign, store, part)[1] if v.file == name]
        if judged:
            return judged[0]
    return Verdict(name, eligible, (), found.site)


# -- votes ----------------------------------------------------------------------------------------------


def _strip_namespace(name: str) -> str:
    head, sep, tail = name.partition(":")
    if sep and normalize_name(head).lower() in ("file", "image"):
        return tail
    return name


def parse_value(kind: str, raw: str) -> int | None:
    text = raw.strip().lower()
    if kind == "yesno":
        return {"yes": 1, "no": 0}.get(text)
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def import_votes(campaign: Campaign, store: Store, path: str, raw: bytes, now: datetime) -> int:
    """Check every line of VOTES.csv, then save them all (or, on the first bad line, nothing)."""
    contest = contest_of(campaign)
    photos = PhotoStore(store)

    def bad(line: int, template: str, **params: object) -> VotesFileError:
        return VotesFileError(path, line, template, **params)

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VotesFileError(path, None, VOTES_NOT_UTF8, VOTES_SAVE_UTF8) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as e:
        raise bad(1, VOTES_NOT_CSV, reason=str(e)) from None
    if any(c not in header for c in COLUMNS):
        raise bad(1, VOTES_HEADER, columns=",".join(COLUMNS), found=shown(",".join(header)))
    at = {c: header.index(c) for c in COLUMNS}
    every = len(contest.all_rounds())
    part_by_round = {n: part_of(contest, n) for n in range(1, every + 1)}
    rows: list[tuple[int, int, str, str, str]] = []  # line, round, juror, file, raw value
    line = reader.line_num + 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) < len(header):
                raise bad(start, VOTES_FIELDS, count=len(record), expected=len(header))
            cells = {c: record[at[c]] for c in COLUMNS}
            round_text = cells["round"].strip()
            if not round_text.isascii() or not round_text.isdigit() or not 1 <= int(round_text) <= every:
                raise bad(start, VOTES_NOT_A_ROUND, round=shown(cells["round"]), last=every)
            juror = normalize_username(cells["juror"])
            part = part_by_round[int(round_text)]
            if juror not in part.contest.jurors:
                if part.nomination is None:
                    raise bad(start, VOTES_NOT_A_JUROR, juror=shown(cells["juror"]))
                field = f"photos.nomination[{contest.nominations.index(part.nomination) + 1}].jurors"
                raise bad(start, VOTES_NOT_A_NOMINATION_JUROR, juror=shown(cells["juror"]), key=field)
            rows.append(
                (
                    start,
                    int(round_text),
                    juror,
                    normalize_name(_strip_namespace(cells["file"])),
                    cells["value"],
                )
            )
    except csv.Error as e:
        raise bad(line, VOTES_NOT_CSV, reason=str(e)) from None

    stored = photos.votes(campaign)
    # (round, juror, file) → (value, ballot): an imported rank is one ranking of all (ballot 0)
    merged: dict[tuple[int, str, str], tuple[int, int]] = {
        (v.round, v.juror, v.file): (v.value, v.ballot) for v in stored
    }
    new: dict[tuple[int, str, str], tuple[int, int]] = {}  # key → (value, line)
    judged_in: dict[int, list[Verdict]] = {}  # by part (its offset): a nomination judges by its own media
    for number in sorted({r[1] for r in rows}):
        part = part_by_round[number]
        if part.offset not in judged_in:
            judged_in[part.offset] = current_verdicts(campaign, store, part)[1]
        by_file = {v.file: v for v in judged_in[part.offset]}
        eligible = [v.file for v in judged_in[part.offset] if v.eligible]
        # the round's photos follow from the earlier rounds' votes, this file's included
        votes = votes_by_round(
            [StoredVote(r, j, f, val, b) for (r, j, f), (val, b) in merged.items()], part.offset
        )
        chain = _chain(part.contest, eligible, votes, number - part.offset)
        in_round = set(chain[-1][0])
        kind = round_number(contest, number).kind
        for start, rnd, juror, file, raw_value in rows:
            if rnd != number:
                continue
            verdict = by_file.get(file)
            if verdict is None:
                missing = VOTES_NOT_A_FILE if part.nomination is None else VOTES_NOT_A_NOMINATION_FILE
                raise bad(start, missing, file=shown(file))
            if "deleted" in verdict.reasons:
                raise bad(start, VOTES_DELETED, file=shown(file))
            if not verdict.eligible:
                reasons = ", ".join(verdict.reasons) or "override"
                raise bad(start, VOTES_NOT_ELIGIBLE, file=shown(file), reasons=reasons)
            if file not in in_round:
                raise bad(start, VOTES_NOT_ADVANCED, file=shown(file), round=number)
            value = parse_value(kind, raw_value)
            if value is None or not value_in_range(kind, value, len(in_round)):
                out_of_range = {"yesno": VOTES_RANGE_YESNO, "rating": VOTES_RANGE_RATING}.get(
                    kind, VOTES_RANGE_RANK
                )
                raise bad(start, out_of_range, value=shown(raw_value), count=len(in_round))
            key = (number, juror, file)
            if key in new and new[key][0] != value:
                raise bad(start, VOTES_TWICE, file=shown(file), juror=shown(juror), other=new[key][1])
            new[key] = (value, start)
            merged[key] = (value, 0)
    changes = [StoredVote(r, j, f, val) for (r, j, f), (val, _) in new.items()]
    photos.save_votes(campaign, changes, now, "import", escaped(path))
    # votes count toward quorum whoever cast them: a photo that has its quorum leaves the other queues
    for number in sorted({r for r, _, _ in new}):
        quorum = round_number(contest, number).quorum
        count: dict[str, int] = {}
        for r, _, f in merged:
            if r == number:
                count[f] = count.get(f, 0) + 1
        full = sorted(f for f in photos.open_tasks(campaign, number) if count.get(f, 0) >= quorum)
        if full:
            photos.drop_tasks(campaign, number, full, now, "import")
    return len(changes)
