"""Organizers run their own campaign: co-organizers named by Wikimedia username (one permission check on
every page), archive and restore, delete with confirmation, duplicate for next year, the participant
list as CSV and as a MassMessage list, and a participant leaving."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from test_enrolment import wiki_user
from webseed import SCRIPT, csrf_post, define, log_in, seed, text_of

from wikitally.store import enrolments
from wikitally.store.models import Campaign as StoredCampaign
from wikitally.store.models import CampaignDefinition, Organizer, Program, Revision
from wikitally.store.refresh_queue import RefreshQueue
from wikitally.web.campaigns import definitions, organizers
from wikitally.web.campaigns.views_manage import massmessage_list

SLUG = "wikigap"
ORGANIZE = f"/c/{SLUG}/organize/"
COLLECTED = datetime(2024, 3, 16, tzinfo=UTC)
# Every organizers-only page, by GET (the refresh button is a POST, checked apart).
ORGANIZER_PAGES = (
    f"/c/{SLUG}/edit/",
    f"/c/{SLUG}/participants/",
    ORGANIZE,
    f"/c/{SLUG}/delete/",
    f"/c/{SLUG}/enrolled.csv",
    f"/c/{SLUG}/massmessage.wiki",
)


@pytest.fixture
def campaign(db: str) -> CampaignDefinition:
    definition, _ = define(wiki_user("creator", "Creator", sub=1), slug=SLUG, name="WikiGap 2024")
    return definition


def signed_in(name: str, sub: int) -> Client:
    wiki_user(name.lower(), name, sub=sub)
    client = Client(enforce_csrf_checks=True)
    log_in(client, name.lower())
    return client


def add_organizer(client: Client, name: str) -> None:
    response = csrf_post(client, ORGANIZE, {"form": "add-organizer", "organizer-username": name})
    assert response.status_code == 302


def remove_organizer(client: Client, name: str) -> None:
    response = csrf_post(client, ORGANIZE, {"form": "remove-organizer", "username": name})
    assert response.status_code == 302


def statuses(client: Client) -> list[int]:
    return [client.get(url).status_code for url in ORGANIZER_PAGES]


def test_a_co_organizer_can_organize_and_a_removed_one_cannot(campaign: CampaignDefinition) -> None:
    creator, helper = Client(enforce_csrf_checks=True), signed_in("Helper", 2)
    log_in(creator, "creator")
    assert statuses(helper) == [403] * len(ORGANIZER_PAGES)
    add_organizer(creator, "helper")  # typed in lower case: MediaWiki's first letter is upper
    assert definitions.organizer_names(campaign) == ["Creator", "Helper"]
    assert statuses(helper) == [200] * len(ORGANIZER_PAGES)
    refreshed = csrf_post(helper, f"/c/{SLUG}/refresh/", {}, page=f"/c/{SLUG}/")
    assert refreshed.status_code == 302
    saved = csrf_post(helper, ORGANIZE, {"form": "details", "event-mode": "hybrid", "event-place": "Tirana"})
    assert saved.status_code == 302
    assert "Helper" in text_of(creator.get(f"/c/{SLUG}/").content)  # named on the page
    remove_organizer(creator, "Helper")
    assert statuses(helper) == [403] * len(ORGANIZER_PAGES)
    assert csrf_post(helper, f"/c/{SLUG}/refresh/", {}, page=f"/c/{SLUG}/").status_code == 403


def test_a_co_organizer_named_before_they_ever_signed_in(campaign: CampaignDefinition) -> None:
    organizers.add(campaign, "Later Person")
    later = signed_in("Later Person", 3)
    assert later.get(ORGANIZE).status_code == 200
    assert Organizer.objects.filter(definition=campaign, user__isnull=True).count() == 1


def test_the_last_organizer_stays(campaign: CampaignDefinition) -> None:
    assert organizers.remove(campaign, "Creator") is None
    assert definitions.organizer_names(campaign) == ["Creator"]
    assert organizers.remove(campaign, "Nobody") is False


def test_a_bad_co_organizer_name_is_named_at_the_field(campaign: CampaignDefinition) -> None:
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    response = csrf_post(creator, ORGANIZE, {"form": "add-organizer", "organizer-username": "a|b"})
    assert response.status_code == 200
    assert response.context["organizer_form"].errors["username"]
    assert definitions.organizer_names(campaign) == ["Creator"]


def test_archive_makes_it_read_only_and_unlisted_and_restore_undoes_it(
    campaign: CampaignDefinition,
) -> None:
    program = Program.objects.create(slug="gap", name="Gap")
    program.campaigns.add(campaign)
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    anyone = Client()
    assert "WikiGap 2024" in text_of(anyone.get("/").content)
    assert csrf_post(creator, ORGANIZE, {"form": "archive"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.archived_at is not None
    listed = text_of(anyone.get("/").content)
    assert "WikiGap 2024" not in listed
    assert anyone.get("/api/campaigns/").json()["campaigns"] == []
    assert "WikiGap 2024" not in text_of(anyone.get("/p/gap/").content)
    page = anyone.get(f"/c/{SLUG}/")
    assert page.status_code == 200 and "archived" in text_of(page.content)
    # Read-only: no edit, refresh, joining, adding people, details; the worker leaves it alone.
    assert creator.get(f"/c/{SLUG}/edit/").status_code == 403
    assert csrf_post(creator, f"/c/{SLUG}/refresh/", {}, page=f"/c/{SLUG}/").status_code == 403
    assert csrf_post(creator, ORGANIZE, {"form": "details", "event-mode": "online"}).status_code == 403
    added = csrf_post(creator, f"/c/{SLUG}/participants/", {"form": "add", "add-usernames": "Ana"})
    assert added.status_code == 403 and enrolments.usernames(campaign) == []
    joiner = signed_in("Joiner", 5)
    assert csrf_post(joiner, f"/c/{SLUG}/join/", {}).status_code == 403
    assert campaign.pk not in [c.definition_id for c in RefreshQueue("default").due(timezone.now())]
    assert csrf_post(creator, ORGANIZE, {"form": "restore"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.archived_at is None
    assert "WikiGap 2024" in text_of(anyone.get("/").content)
    assert creator.get(f"/c/{SLUG}/edit/").status_code == 200
    assert campaign.pk in [c.definition_id for c in RefreshQueue("default").due(timezone.now())]


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "This campaign is archived: nobody can join it any more."),
        ("ru", "Эта кампания в архиве: присоединиться к ней больше нельзя."),
    ],
)
def test_an_archived_campaign_s_join_page_says_so_instead_of_its_form(
    campaign: CampaignDefinition, language: str, note: str
) -> None:
    joiner = signed_in("Joiner", 5)
    joiner.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    live = joiner.get(f"/c/{SLUG}/join/").content.decode()
    assert "<form" in live and note not in text_of(live)
    campaign.archived_at = timezone.now()
    campaign.save()
    archived = joiner.get(f"/c/{SLUG}/join/")
    html = archived.content.decode()
    assert archived.status_code == 200 and note in text_of(html)
    assert "<form" not in html.split("<main", 1)[-1].split("</main>", 1)[0]  # no join, privacy or leave form


def test_delete_asks_for_the_name_then_removes_everything(campaign: CampaignDefinition) -> None:
    seed(definitions.campaign_of(campaign), COLLECTED)
    program = Program.objects.create(slug="gap", name="Gap")
    program.campaigns.add(campaign)
    enrolments.enrol(campaign, "Ana")
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    stored = campaign.campaign_id
    assert Revision.objects.filter(campaign_id=stored).exists()
    wrong = csrf_post(creator, f"/c/{SLUG}/delete/", {"delete-name": "WikiGap"})
    assert wrong.status_code == 400 and CampaignDefinition.objects.filter(pk=campaign.pk).exists()
    done = csrf_post(creator, f"/c/{SLUG}/delete/", {"delete-name": "WikiGap 2024"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert not CampaignDefinition.objects.filter(pk=campaign.pk).exists()
    assert not StoredCampaign.objects.filter(pk=stored).exists()
    assert not Revision.objects.filter(campaign_id=stored).exists()
    assert list(program.campaigns.all()) == []
    assert creator.get(f"/c/{SLUG}/").status_code == 404


def test_only_organizers_may_delete(campaign: CampaignDefinition) -> None:
    stranger = signed_in("Stranger", 9)
    refused = csrf_post(stranger, f"/c/{SLUG}/delete/", {"delete-name": "WikiGap 2024"}, page="/")
    assert refused.status_code == 403 and CampaignDefinition.objects.filter(pk=campaign.pk).exists()


def test_duplicate_for_next_year(campaign: CampaignDefinition) -> None:
    organizers.add(campaign, "Helper")
    enrolments.enrol(campaign, "Ana")
    campaign.description, campaign.place = "Come *edit*", "Tirana"
    campaign.save()
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    response = csrf_post(creator, ORGANIZE, {"form": "duplicate"})
    copy = CampaignDefinition.objects.get(name="WikiGap 2025")
    assert response.status_code == 302 and response["Location"] == f"/c/{copy.slug}/edit/"
    old, new = definitions.campaign_of(campaign), definitions.campaign_of(copy)
    assert new.start == old.start.replace(year=2025) and new.end == old.end.replace(year=2025)
    assert new.wikis == old.wikis and new.hashtags == old.hashtags
    assert definitions.organizer_names(copy) == ["Creator", "Helper"]
    assert enrolments.usernames(copy) == [] and (copy.description, copy.place) == ("Come *edit*", "Tirana")
    again = organizers.duplicate(campaign, User.objects.get(username="creator"))
    assert again.name == "WikiGap 2025 2"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("WLM 2025", "WLM 2026"), ("CEE Spring 2019–2020", "CEE Spring 2020–2021"), ("Gap", "Gap (copy)")],
)
def test_next_year_name(name: str, expected: str) -> None:
    assert organizers.next_year_name(name) == expected


def test_participant_export_is_for_organizers_only(campaign: CampaignDefinition) -> None:
    enrolments.enrol(campaign, "Ana", private=True)
    enrolments.enrol(campaign, "=cmd|' /C calc'!A0", source="organizer")
    assert Client().get(f"/c/{SLUG}/enrolled.csv").status_code == 302  # sign in first
    assert signed_in("Stranger", 9).get(f"/c/{SLUG}/enrolled.csv").status_code == 403
    creator = Client()
    log_in(creator, "creator")
    response = creator.get(f"/c/{SLUG}/enrolled.csv")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["username"], r["private"]) for r in rows] == [
        ("'=cmd|' /C calc'!A0", "no"),
        ("Ana", "yes"),
    ]


def test_massmessage_list(campaign: CampaignDefinition) -> None:
    assert massmessage_list(["Ana", "Vyolltsa"], ("sq.wikipedia.org",)) == (
        "{{target|page=User talk:Ana|site=sq.wikipedia.org}}\n"
        "{{target|page=User talk:Vyolltsa|site=sq.wikipedia.org}}\n"
    )
    enrolments.enrol(campaign, "Ana")
    creator = Client()
    log_in(creator, "creator")
    body = creator.get(f"/c/{SLUG}/massmessage.wiki").content.decode()
    assert body.splitlines() == [
        "{{target|page=User talk:Ana|site=sq.wikipedia.org}}",
        "{{target|page=User talk:Ana|site=commons.wikimedia.org}}",
    ]
    hostile = massmessage_list([f"A{SCRIPT}}}}}|x"], ("x.org",))
    assert hostile.count("{{") == 1 and hostile.count("}}") == 1 and hostile.count("|") == 2


def test_a_participant_sees_they_are_enrolled_and_can_leave(campaign: CampaignDefinition) -> None:
    joiner = signed_in("Joiner", 5)
    assert csrf_post(joiner, f"/c/{SLUG}/join/", {}).status_code == 302
    page = text_of(joiner.get(f"/c/{SLUG}/").content)
    assert "You are enrolled as Joiner." in page
    left = csrf_post(joiner, f"/c/{SLUG}/leave/", {}, page=f"/c/{SLUG}/")
    assert left.status_code == 302 and enrolments.usernames(campaign) == []
    assert "You are enrolled" not in text_of(joiner.get(f"/c/{SLUG}/").content)


def test_nothing_sends_e_mail(campaign: CampaignDefinition) -> None:
    from django.core import mail

    creator, joiner = Client(enforce_csrf_checks=True), signed_in("Joiner", 5)
    log_in(creator, "creator")
    csrf_post(joiner, f"/c/{SLUG}/join/", {})
    add_organizer(creator, "Helper")
    csrf_post(creator, f"/c/{SLUG}/participants/", {"form": "add", "add-usernames": "Ana"})
    csrf_post(creator, ORGANIZE, {"form": "archive"})
    csrf_post(creator, ORGANIZE, {"form": "restore"})
    creator.get(f"/c/{SLUG}/massmessage.wiki")
    csrf_post(creator, f"/c/{SLUG}/delete/", {"delete-name": "WikiGap 2024"})
    assert not CampaignDefinition.objects.filter(pk=campaign.pk).exists()  # the steps ran
    assert mail.outbox == []


def test_the_campaign_page_names_an_organizer_as_soon_as_added_and_drops_them_as_soon_as_removed(
    campaign: CampaignDefinition,
) -> None:
    """The event block is made once per version of the definition (event.details): adding or removing an
    organizer must be a new version, or the page would name the old organizers for the memo's lifetime."""
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    anonymous = Client()

    def named() -> tuple[bool, bool]:  # in the event block (a flash message may name them too)
        return (
            "<bdi>Helper</bdi>" in creator.get(f"/c/{SLUG}/").content.decode(),
            "<bdi>Helper</bdi>" in anonymous.get(f"/c/{SLUG}/").content.decode(),
        )

    assert named() == (False, False)  # both pages made and kept
    add_organizer(creator, "Helper")
    assert named() == (True, True)
    remove_organizer(creator, "Helper")
    assert named() == (False, False)


def test_a_signed_in_campaign_page_is_its_own_head_around_the_shared_report(
    campaign: CampaignDefinition,
) -> None:
    """Organizer and participant share the report sections' rendering; each gets their own controls and CSRF
    token, and a signed-in page takes a bounded number of queries (bench/README.md, "Web app under load")."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seed(definitions.campaign_of(campaign), COLLECTED)
    creator = Client(enforce_csrf_checks=True)
    log_in(creator, "creator")
    other = signed_in("Other", 5)
    first = creator.get(f"/c/{SLUG}/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        mine = creator.get(f"/c/{SLUG}/").content.decode()
    theirs = other.get(f"/c/{SLUG}/").content.decode()
    assert len(queries.captured_queries) <= 9, [q["sql"] for q in queries.captured_queries]
    assert f'href="/c/{SLUG}/edit/"' in mine and f'href="/c/{SLUG}/edit/"' not in theirs
    assert 'id="organize"' in mine and 'id="organize"' not in theirs
    assert 'id="leaderboard"' in mine and 'id="leaderboard"' in theirs
    assert (
        mine[mine.index('id="leaderboard"') :].split('id="downloads"')[0]
        == (theirs[theirs.index('id="leaderboard"') :].split('id="downloads"')[0])
    )
