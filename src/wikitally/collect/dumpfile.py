"""Open a dump file whatever its compression, told by its first bytes (not its name), as a byte stream.

bz2 is the floor of a dump's speed: a decompressor in its own process (lbzip2, else bzip2) runs on
another core while Python parses; Python's bz2 is the fallback. 7z needs Debian's p7zip-full (`7z`).
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from wikitally.errors import SourceError, UsageError

MAGIC = {b"BZh": "bz2", b"\x1f\x8b": "gz", b"7z\xbc\xaf\x27\x1c": "7z"}
PIPE_BUFFER = 1 << 20


def compression(path: Path) -> str:
    """ "bz2", "gz", "7z" or "xml" (anything else: read as it is, and judged by its content)."""
    with open(path, "rb") as f:
        head = f.read(6)
    for magic, kind in MAGIC.items():
        if head.startswith(magic):
            return kind
    return "xml"


def decompressor(kind: str, threads: int = 1) -> list[str] | None:
    """The command that writes the decompressed file to stdout, or None to decompress in Python."""
    if kind == "bz2":
        if shutil.which("lbzip2"):
            return ["lbzip2", f"-n{max(1, threads)}", "-dc"]
        if shutil.which("bzip2"):
            return ["bzip2", "-dc"]
        return None
    if kind == "gz":
        return ["gzip", "-dc"] if shutil.which("gzip") else None
    if kind == "7z":
        if not shutil.which("7z"):
            raise UsageError(
                "7z dumps need the 7z command: install Debian's p7zip-full (apt-get install p7zip-full)"
            )
        return ["7z", "x", "-so", "-bd"]
    return None


def missing_tools() -> list[str]:
    """Debian packages that would make reading dumps faster or possible."""
    return [pkg for cmd, pkg in (("lbzip2", "lbzip2"), ("7z", "p7zip-full")) if not shutil.which(cmd)]


@contextlib.contextmanager
def open_dump(path: Path, threads: int = 1) -> Iterator[BinaryIO]:
    """The decompressed bytes of `path`. A decompressor that fails is a SourceError naming the file."""
    kind = compression(path)
    command = decompressor(kind, threads)
    if command is None:
        f: Any
        if kind == "bz2":
            f = bz2.open(path, "rb")  # noqa: SIM115 - closed below
        elif kind == "gz":
            f = gzip.open(path, "rb")  # noqa: SIM115 - closed below
        else:
            f = open(path, "rb")  # noqa: SIM115 - closed below
        with f:
            yield f
        return
    proc = subprocess.Popen(
        [*command, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        bufsize=PIPE_BUFFER,
    )
    assert proc.stdout is not None and proc.stderr is not None
    finished = False
    try:
        yield proc.stdout  # type: ignore[misc]
        finished = True
    finally:
        if finished and proc.stdout.read(1):
            finished = False  # the reader stopped before the end (a hand-over): the rest is not wanted
        if not finished and proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        err = proc.stderr.read().decode(errors="replace").strip()
        proc.stderr.close()
        code = proc.wait()
        # A failed decompressor explains a parse error better than the parse error does (a truncated file).
        if code not in (0, -9):
            last = err.splitlines()[-1] if err else f"exit code {code}"
            raise SourceError(f"{path}: {command[0]} could not read it ({last}); is the file complete?")
