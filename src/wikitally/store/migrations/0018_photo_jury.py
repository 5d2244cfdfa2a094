"""Photo juries on the web (issue 13): each file's screen-size thumbnail, jurors' flags and favourites."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0015_jury_web")]

    operations = [
        migrations.AddField(
            model_name="photoentry",
            name="thumb_url",
            field=models.TextField(default="", help_text="Commons' thumbnail at screen size (iiurlwidth)."),
        ),
        migrations.CreateModel(
            name="PhotoMark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("juror", models.CharField(max_length=255)),
                ("file", models.TextField()),
                ("kind", models.CharField(help_text="flag | favourite", max_length=16)),
                ("note", models.TextField(default="")),
                ("at", models.DateTimeField()),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photo_marks",
                        to="store.campaign",
                    ),
                ),
            ],
            options={
                "db_table": "store_photo_mark",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("campaign", "juror", "file", "kind"), name="store_photo_mark_key"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="photoaudit",
            index=models.Index(fields=["campaign", "action"], name="store_photo_audit_action"),
        ),
        migrations.AddIndex(
            model_name="photovote",
            index=models.Index(fields=["campaign", "round", "juror", "at"], name="store_photo_vote_last"),
        ),
    ]
