"""Run a loader on a FIFO and report what it did, without the test hanging when it waits for a writer."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest


def error_from_fifo(load: Callable[[Path], object], fifo: Path) -> BaseException | None:
    """What load(fifo) raised (None: it returned); fails the test if load waited for a writer."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            load(fifo)
            outcome.append(None)
        except BaseException as e:  # the outcome is the test's to judge
            outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=5)
    if thread.is_alive():  # release the reader blocked in open() before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=5)
        pytest.fail(f"{getattr(load, '__name__', load)} waited for a writer on a FIFO")
    (error,) = outcome
    return error
