"""The production set-up (docs/web.md, "Production"): `wikitally migrate` as the release step, the WSGI entry point
under real gunicorn with several worker processes, /static/ served by WhiteNoise, and `wikitally
site-admin`. On SQLite, and on PostgreSQL too when WIKITALLY_TEST_PG_URL is set."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from wikitally.store import open_store

SECRET = "production-test-key"
PG_URL_VAR = "WIKITALLY_TEST_PG_URL"  # as in conftest.py


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(home: Path, **changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKITALLY_", "DJANGO_"))}
    env["HOME"] = str(home)  # gunicorn ≥ 25 keeps a control socket under ~/.gunicorn
    env.update(changes)
    return env


def _wikitally(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wikitally.cli", *args],
        env=_env(home, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database for the processes a test starts: a new SQLite file, or WIKITALLY_TEST_PG_URL's."""
    if request.param == "sqlite":
        return str(tmp_path / "data" / "wikitally.sqlite3")
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start))")
    return url


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file after the release step, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("migrated")
    db = str(folder / "wikitally.sqlite3")
    done = _wikitally(folder, "migrate", "--db", db, WIKITALLY_SECRET_KEY=SECRET)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def gunicorn(database: str, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """gunicorn with 2 worker processes on `database`, after the release step; (base URL, process)."""
    done = _wikitally(tmp_path, "migrate", "--db", database, WIKITALLY_SECRET_KEY=SECRET)
    assert done.returncode == 0, done.stderr
    port = _free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "2"),
            *("--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5"),
            "wikitally.web.wsgi:application",
        ],
        env=_env(tmp_path, WIKITALLY_SECRET_KEY=SECRET, WIKITALLY_DB=database),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/static/campaigns/favicon.svg", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
        yield base, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)


def test_gunicorn_with_two_workers_serves_pages_static_files_and_404s(
    gunicorn: tuple[str, subprocess.Popen[str]],
) -> None:
    base, server = gunicorn
    with httpx.Client(base_url=base, timeout=10) as http:
        for _ in range(6):  # whichever worker answers
            front = http.get("/")
            assert front.status_code == 200 and "wikitally" in front.text
            assert front.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert http.get("/c/no-such-campaign/").status_code == 404
        assert http.get("/api/campaigns/no-such-campaign/").json()["error"] == "not_found"

        css = http.get("/static/campaigns/wikitally.css")
        assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
        assert {"max-age=60", "public"} <= {p.strip() for p in css.headers["Cache-Control"].split(",")}
        assert css.headers["X-Content-Type-Options"] == "nosniff"
        again = http.get("/static/campaigns/wikitally.css", headers={"If-None-Match": css.headers["ETag"]})
        assert again.status_code == 304
        assert http.get("/static/campaigns/favicon.svg").headers["Content-Type"].startswith("image/svg+xml")
        assert http.get("/static/codex/theme-wikimedia-ui.css").status_code == 200
        assert http.get("/static/admin/css/base.css").status_code == 200  # the admin's files too
        assert http.get("/static/campaigns/nothing.css").status_code == 404
    server.send_signal(signal.SIGTERM)
    _, stderr = server.communicate(timeout=30)
    assert stderr.count("Booting worker with pid") == 2, stderr


