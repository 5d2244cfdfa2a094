"""Record real API answers, and replay them through the same ApiSession code (the offline demo, tests).

A recording maps a canonical request (API URL + sorted parameters, without `maxlag`) to the exact body the
wiki sent. `public` renames API URLs while recording, so answers recorded from a local MediaWiki can stand
for the domains a demo campaign names.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from wikitally.errors import SourceError

VOLATILE = {"maxlag"}


def canonical(request: httpx.Request, public: dict[str, str] | None = None) -> str:
    url = urlsplit(str(request.url))
    base = f"{url.scheme}://{url.netloc}{url.path}"
    base = (public or {}).get(base, base)
    params = parse_qsl(url.query, keep_blank_values=True)
    if request.method == "POST":
        params += parse_qsl(request.content.decode("utf-8"), keep_blank_values=True)
    return f"{base}?{urlencode(sorted(p for p in params if p[0] not in VOLATILE))}"


class RecordingTransport(httpx.BaseTransport):
    def __init__(self, public: dict[str, str] | None = None) -> None:
        self._inner = httpx.HTTPTransport()
        self.public = public or {}
        self.answers: dict[str, Any] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        body = response.read()
        if response.status_code == 200:
            # Not JSON: not worth replaying (the session reports it as malformed). First answer wins:
            # a repeated request (a refresh's siteinfo) replays the first clock.
            with contextlib.suppress(ValueError):
                self.answers.setdefault(canonical(request, self.public), json.loads(body))
        # The body is already decoded: pass it on without the wire's Content-Encoding.
        return httpx.Response(
            response.status_code, headers={"Content-Type": "application/json"}, content=body
        )

    def save(self, path: Path, meta: dict[str, Any]) -> None:
        path.write_text(
            json.dumps({"meta": meta, "answers": self.answers}, ensure_ascii=False, indent=1, sort_keys=True)
            + "\n",
            encoding="utf-8",
        )


class ReplayTransport(httpx.BaseTransport):
    """Answers only recorded requests; anything else is an error naming the request."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.unmatched: list[str] = []

    @classmethod
    def from_file(cls, path: Path) -> ReplayTransport:
        return cls(json.loads(path.read_text(encoding="utf-8"))["answers"])

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key = canonical(request)
        if key not in self.answers:
            self.unmatched.append(key)
            raise SourceError(f"not in the recording: {key} (re-record with scripts/record_demo.py)")
        body = json.dumps(self.answers[key], ensure_ascii=False).encode("utf-8")
        return httpx.Response(200, headers={"Content-Type": "application/json"}, content=body)
