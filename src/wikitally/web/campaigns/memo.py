"""A small process-local cache of Python objects: bounded, with a time to live, safe across threads.

Django's default cache (LocMemCache) pickles every value on `set` and unpickles it on every `get`: for a
big campaign's report data or a rendered page that is milliseconds per request (bench/README, "Web app under
load"). The values kept here are immutable (frozen report data, strings, bytes), so sharing them between a
process's threads needs no copy. Every process keeps its own; keys carry the figures' version, so a new
collection or campaign file is a new key and old entries simply age out.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

_ALL: weakref.WeakSet[Memo] = weakref.WeakSet()


def clear_all() -> None:
    """Empty every Memo of this process (tests; nothing in the app needs it)."""
    for memo in _ALL:
        memo.clear()


class Memo:
    def __init__(self, max_items: int, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        _ALL.add(self)
        self.max_items = max_items
        self.ttl_s = ttl_s
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._making: set[str] = set()  # keys some thread is making again (get_or_make)
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            expires, value = found
            if expires <= self._clock():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return value

    def get_or_make(self, key: str, make: Callable[[], Any]) -> Any:
        """The fresh value, else make() it. While one thread makes an expired value again, the others get
        the expired one instead of all making it at once (a page that expires under a crowd)."""
        with self._lock:
            found = self._items.get(key)
            now = self._clock()
            if found is not None and found[0] > now:
                self._items.move_to_end(key)
                return found[1]
            if found is not None and key in self._making:
                return found[1]  # stale, for a moment
            self._making.add(key)
        try:
            value = make()
            self.set(key, value)
            return value
        finally:
            with self._lock:
                self._making.discard(key)

    def set(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = (self._clock() + self.ttl_s, value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
