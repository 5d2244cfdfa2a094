import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0009_contests")]

    operations = [
        migrations.CreateModel(
            name="Worklist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("resolved_at", models.DateTimeField()),
                ("data", models.JSONField()),
                (
                    "campaign",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="worklist",
                        to="store.campaign",
                    ),
                ),
            ],
            options={"db_table": "store_worklist"},
        ),
        migrations.CreateModel(
            name="Assignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "item",
                    models.CharField(help_text='The item\'s key: "Q42", or "DOMAIN:Title".', max_length=600),
                ),
                ("user", models.CharField(help_text="The participant's username.", max_length=255)),
                (
                    "claimed",
                    models.BooleanField(default=False, help_text="The participant took it (not assigned)."),
                ),
                ("created", models.DateTimeField()),
                (
                    "campaign",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignments",
                        to="store.campaign",
                    ),
                ),
            ],
            options={"db_table": "store_assignment"},
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.UniqueConstraint(fields=("campaign", "item"), name="store_assignment_item"),
        ),
    ]
