"""Use-cases of an article contest: gather what its rules need (batched, stored), judge, submit, import
marks. The judging itself is pure (wikitally.judging); this module only moves data in and out."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from wikitally.campaign_file import read_file
from wikitally.collect.contest import ContestReader
from wikitally.collect.reader import WikiReader
from wikitally.errors import LineError, UsageError, WikitallyError
from wikitally.judging.entries import Article, Entry, auto_entries
from wikitally.judging.jury import (
    ArticleKey,
    JuryScore,
    Mark,
    MarkError,
    check_mark,
    mark_worth,
    scores_from_sums,
)
from wikitally.judging.results import Results, judge
from wikitally.judging.rules import Context, WorklistPairs, verdict
from wikitally.judging.spec import Contest, Rule
from wikitally.metrics.refs import count_refs
from wikitally.metrics.words import count_words, link_names
from wikitally.model import Campaign, PageState, Snapshot
from wikitally.reports.messages import N_
from wikitally.services.collection import SessionFactory
from wikitally.store import Store
from wikitally.store.contests import ContestStore, StoredArticle, Submission
from wikitally.store.jury import JuryStore
from wikitally.usernames import normalize_username

TEXT_RULES = frozenset({"min_words", "min_references"})
MARK_COLUMNS = ("juror", "wiki", "title", "part", "value")
MAX_MARKS_BYTES = 64 * 1024 * 1024


class ContestError(WikitallyError):
    """A contest command's input is wrong (one line, exit 2)."""

    exit_code = 2


# Translators: where in MARKS.csv an error is (the header is line 1)
LINE = N_("line {line}")
# Translators: MARKS.csv refused: the campaign's contest has no jury ([contest.jury] is code)
NO_JURY = N_("the contest has no [contest.jury]")
# Translators: the fix for "the contest has no [contest.jury]"
ADD_A_JURY = N_("add one before importing marks")
# Translators: MARKS.csv is not UTF-8 text
NOT_UTF8 = N_("is not UTF-8 text")
# Translators: the fix for "is not UTF-8 text"
SAVE_AS_UTF8 = N_("save it as UTF-8")
# Translators: MARKS.csv's first line is wrong; {columns} is the header to write (code, not translated)
BAD_HEADER = N_("the header must be {columns} (then round, optional)")
# Translators: a line of MARKS.csv has the wrong number of columns
COLUMN_COUNT = N_("{count} columns")
# Translators: the fix for "{count} columns"; {columns} are the file's columns (code)
EXPECTED_COLUMNS = N_("expected {columns}")
# Translators: MARKS.csv names a round the contest doesn't have ([[contest.round]] is code)
UNKNOWN_ROUND = N_("round {round} is not a [[contest.round]]")
# Translators: the fix for an unknown round; {rounds} lists the contest's rounds
USE_A_ROUND = N_("use one of {rounds} (or its number), or leave it empty")
# Translators: the fix for an unknown round when the contest has none
NO_ROUNDS = N_("the contest has no rounds: leave it empty")
# Translators: MARKS.csv gives a mark for a part the round doesn't mark
ROUND_PART = N_("round {round} does not mark {part}")
# Translators: the fix for "round … does not mark …"; {parts} lists the round's parts
ROUND_PARTS = N_("its parts are {parts}")
# Translators: a line of MARKS.csv has an empty wiki or title
EMPTY_ARTICLE = N_("wiki and title must not be empty")
# Translators: MARKS.csv gives the same juror's mark for the same part of an article twice
MARKED_TWICE = N_("{juror} marked {part} of {title} already on line {other}")
# Translators: MARKS.csv can't be read as CSV; {reason} is the CSV reader's message (English)
NOT_CSV = N_("not CSV ({reason})")
# Translators: marks refused because the organizers closed marking; {version} is the frozen results' version
MARKING_CLOSED = N_("marking was closed (results frozen as version {version})")
# Translators: the fix for "marking was closed"
REOPEN_FIRST = N_("organizers re-open it first")


class MarksFileError(LineError, ContestError):
    """MARKS.csv is wrong: "FILE: line N: problem; fix" (or "FILE: problem; fix"), in the reader's language
    where the CLI knows it (a CampaignFileError), caught as a ContestError by the contest commands."""

    line_template = LINE


