"""The signed-in campaign page is rendered once per version and set of facts, with marks for the viewer's
name and CSRF token (views._signed_in_page): each viewer must still get their own name, their own working
token and their own controls, never another viewer's; hostile names stay inert."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from webseed import NAME, USER_SCRIPT, assert_inert, define, log_in, seed, text_of, user

from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition, Enrolment, WikiAccount
from wikitally.web.campaigns import views

PAGE = "/c/wikigap/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def collected(client: Client) -> CampaignDefinition:
    definition, campaign = define(user("organizer"))
    seed(campaign, timezone.now() - timedelta(minutes=5))
    return definition


def participant(site_name: str, wiki_name: str, definition: CampaignDefinition, sub: int) -> Client:
    account = user(site_name)
    WikiAccount.objects.create(user=account, username=wiki_name, provider="meta.wikimedia.org", sub=str(sub))
    enrolments.enrol(definition, wiki_name, source="join")
    viewer = Client(enforce_csrf_checks=True)
    log_in(viewer, site_name)
    return viewer


def test_each_viewer_gets_their_own_name_token_and_controls(client: Client, collected) -> None:
    ana = participant("ana-site", "Ana", collected, 1)
    besa = participant("besa-site", "Besa", collected, 2)
    log_in(client, "organizer")
    pages = {who: c.get(PAGE) for who, c in (("Ana", ana), ("Besa", besa), ("organizer", client))}
    assert all(p.status_code == 200 for p in pages.values())
    ana_text, besa_text = text_of(pages["Ana"].content), text_of(pages["Besa"].content)
    assert "You are enrolled as Ana." in ana_text and "Besa." not in ana_text
    assert "You are enrolled as Besa." in besa_text and "as Ana." not in besa_text
    # Ana and Besa share one kept rendering (same facts); the organizer's is another (edit, manage links).
    assert len(views.SIGNED_PAGES) == 2
    organizer_html = pages["organizer"].content.decode()
    assert "/c/wikigap/edit/" in organizer_html and "/c/wikigap/edit/" not in pages["Ana"].content.decode()
    assert "You are enrolled" not in text_of(organizer_html)
    # Every form carries the viewer's own token, and it works: Besa leaves with the token of her page.
    tokens = {who: set(TOKEN.findall(p.content.decode())) for who, p in pages.items()}
    assert all(len(found) == 1 and "wikitally" not in next(iter(found)) for found in tokens.values())
    assert tokens["Ana"] != tokens["Besa"]
    leave = besa.post("/c/wikigap/leave/", {"csrfmiddlewaretoken": tokens["Besa"].pop()})
    assert leave.status_code == 302
    assert sorted(Enrolment.objects.values_list("username", flat=True)) == ["Ana"]
    # … which is a new version: Besa's next page says so, and Ana's still names Ana.
    assert "You are enrolled" not in text_of(besa.get(PAGE).content)
    assert "as Ana." in text_of(ana.get(PAGE).content)


def test_a_token_from_another_viewers_page_is_refused(client: Client, collected) -> None:
    ana = participant("ana-site", "Ana", collected, 1)
    besa = participant("besa-site", "Besa", collected, 2)
    ana_token = TOKEN.search(ana.get(PAGE).content.decode())
    besa.get(PAGE)
    assert ana_token is not None
    assert besa.post("/c/wikigap/leave/", {"csrfmiddlewaretoken": ana_token.group(1)}).status_code == 403
    assert Enrolment.objects.filter(username="Besa").exists()


def test_a_hostile_name_is_inert_where_the_name_mark_was(client: Client, collected) -> None:
    mallory = participant("mallory-site", USER_SCRIPT, collected, 3)
    html = mallory.get(PAGE).content.decode()
    assert f"You are enrolled as {USER_SCRIPT}." in text_of(html)
    assert_inert(html, shown=(NAME, USER_SCRIPT))
    assert "<!--wikitally" not in html and "wikitally-csrf-mark" not in html


def test_a_campaign_named_like_a_mark_is_only_text(client: Client) -> None:
    # The marks hold "<" and '"': a name that imitates them is escaped, so nothing is put in its place.
    definition, campaign = define(
        user("organizer"), name='Mark <!--wikitally:user--> value="wikitally-csrf-mark"'
    )
    seed(campaign, timezone.now() - timedelta(minutes=5))
    viewer = participant("ana-site", "Ana", definition, 1)
    html = viewer.get(PAGE).content.decode()
    assert 'Mark <!--wikitally:user--> value="wikitally-csrf-mark"' in text_of(html)
    assert len(TOKEN.findall(html)) >= 1 and "<!--wikitally" not in html
