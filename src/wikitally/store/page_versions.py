"""What version of a campaign's public page is current: the definition's last change and its newest
collection. The web app's anonymous-page memory (web/campaigns/middleware.py) asks this on every such request,
so it is one raw query (building the ORM's query cost more than running it), kept here with the tables it reads
(store/ owns the schema)."""

from __future__ import annotations

from typing import Any

# The newest collection as web/campaigns/figures.listed reads it: by the stored campaign's key = the
# definition's name.
_VERSION = (
    "SELECT d.id, d.updated, (SELECT MAX(w.last_collected) FROM store_wiki_state w"
    " JOIN store_campaign c ON w.campaign_id = c.id WHERE c.key = d.name)"
    " FROM store_campaign_definition d WHERE d.slug = %s"
)


def campaign_page_version(slug: str, *, using: str = "default") -> tuple[Any, ...] | None:
    """(definition id, its last change, its newest collection) for the campaign at `slug`; None if none."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute(_VERSION, [slug])
        row = cursor.fetchone()
    return None if row is None else tuple(row)


def new_version(definition_id: int, *, using: str = "default") -> None:
    """A change the campaign's public pages show that neither its definition nor a collection makes (who is
    enrolled or private, a jury's marking closed or re-opened): a new version, so no visitor is replayed
    the page as it was."""
    from django.utils import timezone

    from wikitally.store.models import CampaignDefinition

    CampaignDefinition.objects.using(using).filter(pk=definition_id).update(updated=timezone.now())


def campaign_changed(campaign_key: str, *, using: str = "default") -> None:
    """new_version for every web definition of the stored campaign `campaign_key` (its name): data its public
    pages show changed outside a collection (a jury's visible marks, from the web or a CLI import)."""
    from django.utils import timezone

    from wikitally.store.models import CampaignDefinition

    CampaignDefinition.objects.using(using).filter(name=campaign_key).update(updated=timezone.now())
