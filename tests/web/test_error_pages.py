"""Every error the site answers with is one of its pages: the site's layout and menu, the visitor's language,
a way back (the campaign whose address it was, the front page), Retry-After on a 429; JSON under /api/."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from webseed import csrf_post, define, log_in, seed, text_of, user

from wikitally.reports.i18n import translator
from wikitally.web.campaigns import figures
from wikitally.web.campaigns.ui import UI

LANGUAGES = ["en", "sq", "ru"]


@pytest.fixture
def campaign(client: Client):
    organizer = user("organizer")
    user("visitor")
    definition, found = define(organizer)
    seed(found, timezone.now())
    return definition


def in_language(client: Client, language: str) -> UI:
    client.cookies["django_language"] = language
    return UI(translator(language))


def assert_site_page(response: Any, status: int, ui: UI, title: str, message: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    lang = ui.t.language
    assert f'<html lang="{lang}"' in html and 'class="menu"' in html and "wikitally.css" in html
    assert f"<h1>{ui[title]}</h1>" in html
    if ui.t.language != "en":  # translated, not the English left in place
        assert ui[title] != UI(translator("en"))[title]
    assert ui[message] in text_of(html) if "{" not in ui[message] else True
    assert f'<a href="/">{ui["BACK_HOME"]}</a>' in html  # a way back
    return html


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_is_a_page_of_the_site(client: Client, campaign, language: str) -> None:
    ui = in_language(client, language)
    assert_site_page(client.get("/c/no-such-campaign/"), 404, ui, "NOT_FOUND_TITLE", "NOT_FOUND")
    html = assert_site_page(
        client.get(f"/c/{campaign.slug}/u/Nobody/"), 404, ui, "NOT_FOUND_TITLE", "NOT_FOUND"
    )
    assert f'<a href="/c/{campaign.slug}/">' in html  # back to the campaign whose address it was
    assert_site_page(client.get("/no/such/page"), 404, ui, "NOT_FOUND_TITLE", "NOT_FOUND")


@pytest.mark.parametrize("language", LANGUAGES)
def test_403_says_why_in_the_visitors_language(client: Client, campaign, language: str) -> None:
    ui = in_language(client, language)
    log_in(client, "visitor")
    html = assert_site_page(client.get(f"/c/{campaign.slug}/edit/"), 403, ui, "FORBIDDEN_TITLE", "FORBIDDEN")
    assert f'<a href="/c/{campaign.slug}/">' in html
    refused = client.get(f"/c/{campaign.slug}/participants/")
    assert_site_page(refused, 403, ui, "FORBIDDEN_TITLE", "FORBIDDEN_PARTICIPANTS")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_csrf_failure_is_a_page_of_the_site(client: Client, campaign, language: str) -> None:
    ui = in_language(client, language)
    log_in(client, "organizer")
    refused = client.post(f"/c/{campaign.slug}/refresh/", {})  # no token
    html = assert_site_page(refused, 403, ui, "CSRF_TITLE", "CSRF_FAILED")
    assert f'<a href="/c/{campaign.slug}/">' in html and "CSRF" not in text_of(html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_400_is_a_page_of_the_site(client: Client, campaign, language: str) -> None:
    ui = in_language(client, language)
    for address in (
        f"/c/{campaign.slug}/download.csv?table=nope",
        f"/c/{campaign.slug}/download.wiki?lang=xx",
    ):
        assert_site_page(client.get(address), 400, ui, "BAD_REQUEST_TITLE", "BAD_REQUEST")
    disallowed = client.get("/", HTTP_HOST="evil.example")  # a Host that isn't allowed
    assert_site_page(disallowed, 400, ui, "BAD_REQUEST_TITLE", "BAD_REQUEST")


@pytest.mark.parametrize("language", LANGUAGES)
def test_429_is_a_page_of_the_site_with_retry_after(client: Client, campaign, language: str) -> None:
    ui = in_language(client, language)
    log_in(client, "organizer")
    page = f"/c/{campaign.slug}/"
    assert csrf_post(client, f"/c/{campaign.slug}/refresh/", {}, page=page).status_code == 302
    again = csrf_post(client, f"/c/{campaign.slug}/refresh/", {}, page=page)
    html = assert_site_page(again, 429, ui, "TOO_MANY_TITLE", "TOO_MANY_TITLE")
    seconds = int(again["Retry-After"])
    assert 1 <= seconds <= 120
    assert ui["REFRESH_TOO_SOON"].format(seconds=ui.t.number(seconds)) in text_of(html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_500_is_a_page_of_the_site_without_a_traceback(
    client: Client, campaign, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> Any:
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(figures, "listed", broken)
    browser = Client(raise_request_exception=False)
    ui = in_language(browser, language)
    html = assert_site_page(browser.get("/"), 500, ui, "SERVER_ERROR_TITLE", "SERVER_ERROR")
    assert "secret detail" not in html and "Traceback" not in html


def test_the_api_answers_errors_in_json(client: Client, campaign) -> None:
    for address in ("/api/no-such-thing", "/api/campaigns/nope/"):
        response = client.get(address)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert response.json()["error"] == "not_found"
