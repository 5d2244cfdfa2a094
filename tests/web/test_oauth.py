"""Signing in with a Wikimedia account: the production client against a local OAuth 2.0 provider stand-in
(tests/oauth_provider.py) that speaks MediaWiki's rest.php/oauth2 endpoints over real HTTP."""

from __future__ import annotations

import os
import re
import runpy
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from oauth_provider import StandInProvider
from webseed import PASSWORD, assert_inert, csrf_post, log_in, text_of, user

import wikitally.web.settings
from wikitally.store.models import WikiAccount
from wikitally.web.accounts import oauth
from wikitally.web.accounts.views import SESSION_KEY

SETTINGS_FILE = wikitally.web.settings.__file__


@pytest.fixture
def provider() -> Iterator[StandInProvider]:
    stand_in = StandInProvider().start()
    yield stand_in
    stand_in.stop()


@pytest.fixture
def configured(provider: StandInProvider) -> Iterator[StandInProvider]:
    """The site's settings pointing at the stand-in, as WIKITALLY_OAUTH_* would."""
    with override_settings(
        OAUTH_URL=provider.base_url,
        OAUTH_CLIENT_ID=provider.client_id,
        OAUTH_CLIENT_SECRET=provider.client_secret,
    ):
        yield provider


def go_to_wiki(client: Client, next_url: str = "/") -> str:
    """Start signing in; the authorize URL the browser is sent to."""
    response = client.get("/accounts/oauth/start/", {"next": next_url})
    assert response.status_code == 302
    return str(response["Location"])


def consent(authorize_url: str) -> str:
    """The browser at the wiki: it approves and is sent back; the site's callback path and query."""
    back = httpx.get(authorize_url, follow_redirects=False)
    assert back.status_code == 302, back.text
    parts = urlsplit(back.headers["location"])
    assert parts.path == "/accounts/oauth/callback/"
    return f"{parts.path}?{parts.query}"


def sign_in(client: Client, next_url: str = "/") -> Any:
    return client.get(consent(go_to_wiki(client, next_url)))


def failure(response: Any) -> str:
    """The failure page's one line (and no traceback anywhere)."""
    html = response.content.decode()
    assert "Traceback" not in html and "Exception" not in html
    match = re.search(r'<p class="note" role="alert" id="message">(.*?)</p>', html, re.S)
    assert match, html
    assert "\n" not in match.group(1)
    assert_inert(html)
    return text_of(match.group(1))


