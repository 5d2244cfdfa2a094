"""The jury in the web app (docs/contests.md): each contest's queue of articles and each juror's open
articles, conflicts of interest, jurors' comments, closings with frozen results; an index for "has anyone
marked this article"."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0014_refresh_error_parts"),
    ]

    operations = [
        migrations.CreateModel(
            name="JuryArticle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("wiki", models.CharField(max_length=255)),
                ("title", models.TextField()),
                ("ord", models.IntegerField(help_text="Position in every juror's queue.")),
                ("page_id", models.BigIntegerField(null=True)),
                (
                    "first_parent",
                    models.BigIntegerField(default=0, help_text="Parent of the first counted revision."),
                ),
                ("last_rev", models.BigIntegerField(default=0, help_text="The last counted revision.")),
                ("words", models.IntegerField(null=True)),
                ("references", models.IntegerField(null=True)),
                (
                    "entries",
                    models.JSONField(
                        help_text="Each entry: participant, numbers, failed/warnings/info, points."
                    ),
                ),
            ],
            options={
                "db_table": "store_jury_article",
            },
        ),
        migrations.CreateModel(
            name="JuryClosing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.IntegerField()),
                ("closed_at", models.DateTimeField()),
                ("closed_by", models.CharField(max_length=255)),
                ("reopened_at", models.DateTimeField(null=True)),
                ("reopened_by", models.CharField(default="", max_length=255)),
                (
                    "results",
                    models.JSONField(help_text="`contest results --format json` as it was at closing."),
                ),
                ("csv", models.TextField()),
                ("wikitext", models.TextField()),
            ],
            options={
                "db_table": "store_jury_closing",
            },
        ),
        migrations.CreateModel(
            name="JuryComment",
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
                ("text", models.TextField()),
                ("at", models.DateTimeField()),
            ],
            options={
                "db_table": "store_jury_comment",
            },
        ),
        migrations.CreateModel(
            name="JuryConflict",
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
            ],
            options={
                "db_table": "store_jury_conflict",
            },
        ),
        migrations.CreateModel(
            name="JuryOpen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("juror", models.CharField(max_length=255)),
                ("ord", models.IntegerField()),
                ("wiki", models.CharField(max_length=255)),
                ("title", models.TextField()),
            ],
            options={
                "db_table": "store_jury_open",
            },
        ),
        migrations.CreateModel(
            name="JuryQueueBuild",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.TextField(help_text="Last collection and a digest of the [contest] table."),
                ),
                ("built_at", models.DateTimeField()),
            ],
            options={
                "db_table": "store_jury_queue_build",
            },
        ),
        migrations.AddIndex(
            model_name="contestmark",
            index=models.Index(fields=["campaign", "wiki", "title"], name="store_contest_mark_article"),
        ),
        migrations.AddField(
            model_name="juryarticle",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="jury_articles", to="store.campaign"
            ),
        ),
        migrations.AddField(
            model_name="juryclosing",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="jury_closings", to="store.campaign"
            ),
        ),
        migrations.AddField(
            model_name="jurycomment",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="jury_comments", to="store.campaign"
            ),
        ),
        migrations.AddField(
            model_name="juryconflict",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="jury_conflicts",
                to="store.campaign",
            ),
        ),
        migrations.AddField(
            model_name="juryopen",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="jury_open", to="store.campaign"
            ),
        ),
        migrations.AddField(
            model_name="juryqueuebuild",
            name="campaign",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="jury_build", to="store.campaign"
            ),
        ),
        migrations.AddIndex(
            model_name="juryarticle",
            index=models.Index(fields=["campaign", "ord"], name="store_jury_article_ord"),
        ),
        migrations.AddConstraint(
            model_name="juryarticle",
            constraint=models.UniqueConstraint(
                fields=("campaign", "wiki", "title"), name="store_jury_article_key"
            ),
        ),
        migrations.AddConstraint(
            model_name="juryclosing",
            constraint=models.UniqueConstraint(fields=("campaign", "version"), name="store_jury_closing_key"),
        ),
        migrations.AddConstraint(
            model_name="jurycomment",
            constraint=models.UniqueConstraint(
                fields=("campaign", "juror", "wiki", "title"), name="store_jury_comment_key"
            ),
        ),
        migrations.AddConstraint(
            model_name="juryconflict",
            constraint=models.UniqueConstraint(
                fields=("campaign", "juror", "wiki", "title"), name="store_jury_conflict_key"
            ),
        ),
        migrations.AddIndex(
            model_name="juryopen",
            index=models.Index(fields=["campaign", "juror", "ord"], name="store_jury_open_next"),
        ),
    ]
