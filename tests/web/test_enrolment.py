"""Enrolment: the join link (and its passcode), the organizers' participants page, who may do what."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import timezone
from webseed import (
    ATTR,
    NAME,
    SCRIPT,
    USER_ATTR,
    USER_SCRIPT,
    assert_inert,
    csrf_post,
    define,
    log_in,
    seed,
    text_of,
    user,
)

from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition, Enrolment, Organizer, WikiAccount
from wikitally.web.campaigns import participants, views_enrol

JOIN = "/c/wikigap/join/"
PARTICIPANTS = "/c/wikigap/participants/"
REMOVE = "/c/wikigap/participants/remove/"


def wiki_user(username: str, wiki_name: str | None = None, sub: int = 1) -> User:
    """A site user who signed in with a Wikimedia account."""
    account = user(username)
    WikiAccount.objects.create(
        user=account, username=wiki_name or username, provider="meta.wikimedia.org", sub=str(sub)
    )
    return account


@pytest.fixture
def campaign(client: Client) -> CampaignDefinition:
    definition, _ = define(user("organizer"))
    return definition


def as_organizer(client: Client) -> None:
    log_in(client, "organizer")


def field_errors(response: Any, form: str, field: str) -> list[str]:
    return list(response.context[form].errors.get(field, []))


# -- joining


def test_joining_without_a_passcode(client: Client, campaign) -> None:
    vyolltsa = wiki_user("vyolltsa-site", "Vyolltsa")
    log_in(client, "vyolltsa-site")
    page = client.get(JOIN)
    assert page.status_code == 200 and 'name="passcode"' not in page.content.decode()
    assert "You join as Vyolltsa" in text_of(page.content)
    response = csrf_post(client, JOIN, {})
    assert response.status_code == 302 and response["Location"] == JOIN
    row = Enrolment.objects.get()
    assert (row.username, row.user, row.source) == ("Vyolltsa", vyolltsa, "join")
    again = text_of(client.get(JOIN).content)
    assert "Welcome! You are enrolled as Vyolltsa." in again
    assert "You are enrolled in this campaign as Vyolltsa." in again  # participants see their enrolment
    assert participants.enrolled(campaign) == ["Vyolltsa"] == enrolments.usernames(campaign)
    csrf_post(client, JOIN, {})  # joining twice is one enrolment
    assert Enrolment.objects.count() == 1


def test_joining_needs_a_signed_in_wikimedia_account(client: Client, campaign) -> None:
    response = client.get(JOIN)
    assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next={JOIN}"
    user("local")  # a local account (no Wikimedia identity) outside development
    log_in(client, "local")
    page = client.get(JOIN)
    assert "Sign in with your Wikimedia account to join" in text_of(page.content)
    assert 'href="/accounts/oauth/start/?next=%2Fc%2Fwikigap%2Fjoin%2F"' in page.content.decode()
    csrf_post(client, JOIN, {})
    assert not Enrolment.objects.exists()
    with override_settings(DEV=True):  # in development a local account joins under its own name
        csrf_post(client, JOIN, {})
    assert enrolments.usernames(campaign) == ["Local"]


def test_joining_links_a_name_an_organizer_added(client: Client, campaign) -> None:
    enrolments.enrol_all(campaign, ["vyolltsa"])
    vyolltsa = wiki_user("v", "Vyolltsa")
    log_in(client, "v")
    assert "You are enrolled in this campaign as Vyolltsa." in text_of(client.get(JOIN).content)
    enrolments.enrol(campaign, "Vyolltsa", user=vyolltsa)
    assert Enrolment.objects.get().user == vyolltsa


def test_joining_with_a_passcode(client: Client, campaign) -> None:
    campaign.passcode_hash = make_password("tirana-24")
    campaign.save()
    wiki_user("ana", "Ana")
    log_in(client, "ana")
    assert 'name="passcode"' in client.get(JOIN).content.decode()
    wrong = csrf_post(client, JOIN, {"passcode": "tirana-25"})
    assert wrong.status_code == 200
    assert field_errors(wrong, "form", "passcode") == ["That is not the passcode."]
    empty = csrf_post(client, JOIN, {"passcode": ""})
    assert field_errors(empty, "form", "passcode") and not Enrolment.objects.exists()
    right = csrf_post(client, JOIN, {"passcode": "tirana-24"})
    assert right.status_code == 302 and enrolments.usernames(campaign) == ["Ana"]


def test_wrong_passcodes_are_limited_per_user_and_campaign(client: Client, campaign) -> None:
    campaign.passcode_hash = make_password("tirana-24")
    campaign.save()
    other, _ = define(User.objects.get(username="organizer"), name="Other campaign", slug="other")
    other.passcode_hash = make_password("tirana-24")
    other.save()
    wiki_user("ana", "Ana", sub=1)
    log_in(client, "ana")
    for _ in range(views_enrol.PASSCODE_ATTEMPTS):
        assert csrf_post(client, JOIN, {"passcode": "guess"}).status_code == 200
    blocked = csrf_post(client, JOIN, {"passcode": "tirana-24"})  # even the right one, for a while
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) == views_enrol.PASSCODE_WINDOW.total_seconds()
    assert field_errors(blocked, "form", "passcode") == ["Too many wrong passcodes. Try again in 15 minutes."]
    assert not Enrolment.objects.exists()
    assert csrf_post(client, "/c/other/join/", {"passcode": "tirana-24"}).status_code == 302  # other campaign
    wiki_user("besa", "Besa", sub=2)
    besa = Client(enforce_csrf_checks=True)
    log_in(besa, "besa")
    assert csrf_post(besa, JOIN, {"passcode": "tirana-24"}).status_code == 302  # another user
    assert enrolments.usernames(campaign) == ["Besa"]


# -- the organizers' page


def test_pasting_a_list(client: Client, campaign) -> None:
    as_organizer(client)
    response = csrf_post(
        client,
        PARTICIPANTS,
        {"form": "add", "add-usernames": "example_user\r\n  Vyolltsa \n\nAna\nexample user\n"},
    )
    assert response.status_code == 302 and response["Location"] == PARTICIPANTS
    assert enrolments.usernames(campaign) == ["Ana", "Example user", "Vyolltsa"]
    assert {row.source for row in Enrolment.objects.all()} == {"organizer"}
    assert "3 of 3 usernames added" in text_of(client.get(PARTICIPANTS).content)
    csrf_post(client, PARTICIPANTS, {"form": "add", "add-usernames": "Ana\nBesa"})
    assert "1 of 2 usernames added (the others were already enrolled)." in text_of(
        client.get(PARTICIPANTS).content
    )


def test_a_bad_line_in_the_list_is_named_and_nothing_is_added(client: Client, campaign) -> None:
    as_organizer(client)
    response = csrf_post(
        client, PARTICIPANTS, {"form": "add", "add-usernames": "Ana\nBad|name\n\nUser:Somebody\nBesa"}
    )
    assert response.status_code == 200
    errors = field_errors(response, "add_form", "usernames")
    assert errors == [
        "Line 2 (Bad|name): contains a character MediaWiki forbids in usernames (# < > [ ] | { })",
        "Line 4 (User:Somebody): includes a namespace prefix; write the bare username",
    ]
    assert not Enrolment.objects.exists()
    assert "Bad|name" in response.content.decode()  # the pasted text is kept for fixing
    nothing = csrf_post(client, PARTICIPANTS, {"form": "add", "add-usernames": " \n "})
    assert field_errors(nothing, "add_form", "usernames") == ["Paste at least one username."]


def test_removing_a_participant(client: Client, campaign) -> None:
    enrolments.enrol_all(campaign, ["Ana", "Besa"])
    as_organizer(client)
    # The Remove button asks first, on a page of its own (no JavaScript needed); nothing is removed yet.
    asked = csrf_post(client, REMOVE, {"username": "Ana"}, page=PARTICIPANTS)
    assert asked.status_code == 200 and enrolments.usernames(campaign) == ["Ana", "Besa"]
    html = asked.content.decode()
    assert "Remove Ana?" in text_of(html) and 'name="confirm" value="yes"' in html
    assert f'href="{PARTICIPANTS}" class="cancel"' in html  # Cancel: back to the list, nothing sent
    response = csrf_post(client, REMOVE, {"username": "Ana", "confirm": "yes"}, page=PARTICIPANTS)
    assert response.status_code == 302 and response["Location"] == PARTICIPANTS
    assert enrolments.usernames(campaign) == ["Besa"]
    assert "Ana is no longer enrolled." in text_of(client.get(PARTICIPANTS).content)
    assert client.get(REMOVE).status_code == 405


def test_who_has_not_edited_yet(client: Client, campaign) -> None:
    enrolments.enrol_all(campaign, ["Ana", "Newcomer"])
    as_organizer(client)
    before = text_of(client.get(PARTICIPANTS).content)
    assert "2 enrolled; nothing collected yet." in before and "has not edited yet" not in before
    seed(define_campaign(campaign), timezone.now() - timedelta(hours=1))  # Ana has counted edits
    page = client.get(PARTICIPANTS)
    rows = {row["username"]: row["edited"] for row in page.context["rows"]}
    assert rows == {"Ana": True, "Newcomer": False}
    text = text_of(page.content)
    assert "2 enrolled; 1 has not edited yet." in text  # one person: singular (ngettext), not "1 have"
    assert 'href="/c/wikigap/u/Ana/"' in page.content.decode()
    outcome = {"by_participant": [{"user": "Ana", "edits": 3}, {"user": "Zero", "edits": 0}]}
    assert participants.not_edited_yet(["Ana", "Newcomer", "Zero"], outcome) == ["Newcomer", "Zero"]


def define_campaign(definition: CampaignDefinition) -> Any:
    from wikitally.web.campaigns import definitions

    return definitions.campaign_of(definition)


def test_setting_and_clearing_the_passcode(client: Client, campaign) -> None:
    as_organizer(client)
    assert "No passcode: anyone signed in with the link can join." in text_of(
        client.get(PARTICIPANTS).content
    )
    empty = csrf_post(client, PARTICIPANTS, {"form": "passcode", "passcode-passcode": ""})
    assert field_errors(empty, "passcode_form", "passcode") == ["Type a passcode, or tick “No passcode”."]
    short = csrf_post(client, PARTICIPANTS, {"form": "passcode", "passcode-passcode": "abc"})
    assert field_errors(short, "passcode_form", "passcode") == ["At least 4 characters."]
    saved = csrf_post(client, PARTICIPANTS, {"form": "passcode", "passcode-passcode": "tirana-24"})
    assert saved.status_code == 302
    campaign.refresh_from_db()
    assert campaign.passcode_hash and "tirana-24" not in campaign.passcode_hash
    page = client.get(PARTICIPANTS).content.decode()
    assert "A passcode is set" in text_of(page) and "tirana-24" not in page
    csrf_post(client, PARTICIPANTS, {"form": "passcode", "passcode-clear": "on"})
    campaign.refresh_from_db()
    assert campaign.passcode_hash == ""


# -- who may


def test_only_organizers_see_and_change_participants(client: Client, campaign) -> None:
    enrolments.enrol_all(campaign, ["Ana"])
    assert client.get(PARTICIPANTS)["Location"] == f"/accounts/login/?next={PARTICIPANTS}"
    wiki_user("stranger", "Stranger")
    log_in(client, "stranger")
    page = client.get(PARTICIPANTS)
    assert page.status_code == 403
    assert "Only this campaign's organizers can see and change its participants." in text_of(page.content)
    assert "Ana" not in text_of(page.content)
    token = client.get("/").cookies["csrftoken"].value  # a valid token: the refusal is about who
    for url, data in (
        (PARTICIPANTS, {"form": "add", "add-usernames": "Mallory"}),
        (PARTICIPANTS, {"form": "passcode", "passcode-passcode": "mine-now"}),
        (REMOVE, {"username": "Ana"}),
    ):
        assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 403, url
    campaign.refresh_from_db()
    assert enrolments.usernames(campaign) == ["Ana"] and campaign.passcode_hash == ""
    Organizer.objects.create(definition=campaign, user=User.objects.get(username="stranger"))
    assert client.get(PARTICIPANTS).status_code == 200  # a second organizer may


def test_the_campaign_page_links_to_joining_and_for_organizers_to_participants(
    client: Client, campaign
) -> None:
    html = client.get("/c/wikigap/").content.decode()
    assert f'href="{JOIN}"' in html and f'href="{PARTICIPANTS}"' not in html
    as_organizer(client)
    assert f'href="{PARTICIPANTS}"' in client.get("/c/wikigap/").content.decode()


def test_site_admins_see_enrolments_in_the_admin(client: Client, campaign) -> None:
    enrolments.enrol_all(campaign, ["Ana"])
    admin = user("admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    log_in(client, "admin")
    page = client.get("/admin/store/enrolment/")
    assert page.status_code == 200 and "Ana" in text_of(page.content)
    assert client.get("/admin/store/wikiaccount/").status_code == 200


def test_every_enrolment_form_needs_its_csrf_token(client: Client, campaign) -> None:
    enrolments.enrol_all(campaign, ["Ana"])
    as_organizer(client)
    for url, data in (
        (PARTICIPANTS, {"form": "add", "add-usernames": "Besa"}),
        (PARTICIPANTS, {"form": "passcode", "passcode-passcode": "tirana-24"}),
        (REMOVE, {"username": "Ana"}),
    ):
        assert client.post(url, data).status_code == 403, url
    wiki_user("besa", "Besa")
    log_in(client, "besa")
    assert client.post(JOIN, {}).status_code == 403
    campaign.refresh_from_db()
    assert enrolments.usernames(campaign) == ["Ana"] and campaign.passcode_hash == ""


def test_hostile_names_are_inert_on_the_enrolment_pages(client: Client, campaign) -> None:
    for name in (USER_SCRIPT, USER_ATTR):  # the store takes what a wiki might send; the pages escape it
        enrolments.enrol(campaign, name, source="organizer")
    as_organizer(client)
    html = client.get(PARTICIPANTS).content.decode()
    assert_inert(html, shown=(NAME, USER_SCRIPT, USER_ATTR))
    wiki_user("mallory", USER_SCRIPT)
    log_in(client, "mallory")
    assert_inert(client.get(JOIN).content.decode(), shown=(NAME, USER_SCRIPT))
    bad = csrf_post(client, JOIN, {}, page=JOIN)
    assert bad.status_code == 302
    assert_inert(client.get(JOIN).content.decode())
    assert SCRIPT not in html and ATTR not in html
