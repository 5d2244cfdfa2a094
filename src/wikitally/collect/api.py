"""A thin, polite MediaWiki Action API session: User-Agent, maxlag, Retry-After, retries, continuation.

`PoliteClient` holds the manners shared with wikitally's other Wikimedia endpoints (the REST pageviews
API): User-Agent, retries with capped backoff, Retry-After, request/byte counts. `ApiSession` adds api.php's
own: maxlag, API error codes, continuation, read-only actions.

Hand-written over httpx rather than mwclient because wikitally needs what mwclient hides: exact request and
byte counts (benchmarks), an injectable transport (the offline demo replays recorded answers through this
very code) and an injectable sleep (tests never wait on real time).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Self, TypeVar
from urllib.parse import urlencode

import httpx

from wikitally import __version__
from wikitally.errors import SourceError

if TYPE_CHECKING:
    from wikitally.collect.addresses import Guard

log = logging.getLogger(__name__)

DEFAULT_CONTACT = "https://github.com/wikitally/wikitally"
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_URL_CHARS = 4000  # longer queries are POSTed (MediaWiki accepts POST for reads)

# Actions that only read: Wikidata's entities are read with wbgetentities, everything else with query.
READ_ACTIONS = frozenset({"query", "wbgetentities"})

Params = Mapping[str, str | int]
T = TypeVar("T")


def user_agent(contact: str) -> str:
    # https://meta.wikimedia.org/wiki/User-Agent_policy: tool/version (contact) library/version
    return f"wikitally/{__version__} ({contact}) httpx/{httpx.__version__}"


@dataclass
class Stats:
    requests: int = 0
    bytes_received: int = 0
    retries: int = 0


class Retry(NamedTuple):
    """One attempt's fault that may pass: wait delay_s, then try again."""

    delay_s: float
    reason: str


class PoliteClient:
    """httpx with wikitally's manners, for any Wikimedia endpoint: a descriptive User-Agent, retries of
    timeouts, connection errors and 5xx with capped backoff, Retry-After honoured on 429/503 (capped),
    request and byte counts. A host that never answered fails on the first connection failure.

    With a `guard` (campaigns defined on the web), every request, redirects included, and every connection
    goes only where the guard allows (collect/addresses.py); a refused one raises AddressError."""

    def __init__(
        self,
        *,
        contact: str = DEFAULT_CONTACT,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
        timeout_s: float = 60.0,
        max_attempts: int = 6,
        max_backoff_s: float = 120.0,
        on_request: Callable[[int], None] | None = None,
        guard: Guard | None = None,
    ) -> None:
        import time

        self.stats = Stats()
        self._sleep = sleep or time.sleep
        self._max_attempts = max_attempts
        self._max_backoff_s = max_backoff_s
        self.on_request = on_request  # called with the running request count (progress bars)
        self._answered = False  # a host that never answered is a wrong address, not a passing fault
        hooks: dict[str, list[Callable[..., Any]]] = {}
        if guard is not None and not guard.off:
            hooks["request"] = [guard.request_hook()]
            transport = transport or guard.transport()
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout_s,
            headers={"User-Agent": user_agent(contact), "Accept-Encoding": "gzip"},
            follow_redirects=True,
            event_hooks=hooks,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_json(self, url: str) -> tuple[int, Any]:
        """GET url with retries: (status, decoded JSON body, or None when a non-200 body isn't JSON).

        A 200 whose body isn't JSON is a fault (retried, then SourceError), never "no data"."""

        def attempt() -> tuple[int, Any] | Retry:
            sent = self._send("GET", url)
            if isinstance(sent, Retry):
                return sent
            try:
                data = json.loads(sent.content)
            except ValueError:
                if sent.status_code == 200:
                    return Retry(self._backoff(), "malformed answer (not JSON)")
                data = None
            self._answered = True
            return sent.status_code, data

        return self._retrying(url, attempt)

    # -- retries ------------------------------------------------------------------------------------
    def _retrying(self, where: str, attempt: Callable[[], T | Retry]) -> T:
        """Call attempt until it gives a result; SourceError after max_attempts (one line)."""
        attempts = 0
        while True:
            attempts += 1
            result = attempt()
            if not isinstance(result, Retry):
                return result
            delay, reason = result
            if not self._answered and reason.startswith(("connection failed", "malformed")):
                raise SourceError(f"{where}: {reason}")
            if attempts >= self._max_attempts:
                raise SourceError(f"{where}: {reason}; gave up after {attempts} attempts")
            self.stats.retries += 1
            log.info("%s: %s; retrying in %.1f s", where, reason, delay)
            self._sleep(delay)

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response | Retry:
        """One request: the response, or Retry for a passing fault (timeout, connection, 429/5xx)."""
        backoff = self._backoff()
        try:
            response = self._client.request(method, url, **kwargs)
            body = response.content
        except httpx.TimeoutException:
            return Retry(backoff, "timed out")
        except httpx.InvalidURL as e:
            raise SourceError(f"{url}: not a usable URL ({e})") from None
        except httpx.TransportError as e:
            return Retry(backoff, f"connection failed ({type(e).__name__})")
        finally:
            self.stats.requests += 1
            if self.on_request:
                self.on_request(self.stats.requests)
        # On the wire (gzip) when a network carried it; the body itself for replayed answers.
        self.stats.bytes_received += response.num_bytes_downloaded or len(body)
        if response.status_code in RETRY_STATUSES:
            return Retry(self._retry_after(response, backoff), f"HTTP {response.status_code}")
        return response

    def _backoff(self) -> float:
        return min(self._max_backoff_s, 2.0 ** (self.stats.retries % 8))

    def _retry_after(self, response: httpx.Response, fallback: float) -> float:
        value = response.headers.get("Retry-After", "")
        try:
            seconds = float(value)
        except ValueError:
            seconds = fallback
        return max(0.0, min(self._max_backoff_s, seconds))


