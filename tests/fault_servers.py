"""Small misbehaving HTTP servers on 127.0.0.1 for the API client's fault tests (tests/collect/test_api_faults.py).

Each server is a thread answering raw bytes on a socket, so it can do what no polite server does: redirect
in a loop, dribble a byte at a time, answer forever, send a gzip bomb, reset the connection. A scenario is a
function (request number, request) → None that writes to the connection itself; the server counts requests
and closes each connection after its answer. Every scenario ends on its own within a few seconds, so a client
that doesn't give up fails its test instead of hanging it.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    conn: socket.socket

    def send(self, data: bytes) -> bool:
        """Write data; False once the client has gone away."""
        try:
            self.conn.sendall(data)
            return True
        except OSError:
            return False

    def answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        head = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Fault'}", f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        head.append("Connection: close")
        self.send(("\r\n".join(head) + "\r\n\r\n").encode() + body)

    def json(self, data: Any, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.answer(
            status, json.dumps(data).encode(), {"Content-Type": "application/json", **(headers or {})}
        )

    def reset(self) -> None:
        """Close with a TCP reset (SO_LINGER 0), as a crashed proxy does."""
        self.conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.conn.close()


Scenario = Callable[[int, Request], None]


@dataclass
class FaultServer:
    port: int
    requests: list[Request] = field(default_factory=list)

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}/w/api.php"


def _read_request(conn: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {
        k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)
    }
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    url = urlsplit(target)
    params = dict(parse_qsl(url.query)) | dict(parse_qsl(body.decode("latin-1")))
    return Request(method, url.path, params, conn)


@contextmanager
def serving(scenario: Scenario) -> Iterator[FaultServer]:
    """Run scenario for every request on a fresh 127.0.0.1 port until the block ends."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    server = FaultServer(listener.getsockname()[1])
    stop = threading.Event()
    lock = threading.Lock()

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            try:
                request = _read_request(conn)
            except OSError:
                return
            if request is None:
                return
            with lock:
                server.requests.append(request)
                number = len(server.requests)
            with contextlib.suppress(OSError):  # the client went away
                scenario(number, request)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join(5)
        listener.close()


# -- scenarios ------------------------------------------------------------------------------------------


def redirect_loop(number: int, request: Request) -> None:
    request.answer(302, b"", {"Location": f"/w/api.php?hop={number}"})


def dribble(body: bytes, every_s: float, headers_too: bool = False) -> Scenario:
    """Answer body one byte every every_s seconds (the head too, when headers_too)."""

    def scenario(number: int, request: Request) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        if not headers_too:
            request.send(head)
            head = b""
        for i in range(len(head + body)):
            if not request.send((head + body)[i : i + 1]):
                return
            time.sleep(every_s)

    return scenario


def endless_continuation(number: int, request: Request) -> None:
    """A listing whose continuation advances forever, with no rows."""
    request.json(
        {
            "continue": {"rccontinue": f"2024030800000{number}|{number}", "continue": "-||"},
            "query": {"recentchanges": []},
        }
    )


def repeating_continuation(number: int, request: Request) -> None:
    """A continuation that comes back to where it was: A, B, A, B …"""
    token = "A" if number % 2 else "B"
    request.json({"continue": {"rccontinue": token, "continue": "-||"}, "query": {"recentchanges": []}})


def huge_body(size: int, chunked: bool = False) -> Scenario:
    """A 200 answer of `size` bytes of JSON-looking text, with or without a Content-Length."""

    def scenario(number: int, request: Request) -> None:
        piece = b'{"a": "' + b"x" * 65536
        if chunked:
            request.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            sent = 0
            while sent < size and request.send(b"%x\r\n%s\r\n" % (len(piece), piece)):
                sent += len(piece)
            request.send(b"0\r\n\r\n")
            return
        request.send(f"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n".encode())
        sent = 0
        while sent < size and request.send(piece[: size - sent]):
            sent += len(piece)

    return scenario


def gzip_bomb(inflated: int) -> Scenario:
    """A small gzip answer that inflates to `inflated` bytes."""
    bomb = gzip.compress(b"[" + b" " * (inflated - 1), compresslevel=9)

    def scenario(number: int, request: Request) -> None:
        request.answer(200, bomb, {"Content-Encoding": "gzip", "Content-Type": "application/json"})

    return scenario


def script(*steps: Scenario) -> Scenario:
    """The n-th request gets the n-th step (the last one repeats)."""

    def scenario(number: int, request: Request) -> None:
        steps[min(number, len(steps)) - 1](number, request)

    return scenario


def status(code: int, headers: dict[str, str] | None = None) -> Scenario:
    return lambda number, request: request.answer(code, b"<html>busy</html>", headers)


def answer(data: Any, headers: dict[str, str] | None = None) -> Scenario:
    return lambda number, request: request.json(data, headers=headers)


def reset(number: int, request: Request) -> None:
    request.reset()
