"""Every web definition owns its stored campaign (the row under its name), as definitions.create now makes
it: before, the link was made only when the campaign's page was viewed after a collection, so a refresh
(failed or not) nobody had looked at left the data looking like the command line's and the organizer locked
out of their own campaign. A definition without a row gets one now (its config is filled in at the first
collection, which updates it)."""

from typing import Any

from django.db import migrations


def own(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    definitions = apps.get_model("store", "CampaignDefinition").objects.using(alias)
    stored = apps.get_model("store", "Campaign").objects.using(alias)
    for definition in definitions.filter(campaign__isnull=True):
        row, _ = stored.get_or_create(key=definition.name, defaults={"name": definition.name, "config": {}})
        if not definitions.filter(campaign=row).exists():
            definitions.filter(pk=definition.pk).update(campaign=row)


class Migration(migrations.Migration):
    dependencies = [("store", "0006_published_pages")]

    operations = [migrations.RunPython(own, migrations.RunPython.noop)]
