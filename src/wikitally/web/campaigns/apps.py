"""The Django app of the campaign pages (its models live in wikitally.store, the only schema owner)."""

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "wikitally.web.campaigns"
    label = "campaigns"
    verbose_name = "wikitally campaigns"
