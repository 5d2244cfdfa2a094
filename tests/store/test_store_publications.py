"""What wikitally published: one record per (api.php URL, title), the newest revision kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from wikitally.model import Publication
from wikitally.store import open_store

API = "https://meta.wikimedia.org/w/api.php"
OTHER = "http://127.0.0.1:8080/api.php"
T0 = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def test_a_publication_is_recorded_per_wiki_and_title(tmp_path):
    store = open_store(str(tmp_path / "store.sqlite3"))
    assert store.publication(API, "News/2024-03/ru") is None

    store.record_publication(API, "News/2024-03/ru", 101, "Organizer", T0)
    store.record_publication(OTHER, "News/2024-03/ru", 7, "Bot", T0)
    store.record_publication(API, "News/2024-03", 100, "Organizer", T0)

    assert store.publication(API, "News/2024-03/ru") == Publication(101, "Organizer", T0)
    assert store.publication(OTHER, "News/2024-03/ru") == Publication(7, "Bot", T0)
    assert store.publication(API, "News/2024-03") == Publication(100, "Organizer", T0)
    assert store.publication(API, "News/2024-04/ru") is None


def test_the_latest_publication_replaces_the_one_before(tmp_path):
    store = open_store(str(tmp_path / "store.sqlite3"))
    cest = timezone(timedelta(hours=2))
    store.record_publication(API, "Новости/ru", 101, "Organizer", T0)
    store.record_publication(API, "Новости/ru", 2**40, "Other bot", datetime(2026, 12, 3, 14, 0, tzinfo=cest))

    again = open_store(str(tmp_path / "store.sqlite3"))  # read back from the file
    assert again.publication(API, "Новости/ru") == Publication(
        2**40, "Other bot", datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    )
