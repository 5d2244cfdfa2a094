"""The spine end to end against two real MediaWikis: a small edit-a-thon with every rule's edge case.

Expected numbers are derived here from the texts the test writes (word and reference counts by hand,
sizes as MediaWiki measures them: UTF-8 bytes), never from wikitally's output.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from wikis import LocalWiki

from wikitally.collect import reader as reader_module
from wikitally.collect.api import ApiSession
from wikitally.collect.reader import WikiReader
from wikitally.metrics.outcome import compute
from wikitally.model import Campaign
from wikitally.services import collection
from wikitally.store import open_store

pytestmark = pytest.mark.wiki

ALPHA_1 = (
    "'''Spine Alpha''' is a river in [[Albania|southern Albania]].<ref>Atlas of Albania, 1985.</ref> "
    "It flows west.{{sfn|Smith|2001|p=4}}\n\n{{Infobox river|length=12}}\n<!-- hidden note words -->"
)  # 11 words: Spine Alpha is a river in southern Albania It flows west; 2 references
ALPHA_2 = (
    ALPHA_1 + '\n\nThe river is home to trout.<ref name="fish">Fish survey 2010.</ref> Trout are protected.'
    '<ref name="fish"/>'
)  # +9 words, +1 reference (the reuse is not a new one)
ALPHA_3 = ALPHA_2 + "\n[[File:Spine photo.png|thumb]]\n[[Category:Rivers]]"
BETA_1 = "Spine Beta is a lake."
BETA_2 = BETA_1 + " It is deep and cold."  # +5 words
BETA_VANDAL = "Spine Beta lake vandal text here"
GAMMA = "Gamma village lies on a hill.<ref>Census 2011.</ref>"  # 6 words, 1 reference
DELTA_1 = "Spine Delta is a town."
DELTA_2 = DELTA_1 + " Delta has a market."  # hidden afterwards: 0 words credited
EPSILON = "Epsilon is a mountain."  # 4 words
ZETA = "Zeta peak."  # 2 words


def size(text: str) -> int:
    return len(text.encode("utf-8"))


@pytest.fixture(scope="module")
def edit_a_thon(wiki_a: LocalWiki, wiki_b: LocalWiki, tmp_path_factory: pytest.TempPathFactory):
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    admin_a, admin_b = wiki_a.admin(), wiki_b.admin()
    ana = wiki_a.create_user("Spine Ana")
    besa = wiki_a.create_user("Spine Besa")
    stranger = wiki_a.create_user("Spine Stranger")
    ana_b = wiki_b.create_user("Spine Ana")
    cara = wiki_b.create_user("Spine Cara")
    wiki_b.set_registration("Spine Ana", datetime(2020, 1, 1, tzinfo=UTC))
    wiki_b.set_registration("Spine Cara", datetime(2019, 5, 5, tzinfo=UTC))

    ana.edit("Spine Alpha", ALPHA_1, summary="New article #WikiGap")
    besa.edit("Spine Alpha", ALPHA_2, summary="fish")
    ana.upload("Spine photo.png", comment="my photo")
    besa.upload("Spine unused.png", comment="unused")
    stranger.upload("Spine other.png", comment="not a participant")
    stranger.edit("Spine Alpha", ALPHA_3, summary="image, category")
    stranger.edit("Spine Beta", BETA_1)
    ana.edit("Spine Beta", BETA_2)
    besa.edit("Spine Beta", BETA_VANDAL)
    admin_a.edit("Spine Beta", BETA_2, summary="restore")  # a manual revert: Besa's edit gets mw-reverted
    ana.edit("User:Spine Ana/Draft", GAMMA, summary="draft")
    admin_a.move("User:Spine Ana/Draft", "Spine Gamma", reason="ready")
    ana.edit("Spine Redirect", "Some words here.")
    admin_a.edit("Spine Redirect", "#REDIRECT [[Spine Alpha]]")
    ana.edit("Spine Deleted", "Doomed words.")
    admin_a.delete("Spine Deleted")
    ana.edit("Talk:Spine Alpha", "Talk page words are not counted.")
    stranger.edit("Spine Delta", DELTA_1)
    hidden = besa.edit("Spine Delta", DELTA_2)
    stranger.edit("Spine Delta", DELTA_2 + "\n[[Category:Towns]]")  # the current revision can't be hidden
    admin_a.hide_revision(hidden, text=True)
    ana_b.edit("Spine Epsilon", EPSILON)
    cara.edit("Spine Zeta", ZETA)
    wiki_a.run_jobs()
    admin_b.edit("Spine Other B", "Unrelated.")

    campaign = Campaign(
        name="Spine edit-a-thon",
        start=start,
        end=start + timedelta(days=1),
        wikis=(wiki_a.domain, wiki_b.domain),
        participants=("Spine Ana", "Spine Besa", "Spine Cara", "Nobody Such"),
        api={wiki_a.domain: wiki_a.api, wiki_b.domain: wiki_b.api},
    )
    store = open_store(str(tmp_path_factory.mktemp("store") / "live.sqlite3"))
    return campaign, store


def run(campaign, store):
    summary = collection.collect(
        campaign, store, collection.session_factory(contact="tests@wikitally.invalid")
    )
    result = compute(store.snapshot(campaign), store.participants(campaign), datetime.now(UTC))
    return summary, result


def test_first_collection_counts_exactly(edit_a_thon, wiki_a, wiki_b):
    campaign, store = edit_a_thon
    summary, out = run(campaign, store)
    t = out.totals
    assert (t["edits"], t["edits_reverted"]) == (8, 1)
    assert (t["articles_created"], t["articles_improved"], t["articles_edited"]) == (4, 2, 6)
    assert t["words_added"] == 11 + 9 + 5 + 6 + 0 + 4 + 2
    assert (t["references_added"], t["references_removed"]) == (2 + 1 + 1, 0)
    expected_bytes = (
        size(ALPHA_1)
        + size(ALPHA_2)
        - size(ALPHA_1)
        + size(BETA_2)
        - size(BETA_1)
        + size(GAMMA)
        + size(DELTA_2)
        - size(DELTA_1)
        + size(EPSILON)
        + size(ZETA)
    )
    assert t["bytes_added"] == expected_bytes
    assert (t["uploads"], t["uploads_in_use"]) == (2, 1)
    assert (t["participants"], t["new_editors"]) == (3, 1)
    assert out.missing_facts == 0

    a, b = out.by_wiki[wiki_a.domain], out.by_wiki[wiki_b.domain]
    assert (a["edits"], b["edits"], a["participants"], b["participants"]) == (6, 2, 2, 2)
    statuses = {(x["wiki"], x["title"]): x["status"] for x in out.articles}
    assert statuses == {
        (wiki_a.domain, "Spine Alpha"): "created",
        (wiki_a.domain, "Spine Beta"): "improved",
        (wiki_a.domain, "Spine Gamma"): "created",  # a user-space draft moved into main
        (wiki_a.domain, "Spine Delta"): "improved",
        (wiki_b.domain, "Spine Epsilon"): "created",
        (wiki_b.domain, "Spine Zeta"): "created",
    }
    people = {p["user"]: p for p in out.by_participant}
    assert set(people) == {"Spine Ana", "Spine Besa", "Spine Cara"}
    assert people["Spine Besa"]["new_editors"] == 1 and people["Spine Ana"]["new_editors"] == 0
    assert people["Spine Besa"]["edits_reverted"] == 1
    assert {u["title"] for u in out.uploads} == {"File:Spine photo.png", "File:Spine unused.png"}
    assert all(ws.mode == "full" for ws in summary.wikis.values())


def test_second_collection_with_nothing_new_changes_nothing_and_is_cheap(edit_a_thon):
    campaign, store = edit_a_thon
    before = (store.counts(campaign), store.snapshot(campaign))
    summary, _ = run(campaign, store)
    assert (store.counts(campaign), store.snapshot(campaign)) == before
    for ws in summary.wikis.values():
        assert ws.mode == "refresh"
        # one request: siteinfo carries the recent changes since the watermark, and nothing happened
        assert ws.requests == 1, ws


def test_new_edit_is_picked_up_incrementally(edit_a_thon, wiki_b):
    campaign, store = edit_a_thon
    cara = wiki_b.login("Spine Cara")
    cara.edit("Spine Zeta", ZETA + " It is snowy.")
    summary, out = run(campaign, store)
    assert summary.wikis[wiki_b.domain].mode == "full"
    assert summary.wikis[wiki_b.domain].content_fetched == 2  # the new revision and its parent, nothing else
    assert out.totals["edits"] == 9 and out.totals["words_added"] == 37 + 3


def test_moves_deletions_and_reverts_between_collections(edit_a_thon, wiki_a, wiki_b):
    campaign, store = edit_a_thon
    wiki_a.admin().move("Spine Alpha", "User:Spine Ana/Alpha", reason="back to draft", noredirect=True)
    wiki_b.admin().delete("Spine Epsilon")
    ana = wiki_a.login("Spine Ana")
    ana.edit("Spine Beta", BETA_2 + " Fish live there.")
    wiki_a.admin().edit("Spine Beta", BETA_2, summary="rv")  # reverts Ana's newest edit
    wiki_a.run_jobs()
    _, out = run(campaign, store)
    t = out.totals
    # Alpha (2 edits, 20 words, 3 refs) left the main namespace; Epsilon (1 edit, 4 words) is deleted;
    # Ana's new Beta edit is counted but reverted.
    assert (t["edits"], t["edits_reverted"]) == (9 - 2 - 1 + 1, 2)
    assert t["words_added"] == 40 - 20 - 4
    assert t["references_added"] == 1
    assert (t["articles_created"], t["articles_improved"]) == (2, 2)


def test_recent_changes_carried_by_siteinfo_continue_like_a_plain_listing(edit_a_thon, wiki_a, monkeypatch):
    """The refresh's first page of recent changes comes with siteinfo (meta=siteinfo&list=recentchanges);
    its continuation goes on without the siteinfo part and gives exactly the plain listing's rows."""
    campaign, _ = edit_a_thon
    monkeypatch.setattr(reader_module, "LIST_LIMIT", 3)  # several pages out of this small wiki
    since = campaign.start
    with ApiSession(wiki_a.api, contact="tests@wikitally.invalid") as session:
        plain = list(WikiReader(session, wiki_a.domain).recent_changes(since, None))
        plain_requests = session.stats.requests
    with ApiSession(wiki_a.api, contact="tests@wikitally.invalid") as session:
        reader = WikiReader(session, wiki_a.domain)
        info, _, latest = reader.siteinfo(since)
        carried = list(reader.recent_changes(since, None))
        assert latest is None and 0 in info.namespace_names
        assert session.stats.requests == plain_requests  # the first page came with siteinfo
    assert len(plain) > 3 * 2 and carried == plain


def test_a_new_version_of_the_counting_rules_measures_stored_facts_again(edit_a_thon, monkeypatch):
    """A store collected before a counting rule changed (words of prose, references as Cite lists them)
    held the old numbers for ever: known facts were never measured again. Now the rules' version is kept
    with the facts, and a store measured under another version is measured again, with the same result
    when nothing else changed."""
    campaign, store = edit_a_thon
    _, before = run(campaign, store)
    monkeypatch.setattr(collection, "COUNTING_RULES", collection.COUNTING_RULES + 1)
    summary, after = run(campaign, store)
    assert all(ws.mode == "full" and ws.content_fetched > 0 for ws in summary.wikis.values())
    assert after.totals == before.totals and after.missing_facts == 0
