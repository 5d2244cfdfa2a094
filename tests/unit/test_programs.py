"""A program's roll-up: each person, revision, article and upload once, however many campaigns count it."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from wikitally.metrics.outcome import METRICS, compute
from wikitally.metrics.programs import roll_up
from wikitally.model import Account, Campaign, ContentFacts, PageState, Revision, SiteInfo, Snapshot, Upload

AS_OF = datetime(2024, 7, 1, tzinfo=UTC)
SQ, EN, COMMONS = "sq.wikipedia.org", "en.wikipedia.org", "commons.wikimedia.org"
MARCH = datetime(2024, 3, 1, tzinfo=UTC)
# Two campaigns whose windows overlap on 10-20 March and who share sq.wikipedia.org.
SPRING = Campaign("CEE Spring", MARCH, datetime(2024, 3, 20, tzinfo=UTC), (SQ, COMMONS))
LIBRARY = Campaign("1lib1ref", datetime(2024, 3, 10, tzinfo=UTC), datetime(2024, 3, 31, tzinfo=UTC), (SQ, EN))
OVERLAP = datetime(2024, 3, 15, tzinfo=UTC)  # in both windows


def rev(rev_id, page_id=1, user="Ana", wiki=SQ, ts=OVERLAP, sizediff=100, new=False, tags=()):
    return Revision(
        wiki,
        rev_id,
        0 if new else rev_id - 1,
        page_id,
        0,
        f"P{page_id}",
        user,
        ts,
        "",
        1000,
        sizediff,
        tags,
        new,
    )


def facts(rev_id, words=10, before=0, after=2, wiki=SQ):
    return ContentFacts(wiki, rev_id, words, before, after)


def snap(campaign, revs=(), fs=(), uploads=(), accounts=()):
    pages = {(r.wiki, r.page_id): PageState(r.wiki, r.page_id, 0, f"P{r.page_id}", False) for r in revs}
    infos = tuple(SiteInfo(w, (0,), {0: ""}) for w in campaign.wikis)
    return Snapshot(
        campaign, tuple(revs), tuple(pages.values()), tuple(fs), tuple(uploads), tuple(accounts), infos
    )


def program(*snapshots, participants=None):
    return roll_up(((s, participants) for s in snapshots), AS_OF)


def summed(result, metric):
    """What a dashboard that adds campaigns' totals up would show."""
    return sum(row["totals"][metric] for row in result["by_campaign"])


def test_totals_have_the_spines_metrics_and_one_row_per_campaign():
    result = program(snap(SPRING, [rev(10)]), snap(LIBRARY, [rev(20, wiki=EN)]))
    assert list(result["totals"]) == list(METRICS)
    assert [row["name"] for row in result["by_campaign"]] == ["CEE Spring", "1lib1ref"]
    assert result["as_of"] == AS_OF.isoformat()
    assert set(result["by_campaign"][0]) == {"name", "start", "end", "wikis", "totals"}


def test_a_person_in_two_campaigns_is_one_participant():
    # Ana edits different pages on different wikis for each campaign: two edits, one person.
    result = program(snap(SPRING, [rev(10, wiki=SQ)]), snap(LIBRARY, [rev(20, wiki=EN)]))
    assert summed(result, "participants") == 2
    assert result["totals"]["participants"] == 1
    assert result["totals"]["edits"] == 2
    assert result["overlap"] == {"participants": 1, "edits": 0}


def test_a_person_who_only_uploads_in_one_and_edits_in_the_other_is_one_participant():
    up = Upload(COMMONS, "File:A.jpg", "Ana", OVERLAP, in_use=False)
    result = program(snap(SPRING, uploads=[up]), snap(LIBRARY, [rev(20, wiki=EN)]))
    assert (result["totals"]["participants"], summed(result, "participants")) == (1, 2)


