"""Database URLs → Django connections, standalone: configure Django if nobody has, register, migrate.

Each distinct database gets its own connection alias ("default" for the first one when this module
configured Django; "wikitally_1", "wikitally_2" … otherwise), so one process can use several databases
at once and a host Django project keeps its own "default".
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from wikitally.errors import StoreError

log = logging.getLogger(__name__)

APP = "wikitally.store"
LABEL = "store"
SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"
DUMMY = "django.db.backends.dummy"
HINT = "check --db or WIKITALLY_DB"
CONNECT_TIMEOUT_S = 10
# A web request keeps its thread's connection for the next one (Django's CONN_MAX_AGE) instead of opening a
# new one: a new PostgreSQL connection is a server process forked and authenticated, ≈ 10 ms per request
# (bench/README.md, "Web app under load"). Only request cycles consult it; commands open one and keep it.
CONN_MAX_AGE_S = 600
SQLITE_TIMEOUT_S = 30

# An SQLite store is checked (PRAGMA quick_check) when a process first opens it, up to this size (≈ 1.5 s);
# bigger ones are trusted rather than make every command wait seconds.
QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024
# pg_advisory_lock key serialising migrations across processes ("wikitall" in ASCII)
PG_MIGRATION_LOCK = 0x77696B6974616C6C

_lock = threading.RLock()
_migrated: set[str] = set()  # aliases migrated (and, for SQLite files, checked) by this process


def database_settings(db: str) -> dict[str, Any]:
    """One DATABASES entry for a file path, `sqlite:///abs/path` or `postgresql://user:pass@host:port/name`."""
    db = db.strip()
    if not db:
        raise StoreError(f"no database given; {HINT}")
    if "://" not in db:
        return _kept_open(_sqlite(db))
    scheme, _, rest = db.partition("://")
    scheme = scheme.lower()
    if scheme == "sqlite":
        if not rest.startswith("/"):
            raise StoreError(f"bad database URL {redact(db)}: use sqlite:///absolute/path; {HINT}")
        return _kept_open(_sqlite(unquote(rest)))
    if scheme in ("postgresql", "postgres"):
        return _kept_open(_postgresql(db))
    raise StoreError(f"bad database URL {redact(db)}: unknown scheme {scheme!r}; {HINT}")


def _kept_open(entry: dict[str, Any]) -> dict[str, Any]:
    """Persistent connections across requests. No CONN_HEALTH_CHECKS: that is one more round trip to the
    database on every request (an anonymous page has one query in all); a connection the server dropped
    (a restart) fails one request of each thread, after which Django replaces it."""
    return {**entry, "CONN_MAX_AGE": CONN_MAX_AGE_S}


def _sqlite(path: str) -> dict[str, Any]:
    name = str(Path(path).expanduser().absolute())
    if _read_only(name):
        # Open it read-only (an archived store, a copy on read-only media): no WAL switch, no write lock at
        # BEGIN. Where the -shm file is missing and can't be made, only immutable=1 lets SQLite read a WAL file.
        shm = Path(f"{name}-shm")
        immutable = not shm.exists() and not os.access(Path(name).parent, os.W_OK)
        return {
            "ENGINE": SQLITE,
            "NAME": f"file:{quote(name)}?mode=ro" + ("&immutable=1" if immutable else ""),
            "OPTIONS": {"timeout": SQLITE_TIMEOUT_S},
            "TEST": {"NAME": name},
        }
    return {
        "ENGINE": SQLITE,
        "NAME": name,
        "OPTIONS": {
            "timeout": SQLITE_TIMEOUT_S,
            # WAL: readers don't block the writer; NORMAL is durable enough under WAL.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            # Take the write lock at BEGIN, so concurrent writers wait (timeout) instead of failing.
            "transaction_mode": "IMMEDIATE",
        },
    }


def _read_only(name: str) -> bool:
    """An existing SQLite file this process may not write (its directory too, for the journal files)."""
    return os.path.isfile(name) and not os.access(name, os.W_OK)


def is_read_only(entry: dict[str, Any]) -> bool:
    """Whether this DATABASES entry was opened read-only (see _sqlite)."""
    return (
        entry.get("ENGINE") == SQLITE
        and str(entry.get("NAME", "")).startswith("file:")
        and ("mode=ro" in str(entry["NAME"]))
    )


def sqlite_path(entry: dict[str, Any]) -> str:
    """The file of an SQLite entry (NAME is a file: URI when it is opened read-only)."""
    name = str(entry["NAME"])
    return str(entry.get("TEST", {}).get("NAME") or name) if name.startswith("file:") else name


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
    from django.db import Error, connections

    entry = database_settings(db)
    existing = False
    if entry["ENGINE"] == SQLITE:
        path = Path(sqlite_path(entry))
        existing = path.is_file() and path.stat().st_size > 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot open database {path}: {e.strerror}; {HINT}") from None
    ensure_django()
    with _lock:
        alias, new = _alias(entry)
        if new:
            _register(alias, entry)
        try:
            connections[alias].ensure_connection()
        except Error as e:
            if new:
                _unregister(alias)
            if "malformed" in str(e):
                raise StoreError(_damaged(sqlite_path(entry), one_line(e))) from None
            raise StoreError(f"cannot open database {redact(db)}: {one_line(e)}; {HINT}") from None
        try:
            if alias not in _migrated:
                if existing and Path(sqlite_path(entry)).stat().st_size <= QUICK_CHECK_MAX_BYTES:
                    _check_integrity(alias, sqlite_path(entry))
                migrate(alias, LABEL)
                _migrated.add(alias)
        except (Error, StoreError) as e:
            if new:
                _unregister(alias)
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot migrate database {redact(db)}: {one_line(e)}") from None
    log.debug("database %s is connection %r", redact(db), alias)
    return alias


def _check_integrity(alias: str, path: str) -> None:
    """StoreError unless SQLite's quick_check finds the file sound: a damaged store is not to be trusted
    (wrong totals, or undecodable text deep inside a report). quick_check reads every page once: 7.5–8.4 s
    for a 2.6 GB file on a busy 2-core machine (≈ 0.3 s per 100 MB); integrity_check, which also
    cross-checks the indexes, took 17.7–19.6 s. It finds damaged pages and records, not a changed value
    inside a sound record (SQLite keeps no checksums)."""
    from django.db import DatabaseError, connections

    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("PRAGMA quick_check(1)")
            found = [str(row[0]) for row in cursor.fetchall()]
    except (DatabaseError, UnicodeDecodeError) as e:
        found = [one_line(e)]
    if found != ["ok"]:
        raise StoreError(_damaged(path, "SQLite quick_check: " + " ".join(found)[:200]))


def _damaged(path: str, why: str) -> str:
    return f"database {path} is damaged ({why}); restore it from a backup, or move it away and collect again"


def migrate(alias: str, app_label: str | None = None) -> None:
    """Apply what is missing of app_label's migrations (all apps' when None) on alias, one process at a
    time: two processes opening a new database must not both create its tables. A database already up to
    date is not written to (nor locked), so a read-only store opens."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    def pending() -> bool:
        executor = MigrationExecutor(connections[alias])
        leaves = executor.loader.graph.leaf_nodes()
        targets = [key for key in leaves if app_label is None or key[0] == app_label]
        return bool(executor.migration_plan(targets))

    if not pending():
        return
    with _migration_lock(alias):
        if pending():  # another process may have migrated while this one waited
            args = [app_label] if app_label else []
            call_command("migrate", *args, database=alias, verbosity=0, interactive=False)


@contextlib.contextmanager
def _migration_lock(alias: str) -> Iterator[None]:
    """An exclusive lock on the database for migrating: PostgreSQL's advisory lock, or for SQLite a lock
    file beside the database, DB.migrating (flock; removed once migrated; where flock is missing, or the
    file can't be made, no lock)."""
    from django.db import connections

    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [PG_MIGRATION_LOCK])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [PG_MIGRATION_LOCK])
        return
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    path = sqlite_path(connection.settings_dict)
    try:
        fd = os.open(f"{path}.migrating", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # a read-only place: the migration itself will say why it can't write
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
        # Migrated: no trace left. A process still waiting on this (now nameless) file, or one making a
        # new one, finds nothing pending when it gets its lock; after a failure the file stays.
        with contextlib.suppress(OSError):
            os.unlink(f"{path}.migrating")
    finally:
        os.close(fd)  # releases the lock


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
