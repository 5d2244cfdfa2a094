"""Contest marks carry their round (issue 11): MARKS.csv's optional `round` column; two [[contest.round]]
rounds marking the same part keep their marks apart. Existing marks get "" (any round, as before)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0018_photo_jury")]

    operations = [
        migrations.AddField(
            model_name="contestmark",
            name="round",
            field=models.CharField(
                default="",
                help_text="The [[contest.round]] (its name) the mark was given in; empty: any round marking the part.",
                max_length=255,
            ),
        ),
        migrations.RemoveConstraint(model_name="contestmark", name="store_contest_mark_key"),
        migrations.AddConstraint(
            model_name="contestmark",
            constraint=models.UniqueConstraint(
                fields=("campaign", "juror", "wiki", "title", "part", "round"),
                name="store_contest_mark_round_key",
            ),
        ),
    ]
