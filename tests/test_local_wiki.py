"""The local-wiki fixtures and seeding helpers do what integration tests rely on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from wikis import ImportRevision, LocalWiki, WikiError, WikiSession, export_xml, png_bytes, sha1_base36

pytestmark = pytest.mark.wiki


@pytest.fixture(scope="module")
def alice(wiki_a: LocalWiki) -> WikiSession:
    return wiki_a.create_user("Alice lw")


@pytest.fixture(scope="module")
def bob(wiki_a: LocalWiki) -> WikiSession:
    return wiki_a.create_user("Bob_lw")  # MediaWiki normalises to "Bob lw"


def contribs(wiki: LocalWiki, *users: str) -> list[dict]:
    answer = wiki.api_get(
        action="query",
        list="usercontribs",
        ucuser=users,
        uclimit="max",
        ucprop=["ids", "title", "timestamp", "comment", "tags"],
    )
    return answer["query"]["usercontribs"]


def test_users_edit_under_their_own_names_with_tags(
    wiki_a: LocalWiki, alice: WikiSession, bob: WikiSession
) -> None:
    assert (alice.user, bob.user) == ("Alice lw", "Bob lw")
    wiki_a.admin().create_tag("lw-campaign")
    rev_a = alice.edit("LW Tagged", "Alice's text", summary="hi", tags=["lw-campaign"])
    rev_b = bob.edit("LW Untagged", "Bob's text")
    by_rev = {c["revid"]: c for c in contribs(wiki_a, "Alice lw", "Bob lw")}
    assert by_rev[rev_a]["user"] == "Alice lw"
    assert by_rev[rev_a]["tags"] == ["lw-campaign"]
    assert by_rev[rev_a]["comment"] == "hi"
    assert by_rev[rev_b]["user"] == "Bob lw"
    assert by_rev[rev_b]["tags"] == []


def test_import_backdated_history_credited_to_existing_user(wiki_a: LocalWiki, alice: WikiSession) -> None:
    t0 = datetime(2024, 3, 8, 10, 0, tzinfo=UTC)
    revisions: list[ImportRevision] = [
        {
            "user": "Alice lw",
            "timestamp": t0 + timedelta(days=i),
            "text": f"v{i} <ref>a & b</ref>",
            "comment": f"c{i} <&>",
        }
        for i in range(3)
    ]
    (page,) = wiki_a.import_xml([{"title": "LW Imported", "revisions": revisions}])
    assert len(page.rev_ids) == 3 and page.rev_ids == sorted(page.rev_ids)

    mine = {c["revid"]: c for c in contribs(wiki_a, "Alice lw") if c["title"] == "LW Imported"}
    assert sorted(mine) == page.rev_ids
    assert [mine[r]["timestamp"] for r in page.rev_ids] == [
        "2024-03-08T10:00:00Z",
        "2024-03-09T10:00:00Z",
        "2024-03-10T10:00:00Z",
    ]
    assert mine[page.rev_ids[0]]["comment"] == "c0 <&>"

    text = wiki_a.api_get(
        action="query", revids=page.rev_ids[-1], prop="revisions", rvslots="main", rvprop="content"
    )["query"]["pages"][0]["revisions"][0]["slots"]["main"]["content"]
    assert text == "v2 <ref>a & b</ref>"
    rc = wiki_a.api_get(
        action="query", list="recentchanges", rcuser="Alice lw", rclimit="max", rcprop=["ids", "timestamp"]
    )["query"]["recentchanges"]
    assert set(page.rev_ids) <= {c["revid"] for c in rc}


def test_import_credits_unknown_users_with_prefix(wiki_a: LocalWiki) -> None:
    when = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    (page,) = wiki_a.import_xml(
        [
            {
                "title": "Talk:LW Foreign",
                "revisions": [
                    {"user": "Nobody lw", "timestamp": when, "text": "x"},
                    {"user": "192.0.2.7", "timestamp": when + timedelta(hours=1), "text": "y"},
                ],
            }
        ]
    )
    revs = wiki_a.api_get(
        action="query",
        pageids=page.page_id,
        prop="revisions",
        rvlimit="max",
        rvdir="newer",
        rvprop=["ids", "user"],
    )["query"]["pages"][0]
    assert revs["ns"] == 1
    assert [r["user"] for r in revs["revisions"]] == ["imported>Nobody lw", "192.0.2.7"]


def rev_tags(wiki: LocalWiki, title: str) -> dict[int, list[str]]:
    answer = wiki.api_get(
        action="query", titles=title, prop="revisions", rvlimit="max", rvprop=["ids", "tags"]
    )
    return {r["revid"]: r["tags"] for r in answer["query"]["pages"][0]["revisions"]}


def test_revert_is_tagged_after_jobs(wiki_a: LocalWiki, alice: WikiSession, bob: WikiSession) -> None:
    alice.edit("LW Revert", "good")
    bad = bob.edit("LW Revert", "bad")
    revert = alice.edit("LW Revert", "good", summary="restore")  # restores the old text exactly
    wiki_a.run_jobs()
    tags = rev_tags(wiki_a, "LW Revert")
    assert "mw-manual-revert" in tags[revert]
    # RC patrol is on and Alice lacks autopatrol: the revert must be patrolled before tagging.
    assert "mw-reverted" not in tags[bad]
    wiki_a.admin().patrol(revert)
    wiki_a.run_jobs()
    assert "mw-reverted" in rev_tags(wiki_a, "LW Revert")[bad]

    undone = alice.undo("LW Revert", alice.edit("LW Revert", "worse"))
    bob.edit("LW Revert", "vandal")
    rolled = wiki_a.admin().rollback("LW Revert", "Bob lw")
    wiki_a.run_jobs()
    tags = {
        r["revid"]: r["tags"]
        for r in wiki_a.api_get(
            action="query", revids=[undone, rolled], prop="revisions", rvprop=["ids", "tags"]
        )["query"]["pages"][0]["revisions"]
    }
    assert "mw-undo" in tags[undone] and "mw-rollback" in tags[rolled]


def test_upload_shows_in_upload_log(wiki_a: LocalWiki, bob: WikiSession) -> None:
    result = bob.upload("LW pic.png", comment="a picture")
    assert result["filename"] == "LW_pic.png"
    log = wiki_a.api_get(
        action="query", list="logevents", letype="upload", leprop=["title", "user", "comment"], lelimit="max"
    )["query"]["logevents"]
    assert {"title": "File:LW pic.png", "user": "Bob lw", "comment": "a picture"} in [
        {k: e[k] for k in ("title", "user", "comment")} for e in log
    ]
    assert png_bytes("x") != png_bytes("y")


def test_hidden_text_shows_as_texthidden(wiki_a: LocalWiki, alice: WikiSession) -> None:
    rev = alice.edit("LW Hidden", "secret")
    alice.edit("LW Hidden", "public")
    wiki_a.admin().hide_revision(rev)
    (got,) = wiki_a.api_get(
        action="query",
        revids=rev,
        prop="revisions",
        rvslots="main",
        rvprop=["ids", "content", "user", "sha1"],
    )["query"]["pages"][0]["revisions"]
    # With rvslots the flag sits on the slot; without rvslots (legacy output) on the revision.
    assert got["slots"]["main"] == {"texthidden": True}
    assert got["sha1hidden"] is True and got["user"] == "Alice lw"
    (legacy,) = wiki_a.api_get(action="query", revids=rev, prop="revisions", rvprop=["ids", "content"])[
        "query"
    ]["pages"][0]["revisions"]
    assert legacy["texthidden"] is True


def test_user_hidden_revision_is_missing_from_anonymous_contribs(wiki_a: LocalWiki, bob: WikiSession) -> None:
    rev = bob.edit("LW Hidden user", "x")
    wiki_a.admin().hide_revision(rev, text=False, user=True)
    assert rev not in [c["revid"] for c in contribs(wiki_a, "Bob lw")]
    assert rev in [
        c["revid"]
        for c in wiki_a.admin().get(action="query", list="usercontribs", ucuser="Bob lw", uclimit="max")[
            "query"
        ]["usercontribs"]
    ]


def test_registration_date_can_be_backdated(wiki_a: LocalWiki, bob: WikiSession) -> None:
    wiki_a.set_registration("Bob_lw", datetime(2024, 3, 8, 11, 0, tzinfo=UTC))
    (user,) = wiki_a.api_get(action="query", list="users", ususers="Bob lw", usprop="registration")["query"][
        "users"
    ]
    assert user["registration"] == "2024-03-08T11:00:00Z"


def test_move_delete_undelete(wiki_a: LocalWiki, alice: WikiSession) -> None:
    alice.edit("LW Old name", "content")
    alice.move("LW Old name", "LW New name", noredirect=True)
    admin = wiki_a.admin()
    admin.delete("LW New name")
    assert wiki_a.api_get(action="query", titles="LW New name")["query"]["pages"][0].get("missing")
    assert admin.undelete("LW New name") == 2  # the edit and the move's null revision
    with pytest.raises(WikiError, match=r"permissiondenied|badaccess"):
        alice.delete("LW New name")


def test_wiki_b_is_a_separate_wiki(wiki_a: LocalWiki, wiki_b: LocalWiki, alice: WikiSession) -> None:
    assert wiki_a.api != wiki_b.api and wiki_a.domain != wiki_b.domain
    assert not wiki_b.api_get(action="query", list="users", ususers="Alice lw")["query"]["users"][0].get(
        "userid"
    )
    rev = wiki_b.admin().edit("LW Only on B", "b")
    assert wiki_a.api_get(action="query", titles="LW Only on B")["query"]["pages"][0].get("missing")
    assert wiki_b.api_get(action="query", revids=rev)["query"]["pages"][0]["title"] == "LW Only on B"


def test_export_xml_escapes_and_hashes() -> None:
    when = datetime(2024, 1, 1, tzinfo=UTC)
    xml = export_xml([{"title": "A & <B>", "revisions": [{"user": "X", "timestamp": when, "text": "<&>"}]}])
    assert "<title>A &amp; &lt;B&gt;</title>" in xml and ">&lt;&amp;&gt;</text>" in xml
    assert sha1_base36("") == "phoiac9h4m842xq45sp7s6u21eteeq1"  # MediaWiki's sha1 of the empty text
