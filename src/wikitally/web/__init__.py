"""The web app: campaign pages, downloads and a read-only JSON API over the same services as the CLI.

A Django project usable on its own (`DJANGO_SETTINGS_MODULE=wikitally.web.settings`, `wsgi.application`)
or through `wikitally serve`. Its settings come from the environment only (settings.py).
"""