def contest_of(campaign: Campaign) -> Contest:
    if campaign.contest is None:
        raise ContestError(
            f"{campaign.source}: contest: the campaign has no [contest] table; see docs/contests.md"
        )
    return campaign.contest


# -- gathering what the rules need -----------------------------------------------------------------------


@dataclass
class GatherSummary:
    requests: int = 0
    texts_fetched: int = 0


def gather(
    campaign: Campaign,
    store: Store,
    sessions: SessionFactory,
    now: datetime,
) -> GatherSummary:
    """Collect and store, for every article with an entry (and every article that had one), its state now
    and what the contest's rules need: the text at the end of the window (only when a rule reads it, and
    only when that revision changed since last time), categories, creator. Batched: 50 pages a request."""
    contest = contest_of(campaign)
    snapshot = store.snapshot(campaign)
    participants = store.participants(campaign)
    cs = ContestStore(store)
    entries, articles = auto_entries(snapshot, participants, campaign.translation_tags)
    stored = {(s.article.wiki, s.article.page_id): s for s in cs.articles(campaign)}
    submissions = cs.submissions(campaign) if contest.entries != "auto" else []
    who: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in entries:
        if e.page_id is not None:
            who[(e.wiki, e.page_id)].add(e.participant)
    if contest.entries == "submitted":
        who.clear()
    summary = GatherSummary()
    kinds = {r.kind for r in contest.rules}
    categories = sorted({str(r.value) for r in contest.rules if r.kind == "in_category"})
    for wiki in campaign.wikis:
        wiki_subs = [s for s in submissions if s.wiki == wiki]
        ids = {pid for (w, pid) in who if w == wiki} | {pid for (w, pid) in stored if w == wiki}
        if not ids and not wiki_subs:
            continue
        with sessions(wiki, campaign.api_url(wiki)) as session:
            reader = ContestReader(WikiReader(session, wiki))
            if wiki_subs:
                resolved = reader.resolve(s.title for s in wiki_subs)
                pages = {
                    s.title: resolved[s.title].page_id
                    if s.title in resolved and resolved[s.title].exists
                    else None
                    for s in wiki_subs
                }
                cs.resolve_submissions(campaign, wiki, pages)
                for s in wiki_subs:
                    pid = pages[s.title]
                    if pid is not None:
                        ids.add(pid)
                        who[(wiki, pid)].add(s.user)
            rows = _wiki_facts(
                campaign, store, reader, wiki, sorted(ids), kinds, categories, stored, articles, summary
            )
            for row in rows:
                key = (wiki, row.article.page_id)
                before = stored.get(key)
                people = set(who.get(key, ())) | set(before.participants if before else ())
                rows_participants = tuple(sorted(people))
                cs.save_articles(campaign, [replace(row, participants=rows_participants)])
            summary.requests += session.stats.requests
    return summary


