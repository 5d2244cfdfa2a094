"""The current request's deadline, and host lookups bounded by it.

httpx's timeouts are per read: a server sending a byte every few seconds, in its headers or its body,
never trips one. So every connection's network stream asks how much of the current request's deadline
is left and waits at most that long (collect/api.py). The deadline is a context variable set around each
request by PoliteClient._send.

A host name's lookup (getaddrinfo) takes no timeout at all, and a slow or broken resolver can hold a
connection for the resolver's own retries (tens of seconds per name server). `lookup` runs it on a daemon
thread and stops waiting when the deadline passes; the stuck thread ends on its own without holding the
caller (or the interpreter's exit).
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable

DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("wikitally_deadline", default=None)


class DeadlinePassed(Exception):
    """The current request's deadline passed (callers turn it into their layer's timeout)."""


def left(timeout: float | None) -> float | None:
    """How long a step may wait: timeout, capped by what is left of the current request's deadline."""
    deadline = DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlinePassed("the request's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


def lookup(resolve: Callable[[], list[str]], timeout: float | None = None) -> list[str]:
    """resolve() — a host's addresses — waited for at most `left(timeout)`; DeadlinePassed past it.
    Without a deadline or a timeout it runs on the caller's thread, as before."""
    wait = left(timeout)
    if wait is None:
        return resolve()
    found: list[list[str]] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            found.append(resolve())
        except BaseException as e:  # handed to the waiting caller
            failed.append(e)

    worker = threading.Thread(target=run, name="wikitally-lookup", daemon=True)
    worker.start()
    worker.join(wait)
    if worker.is_alive():
        raise DeadlinePassed(f"looking up the host took longer than {wait:.3g} s")
    if failed:
        raise failed[0]
    return found[0]
