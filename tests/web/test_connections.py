"""Requests keep their thread's database connection for the next one (store/db.py, CONN_MAX_AGE): opening a
PostgreSQL connection per request (a server process forked and authenticated) was what made an anonymous
page served from memory take 16.7 ms instead of ≈ 1 ms under gunicorn (bench/README.md)."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest


def _wsgi_get(handler: Any, path: str) -> str:
    """One GET through the whole WSGI stack, as gunicorn calls it (request_started/finished included)."""
    statuses: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    body = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()  # request_finished: where Django closes connections older than CONN_MAX_AGE
    return statuses[0]


@pytest.mark.parametrize("path", ["/c/no-such-campaign/", "/api/campaigns/no-such-campaign/"])
def test_requests_reuse_the_database_connection(web_database: str, path: str) -> None:
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connections
    from django.db.backends.signals import connection_created

    connections["default"].close()
    opened: list[str] = []

    def count(sender: Any, connection: Any, **kwargs: Any) -> None:
        opened.append(connection.alias)

    connection_created.connect(count)
    try:
        handler = WSGIHandler()
        statuses = [_wsgi_get(handler, path) for _ in range(5)]
    finally:
        connection_created.disconnect(count)
    assert statuses == ["404 Not Found"] * 5  # each asked the database (the version check, the view)
    assert opened == ["default"]  # one connection for all five, not one each