def _wiki_facts(
    campaign: Campaign,
    store: Store,
    reader: ContestReader,
    wiki: str,
    ids: list[int],
    kinds: set[str],
    categories: list[str],
    stored: dict[tuple[str, int], StoredArticle],
    articles: dict[tuple[str, int], Article],
    summary: GatherSummary,
) -> list[StoredArticle]:
    info = store.siteinfo(campaign, wiki)
    names = link_names(info) if info else None
    out: list[StoredArticle] = []
    text_of: dict[int, int] = {}  # page id -> revision to read
    states: dict[int, PageState] = {}
    for state, rev_id, at in reader.latest(ids):
        states[state.page_id] = state
        if not state.exists or TEXT_RULES.isdisjoint(kinds) or rev_id is None or at is None:
            continue
        text_of[state.page_id] = (
            rev_id if at <= campaign.end else (reader.revision_at(state.page_id, campaign.end) or 0)
        )
    need = {
        pid: rev
        for pid, rev in text_of.items()
        if rev and not (stored.get((wiki, pid)) and stored[(wiki, pid)].text_rev_id == rev)
    }
    measured: dict[int, tuple[int, int]] = {}
    by_rev = {rev: pid for pid, rev in need.items()}
    for text in reader.reader.texts(sorted(by_rev)):
        summary.texts_fetched += 1
        body = text.text or ""
        sfn = campaign.sfn_for(wiki)
        prose = count_words(body, names) if names else count_words(body)
        measured[by_rev[text.rev_id]] = (prose, count_refs(body, sfn))
    in_categories = (
        reader.categories([p for p, s in states.items() if s.exists], categories) if categories else {}
    )
    for pid in ids:
        current = states.get(pid)
        previous = stored.get((wiki, pid))
        base = articles.get((wiki, pid)) or (previous.article if previous else None)
        exists = bool(current and current.exists)
        title = (
            current.title if current and current.exists and current.title else (base.title if base else "")
        )
        namespace = current.namespace if current and current.exists else (base.namespace if base else 0)
        words: int | None
        refs: int | None
        rev: int | None
        words, refs, rev = (
            (previous.article.words, previous.article.references, previous.text_rev_id)
            if previous
            else (None, None, None)
        )
        if pid in measured:
            words, refs = measured[pid]
            rev = text_of[pid]
        elif pid in text_of and text_of[pid] == 0:  # created after the end of the window: no text then
            words, refs, rev = 0, 0, None
        creator = (base.creator if base else None) or (previous.article.creator if previous else None)
        if "creator_is_participant" in kinds and creator is None and exists:
            creator = reader.creator(pid)
            creator = normalize_username(creator) if creator else None
        cats = (
            frozenset(in_categories.get(pid, set()))
            if categories
            else (previous.article.categories if previous else None)
        )
        out.append(
            StoredArticle(
                Article(wiki, pid, title, namespace, False, creator, words, refs, cats),
                exists,
                previous.participants if previous else (),
                rev,
            )
        )
    return out


# -- results --------------------------------------------------------------------------------------------


def results(
    campaign: Campaign,
    store: Store,
    worklist: WorklistPairs | None = None,
    *,
    sum_in_store: bool = True,
    jury_shown: bool = True,
) -> Results:
    """The contest's results from what is stored. `worklist`: the (wiki, title) pairs of the campaign's
    worklists, for `on_worklist`; by default the worklist as last resolved (None: never resolved, then
    `on_worklist` fails for every entry). `sum_in_store`: the database sums each (article, juror)'s parts
    (one row per juror and article read back); False reads every mark (the earlier path, kept for the
    benchmark and the tests that compare the two). `jury_shown=False`: judged without any mark (every jury
    score null), for a public page while a hidden jury is still marking."""
    contest = contest_of(campaign)
    snapshot = store.snapshot(campaign)
    if worklist is None:
        worklist = snapshot.worklist
    participants = store.participants(campaign)
    cs = ContestStore(store)
    entries, articles = contest_entries(contest, campaign, snapshot, participants, cs)
    ctx = Context(
        participants=participants,
        registrations=registrations(snapshot),
        translation_tags=campaign.translation_tags,
        worklist=worklist,
    )
    by_title = {(a.wiki, a.title): a for a in articles.values()}
    if not jury_shown:
        return judge(contest, entries, by_title, (), ctx, scores={})
    scores = jury_from_store(contest, campaign, cs) if sum_in_store else None
    if scores is not None:
        return judge(contest, entries, by_title, (), ctx, scores=scores)
    return judge(contest, entries, by_title, cs.marks(campaign), ctx)


def jury_from_store(
    contest: Contest, campaign: Campaign, cs: ContestStore
) -> dict[ArticleKey, JuryScore] | None:
    """The articles' jury scores summed by the store per (article, juror); None when it can't sum them
    exactly (then the marks are read one by one)."""
    if contest.jury is None:
        return {}
    worth = mark_worth(contest.jury, cs.mark_pairs(campaign))
    sums = cs.juror_sums(campaign, contest.jury.jurors, worth)
    return None if sums is None else scores_from_sums(contest.jury, sums)


