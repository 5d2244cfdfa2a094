"""Who takes part in a web-defined campaign through enrolment, and who has not edited yet.

Enrolled usernames are participants of the campaign beside those of its file (`participants`,
`participants_page`); the rows are the store's (store/enrolments.py), read the same way by the worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition, WikiAccount
from wikitally.usernames import normalize_username


def enrolled(definition: CampaignDefinition) -> list[str]:
    """The campaign's enrolled usernames, normalised, sorted."""
    return enrolments.usernames(definition)


def edited(outcome: dict[str, Any]) -> set[str]:
    """Usernames with at least one counted edit in an outcome."""
    return {row["user"] for row in outcome.get("by_participant", ()) if row.get("edits", 0) > 0}


def not_edited_yet(names: Iterable[str], outcome: dict[str, Any]) -> list[str]:
    """The names without a counted edit in the outcome, in their order."""
    done = edited(outcome)
    return [name for name in names if name not in done]


_USERNAME = "_wikitally_username"
_UNKNOWN = object()


def username_of(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The wiki username a site user takes part as: their Wikimedia account's; where local accounts are on
    (development, `serve` on loopback), a local account's own name; None for anyone else (they must sign in
    with a Wikimedia account first)."""
    if not user.is_authenticated:
        return None
    # Kept on the user object, which lives one request (a signed-in page asks up to three times: the
    # organizer checks, "You are enrolled as …"); an account is only linked at sign-in, a request of its own.
    known = getattr(user, _USERNAME, _UNKNOWN)
    if known is not _UNKNOWN:
        return known if isinstance(known, str) else None
    name: str | None = None
    account = WikiAccount.objects.filter(user=user).values_list("username", flat=True).first()
    if account:
        name = str(account)
    elif (settings.DEV or settings.LOCAL_ACCOUNTS) and user.has_usable_password():
        name = normalize_username(user.get_username())
    setattr(user, _USERNAME, name)
    return name
