"""Private registration: a participant who asks for it is counted in every total and named on no public
surface: the campaign page, the full lists, their own page and certificate, every download and the API.
The organizers still see them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from test_enrolment import wiki_user
from webseed import csrf_post, define, log_in, seed, text_of

from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition

SLUG = "wikigap"
SECRET = "Vyolltsa"  # a participant with edits and an upload in the seed
COLLECTED = datetime(2024, 3, 16, tzinfo=UTC)
PUBLIC_SURFACES = (
    f"/c/{SLUG}/",
    f"/c/{SLUG}/?sort=words",
    f"/c/{SLUG}/leaderboard/",
    f"/c/{SLUG}/articles/",
    *(
        f"/c/{SLUG}/download.csv?table={t}"
        for t in ("summary", "wikis", "participants", "articles", "uploads")
    ),
    f"/c/{SLUG}/download.json",
    f"/c/{SLUG}/download.wiki",
    f"/c/{SLUG}/download.html",
    "/api/campaigns/",
    f"/api/campaigns/{SLUG}/",
    *(f"/api/campaigns/{SLUG}/leaderboard?sort={s}" for s in ("edits", "words", "uploads")),
    *(f"/api/campaigns/{SLUG}/lists/{name}" for name in ("by_participant", "articles", "uploads")),
)


@pytest.fixture
def campaign(db: str) -> CampaignDefinition:
    definition, campaign = define(wiki_user("creator", "Creator"), slug=SLUG)
    seed(campaign, COLLECTED)
    return definition


def totals(client: Client) -> dict[str, int]:
    return dict(client.get(f"/api/campaigns/{SLUG}/").json()["totals"])


@pytest.mark.parametrize("url", PUBLIC_SURFACES)
def test_a_private_name_is_on_no_public_surface(campaign: CampaignDefinition, url: str) -> None:
    anyone = Client()
    before = anyone.get(url)
    assert before.status_code == 200
    if url.startswith((f"/c/{SLUG}/download", f"/c/{SLUG}/leaderboard", f"/api/campaigns/{SLUG}")) and (
        "table=summary" not in url
        and "table=wikis" not in url
        and "table=articles" not in url
        and "lists/articles" not in url
    ):
        assert SECRET in before.content.decode("utf-8-sig")  # the surface names people: the test can fail
    enrolments.enrol(campaign, SECRET, private=True)
    after = anyone.get(url)
    assert after.status_code == 200
    assert SECRET not in after.content.decode("utf-8-sig")


def test_private_people_are_still_counted(campaign: CampaignDefinition) -> None:
    anyone = Client()
    before = totals(anyone)
    enrolments.enrol(campaign, SECRET, private=True)
    assert totals(anyone) == before
    people = [p["user"] for p in anyone.get(f"/api/campaigns/{SLUG}/").json()["by_participant"]]
    assert SECRET not in people and len(people) == before["participants"] - 1


def test_their_own_page_and_certificate_are_not_public(campaign: CampaignDefinition) -> None:
    anyone = Client()
    assert anyone.get(f"/c/{SLUG}/u/{SECRET}/").status_code == 200
    enrolments.enrol(campaign, SECRET, private=True)
    assert anyone.get(f"/c/{SLUG}/u/{SECRET}/").status_code == 404
    assert anyone.get(f"/c/{SLUG}/u/{SECRET}/certificate.pdf").status_code == 404


def test_organizers_still_see_them_and_a_change_of_mind_shows_at_once(campaign: CampaignDefinition) -> None:
    enrolments.enrol(campaign, SECRET, private=True)
    creator = Client()
    log_in(creator, "creator")
    assert SECRET in text_of(creator.get(f"/c/{SLUG}/participants/").content)
    assert SECRET not in Client().get(f"/c/{SLUG}/").content.decode()
    enrolments.set_private(campaign, SECRET, False)
    assert SECRET in Client().get(f"/c/{SLUG}/").content.decode()


def test_joining_privately_and_changing_it(campaign: CampaignDefinition) -> None:
    wiki_user("vyolltsa", SECRET, sub=7)
    me = Client(enforce_csrf_checks=True)
    log_in(me, "vyolltsa")
    assert 'name="private"' in me.get(f"/c/{SLUG}/join/").content.decode()  # offered before joining
    assert csrf_post(me, f"/c/{SLUG}/join/", {"private": "on"}).status_code == 302
    assert enrolments.private_usernames(campaign) == {SECRET}
    assert "Your name is kept off public pages." in text_of(me.get(f"/c/{SLUG}/join/").content)
    assert csrf_post(me, f"/c/{SLUG}/privacy/", {}, page=f"/c/{SLUG}/join/").status_code == 302
    assert enrolments.private_usernames(campaign) == frozenset()
