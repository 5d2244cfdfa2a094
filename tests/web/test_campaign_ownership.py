"""A web campaign's stored data is its definition's from its creation, whatever happens first: a failed
refresh, a good one nobody has looked at yet, an edit. A clash with a campaign collected from the command
line is decided once, at creation; site administrators may edit any campaign."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from django.contrib.auth.models import User
from django.test import Client
from test_web_forms import GOOD, errors
from webseed import csrf_post, log_in, seed, user

from wikitally.collect.api import PoliteClient
from wikitally.services import collection, refresh
from wikitally.store import Store
from wikitally.store.models import Campaign as StoredCampaign
from wikitally.store.models import CampaignDefinition
from wikitally.store.refresh_queue import RefreshQueue
from wikitally.web.campaigns import definitions

DURING = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)  # GOOD's campaign runs 2024-03-08 … 2024-03-15
WRONG_API = "sq.wikipedia.org = https://sq.wikipedia.org/w/no-such-api.php"


def never_connects(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def run_worker() -> list[refresh.Result]:
    """One pass of the real worker, every request to a wiki refused (the address is wrong)."""
    worker = refresh.Worker(
        Store("default"),
        "worker-1",
        sessions=collection.session_factory(
            transport=httpx.MockTransport(never_connects), sleep=lambda s: None
        ),
        views_client=lambda: PoliteClient(transport=httpx.MockTransport(never_connects)),
        clock=lambda: DURING,
        sleep=lambda s: None,
    )
    return worker.run_pass()


@pytest.fixture
def organizer(client: Client) -> User:
    account = user("organizer")
    log_in(client, "organizer")
    return account


def created(client: Client, **changes: Any) -> CampaignDefinition:
    response = csrf_post(client, "/c/new/", {**GOOD, **changes})
    assert response.status_code == 302, errors(response)
    return CampaignDefinition.objects.get(name=changes.get("name", GOOD["name"]))


def test_a_failed_first_refresh_does_not_lock_the_organizer_out(client: Client, organizer) -> None:
    definition = created(client, api=WRONG_API)
    results = run_worker()
    assert [r.status for r in results] == ["failed"]
    fixed = csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "api": ""})
    assert fixed.status_code == 302, errors(fixed)
    definition.refresh_from_db()
    assert "api" not in definitions.campaign_of(definition).api
    assert definition.campaign == StoredCampaign.objects.get(key=GOOD["name"])


def test_data_belongs_to_the_definition_before_anyone_views_the_page(client: Client, organizer) -> None:
    definition = created(client)
    seed(definitions.campaign_of(definition), DURING)  # a good refresh; nobody opens the page
    stored = StoredCampaign.objects.get(key=GOOD["name"])
    definition.refresh_from_db()
    assert definition.campaign == stored
    saved = csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "hashtags": "#WikiGap\n#WLW"})
    assert saved.status_code == 302, errors(saved)
    definition.refresh_from_db()
    assert definition.campaign == stored


def test_a_rename_keeps_the_collected_data(client: Client, organizer) -> None:
    definition = created(client)
    seed(definitions.campaign_of(definition), DURING)
    stored = StoredCampaign.objects.get(key=GOOD["name"])
    saved = csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "name": "WikiGap Albania 2024"})
    assert saved.status_code == 302, errors(saved)
    definition.refresh_from_db()
    assert definition.campaign == stored and stored.pk == StoredCampaign.objects.get(key=definition.name).pk
    assert Store("default").last_collected(definitions.campaign_of(definition)) is not None
    # Back to the first name: still its own data, no take-over asked.
    back = csrf_post(client, f"/c/{definition.slug}/edit/", GOOD)
    assert back.status_code == 302, errors(back)
    definition.refresh_from_db()
    assert (
        definition.campaign == stored
        and StoredCampaign.objects.filter(key__startswith="WikiGap").count() == 1
    )


def test_renaming_onto_command_line_data_is_refused(client: Client, organizer) -> None:
    definition = created(client)
    StoredCampaign.objects.create(key="Collected elsewhere", name="Collected elsewhere", config={})
    refused = csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "name": "Collected elsewhere"})
    assert list(errors(refused)) == ["name"]


@pytest.mark.parametrize("order", ["refresh-then-view", "view-then-refresh", "edit-then-refresh"])
def test_whatever_the_order_the_worker_writes_into_the_definitions_data(
    client: Client, organizer, order: str
) -> None:
    definition = created(client, api=WRONG_API)
    steps = {
        "refresh": run_worker,
        "view": lambda: client.get(f"/c/{definition.slug}/"),
        "edit": lambda: csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "api": ""}),
    }
    for step in order.split("-then-"):
        steps[step]()
    definition.refresh_from_db()
    assert definition.campaign == StoredCampaign.objects.get(key=GOOD["name"])
    assert StoredCampaign.objects.filter(key__startswith="WikiGap").count() == 1
    again = csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "participants": "Vyolltsa"})
    assert again.status_code == 302, errors(again)


def test_a_site_administrator_may_edit_and_refresh_any_campaign(client: Client, organizer) -> None:
    definition = created(client)
    admin = user("admin")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    other = Client(enforce_csrf_checks=True)
    log_in(other, "admin")
    assert other.get(f"/c/{definition.slug}/edit/").status_code == 200
    saved = csrf_post(other, f"/c/{definition.slug}/edit/", {**GOOD, "participants": "Ana"})
    assert saved.status_code == 302, errors(saved)
    asked = csrf_post(other, f"/c/{definition.slug}/refresh/", {}, page=f"/c/{definition.slug}/")
    assert asked.status_code == 302
    assert RefreshQueue().state(definition.pk) is not None
    # Someone who is neither still may not.
    user("visitor")
    log_in(other, "visitor")
    assert other.get(f"/c/{definition.slug}/edit/").status_code == 403


def test_the_migration_gives_older_definitions_their_data(client: Client, organizer) -> None:
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("wikitally.store.migrations.0007_definitions_own_their_data")
    definition = created(client)
    never_refreshed = created_second(client)
    # As before the fix: refreshed (or not) and never linked.
    CampaignDefinition.objects.update(campaign=None)
    StoredCampaign.objects.filter(key=never_refreshed.name).delete()
    migration.own(apps, SimpleNamespace(connection=connection))
    for each in (definition, never_refreshed):
        each.refresh_from_db()
        assert each.campaign == StoredCampaign.objects.get(key=each.name)
    fixed = csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "participants": "Ana"})
    assert fixed.status_code == 302, errors(fixed)


def created_second(client: Client) -> CampaignDefinition:
    response = csrf_post(client, "/c/new/", {**GOOD, "name": "Second"})
    assert response.status_code == 302, errors(response)
    return CampaignDefinition.objects.get(name="Second")
