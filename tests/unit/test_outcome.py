"""Every metric rule of docs/metrics.md's "Metric definitions", on small hand-made snapshots."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from wikitally.metrics.outcome import METRICS, compute
from wikitally.model import Account, Campaign, ContentFacts, PageState, Revision, SiteInfo, Snapshot, Upload

START = datetime(2024, 3, 8, 8, 0, tzinfo=UTC)
END = datetime(2024, 3, 15, 22, 59, 59, tzinfo=UTC)
AS_OF = datetime(2024, 4, 1, tzinfo=UTC)
A, B = "sq.wikipedia.org", "commons.wikimedia.org"
CAMPAIGN = Campaign("C", START, END, (A, B), participants=("Ana", "Besa"))
PEOPLE = frozenset(CAMPAIGN.participants)


def info(wiki, content=(0,)):
    return SiteInfo(wiki, content, {0: "", 2: "User", 6: "File", 118: "Draft"})


def rev(
    rev_id,
    page_id=1,
    user="Ana",
    wiki=A,
    ts=START + timedelta(hours=1),
    sizediff=100,
    new=False,
    tags=(),
    comment="",
    ns=0,
    size=1000,
):
    return Revision(
        wiki,
        rev_id,
        0 if new else rev_id - 1,
        page_id,
        ns,
        f"P{page_id}",
        user,
        ts,
        comment,
        size,
        sizediff,
        tuple(tags),
        new,
    )


def page(page_id=1, wiki=A, ns=0, redirect=False, exists=True):
    return PageState(wiki, page_id, ns, f"P{page_id}", redirect, exists)


def facts(rev_id, words=0, before=0, after=0, wiki=A):
    return ContentFacts(wiki, rev_id, words, before, after)


def snap(revs=(), pages=None, fs=(), uploads=(), accounts=(), campaign=CAMPAIGN):
    if pages is None:
        pages = {(r.wiki, r.page_id): page(r.page_id, r.wiki) for r in revs}.values()
    return Snapshot(
        campaign,
        tuple(revs),
        tuple(pages),
        tuple(fs),
        tuple(uploads),
        tuple(accounts),
        (info(A), info(B, (0, 6))),
    )


def totals(s, participants=PEOPLE):
    return compute(s, participants, AS_OF).totals


def test_json_keys_are_exactly_the_contract():
    out = compute(snap([rev(10)]), PEOPLE, AS_OF).as_json()
    assert list(out) == ["campaign", "totals", "by_wiki", "by_participant", "articles", "uploads"]
    assert set(out["totals"]) == set(METRICS)
    assert all(isinstance(v, int) for v in out["totals"].values())
    assert set(out["by_wiki"]) == {A, B}
    assert set(out["articles"][0]) == {
        "wiki",
        "title",
        "status",
        "edits",
        "bytes_added",
        "words_added",
        "references_added",
    }


@pytest.mark.parametrize(
    ("when", "counted"),
    [(START, 1), (END, 1), (START - timedelta(seconds=1), 0), (END + timedelta(seconds=1), 0)],
)
def test_window_is_inclusive(when, counted):
    assert totals(snap([rev(10, ts=when)]))["edits"] == counted


def test_only_participants_count():
    t = totals(snap([rev(10), rev(11, user="Stranger")]))
    assert (t["edits"], t["participants"]) == (1, 1)


def test_anyone_counts_without_a_participant_list():
    c = replace(CAMPAIGN, participants=(), hashtags=("WikiGap",))
    s = snap(
        [rev(10, user="Stranger", comment="added #WikiGap"), rev(11, user="Other", comment="no tag")],
        campaign=c,
    )
    assert totals(s, None)["edits"] == 1


@pytest.mark.parametrize(
    ("state", "counted"),
    [
        (page(), 1),
        (page(ns=2), 0),  # moved out of a tracked namespace since
        (page(redirect=True), 0),  # a redirect now
        (page(exists=False), 0),  # deleted
        (None, 0),  # unknown page
    ],
)
def test_current_page_state_decides(state, counted):
    r = rev(10, ns=0)
    assert totals(snap([r], pages=[state] if state else []))["edits"] == counted


def test_draft_moved_into_main_namespace_counts_as_created():
    draft = rev(10, new=True, ns=0, sizediff=500)  # listed under its current title, in main now
    t = totals(snap([draft], pages=[page(ns=0)]))
    assert (t["articles_created"], t["articles_improved"], t["bytes_added"]) == (1, 0, 500)


def test_configured_namespaces_override_content_namespaces():
    c = replace(CAMPAIGN, namespaces=(118,))
    s = snap([rev(10), rev(20, page_id=2)], pages=[page(1, ns=0), page(2, ns=118)], campaign=c)
    assert totals(s)["edits"] == 1


@pytest.mark.parametrize(
    ("comment", "counted"),
    [
        ("Added refs #WikiGap", 1),
        ("#wikigap: lead", 1),
        ("(#WIKIGAP)", 1),
        ("#WikiGap2024", 0),
        ("x#WikiGap", 0),
        ("WikiGap", 0),
        (None, 0),  # comment hidden
        ("＃WikiGap fullwidth", 1),
    ],
)
def test_hashtag_is_whole_and_case_insensitive(comment, counted):
    c = replace(CAMPAIGN, hashtags=("WikiGap",))
    assert totals(snap([rev(10, comment=comment)], campaign=c))["edits"] == counted


def test_change_tag_filter():
    c = replace(CAMPAIGN, tags=("campaign-x",))
    s = snap([rev(10, tags=("campaign-x", "mobile edit")), rev(11, tags=("mobile edit",))], campaign=c)
    assert totals(s)["edits"] == 1


@pytest.mark.parametrize(
    ("comment", "tags", "counted"),
    [
        ("#WikiGap", (), 1),  # the hashtag alone
        ("no mark", ("campaign-x",), 1),  # the tag alone
        ("#WikiGap", ("campaign-x",), 1),  # both
        ("no mark", ("mobile edit",), 0),  # neither
        (None, ("campaign-x",), 1),  # a hidden summary, but the tag is there
    ],
)
def test_hashtags_and_tags_together_any_one_mark_is_enough(comment, tags, counted):
    c = replace(CAMPAIGN, hashtags=("WikiGap",), tags=("campaign-x",))
    assert totals(snap([rev(10, comment=comment, tags=tags)], campaign=c))["edits"] == counted


def test_reverted_edit_counts_in_edits_and_nothing_else():
    s = snap([rev(10, tags=("mw-reverted",), sizediff=300)], fs=[facts(10, words=50, before=0, after=3)])
    t = totals(s)
    assert (t["edits"], t["edits_reverted"]) == (1, 1)
    assert t["participants"] == 1
    assert all(
        t[k] == 0
        for k in (
            "articles_created",
            "articles_improved",
            "bytes_added",
            "words_added",
            "references_added",
            "references_removed",
        )
    )
    assert compute(s, PEOPLE, AS_OF).articles == []


def test_created_vs_improved():
    created = rev(10, page_id=1, new=True)
    by_other = rev(20, page_id=2, user="Stranger", new=True)  # not counted: created by a non-participant
    improved = rev(21, page_id=2)
    t = totals(snap([created, by_other, improved]))
    assert (t["articles_created"], t["articles_improved"], t["articles_edited"]) == (1, 1, 2)


def test_page_created_before_the_window_is_improved():
    early = rev(10, new=True, ts=START - timedelta(days=1))
    later = rev(11)
    t = totals(snap([early, later]))
    assert (t["articles_created"], t["articles_improved"]) == (0, 1)


def test_bytes_added_ignores_removals_and_credits_new_pages_their_size():
    revs = [
        rev(10, page_id=1, new=True, sizediff=None, size=1234),
        rev(11, page_id=2, sizediff=-500),
        rev(12, page_id=2, sizediff=40),
    ]
    assert totals(snap(revs))["bytes_added"] == 1234 + 40


def test_words_and_references_from_facts():
    revs = [rev(10), rev(11), rev(12)]
    fs = [
        facts(10, words=30, before=2, after=5),
        facts(11, words=4, before=5, after=1),
        facts(12, words=0, before=1, after=1),
    ]
    t = totals(snap(revs, fs=fs))
    assert (t["words_added"], t["references_added"], t["references_removed"]) == (34, 3, 4)


def test_uploads_first_upload_in_window_by_participant():
    ups = [
        Upload(B, "File:A.jpg", "Ana", START + timedelta(hours=2), in_use=True),
        Upload(B, "File:B.jpg", "Ana", START + timedelta(hours=3), in_use=False),
        Upload(B, "File:Old.jpg", "Ana", START - timedelta(days=3), in_use=True),
        Upload(B, "File:S.jpg", "Stranger", START + timedelta(hours=3), in_use=True),
    ]
    t = totals(snap(uploads=ups))
    assert (t["uploads"], t["uploads_in_use"], t["participants"]) == (2, 1, 1)


def test_participants_are_distinct_across_wikis_and_uploads():
    revs = [rev(10, wiki=A), rev(10, wiki=B), rev(11, wiki=B, user="Besa")]
    ups = [Upload(B, "File:A.jpg", "Ana", START, in_use=False)]
    out = compute(snap(revs, uploads=ups), PEOPLE, AS_OF)
    assert out.totals["participants"] == 2
    assert out.by_wiki[A]["participants"] == 1 and out.by_wiki[B]["participants"] == 2


def test_new_editors_use_the_earliest_registration_across_wikis():
    revs = [rev(10, user="Ana"), rev(11, user="Besa", page_id=2)]
    accounts = [
        Account(A, "Ana", START + timedelta(hours=1)),  # new here…
        Account(B, "Ana", START - timedelta(days=400)),  # …but older on Commons: not new
        Account(A, "Besa", START + timedelta(minutes=5)),
        Account(B, "Besa", None, exists=False),
    ]
    assert totals(snap(revs, accounts=accounts))["new_editors"] == 1


def test_unknown_registration_is_not_new():
    assert totals(snap([rev(10)], accounts=[Account(A, "Ana", None)]))["new_editors"] == 0


def test_breakdowns_add_up_to_totals():
    revs = [
        rev(10, wiki=A, new=True),
        rev(11, wiki=A, user="Besa"),
        rev(12, wiki=B, page_id=3, sizediff=7),
        rev(13, wiki=B, page_id=3, user="Besa", tags=("mw-reverted",)),
    ]
    fs = [facts(10, words=10, after=2), facts(11, words=5, before=2, after=1), facts(12, words=3, wiki=B)]
    out = compute(snap(revs, fs=fs), PEOPLE, AS_OF)
    for key in METRICS:
        if key == "participants":
            continue
        assert sum(w[key] for w in out.by_wiki.values()) == out.totals[key], key
    for key in (
        "edits",
        "edits_reverted",
        "bytes_added",
        "words_added",
        "references_added",
        "references_removed",
        "uploads",
    ):
        assert sum(p[key] for p in out.by_participant) == out.totals[key], key
    assert sum(p["participants"] for p in out.by_participant) == out.totals["participants"]


def test_articles_list_status_and_sums():
    revs = [rev(10, new=True, sizediff=900), rev(11, sizediff=100)]
    out = compute(
        snap(revs, fs=[facts(10, words=120, after=3), facts(11, words=8, before=3, after=4)]), PEOPLE, AS_OF
    )
    assert out.articles == [
        {
            "wiki": A,
            "title": "P1",
            "status": "created",
            "edits": 2,
            "bytes_added": 1000,
            "words_added": 128,
            "references_added": 4,
        }
    ]


def test_timeline_days_in_the_campaign_time_zone():
    from datetime import timezone

    from wikitally.metrics.timeline import daily

    tirana = timezone(timedelta(hours=1))
    c = replace(
        CAMPAIGN,
        start=datetime(2024, 3, 8, 9, 0, tzinfo=tirana),
        end=datetime(2024, 3, 10, 23, 59, tzinfo=tirana),
    )
    late = datetime(2024, 3, 8, 23, 30, tzinfo=UTC)  # 9 March, 00:30 in Tirana
    s = snap(
        [rev(10, ts=late), rev(11, ts=late, tags=("mw-reverted",))],
        fs=[facts(10, words=7), facts(11, words=99)],
        campaign=c,
    )
    days = daily(s, PEOPLE)
    assert [d.day for d, _, _ in days] == [8, 9, 10]
    assert days[1][1:] == (2, 7)  # both edits count on the 9th, the reverted one's words don't
    assert days[0][1:] == days[2][1:] == (0, 0)


def test_translated_pages_and_first_counted_edit():
    from wikitally.metrics.articles import first_counted_edit, translated_pages

    t1, t2 = START + timedelta(hours=1), START + timedelta(hours=5)
    revs = [
        rev(10, page_id=1, new=True, tags=("contenttranslation",), ts=t2),
        rev(20, page_id=2, tags=("contenttranslation", "mw-reverted"), ts=t1),  # reverted: not translated
        rev(21, page_id=2, ts=t2),
        rev(30, page_id=3, tags=("campaign-cx",), ts=t1),
    ]
    s = snap(revs)
    assert translated_pages(s, PEOPLE, ("contenttranslation",)) == {(A, 1)}
    assert translated_pages(s, PEOPLE, ("campaign-cx",)) == {(A, 3)}
    assert first_counted_edit(s, PEOPLE) == {(A, 1): t2, (A, 2): t2, (A, 3): t1}
