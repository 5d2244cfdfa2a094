"""What a campaign's organizers do to their campaign beyond its file: name co-organizers, archive and
restore it, delete it with its data, duplicate it for next year. Who may: definitions.may_manage, the one
check every page makes (a site admin, the creator, or someone signed in as a co-organizer's account)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from wikitally.store.models import Campaign as StoredCampaign
from wikitally.store.models import CampaignDefinition, Organizer, WikiAccount
from wikitally.store.page_versions import new_version
from wikitally.usernames import normalize_username
from wikitally.web.campaigns import definitions

_YEAR = re.compile(r"(?<!\d)(19|20)(\d\d)(?!\d)")


# -- co-organizers


def add(definition: CampaignDefinition, username: str) -> bool:
    """Name a co-organizer by Wikimedia username; True when they weren't one yet."""
    name = normalize_username(username)
    if not name or name in definitions.organizer_names(definition):
        return False
    Organizer.objects.create(definition=definition, username=name)
    new_version(definition.pk)  # the campaign page names its organizers
    return True


def remove(definition: CampaignDefinition, username: str) -> bool | None:
    """Take an organizer off by the name the campaign page shows; True when removed, False when there was
    none by that name, None when they are the last one (a campaign always keeps an organizer)."""
    name = normalize_username(username)
    accounts = WikiAccount.objects.filter(username=name).values("user_id")
    rows = Organizer.objects.filter(definition=definition).filter(
        Q(username=name) | Q(user__in=accounts) | Q(user__username=name, username="")
    )
    found = list(rows.values_list("pk", flat=True))
    if not found:
        return False
    if Organizer.objects.filter(definition=definition).exclude(pk__in=found).count() == 0:
        return None
    Organizer.objects.filter(pk__in=found).delete()
    new_version(definition.pk)  # the campaign page names its organizers
    return True


# -- archive, delete


def archive(definition: CampaignDefinition, now: datetime) -> None:
    definition.archived_at = now
    definition.save(update_fields=["archived_at", "updated"])


def restore(definition: CampaignDefinition) -> None:
    definition.archived_at = None
    definition.save(update_fields=["archived_at", "updated"])


def delete(definition: CampaignDefinition) -> None:
    """The definition, its enrolments, organizers, refresh state and program memberships (cascades), and
    everything collected for it (its stored campaign's rows cascade)."""
    with transaction.atomic():
        stored = definition.campaign_id
        definition.delete()
        if stored is not None:
            StoredCampaign.objects.filter(pk=stored).delete()


# -- duplicate


def next_year_name(name: str) -> str:
    """ "WLM 2025" → "WLM 2026" (every year in it moves on); a name without a year gets " (copy)"."""
    moved = _YEAR.sub(lambda m: str(int(m.group(0)) + 1), name)
    return moved if moved != name else f"{name} (copy)"


def _next_year(value: Any) -> Any:
    if isinstance(value, date):  # datetime too
        try:
            return value.replace(year=value.year + 1)
        except ValueError:  # 29 February
            return value.replace(year=value.year + 1, day=28)
    return value


def duplicate(definition: CampaignDefinition, user: Any) -> CampaignDefinition:
    """A copy for next year: the file with its name's years and its dates a year on, the event's details,
    its visibility and co-organizers; not its participants, passcode or data. The copier organizes it."""
    data = definitions.read_toml(definition.toml, definitions.source_name(definition))
    base = next_year_name(str(data.get("name", definition.name)))
    name, n = base, 1
    while not definitions.name_free(name) or StoredCampaign.objects.filter(key=name).exists():
        n += 1
        name = f"{base} {n}"
    data = {**data, "name": name, "start": _next_year(data.get("start")), "end": _next_year(data.get("end"))}
    toml = definitions.dump_toml(data)
    campaign = definitions.parse_campaign(data, f"{name}.toml")
    with transaction.atomic():
        copy = definitions.create(
            slug=definitions.new_slug(name),
            visibility=definition.visibility,
            toml=toml,
            campaign=campaign,
            user=user,
        )
        copy.description, copy.mode = definition.description, definition.mode
        copy.place, copy.event_page = definition.place, definition.event_page
        copy.save(update_fields=["description", "mode", "place", "event_page", "updated"])
        mine = set(definitions.organizer_names(copy))
        for other in definitions.organizer_names(definition):
            if other not in mine:
                Organizer.objects.create(definition=copy, username=other)
    return copy
