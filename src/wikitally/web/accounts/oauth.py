"""MediaWiki OAuth 2.0, the client side: the authorization-code flow with PKCE (S256) and a state.

Extension:OAuth serves OAuth 2.0 under the wiki's REST API (on Wikimedia wikis
`https://meta.wikimedia.org/w/rest.php/oauth2`):

- `authorize` (GET, the user's browser): response_type=code, client_id, redirect_uri, state, code_challenge,
  code_challenge_method=S256; after the user's consent the wiki redirects to redirect_uri with `code` and
  `state`, or with `error` (access_denied …), `error_description`, `hint` and `state`.
- `access_token` (POST, application/x-www-form-urlencoded): grant_type=authorization_code, code,
  redirect_uri, client_id, client_secret, code_verifier → `{"token_type": "Bearer", "access_token": …,
  "expires_in": …, "refresh_token": …}`; a refusal is `{"error": "invalid_grant", "error_description": …,
  "hint": …}` with HTTP 400 or 401 (league/oauth2-server's errors: the hint says what was wrong).
- `resource/profile` (GET, `Authorization: Bearer …`) → `{"sub": central user id, "username": …,
  "editcount": …, "confirmed_email": …, "blocked": …, "registered": …, "groups": […], "rights": […],
  "grants": […]}`; a hidden (suppressed) user's profile has `sub` and `blocked` only.

No Django here: the views keep the pending sign-in in the session and make the site's user. Requests go
through PoliteClient (wikitally's User-Agent, retries); the code exchange is sent once (a code is
single-use, a retry could only be refused).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from wikitally.collect.api import DEFAULT_CONTACT, PoliteClient, Retry
from wikitally.errors import SourceError, WikitallyError
from wikitally.usernames import normalize_username, username_problem

DEFAULT_URL = "https://meta.wikimedia.org/w/rest.php/oauth2"
PENDING_TTL_S = 600  # a sign-in not finished within ten minutes is started again
MAX_PENDING = 5  # sign-ins started in one session (several tabs) and not yet finished
_SPACE = re.compile(r"\s+")


class OAuthError(WikitallyError):
    """A sign-in that didn't work, as one line. kind: "state" (not this browser's sign-in, or already
    used), "expired", "refused" (the provider said no), "unreachable" (no usable answer), "malformed"."""

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.detail = detail or message  # what went wrong, without who said so


@dataclass(frozen=True)
class Provider:
    """Where the wiki's OAuth 2.0 endpoints are and who this site is to it (from the environment)."""

    base_url: str
    client_id: str
    client_secret: str = field(repr=False)

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.client_id and self.client_secret)

    @property
    def host(self) -> str:
        """The provider wiki's host (meta.wikimedia.org): a WikiAccount's `provider`."""
        return urlsplit(self.base_url).netloc

    def endpoint(self, name: str) -> str:
        return f"{self.base_url.rstrip('/')}/{name}"


@dataclass(frozen=True)
class Profile:
    sub: str  # the provider's stable (central) user id
    username: str  # normalised as MediaWiki does
    blocked: bool


@dataclass(frozen=True)
class Pending:
    """A sign-in started in this browser: kept in its session until the provider sends the user back."""

    state: str
    verifier: str  # PKCE code_verifier; only its S256 challenge left the site
    redirect_uri: str
    next_url: str
    started: float  # time.time()

    def as_json(self) -> dict[str, Any]:
        return {
            "verifier": self.verifier,
            "redirect_uri": self.redirect_uri,
            "next_url": self.next_url,
            "started": self.started,
        }


def s256(verifier: str) -> str:
    """PKCE's S256 code_challenge: BASE64URL(SHA256(verifier)) without padding (RFC 7636, 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def begin(
    provider: Provider, redirect_uri: str, next_url: str, now: Callable[[], float] = time.time
) -> tuple[Pending, str]:
    """A new sign-in: its random state and PKCE verifier, and the provider's authorize URL to send the
    browser to."""
    pending = Pending(
        state=secrets.token_urlsafe(32),
        verifier=secrets.token_urlsafe(64),  # 86 characters of [A-Za-z0-9_-]: RFC 7636 wants 43-128
        redirect_uri=redirect_uri,
        next_url=next_url,
        started=now(),
    )
    query = urlencode(
        {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": redirect_uri,
            "state": pending.state,
            "code_challenge": s256(pending.verifier),
            "code_challenge_method": "S256",
        }
    )
    return pending, f"{provider.endpoint('authorize')}?{query}"


def remember(stored: Mapping[str, Any] | None, pending: Pending) -> dict[str, Any]:
    """The session's pending sign-ins with this one added (the oldest dropped beyond MAX_PENDING)."""
    kept = dict(stored or {})
    kept[pending.state] = pending.as_json()
    while len(kept) > MAX_PENDING:
        oldest = min(kept, key=lambda state: float(kept[state].get("started", 0)))
        del kept[oldest]
    return kept


