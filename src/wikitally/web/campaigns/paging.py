"""Pages of the API's lists: `?limit=N` (at most MAX_LIMIT) and `?cursor=…`, the opaque `next` of the page
before.

A cursor is the sort key of the last item given (keyset pagination), not an offset: a campaign created, or a
participant who appears, while a client pages through never shifts the items it has yet to read (nothing is
given twice, nothing read skipped). It is base64url JSON signed with the site's key, so a client cannot
forge keys the server would trust as its own (it could only ask for what it may see anyway), and a
malformed one is a 400 (`bad_cursor`), not a 500.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.http import HttpRequest

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
_SALT = "wikitally.api.cursor"


class PagingError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Request:
    limit: int
    after: list[Any] | None  # the sort key of the last item given; None: from the first


def read(request: HttpRequest, kind: str) -> Request:
    """The page asked for; PagingError (code bad_limit or bad_cursor) when it can't be understood. kind
    names the list, so a cursor of one list is refused by another."""
    text = request.GET.get("limit", "")
    if text:
        if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
            raise PagingError("bad_limit", f"limit must be a whole number from 1 to {MAX_LIMIT}")
        limit = int(text)
    else:
        limit = DEFAULT_LIMIT
    cursor = request.GET.get("cursor", "")
    if not cursor:
        return Request(limit, None)
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        signed = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
        data = json.loads(signing.Signer(salt=_SALT).unsign(signed))
    except (ValueError, UnicodeError, signing.BadSignature):
        raise PagingError("bad_cursor", "cursor is not one this API gave; start again without it") from None
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("a"), list):
        raise PagingError("bad_cursor", "cursor belongs to another list; start again without it")
    return Request(limit, data["a"])


def cursor(kind: str, after: Sequence[Any]) -> str:
    """The opaque cursor of the page after the item whose sort key is `after`."""
    signed = signing.Signer(salt=_SALT).sign(json.dumps({"k": kind, "a": list(after)}, separators=(",", ":")))
    return base64.urlsafe_b64encode(signed.encode("utf-8")).decode("ascii").rstrip("=")


def next_url(request: HttpRequest, next_cursor: str | None) -> str | None:
    """The absolute address of the next page (same query, the new cursor); None on the last page."""
    if next_cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = next_cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
