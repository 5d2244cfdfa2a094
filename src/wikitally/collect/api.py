"""A thin, polite MediaWiki Action API session: User-Agent, maxlag, Retry-After, retries, continuation.

`PoliteClient` holds the manners shared with wikitally's other Wikimedia endpoints (the REST pageviews
API): User-Agent, retries with capped, jittered backoff counted per call, Retry-After (seconds or a date),
request/byte counts, and `Limits` on every request: a total deadline (enforced on each network read and
write, so a server dribbling bytes is cut off), a decoded-size cap (a gzip bomb is stopped as it inflates),
a redirect cap. `ApiSession` adds api.php's own: maxlag, API error codes, continuation (bounded by what the
wiki can hold, and never coming back to a continuation it gave before), read-only actions. Every fault ends
as one SourceError line starting with the URL asked, which names the wiki.

Hand-written over httpx rather than mwclient because wikitally needs what mwclient hides: exact request and
byte counts (benchmarks), an injectable transport (the offline demo replays recorded answers through this
very code) and an injectable sleep (tests never wait on real time).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import math
import random
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, NamedTuple, Self, TypeVar
from urllib.parse import urlencode

import httpcore
import httpx

from wikitally import __version__, settings
from wikitally.collect.deadline import DEADLINE, DeadlinePassed, left, lookup
from wikitally.errors import SourceError, UsageError

if TYPE_CHECKING:
    import ssl

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


@dataclass(frozen=True)
class Limits:
    """What one request, and one listing, may cost at most: past a limit the request fails (one line)
    instead of hanging or exhausting memory.

    - timeout_s: the longest wait for any one step (connect, each read, each write), httpx's timeout;
    - deadline_s: the longest one request may take in all, headers and body included (a server dribbling a
      byte every few seconds never trips a per-read timeout); a request past it is retried like a timeout;
    - max_body_bytes: the largest answer, counted after decompression (a gzip bomb is stopped as it
      inflates). MediaWiki caps its own answers at $wgAPIMaxResultSize (8 MiB by default), so 64 MiB is
      far above any real answer; a larger one is not retried (it would be as large again);
    - max_redirects: httpx's; a loop of redirects fails at once;
    - min_listing_requests: the least a listing (continuation) is allowed before it fails, whatever the
      wiki's statistics say (see ApiSession.query_all).
    """

    timeout_s: float = 60.0
    deadline_s: float = 60.0
    max_body_bytes: int = 64 * 1024 * 1024
    max_redirects: int = 20
    min_listing_requests: int = 1_000

    @classmethod
    def from_settings(cls, timeout_s: float | None = None) -> Limits:
        """The operator's limits (WIKITALLY_REQUEST_DEADLINE, WIKITALLY_MAX_ANSWER_MB); UsageError naming
        the variable when one is not a positive number. timeout_s, when given, caps each step further."""
        deadline = _positive_setting("request_deadline", "seconds", "120")
        max_mib = _positive_setting("max_answer_mb", "MiB", "128")
        step = deadline if timeout_s is None else min(timeout_s, deadline)
        return cls(timeout_s=step, deadline_s=deadline, max_body_bytes=int(max_mib * 1024 * 1024))


def _positive_setting(name: str, unit: str, example: str) -> float:
    setting = settings.SETTINGS[name]
    text = setting.value().strip()
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise UsageError(
            f"{setting.env}: {text!r} is not a positive number of {unit}; write e.g. {setting.env}={example}"
        )
    return value


@dataclass
class Stats:
    requests: int = 0
    bytes_received: int = 0
    retries: int = 0


class Retry(NamedTuple):
    """One attempt's fault that may pass: try again after delay_s (the server's Retry-After), or, when it
    is None, after the call's own back-off (exponential in this call's attempts, jittered) but at least
    floor_s."""

    delay_s: float | None
    reason: str
    floor_s: float = 0.0


class PoliteClient:
    """httpx with wikitally's manners, for any Wikimedia endpoint: a descriptive User-Agent, retries of
    timeouts, connection errors and 5xx with capped, jittered backoff counted per call, Retry-After (seconds
    or an HTTP date) honoured on 429/503 (capped), each request bounded in time and size (`Limits`), request
    and byte counts. A host that never answered fails on the first connection failure.

    `rng` (the back-off's jitter) and `now` (the clock, for a Retry-After given as a date when the answer has no
    Date header) are parameters, like `sleep`: tests pass seeded or fixed ones.

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
        limits: Limits | None = None,
        rng: random.Random | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.stats = Stats()
        self.limits = limits or Limits.from_settings(timeout_s)
        self._sleep = sleep or time.sleep
        self._rng = rng or random.Random()
        self._now = now or (lambda: datetime.now(UTC))
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
            timeout=min(self.limits.timeout_s, self.limits.deadline_s),
            headers={"User-Agent": user_agent(contact), "Accept-Encoding": "gzip"},
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            event_hooks=hooks,
        )
        _bound_by_deadlines(self._client)

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
                    return Retry(None, "malformed answer (not JSON)")
                data = None
            self._answered = True
            return sent.status_code, data

        return self._retrying(url, attempt)

    # -- retries ------------------------------------------------------------------------------------
    def _retrying(self, where: str, attempt: Callable[[], T | Retry]) -> T:
        """Call attempt until it gives a result; SourceError after max_attempts (one line). The back-off
        counts this call's attempts only: one flaky call doesn't slow the calls after it."""
        attempts = 0
        while True:
            attempts += 1
            result = attempt()
            if not isinstance(result, Retry):
                return result
            if not self._answered and result.reason.startswith(("connection failed", "malformed")):
                raise SourceError(f"{where}: {result.reason}")
            if attempts >= self._max_attempts:
                raise SourceError(f"{where}: {result.reason}; gave up after {attempts} attempts")
            delay = result.delay_s
            if delay is None:
                delay = max(result.floor_s, self._backoff(attempts))
            delay = max(0.0, min(self._max_backoff_s, delay))
            self.stats.retries += 1
            log.info("%s: %s; retrying in %.1f s", where, result.reason, delay)
            self._sleep(delay)

    def _backoff(self, attempts: int) -> float:
        """Seconds to wait after this call's attempts-th failure: 1, 2, 4 … (capped), each scaled by a
        random factor in [0.5, 1) so that clients failing together don't come back together."""
        return min(self._max_backoff_s, 2.0 ** min(attempts - 1, 16)) * (0.5 + self._rng.random() / 2)

    def _retry_after(self, response: httpx.Response) -> float | None:
        """The server's Retry-After in seconds (a number of seconds or an HTTP date), None if absent or
        unreadable. A date is read against the answer's own Date header when it has one (no clock skew)."""
        value = response.headers.get("Retry-After", "").strip()
        if not value:
            return None
        try:
            seconds = float(value)
        except ValueError:
            when = _http_date(value)
            if when is None:
                return None
            now = _http_date(response.headers.get("Date", "")) or self._now()
            seconds = (when - now).total_seconds()
        if not math.isfinite(seconds):
            return None
        return max(0.0, min(self._max_backoff_s, seconds))

    # -- one request --------------------------------------------------------------------------------
    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response | Retry:
        """One request: the response (its body read, within Limits), or Retry for a passing fault
        (timeout, deadline, connection, 429/5xx). SourceError for what retrying can't mend."""
        limits = self.limits
        deadline = time.monotonic() + limits.deadline_s
        token = DEADLINE.set(deadline)
        try:
            with self._client.stream(method, url, **kwargs) as streamed:
                body = _read_bounded(streamed, url, limits.max_body_bytes, deadline)
                if body is None:
                    return Retry(None, f"took longer than {limits.deadline_s:g} s")
                self.stats.bytes_received += streamed.num_bytes_downloaded or len(body)
        except httpx.TimeoutException:
            if time.monotonic() >= deadline:
                return Retry(None, f"took longer than {limits.deadline_s:g} s")
            return Retry(None, "timed out")
        except httpx.TooManyRedirects:
            raise SourceError(
                f"{url}: more than {limits.max_redirects} redirects (a redirect loop?)"
            ) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
            raise SourceError(f"{url}: not a usable URL ({one_line(e)})") from None
        except httpx.DecodingError:
            return Retry(None, "malformed answer (its compression is broken)")
        except httpx.TransportError as e:
            return Retry(None, f"connection failed ({type(e).__name__})")
        except httpx.HTTPError as e:  # whatever else httpx raises: one line, never a traceback
            raise SourceError(f"{url}: {type(e).__name__} ({one_line(e)})") from None
        finally:
            DEADLINE.reset(token)
            self.stats.requests += 1
            if self.on_request:
                self.on_request(self.stats.requests)
        response = httpx.Response(
            streamed.status_code,
            headers=[(k, v) for k, v in streamed.headers.multi_items() if k.lower() not in _BODY_HEADERS],
            content=body,
            request=streamed.request,
        )
        if response.status_code in RETRY_STATUSES:
            return Retry(self._retry_after(response), f"HTTP {response.status_code}")
        return response


