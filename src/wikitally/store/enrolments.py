"""Enrolments: the participants of a web-defined campaign who joined through its link or were added by an
organizer. The web app and the worker read and write them here, never through their own queries.

Usernames are normalised here as MediaWiki does (`example_user` → `Example user`), so one person is one
row whoever typed the name. `using` is the database alias (the web app's is "default"); `usernames` also
takes a definition's id (what the worker holds).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from wikitally.usernames import normalize_username

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from wikitally.store.models import CampaignDefinition, Enrolment


def _model() -> type[Enrolment]:
    from wikitally.store.models import Enrolment  # Django is set up by whoever calls (see store/__init__)

    return Enrolment


def _touch(definition: CampaignDefinition | int, using: str) -> None:
    """A change of who is enrolled, or who is private, is a new version of the campaign's public pages
    (web/campaigns/middleware.py replays anonymous pages by the definition's `updated`)."""
    from wikitally.store.page_versions import new_version

    new_version(definition if isinstance(definition, int) else definition.pk, using=using)


def usernames(definition: CampaignDefinition | int, *, using: str = "default") -> list[str]:
    """The enrolled usernames (of a definition or its id), sorted as Python sorts them (not by the
    database's collation): participants of the campaign beside its file's own."""
    rows = _model().objects.using(using).filter(definition=definition)
    return sorted(rows.values_list("username", flat=True))


def private_usernames(definition: CampaignDefinition | int, *, using: str = "default") -> frozenset[str]:
    """Who asked to be named on no public page (still counted)."""
    rows = _model().objects.using(using).filter(definition=definition, private=True)
    return frozenset(rows.values_list("username", flat=True))


def set_private(
    definition: CampaignDefinition, username: str, private: bool, *, using: str = "default"
) -> bool:
    """Change one enrolment's privacy; True when there was one."""
    name = normalize_username(username)
    rows = _model().objects.using(using).filter(definition=definition, username=name)
    changed = rows.update(private=private) > 0
    _touch(definition, using)
    return changed


def enrolments(definition: CampaignDefinition, *, using: str = "default") -> list[Enrolment]:
    """The enrolment rows, by username."""
    return list(_model().objects.using(using).filter(definition=definition).order_by("username"))


def find(definition: CampaignDefinition, username: str, *, using: str = "default") -> Enrolment | None:
    name = normalize_username(username)
    return _model().objects.using(using).filter(definition=definition, username=name).first()


def enrol(
    definition: CampaignDefinition,
    username: str,
    *,
    user: AbstractBaseUser | None = None,
    source: str = "join",
    private: bool | None = None,
    using: str = "default",
) -> bool:
    """Enrol one person; True when they weren't enrolled yet. A site user joining is linked to the row an
    organizer may already have made for their username; `private` (when given) is their own choice."""
    name = normalize_username(username)
    defaults = {"user": user, "source": source, "private": bool(private)}
    with transaction.atomic(using=using):
        row, created = (
            _model()
            .objects.using(using)
            .get_or_create(definition=definition, username=name, defaults=defaults)
        )
        changed = []
        if not created and user is not None and row.user_id is None:
            row.user = user
            changed.append("user")
        if not created and private is not None and row.private != private:
            row.private = private
            changed.append("private")
        if changed:
            row.save(using=using, update_fields=changed)
        if created or changed:
            _touch(definition, using)
    return created


def enrol_all(
    definition: CampaignDefinition,
    names: Iterable[str],
    *,
    source: str = "organizer",
    using: str = "default",
) -> int:
    """Enrol every name (an organizer's list); how many weren't enrolled yet."""
    model = _model()
    wanted = {normalize_username(name) for name in names}
    wanted.discard("")
    with transaction.atomic(using=using):
        known = set(
            model.objects.using(using)
            .filter(definition=definition, username__in=wanted)
            .values_list("username", flat=True)
        )
        new = sorted(wanted - known)
        model.objects.using(using).bulk_create(
            [model(definition=definition, username=name, source=source) for name in new],
            ignore_conflicts=True,  # someone joining at the same moment
        )
        if new:
            _touch(definition, using)
    return len(new)


def remove(definition: CampaignDefinition, username: str, *, using: str = "default") -> bool:
    """Remove one person's enrolment; True when there was one."""
    name = normalize_username(username)
    deleted, _ = _model().objects.using(using).filter(definition=definition, username=name).delete()
    if deleted:
        _touch(definition, using)
    return deleted > 0
