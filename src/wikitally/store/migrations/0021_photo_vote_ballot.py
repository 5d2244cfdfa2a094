"""Ranking rounds in batches (issue 13): a rank is given in one of the juror's batches of the round, which
compares only its own photos. Existing votes get 0 (one ranking of all the juror's photos, as before)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0020_photo_entry_parts")]

    operations = [
        migrations.AddField(
            model_name="photovote",
            name="ballot",
            field=models.IntegerField(
                default=0,
                help_text="Ranking: the juror's batch the rank was given in (0: one ranking of all).",
            ),
        ),
    ]