def signed_in_as(client: Client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return None if user_id is None else User.objects.get(pk=user_id).username


def with_query(path_and_query: str, **changes: str) -> str:
    path, _, query = path_and_query.partition("?")
    params = {k: v[0] for k, v in parse_qs(query).items()}
    params.update(changes)
    return path + "?" + "&".join(f"{k}={v}" for k, v in params.items())


# -- the flow


def test_signing_in_makes_the_user_and_its_wiki_account(client: Client, configured) -> None:
    response = sign_in(client, "/c/wikigap/")
    assert response.status_code == 302 and response["Location"] == "/c/wikigap/"
    account = WikiAccount.objects.get()
    assert (account.username, account.sub, account.provider) == ("Vyolltsa", "48151623", configured.host)
    assert account.user.username == "Vyolltsa" and not account.user.has_usable_password()
    assert signed_in_as(client) == "Vyolltsa"
    page = client.get("/").content.decode()
    assert "Signed in as Vyolltsa." in text_of(page) and 'action="/accounts/logout/"' in page


def test_the_client_sends_pkce_s256_its_secret_and_a_user_agent(client: Client, configured) -> None:
    authorize_url = go_to_wiki(client)
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith(configured.base_url + "/authorize?")
    assert query["response_type"] == ["code"] and query["client_id"] == [configured.client_id]
    assert query["code_challenge_method"] == ["S256"] and len(query["state"][0]) >= 43
    assert query["redirect_uri"] == ["http://testserver/accounts/oauth/callback/"]
    assert configured.client_secret not in authorize_url  # the secret never goes through the browser
    client.get(consent(authorize_url))
    (token,) = configured.requests_to("access_token")
    assert token.method == "POST" and token.form["client_secret"] == configured.client_secret
    assert oauth.s256(token.form["code_verifier"]) == query["code_challenge"][0]
    assert token.form["redirect_uri"] == query["redirect_uri"][0]
    (profile,) = configured.requests_to("resource/profile")
    for seen in (token, profile):
        assert seen.headers["user-agent"].startswith("wikitally/")
    assert profile.headers["authorization"].startswith("Bearer ")


def test_signing_in_again_is_the_same_user_and_follows_a_rename(client: Client, configured) -> None:
    sign_in(client)
    first = User.objects.get(username="Vyolltsa")
    client.post("/accounts/logout/", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert signed_in_as(client) is None
    configured.profile["username"] = "Vyolltsa Rozafa"  # renamed on the wikis; same central id
    sign_in(client)
    assert signed_in_as(client) == "Vyolltsa" and User.objects.count() == 1
    assert WikiAccount.objects.get(user=first).username == "Vyolltsa Rozafa"


def test_a_local_account_of_the_same_name_is_never_taken_over(client: Client, configured) -> None:
    local = user("Vyolltsa")
    sign_in(client)
    assert signed_in_as(client) == "Vyolltsa~2"
    assert not WikiAccount.objects.filter(user=local).exists()


def test_a_signed_in_local_account_gets_its_wiki_identity(client: Client, configured) -> None:
    admin = user("site-admin")
    log_in(client, "site-admin")
    sign_in(client)
    assert WikiAccount.objects.get().user == admin and signed_in_as(client) == "site-admin"


def test_the_profile_username_is_normalised(client: Client, configured) -> None:
    configured.profile["username"] = "example_user"
    sign_in(client)
    assert WikiAccount.objects.get().username == "Example user"


def test_next_never_leaves_the_site(client: Client, configured) -> None:
    response = sign_in(client, "https://evil.example/steal")
    assert response.status_code == 302 and response["Location"] == "/"


def test_several_tabs_may_sign_in_at_once(client: Client, configured) -> None:
    first, second = go_to_wiki(client, "/one/"), go_to_wiki(client, "/two/")
    assert client.get(consent(first))["Location"] == "/one/"
    assert len(client.session[SESSION_KEY]) == 1  # the other tab's sign-in is still pending
    assert client.get(consent(second))["Location"] == "/two/"
    assert client.session[SESSION_KEY] == {} and WikiAccount.objects.count() == 1


# -- the state


def test_a_wrong_state_is_refused_before_anything_is_sent(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    response = client.get(with_query(callback, state="forged-" + "x" * 40))
    assert response.status_code == 400
    assert failure(response) == (
        "This sign-in was not started in this browser, or was already used. Start it again."
    )
    assert configured.requests_to("access_token") == [] and signed_in_as(client) is None
    assert client.get(callback).status_code == 302  # the real sign-in is still this browser's


def test_a_missing_state_is_refused(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    path, _, query = callback.partition("?")
    code = parse_qs(query)["code"][0]
    assert client.get(f"{path}?code={code}").status_code == 400


def test_a_replayed_callback_is_refused(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    assert client.get(callback).status_code == 302
    replay = client.get(callback)
    assert replay.status_code == 400 and "already used" in failure(replay)
    assert len(configured.requests_to("access_token")) == 1


def test_another_browser_cannot_finish_my_sign_in(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    attacker = Client(enforce_csrf_checks=True)
    response = attacker.get(callback)
    assert response.status_code == 400 and signed_in_as(attacker) is None
    assert configured.requests_to("access_token") == []


def test_a_sign_in_left_too_long_is_refused(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    session = client.session
    pending = session[SESSION_KEY]
    for entry in pending.values():
        entry["started"] = time.time() - oauth.PENDING_TTL_S - 1
    session[SESSION_KEY] = pending
    session.save()
    response = client.get(callback)
    assert response.status_code == 400 and failure(response) == "This sign-in took too long. Start it again."


# -- the provider says no


def test_a_wrong_pkce_verifier_is_refused_by_the_provider(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    session = client.session
    pending = session[SESSION_KEY]
    for entry in pending.values():
        entry["verifier"] = oauth.begin(oauth.Provider("http://x", "c", "s"), "http://x", "/")[0].verifier
    session[SESSION_KEY] = pending
    session.save()
    response = client.get(callback)
    assert response.status_code == 400
    assert failure(response) == f"{configured.host} did not sign you in: Failed to verify `code_verifier`."
    assert signed_in_as(client) is None and not WikiAccount.objects.exists()


def test_an_expired_code_is_refused(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    configured.expire_codes()
    response = client.get(callback)
    assert response.status_code == 400
    assert failure(response) == f"{configured.host} did not sign you in: Authorization code has expired"


def test_a_used_code_is_refused(configured) -> None:
    found = oauth.Provider(configured.base_url, configured.client_id, configured.client_secret)
    pending, url = oauth.begin(found, "http://testserver/accounts/oauth/callback/", "/")
    code = parse_qs(urlsplit(consent(url)).query)["code"][0]
    with oauth.OAuthClient(found) as session:
        assert session.profile(session.access_token(code, pending)).username == "Vyolltsa"
        with pytest.raises(
            oauth.OAuthError, match=r"refused the sign-in: Authorization code has been revoked$"
        ):
            session.access_token(code, pending)


def test_the_user_declining_on_the_wiki(client: Client, configured) -> None:
    configured.consent = False
    response = client.get(consent(go_to_wiki(client)))
    assert response.status_code == 400
    assert failure(response) == f"{configured.host} did not sign you in: The user denied the request"
    assert configured.requests_to("access_token") == []


def test_a_wrong_client_secret(client: Client, configured) -> None:
    with override_settings(OAUTH_CLIENT_SECRET="not-the-secret"):
        response = sign_in(client)
    assert response.status_code == 400
    assert failure(response) == f"{configured.host} did not sign you in: Client authentication failed"


def test_a_hidden_account_has_no_username(client: Client, configured) -> None:
    configured.profile = {"sub": 99, "blocked": True}  # what a suppressed user's profile holds
    response = sign_in(client)
    assert response.status_code == 400 and "this account has no public username" in failure(response)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("endpoint", "status", "body", "expected"),
    [
        ("access_token", 500, "<html><body>Internal error\n<pre>stack</pre></body></html>", "(HTTP 500)"),
        ("access_token", 404, "<html><body>Not here</body></html>", "HTTP 404, not JSON"),
        ("access_token", 503, "", "HTTP 503"),
        ("resource/profile", 503, "", "HTTP 503; gave up after 3 attempts"),
        (
            "resource/profile",
            401,
            {"error": "access_denied", "hint": "Access token could not be verified"},
            "",
        ),
        ("access_token", 200, {"token_type": "Bearer"}, "an answer without an access token"),
        ("resource/profile", 200, {"username": "Nobody"}, "a profile without a user id (sub)"),
    ],
)
def test_provider_errors_are_one_line_without_traceback(
    client: Client, configured, endpoint: str, status: int, body: Any, expected: str
) -> None:
    times = 3 if status == 503 and endpoint == "resource/profile" else 1
    configured.answer_next(endpoint, status, body, headers=[("Retry-After", "0")], times=times)
    response = sign_in(client)
    line = failure(response)
    assert response.status_code in (400, 502) and line.startswith(configured.host)
    assert expected in line or (status == 401 and "Access token could not be verified" in line)
    assert signed_in_as(client) is None


def test_an_unreachable_provider(client: Client, configured) -> None:
    callback = consent(go_to_wiki(client))
    configured.stop()
    response = client.get(callback)
    assert response.status_code == 502
    assert failure(response).startswith(f"{configured.host} could not be reached (connection failed")


# -- configuration, local accounts, logging out


def test_without_a_client_the_sign_in_page_says_so(client: Client) -> None:
    with override_settings(OAUTH_CLIENT_ID="", OAUTH_CLIENT_SECRET=""):
        page = client.get("/accounts/login/")
        assert "isn't configured on this site" in text_of(page.content)
        assert 'id="sign-in-wikimedia"' not in page.content.decode()
        started = client.get("/accounts/oauth/start/", {"next": "/c/x/"})
    assert started.status_code == 302 and started["Location"].startswith("/accounts/login/")


def test_the_sign_in_page_offers_the_wiki(client: Client, configured) -> None:
    html = client.get("/accounts/login/?next=/c/wikigap/").content.decode()
    assert f"Sign in with your Wikimedia account ({configured.host})" in text_of(html)
    assert 'href="/accounts/oauth/start/?next=%2Fc%2Fwikigap%2F"' in html
    assert 'name="password"' not in html  # no local accounts outside development
    assert_inert(html)


def test_passwords_sign_in_only_in_development(client: Client) -> None:
    user("organizer")
    # (outside development the page has no form, so no CSRF token to send: a client that skips the check)
    refused = Client().post("/accounts/login/", {"username": "organizer", "password": PASSWORD})
    assert refused.status_code == 405 and signed_in_as(client) is None
    with override_settings(DEV=True):
        page = client.get("/accounts/login/").content.decode()
        assert 'name="password"' in page and "Local account" in text_of(page)
        done = csrf_post(
            client, "/accounts/login/", {"username": "organizer", "password": PASSWORD, "next": "/c/new/"}
        )
    assert done.status_code == 302 and done["Location"] == "/c/new/" and signed_in_as(client) == "organizer"


def test_the_admin_signs_in_with_the_wiki_outside_development(client: Client) -> None:
    response = client.get("/admin/login/", {"next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    user("someone")
    log_in(client, "someone")
    assert client.get("/admin/login/", {"next": "/admin/"}).status_code == 403
    staff = user("staff")
    staff.is_staff = True
    staff.save()
    log_in(client, "staff")
    assert client.get("/admin/login/", {"next": "/admin/"})["Location"] == "/admin/"
    with override_settings(DEV=True):
        assert Client().get("/admin/login/").status_code == 200  # Django's own form, in development


def test_logging_out_is_a_post_with_its_csrf_token(client: Client, configured) -> None:
    sign_in(client)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 403  # no token
    assert signed_in_as(client) == "Vyolltsa"
    response = csrf_post(client, "/accounts/logout/", {}, page="/")
    assert response.status_code == 302 and signed_in_as(client) is None


def test_oauth_settings_come_from_the_environment_only(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in [n for n in os.environ if n.startswith("WIKITALLY_OAUTH_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("WIKITALLY_SECRET_KEY", "s3cret")
    monkeypatch.setenv("WIKITALLY_DB", str(tmp_path / "x.sqlite3"))
    default = runpy.run_path(SETTINGS_FILE)
    assert default["OAUTH_URL"] == "https://meta.wikimedia.org/w/rest.php/oauth2"
    assert default["OAUTH_CLIENT_ID"] == default["OAUTH_CLIENT_SECRET"] == ""
    monkeypatch.setenv("WIKITALLY_OAUTH_URL", "https://wiki.example.org/w/rest.php/oauth2")
    monkeypatch.setenv("WIKITALLY_OAUTH_CLIENT_ID", "abc")
    monkeypatch.setenv("WIKITALLY_OAUTH_CLIENT_SECRET", "def")
    chosen = runpy.run_path(SETTINGS_FILE)
    assert (chosen["OAUTH_URL"], chosen["OAUTH_CLIENT_ID"], chosen["OAUTH_CLIENT_SECRET"]) == (
        "https://wiki.example.org/w/rest.php/oauth2",
        "abc",
        "def",
    )
    assert "wikitally.web.accounts" in chosen["INSTALLED_APPS"]
    found = oauth.Provider(chosen["OAUTH_URL"], "abc", "def")
    assert found.host == "wiki.example.org" and "def" not in repr(found)


# -- the pure parts


def test_s256_is_rfc_7636s() -> None:
    # RFC 7636, appendix B
    assert (
        oauth.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )


def test_every_sign_in_has_its_own_state_and_verifier() -> None:
    found = oauth.Provider("https://meta.wikimedia.org/w/rest.php/oauth2", "id", "secret")
    (a, url_a), (b, _) = (oauth.begin(found, "https://x/cb", "/") for _ in range(2))
    assert a.state != b.state and a.verifier != b.verifier
    assert 43 <= len(a.verifier) <= 128 and re.fullmatch(r"[A-Za-z0-9_-]+", a.verifier)
    assert a.verifier not in url_a and oauth.s256(a.verifier) in url_a


def test_pending_sign_ins_per_session_are_bounded() -> None:
    found = oauth.Provider("https://meta.wikimedia.org/w/rest.php/oauth2", "id", "secret")
    stored: dict[str, Any] = {}
    clock = iter(range(100))
    for _ in range(oauth.MAX_PENDING + 3):
        pending, _ = oauth.begin(found, "https://x/cb", "/", now=lambda: float(next(clock)))
        stored = oauth.remember(stored, pending)
    assert len(stored) == oauth.MAX_PENDING and pending.state in stored


def test_a_profile_needs_a_sub_and_a_username() -> None:
    found = oauth.Provider("https://meta.wikimedia.org/w/rest.php/oauth2", "id", "secret")
    profile = oauth.parse_profile(found, {"sub": 12, "username": "ana_b", "blocked": False})
    assert profile == oauth.Profile(sub="12", username="Ana b", blocked=False)
    for bad in (None, [], {"username": "X"}, {"sub": 1}, {"sub": 1, "username": "a|b"}):
        with pytest.raises(oauth.OAuthError):
            oauth.parse_profile(found, bad)