def test_a_revision_two_campaigns_count_is_counted_once():
    shared = [rev(10, sizediff=300)]
    fs = [facts(10, words=50, before=1, after=4)]
    result = program(snap(SPRING, shared, fs), snap(LIBRARY, shared, fs))
    totals = result["totals"]
    for metric, once in [("edits", 1), ("bytes_added", 300), ("words_added", 50), ("references_added", 3)]:
        assert summed(result, metric) == 2 * once
        assert totals[metric] == once, metric
    assert totals["participants"] == 1 and totals["articles_improved"] == 1
    assert result["overlap"] == {"participants": 1, "edits": 1}


def test_references_removed_once():
    shared = [rev(10, sizediff=0)]
    fs = [facts(10, words=0, before=5, after=2)]
    result = program(snap(SPRING, shared, fs), snap(LIBRARY, shared, fs))
    assert (result["totals"]["references_removed"], summed(result, "references_removed")) == (3, 6)


def test_the_same_rev_id_on_two_wikis_is_two_revisions():
    result = program(snap(SPRING, [rev(10, wiki=SQ)]), snap(LIBRARY, [rev(10, wiki=EN)]))
    assert result["totals"]["edits"] == 2
    assert result["totals"]["articles_improved"] == 2  # page 1 of sq and page 1 of en are two articles


def test_only_revisions_a_campaign_counts_are_counted():
    # Revision 30 lies outside 1lib1ref's window (10-31 March) and 1lib1ref's snapshot still holds it.
    early = rev(30, ts=MARCH + timedelta(days=2), page_id=2)
    result = program(snap(LIBRARY, [early]))
    assert result["totals"]["edits"] == 0 and result["totals"]["participants"] == 0


def test_created_in_one_campaign_and_improved_in_another_is_one_created_article():
    created = rev(10, page_id=7, new=True, ts=datetime(2024, 3, 5, tzinfo=UTC))  # only CEE Spring
    improved = rev(11, page_id=7, user="Besa", ts=datetime(2024, 3, 25, tzinfo=UTC))  # only 1lib1ref
    result = program(snap(SPRING, [created, improved]), snap(LIBRARY, [created, improved]))
    spring, library = (row["totals"] for row in result["by_campaign"])
    assert (spring["articles_created"], spring["articles_improved"]) == (1, 0)
    assert (library["articles_created"], library["articles_improved"]) == (0, 1)
    totals = result["totals"]
    assert (totals["articles_created"], totals["articles_improved"], totals["articles_edited"]) == (1, 0, 1)


def test_a_page_improved_in_two_campaigns_is_one_improved_article():
    result = program(snap(SPRING, [rev(10)]), snap(LIBRARY, [rev(20, user="Besa")]))
    totals = result["totals"]
    assert summed(result, "articles_improved") == 2
    assert (totals["articles_improved"], totals["articles_edited"], totals["edits"]) == (1, 1, 2)


def test_a_creation_both_campaigns_count_is_one_created_article():
    shared = [rev(10, page_id=3, new=True), rev(11, page_id=3, user="Besa")]
    result = program(snap(SPRING, shared), snap(LIBRARY, shared))
    totals = result["totals"]
    assert (totals["articles_created"], totals["articles_improved"], totals["articles_edited"]) == (1, 0, 1)
    assert summed(result, "articles_created") == 2


def test_a_copy_tagged_reverted_wins():
    clean, tagged = rev(10, sizediff=500), rev(10, sizediff=500, tags=("mw-reverted",))
    for first, second in [(clean, tagged), (tagged, clean)]:
        result = program(snap(SPRING, [first], [facts(10)]), snap(LIBRARY, [second], [facts(10)]))
        totals = result["totals"]
        assert (totals["edits"], totals["edits_reverted"]) == (1, 1)
        assert (totals["bytes_added"], totals["words_added"], totals["articles_edited"]) == (0, 0, 0)


def test_text_facts_from_the_campaign_that_has_them():
    result = program(snap(SPRING, [rev(10)]), snap(LIBRARY, [rev(10)], [facts(10, words=42)]))
    assert result["totals"]["words_added"] == 42


