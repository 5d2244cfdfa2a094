"""Database URLs → Django connections, standalone: configure Django if nobody has, register, migrate.

Each distinct database gets its own connection alias ("default" for the first one when this module
configured Django; "wikitally_1", "wikitally_2" … otherwise), so one process can use several databases
at once and a host Django project keeps its own "default".
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from wikitally.errors import StoreError

log = logging.getLogger(__name__)

APP = "wikitally.store"
LABEL = "store"
SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"
DUMMY = "django.db.backends.dummy"
HINT = "check --db or WIKITALLY_DB"
CONNECT_TIMEOUT_S = 10
SQLITE_TIMEOUT_S = 30

_lock = threading.RLock()
_migrated: set[str] = set()  # aliases migrated by this process


def database_settings(db: str) -> dict[str, Any]:
    """One DATABASES entry for a file path, `sqlite:///abs/path` or `postgresql://user:pass@host:port/name`."""
    db = db.strip()
    if not db:
        raise StoreError(f"no database given; {HINT}")
    if "://" not in db:
        return _sqlite(db)
    scheme, _, rest = db.partition("://")
    scheme = scheme.lower()
    if scheme == "sqlite":
        if not rest.startswith("/"):
            raise StoreError(f"bad database URL {db}: use sqlite:///absolute/path; {HINT}")
        return _sqlite(unquote(rest))
    if scheme in ("postgresql", "postgres"):
        return _postgresql(db)
    raise StoreError(f"bad database URL {redact(db)}: unknown scheme {scheme!r}; {HINT}")


def _sqlite(path: str) -> dict[str, Any]:
    return {
        "ENGINE": SQLITE,
        "NAME": str(Path(path).expanduser().absolute()),
        "OPTIONS": {
            "timeout": SQLITE_TIMEOUT_S,
            # WAL: readers don't block the writer; NORMAL is durable enough under WAL.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            # Take the write lock at BEGIN, so concurrent writers wait (timeout) instead of failing.
            "transaction_mode": "IMMEDIATE",
        },
    }


def _postgresql(db: str) -> dict[str, Any]:
    try:
        url = urlsplit(db)
        port = url.port
    except ValueError as e:
        raise StoreError(f"bad database URL {redact(db)}: {e}; {HINT}") from None
    name = unquote(url.path.lstrip("/"))
    if not name or "/" in name:
        raise StoreError(f"bad database URL {redact(db)}: name the database after the host; {HINT}")
    options: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S}
    options.update(parse_qsl(url.query))  # libpq parameters, e.g. ?sslmode=require
    return {
        "ENGINE": POSTGRESQL,
        "NAME": name,
        "USER": unquote(url.username or ""),
        "PASSWORD": unquote(url.password or ""),
        "HOST": unquote(url.hostname or ""),
        "PORT": str(port or ""),
        "OPTIONS": options,
    }


def redact(db: str) -> str:
    """The URL without its passwords (the userinfo's and a ?password= libpq parameter), for messages."""
    scheme, sep, rest = db.partition("://")
    if not sep:
        return db
    slash = rest.find("/")
    at = rest.rfind("@", 0, slash if slash >= 0 else len(rest))
    if at >= 0 and ":" in rest[:at]:
        rest = f"{rest[: rest.index(':')]}:***{rest[at:]}"

    # libpq takes any parameter in the query string, password included (also percent-encoded as a key)
    def hidden(m: re.Match[str]) -> str:
        return f"{m[1]}***" if unquote(m[2]).strip().lower() == "password" else m[0]

    rest = _QUERY_PARAMETER.sub(hidden, rest)
    return f"{scheme}://{rest}"


_QUERY_PARAMETER = re.compile(r"([?&;]([^=&;#]*)=)[^&;#]*")


def ensure_django() -> None:
    """Configure Django for wikitally alone, unless a host project already did; set the apps up."""
    import django
    from django.apps import apps
    from django.conf import settings

    with _lock:
        if not settings.configured:
            settings.configure(
                # auth (and the contenttypes it needs): the web app's store.Organizer points at auth's
                # users, so the store's migrations depend on auth's even when the CLI uses the store alone.
                INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", APP],
                DATABASES={},  # aliases are added per database by open_store
                USE_TZ=True,
                TIME_ZONE="UTC",
                DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
                LOGGING_CONFIG=None,  # logging is configured at the edges, not here
            )
        if not apps.ready:
            django.setup(set_prefix=False)
    if not apps.is_installed(APP):
        raise StoreError(f"Django is configured without {APP!r} in INSTALLED_APPS")
    if not settings.USE_TZ:
        raise StoreError("Django is configured with USE_TZ = False; wikitally stores aware UTC times")


def _identity(entry: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(entry.get(k) or "") for k in ("ENGINE", "NAME", "HOST", "PORT", "USER"))


def _alias(entry: dict[str, Any]) -> tuple[str, bool]:
    """The alias already holding this database, or a new one; True when it's new."""
    from django.db import connections

    registered = connections.settings
    for alias, existing in registered.items():
        if existing.get("ENGINE") != DUMMY and _identity(existing) == _identity(entry):
            return alias, False
    if registered.get("default", {}).get("ENGINE") == DUMMY:
        return "default", True
    n = 1
    while f"wikitally_{n}" in registered:
        n += 1
    return f"wikitally_{n}", True


def _register(alias: str, entry: dict[str, Any]) -> None:
    from django.db import connections

    # configure_settings fills Django's defaults (ATOMIC_REQUESTS, TEST, …) into a copy.
    filled = connections.configure_settings({"default": dict(entry)})["default"]
    _drop_connection(alias)
    connections.settings[alias] = filled


def _unregister(alias: str) -> None:
    from django.db import connections

    _drop_connection(alias)
    if alias == "default":
        connections.settings[alias] = connections.configure_settings({"default": {}})["default"]
    else:
        del connections.settings[alias]


def _drop_connection(alias: str) -> None:
    """Close and forget this thread's connection object for alias, if it has one."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.alias == alias:
            conn.close()
            del connections[alias]


def connect(db: str) -> str:
    """Configure Django, register db under an alias, check it answers, migrate it; return the alias."""
    from django.core.management import call_command
    from django.db import Error, connections

    entry = database_settings(db)
    if entry["ENGINE"] == SQLITE:
        try:
            Path(entry["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot open database {entry['NAME']}: {e.strerror}; {HINT}") from None
    ensure_django()
    with _lock:
        alias, new = _alias(entry)
        if new:
            _register(alias, entry)
        try:
            connections[alias].ensure_connection()
            if alias not in _migrated:
                call_command("migrate", LABEL, database=alias, verbosity=0, interactive=False)
                _migrated.add(alias)
        except Error as e:
            if new:
                _unregister(alias)
            raise StoreError(f"cannot open database {redact(db)}: {one_line(e)}; {HINT}") from None
    log.debug("database %s is connection %r", redact(db), alias)
    return alias


def one_line(e: BaseException) -> str:
    """The gist of a driver error: its first line, without libpq's "connection … failed:" preamble."""
    lines = [line.strip() for line in str(e).splitlines() if line.strip()]
    text = lines[0] if lines else type(e).__name__
    text = text.removeprefix("connection failed: ")
    text = re.sub(r"^(FATAL|ERROR):\s+", "", text)
    if text.startswith("connection to server") and "failed: " in text:
        text = text.rsplit("failed: ", 1)[1]
    if text[:1].isupper() and text[1:2].islower():
        text = text[:1].lower() + text[1:]
    return text
