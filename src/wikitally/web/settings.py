"""Django settings of the web app, from the environment only (docs/web.md).

WIKITALLY_SECRET_KEY  required for a public server; `wikitally serve` on loopback (and the other commands)
                      keep a generated one in the data directory (launch.py); WIKITALLY_DEV=1: a fixed one
WIKITALLY_DEV=1       a fixed, public development key and DEBUG; refused on any address but loopback
WIKITALLY_LOCAL_ACCOUNTS  1/0: username/password sign-in (`wikitally local-account`); default on only for
                      `serve` on loopback without a proxy, and with WIKITALLY_DEV=1
WIKITALLY_DB          the store, as for the CLI (default: the CLI's SQLite file)
WIKITALLY_ALLOWED_HOSTS  comma-separated host names (default 127.0.0.1,localhost)
WIKITALLY_HTTPS=1     behind an HTTPS proxy: secure cookies, X-Forwarded-Proto trusted
WIKITALLY_TRUSTED_PROXY  `serve` (waitress): the proxy's address, whose X-Forwarded-Proto/For/Host are believed
WIKITALLY_OAUTH_URL   the wiki's OAuth 2.0 endpoints (default Meta-Wiki's rest.php/oauth2)
WIKITALLY_OAUTH_CLIENT_ID, WIKITALLY_OAUTH_CLIENT_SECRET  the site's OAuth 2.0 client; without them no sign-in
WIKITALLY_ALLOW_PRIVATE_WIKIS  what campaigns may fetch beyond public https wikis (collect/addresses.py)
"""

from __future__ import annotations

import os

from babel import Locale
from django.core.exceptions import ImproperlyConfigured

from wikitally import settings as wikitally_settings
from wikitally.collect.addresses import Allowance
from wikitally.errors import UsageError
from wikitally.reports.i18n import LANGUAGES as REPORT_LANGUAGES
from wikitally.store.db import database_settings
from wikitally.web import launch

DEV = os.environ.get("WIKITALLY_DEV") == "1"
HTTPS = os.environ.get("WIKITALLY_HTTPS") == "1"
# waitress drops X-Forwarded-* unless they come from this address (`*`: any; only when nothing but the proxy
# can reach the port); gunicorn has its own --forwarded-allow-ips (default 127.0.0.1).
TRUSTED_PROXY = os.environ.get("WIKITALLY_TRUSTED_PROXY", "").strip()

try:  # WIKITALLY_DEV=1 on a host others reach, or a mistake in WIKITALLY_LOCAL_ACCOUNTS, stops the app
    launch.check_dev(os.environ, launch.CURRENT.host)
    LOCAL_ACCOUNTS = launch.local_accounts(os.environ, launch.CURRENT.host)
except UsageError as e:
    raise ImproperlyConfigured(str(e)) from None
SECRET_KEY = os.environ.get("WIKITALLY_SECRET_KEY", "") or launch.CURRENT.secret_key
if not SECRET_KEY:
    if not DEV:
        raise ImproperlyConfigured(
            "WIKITALLY_SECRET_KEY is not set; export a long random string (e.g. "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`), or WIKITALLY_DEV=1 on a "
            "development machine"
        )
    SECRET_KEY = launch.DEV_KEY  # dev mode only
DEBUG = DEV

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("WIKITALLY_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

try:  # a mistake in WIKITALLY_ALLOW_PRIVATE_WIKIS stops the app at once, not the first campaign saved
    Allowance.from_settings()
except UsageError as e:
    raise ImproperlyConfigured(str(e)) from None

DATABASES = {"default": database_settings(wikitally_settings.get("db"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "wikitally.store",
    "wikitally.web.campaigns",
    "wikitally.web.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # /static/: with SecurityMiddleware's headers, no session
    "wikitally.web.campaigns.middleware.ContentSecurityPolicy",
    "wikitally.web.campaigns.middleware.AnonymousPages",  # before sessions and the database: a crowd's page
    "wikitally.web.campaigns.middleware.NoIndexUnlisted",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wikitally.web.urls"
WSGI_APPLICATION = "wikitally.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wikitally.web.campaigns.ui.context",
            ],
        },
    },
]

# The reports' languages, each named in itself ("Shqip", "Српски").
LANGUAGE_CODE = "en"
LANGUAGES = [
    (code, Locale.parse(babel_id).get_display_name() or code) for code, babel_id in REPORT_LANGUAGES.items()
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
# WhiteNoise serves /static/ straight from the staticfiles finders (the app's CSS and favicon, the admin's
# files): nothing to collect, so `wikitally serve` and gunicorn need no build step. The names carry no
# content hash, so the caching is short and revalidated (max-age 60 s, ETag and Last-Modified; 0 in DEBUG,
# where files are looked up again at each request) rather than far-future.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 0 if DEBUG else 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "campaign-list"
LOGOUT_REDIRECT_URL = "campaign-list"
# Signing in with a Wikimedia account (MediaWiki OAuth 2.0); local accounts when LOCAL_ACCOUNTS (above).
OAUTH_URL = os.environ.get("WIKITALLY_OAUTH_URL") or "https://meta.wikimedia.org/w/rest.php/oauth2"
OAUTH_CLIENT_ID = os.environ.get("WIKITALLY_OAUTH_CLIENT_ID", "")
OAUTH_CLIENT_SECRET = os.environ.get("WIKITALLY_OAUTH_CLIENT_SECRET", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_FAILURE_VIEW = "wikitally.web.campaigns.views_errors.csrf_failure"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING_CONFIG = None  # logging is configured at the edges (wikitally serve), not here