def take(
    entry: Any,
    params: Mapping[str, str],
    provider: Provider,
    now: Callable[[], float] = time.time,
) -> tuple[Pending, str]:
    """Check the provider's redirect back against the pending sign-in its state named (entry: what the
    session held under that state, already removed from it, so that a replay finds nothing): (the pending
    sign-in, the code).

    OAuthError "state" when there is no such pending sign-in here (another browser's, or used), "expired"
    when it is too old, "refused" when the provider sent an error instead of a code."""
    state = params.get("state", "")
    if not state or not isinstance(entry, dict):
        detail = "this sign-in was not started in this browser, or was already used"
        raise OAuthError("state", detail, detail)
    pending = Pending(
        state=state,
        verifier=str(entry["verifier"]),
        redirect_uri=str(entry["redirect_uri"]),
        next_url=str(entry["next_url"]),
        started=float(entry["started"]),
    )
    if now() - pending.started > PENDING_TTL_S:
        raise OAuthError("expired", "this sign-in took too long", "this sign-in took too long")
    if params.get("error"):
        detail = one_line(params.get("hint") or params.get("error_description") or params["error"])
        raise OAuthError("refused", f"{provider.host} did not sign you in: {detail}", detail)
    code = params.get("code", "")
    if not code:
        detail = "no authorization code"
        raise OAuthError("malformed", f"{provider.host} sent the user back with {detail}", detail)
    return pending, code


class OAuthClient(PoliteClient):
    """The server-side half: the code for a token, the token for the user's profile."""

    def __init__(
        self,
        provider: Provider,
        *,
        contact: str = DEFAULT_CONTACT,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
        timeout_s: float = 20.0,
        max_attempts: int = 3,
        max_backoff_s: float = 5.0,
    ) -> None:
        super().__init__(
            contact=contact,
            transport=transport,
            sleep=sleep,
            timeout_s=timeout_s,
            max_attempts=max_attempts,
            max_backoff_s=max_backoff_s,
        )
        self.provider = provider

    def access_token(self, code: str, pending: Pending) -> str:
        """Trade the code for an access token, proving with the PKCE verifier who started the sign-in."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": pending.redirect_uri,
            "client_id": self.provider.client_id,
            "client_secret": self.provider.client_secret,
            "code_verifier": pending.verifier,
        }
        try:
            sent = self._send("POST", self.provider.endpoint("access_token"), data=form)
        except SourceError as e:  # not a usable URL
            raise OAuthError("unreachable", str(e), "not a usable URL") from e
        if isinstance(sent, Retry):
            raise OAuthError(
                "unreachable", f"{self.provider.host} did not answer the sign-in ({sent.reason})", sent.reason
            )
        data = self._json(sent)
        if sent.status_code != 200:
            raise self._refusal(sent.status_code, data)
        token = data.get("access_token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            detail = "an answer without an access token"
            raise OAuthError("malformed", f"{self.provider.host} sent {detail}", detail)
        return token

    def profile(self, access_token: str) -> Profile:
        """The signed-in user's profile (resource/profile): who they are on the wikis."""
        url = self.provider.endpoint("resource/profile")
        headers = {"Authorization": f"Bearer {access_token}"}

        def attempt() -> tuple[int, Any] | Retry:
            sent = self._send("GET", url, headers=headers)
            if isinstance(sent, Retry):
                return sent
            self._answered = True
            return sent.status_code, self._json(sent)

        try:
            status, data = self._retrying(url, attempt)
        except SourceError as e:
            detail = str(e).removeprefix(f"{url}: ")
            raise OAuthError(
                "unreachable", f"{self.provider.host} did not give the profile ({detail})", detail
            ) from e
        if status != 200:
            raise self._refusal(status, data)
        return parse_profile(self.provider, data)

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        try:
            return json.loads(response.content)
        except ValueError:
            return None

    def _refusal(self, status: int, data: Any) -> OAuthError:
        if not isinstance(data, dict):
            detail = f"HTTP {status}, not JSON"
            return OAuthError("unreachable", f"{self.provider.host} answered {detail}", detail)
        # league/oauth2-server: a generic error_description, the specific reason in `hint`.
        text = (
            data.get("hint") or data.get("error_description") or data.get("message") or data.get("error")
        ) or f"HTTP {status}"
        detail = one_line(str(text))
        return OAuthError("refused", f"{self.provider.host} refused the sign-in: {detail}", detail)


def parse_profile(provider: Provider, data: Any) -> Profile:
    if not isinstance(data, dict) or data.get("sub") in (None, ""):
        detail = "a profile without a user id (sub)"
        raise OAuthError("malformed", f"{provider.host} sent {detail}", detail)
    username = data.get("username")
    if not isinstance(username, str) or not username.strip():
        detail = "this account has no public username"
        raise OAuthError("refused", f"{provider.host} refused the sign-in: {detail}", detail)
    name = normalize_username(username)
    problem = username_problem(name)
    if problem:
        detail = f"the username {name!r} {problem}"
        raise OAuthError("malformed", f"{provider.host} sent {detail}", detail)
    return Profile(sub=str(data["sub"]), username=name, blocked=data.get("blocked") is True)


def one_line(text: str, limit: int = 300) -> str:
    """Provider text as one line of at most `limit` characters."""
    flat = _SPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
