"""wikitally.store: round trips, idempotent writes, replacement, isolation, several databases, errors.

Tests taking the `store` fixture run on a fresh SQLite file and, marked postgres, on the PostgreSQL
database named by WIKITALLY_TEST_PG_URL (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start)).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext

from wikitally.errors import StoreError
from wikitally.model import Account, Campaign, ContentFacts, PageState, Revision, SiteInfo, Snapshot, Upload
from wikitally.store import Store, open_store

PG_URL_VAR = "WIKITALLY_TEST_PG_URL"
EN, FR = "en.wikipedia.org", "fr.wikipedia.org"
T0 = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
CEST = timezone(timedelta(hours=2))


def pg_url() -> str:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start))")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated store: a new SQLite file, or the shared PostgreSQL test database."""
    if request.param == "sqlite":
        yield open_store(str(tmp_path / "store.sqlite3"))
        return
    pg = open_store(pg_url())
    yield pg
    # The database outlives the test: drop this test's campaigns (their rows cascade).
    from wikitally.store import models as orm

    orm.Campaign.objects.using(pg.alias).filter(key__startswith=request.node.name).delete()


def make_campaign(name: str, **changes: object) -> Campaign:
    fields: dict[str, object] = {
        "name": name,
        "start": datetime(2024, 3, 1, tzinfo=UTC),
        "end": datetime(2024, 3, 31, 23, 59, 59, tzinfo=UTC),
        "wikis": (EN, FR),
        "participants": ("Alice", "Bob"),
        "hashtags": ("wikitally",),
        "namespaces": (0,),
        "api": {EN: "http://127.0.0.1:8080/api.php"},
        "sfn_templates": {FR: ("harvsp",)},
        "source": "campaign.toml",
    }
    fields.update(changes)
    return Campaign(**fields)  # type: ignore[arg-type]


@pytest.fixture
def campaign(request: pytest.FixtureRequest) -> Campaign:
    """A campaign whose key is unique to this test run (the PostgreSQL database is shared)."""
    return make_campaign(f"{request.node.name} {uuid.uuid4().hex[:8]}")


def revision(rev_id: int, wiki: str = EN, **changes: object) -> Revision:
    fields: dict[str, object] = {
        "wiki": wiki,
        "rev_id": rev_id,
        "parent_id": rev_id - 1,
        "page_id": rev_id // 10,
        "namespace": 0,
        "title": f"Page {rev_id // 10}",
        "user": "Alice",
        "timestamp": T0 + timedelta(minutes=rev_id),
        "comment": "+ref",
        "size": 1000 + rev_id,
        "sizediff": 42,
        "tags": ("visualeditor",),
    }
    fields.update(changes)
    return Revision(**fields)  # type: ignore[arg-type]


def revisions(n: int, wiki: str = EN) -> list[Revision]:
    return [revision(i, wiki) for i in range(1, n + 1)]


def everything(store: Store, campaign: Campaign) -> None:
    """One of every kind of row, with the awkward values: None, empty tuples, unicode, non-UTC times."""
    store.save_siteinfo(campaign, SiteInfo(EN, (0, 104), {0: "", 1: "Talk", 104: "Page"}, ("Cite",), 7776000))
    store.save_siteinfo(campaign, SiteInfo(FR, (0,), {0: "", 2: "Utilisateur"}))
    store.replace_revisions(
        campaign,
        EN,
        [
            revision(10, parent_id=0, new=True, tags=()),
            revision(11, comment=None, sizediff=None, texthidden=True, tags=("mw-reverted", "mw-undo")),
            revision(25, title="Talk:Ünïcödé ✓", namespace=1, user="Bob", timestamp=T0.astimezone(CEST)),
        ],
    )
    store.replace_revisions(campaign, FR, [revision(7, FR, title="Éléphant", sizediff=-3)])
    store.replace_pages(
        campaign, EN, [PageState(EN, 1, 0, "Page 1", False), PageState(EN, 2, 1, "Talk:Ünïcödé ✓", True)]
    )
    store.replace_pages(campaign, FR, [PageState(FR, 0, 0, "Éléphant", False, exists=False)])
    store.save_facts(campaign, [ContentFacts(EN, 10, 120, 0, 3), ContentFacts(FR, 7, 0, 2, 1)])
    store.replace_uploads(
        campaign,
        EN,
        [Upload(EN, "File:A.jpg", "Alice", T0, True), Upload(EN, "File:B.png", "Bob", T0, False)],
    )
    store.upsert_accounts(
        campaign,
        [
            Account(EN, "Alice", T0 - timedelta(days=3)),
            Account(FR, "Alice", None),
            Account(EN, "Ghost", None, False),
        ],
    )
    store.finish_wiki(campaign, EN, watermark=T0 + timedelta(hours=1), collected_at=T0 + timedelta(hours=2))


