"""Signing in and out: MediaWiki OAuth 2.0 (oauth.py); local accounts' password form when they are on
(settings.LOCAL_ACCOUNTS: `serve` on loopback, WIKITALLY_DEV=1 or WIKITALLY_LOCAL_ACCOUNTS=1) and one exists
(`wikitally local-account`, local_accounts.py). Wrong passwords are counted per account in the database.

The flow: /accounts/oauth/start/ keeps a random state and a PKCE verifier in the session and sends the
browser to the wiki's authorize page; the wiki sends it back to /accounts/oauth/callback/ with a code and
the state. The state must be one this session started and not yet used (else 400, one line); the code is
traded for a token (with the client secret and the verifier), the token for the user's profile, both
through PoliteClient. The profile's `sub` finds or makes the site's user and its WikiAccount.
"""

from __future__ import annotations

import logging
import math
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe

from wikitally import settings as wikitally_settings
from wikitally.store.models import WikiAccount
from wikitally.web.accounts import local_accounts, oauth
from wikitally.web.campaigns.ui import UI, request_translator
from wikitally.web.campaigns.views_errors import error_page

log = logging.getLogger(__name__)

SESSION_KEY = "wikitally_oauth"  # state → pending sign-in (oauth.Pending.as_json)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# OAuthError.kind → (the page's message, HTTP status)
FAILURES = {
    "state": ("ERROR_STATE", 400),
    "expired": ("ERROR_EXPIRED", 400),
    "refused": ("ERROR_REFUSED", 400),
    "malformed": ("ERROR_MALFORMED", 502),
    "unreachable": ("ERROR_UNREACHABLE", 502),
}


def provider() -> oauth.Provider:
    """The OAuth provider of the settings (WIKITALLY_OAUTH_URL, _CLIENT_ID, _CLIENT_SECRET)."""
    return oauth.Provider(settings.OAUTH_URL, settings.OAUTH_CLIENT_ID, settings.OAUTH_CLIENT_SECRET)


def client(found: oauth.Provider) -> oauth.OAuthClient:
    return oauth.OAuthClient(found, contact=wikitally_settings.get("contact"))


def _next(request: HttpRequest) -> str:
    """Where to go after signing in: ?next= when it is on this site, else the front page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _message_page(request: HttpRequest, title: str, message: str, status: int, **extra: Any) -> HttpResponse:
    context = {"title": title, "message": message, **extra}
    return render(request, "campaigns/message.html", context, status=status)


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """The sign-in page: the Wikimedia button, and the local password form when local accounts are on and
    one exists."""
    next_url = _next(request)
    t = request_translator(request)
    ui = UI(t)
    form = None
    enabled = local_accounts.enabled()
    if enabled and local_accounts.exist():
        form = AuthenticationForm(request, data=request.POST if request.method == "POST" else None)
        if request.method == "POST":
            wait = local_accounts.refused(request.POST.get("username", ""))
            if wait:
                minutes = t.number(math.ceil(wait / 60))
                message = ui["ERROR_LOGIN_LIMIT"].format(minutes=minutes)
                return error_page(request, 429, ui["TOO_MANY_TITLE"], message, retry_after=wait)
            if form.is_valid():
                local_accounts.forget_failures(form.get_user().get_username())
                auth_login(request, form.get_user())
                return redirect(next_url)
            local_accounts.count_failure(request.POST.get("username", ""))
    elif request.method == "POST":
        return HttpResponseNotAllowed(["GET"])  # no local sign-in here
    found = provider()
    context = {
        "next": next_url,
        "form": form,
        "local_hint": enabled and form is None,
        "oauth_configured": found.configured,
        "oauth_start": _with_next("oauth-start", next_url),
        "sign_in_label": ui["SIGN_IN_WIKIMEDIA"].format(provider=found.host),
    }
    return render(request, "registration/login.html", context)


@require_safe
def oauth_start(request: HttpRequest) -> HttpResponse:
    found = provider()
    next_url = _next(request)
    if not found.configured:
        return redirect(_with_next("login", next_url))
    redirect_uri = request.build_absolute_uri(reverse("oauth-callback"))
    pending, url = oauth.begin(found, redirect_uri, next_url)
    request.session[SESSION_KEY] = oauth.remember(request.session.get(SESSION_KEY), pending)
    return HttpResponseRedirect(url)


@require_safe
def oauth_callback(request: HttpRequest) -> HttpResponse:
    found = provider()
    stored = dict(request.session.get(SESSION_KEY) or {})
    entry = stored.pop(request.GET.get("state", ""), None)  # used up, whatever happens next
    request.session[SESSION_KEY] = stored
    try:
        pending, code = oauth.take(entry, request.GET, found)
        with client(found) as session:
            profile = session.profile(session.access_token(code, pending))
    except oauth.OAuthError as e:
        log.warning("sign-in failed: %s", e)
        return _failed(request, found, e)
    user = site_user(profile, found.host, request.user)
    auth_login(request, user, backend=MODEL_BACKEND)
    t = request_translator(request)
    messages.success(request, UI(t)["SIGNED_IN"].format(user=profile.username))
    return redirect(pending.next_url)


def _failed(request: HttpRequest, found: oauth.Provider, error: oauth.OAuthError) -> HttpResponse:
    ui = UI(request_translator(request))
    name, status = FAILURES.get(error.kind, ("ERROR_MALFORMED", 502))
    message = ui[name].format(provider=found.host, reason=error.detail)
    return _message_page(
        request,
        ui["SIGN_IN_FAILED_TITLE"],
        message,
        status,
        link=(ui["SIGN_IN_AGAIN"], reverse("login")),
    )


@transaction.atomic
def site_user(
    profile: oauth.Profile, provider_host: str, current: AbstractBaseUser | AnonymousUser
) -> AbstractBaseUser:
    """The site's user for this Wikimedia account: the one its `sub` was linked to (its username updated
    after a rename); else the signed-in user, when they have no Wikimedia account yet; else a new user."""
    account = (
        WikiAccount.objects.select_related("user").filter(provider=provider_host, sub=profile.sub).first()
    )
    if account is not None:
        if account.username != profile.username:
            account.username = profile.username
            account.save(update_fields=["username"])
        user: AbstractBaseUser = account.user
        return user
    if current.is_authenticated and not WikiAccount.objects.filter(user=current).exists():
        user = current  # a local account (development, or made by an operator) gets its wiki identity
    else:
        user = get_user_model().objects.create_user(username=_free_username(profile.username))
    WikiAccount.objects.create(user=user, username=profile.username, provider=provider_host, sub=profile.sub)
    return user


def _free_username(name: str) -> str:
    """The site's username for a new user: the wiki's, or "Name~2", "Name~3" … when a local account has it
    (never that account: a name is not a proof of identity)."""
    users = get_user_model().objects
    base = name[:140]
    candidate, n = base, 1
    while users.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}~{n}"
    return candidate


@require_http_methods(["GET", "POST"])
def admin_login(request: HttpRequest) -> HttpResponse:
    """/admin/login/: Django's password form in development; elsewhere site admins sign in like everyone
    (a local superuser through the sign-in page's own form, whose wrong passwords are counted)."""
    if settings.DEV:
        return admin.site.login(request)
    next_url = _next(request)
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(
                next_url if next_url != resolve_url(settings.LOGIN_REDIRECT_URL) else "admin:index"
            )
        ui = UI(request_translator(request))
        return _message_page(request, ui["FORBIDDEN_TITLE"], ui["ADMIN_ONLY"], 403)
    return redirect(_with_next("login", next_url))
