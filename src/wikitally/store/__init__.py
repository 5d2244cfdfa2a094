"""The database: `open_store(db)` → `Store`. The only code that knows the schema (Django ORM, migrations).

Importing this package does not import the Django models, so a Django project can list `wikitally.store`
in INSTALLED_APPS and any module can import `Store`; open_store sets Django up before the first query.
"""

from wikitally.store.db import connect
from wikitally.store.repository import Store

__all__ = ["Store", "open_store"]


def open_store(db: str) -> Store:
    """A Store on db (a file path, sqlite:///abs/path or postgresql://…), migrated to the latest schema.

    Raises StoreError (one line) when db is malformed or cannot be opened.
    """
    return Store(connect(db))