def test_importing_the_wsgi_module_migrates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "untouched.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", "import wikitally.web.wsgi"],
        env=_env(tmp_path, WIKITALLY_SECRET_KEY=SECRET, WIKITALLY_DB=str(db)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert not db.exists() or db.stat().st_size == 0


def _tables(db: str) -> set[str]:
    from django.db import connections

    return set(connections[open_store(db).alias].introspection.table_names())


def _applied(db: str) -> int:
    from django.db import connections

    with connections[open_store(db).alias].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        return int(cursor.fetchone()[0])


def test_migrate_makes_every_table_and_is_idempotent(database: str, tmp_path: Path) -> None:
    first = _wikitally(tmp_path, "migrate", "--db", database, WIKITALLY_SECRET_KEY=SECRET)
    assert first.returncode == 0, first.stderr
    assert first.stderr.count("\n") == 1 and "is migrated" in first.stderr
    assert "production-test-key" not in first.stderr
    tables = _tables(database)
    assert {"store_campaign_definition", "store_wiki_account", "auth_user", "django_session"} <= tables
    assert "django_admin_log" in tables
    applied = _applied(database)
    second = _wikitally(tmp_path, "migrate", "--db", database, WIKITALLY_SECRET_KEY=SECRET)
    assert second.returncode == 0 and second.stderr == first.stderr
    assert _applied(database) == applied


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (("--db", "mysql://x/y"), {"WIKITALLY_SECRET_KEY": SECRET}, "unknown scheme 'mysql'"),
        (
            ("--db", "{tmp}/x.sqlite3"),
            {"WIKITALLY_DEV": "1", "WIKITALLY_ALLOWED_HOSTS": "tally.example.org"},
            "WIKITALLY_DEV=1 refuses WIKITALLY_ALLOWED_HOSTS=tally.example.org",
        ),
    ],
)
def test_migrate_refuses_in_one_line(tmp_path: Path, args: Any, env: dict[str, str], expected: str) -> None:
    done = _wikitally(tmp_path, "migrate", *(a.format(tmp=tmp_path) for a in args), **env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and expected in done.stderr, done.stderr


def test_migrate_needs_no_key_it_keeps_one_next_to_the_store(tmp_path: Path) -> None:
    """The release step signs nothing: without WIKITALLY_SECRET_KEY it uses the key kept in the store's
    folder (made 0600 the first time), as `serve` on loopback does; servers others reach still need one."""
    db = tmp_path / "data" / "x.sqlite3"
    done = _wikitally(tmp_path, "migrate", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert (db.parent / "secret_key").stat().st_mode & 0o777 == 0o600


def _signed_in(db: str, username: str, sub: str) -> Any:
    """A user who signed in with a Wikimedia account, as the OAuth callback leaves them, in db."""
    from django.contrib.auth.models import User

    from wikitally.store.models import WikiAccount

    alias = open_store(db).alias
    user = User.objects.db_manager(alias).create_user(username=username)
    WikiAccount.objects.using(alias).create(
        user=user, username=username, provider="meta.wikimedia.org", sub=sub
    )
    return user


def _flags(db: str, pk: int) -> tuple[bool, bool]:
    from django.contrib.auth.models import User

    user = User.objects.using(open_store(db).alias).get(pk=pk)
    return user.is_staff, user.is_superuser


def test_site_admin_promotes_and_removes_a_signed_in_user(database: str, tmp_path: Path) -> None:
    assert _wikitally(tmp_path, "migrate", "--db", database, WIKITALLY_SECRET_KEY=SECRET).returncode == 0
    name = f"Organizer {uuid.uuid4().hex[:8]}"
    user = _signed_in(database, name, sub=uuid.uuid4().hex)
    try:
        # Written as people type it: the first letter lower-case, underscores for spaces.
        typed = name[0].lower() + name[1:].replace(" ", "_")
        done = _wikitally(tmp_path, "site-admin", typed, "--db", database, WIKITALLY_SECRET_KEY=SECRET)
        assert done.returncode == 0, done.stderr
        assert done.stderr == f"wikitally: {name} on meta.wikimedia.org is now a site admin\n"
        assert _flags(database, user.pk) == (True, True)
        done = _wikitally(tmp_path, "site-admin", name, "--db", database, WIKITALLY_SECRET_KEY=SECRET)
        assert done.returncode == 0 and "is already a site admin" in done.stderr
        done = _wikitally(
            tmp_path, "site-admin", name, "--remove", "--db", database, WIKITALLY_SECRET_KEY=SECRET
        )
        assert done.returncode == 0 and "is no longer a site admin" in done.stderr
        assert _flags(database, user.pk) == (False, False)
    finally:
        user.delete()  # the WikiAccount with it (PostgreSQL's database outlives the test)


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("Nobody Yet", "nobody has signed in as 'Nobody Yet' with meta.wikimedia.org yet; they sign in once"),
        ("Bad#name", "the username 'Bad#name' contains a character MediaWiki forbids"),
        ("User:Someone", "includes a namespace prefix"),
        ("  ", "the username '' is empty"),
    ],
)
def test_site_admin_refuses_bad_input_in_one_line(
    migrated: str, tmp_path: Path, username: str, expected: str
) -> None:
    done = _wikitally(tmp_path, "site-admin", username, "--db", migrated, WIKITALLY_SECRET_KEY=SECRET)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and expected in done.stderr, done.stderr


def test_site_admin_on_a_database_not_yet_migrated_says_so(tmp_path: Path) -> None:
    db = str(tmp_path / "new.sqlite3")
    done = _wikitally(tmp_path, "site-admin", "Someone", "--db", db, WIKITALLY_SECRET_KEY=SECRET)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "run `wikitally migrate`" in done.stderr, done.stderr


def test_a_promoted_user_enters_the_admin_and_signing_in_lands_on_that_user(client: Any) -> None:
    from django.contrib.auth.models import User

    from wikitally.store.models import WikiAccount
    from wikitally.web.accounts import oauth
    from wikitally.web.accounts.site_admins import set_site_admin
    from wikitally.web.accounts.views import site_user

    admin = User.objects.create_user(username="Ada")
    WikiAccount.objects.create(user=admin, username="Ada", provider="meta.wikimedia.org", sub="1001")
    other = User.objects.create_user(username="Bob")

    client.force_login(admin)
    assert client.get("/admin/").status_code == 302  # not an admin yet: to the sign-in
    change = set_site_admin("ada")
    assert (change.username, change.site_username, change.admin, change.changed) == ("Ada", "Ada", True, True)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200  # superuser: every model

    # Their next OAuth sign-in (matched on the provider's `sub`) is this same user, still an admin.
    profile = oauth.Profile(sub="1001", username="Ada", blocked=False)
    again = site_user(profile, "meta.wikimedia.org", other)
    assert again.pk == admin.pk and again.is_staff and again.is_superuser

    client.force_login(other)
    assert client.get("/admin/").status_code == 302
