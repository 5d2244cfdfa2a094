"""Site admins by Wikimedia username: `wikitally site-admin NAME [--remove]`, the first admin's way in.

A person is found by the Wikimedia account they signed in with (WikiAccount, matched on the provider's
`sub` at each sign-in), so they must have signed in once: the site never gives a name rights before its
holder has proved it is theirs. Granting to a name in advance would hand the rights to whoever holds the
name at their first sign-in (after a rename, a usurpation, or on another provider wiki), and the OAuth
callback on purpose never hands an existing account to someone by name alone (views.site_user).

Django must be set up (web/server.configure) before these functions run.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikitally.errors import UsageError
from wikitally.usernames import normalize_username, username_problem


@dataclass(frozen=True)
class Change:
    username: str  # the Wikimedia username, as stored at the last sign-in
    site_username: str  # the site's user (the same name, or "Name~2" when a local account had it)
    provider: str  # the provider wiki, e.g. meta.wikimedia.org
    admin: bool  # a site admin now
    changed: bool  # False when it already was (or wasn't)


def set_site_admin(username: str, admin: bool = True, provider: str | None = None) -> Change:
    """Make (admin=False: stop making) the user who signs in as this Wikimedia username a site admin: staff
    (enters /admin/) and superuser (every permission there). provider: the wiki they sign in with (default
    the settings', WIKITALLY_OAUTH_URL's host).

    UsageError when the name is not a possible username, nobody signed in with it yet, or several accounts
    last signed in under it (a rename): then an admin decides in /admin/."""
    from django.conf import settings
    from django.db import transaction

    from wikitally.store.models import WikiAccount
    from wikitally.web.accounts.oauth import Provider

    provider = provider or Provider(settings.OAUTH_URL, "", "").host
    name = normalize_username(username)
    problem = username_problem(name)
    if problem:
        raise UsageError(f"the username {username.strip()!r} {problem}")
    with transaction.atomic():
        accounts = list(
            WikiAccount.objects.select_related("user").filter(provider=provider, username=name)[:2]
        )
        if not accounts:
            raise UsageError(
                f"nobody has signed in as {name!r} with {provider} yet; "
                "they sign in once first, then run this again"
            )
        if len(accounts) > 1:
            raise UsageError(
                f"several accounts last signed in as {name!r} (a rename); choose the user in /admin/"
            )
        user = accounts[0].user
        changed = (user.is_staff, user.is_superuser) != (admin, admin)
        if changed:
            user.is_staff = user.is_superuser = admin
            user.save(update_fields=["is_staff", "is_superuser"])
    return Change(name, user.get_username(), provider, admin, changed)
