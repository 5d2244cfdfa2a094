"""A participant's own page lists their articles and uploads, each with their numbers and a diff link that
shows what they changed: the counted edits only (an edit without the hashtag is not among them)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from django.test import Client
from test_enrolment import wiki_user
from webseed import SCRIPT, SQ, T0, USER_SCRIPT, WIKITEXT, _rev, define, parse, seed, text_of

from wikitally.campaign_file import parse_campaign
from wikitally.metrics.contributions import contributions
from wikitally.model import ContentFacts, PageState, Snapshot, Upload
from wikitally.store import Store
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions

SLUG = "wikigap"
COLLECTED = datetime(2024, 3, 16, tzinfo=UTC)


@pytest.fixture
def campaign(db: str) -> CampaignDefinition:
    definition, campaign = define(wiki_user("creator", "Creator"), slug=SLUG)
    seed(campaign, COLLECTED)
    return definition


def test_a_participants_page_lists_their_articles_with_numbers_and_diffs(
    campaign: CampaignDefinition,
) -> None:
    html = Client().get(f"/c/{SLUG}/u/Ana/").content.decode()
    rows = [r for r in html.split("<li>") if 'class="diff"' in r]
    assert len(rows) == 2  # r104 (the wikitext title) and r105; r106 has no hashtag: not counted
    page = text_of(html)
    assert "Kalaja e Rozafës" in page and WIKITEXT in page
    # r105 on Kalaja e Rozafës: +50 bytes, 12 words, references 3 → 5.
    assert "Edits 1 Bytes added 50 Words added 12 References added 2" in page
    diffs = [a.get("href") for tag, a in parse(html).elements if tag == "a" and "diff" in str(a.get("class"))]
    assert sorted(str(d) for d in diffs) == [
        "https://sq.wikipedia.org/wiki/Special:Diff/104",
        "https://sq.wikipedia.org/wiki/Special:Diff/105",
    ]
    assert "106" not in " ".join(str(d) for d in diffs)


def test_a_participants_page_lists_their_uploads(campaign: CampaignDefinition) -> None:
    page = text_of(Client().get(f"/c/{SLUG}/u/Vyolltsa/").content)
    assert "File:Rozafa.jpg commons.wikimedia.org" in page and "commons.wikimedia.org · in use" not in page
    used = text_of(Client().get(f"/c/{SLUG}/u/{quote(USER_SCRIPT.replace(' ', '_'))}/").content)
    assert f"File:{SCRIPT}.jpg commons.wikimedia.org · in use" in used


def test_contributions_are_the_counted_edits_of_one_user() -> None:
    campaign = parse_campaign(
        {
            "name": "C",
            "start": datetime(2024, 3, 1, tzinfo=UTC),
            "end": datetime(2024, 3, 31, tzinfo=UTC),
            "wikis": [SQ],
            "hashtags": ["#Gap"],
        },
        "c.toml",
    )
    revisions = (
        _rev(10, 1, "A", "Ana", "#Gap start", new=True, sizediff=500, size=500),
        _rev(11, 1, "A", "Bob", "#Gap other person"),
        _rev(12, 1, "A", "Ana", "#Gap more", parent_id=11, sizediff=-30),
        _rev(13, 1, "A", "Ana", "forgot the hashtag", parent_id=12, sizediff=999),
        _rev(14, 2, "B", "Ana", "#Gap", parent_id=7, sizediff=20),
    )
    snapshot = Snapshot(
        campaign,
        revisions,
        (PageState(SQ, 1, 0, "A", redirect=False), PageState(SQ, 2, 0, "B", redirect=False)),
        (ContentFacts(SQ, 10, 100, 0, 2), ContentFacts(SQ, 12, 5, 2, 1), ContentFacts(SQ, 14, 7, 0, 0)),
        (
            Upload(SQ, "File:X.jpg", "Ana", T0, in_use=False),
            Upload(SQ, "File:Y.jpg", "Bob", T0, in_use=False),
        ),
        (),
        (),
    )
    articles, uploads = contributions(snapshot, None, "Ana")
    a, b = articles
    assert (a.title, a.created, a.edits, a.bytes_added, a.words_added, a.references_added) == (
        "A",
        True,
        2,
        500,
        105,
        2,
    )
    assert (a.first_parent, a.last_rev, a.rev_ids) == (0, 12, (10, 12))
    assert (b.title, b.created, b.edits, b.first_parent, b.last_rev) == ("B", False, 1, 7, 14)
    assert [u.title for u in uploads] == ["File:X.jpg"]


def test_the_store_reads_one_users_revisions(campaign: CampaignDefinition) -> None:
    stored = Store("default").user_snapshot(definitions.campaign_of(campaign), "Ana")
    assert {r.user for r in stored.revisions} == {"Ana"} and len(stored.revisions) == 3
    assert {f.rev_id for f in stored.facts} <= {104, 105, 106}
