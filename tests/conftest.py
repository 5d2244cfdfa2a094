"""Shared fixtures: two real local wikis for @pytest.mark.wiki tests; no network for all other tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from wikis import LocalWiki, WikiSpec, WikiUnavailable, free_port, start_wikis

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(scope="session")
def local_wikis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalWiki, LocalWiki]]:
    """Two fresh wikis (new directories every session), started in parallel, stopped at the end."""
    base = tmp_path_factory.mktemp("wikis")
    specs = [
        WikiSpec(base / "a", free_port(8181), "a.wiki.test", "wiki_a"),
        WikiSpec(base / "b", free_port(8182), "b.wiki.test", "wiki_b"),
    ]
    try:
        a, b = start_wikis(specs)
    except WikiUnavailable as e:
        pytest.skip(str(e))
    yield a, b
    a.stop()
    b.stop()


@pytest.fixture(scope="session")
def wiki_a(local_wikis: tuple[LocalWiki, LocalWiki]) -> LocalWiki:
    return local_wikis[0]


@pytest.fixture(scope="session")
def wiki_b(local_wikis: tuple[LocalWiki, LocalWiki]) -> LocalWiki:
    return local_wikis[1]


@pytest.fixture(autouse=True)
def _english_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI says campaign file errors in the user's language (WIKITALLY_LANG, LANG …): tests read English
    unless they ask for another language, whatever the machine's locale."""
    monkeypatch.setenv("WIKITALLY_LANG", "en")


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside wiki/postgres tests, sockets may only connect to loopback or unix sockets, and names resolve
    only when they are addresses (127.1, ::1) or localhost: any other name resolves to nothing, as offline."""
    if request.node.get_closest_marker("wiki") or request.node.get_closest_marker("postgres"):
        return
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def allowed(sock: socket.socket, address: Any) -> bool:
        return sock.family == socket.AF_UNIX or (isinstance(address, tuple) and address[0] in _LOOPBACK)

    def connect(sock: socket.socket, address: Any) -> None:
        if not allowed(sock, address):
            raise ConnectionRefusedError(f"network blocked in unit tests (connect to {address!r})")
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        if not allowed(sock, address):
            raise ConnectionRefusedError(f"network blocked in unit tests (connect to {address!r})")
        return real_connect_ex(sock, address)

    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(
        host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0
    ) -> Any:
        if host is None or host in _LOOPBACK:
            return real_getaddrinfo(host, port, family, type, proto, flags)
        try:
            return real_getaddrinfo(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        except socket.gaierror:
            raise socket.gaierror(
                socket.EAI_NONAME, f"name resolution blocked in unit tests ({host!r})"
            ) from None

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
