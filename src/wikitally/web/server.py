"""`wikitally serve`: configure Django from the environment, migrate, run waitress."""

from __future__ import annotations

import os
from typing import Any

from wikitally.errors import UsageError
from wikitally.store import open_store

SETTINGS_MODULE = "wikitally.web.settings"


def application(db: str) -> Any:
    """The migrated WSGI application on db. UsageError/StoreError (one line) when it can't be."""
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    os.environ["WIKITALLY_DB"] = db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    try:
        django.setup()
    except ImproperlyConfigured as e:
        raise UsageError(str(e)) from None
    open_store(db)  # the database answers, its directory exists, wikitally's tables are migrated
    call_command("migrate", verbosity=0, interactive=False)  # the web app's own (auth, sessions, …)
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def serve(app: Any, host: str, port: int, threads: int = 8) -> None:
    """Serve until interrupted."""
    import waitress

    waitress.serve(app, host=host, port=port, threads=threads, ident="wikitally")
