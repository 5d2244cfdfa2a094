"""Wikibase entity facts: what each revision of a Wikidata (or any Wikibase) entity changed."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0010_worklists_and_assignments")]

    operations = [
        migrations.CreateModel(
            name="EntityFacts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("wiki", models.CharField(max_length=255)),
                ("rev_id", models.BigIntegerField()),
                (
                    "entity_type",
                    models.CharField(help_text='"item", "property", …; "" for no entity', max_length=40),
                ),
                ("statements_added", models.IntegerField()),
                ("statements_removed", models.IntegerField()),
                ("references_added", models.IntegerField()),
                ("labels_added", models.IntegerField(help_text="Labels, descriptions and aliases.")),
                ("sitelinks_added", models.IntegerField()),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entity_facts",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "entity facts",
                "db_table": "store_entity_facts",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "wiki", "rev_id"), name="store_entity_facts_key"
                    )
                ],
            },
        ),
    ]
