"""Django for the web tests: the web app's own settings (wikitally.web.settings), set up at collection.

Other test folders set Django up standalone, through open_store → settings.configure, on first use; whoever
sets Django up first decides for the whole process. So this conftest does it when pytest collects this
folder, before any test runs, with the web app's settings; the stores other tests open then get aliases
of their own ("wikitally_1", …) while the web app's database keeps "default", exactly as in production
(tests/store/test_store.py::test_a_host_project_keeps_its_default_database).

The environment is changed only while the settings module is read (WIKITALLY_DB left set would change the
CLI's default database in other tests' subprocesses). Every test runs in a transaction that is rolled back,
on SQLite and, when WIKITALLY_TEST_PG_URL is set, on PostgreSQL (the same suite, parametrized).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

SETTINGS_MODULE = "wikitally.web.settings"
PG_URL_VAR = "WIKITALLY_TEST_PG_URL"
_TMP = tempfile.mkdtemp(prefix="wikitally-web-tests-")
atexit.register(shutil.rmtree, _TMP, True)


def _set_up_django() -> None:
    import django
    from django.conf import settings
    from django.test.utils import setup_test_environment

    if settings.configured:
        if "wikitally.web.campaigns" not in settings.INSTALLED_APPS:
            raise pytest.UsageError(
                "Django was set up standalone before tests/web/conftest.py ran; run the web tests in a "
                "separate process or make sure nothing opens a store at import time"
            )
        return
    env = {
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "WIKITALLY_SECRET_KEY": "tests-only-secret-key",
        "WIKITALLY_DB": os.path.join(_TMP, "web.sqlite3"),
        "WIKITALLY_DEV": "",
        "WIKITALLY_HTTPS": "",
        "WIKITALLY_ALLOWED_HOSTS": "",
    }
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        django.setup()
        setup_test_environment()  # "testserver" allowed, response.context recorded
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_set_up_django()


def _point_default_at(entry: dict[str, Any]) -> None:
    """Make the "default" connection use entry (a DATABASES entry) from now on."""
    from django.conf import settings
    from django.db import connections

    connections["default"].close()
    filled = connections.configure_settings({"default": dict(entry)})["default"]
    connections.settings["default"] = filled
    settings.DATABASES["default"] = filled
    with contextlib.suppress(
        AttributeError
    ):  # this thread's connection object: a new one takes the new settings
        del connections["default"]


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def web_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """The web app's database, migrated (every app): a SQLite file, or WIKITALLY_TEST_PG_URL's database."""
    from django.core.management import call_command
    from django.db import connections

    from wikitally.store.db import database_settings

    original = dict(connections.settings["default"])
    if request.param == "postgresql":
        url = os.environ.get(PG_URL_VAR)
        if not url:
            pytest.skip(
                f"{PG_URL_VAR} is not set (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start))"
            )
        _point_default_at(database_settings(url))
    try:
        call_command("migrate", database="default", verbosity=0, interactive=False)
        if request.param == "postgresql":  # a dedicated test database: rows an interrupted run committed go
            call_command("flush", database="default", verbosity=0, interactive=False)
        yield request.param
    finally:
        if request.param == "postgresql":
            _point_default_at(original)


@pytest.fixture
def db(web_database: str) -> Iterator[str]:
    """A clean database for one test: everything it writes is rolled back; the page cache is emptied."""
    from django.core.cache import cache
    from django.db import transaction

    from wikitally.web.campaigns import memo

    cache.clear()
    memo.clear_all()
    atomic = transaction.atomic(using="default")
    atomic.__enter__()
    try:
        yield web_database
    finally:
        transaction.set_rollback(True, using="default")
        atomic.__exit__(None, None, None)
        cache.clear()
        memo.clear_all()


@pytest.fixture
def client(db: str) -> Any:
    """A browser that must send CSRF tokens, as a real one does."""
    from django.test import Client

    return Client(enforce_csrf_checks=True)
