"""Article contests (docs/contests.md): facts the rules need per article (and entries seen, so a deleted one
stays listed), submissions, jury marks and the audit log of every change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0008_organizing_a_campaign"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContestArticle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("wiki", models.CharField(max_length=255)),
                ("page_id", models.BigIntegerField()),
                ("title", models.TextField()),
                ("namespace", models.IntegerField(default=0)),
                ("exists", models.BooleanField(default=True)),
                ("words", models.IntegerField(null=True)),
                ("references", models.IntegerField(null=True)),
                (
                    "categories",
                    models.JSONField(help_text="Names without namespace; null: not asked.", null=True),
                ),
                ("creator", models.CharField(max_length=255, null=True)),
                (
                    "text_rev_id",
                    models.BigIntegerField(
                        help_text="The revision words/references were read from.", null=True
                    ),
                ),
                (
                    "participants",
                    models.JSONField(default=list, help_text="Who had an entry on it when last seen."),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contest_articles",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_contest_article",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "wiki", "page_id"), name="store_contest_article_key"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ContestAudit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField()),
                (
                    "actor",
                    models.CharField(
                        help_text="The juror, participant or command that made it.", max_length=255
                    ),
                ),
                ("action", models.CharField(max_length=32)),
                ("wiki", models.CharField(default="", max_length=255)),
                ("title", models.TextField(default="")),
                ("part", models.CharField(default="", max_length=255)),
                ("old", models.TextField(null=True)),
                ("new", models.TextField(null=True)),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contest_audit",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_contest_audit",
                "indexes": [models.Index(fields=["campaign", "at"], name="store_contest_audit_at")],
            },
        ),
        migrations.CreateModel(
            name="ContestMark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("juror", models.CharField(max_length=255)),
                ("wiki", models.CharField(max_length=255)),
                ("title", models.TextField()),
                ("part", models.CharField(max_length=255)),
                ("value", models.TextField()),
                ("marked_at", models.DateTimeField()),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contest_marks",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_contest_mark",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "juror", "wiki", "title", "part"), name="store_contest_mark_key"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ContestSubmission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("user", models.CharField(max_length=255)),
                ("wiki", models.CharField(max_length=255)),
                ("title", models.TextField()),
                ("submitted_at", models.DateTimeField()),
                (
                    "page_id",
                    models.BigIntegerField(
                        help_text="The page the title led to when last resolved.", null=True
                    ),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contest_submissions",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_contest_submission",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "user", "wiki", "title"), name="store_contest_submission_key"
                    )
                ],
            },
        ),
    ]