def test_round_trip_of_every_model_type(store: Store, campaign: Campaign) -> None:
    everything(store, campaign)

    snap = store.snapshot(campaign)

    assert snap == Snapshot(
        campaign=campaign,
        revisions=(
            revision(10, parent_id=0, new=True, tags=()),
            revision(11, comment=None, sizediff=None, texthidden=True, tags=("mw-reverted", "mw-undo")),
            revision(25, title="Talk:Ünïcödé ✓", namespace=1, user="Bob", timestamp=T0),
            revision(7, FR, title="Éléphant", sizediff=-3),
        ),
        pages=(
            PageState(EN, 1, 0, "Page 1", False),
            PageState(EN, 2, 1, "Talk:Ünïcödé ✓", True),
            PageState(FR, 0, 0, "Éléphant", False, exists=False),
        ),
        facts=(ContentFacts(EN, 10, 120, 0, 3), ContentFacts(FR, 7, 0, 2, 1)),
        uploads=(Upload(EN, "File:A.jpg", "Alice", T0, True), Upload(EN, "File:B.png", "Bob", T0, False)),
        accounts=(
            Account(EN, "Alice", T0 - timedelta(days=3)),
            Account(EN, "Ghost", None, False),
            Account(FR, "Alice", None),
        ),
        siteinfo=(
            SiteInfo(EN, (0, 104), {0: "", 1: "Talk", 104: "Page"}, ("Cite",), 7776000),
            SiteInfo(FR, (0,), {0: "", 2: "Utilisateur"}),
        ),
    )
    every_time = [r.timestamp for r in snap.revisions] + [u.timestamp for u in snap.uploads]
    assert all(t.utcoffset() == timedelta(0) for t in every_time)
    assert store.watermark(campaign, EN) == T0 + timedelta(hours=1)
    assert store.watermark(campaign, FR) is None
    assert store.siteinfo(campaign, FR) == SiteInfo(FR, (0,), {0: "", 2: "Utilisateur"})
    assert store.siteinfo(campaign, "de.wikipedia.org") is None
    assert store.known_facts(campaign, EN) == {10}
    assert store.accounts(campaign) == list(snap.accounts)


def test_outcomes_round_trip_and_the_newest_is_current(store: Store, campaign: Campaign) -> None:
    assert store.latest_outcome(campaign) is None
    store.save_outcome(campaign, {"edits": 1}, as_of=T0, computed_at=T0)
    store.save_outcome(
        campaign, {"edits": 2, "by_wiki": {EN: [1, 2.5, None]}}, as_of=T0, computed_at=T0 + timedelta(1)
    )
    store.save_outcome(campaign, {"edits": 0}, as_of=T0, computed_at=T0 - timedelta(1))

    assert store.latest_outcome(campaign) == {"edits": 2, "by_wiki": {EN: [1, 2.5, None]}}
    assert store.counts(campaign)["outcome"] == 3


def test_the_same_writes_twice_change_nothing(store: Store, campaign: Campaign) -> None:
    everything(store, campaign)
    counts, snap = store.counts(campaign), store.snapshot(campaign)

    everything(store, campaign)
    store.add_revisions(campaign, EN, [revision(10, parent_id=0, new=True, tags=())])
    store.upsert_pages(campaign, EN, [PageState(EN, 1, 0, "Page 1", False)])

    assert store.counts(campaign) == counts
    assert store.snapshot(campaign) == snap
    assert counts == {
        "campaign": 1,
        "wiki_state": 2,
        "revision": 4,
        "page": 3,
        "content_facts": 2,
        "upload": 2,
        "account": 3,
        "outcome": 0,
    }


def test_replace_removes_what_vanished_and_updates_what_changed(store: Store, campaign: Campaign) -> None:
    store.replace_revisions(campaign, EN, revisions(30))
    store.replace_revisions(campaign, FR, revisions(5, FR))
    store.replace_pages(campaign, EN, [PageState(EN, 1, 0, "A", False), PageState(EN, 2, 0, "B", False)])
    store.replace_uploads(campaign, EN, [Upload(EN, "File:A.jpg", "Alice", T0, True)])

    moved = revision(12, title="Moved", namespace=2, tags=("mw-reverted",))
    store.replace_revisions(campaign, EN, [revision(11), moved, revision(31)])
    store.replace_pages(campaign, EN, [PageState(EN, 2, 0, "B", True)])
    store.replace_uploads(campaign, EN, [])

    snap = store.snapshot(campaign)
    assert [(r.wiki, r.rev_id) for r in snap.revisions] == [(EN, 11), (EN, 12), (EN, 31)] + [
        (FR, i) for i in range(1, 6)
    ]
    assert snap.revisions[1] == moved
    assert snap.pages == (PageState(EN, 2, 0, "B", True),)
    assert snap.uploads == ()


