"""Special nominations (issue 13): where the last import listed each file, "" for the contest's categories
or a nomination's name. Existing rows get [] (the contest's own, as before)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0019_contest_mark_round")]

    operations = [
        migrations.AddField(
            model_name="photoentry",
            name="parts",
            field=models.JSONField(
                default=list,
                help_text='Where the last import listed the file: "" the contest\'s categories, else a special '
                "nomination's name; [] (imported before nominations): the contest's.",
            ),
        ),
    ]