# The read body replaces the streamed one, so headers describing the bytes on the wire go.
_BODY_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _read_bounded(streamed: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes | None:
    """The decoded body, or None when the deadline passed while reading it. SourceError past max_bytes,
    checked as it inflates (httpx decodes each network read of at most 64 KiB on its own)."""
    declared = streamed.headers.get("Content-Length", "")
    if declared.isdigit() and "content-encoding" not in streamed.headers and int(declared) > max_bytes:
        raise _too_large(url, max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in streamed.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        chunks.append(chunk)
        if time.monotonic() > deadline:
            return None
    return b"".join(chunks)


def _too_large(url: str, max_bytes: int) -> SourceError:
    return SourceError(f"{url}: the answer is larger than {max_bytes / 1024 / 1024:g} MiB; refused")


def _http_date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def one_line(value: object, limit: int = 200) -> str:
    """What a server sent (or an error about it), fit for a one-line message: whitespace runs become one
    space, other control characters are escaped (no terminal escape sequence gets through), at most `limit`
    characters (cut with "…")."""
    text = " ".join(str(value).split())
    text = "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the deadline, enforced on every network read and write (collect/deadline.py says why) -----------


def _left(timeout: float | None) -> float | None:
    try:
        return left(timeout)
    except DeadlinePassed:
        raise httpcore.ReadTimeout("the request's deadline passed") from None


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, _left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self.inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if not isinstance(self.inner, httpcore.SyncBackend) or _is_address(host):
            # The address guard's backend looks the host up itself, within the deadline too.
            stream = self.inner.connect_tcp(host, port, _left(timeout), local_address, socket_options)
            return _DeadlineStream(stream)
        from wikitally.collect.addresses import system_resolver

        try:
            addresses = lookup(lambda: system_resolver(host, port), timeout)
        except DeadlinePassed as e:
            raise httpcore.ConnectTimeout(str(e)) from None
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        failed: httpcore.ConnectError | None = None
        for address in addresses:  # in getaddrinfo's order, as socket.create_connection tries them
            try:
                stream = self.inner.connect_tcp(address, port, _left(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
            except httpcore.ConnectError as e:
                failed = e
        assert failed is not None
        raise failed

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.connect_unix_socket(path, _left(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def _bound_by_deadlines(client: httpx.Client) -> None:
    """Put _DeadlineBackend under the connection pools of the client's httpx transports (its own, the
    guard's, an environment proxy's). httpx has no public way to reach a pool's network backend (as for
    addresses._CheckedTransport); the fault-server tests dribble bytes through real sockets, so an httpx
    that moves it fails the tests, not a server. Other transports (the demo's replay, tests' mocks) have
    no network: their body is still read within the deadline."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]


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
        limits: Limits | None = None,
        rng: random.Random | None = None,
        now: Callable[[], datetime] | None = None,
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
            limits=limits,
            rng=rng,
            now=now,
        )
        self.api_url = api_url
        self._maxlag_s = maxlag_s
        # Until the wiki's statistics are known (bound_listings), a listing may make this many requests.
        self.max_listing_requests = self.limits.min_listing_requests
        self._wiki_rows: int | None = None

    def bound_listings(self, rows: int, rows_per_request: int) -> None:
        """Bound each listing by what the wiki can hold: `rows` at most (from its statistics), read
        `rows_per_request` a request, and never fewer requests than Limits.min_listing_requests."""
        self._wiki_rows = max(0, rows)
        needed = math.ceil(self._wiki_rows / max(1, rows_per_request)) + 1
        self.max_listing_requests = max(self.limits.min_listing_requests, needed)

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
        response = sent
        if response.status_code != 200:
            raise SourceError(f"{self.api_url}: HTTP {response.status_code}")
        try:
            data = json.loads(response.content)
        except ValueError:
            # A truncated or non-JSON body is a fault, never "no data": retry, then fail.
            return Retry(None, "malformed answer (not JSON)")
        if not isinstance(data, dict):
            return Retry(None, "malformed answer (not a JSON object)")
        error = data.get("error")
        if error:
            code = error.get("code", "?") if isinstance(error, dict) else "?"
            if code == "maxlag":
                return Retry(self._retry_after(response), "maxlag (replication lag)", floor_s=5.0)
            if code in ("ratelimited", "readonly", "internal_api_error_DBQueryError"):
                return Retry(self._retry_after(response), f"API error {code}")
            info = error.get("info", "") if isinstance(error, dict) else error
            raise SourceError(
                f"{self.api_url}: API error {one_line(str(code))}: {one_line(str(info))}", code=str(code)
            )
        self._answered = True
        for warning in _warnings(data):
            log.warning("%s: %s", self.api_url, warning)
        return data

    # -- continuation -------------------------------------------------------------------------------
    def query_all(self, params: Params, first: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Yield every answer of a query, following `continue` exactly until the API says it is done.

        `first`: the query's first answer when it was already read (carried by another request). A
        continuation that comes back to one it gave before, or a listing longer than the wiki can hold
        (max_listing_requests, see bound_listings), is a SourceError: a wiki answering "continue" forever
        must not keep a collection busy forever."""
        cont: dict[str, str] = {}
        seen: set[int] = set()  # hashes of the continuations given so far: a long listing stays small
        requests = 0
        while True:
            if first is not None:
                data, first = first, None
            else:
                if requests >= self.max_listing_requests:
                    raise SourceError(self._too_long(requests))
                data = self.get({**params, **cont})
            requests += 1
            if "query" not in data and "continue" not in data and "batchcomplete" not in data:
                raise SourceError(f"{self.api_url}: malformed answer (no query, no continue)")
            yield data
            nxt = data.get("continue")
            if not nxt:
                return
            if not isinstance(nxt, dict):
                raise SourceError(f"{self.api_url}: malformed continue {one_line(repr(nxt))}")
            new = {str(k): str(v) for k, v in nxt.items()}
            key = hash(frozenset(new.items()))
            if new == cont or key in seen:
                raise SourceError(f"{self.api_url}: continuation does not advance ({one_line(str(new))})")
            seen.add(key)
            cont = new

    def _too_long(self, requests: int) -> str:
        held = self._wiki_rows
        why = "" if held is None else f", more than the {held:,} rows this wiki can hold"
        return f"{self.api_url}: a listing still continues after {requests:,} requests{why}; stopped"


def _warnings(data: dict[str, Any]) -> Iterator[str]:
    warnings = data.get("warnings")
    if isinstance(warnings, dict):
        for module, w in warnings.items():
            text = w.get("warnings") or w.get("*") if isinstance(w, dict) else w
            yield one_line(f"{module}: {text}", 500)
