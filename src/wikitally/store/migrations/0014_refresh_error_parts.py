"""A failed refresh keeps its campaign file error's parts, so the web pages say it in their reader's language
(issue 10: the refresh failure named the "API addresses" field in English only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0013_recorded_definitions")]

    operations = [
        migrations.AddField(
            model_name="refreshstate",
            name="last_error_parts",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The failure as a campaign file error's parts (source, field, problem and fix "
                "templates, params), so pages can say it in their reader's language; empty for other failures.",
            ),
        ),
    ]
