"""Local accounts: a username and a password kept by this site (Django's hasher), made on the server with
`wikitally local-account NAME`, so that a newcomer signs in without registering an OAuth client.

Signing in with one is on where only this machine's users reach the app (settings.LOCAL_ACCOUNTS: `serve`
on loopback with no proxy in front, WIKITALLY_DEV=1) or where the operator turned it on
(WIKITALLY_LOCAL_ACCOUNTS=1). Users who sign in with Wikimedia have no usable password, so they are never
local accounts; wrong passwords are counted per name in the database (store/attempts.py), as passcodes are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import get_password_validators, validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wikitally.errors import UsageError
from wikitally.store import attempts

FAILURES = 10  # wrong passwords for one name …
WINDOW = timedelta(minutes=15)  # … within this long, then that name waits for the window's end
MAX_NAME = 150  # Django's username length
VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
UNUSABLE_PREFIX = "!"  # Django's mark of a user without a password (make_password(None))


def enabled() -> bool:
    return bool(settings.LOCAL_ACCOUNTS or settings.DEV)


def _local() -> Q:
    return ~Q(password__startswith=UNUSABLE_PREFIX) & ~Q(password="")


def exist() -> bool:
    """True when at least one active user can sign in with a password."""
    return bool(get_user_model().objects.filter(_local(), is_active=True).exists())


def _key(username: str) -> str:
    return f"login:{username.strip().casefold()[:MAX_NAME]}"


def refused(username: str) -> int:
    """Seconds this name must wait before its password is checked again; 0 when it may try."""
    if attempts.count(_key(username), WINDOW, timezone.now()) >= FAILURES:
        return math.ceil(WINDOW.total_seconds())
    return 0


def count_failure(username: str) -> None:
    attempts.record(_key(username), WINDOW, timezone.now())


def forget_failures(username: str) -> None:
    attempts.forget(_key(username))


@dataclass(frozen=True)
class Made:
    username: str
    created: bool  # False: an existing local account got the new password
    superuser: bool


def make(username: str, password: str, *, superuser: bool = False) -> Made:
    """A local account (or a new password for one); superuser makes it a site admin (staff, superuser).

    UsageError (one line) for an empty or too long name, a name a Wikimedia sign-in already uses (it would
    take that person's place), or a password Django's validators refuse."""
    name = username.strip()
    if not name or len(name) > MAX_NAME or any(c.isspace() and c != " " for c in name):
        raise UsageError(f"{username!r}: a local account's name is 1 to {MAX_NAME} characters on one line")
    users = get_user_model().objects
    with transaction.atomic():
        user = users.select_for_update().filter(username=name).first()
        if user is not None and not user.has_usable_password():
            raise UsageError(
                f"{name!r} is a user who signs in with Wikimedia; choose another name for the local account"
            )
        created = user is None
        if user is None:
            user = users.model(username=name)
        try:
            validate_password(password, user, password_validators=get_password_validators(VALIDATORS))
        except ValidationError as e:
            raise UsageError(f"the password is refused: {' '.join(e.messages)}") from None
        user.set_password(password)
        if superuser:
            user.is_staff = user.is_superuser = True
        user.save()
    return Made(name, created, bool(user.is_superuser))
