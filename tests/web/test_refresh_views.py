"""The refresh on the web: "Refresh now" (organizers only, CSRF, rate limit 429), what the page says about the
refresh to organizers and to visitors, and the API's `refresh` object."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator
from webseed import SCRIPT, assert_inert, csrf_post, define, log_in, seed, text_of, user

from wikitally.services import refresh
from wikitally.store.models import RefreshState
from wikitally.store.refresh_queue import RefreshQueue
from wikitally.web.campaigns.openapi import document


@pytest.fixture
def campaign(client: Client):
    organizer = user("organizer")
    user("visitor")
    definition, campaign = define(organizer)
    seed(campaign, timezone.now() - timedelta(minutes=5))
    return definition


def url(definition) -> str:
    return f"/c/{definition.slug}/refresh/"


def requested_at(definition):
    row = RefreshState.objects.filter(definition=definition).first()
    return row.requested_at if row is not None else None


def test_organizers_see_the_button_and_ask_for_a_refresh(client: Client, campaign) -> None:
    log_in(client, "organizer")
    page = client.get(f"/c/{campaign.slug}/").content.decode()
    assert f'action="{url(campaign)}"' in page and "Refresh now" in page
    response = csrf_post(client, url(campaign), {}, page=f"/c/{campaign.slug}/")
    assert response.status_code == 302 and response["Location"] == f"/c/{campaign.slug}/"
    assert requested_at(campaign) is not None
    assert RefreshQueue().state(campaign.pk).requested  # type: ignore[union-attr]
    text = text_of(client.get(f"/c/{campaign.slug}/").content)
    assert "Refresh requested" in text
    assert "Last updated 5 minutes ago · next update in a moment" in text


def test_others_get_403_and_no_button(client: Client, campaign) -> None:
    page = client.get(f"/c/{campaign.slug}/").content.decode()
    assert "Refresh now" not in page and url(campaign) not in page
    # anonymous (the shared page has no CSRF token: a client that skips the check is refused all the same)
    assert Client().post(url(campaign)).status_code == 403
    log_in(client, "visitor")
    assert "Refresh now" not in client.get(f"/c/{campaign.slug}/").content.decode()
    assert csrf_post(client, url(campaign), {}, page=f"/c/{campaign.slug}/").status_code == 403
    assert requested_at(campaign) is None


def test_the_button_needs_csrf_and_post(client: Client, campaign) -> None:
    log_in(client, "organizer")
    assert client.post(url(campaign)).status_code == 403  # no token: refused by the CSRF check
    assert client.get(url(campaign)).status_code == 405
    assert requested_at(campaign) is None
    assert Client().post("/c/nope/refresh/").status_code == 404


def test_refresh_now_is_rate_limited(client: Client, campaign) -> None:
    log_in(client, "organizer")
    page = f"/c/{campaign.slug}/"
    assert csrf_post(client, url(campaign), {}, page=page).status_code == 302
    first = requested_at(campaign)
    again = csrf_post(client, url(campaign), {}, page=page)
    assert again.status_code == 429
    body = again.content.decode()
    assert again["Content-Type"].startswith("text/html") and 'class="menu"' in body  # the site's page
    assert "This campaign was refreshed on request less than 2 minutes" in text_of(body)
    assert f'<a href="/c/{campaign.slug}/">' in body  # the way back to the campaign
    assert 1 <= int(again["Retry-After"]) <= 120
    assert requested_at(campaign) == first  # unchanged
    # Two minutes later it is taken again.
    RefreshState.objects.filter(definition=campaign).update(requested_at=first - refresh.REQUEST_GAP)
    assert csrf_post(client, url(campaign), {}, page=page).status_code == 302


def test_a_failure_is_shown_to_organizers_and_updating_to_others(client: Client, campaign) -> None:
    now = timezone.now()
    error = f"wikigap.toml: wikis: sq.wikipedia.org gave no API answer {SCRIPT}"
    RefreshState.objects.create(
        definition=campaign,
        status="failed",
        last_ok=now - timedelta(minutes=30),
        last_finished=now - timedelta(minutes=3),
        last_error=error,
        next_due=now + timedelta(minutes=8, seconds=30),
    )
    visitor = text_of(client.get(f"/c/{campaign.slug}/").content)
    assert "Updating…" in visitor and "gave no API answer" not in visitor
    assert "4 editors" in visitor  # the last good numbers stay
    log_in(client, "organizer")
    html = client.get(f"/c/{campaign.slug}/").content.decode()
    assert_inert(html, shown=(error,))
    text = text_of(html)
    assert f"The last update failed 3 minutes ago: {error}" in text and "4 editors" in text


def test_a_running_refresh(client: Client, campaign) -> None:
    now = timezone.now()
    RefreshState.objects.create(
        definition=campaign, status="running", lease_owner="w", lease_until=now + timedelta(minutes=10)
    )
    assert "Updating…" in text_of(client.get(f"/c/{campaign.slug}/").content)
    log_in(client, "organizer")
    text = text_of(client.get(f"/c/{campaign.slug}/").content)
    assert "Updating now…" in text and "next update" not in text


def test_the_next_update_of_an_active_campaign(client: Client) -> None:
    now = timezone.now()
    start, end = now - timedelta(days=1), now + timedelta(days=5)
    definition, _ = define(user("organizer"), name="Active", slug="active", start=start, end=end)
    assert "Not collected yet · next update in a moment" in text_of(client.get("/c/active/").content)
    RefreshState.objects.create(
        definition=definition, status="ok", next_due=now + timedelta(minutes=8, seconds=30)
    )
    assert "Not collected yet · next update in 8 minutes" in text_of(client.get("/c/active/").content)


def test_no_next_update_long_after_the_end(client: Client, campaign) -> None:
    # webseed's campaign ended in March 2024: no scheduled updates, so the page promises none.
    text = text_of(client.get(f"/c/{campaign.slug}/").content)
    assert "Last updated 5 minutes ago" in text and "next update" not in text


def test_the_api_says_how_the_refresh_went(client: Client, campaign) -> None:
    now = timezone.now().replace(microsecond=0)
    queue = RefreshQueue()
    assert queue.request(campaign.pk, now, refresh.REQUEST_GAP)
    assert queue.claim(campaign.pk, "w", now, refresh.LEASE)
    assert queue.finish(campaign.pk, "w", now, now + timedelta(minutes=10))
    body = json.loads(client.get(f"/api/campaigns/{campaign.slug}/").content)
    assert body["refresh"] == {
        "status": "ok",
        "last_ok": now.isoformat(),
        "next_due": (now + timedelta(minutes=10)).isoformat(),
    }
    doc = document()
    schema = doc["paths"]["/api/campaigns/{slug}/"]["get"]["responses"]["200"]["content"]["application/json"]
    Draft202012Validator({**schema["schema"], "components": doc["components"]}).validate(body)


def _not_an_api(request):  # an HTML page where api.php should be: the campaign file's fault, not the wiki's
    import httpx

    return httpx.Response(
        404, text="<html><body>Not found</body></html>", headers={"Content-Type": "text/html"}
    )


@pytest.mark.parametrize(
    ("language", "wanted", "label"),
    [
        (
            "en",
            "Check the domain in “Wikis”, or give the wiki's API address in “API addresses”.",
            "API addresses",
        ),
        ("ru", "Проверьте домен в поле «Вики» или укажите адрес API вики в поле «Адреса API».", "Адреса API"),
    ],
)
def test_a_refresh_failure_names_the_form_field_in_the_reader_s_language(
    campaign, language: str, wanted: str, label: str
) -> None:
    from test_refresh_queue import DURING, Clock, worker

    from wikitally.web import messages as web_messages
    from wikitally.web.campaigns.ui import translator

    assert translator(language).gettext(web_messages.LABEL_API) == label  # the form's own label
    [result] = worker(Clock(DURING), _not_an_api).run_pass()  # the real worker, the real collection
    assert result.status == "failed" and "[api]" in result.error  # the stored line: the CLI's, English
    stored = RefreshState.objects.get(definition=campaign)
    assert stored.last_error_parts["field"] == "wikis"
    organizer = Client(headers={"Accept-Language": language})
    log_in(organizer, "organizer")
    text = text_of(organizer.get(f"/c/{campaign.slug}/").content)
    assert wanted in text
    assert "sq.wikipedia.org" in text and "https://sq.wikipedia.org/w/api.php" in text
    assert "[api]" not in text and "campaign file" not in text  # no TOML, no file: the form's words
