"""A campaign definition may be `recorded`: its data was replayed from a recording (`wikitally demo`), so
the refresh worker never fetches it again from the real wikis (that would replace the recorded data)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0012_photo_contests")]

    operations = [
        migrations.AddField(
            model_name="campaigndefinition",
            name="recorded",
            field=models.BooleanField(
                default=False,
                help_text="Its data was replayed from a recording (the demo): never refreshed from the wikis.",
            ),
        ),
    ]