def test_an_upload_two_campaigns_count_is_counted_once_and_in_use_if_either_says_so():
    unused = Upload(COMMONS, "File:A.jpg", "Ana", OVERLAP, in_use=False)
    used = replace(unused, in_use=True)
    both = replace(LIBRARY, wikis=(SQ, COMMONS))
    for first, second in [(unused, used), (used, unused)]:
        result = program(snap(SPRING, uploads=[first]), snap(both, uploads=[second]))
        assert summed(result, "uploads") == 2
        assert (result["totals"]["uploads"], result["totals"]["uploads_in_use"]) == (1, 1)
        assert result["totals"]["participants"] == 1


def test_a_new_editor_of_two_campaigns_is_one_new_editor():
    accounts = [Account(SQ, "Ana", datetime(2024, 3, 12, tzinfo=UTC))]  # within both windows
    result = program(snap(SPRING, [rev(10)], accounts=accounts), snap(LIBRARY, [rev(20)], accounts=accounts))
    assert summed(result, "new_editors") == 2
    assert result["totals"]["new_editors"] == 1


def test_new_in_one_campaign_is_new_in_the_program():
    # Registered on 5 March: new for CEE Spring (from 1 March), not for 1lib1ref (from 10 March).
    accounts = [Account(SQ, "Ana", datetime(2024, 3, 5, tzinfo=UTC))]
    result = program(snap(SPRING, [rev(10)], accounts=accounts), snap(LIBRARY, [rev(20)], accounts=accounts))
    assert [row["totals"]["new_editors"] for row in result["by_campaign"]] == [1, 0]
    assert result["totals"]["new_editors"] == 1


def test_new_only_where_one_took_part():
    # Registered during CEE Spring but active only in 1lib1ref, for which the account is not new.
    accounts = [Account(SQ, "Ana", datetime(2024, 3, 5, tzinfo=UTC))]
    result = program(snap(SPRING, accounts=accounts), snap(LIBRARY, [rev(20)], accounts=accounts))
    assert result["totals"]["new_editors"] == 0 and result["totals"]["participants"] == 1


def test_participant_lists_apply_per_campaign():
    spring = snap(replace(SPRING, participants=("Ana",)), [rev(10), rev(11, user="Besa", page_id=2)])
    library = snap(replace(LIBRARY, participants=("Besa",)), [rev(10), rev(11, user="Besa", page_id=2)])
    result = roll_up([(spring, frozenset({"Ana"})), (library, frozenset({"Besa"}))], AS_OF)
    assert result["totals"]["participants"] == 2 and result["totals"]["edits"] == 2
    assert result["overlap"] == {"participants": 0, "edits": 0}


# One campaign's roll-up is its outcome: the program applies the very rules compute() applies.
ONE_CAMPAIGN = [
    snap(SPRING),
    snap(SPRING, [rev(10, new=True), rev(11, tags=("mw-reverted",)), rev(12, user="Besa", sizediff=-40)]),
    snap(
        SPRING,
        [rev(10, new=True, sizediff=None), rev(11), rev(12, page_id=2, wiki=COMMONS)],
        [facts(10, words=7, before=0, after=3), facts(11, before=3, after=1)],
        [
            Upload(COMMONS, "File:A.jpg", "Cen", OVERLAP, True),
            Upload(COMMONS, "File:B.jpg", "Ana", MARCH, False),
        ],
        [Account(SQ, "Ana", OVERLAP), Account(COMMONS, "Cen", OVERLAP), Account(SQ, "Besa", None)],
    ),
]


@pytest.mark.parametrize("snapshot", ONE_CAMPAIGN)
def test_one_campaigns_program_is_its_outcome(snapshot):
    expected = compute(snapshot, None, AS_OF).totals
    result = roll_up([(snapshot, None)], AS_OF)
    assert result["totals"] == expected == result["by_campaign"][0]["totals"]
    # The same campaign twice (two programs' worth of the same data) changes nothing either.
    assert roll_up([(snapshot, None), (snapshot, None)], AS_OF)["totals"] == expected


def test_nothing_gives_zeros():
    result = roll_up(iter(()), AS_OF)
    assert result["totals"] == dict.fromkeys(METRICS, 0) and result["by_campaign"] == []
