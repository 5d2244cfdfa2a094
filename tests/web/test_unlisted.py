"""Unlisted campaigns: an address nobody can guess from the name (made at creation, and anew when a public
campaign is made unlisted), noindex on every answer under it, never named on public pages or in the API."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from test_programs_web import program
from test_web_forms import GOOD, errors
from webseed import csrf_post, define, log_in, seed, text_of, user

from wikitally.store.models import CampaignDefinition

SUFFIX = re.compile(r"-[a-z2-7]{16}$")  # 80 random bits, base32
HIDDEN = "Secret Workshop Ljubljana"


@pytest.fixture
def organizer(client: Client):
    account = user("organizer")
    log_in(client, "organizer")
    return account


def create(client: Client, **changes: str) -> CampaignDefinition:
    response = csrf_post(client, "/c/new/", {**GOOD, **changes})
    assert response.status_code == 302, errors(response)
    definition = CampaignDefinition.objects.get(name=changes.get("name", GOOD["name"]))
    assert response["Location"] == f"/c/{definition.slug}/"
    return definition


@pytest.mark.parametrize("wanted", ["", "my-workshop"])
def test_an_unlisted_campaigns_address_cannot_be_guessed(client: Client, organizer, wanted: str) -> None:
    first = create(client, name=HIDDEN, visibility="unlisted", slug=wanted)
    second = create(client, name=HIDDEN + " 2", visibility="unlisted", slug="")
    base = wanted or slugify(HIDDEN)
    assert first.slug.startswith(base + "-") and SUFFIX.search(first.slug), first.slug
    assert SUFFIX.search(second.slug)
    assert SUFFIX.search(first.slug).group() != SUFFIX.search(second.slug).group()  # type: ignore[union-attr]
    visitor = Client()
    assert visitor.get(f"/c/{base}/").status_code == 404  # the name (or the wanted address) finds nothing
    assert visitor.get(f"/c/{first.slug}/").status_code == 200  # its link does
    public = create(client, name="Open Campaign", visibility="public")
    assert public.slug == "open-campaign"  # public addresses stay readable


def test_made_unlisted_a_campaign_gets_a_new_address(client: Client, organizer) -> None:
    definition = create(client, visibility="public")
    old = definition.slug
    saved = csrf_post(client, f"/c/{old}/edit/", {**GOOD, "visibility": "unlisted"})
    definition.refresh_from_db()
    assert definition.visibility == "unlisted" and SUFFIX.search(definition.slug)
    assert saved.status_code == 302 and saved["Location"] == f"/c/{definition.slug}/"
    assert Client().get(f"/c/{old}/").status_code == 404
    # Saved again while unlisted, it keeps its (unguessable) address.
    again = csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "visibility": "unlisted"})
    assert again.status_code == 302 and CampaignDefinition.objects.get().slug == definition.slug


def test_unlisted_answers_are_noindex_and_public_ones_are_not(client: Client) -> None:
    owner = user("organizer")
    hidden, hidden_campaign = define(owner, name=HIDDEN, slug="secret", visibility="unlisted")
    shown, shown_campaign = define(owner, name="Open Campaign", slug="open")
    for campaign in (hidden_campaign, shown_campaign):
        seed(campaign, timezone.now() - timedelta(minutes=5))
    visitor = Client()
    for definition, unlisted in ((hidden, True), (shown, False)):
        slug = definition.slug
        for address in (
            f"/c/{slug}/",
            f"/c/{slug}/leaderboard/",
            f"/c/{slug}/articles/",
            f"/c/{slug}/u/Vyolltsa/",
            f"/c/{slug}/download.json",
            f"/api/campaigns/{slug}/",
        ):
            response = visitor.get(address)
            assert response.status_code == 200, address
            assert (response.get("X-Robots-Tag") == "noindex") is unlisted, address
            if response["Content-Type"].startswith("text/html"):
                has_meta = '<meta name="robots" content="noindex">' in response.content.decode()
                assert has_meta is unlisted, address
        # Twice: the anonymous page cache keeps it too.
        assert (
            '<meta name="robots" content="noindex">' in visitor.get(f"/c/{slug}/").content.decode()
        ) is unlisted
    assert "X-Robots-Tag" not in visitor.get("/")


def test_unlisted_campaigns_are_never_named_on_public_pages(client: Client) -> None:
    owner = user("organizer")
    hidden, hidden_campaign = define(owner, name=HIDDEN, slug="secret", visibility="unlisted")
    shown, shown_campaign = define(owner, name="Open Campaign", slug="open")
    for campaign in (hidden_campaign, shown_campaign):
        seed(campaign, timezone.now() - timedelta(minutes=5))
    program("spring", "Spring", hidden, shown)
    visitor = Client()
    pages = {
        "/": visitor.get("/").content.decode(),
        "/p/spring/": visitor.get("/p/spring/").content.decode(),
        "/api/campaigns/": visitor.get("/api/campaigns/").content.decode(),
        "/api/programs/": visitor.get("/api/programs/").content.decode(),
        "/api/programs/spring/": visitor.get("/api/programs/spring/").content.decode(),
    }
    for address, body in pages.items():
        assert "Open Campaign" in body or address in ("/api/programs/",), address
        assert HIDDEN not in body and "Ljubljana" not in body and hidden.slug not in body, address
    assert "An unlisted campaign" in text_of(pages["/p/spring/"])  # counted, as a row without a name
    members = json.loads(pages["/api/programs/spring/"])["campaigns"]
    unnamed = [m for m in members if m["name"] is None]
    assert len(unnamed) == 1 and unnamed[0]["url"] is None and unnamed[0]["wikis"] == []
    assert unnamed[0]["totals"] is not None  # its numbers are in the program's


def test_made_unlisted_in_the_admin_a_campaign_gets_a_new_address(client: Client) -> None:
    from types import SimpleNamespace

    from django.contrib import admin
    from django.test import RequestFactory

    owner = user("organizer")
    definition, _ = define(owner, name=HIDDEN, slug="open-for-now")
    definition.visibility = "unlisted"
    model_admin = admin.site._registry[CampaignDefinition]
    request = RequestFactory().post("/admin/")
    request.user = owner
    model_admin.save_model(request, definition, SimpleNamespace(changed_data=["visibility"]), True)
    definition.refresh_from_db()
    assert definition.slug.startswith(slugify(HIDDEN) + "-") and SUFFIX.search(definition.slug)
    assert Client().get("/c/open-for-now/").status_code == 404
