"""A local stand-in for a wiki's OAuth 2.0 provider (Extension:OAuth, `rest.php/oauth2/…`), for the client's
tests: the production client talks to it over real HTTP on 127.0.0.1.

It speaks what MediaWiki's endpoints speak (league/oauth2-server underneath):

- GET  authorize: response_type=code, client_id, redirect_uri, state, code_challenge(_method); the consent
  is simulated (`consent = True`: the user approves as `profile`), then a 302 back to redirect_uri with
  code and state, or with error=access_denied, error_description, hint, message and state.
- POST access_token (form): grant_type=authorization_code, code, redirect_uri, client_id, client_secret,
  code_verifier. Checks the client and its secret (401 invalid_client), the code (400 invalid_grant when
  unknown, expired, used or another client's), the redirect_uri (400 invalid_request) and PKCE (400
  invalid_request without a verifier, invalid_grant when it doesn't match the challenge). Answers
  {"token_type": "Bearer", "expires_in", "access_token", "refresh_token"}.
- GET  resource/profile with `Authorization: Bearer …`: the profile's JSON, or 401 access_denied.

Errors are league's JSON: {"error", "error_description", "hint", "message"}. `answer_next(endpoint, …)`
queues a canned answer (a 500 page, a 503 …) that endpoint gives before its normal ones. Every request is
kept in `seen`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

BASE_PATH = "/w/rest.php/oauth2"
CODE_TTL_S = 600  # league's default authorization code lifetime is ten minutes
TOKEN_TTL_S = 14400
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")

StartResponse = Callable[..., Any]


def default_profile() -> dict[str, Any]:
    return {
        "sub": 48151623,
        "username": "Vyolltsa",
        "editcount": 1342,
        "confirmed_email": True,
        "blocked": False,
        "registered": "20180214093000",
        "groups": ["*", "user", "autoconfirmed"],
        "rights": ["read", "edit", "createpage"],
        "grants": ["mwoauth-authonly"],
    }


@dataclass
class Seen:
    method: str
    endpoint: str  # "authorize", "access_token", "resource/profile"
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]  # lower-case names


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    challenge: str
    method: str
    profile: dict[str, Any]
    expires: float
    used: bool = False


@dataclass
class _Canned:
    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]]


@dataclass
class StandInProvider:
    client_id: str = "wikitally-test-client"
    client_secret: str = "wikitally-test-secret-5c2f"
    redirect_uris: tuple[str, ...] = ()  # registered callbacks; empty: any http(s) URL
    profile: dict[str, Any] = field(default_factory=default_profile)
    consent: bool = True
    now: Callable[[], float] = time.time
    seen: list[Seen] = field(default_factory=list)
    _codes: dict[str, _Code] = field(default_factory=dict)
    _tokens: dict[str, tuple[dict[str, Any], float]] = field(default_factory=dict)
    _canned: dict[str, list[_Canned]] = field(default_factory=dict)
    _server: WSGIServer | None = None
    _thread: threading.Thread | None = None

    # -- running ------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() it first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{BASE_PATH}"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    def start(self) -> StandInProvider:
        self._server = make_server("127.0.0.1", 0, self.app, handler_class=_Quiet)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="oauth-stand-in",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # -- what tests change ----------------------------------------------------------------------------
    def answer_next(
        self,
        endpoint: str,
        status: int,
        body: bytes | str | dict[str, Any] = b"",
        *,
        headers: Iterable[tuple[str, str]] = (),
        times: int = 1,
    ) -> None:
        """The next `times` requests to endpoint get this answer instead of the normal one."""
        if isinstance(body, dict):
            raw, content_type = json.dumps(body).encode(), "application/json"
        else:
            raw = body.encode() if isinstance(body, str) else body
            content_type = "text/html; charset=utf-8"
        canned = _Canned(status, raw, content_type, list(headers))
        self._canned.setdefault(endpoint, []).extend([canned] * times)

    def expire_codes(self) -> None:
        for code in self._codes.values():
            code.expires = self.now() - 1

    def revoke_tokens(self) -> None:
        self._tokens.clear()

    def requests_to(self, endpoint: str) -> list[Seen]:
        return [s for s in self.seen if s.endpoint == endpoint]

    # -- the WSGI application -------------------------------------------------------------------------
    def app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterator[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"]
        endpoint = path.removeprefix(BASE_PATH + "/") if path.startswith(BASE_PATH + "/") else ""
        query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        form: dict[str, str] = {}
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length).decode("utf-8")
            if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
                form = dict(parse_qsl(body, keep_blank_values=True))
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        self.seen.append(Seen(method, endpoint, query, form, headers))
        canned = self._canned.get(endpoint)
        if canned:
            answer = canned.pop(0)
            start_response(
                f"{answer.status} {_REASONS.get(answer.status, 'Status')}",
                [("Content-Type", answer.content_type), *answer.headers],
            )
            return iter([answer.body])
        if endpoint == "authorize" and method == "GET":
            status, out_headers, body_out = self._authorize(query)
        elif endpoint == "access_token" and method == "POST":
            status, out_headers, body_out = self._access_token(environ.get("CONTENT_TYPE", ""), form)
        elif endpoint == "resource/profile" and method == "GET":
            status, out_headers, body_out = self._profile(headers.get("authorization", ""))
        else:
            status, out_headers, body_out = _error(404, "not_found", "No such endpoint", "")
        start_response(f"{status} {_REASONS.get(status, 'Status')}", out_headers)
        return iter([body_out])

    def _authorize(self, query: dict[str, str]) -> tuple[int, list[tuple[str, str]], bytes]:
        if query.get("response_type") != "code":
            return _error(400, "unsupported_grant_type", "The authorization grant type is not supported.", "")
        if query.get("client_id") != self.client_id:
            return _error(401, "invalid_client", "Client authentication failed", "")
        redirect_uri = query.get("redirect_uri", "")
        if not redirect_uri.startswith(("http://", "https://")) or (
            self.redirect_uris and redirect_uri not in self.redirect_uris
        ):
            return _error(401, "invalid_client", "Client authentication failed", "redirect_uri mismatch")
        method = query.get("code_challenge_method", "plain")
        challenge = query.get("code_challenge", "")
        if challenge and method not in ("plain", "S256"):
            return _error(
                400,
                "invalid_request",
                "The request is missing a required parameter, includes an invalid parameter value, "
                "includes a parameter more than once, or is otherwise malformed.",
                "Code challenge method must be one of `plain` or `S256`",
            )
        state = query.get("state")
        if not self.consent:
            params = {
                "error": "access_denied",
                "error_description": "The resource owner or authorization server denied the request.",
                "hint": "The user denied the request",
                "message": "The resource owner or authorization server denied the request.",
            }
        else:
            code = secrets.token_urlsafe(24)
            self._codes[code] = _Code(
                client_id=self.client_id,
                redirect_uri=redirect_uri,
                challenge=challenge,
                method=method,
                profile=dict(self.profile),
                expires=self.now() + CODE_TTL_S,
            )
            params = {"code": code}
        if state is not None:
            params["state"] = state
        return 302, [("Location", _with_query(redirect_uri, params))], b""

    def _access_token(
        self, content_type: str, form: dict[str, str]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        if not content_type.startswith("application/x-www-form-urlencoded"):
            return _error(415, "invalid_request", "Unsupported Content-Type", "")
        if form.get("grant_type") != "authorization_code":
            return _error(400, "unsupported_grant_type", "The authorization grant type is not supported.", "")
        if form.get("client_id") != self.client_id or not secrets.compare_digest(
            form.get("client_secret", ""), self.client_secret
        ):
            return _error(401, "invalid_client", "Client authentication failed", "")
        code = self._codes.get(form.get("code", ""))
        if code is None:
            return _error(400, "invalid_grant", _INVALID_GRANT, "Cannot decrypt the authorization code")
        if code.used:
            return _error(400, "invalid_grant", _INVALID_GRANT, "Authorization code has been revoked")
        if code.expires < self.now():
            return _error(400, "invalid_grant", _INVALID_GRANT, "Authorization code has expired")
        if code.client_id != form.get("client_id"):
            return _error(
                400, "invalid_grant", _INVALID_GRANT, "Authorization code was not issued to this client"
            )
        if form.get("redirect_uri", "") != code.redirect_uri:
            return _error(400, "invalid_request", _INVALID_REQUEST, "Invalid redirect URI")
        if code.challenge:
            verifier = form.get("code_verifier", "")
            if not verifier:
                return _error(400, "invalid_request", _INVALID_REQUEST, "Check the `code_verifier` parameter")
            if not _VERIFIER.fullmatch(verifier):
                return _error(
                    400,
                    "invalid_request",
                    _INVALID_REQUEST,
                    "Code Verifier must follow the specifications of RFC-7636.",
                )
            expected = _s256(verifier) if code.method == "S256" else verifier
            if not secrets.compare_digest(expected, code.challenge):
                return _error(400, "invalid_grant", _INVALID_GRANT, "Failed to verify `code_verifier`.")
        code.used = True
        token = secrets.token_urlsafe(32)
        self._tokens[token] = (code.profile, self.now() + TOKEN_TTL_S)
        answer = {
            "token_type": "Bearer",
            "expires_in": TOKEN_TTL_S,
            "access_token": token,
            "refresh_token": secrets.token_urlsafe(32),
        }
        return 200, [("Content-Type", "application/json")], json.dumps(answer).encode()

    def _profile(self, authorization: str) -> tuple[int, list[tuple[str, str]], bytes]:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return _error(401, "access_denied", _ACCESS_DENIED, 'Missing "Authorization" header')
        found = self._tokens.get(token)
        if found is None or found[1] < self.now():
            return _error(401, "access_denied", _ACCESS_DENIED, "Access token could not be verified")
        return 200, [("Content-Type", "application/json")], json.dumps(found[0]).encode()


_INVALID_GRANT = (
    "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh "
    "token is invalid, expired, revoked, does not match the redirection URI used in the authorization "
    "request, or was issued to another client."
)
_INVALID_REQUEST = (
    "The request is missing a required parameter, includes an invalid parameter value, includes a "
    "parameter more than once, or is otherwise malformed."
)
_ACCESS_DENIED = "The resource owner or authorization server denied the request."
_REASONS = {
    200: "OK",
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def _error(status: int, error: str, description: str, hint: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """league/oauth2-server's error body: the error type, its generic description, the specific hint."""
    body: dict[str, str] = {"error": error, "error_description": description, "message": description}
    if hint:
        body["hint"] = hint
    return status, [("Content-Type", "application/json")], json.dumps(body).encode()


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{urlencode(params)}" if parts.query else urlencode(params)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # no request lines on stderr
        pass
