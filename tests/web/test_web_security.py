"""Wiki strings are data on every page; secrets come from the environment only."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from webseed import (
    ATTR,
    NAME,
    SCRIPT,
    USER_ATTR,
    USER_SCRIPT,
    WIKITEXT,
    assert_inert,
    define,
    log_in,
    parse,
    seed,
    user,
)

import wikitally.web.settings
from wikitally.web.campaigns.views import user_slug

SETTINGS_FILE = wikitally.web.settings.__file__


@pytest.fixture
def hostile(client: Client):
    definition, campaign = define(user("organizer"))
    seed(campaign, timezone.now() - timedelta(hours=2))
    return definition


def test_hostile_titles_usernames_and_names_are_inert_on_every_page(client: Client, hostile) -> None:
    slug = hostile.slug
    pages = {
        "/": (NAME,),
        f"/c/{slug}/": (NAME, SCRIPT, ATTR, WIKITEXT, USER_SCRIPT, USER_ATTR),
        f"/c/{slug}/?sort=words": (USER_SCRIPT, USER_ATTR),
        reverse("participant", args=[slug, user_slug(USER_SCRIPT)]): (
            USER_SCRIPT,
            f"File:{SCRIPT}.jpg",
            NAME,
        ),
        reverse("participant", args=[slug, user_slug(USER_ATTR)]): (USER_ATTR,),
    }
    for url, shown in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), shown=shown)


def test_hostile_strings_are_inert_in_the_form(client: Client, hostile) -> None:
    log_in(client, "organizer")
    html = client.get(f"/c/{hostile.slug}/edit/").content.decode()
    assert_inert(html)
    name_input = next(
        attrs for tag, attrs in parse(html).elements if tag == "input" and attrs.get("name") == "name"
    )
    assert name_input["value"] == NAME  # shown whole, as a value


def test_a_hostile_participant_link_stays_on_the_site(client: Client, hostile) -> None:
    html = client.get(f"/c/{hostile.slug}/").content.decode()
    hrefs = [attrs["href"] for tag, attrs in parse(html).elements if tag == "a" and attrs.get("href")]
    for href in hrefs:
        assert href.startswith(
            ("/", "?", "#", "https://sq.wikipedia.org/", "https://www.openstreetmap.org/")
        ), href


def test_json_is_never_read_as_html(client: Client, hostile) -> None:
    for url in (
        f"/api/campaigns/{hostile.slug}/",
        f"/api/campaigns/{hostile.slug}/leaderboard",
        "/api/campaigns/",
    ):
        response = client.get(url)
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
    download = client.get(f"/c/{hostile.slug}/download.html")
    assert download["Content-Disposition"].startswith("attachment;")  # the report is a file, not a page here
    assert client.get(f"/c/{hostile.slug}/")["X-Frame-Options"] == "DENY"


def _settings_env(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKITALLY_", "DJANGO_"))}
    env.update(changes)
    return env


def test_settings_need_a_secret_key_unless_in_dev_mode(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in ("WIKITALLY_SECRET_KEY", "WIKITALLY_DEV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WIKITALLY_DB", str(tmp_path / "x.sqlite3"))
    with pytest.raises(ImproperlyConfigured, match=r"^WIKITALLY_SECRET_KEY is not set; ") as raised:
        runpy.run_path(SETTINGS_FILE)
    assert "\n" not in str(raised.value)
    monkeypatch.setenv("WIKITALLY_DEV", "1")
    dev = runpy.run_path(SETTINGS_FILE)
    assert dev["DEBUG"] is True and dev["SECRET_KEY"]
    monkeypatch.delenv("WIKITALLY_DEV")
    monkeypatch.setenv("WIKITALLY_SECRET_KEY", "s3cret")
    monkeypatch.setenv("WIKITALLY_ALLOWED_HOSTS", "campaigns.example.org, 127.0.0.1")
    production = runpy.run_path(SETTINGS_FILE)
    assert production["DEBUG"] is False and production["SECRET_KEY"] == "s3cret"
    assert production["ALLOWED_HOSTS"] == ["campaigns.example.org", "127.0.0.1"]
    assert production["DATABASES"]["default"]["NAME"] == str(tmp_path / "x.sqlite3")
    assert "wikitally.store" in production["INSTALLED_APPS"]


def test_importing_the_settings_without_a_key_fails_with_one_clear_line(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import wikitally.web.settings"],
        env=_settings_env(WIKITALLY_DB=str(tmp_path / "x.sqlite3")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: WIKITALLY_SECRET_KEY is not set;")