def test_add_revisions_keeps_the_others(store: Store, campaign: Campaign) -> None:
    store.replace_revisions(campaign, EN, revisions(3))
    store.add_revisions(campaign, EN, [revision(3, comment="edited"), revision(4)])

    assert [r.rev_id for r in store.snapshot(campaign).revisions] == [1, 2, 3, 4]
    assert store.snapshot(campaign).revisions[2].comment == "edited"


def test_duplicate_keys_in_one_call_keep_the_last(store: Store, campaign: Campaign) -> None:
    store.replace_revisions(campaign, EN, [revision(1, size=1), revision(2), revision(1, size=3)])

    assert [(r.rev_id, r.size) for r in store.snapshot(campaign).revisions] == [(1, 3), (2, 1002)]


def test_campaigns_are_isolated(store: Store, campaign: Campaign) -> None:
    other = make_campaign(f"{campaign.name} other")
    everything(store, campaign)
    store.replace_revisions(other, EN, [revision(10, user="Carol")])
    store.save_outcome(other, {"edits": 1}, as_of=T0)

    store.replace_revisions(campaign, EN, [])

    assert store.snapshot(other).revisions == (revision(10, user="Carol"),)
    assert store.counts(other) == {
        "campaign": 1,
        "wiki_state": 0,
        "revision": 1,
        "page": 0,
        "content_facts": 0,
        "upload": 0,
        "account": 0,
        "outcome": 1,
    }
    assert store.counts(campaign)["revision"] == 1  # fr's revision stays
    assert store.latest_outcome(campaign) is None
    assert store.campaign_id(campaign) != store.campaign_id(other)


def test_unknown_campaign_reads_as_empty_and_creates_nothing(store: Store, campaign: Campaign) -> None:
    assert store.snapshot(campaign) == Snapshot(campaign, (), (), (), (), (), ())
    assert store.watermark(campaign, EN) is None
    assert store.siteinfo(campaign, EN) is None
    assert store.known_facts(campaign, EN) == set()
    assert store.accounts(campaign) == []
    assert store.latest_outcome(campaign) is None
    assert set(store.counts(campaign).values()) == {0}


def test_campaign_row_follows_the_campaign_file(store: Store, campaign: Campaign) -> None:
    from wikitally.store import models as orm

    first = store.campaign_id(campaign)
    changed = dataclasses.replace(campaign, end=campaign.end + timedelta(days=7), hashtags=("a", "b"))

    assert store.campaign_id(changed) == first
    row = orm.Campaign.objects.using(store.alias).get(pk=first)
    assert row.config["end"] == "2024-04-07T23:59:59+00:00"
    assert row.config["hashtags"] == ["a", "b"]
    assert row.config["sfn_templates"] == {FR: ["harvsp"]}


def test_saving_20000_revisions_is_batched(store: Store, campaign: Campaign) -> None:
    many = revisions(20_000)
    with CaptureQueriesContext(connections[store.alias]) as first:
        store.replace_revisions(campaign, EN, many)
    with CaptureQueriesContext(connections[store.alias]) as again:
        store.replace_revisions(campaign, EN, many)

    assert store.counts(campaign)["revision"] == 20_000
    assert len(first) < 400  # ≥ 50 rows per INSERT (SQLite: 66, PostgreSQL: 500)
    assert not [q for q in again.captured_queries if q["sql"].startswith("INSERT")]  # nothing changed


@pytest.mark.parametrize(
    "method, args",
    [
        ("replace_revisions", (EN, [revision(1, FR)])),
        ("finish_wiki", (EN, datetime(2024, 1, 1), T0)),
        ("upsert_accounts", ([Account(EN, "Alice", datetime(2024, 1, 1))],)),
    ],
)
def test_wrong_wiki_and_naive_times_are_refused(
    method: str, args: tuple[object, ...], tmp_path: Path
) -> None:
    store = open_store(str(tmp_path / "s.sqlite3"))
    campaign = make_campaign("refused")

    with pytest.raises(ValueError):
        getattr(store, method)(campaign, *args)

    assert store.counts(campaign)["campaign"] == 0  # the whole call rolled back
    store.replace_revisions(campaign, EN, [revision(1)])
    assert store.counts(campaign)["revision"] == 1


def test_two_sqlite_files_in_one_process(tmp_path: Path) -> None:
    a = open_store(str(tmp_path / "a" / "store.sqlite3"))  # parent directory created
    b = open_store(f"sqlite://{tmp_path}/b.sqlite3")
    a_again = open_store(f"sqlite://{tmp_path / 'a' / 'store.sqlite3'}")
    campaign = make_campaign("two files")

    a.replace_revisions(campaign, EN, revisions(3))
    b.replace_revisions(campaign, EN, revisions(1))

    assert a.alias != b.alias
    assert a_again.alias == a.alias
    assert a.counts(campaign)["revision"] == 3
    assert b.counts(campaign)["revision"] == 1
    assert (tmp_path / "a" / "store.sqlite3").is_file() and (tmp_path / "b.sqlite3").is_file()
    with connections[a.alias].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


