"""The Django app of signing in (its WikiAccount model lives in wikitally.store, the only schema owner)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wikitally.web.accounts"
    label = "accounts"
    verbose_name = "wikitally accounts"
