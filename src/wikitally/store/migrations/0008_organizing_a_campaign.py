"""Running a campaign from the web: the event page's details, archiving, co-organizers named by their
Wikimedia username, and private registration."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0007_definitions_own_their_data")]

    operations = [
        migrations.AddField(
            model_name="campaigndefinition",
            name="description",
            field=models.TextField(
                blank=True,
                default="",
                help_text="Markdown (raw HTML off), rendered sanitised on the campaign page.",
            ),
        ),
        migrations.AddField(
            model_name="campaigndefinition",
            name="mode",
            field=models.CharField(
                choices=[
                    ("online", "online"),
                    ("in_person", "in person"),
                    ("hybrid", "online and in person"),
                ],
                default="online",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="campaigndefinition",
            name="place",
            field=models.CharField(
                blank=True, default="", help_text="Where it meets, if anywhere.", max_length=255
            ),
        ),
        migrations.AddField(
            model_name="campaigndefinition",
            name="event_page",
            field=models.URLField(
                blank=True, default="", help_text="The on-wiki event page (https).", max_length=500
            ),
        ),
        migrations.AddField(
            model_name="campaigndefinition",
            name="archived_at",
            field=models.DateTimeField(
                blank=True, null=True, help_text="Set: read-only, hidden from every list; restorable."
            ),
        ),
        migrations.AlterField(
            model_name="organizer",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="organizing",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="organizer",
            name="username",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Wikimedia username (normalised); empty: `user`.",
                max_length=255,
            ),
        ),
        migrations.AddField(
            model_name="enrolment",
            name="private",
            field=models.BooleanField(
                default=False,
                help_text="Name kept off every public page, list, API answer and download; counted.",
            ),
        ),
    ]
