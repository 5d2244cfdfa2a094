"""Recorded campaigns: a campaign defined for the web app whose data was replayed from a recording (the
offline demo), not collected from the wikis. It is a public campaign of the local site like any other, but
marked `recorded`, so the refresh worker never fetches it again (RefreshQueue.due and .claim skip it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from wikitally.model import Campaign
from wikitally.store.repository import Store, db_errors, orm


@dataclass(frozen=True)
class Registered:
    slug: str
    created: bool  # False: it was registered before (its file brought up to date)
    recorded: bool  # False: a campaign defined on the web holds this name, left as it is


@db_errors
def register(store: Store, campaign: Campaign, toml: str) -> Registered:
    """The campaign (already stored in `store`) as a public, recorded definition of the web app: made on the
    first call, its file updated on the next. A web campaign that already has this name is never touched."""
    definitions = orm.CampaignDefinition.objects.using(store.alias)
    pk = store.campaign_id(campaign)
    with transaction.atomic(using=store.alias):
        found = definitions.select_for_update().filter(name=campaign.key).first()
        if found is not None:
            if found.recorded:
                definitions.filter(pk=found.pk).update(toml=toml, campaign_id=pk)
            return Registered(found.slug, False, found.recorded)
        base = slugify(campaign.name)[:90].strip("-") or "campaign"
        slug, n = base, 1
        while slug == "new" or definitions.filter(slug=slug).exists():  # "new" is the form's address
            n += 1
            slug = f"{base}-{n}"
        definitions.create(
            slug=slug, name=campaign.key, toml=toml, visibility="public", campaign_id=pk, recorded=True
        )
    return Registered(slug, True, True)