def contest_entries(
    contest: Contest,
    campaign: Campaign,
    snapshot: Snapshot,
    participants: frozenset[str] | None,
    cs: ContestStore,
) -> tuple[list[Entry], dict[tuple[str, int], Article]]:
    """The entries (auto, submitted or both) and their articles, with the stored facts; entries seen before
    whose page is gone are listed as deleted."""
    auto, articles = auto_entries(snapshot, participants, campaign.translation_tags)
    stored = {(s.article.wiki, s.article.page_id): s for s in cs.articles(campaign)}
    merged: dict[tuple[str, int], Article] = {}
    for key in set(articles) | set(stored):
        base, facts = articles.get(key), stored.get(key)
        if base is None:
            assert facts is not None
            merged[key] = facts.article
        elif facts is None:
            merged[key] = base
        else:
            fact = facts.article  # built directly: dataclasses.replace per article was 1/6 of the results
            merged[key] = Article(
                base.wiki,
                base.page_id,
                base.title,
                base.namespace,
                base.created_in_window,
                base.creator or fact.creator,
                fact.words,
                fact.references,
                fact.categories,
            )
    auto_keys = {(e.wiki, e.page_id, e.participant) for e in auto}
    if contest.entries != "submitted":
        # Entries seen before whose page was deleted since: listed, never silently dropped.
        for (wiki, pid), s in stored.items():
            if s.exists:
                continue
            for user in s.participants:
                if (wiki, pid, user) not in auto_keys:
                    auto.append(Entry(wiki, s.article.title, user, pid, s.article.namespace, deleted=True))
    if contest.entries == "auto":
        return auto, merged
    by_key = {(e.wiki, e.page_id, e.participant): e for e in auto if e.page_id is not None}
    submitted = [_submitted_entry(s, by_key, merged, stored) for s in cs.submissions(campaign)]
    if contest.entries == "submitted":
        return _unique(submitted), merged
    return _unique([*submitted, *auto]), merged


def _submitted_entry(
    s: Submission,
    by_key: dict[tuple[str, int, str], Entry],
    articles: dict[tuple[str, int], Article],
    stored: dict[tuple[str, int], StoredArticle],
) -> Entry:
    if s.page_id is None:
        return Entry(s.wiki, s.title, s.user, None, deleted=True, submitted=True)
    own = by_key.get((s.wiki, s.page_id, s.user))
    if own is not None:
        return replace(own, submitted=True)
    article = articles.get((s.wiki, s.page_id))
    deleted = bool(stored.get((s.wiki, s.page_id)) and not stored[(s.wiki, s.page_id)].exists)
    title = article.title if article else s.title
    return Entry(
        s.wiki, title, s.user, s.page_id, article.namespace if article else 0, deleted=deleted, submitted=True
    )


def _unique(entries: Iterable[Entry]) -> list[Entry]:
    seen: dict[tuple[str, str, str], Entry] = {}
    for e in entries:
        seen.setdefault(e.key, e)
    return list(seen.values())


def registrations(snapshot: Snapshot) -> dict[str, datetime | None]:
    """Each user's earliest registration on the campaign's wikis (None: unknown, an old account)."""
    out: dict[str, datetime | None] = {}
    unknown: set[str] = set()
    for acc in snapshot.accounts:
        if not acc.exists or acc.wiki not in snapshot.campaign.wikis:
            continue
        if acc.registration is None:
            unknown.add(acc.user)
            continue
        prev = out.get(acc.user)
        out[acc.user] = acc.registration if prev is None else min(prev, acc.registration)
    for user in unknown:
        out[user] = None
    return out


def rule_text(rule: Rule) -> str:
    """A rule as participants read it before the contest: what it asks and how it counts."""
    asks = verdict(rule, Entry("", "", ""), None).split(",")[0]
    return f"{asks} ({rule.mode})"


# -- submissions and marks ------------------------------------------------------------------------------


def submit(campaign: Campaign, store: Store, user: str, wiki: str, title: str, now: datetime) -> bool:
    """Record a participant's submitted article; False when they had submitted it already."""
    contest = contest_of(campaign)
    if contest.entries == "auto":
        raise ContestError(
            f'{campaign.source}: contest.entries: is "auto" (every counted article is an entry); '
            'set entries = "submitted" or "both" to take submissions'
        )
    name = normalize_username(user)
    participants = store.participants(campaign)
    if participants is None and (campaign.participants or campaign.participants_page):
        participants = frozenset(campaign.participants)
    if participants is not None and name not in participants:
        raise UsageError(f"--user: {name!r} is not a participant of {campaign.name!r}")
    if wiki.lower() not in campaign.wikis:
        raise UsageError(f"--wiki: {wiki!r} is not one of the campaign's wikis ({', '.join(campaign.wikis)})")
    clean = " ".join(title.replace("_", " ").split())
    if not clean or any(c in clean for c in "#<>[]|{}"):
        raise UsageError(f"--title: {title!r} is not a page title")
    return ContestStore(store).submit(campaign, name, wiki.lower(), clean[:1].upper() + clean[1:], now)


