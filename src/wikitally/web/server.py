"""`wikitally serve` and `migrate`: configure Django from the environment, migrate, run waitress (and the
refresh worker). Under gunicorn, wsgi.py configures Django the same way and migrates nothing."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from typing import Any

from wikitally.errors import StoreError, UsageError
from wikitally.store import Store, open_store

log = logging.getLogger(__name__)

SETTINGS_MODULE = "wikitally.web.settings"
WORKER_STOP_S = 60.0  # how long a stopping server waits for the worker's current campaign
# The proxy headers waitress takes from WIKITALLY_TRUSTED_PROXY: the scheme (secure cookies, the OAuth
# callback, CSRF's origin check), the client's address and the public host name.
PROXY_HEADERS = "x-forwarded-proto x-forwarded-for x-forwarded-host"


def configure(db: str, host: str | None = None) -> None:
    """Django set up with the web app's settings (read from the environment) and its database on db; host
    is the address `serve` listens on (None for commands that serve nothing).

    Without WIKITALLY_SECRET_KEY, the key kept in the data directory (launch.secret_key), unless others
    can reach the server. UsageError (one line) when the settings can't be read or are refused."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    from wikitally.store.db import database_settings
    from wikitally.web import launch

    database_settings(db)  # a malformed --db is said first (StoreError), before any key file is made
    launch.check_dev(os.environ, host)
    launch.CURRENT.host = host
    launch.CURRENT.secret_key = launch.secret_key(os.environ, host, db)
    os.environ["WIKITALLY_DB"] = db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    try:
        django.setup()
    except ImproperlyConfigured as e:
        raise UsageError(str(e)) from None


def migrate(db: str, host: str | None = None) -> None:
    """The release step: wikitally's tables and the web app's (auth, sessions, admin …) migrated on db.
    Safe to repeat: an up-to-date database is left as it is."""
    from django.db import DEFAULT_DB_ALIAS, Error

    from wikitally.store.db import migrate as migrate_locked
    from wikitally.store.db import one_line, redact

    configure(db, host)
    open_store(db)  # the database answers, its directory exists, wikitally's tables are migrated
    try:
        migrate_locked(DEFAULT_DB_ALIAS)  # the web app's own (auth, sessions, …), one process at a time
    except Error as e:
        raise StoreError(f"cannot migrate {redact(db)}: {one_line(e)}") from None


def check_migrated(db: str) -> None:
    """Django configured on db, whose tables must all be migrated already (UsageError otherwise): for
    commands that use the web app's tables without being the release step."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    configure(db)
    open_store(db)  # the database answers; wikitally's own tables are migrated as by every command
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise UsageError(
            "the web app's tables are not migrated; run `wikitally migrate` with this --db first"
        )


def application(db: str, host: str | None = None) -> Any:
    """The migrated WSGI application on db, to be served on host. UsageError/StoreError (one line) when it
    can't be."""
    migrate(db, host)
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def start_worker(db: str, owner: str | None = None) -> WorkerThread:
    """The refresh worker (services/refresh.py) on db, running in a background thread of this process."""
    thread = WorkerThread(open_store(db), owner or f"{socket.gethostname()}:{os.getpid()}:serve")
    thread.start()
    return thread


class WorkerThread(threading.Thread):
    """`wikitally worker` inside `serve`: the same passes, stopped (after the current campaign) with the server."""

    def __init__(self, store: Store, owner: str) -> None:
        super().__init__(name="wikitally-worker", daemon=True)
        self.store, self.owner = store, owner
        self.stopping = threading.Event()

    def run(self) -> None:
        from django.db import connections

        from wikitally import settings
        from wikitally.collect.api import PoliteClient
        from wikitally.services import collection, refresh

        contact = settings.get("contact")
        worker = refresh.Worker(
            self.store,
            self.owner,
            sessions=collection.session_factory(contact),
            views_client=lambda: PoliteClient(contact=contact),
            sleep=self.stopping.wait,
            on_result=_log_result,
        )
        try:
            worker.run(self.stopping.is_set)
        except Exception:  # never silently: the pages would go stale
            log.exception("the refresh worker stopped")
        finally:
            connections.close_all()  # this thread's connections

    def stop(self, timeout_s: float = WORKER_STOP_S) -> None:
        """Ask it to stop after the current campaign and wait up to timeout_s (its lease expires otherwise)."""
        self.stopping.set()
        self.join(timeout_s)
        if self.is_alive():
            log.warning("the refresh worker is still busy; its campaign's lease will run out")


def _log_result(result: Any) -> None:
    if result.status == "failed":
        log.warning("refresh of %s failed: %s", result.slug, result.error)
    else:
        log.info("refresh of %s: %s", result.slug, result.status)


def proxy_options() -> dict[str, Any]:
    """waitress's options for WIKITALLY_TRUSTED_PROXY: the X-Forwarded-* headers believed from that address
    (one proxy in front), dropped from any other; nothing when it is not set."""
    from django.conf import settings

    if not settings.TRUSTED_PROXY:
        if settings.HTTPS:
            log.warning(
                "WIKITALLY_HTTPS=1 without WIKITALLY_TRUSTED_PROXY: waitress drops the proxy's "
                "X-Forwarded-Proto, so sign-in and forms fail; set it to the proxy's address"
            )
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": PROXY_HEADERS,
        "clear_untrusted_proxy_headers": True,
    }


def serve(app: Any, host: str, port: int, threads: int = 8, worker: WorkerThread | None = None) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM); then stop the worker after its current campaign."""
    import waitress

    def terminate(signum: int, frame: Any) -> None:
        raise SystemExit(0)  # waitress closes its sockets on SystemExit and returns

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="wikitally", **proxy_options())
    finally:
        signal.signal(signal.SIGTERM, previous)
        if worker is not None:
            worker.stop()
