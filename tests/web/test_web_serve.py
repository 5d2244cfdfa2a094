"""`wikitally serve`: a real WSGI server (waitress) on a migrated store, and its one-line errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from wikitally.store import open_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKITALLY_", "DJANGO_"))}
    env.update(changes)
    return env


def _serve(db: Path, port: int, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "wikitally.cli", "serve", "--port", str(port), "--db", str(db)],
        env=_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_serve_migrates_and_answers_over_http(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "web.sqlite3"  # its folder is made
    port = _free_port()
    server = _serve(db, port, WIKITALLY_SECRET_KEY="serve-test-key")
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                front = httpx.get(base + "/", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert front.status_code == 200 and "wikitally" in front.text
        assert front.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert httpx.get(base + "/api/openapi.json", timeout=5).json()["openapi"] == "3.1.0"
        assert httpx.get(base + "/static/campaigns/wikitally.css", timeout=5).status_code == 200
        assert httpx.get(base + "/c/nope/", timeout=5).status_code == 404
        # A host that isn't allowed is refused (DEBUG is off without WIKITALLY_DEV).
        assert httpx.get(base + "/", headers={"Host": "evil.example"}, timeout=5).status_code == 400
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert f"serving on http://127.0.0.1:{port}/" in stderr
    # Every table the web app needs was migrated: the store (0003 included) and Django's own.
    from django.db import connections

    alias = open_store(str(db)).alias
    tables = set(connections[alias].introspection.table_names())
    assert {"store_campaign_definition", "store_organizer", "auth_user", "django_session"} <= tables


def test_serve_without_a_secret_key_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # On a host others reach; on loopback a generated key is kept instead (test_local_site.py).
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wikitally.cli",
            "serve",
            "--host",
            "0.0.0.0",
            "--db",
            str(tmp_path / "x.sqlite3"),
        ],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("wikitally: WIKITALLY_SECRET_KEY is not set;")


def test_serve_with_a_bad_database_url_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wikitally.cli", "serve", "--db", "mysql://x/y"],
        env=_env(XDG_DATA_HOME=str(tmp_path)),  # no key needed on loopback: the URL is what is wrong
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "unknown scheme 'mysql'" in done.stderr
    assert list(tmp_path.iterdir()) == []  # no key file was made for it


def test_the_web_apps_settings_and_routes_are_documented() -> None:
    import re

    import wikitally.web.settings as web_settings
    from wikitally.web import urls

    section = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    source = Path(web_settings.__file__).read_text(encoding="utf-8")
    for variable in set(re.findall(r"WIKITALLY_[A-Z_]+", source)):
        assert f"`{variable}" in section, variable
    for pattern in urls.urlpatterns:
        route = str(pattern.pattern)
        if route.startswith(("c/", "api/")):
            shown = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: m.group(1).upper(), route)
            short = shown.removeprefix(
                "/c/SLUG/"
            )  # "download.json, download.wiki …" follow the first in full
            assert shown in section or (short.startswith("download.") and f"`{short}`" in section), route
