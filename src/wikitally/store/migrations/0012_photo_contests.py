"""Photo contests (issue 13): files, organizers' overrides, jurors' votes and tasks, the audit log."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0011_entity_facts"),
    ]

    operations = [
        migrations.CreateModel(
            name="PhotoAudit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField()),
                ("actor", models.CharField(max_length=255)),
                ("action", models.CharField(max_length=64)),
                ("detail", models.JSONField(default=dict)),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_audit",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_photo_audit",
            },
        ),
        migrations.CreateModel(
            name="PhotoOverride",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file", models.TextField()),
                ("eligible", models.BooleanField()),
                ("reason", models.TextField()),
                ("by", models.CharField(max_length=255)),
                ("at", models.DateTimeField()),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_overrides",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_photo_override",
            },
        ),
        migrations.CreateModel(
            name="PhotoEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("page_id", models.BigIntegerField()),
                (
                    "file",
                    models.TextField(help_text="The title without 'File:', as MediaWiki normalised it."),
                ),
                ("uploader", models.CharField(help_text="First version's user.", max_length=255)),
                ("uploaded", models.DateTimeField(help_text="First version's timestamp.")),
                ("width", models.IntegerField()),
                ("height", models.IntegerField()),
                ("mime", models.CharField(max_length=255)),
                ("sha1", models.CharField(max_length=64)),
                (
                    "site",
                    models.TextField(
                        help_text="The site template's first parameter; null: not called.", null=True
                    ),
                ),
                ("deleted", models.BooleanField(default=False)),
                (
                    "in_category",
                    models.BooleanField(default=True, help_text="False: left the categories (not deleted)."),
                ),
                (
                    "last_rev_id",
                    models.BigIntegerField(default=0, help_text="The file page's revision read."),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_entries",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_photo_entry",
                "indexes": [models.Index(fields=["campaign", "file"], name="store_photo_entry_file")],
                "constraints": [
                    models.UniqueConstraint(fields=("campaign", "page_id"), name="store_photo_entry_key")
                ],
            },
        ),
        migrations.CreateModel(
            name="PhotoTask",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round", models.IntegerField()),
                ("juror", models.CharField(max_length=255)),
                ("file", models.TextField()),
                ("position", models.IntegerField()),
                ("done", models.BooleanField(default=False)),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_tasks",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_photo_task",
                "indexes": [
                    models.Index(
                        fields=["campaign", "round", "juror", "done", "position"],
                        name="store_photo_task_next",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "round", "juror", "file"), name="store_photo_task_key"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PhotoVote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round", models.IntegerField()),
                ("juror", models.CharField(max_length=255)),
                ("file", models.TextField()),
                (
                    "value",
                    models.IntegerField(help_text="yesno: 1/0; rating: 1–5; ranking: the rank (1 = best)."),
                ),
                ("at", models.DateTimeField()),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_votes",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_photo_vote",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "round", "juror", "file"), name="store_photo_vote_key"
                    )
                ],
            },
        ),
    ]
