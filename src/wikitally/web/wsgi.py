"""The WSGI application, `wikitally.web.wsgi:application`: gunicorn's entry point (docs/web.md, "Production").

Django is configured from the environment (web/settings.py: WIKITALLY_SECRET_KEY, WIKITALLY_DB, …) when
each server process imports this module. Nothing is migrated here: several worker processes would race to
migrate the same database at every start; `wikitally migrate` is the release step, run once before the
servers start (`wikitally serve` runs it itself, then this same application under waitress).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wikitally.web.settings")

application = get_wsgi_application()
