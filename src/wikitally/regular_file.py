"""Read a user-named file safely: only a regular file, and only up to a size limit.

A wrong path must not hang or exhaust the tool: a FIFO would block open() until a writer comes, a device such
as /dev/zero never ends, and a multi-gigabyte file would be read whole. Every file a user names (campaign
files, newsletter issues and their stories) is read through here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(Exception):
    """The path names a directory, FIFO, socket or device."""


class FileTooLarge(Exception):
    """The file is larger than the limit given."""


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Raises OSError (the file can't be opened or read), NotRegularFile or FileTooLarge. Opened without blocking
    and checked before reading; at most limit + 1 bytes are read, in case the file grows meanwhile.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except ValueError as e:  # a NUL in the path
        raise OSError(0, str(e)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(str(path))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise FileTooLarge(str(path))
    return b"".join(chunks)
