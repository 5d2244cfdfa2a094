"""The jury in the web app (docs/contests.md, "The jury in the web app"): each juror's queue of articles,
marking with comments, conflicts of interest, hidden marks, consensual mode, closing and re-opening.

The queue is built from the contest's results once per collection (and per version of the `[contest]`
table) into the store, so a juror's "next article" is one indexed query however big the contest. Marks are
the contest's own: the web and `contest marks import` write the same rows and the same audit log."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from wikitally.errors import WikitallyError
from wikitally.judging.jury import Mark, MarkError, check_mark, visible_marks
from wikitally.judging.results import Results, judge, number
from wikitally.judging.rules import Context
from wikitally.judging.spec import Jury, Part, Round
from wikitally.metrics.outcome import counted_edits
from wikitally.model import Campaign
from wikitally.reports import contest as contest_report
from wikitally.services import contests
from wikitally.store import Store
from wikitally.store.contests import ContestStore
from wikitally.store.jury import Closing, JuryStore, QueueArticle


class JuryError(WikitallyError):
    """A mark or a closing the jury's rules refuse; `reason` names which rule (the web shows it)."""

    exit_code = 2

    def __init__(self, reason: str, message: str, detail: MarkError | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.detail = detail  # a refused value: which part, what it takes (its template, for translation)


def jury_of(campaign: Campaign) -> Jury:
    contest = contests.contest_of(campaign)
    if contest.jury is None:
        raise JuryError("no_jury", f"{campaign.source}: contest.jury: the contest has no [contest.jury]")
    return contest.jury


def is_juror(campaign: Campaign, username: str | None) -> bool:
    contest = campaign.contest
    return bool(username and contest and contest.jury and username in contest.jury.jurors)


# -- the queue ------------------------------------------------------------------------------------------


def _source(campaign: Campaign, store: Store) -> str:
    last = store.last_collected(campaign)
    digest = hashlib.sha256(repr(campaign.contest).encode()).hexdigest()[:16]
    return f"{last.isoformat() if last else '-'}|{digest}"


def _results(
    campaign: Campaign, store: Store
) -> tuple[Results, dict[tuple[str, str], tuple[int | None, ...]]]:
    """contests.results, keeping what the participants' verdicts need: each article's words and
    references at the end of the window, and the revisions its diff spans."""
    contest = contests.contest_of(campaign)
    snapshot = store.snapshot(campaign)
    participants = store.participants(campaign)
    entries, articles = contests.contest_entries(
        contest, campaign, snapshot, participants, ContestStore(store)
    )
    ctx = Context(
        participants=participants,
        registrations=contests.registrations(snapshot),
        translation_tags=campaign.translation_tags,
        worklist=snapshot.worklist,
    )
    by_title = {(a.wiki, a.title): a for a in articles.values()}
    result = judge(contest, entries, by_title, ContestStore(store).marks(campaign), ctx)
    span: dict[tuple[str, int], list[int]] = {}
    for rev, _ in counted_edits(snapshot, participants):
        first_last = span.setdefault((rev.wiki, rev.page_id), [rev.parent_id, rev.rev_id])
        first_last[1] = rev.rev_id  # counted_edits yields in rev_id order
    facts: dict[tuple[str, str], tuple[int | None, ...]] = {}
    for (wiki, page_id), a in articles.items():
        first, last = span.get((wiki, page_id), [0, 0])
        facts[(wiki, a.title)] = (page_id, first, last, a.words, a.references)
    return result, facts


def build_queue(campaign: Campaign, store: Store, now: datetime) -> int:
    """(Re)build the queue (also what participants' pages show of their entries) from the results: one row per article with an entry that still exists, in
    (wiki, title) order; a juror who edited an article (any stored revision of the campaign) conflicts.
    Returns the number of articles."""
    contest = contests.contest_of(campaign)
    result, facts = _results(campaign, store)
    by_article: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for j in result.entries:
        if j.entry.deleted:
            continue
        by_article[j.entry.article].append(
            {
                "participant": j.entry.participant,
                "numbers": dict(j.entry.numbers),
                "eligible": j.eligible,
                "failed": list(j.failed),
                "warnings": list(j.warnings),
                "info": list(j.info),
                "points": number(j.points),
            }
        )
    queue: list[QueueArticle] = []
    for i, ((wiki, title), entries) in enumerate(sorted(by_article.items())):
        page_id, first, last, words, refs = facts.get((wiki, title), (None, 0, 0, None, None))
        queue.append(
            QueueArticle(wiki, title, i, page_id, first or 0, last or 0, words, refs, tuple(entries))
        )
    jurors = frozenset(contest.jury.jurors) if contest.jury else frozenset()
    titles = {(a.wiki, a.page_id): a.title for a in queue if a.page_id is not None}
    conflicts = {
        (rev.user, rev.wiki, titles[(rev.wiki, rev.page_id)])
        for rev in store.snapshot(campaign).revisions
        if rev.user in jurors and (rev.wiki, rev.page_id) in titles
    }
    JuryStore(store).replace_queue(
        campaign,
        _source(campaign, store),
        queue,
        conflicts,
        now,
        jurors=contest.jury.jurors if contest.jury else (),
        shared=bool(contest.jury and contest.jury.mode == "consensual"),
    )
    return len(queue)


def ensure_queue(campaign: Campaign, store: Store, now: datetime) -> None:
    """Build the queue when a collection (or a change to the [contest] table) made it stale."""
    if JuryStore(store).built_from(campaign) != _source(campaign, store):
        build_queue(campaign, store, now)


def next_article(
    campaign: Campaign, store: Store, juror: str, after: int | None = None
) -> QueueArticle | None:
    jury = jury_of(campaign)
    return JuryStore(store).next_article(campaign, juror, after, shared=jury.mode == "consensual")


@dataclass(frozen=True)
class Progress:
    juror: str
    marked: int
    conflicts: int
    total: int

    @property
    def left(self) -> int:
        return max(self.total - self.marked - self.conflicts, 0)


def progress(campaign: Campaign, store: Store) -> list[Progress]:
    """Each juror's progress (articles marked, articles they may not mark, of the queue's total). In
    consensual mode an article anyone marked counts for everyone."""
    jury = jury_of(campaign)
    total, marked, conflicts = JuryStore(store).progress(campaign)
    if jury.mode == "consensual":
        shared = ContestStore(store).marked_articles(campaign)
        marked = dict.fromkeys(jury.jurors, min(shared, total))
    return [Progress(j, marked.get(j, 0), conflicts.get(j, 0), total) for j in jury.jurors]


# -- rounds of selection ([[contest.round]]) -------------------------------------------------------------

# The contest's results per collection and [contest] version (which entries are eligible does not depend on
# the marks): the juror's page of a round re-runs only the rounds' ranking, not the rules, on each view.
_RESULTS: dict[tuple[str, str], Results] = {}
_RESULTS_KEPT = 8
# The rounds themselves, per that and the marks' version (ContestStore.changes): views between two marks
# re-rank nothing.
_ROUNDS: dict[tuple[str, str, int], list[JuryRound]] = {}


@dataclass(frozen=True)
class JuryRound:
    """A [[contest.round]] as the web jury marks it: its number (1 = the first), its parts, its articles
    (wiki, title) and whether every entry has `min_marks` jurors' marks."""

    number: int
    round: Round
    parts: tuple[Part, ...]
    articles: frozenset[tuple[str, str]]
    complete: bool


def jury_rounds(campaign: Campaign, store: Store) -> list[JuryRound]:
    """The contest's rounds from the stored marks (none without [[contest.round]]): round 1 takes the
    eligible entries, each next round those that advanced, as `contest results` ranks them."""
    from wikitally.services import contest_outputs  # it asks this module whether marking is closed

    contest = contests.contest_of(campaign)
    if not contest.rounds or contest.jury is None:
        return []
    key = (campaign.name, _source(campaign, store))
    version = ContestStore(store).changes(campaign)
    kept = _ROUNDS.get((*key, version))
    if kept is not None:
        return kept
    result = _RESULTS.get(key)
    if result is None:
        result = contests.results(campaign, store)
        while len(_RESULTS) >= _RESULTS_KEPT:
            _RESULTS.pop(next(iter(_RESULTS)))
        _RESULTS[key] = result
    ranked = contest_outputs.rounds(campaign, store, result) or []
    out = []
    for n, r in enumerate(ranked, start=1):
        names = set(r.round.parts) or {p.name for p in contest.jury.parts}
        parts = tuple(p for p in contest.jury.parts if p.name in names)
        articles = frozenset((x.entry.wiki, x.entry.title) for x in r.ranking)
        out.append(JuryRound(n, r.round, parts, articles, r.complete))
    while len(_ROUNDS) >= _RESULTS_KEPT:
        _ROUNDS.pop(next(iter(_ROUNDS)))
    _ROUNDS[(*key, version)] = out
    return out


def open_round(rounds: list[JuryRound]) -> JuryRound | None:
    """The round a juror marks by default: the first one still short of marks, else the last."""
    return next((r for r in rounds if not r.complete), rounds[-1] if rounds else None)


@dataclass(frozen=True)
class Standing:
    """Where a juror stands in a round: read once per page view."""

    round: JuryRound
    marked: frozenset[tuple[str, str]]  # (wiki, title) of the articles they marked in the round
    barred: frozenset[tuple[str, str]]  # articles they edited (any round: they may mark none of them)

    @property
    def progress(self) -> tuple[int, int]:
        """(articles of the round they marked in it, articles of the round they may mark)."""
        mine = self.round.articles - self.barred
        return len(self.marked & mine), len(mine)


def standing(campaign: Campaign, store: Store, juror: str, chosen: JuryRound) -> Standing:
    js = JuryStore(store)
    marked = js.marked_in_round(campaign, juror, chosen.round.name)
    return Standing(chosen, frozenset(marked), frozenset(js.conflicts_of(campaign, juror)))


def next_in_round(
    campaign: Campaign, store: Store, where: Standing, after: int | None = None
) -> QueueArticle | None:
    """The juror's next article of the round (by queue order, after `after` and then from the start): one
    of the round's articles they have not marked in it and did not edit."""
    left = where.round.articles - where.marked - where.barred
    todo = [a for a in JuryStore(store).articles(campaign) if (a.wiki, a.title) in left]
    later = [a for a in todo if after is not None and a.ord > after]
    return later[0] if later else (todo[0] if todo else None)


# -- marking --------------------------------------------------------------------------------------------


def closing(campaign: Campaign, store: Store) -> Closing | None:
    """The closing in force (marking closed), or None while marking is open."""
    return JuryStore(store).closing(campaign)


def refuse_if_closed(campaign: Campaign, store: Store) -> None:
    found = closing(campaign, store)
    if found is not None:
        raise JuryError(
            "closed",
            f"{campaign.source}: marking was closed (version {found.version}); organizers re-open it first",
        )


def shown_marks(
    campaign: Campaign, store: Store, viewer: str, wiki: str, title: str, round_name: str = ""
) -> list[Mark]:
    """The marks of one article that `viewer` may see: with `hidden`, only their own until closing.
    round_name: those given in that [[contest.round]] ("" : outside any round)."""
    jury = jury_of(campaign)
    marks = JuryStore(store).article_marks(campaign, wiki, title, round_name)
    if jury.mode == "consensual":
        return marks  # one shared mark: whoever set it, it is the jury's
    return visible_marks(jury, marks, viewer, closing(campaign, store) is not None)


def save(
    campaign: Campaign,
    store: Store,
    juror: str,
    wiki: str,
    title: str,
    values: Mapping[str, str],
    comment: str,
    now: datetime,
    chosen: JuryRound | None = None,
) -> int:
    """A juror's marks (every part, or the round's parts in `chosen`, marked with its name) and comment on
    one article; JuryError (reason: not_juror, closed, unknown, conflict, value) refuses it whole.
    Consensual mode replaces the other jurors' marks on the article. Returns how many marks changed; each
    change is in the audit log."""
    jury = jury_of(campaign)
    if juror not in jury.jurors:
        raise JuryError("not_juror", f"{juror!r} is not in [contest.jury] jurors")
    refuse_if_closed(campaign, store)
    js = JuryStore(store)
    if js.article(campaign, wiki, title) is None:
        raise JuryError("unknown", f"{wiki} {title!r} is not in the jury's queue")
    if js.conflicted(campaign, juror, wiki, title):
        raise JuryError("conflict", f"{juror!r} edited {title!r} and may not mark it")
    if chosen is not None and (wiki, title) not in chosen.articles:
        raise JuryError("unknown", f"{wiki} {title!r} is not in round {chosen.round.name!r}")
    parts, round_name = (chosen.parts, chosen.round.name) if chosen is not None else (jury.parts, "")
    marks = [Mark(juror, wiki, title, p.name, values.get(p.name, "").strip(), round_name) for p in parts]
    for mark in marks:
        try:
            check_mark(jury, mark)
        except MarkError as e:
            raise JuryError("value", str(e), e) from None
    drop = (
        [m for m in js.article_marks(campaign, wiki, title, round_name) if m.juror != juror]
        if jury.mode == "consensual"
        else []
    )
    text = " ".join(comment.split())[:2000]
    changed = js.save_article_marks(
        campaign, marks, drop, (juror, wiki, title, text), now, actor=juror, shared=jury.mode == "consensual"
    )
    if changed and not jury.hidden:
        store.campaign_changed(campaign)  # the public contest section shows the marks: a new page version
    return changed


# -- closing --------------------------------------------------------------------------------------------


def close(campaign: Campaign, store: Store, by: str, now: datetime) -> int | None:
    """Close marking: the results now, frozen as the next version (JSON, CSV, wikitext as `contest
    results` writes them). None when it was closed already."""
    from wikitally.services import contest_outputs  # it asks this module whether marking is closed

    result = contests.results(campaign, store)
    local = campaign.wikis[0] if len(campaign.wikis) == 1 else None
    frozen = json.loads(contest_report.render_json(result, contest_outputs.rounds(campaign, store, result)))
    return JuryStore(store).close(
        campaign,
        by,
        now,
        frozen,  # as `contest results --format json` prints it: with categories (and rounds)
        contest_report.render_csv(result),
        contest_report.render_wikitext(result, campaign.name, local),
    )


def reopen(campaign: Campaign, store: Store, by: str, now: datetime) -> int | None:
    return JuryStore(store).reopen(campaign, by, now)
