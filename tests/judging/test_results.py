"""Results: entries from a snapshot counted exactly as by_participant; rules and modes; scores; ranking;
property tests on order independence and jurors' locality."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.judging.entries import NUMBERS, Article, Entry, auto_entries
from wikitally.judging.expression import parse
from wikitally.judging.jury import Mark
from wikitally.judging.results import judge
from wikitally.judging.rules import Context
from wikitally.judging.spec import Contest, Jury, Part, Rule
from wikitally.metrics.outcome import compute
from wikitally.model import Campaign, ContentFacts, PageState, Revision, SiteInfo, Snapshot, Upload

START = datetime(2024, 3, 8, tzinfo=UTC)
END = datetime(2024, 3, 15, 23, 59, 59, tzinfo=UTC)
A, B = "sq.wikipedia.org", "uk.wikipedia.org"
PEOPLE = ("Ana", "Besa", "Cem")
CAMPAIGN = Campaign("C", START, END, (A, B), participants=PEOPLE, translation_tags=("contenttranslation",))
LINEAR = "10*created + 3*improved + 7*translated + 2*edits + bytes_added/100 + words_added/10 + 0.5*references_added + 4*uploads"


def rev(rev_id, page_id, user, *, wiki=A, new=False, tags=(), sizediff=100, hours=1):
    return Revision(
        wiki,
        rev_id,
        0 if new else rev_id - 1,
        page_id,
        0,
        f"P{page_id}",
        user,
        START + timedelta(hours=hours),
        "",
        1000,
        sizediff,
        tuple(tags),
        new,
    )


def snapshot(revs, facts=(), uploads=(), accounts=(), pages=None):
    if pages is None:
        pages = {
            (r.wiki, r.page_id): PageState(r.wiki, r.page_id, 0, f"P{r.page_id}", False) for r in revs
        }.values()
    infos = (SiteInfo(A, (0,), {0: ""}), SiteInfo(B, (0,), {0: ""}))
    return Snapshot(CAMPAIGN, tuple(revs), tuple(pages), tuple(facts), tuple(uploads), tuple(accounts), infos)


# -- entries are by_participant's numbers, split per article ------------------------------------------


@st.composite
def snapshots(draw):
    revs, facts = [], []
    n = draw(st.integers(1, 25))
    for i in range(n):
        rev_id = 100 + i
        page = draw(st.integers(1, 5))
        wiki = draw(st.sampled_from((A, B)))
        user = draw(st.sampled_from(PEOPLE))
        tags = draw(st.sampled_from(((), ("mw-reverted",), ("contenttranslation",))))
        new = draw(st.booleans()) and not any(r.new and r.page_id == page and r.wiki == wiki for r in revs)
        revs.append(
            rev(
                rev_id,
                page,
                user,
                wiki=wiki,
                new=new,
                tags=tags,
                sizediff=draw(st.integers(-500, 3000)),
                hours=draw(st.integers(-30, 200)),
            )
        )
        facts.append(ContentFacts(wiki, rev_id, draw(st.integers(0, 900)), 0, draw(st.integers(0, 9))))
    uploads = [
        Upload(A, f"File:U{i}.jpg", draw(st.sampled_from(PEOPLE)), START + timedelta(hours=2), False)
        for i in range(draw(st.integers(0, 3)))
    ]
    return snapshot(revs, facts, uploads)


@settings(max_examples=80, derandomize=True, deadline=None)
@given(snapshots())
def test_points_with_no_rules_equal_the_formula_on_by_participant(snap):
    people = frozenset(PEOPLE)
    formula = parse(LINEAR)
    entries, _ = auto_entries(snap, people, CAMPAIGN.translation_tags)
    results = judge(Contest(points=formula), entries, {}, [], Context(people))
    outcome = compute(snap, people, END).as_json()
    translated_by_user = {}
    for e in entries:
        translated_by_user[e.participant] = translated_by_user.get(e.participant, 0) + e.numbers["translated"]
    expected = {}
    for row in outcome["by_participant"]:
        numbers = {
            "created": row["articles_created"],
            "improved": row["articles_improved"],
            "translated": translated_by_user.get(row["user"], 0),
            "edits": row["edits"],
            "bytes_added": row["bytes_added"],
            "words_added": row["words_added"],
            "references_added": row["references_added"],
            "uploads": row["uploads"],
        }
        expected[row["user"]] = formula.evaluate(numbers)
    got = {s.participant: s.score for s in results.ranking}
    assert got == {u: v.quantize(Decimal("0.01")) for u, v in expected.items()}


def test_created_and_improved_are_each_participants_own():
    snap = snapshot(
        [
            rev(1, 1, "Ana", new=True),
            rev(2, 1, "Besa"),
            rev(3, 2, "Besa"),
            rev(4, 2, "Besa", tags=("mw-reverted",)),
        ]
    )
    entries, articles = auto_entries(snap, frozenset(PEOPLE), ())
    by = {(e.title, e.participant): e.numbers for e in entries}
    assert by[("P1", "Ana")]["created"] == 1 and by[("P1", "Ana")]["improved"] == 0
    assert by[("P1", "Besa")]["created"] == 0 and by[("P1", "Besa")]["improved"] == 1
    assert by[("P2", "Besa")]["edits"] == 2 and by[("P2", "Besa")]["bytes_added"] == 100
    assert articles[(A, 1)].created_in_window and not articles[(A, 2)].created_in_window


def test_translated_is_a_counted_edit_with_a_translation_tag():
    snap = snapshot([rev(1, 1, "Ana", new=True, tags=("contenttranslation",)), rev(2, 2, "Ana")])
    entries, _ = auto_entries(snap, frozenset(PEOPLE), ("contenttranslation",))
    assert {e.title: e.numbers["translated"] for e in entries} == {"P1": 1, "P2": 0}


# -- rules and modes ----------------------------------------------------------------------------------


def entry(title="P1", user="Ana", **numbers):
    row = dict.fromkeys(NUMBERS, 0)
    row.update(numbers)
    return Entry(A, title, user, 1, 0, row, ())


def article(title="P1", **kw):
    return Article(A, 1, title, 0, **kw)


@pytest.mark.parametrize(
    ("rule", "e", "a", "ok"),
    [
        (Rule("min_words", value=300), entry(), article(words=300), True),
        (Rule("min_words", value=300), entry(), article(words=299), False),
        (Rule("min_words", value=300), entry(), article(), False),  # not collected: not shown to pass
        (Rule("min_references", value=2), entry(), article(references=2), True),
        (Rule("min_references", value=2), entry(), article(references=1), False),
        (Rule("min_bytes", value=100), entry(bytes_added=100), article(), True),
        (Rule("min_bytes", value=100), entry(bytes_added=99), article(), False),
        (Rule("min_words_added", value=50), entry(words_added=50), article(), True),
        (Rule("min_words_added", value=50), entry(words_added=49), article(), False),
        (
            Rule("created_in_window"),
            entry(improved=1),
            article(created_in_window=True),
            True,
        ),  # improver passes
        (Rule("created_in_window"), entry(improved=1), article(), False),
        (Rule("creator_is_participant"), entry(), article(creator="Cem"), True),
        (Rule("creator_is_participant"), entry(), article(creator="Zed"), False),
        (Rule("creator_is_participant"), entry(), article(), False),
        (Rule("namespace", value=(0, 118)), entry(), article(), True),
        (Rule("namespace", value=(118,)), entry(), article(), False),
        (Rule("in_category", value="Opochka"), entry(), article(categories=frozenset({"Opochka"})), True),
        (Rule("in_category", value="Opochka"), entry(), article(categories=frozenset({"Pskov"})), False),
        (Rule("not_translated"), entry(), article(), True),
        (Rule("not_translated"), replace(entry(), first_edit_tags=("contenttranslation",)), article(), False),
    ],
)
def test_rule_kinds(rule, e, a, ok):
    results = judge(
        Contest(points=parse("10"), rules=(rule,)), [e], {(A, e.title): a}, [], Context(frozenset(PEOPLE))
    )
    j = results.entries[0]
    assert j.eligible is ok
    assert j.failed == (() if ok else (rule.kind,))
    assert j.score == (10 if ok else 0)


@pytest.mark.parametrize(
    ("registered", "ok"),
    [
        (datetime(2024, 1, 1, tzinfo=UTC), True),
        (datetime(2023, 12, 31, 23, 59, tzinfo=UTC), False),
        (None, False),
    ],
)
def test_registered_after_is_inclusive_and_unknown_fails(registered, ok):
    ctx = Context(frozenset(PEOPLE), registrations={"Ana": registered})
    rule = Rule("registered_after", value=date(2024, 1, 1))
    results = judge(Contest(points=parse("1"), rules=(rule,)), [entry()], {}, [], ctx)
    assert results.entries[0].eligible is ok


@pytest.mark.parametrize(
    ("worklist", "ok"), [(None, False), (frozenset(), False), (frozenset({(A, "P1")}), True)]
)
def test_on_worklist_takes_the_worklist_pairs(worklist, ok):
    ctx = Context(frozenset(PEOPLE), worklist=worklist)
    results = judge(Contest(points=parse("1"), rules=(Rule("on_worklist"),)), [entry()], {}, [], ctx)
    assert results.entries[0].eligible is ok


@pytest.mark.parametrize(
    ("mode", "field"), [("required", "failed"), ("optional", "warnings"), ("informational", "info")]
)
def test_modes(mode, field):
    rule = Rule("min_words_added", mode, 100)
    results = judge(Contest(points=parse("words_added")), [entry(words_added=40)], {}, [], Context())
    assert results.entries[0].eligible
    results = judge(
        Contest(points=parse("words_added"), rules=(rule,)), [entry(words_added=40)], {}, [], Context()
    )
    j = results.entries[0]
    assert getattr(j, field) == ("min_words_added",)
    assert j.eligible is (mode != "required")
    assert j.score == (0 if mode == "required" else 40)
    assert j.points == 40  # shown whatever the verdict
    assert j.verdicts == ("100 words added needed, you added 40",)


def test_deleted_entry_scores_zero_and_is_listed():
    e = replace(entry(words_added=500), deleted=True)
    results = judge(Contest(points=parse("words_added")), [e], {}, [], Context())
    data = results.as_json()
    assert data["entries"][0]["deleted"] is True and data["entries"][0]["score"] == 0
    assert data["ranking"] == [{"rank": 1, "participant": "Ana", "score": 0, "entries": 0}]


# -- jury in the score ----------------------------------------------------------------------------------

JURY = Jury(("J1", "J2", "J3"), (Part("q", "integer", 0, 10),), min_marks=2)


def test_points_plus_jury_adds_and_a_hidden_jury_score_counts_zero():
    contest = Contest(score="points+jury", points=parse("words_added"), jury=JURY)
    marks = [Mark("J1", A, "P1", "q", "6")]
    j = judge(contest, [entry(words_added=10)], {}, marks, Context()).entries[0]
    assert (j.jury, j.marks, j.score) == (None, 1, 10)
    marks.append(Mark("J2", A, "P1", "q", "9"))
    j = judge(contest, [entry(words_added=10)], {}, marks, Context()).entries[0]
    assert (j.jury, j.marks, j.score) == (Decimal("7.5"), 2, Decimal("17.5"))
    as_json = judge(contest, [entry(words_added=10)], {}, marks, Context()).as_json()["entries"][0]
    assert (as_json["jury"], as_json["marks"], as_json["score"]) == (7.5, 2, 17.5)


def test_an_article_with_several_entries_gets_the_marks_on_each():
    contest = Contest(score="jury", jury=replace(JURY, min_marks=1))
    results = judge(
        contest, [entry(user="Ana"), entry(user="Besa")], {}, [Mark("J1", A, "P1", "q", "4")], Context()
    )
    assert [j.jury for j in results.entries] == [4, 4]


# -- properties -------------------------------------------------------------------------------------------

titles = st.sampled_from(["P1", "P2", "P3", "P4", "P5", "P6"])


@st.composite
def contests(draw):
    entries = []
    for title in draw(st.lists(titles, min_size=1, max_size=6, unique=True)):
        for user in draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=3, unique=True)):
            entries.append(
                entry(title, user, words_added=draw(st.integers(0, 999)), created=draw(st.integers(0, 1)))
            )
    marks = [
        Mark(j, A, t, "q", str(draw(st.integers(0, 10))))
        for j in ("J1", "J2", "J3")
        for t in draw(st.lists(titles, max_size=6, unique=True))
    ]
    rules = tuple(
        draw(
            st.lists(
                st.sampled_from(
                    [Rule("min_words_added", "required", 300), Rule("min_words_added", "optional", 600)]
                ),
                max_size=2,
            )
        )
    )
    return entries, marks, rules


CONTEST = Contest(score="points+jury", points=parse("words_added/7 + 10*created"), jury=JURY)


@settings(max_examples=120, derandomize=True, deadline=None)
@given(contests(), st.randoms(use_true_random=False))
def test_results_never_depend_on_input_order(data, rnd):
    entries, marks, rules = data
    contest = replace(CONTEST, rules=rules)
    first = judge(contest, entries, {}, marks, Context())
    shuffled_entries, shuffled_marks = entries[:], marks[:]
    rnd.shuffle(shuffled_entries)
    rnd.shuffle(shuffled_marks)
    assert judge(contest, shuffled_entries, {}, shuffled_marks, Context()) == first


@settings(max_examples=120, derandomize=True, deadline=None)
@given(contests(), st.lists(titles, min_size=1, max_size=6, unique=True), st.integers(0, 10))
def test_one_more_jurors_marks_change_only_the_entries_they_marked(data, marked, value):
    entries, marks, rules = data
    contest = replace(CONTEST, rules=rules)
    marks = [m for m in marks if m.juror != "J3"]
    before = {j.entry.key: j for j in judge(contest, entries, {}, marks, Context()).entries}
    added = [Mark("J3", A, t, "q", str(value)) for t in marked]
    after = {j.entry.key: j for j in judge(contest, entries, {}, marks + added, Context()).entries}
    for key, j in after.items():
        if key[1] not in marked:
            assert j == before[key]
        else:
            assert j.marks == before[key].marks + 1
