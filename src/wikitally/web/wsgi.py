"""The WSGI application, `wikitally.web.wsgi:application`: gunicorn's entry point (docs/web.md, "Production").

Django is configured from the environment (web/settings.py: WIKITALLY_SECRET_KEY, WIKITALLY_DB, …) when
each server process imports this module. Nothing is migrated here: several worker processes would race to
migrate the same database at every start; `wikitally migrate` is the release step, run once before the
servers start (`wikitally serve` runs it itself, then this same application under waitress).
"""

import os
import sys

from django.core.wsgi import get_wsgi_application

from wikitally.web.launch import DEV_WARNING

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wikitally.web.settings")
if os.environ.get("WIKITALLY_DEV") == "1":  # settings.py refuses it with a public WIKITALLY_ALLOWED_HOSTS
    print(f"wikitally: {DEV_WARNING}", file=sys.stderr, flush=True)

application = get_wsgi_application()
