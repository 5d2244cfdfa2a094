"""Wikibase entity facts (what each revision of a Wikidata, or any Wikibase, entity changed) and heritage-at-risk
reports with their audit log."""

import django.db.models.deletion
from django.conf import settings
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
        migrations.CreateModel(
            name="HeritageReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "site",
                    models.CharField(
                        blank=True,
                        default="",
                        help_text='A listed site\'s key ("Q…"); empty: a new site.',
                        max_length=255,
                    ),
                ),
                ("label", models.CharField(max_length=255)),
                (
                    "lat",
                    models.FloatField(
                        help_text="Exact: organizers only when the site is sensitive.", null=True
                    ),
                ),
                ("lon", models.FloatField(null=True)),
                ("sensitive", models.BooleanField(default=False)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("damaged", "damaged"),
                            ("destroyed", "destroyed"),
                            ("threatened", "threatened"),
                            ("neglected", "neglected"),
                            ("armed_conflict", "armed conflict"),
                        ],
                        max_length=20,
                    ),
                ),
                ("observed", models.DateField()),
                ("description", models.TextField()),
                ("evidence", models.JSONField(default=list, help_text="Commons file names.")),
                ("source_url", models.CharField(blank=True, default="", max_length=2000)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "waiting for an organizer"),
                            ("approved", "public"),
                            ("rejected", "refused, with a reason"),
                            ("merged", "a duplicate of another report"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("reason", models.TextField(blank=True, default="", help_text="Why it was rejected.")),
                ("created", models.DateTimeField()),
                (
                    "definition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="heritage_reports",
                        to="store.campaigndefinition",
                    ),
                ),
                (
                    "merged_into",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="duplicates",
                        to="store.heritagereport",
                    ),
                ),
                (
                    "reporter",
                    models.ForeignKey(
                        help_text="Shown to the campaign's organizers only.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="heritage_reports",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "db_table": "store_heritage_report",
            },
        ),
        migrations.CreateModel(
            name="HeritageAudit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("action", models.CharField(max_length=20)),
                ("detail", models.JSONField(default=dict)),
                ("at", models.DateTimeField()),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="heritage_audit",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="audit",
                        to="store.heritagereport",
                    ),
                ),
            ],
            options={
                "db_table": "store_heritage_audit",
                "ordering": ("at", "pk"),
            },
        ),
        migrations.AddIndex(
            model_name="heritagereport",
            index=models.Index(fields=["definition", "status"], name="store_heritage_report_status"),
        ),
    ]