@pytest.mark.postgres
def test_sqlite_and_postgresql_in_one_process(tmp_path: Path) -> None:
    lite, pg = open_store(str(tmp_path / "store.sqlite3")), open_store(pg_url())
    campaign = make_campaign(f"test_sqlite_and_postgresql_in_one_process {tmp_path.name}")

    for store in (lite, pg):
        everything(store, campaign)

    assert (lite.vendor, pg.vendor) == ("sqlite", "postgresql")
    assert lite.snapshot(campaign) == pg.snapshot(campaign)
    from wikitally.store import models as orm

    orm.Campaign.objects.using(pg.alias).filter(key=campaign.key).delete()


@pytest.mark.parametrize(
    "db, problem",
    [
        ("postgresql://wikitally:secret@127.0.0.1:1/wikitally", "connection refused"),
        (
            "postgresql://wikitally@127.0.0.1:1/wikitally?password=secret&sslmode=disable",
            "connection refused",
        ),
        (
            "postgresql://wikitally@127.0.0.1:port/wikitally?sslmode=disable&PASSWORD=secret",
            "bad database URL",
        ),
        ("postgresql://127.0.0.1:5432", "name the database"),
        ("postgresql://127.0.0.1:port/db", "bad database URL"),
        ("mysql://127.0.0.1/wikitally", "unknown scheme 'mysql'"),
        ("sqlite://relative.db", "absolute"),
        ("/proc/wikitally/store.sqlite3", "cannot open database"),
        (__file__, "file is not a database"),
    ],
)
def test_a_bad_database_is_one_clear_line(db: str, problem: str) -> None:
    with pytest.raises(StoreError) as e:
        open_store(db)

    message = str(e.value)
    assert problem in message
    assert "\n" not in message
    assert message.endswith("check --db or WIKITALLY_DB")
    assert "secret" not in message


def test_no_missing_migrations(tmp_path: Path) -> None:
    open_store(str(tmp_path / "store.sqlite3"))  # sets Django up

    call_command("makemigrations", "store", check=True, dry_run=True, verbosity=0)  # SystemExit if missing


def run_python(code: str, tmp_path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_the_app_does_not_import_models(tmp_path: Path) -> None:
    """A Django project lists wikitally.store in INSTALLED_APPS: the package must import before setup."""
    out = run_python(
        """
        import sys
        from wikitally.store import Store, open_store
        print(sorted(m for m in sys.modules if m.startswith(("wikitally.store.", "django.db.models"))))
        """,
        tmp_path,
    )
    assert "wikitally.store.models" not in out
    assert "django.db.models" not in out


def test_a_host_project_keeps_its_default_database(tmp_path: Path) -> None:
    """Inside the web app, Django is configured already: its database keeps "default", others get theirs."""
    out = run_python(
        f"""
        import django
        from django.conf import settings
        settings.configure(
            INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "wikitally.store"],
            DATABASES={{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": "{tmp_path}/web.db"}}}},
            USE_TZ=True,
        )
        django.setup()
        from datetime import datetime, UTC
        from django.core.management import call_command
        from wikitally.model import Campaign
        from wikitally.store import open_store

        call_command("migrate", verbosity=0)  # the web app's own tables and wikitally's
        web, other = open_store("{tmp_path}/web.db"), open_store("{tmp_path}/other.db")
        campaign = Campaign("c", datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 2, 1, tzinfo=UTC), ())
        other.campaign_id(campaign)
        print(web.alias, other.alias, web.counts(campaign)["campaign"], other.counts(campaign)["campaign"])
        """,
        tmp_path,
    )
    assert out == "default wikitally_1 0 1"


@pytest.mark.parametrize(
    ("db", "shown"),
    [
        ("postgresql://u:secret@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgresql://u:se@cret@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u@h/db?password=secret", "postgresql://u@h/db?password=***"),
        (
            "postgresql://u@h/db?sslmode=require&password=secret#x",
            "postgresql://u@h/db?sslmode=require&password=***#x",
        ),
        ("postgresql://u@h/db?%70assword=secret", "postgresql://u@h/db?%70assword=***"),
        ("postgresql://u:secret@h/db?password=secret", "postgresql://u:***@h/db?password=***"),
        ("postgresql://h/db?user=u@x", "postgresql://h/db?user=u@x"),
        ("/var/lib/wikitally/store.sqlite3", "/var/lib/wikitally/store.sqlite3"),
    ],
)
def test_redact_hides_every_password(db: str, shown: str) -> None:
    from wikitally.store.db import redact

    assert redact(db) == shown
