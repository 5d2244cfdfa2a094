from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0005_attempts"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedPage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("api_url", models.CharField(help_text="The wiki's api.php URL.", max_length=500)),
                (
                    "title",
                    models.CharField(
                        help_text="The page's title as MediaWiki normalised it.", max_length=500
                    ),
                ),
                (
                    "rev_id",
                    models.BigIntegerField(
                        help_text="The revision wikitally saved, or found holding its text."
                    ),
                ),
                (
                    "user",
                    models.CharField(help_text="The account wikitally published as.", max_length=255),
                ),
                ("saved_at", models.DateTimeField()),
            ],
            options={
                "db_table": "store_published_page",
                "constraints": [
                    models.UniqueConstraint(fields=("api_url", "title"), name="store_published_page_key")
                ],
            },
        ),
    ]