def read_marks(contest: Contest, path: str | Path) -> list[Mark]:
    """MARKS.csv (juror,wiki,title,part,value, then an optional round: a [[contest.round]]'s name or number,
    empty for any round) checked against the jury's scheme; ContestError naming the line (the header is line
    1) for the first bad one."""
    if contest.jury is None:
        raise MarksFileError(str(path), None, NO_JURY, ADD_A_JURY)
    raw = read_file(path, str(path), MAX_MARKS_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MarksFileError(str(path), None, NOT_UTF8, SAVE_AS_UTF8) from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    columns = [h.strip().lower() for h in header] if header is not None else []
    if columns not in (list(MARK_COLUMNS), [*MARK_COLUMNS, "round"]):
        raise MarksFileError(str(path), 1, BAD_HEADER, columns=",".join(MARK_COLUMNS))
    rounds = {r.name: r for r in contest.rounds} | {str(i): r for i, r in enumerate(contest.rounds, 1)}
    marks: list[Mark] = []
    seen: dict[tuple[str, str, str, str, str], int] = {}
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise MarksFileError(
                    str(path), line, COLUMN_COUNT, EXPECTED_COLUMNS, count=len(row), columns=",".join(columns)
                )
            juror, wiki, title, part, value, *rest = (c.strip() for c in row)
            round_ = rounds.get(rest[0]) if rest and rest[0] else None
            if rest and rest[0] and round_ is None:
                raise MarksFileError(
                    str(path),
                    line,
                    UNKNOWN_ROUND,
                    USE_A_ROUND if contest.rounds else NO_ROUNDS,
                    round=repr(rest[0]),
                    rounds=", ".join(r.name for r in contest.rounds),
                )
            if round_ is not None and round_.parts and part not in round_.parts:
                raise MarksFileError(
                    str(path),
                    line,
                    ROUND_PART,
                    ROUND_PARTS,
                    round=repr(round_.name),
                    part=repr(part),
                    parts=", ".join(round_.parts),
                )
            title = " ".join(title.replace("_", " ").split())
            mark = Mark(
                normalize_username(juror) if juror else juror,
                wiki.lower(),
                title[:1].upper() + title[1:],
                part,
                value,
                round_.name if round_ is not None else "",
            )
            if not wiki or not title:
                raise MarksFileError(str(path), line, EMPTY_ARTICLE)
            try:
                check_mark(contest.jury, mark)
            except MarkError as e:
                raise MarksFileError(str(path), line, e.template, **e.params) from None
            key = (mark.juror, mark.wiki, mark.title, mark.part, mark.round)
            if key in seen:
                raise MarksFileError(
                    str(path),
                    line,
                    MARKED_TWICE,
                    juror=repr(mark.juror),
                    part=repr(part),
                    title=repr(mark.title),
                    other=seen[key],
                )
            seen[key] = line
            marks.append(mark)
    except csv.Error as e:
        raise MarksFileError(str(path), rows.line_num, NOT_CSV, reason=str(e)) from None
    return marks


def import_marks(campaign: Campaign, store: Store, path: str | Path, now: datetime) -> int:
    """Check the whole file first (a refused file changes nothing), then store it; how many marks changed."""
    contest = contest_of(campaign)
    marks = read_marks(contest, path)
    closed = JuryStore(store).closed_version(campaign)  # marks after the organizers closed are refused
    if closed is not None:
        raise MarksFileError(str(path), None, MARKING_CLOSED, REOPEN_FIRST, version=closed)
    changed = ContestStore(store).save_marks(campaign, marks, now, actor=f"import:{Path(path).name}")
    if changed and contest.jury is not None and not contest.jury.hidden:
        store.campaign_changed(campaign)  # the web's contest section shows the marks: a new page version
    return changed


Clock = Callable[[], datetime]