class ApiSession(PoliteClient):
    """One wiki's api.php. Read-only: it never sends an action that writes."""

    def __init__(
        self,
        api_url: str,
        *,
        contact: str = DEFAULT_CONTACT,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
        timeout_s: float = 60.0,
        max_attempts: int = 6,
        max_backoff_s: float = 120.0,
        maxlag_s: int = 5,
        on_request: Callable[[int], None] | None = None,
        guard: Guard | None = None,
    ) -> None:
        super().__init__(
            contact=contact,
            transport=transport,
            sleep=sleep,
            timeout_s=timeout_s,
            max_attempts=max_attempts,
            max_backoff_s=max_backoff_s,
            on_request=on_request,
            guard=guard,
        )
        self.api_url = api_url
        self._maxlag_s = maxlag_s

    # -- one request ------------------------------------------------------------------------------
    def get(self, params: Params) -> dict[str, Any]:
        """One API call with retries; returns the decoded answer or raises SourceError."""
        full = {**params, "format": "json", "formatversion": "2", "maxlag": str(self._maxlag_s)}
        if full.get("action", "query") not in READ_ACTIONS:
            raise SourceError(f"refusing to send action={full.get('action')}: wikitally is read-only here")
        full.setdefault("action", "query")
        query = {k: str(v) for k, v in sorted(full.items())}
        return self._retrying(self.api_url, lambda: self._attempt(query))

    def _attempt(self, query: dict[str, str]) -> dict[str, Any] | Retry:
        if len(self.api_url) + len(urlencode(query)) > MAX_URL_CHARS:
            sent = self._send("POST", self.api_url, data=query)
        else:
            sent = self._send("GET", self.api_url, params=query)
        if isinstance(sent, Retry):
            return sent
        response, backoff = sent, self._backoff()
        if response.status_code != 200:
            raise SourceError(f"{self.api_url}: HTTP {response.status_code}")
        try:
            data = json.loads(response.content)
        except ValueError:
            # A truncated or non-JSON body is a fault, never "no data": retry, then fail.
            return Retry(backoff, "malformed answer (not JSON)")
        if not isinstance(data, dict):
            return Retry(backoff, "malformed answer (not a JSON object)")
        error = data.get("error")
        if error:
            code = error.get("code", "?") if isinstance(error, dict) else "?"
            if code == "maxlag":
                return Retry(self._retry_after(response, max(backoff, 5.0)), "maxlag (replication lag)")
            if code in ("ratelimited", "readonly", "internal_api_error_DBQueryError"):
                return Retry(self._retry_after(response, backoff), f"API error {code}")
            info = error.get("info", "") if isinstance(error, dict) else str(error)
            raise SourceError(f"{self.api_url}: API error {code}: {info}", code=code)
        self._answered = True
        for warning in _warnings(data):
            log.warning("%s: %s", self.api_url, warning)
        return data

    # -- continuation -------------------------------------------------------------------------------
    def query_all(self, params: Params) -> Iterator[dict[str, Any]]:
        """Yield every answer of a query, following `continue` exactly until the API says it is done."""
        cont: dict[str, str] = {}
        while True:
            data = self.get({**params, **cont})
            if "query" not in data and "continue" not in data and "batchcomplete" not in data:
                raise SourceError(f"{self.api_url}: malformed answer (no query, no continue)")
            yield data
            nxt = data.get("continue")
            if not nxt:
                return
            if not isinstance(nxt, dict):
                raise SourceError(f"{self.api_url}: malformed continue {nxt!r}")
            new = {k: str(v) for k, v in nxt.items()}
            if new == cont:
                raise SourceError(f"{self.api_url}: continuation does not advance ({new})")
            cont = new


def _warnings(data: dict[str, Any]) -> Iterator[str]:
    warnings = data.get("warnings")
    if isinstance(warnings, dict):
        for module, w in warnings.items():
            text = w.get("warnings") or w.get("*") if isinstance(w, dict) else w
            yield f"{module}: {text}"
