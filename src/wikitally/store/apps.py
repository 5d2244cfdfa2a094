"""The Django app that owns wikitally's tables (label "store")."""

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "wikitally.store"
    label = "store"
    verbose_name = "wikitally store"
    # Fixed here, not taken from the host project's DEFAULT_AUTO_FIELD, so migrations never drift.
    default_auto_field = "django.db.models.BigAutoField"
