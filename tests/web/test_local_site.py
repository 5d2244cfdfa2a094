"""The plain path on a fresh machine (issue 10, defects 10 and 11): `wikitally serve` with no variable at all
on 127.0.0.1 (a generated secret key kept 0600 in the data directory), WIKITALLY_DEV refused on a host
others reach, local accounts (`wikitally local-account`) and their sign-in form, and `wikitally demo`'s
campaign on the local site, never refreshed from the real wikis."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.test import Client, override_settings
from webseed import PASSWORD, csrf_post, define, text_of, user

from wikitally.campaign_file import load_campaign
from wikitally.errors import UsageError
from wikitally.services import demo
from wikitally.store import Store, recorded
from wikitally.store.models import CampaignDefinition
from wikitally.store.refresh_queue import RefreshQueue
from wikitally.web import launch
from wikitally.web.accounts import local_accounts

DEMO_SLUG = "wikigap-tirana-2024"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_home: Path, **changes: str) -> dict[str, str]:
    """No WIKITALLY_ variable at all; the data directory under data_home (platformdirs reads XDG_DATA_HOME)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKITALLY_", "DJANGO_"))}
    env["XDG_DATA_HOME"] = str(data_home)
    env["HOME"] = str(data_home)
    env.update(changes)
    return env


def _wikitally(data_home: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wikitally.cli", *args],
        env=_env(data_home, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """`wikitally demo`, then `wikitally serve --no-worker` on the same default store, no variables."""
    done = _wikitally(tmp_path, "demo", "--quiet", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert f"/c/{DEMO_SLUG}/" in done.stderr
    made = _wikitally(tmp_path, "local-account", "Newcomer", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "wikitally.cli", "serve", "--port", str(port), "--no-worker"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                httpx.get(base + "/", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        yield base, tmp_path, server
    finally:
        server.terminate()
        server.communicate(timeout=60)


def test_serve_with_no_variable_shows_the_demo_and_signs_a_local_account_in(serving) -> None:
    base, data_home, _ = serving
    data_dir = data_home / "wikitally"
    key_file = data_dir / launch.KEY_FILE
    assert (data_dir / "wikitally.sqlite3").is_file()  # the demo and the server used the default store
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 60
    with httpx.Client(base_url=base, timeout=30) as browser:
        front = browser.get("/")
        assert front.status_code == 200 and f'href="/c/{DEMO_SLUG}/"' in front.text
        page = browser.get(f"/c/{DEMO_SLUG}/")
        assert page.status_code == 200
        assert "Vyolltsa" in page.text and 'id="leaderboard"' in page.text
        for download in (
            "download.json",
            "download.csv?table=participants",
            "download.wiki",
            "download.html",
        ):
            assert browser.get(f"/c/{DEMO_SLUG}/{download}").status_code == 200, download
        assert browser.get(f"/c/{DEMO_SLUG}/leaderboard/").status_code == 200
        api = browser.get(f"/api/campaigns/{DEMO_SLUG}/").json()
        written = json.loads((data_home / "out" / "wikitally-demo.json").read_text(encoding="utf-8"))
        assert api["totals"] == written["totals"] and api["totals"]["edits"] > 0  # the demo's own numbers
        assert [c["slug"] for c in browser.get("/api/campaigns/").json()["campaigns"]] == [DEMO_SLUG]
        # The local account signs in through the sign-in page's form (CSRF and all).
        login = browser.get("/accounts/login/")
        assert 'id="local-sign-in"' in login.text
        token = browser.cookies["csrftoken"]
        signed = browser.post(
            "/accounts/login/",
            data={
                "username": "Newcomer",
                "password": PASSWORD,
                "next": "/c/new/",
                "csrfmiddlewaretoken": token,
            },
        )
        assert signed.status_code == 302 and signed.headers["Location"] == "/c/new/"
        assert browser.get("/c/new/").status_code == 200


def test_the_generated_key_is_kept_and_reused(tmp_path: Path) -> None:
    first = launch.secret_key({}, "127.0.0.1", str(tmp_path / "data" / "w.sqlite3"))
    again = launch.secret_key({}, "localhost", str(tmp_path / "data" / "w.sqlite3"))
    assert first == again and len(first) >= 60
    assert stat.S_IMODE((tmp_path / "data" / launch.KEY_FILE).stat().st_mode) == 0o600
    assert launch.secret_key({"WIKITALLY_SECRET_KEY": "given"}, "0.0.0.0", "x") == "given"
    other = launch.secret_key({}, None, str(tmp_path / "other" / "w.sqlite3"))  # `migrate`, `local-account`
    assert other != first


@pytest.mark.parametrize(
    ("host", "env"),
    [
        ("0.0.0.0", {}),
        ("192.0.2.7", {}),
        ("tally.example.org", {}),
        ("127.0.0.1", {"WIKITALLY_TRUSTED_PROXY": "127.0.0.1"}),  # a proxy serves the public
        ("127.0.0.1", {"WIKITALLY_HTTPS": "1"}),
    ],
)
def test_a_server_others_reach_needs_an_explicit_key(host: str, env: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^WIKITALLY_SECRET_KEY is not set; serving on "):
        launch.secret_key(env, host, str(tmp_path / "w.sqlite3"))
    assert not (tmp_path / launch.KEY_FILE).exists()


def test_serve_on_a_public_host_without_a_key_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _wikitally(tmp_path, "serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.sqlite3"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("wikitally: WIKITALLY_SECRET_KEY is not set; serving on 0.0.0.0 needs one")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::", "tally.example.org"])
def test_dev_mode_refuses_a_host_others_reach(host: str, tmp_path: Path) -> None:
    done = _wikitally(
        tmp_path, "serve", "--host", host, "--db", str(tmp_path / "x.sqlite3"), WIKITALLY_DEV="1"
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[-1].startswith(f"wikitally: WIKITALLY_DEV=1 refuses to serve --host {host}:")
    assert not (tmp_path / "x.sqlite3").exists()  # refused before anything was done


@pytest.mark.parametrize(
    ("env", "refused"),
    [
        ({"WIKITALLY_DEV": "1"}, False),
        ({"WIKITALLY_DEV": "1", "WIKITALLY_ALLOWED_HOSTS": "127.0.0.1,localhost,::1"}, False),
        ({"WIKITALLY_DEV": "1", "WIKITALLY_ALLOWED_HOSTS": "localhost,tally.example.org"}, True),
        ({"WIKITALLY_DEV": "1", "WIKITALLY_HTTPS": "1"}, True),
        ({"WIKITALLY_ALLOWED_HOSTS": "tally.example.org"}, False),  # not in dev mode
    ],
)
def test_dev_mode_checks(env: dict[str, str], refused: bool) -> None:
    if refused:
        with pytest.raises(UsageError, match=r"^WIKITALLY_DEV=1 refuses "):
            launch.check_dev(env, "127.0.0.1")
    else:
        launch.check_dev(env, "127.0.0.1")


def test_dev_mode_warns_where_it_runs(tmp_path: Path) -> None:
    """On loopback it runs, and says at once what it is (the warning comes before the server's line)."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "wikitally.cli", "serve", "--port", str(port), "--no-worker"],
        env=_env(tmp_path, WIKITALLY_DEV="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=60)
    assert stderr.startswith("wikitally: warning: WIKITALLY_DEV=1 runs with a fixed, public secret key")
    assert not (tmp_path / "wikitally" / launch.KEY_FILE).exists()  # dev mode's key is the fixed one


def test_gunicorns_settings_refuse_dev_mode_for_a_public_host(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import wikitally.web.wsgi"],
        env=_env(
            tmp_path,
            WIKITALLY_DEV="1",
            WIKITALLY_ALLOWED_HOSTS="tally.example.org",
            WIKITALLY_DB=str(tmp_path / "x.sqlite3"),
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "WIKITALLY_DEV=1 refuses WIKITALLY_ALLOWED_HOSTS=tally.example.org" in done.stderr


@pytest.mark.parametrize(
    ("env", "host", "on"),
    [
        ({}, "127.0.0.1", True),
        ({}, "::1", True),
        ({}, "localhost", True),
        ({}, "0.0.0.0", False),
        ({}, None, False),  # gunicorn: a public server unless told otherwise
        ({"WIKITALLY_TRUSTED_PROXY": "127.0.0.1"}, "127.0.0.1", False),
        ({"WIKITALLY_HTTPS": "1"}, "127.0.0.1", False),
        ({"WIKITALLY_DEV": "1"}, None, True),
        ({"WIKITALLY_LOCAL_ACCOUNTS": "1"}, None, True),
        ({"WIKITALLY_LOCAL_ACCOUNTS": "0"}, "127.0.0.1", False),
    ],
)
def test_local_accounts_are_on_only_where_only_this_machine_reaches(
    env: dict[str, str], host: str | None, on: bool
) -> None:
    assert launch.local_accounts(env, host) is on


def test_a_mistake_in_the_local_accounts_setting_is_one_line() -> None:
    with pytest.raises(UsageError, match=r"^WIKITALLY_LOCAL_ACCOUNTS='yes': write 1 \(on\) or 0 \(off\)$"):
        launch.local_accounts({"WIKITALLY_LOCAL_ACCOUNTS": "yes"}, "127.0.0.1")


# -- local accounts: the command and the sign-in page


def test_local_account_command_makes_an_admin_and_refuses_a_weak_password(tmp_path: Path) -> None:
    db = str(tmp_path / "w.sqlite3")
    weak = _wikitally(tmp_path, "local-account", "Ana", "--db", db, stdin="12345\n")
    assert weak.returncode == 2 and weak.stderr.count("\n") == 1
    assert weak.stderr.startswith("wikitally: the password is refused: ")
    made = _wikitally(tmp_path, "local-account", "Ana", "--superuser", "--db", db, stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    assert made.stderr == "wikitally: local account 'Ana' (a site admin) made\n"
    again = _wikitally(tmp_path, "local-account", "Ana", "--db", db, stdin="another long passphrase\n")
    assert again.stderr == "wikitally: local account 'Ana' (a site admin) given a new password\n"


def test_a_wikimedia_users_name_is_not_taken_by_a_local_account(db: str) -> None:
    from django.contrib.auth.models import User

    User.objects.create_user("Jane Doe")  # as OAuth sign-in makes them: no usable password
    with pytest.raises(UsageError, match="signs in with Wikimedia"):
        local_accounts.make("Jane Doe", PASSWORD)
    assert not User.objects.get(username="Jane Doe").has_usable_password()


def _login_page(client: Client) -> str:
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_sign_in_page_offers_the_form_only_when_on_and_a_local_account_exists(client: Client) -> None:
    from django.contrib.auth.models import User

    User.objects.create_user("Wiki person")  # a Wikimedia user: no password, not a local account
    with override_settings(LOCAL_ACCOUNTS=True):
        page = _login_page(client)
        assert 'id="local-sign-in"' not in page and 'id="local-account-hint"' in page
        assert "wikitally local-account NAME" in text_of(page)
        local_accounts.make("Ana", PASSWORD)
        page = _login_page(client)
        assert 'id="local-sign-in"' in page and 'id="local-account-hint"' not in page
    with override_settings(LOCAL_ACCOUNTS=False):  # a public instance: OAuth only, the password is no way in
        page = _login_page(client)
        assert 'id="local-sign-in"' not in page and 'id="local-account-hint"' not in page
        assert client.post("/accounts/login/", {"username": "Ana", "password": PASSWORD}).status_code in (
            403,
            405,
        )


@override_settings(LOCAL_ACCOUNTS=True)
def test_wrong_passwords_are_limited_per_account(client: Client) -> None:
    local_accounts.make("Ana", PASSWORD)
    for _ in range(local_accounts.FAILURES):
        wrong = csrf_post(client, "/accounts/login/", {"username": "ana", "password": "not it at all"})
        assert wrong.status_code == 200 and 'id="local-sign-in"' in wrong.content.decode()
    refused = csrf_post(client, "/accounts/login/", {"username": "Ana", "password": PASSWORD})
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(int(local_accounts.WINDOW.total_seconds()))
    assert "_auth_user_id" not in client.session


@override_settings(LOCAL_ACCOUNTS=True)
def test_a_local_account_joins_under_its_own_name(client: Client) -> None:
    from wikitally.web.campaigns.participants import username_of

    made = local_accounts.make("ana_k", PASSWORD)
    from django.contrib.auth.models import User

    assert username_of(User.objects.get(username=made.username)) == "Ana k"


# -- the demo's campaign on the local site, never refreshed


def _recorded(db: str) -> CampaignDefinition:
    campaign, toml = load_campaign(demo.CAMPAIGN_FILE), demo.CAMPAIGN_FILE.read_text(encoding="utf-8")
    store = Store("default")
    registered = recorded.register(store, campaign, toml)
    assert registered == recorded.Registered(DEMO_SLUG, True, True)
    assert recorded.register(store, campaign, toml) == recorded.Registered(DEMO_SLUG, False, True)
    return CampaignDefinition.objects.get(slug=DEMO_SLUG)


def test_the_demo_is_a_public_recorded_campaign(db: str) -> None:
    definition = _recorded(db)
    assert definition.visibility == "public" and definition.recorded
    assert definition.campaign is not None and definition.campaign.key == definition.name


def test_the_worker_never_refreshes_a_recorded_campaign(db: str) -> None:
    from test_refresh_queue import Clock, worker

    from wikitally.services.refresh import REQUEST_GAP

    definition = _recorded(db)
    asked: list[Any] = []

    def record(request: Any) -> Any:
        asked.append(request.url)
        raise AssertionError("a recorded campaign was fetched")

    now = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)  # during the demo's campaign
    queue = RefreshQueue()
    assert queue.request(definition.pk, now, REQUEST_GAP)  # "Refresh now" pressed all the same
    assert [c.slug for c in queue.due(now + timedelta(seconds=1))] == []
    assert not queue.claim(definition.pk, "worker-1", now + timedelta(seconds=1), timedelta(minutes=15))
    assert worker(Clock(now + timedelta(seconds=1)), record).run_pass() == []
    assert asked == []
    # The same definition, not recorded, would be refreshed: the mark is what keeps it out.
    CampaignDefinition.objects.filter(pk=definition.pk).update(recorded=False)
    assert [c.slug for c in queue.due(now + timedelta(seconds=1))] == [DEMO_SLUG]


def test_a_web_campaign_with_the_demos_name_is_left_alone(db: str) -> None:
    campaign = load_campaign(demo.CAMPAIGN_FILE)
    own, _ = define(user("organizer"), campaign.name)
    toml = own.toml
    found = recorded.register(Store("default"), campaign, "name = 'x'\n")
    assert found == recorded.Registered(own.slug, False, False)
    own.refresh_from_db()
    assert not own.recorded and own.toml == toml
