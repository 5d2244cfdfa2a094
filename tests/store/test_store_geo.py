"""The store's page locations and daily page views: round trips, upserts, the days already known, isolation.

Tests taking the `store` fixture run on a fresh SQLite file and, marked postgres, on the PostgreSQL
database named by WIKITALLY_TEST_PG_URL (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start)).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from django.core.management import call_command

from wikitally.metrics.geo import Location, coarsen
from wikitally.model import Campaign, Point
from wikitally.store import Store, open_store

PG_URL_VAR = "WIKITALLY_TEST_PG_URL"
SQ, SR = "sq.wikipedia.org", "sr.wikipedia.org"
T0 = datetime(2024, 3, 16, 12, 0, tzinfo=UTC)
D = date(2024, 3, 8)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated store: a new SQLite file, or the shared PostgreSQL test database."""
    if request.param == "sqlite":
        yield open_store(str(tmp_path / "store.sqlite3"))
        return
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set (export WIKITALLY_TEST_PG_URL=$(scripts/postgres.sh start))")
    pg = open_store(url)
    yield pg
    from wikitally.store import models as orm  # the database outlives the test: drop this test's rows

    orm.Campaign.objects.using(pg.alias).filter(key__startswith="geo ").delete()


def make_campaign(name: str) -> Campaign:
    return Campaign(
        name=name,
        start=datetime(2024, 3, 8, tzinfo=UTC),
        end=datetime(2024, 3, 15, 23, 59, 59, tzinfo=UTC),
        wikis=(SQ, SR),
        participants=("Ana",),
        source="campaign.toml",
    )


@pytest.fixture
def campaign() -> Campaign:
    return make_campaign(f"geo {uuid.uuid4().hex[:8]}")


def days(first: date, *views: int) -> list[tuple[date, int]]:
    return [(first + timedelta(days=i), v) for i, v in enumerate(views)]


# ---------------------------------------------------------------------------------------------- locations


def test_locations_round_trip(store: Store, campaign: Campaign) -> None:
    tirana = Point(41.3275, 19.818889)
    store.save_locations(
        campaign,
        [
            Location(SQ, "Tirana", tirana, "geodata"),
            Location(SQ, "Butrint", coarsen(Point(39.745833, 20.020833)), "wikidata"),
            Location(SQ, "Gjuha shqipe", None, "none"),
            Location(SR, "Београд", Point(44.816667, 20.45), "wikitext"),
        ],
        fetched_at=T0,
    )
    assert store.locations(campaign) == {
        (SQ, "Butrint"): coarsen(Point(39.745833, 20.020833)),
        (SQ, "Gjuha shqipe"): None,
        (SQ, "Tirana"): tirana,
        (SR, "Београд"): Point(44.816667, 20.45),
    }
    assert store.location_fetched(campaign, SQ) == {"Tirana": T0, "Butrint": T0, "Gjuha shqipe": T0}
    assert store.pageviews(campaign) == {}


def test_locating_again_updates_in_place(store: Store, campaign: Campaign) -> None:
    store.save_locations(campaign, [Location(SQ, "Butrint", None, "none")], fetched_at=T0)
    later = T0 + timedelta(days=30)
    found = Location(SQ, "Butrint", Point(39.7, 20.0), "wikidata")
    store.save_locations(campaign, [found], fetched_at=later)
    store.save_locations(campaign, [found], fetched_at=later)
    assert store.locations(campaign) == {(SQ, "Butrint"): Point(39.7, 20.0)}
    assert store.location_fetched(campaign, SQ) == {"Butrint": later}


def test_fetched_at_must_be_aware_and_is_kept_in_utc(store: Store, campaign: Campaign) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.save_locations(campaign, [Location(SQ, "X", None, "none")], fetched_at=datetime(2024, 3, 16))
    tirane = timezone(timedelta(hours=1))
    store.save_locations(
        campaign, [Location(SQ, "X", None, "none")], fetched_at=datetime(2024, 3, 16, 13, tzinfo=tirane)
    )
    assert store.location_fetched(campaign, SQ)["X"] == T0


# ---------------------------------------------------------------------------------------------- page views


def test_pageviews_round_trip_and_known_days(store: Store, campaign: Campaign) -> None:
    store.save_pageviews(campaign, SQ, {"Tirana": days(D, 100, 0, 3), "Butrint": days(D, 5)})
    store.save_pageviews(campaign, SR, {"Београд": days(D + timedelta(days=2), 9)})
    assert store.pageviews(campaign) == {
        (SQ, "Butrint"): days(D, 5),
        (SQ, "Tirana"): days(D, 100, 0, 3),
        (SR, "Београд"): days(D + timedelta(days=2), 9),
    }
    assert store.known_pageview_days(campaign, SQ, D, D + timedelta(days=7)) == {
        "Tirana": {D, D + timedelta(days=1), D + timedelta(days=2)},
        "Butrint": {D},
    }
    # Only days within [start, end] are reported.
    assert store.known_pageview_days(campaign, SQ, D + timedelta(days=1), D + timedelta(days=1)) == {
        "Tirana": {D + timedelta(days=1)}
    }
    assert store.known_pageview_days(campaign, SR, D, D + timedelta(days=1)) == {}


def test_saving_views_again_overwrites_and_adds_days(store: Store, campaign: Campaign) -> None:
    store.save_pageviews(campaign, SQ, {"Tirana": days(D, 100, 0)})
    store.save_pageviews(campaign, SQ, {"Tirana": days(D + timedelta(days=1), 7, 8)})
    store.save_pageviews(campaign, SQ, {"Tirana": days(D + timedelta(days=1), 7, 8)})
    assert store.pageviews(campaign) == {(SQ, "Tirana"): days(D, 100, 7, 8)}


def test_many_days_many_pages(store: Store, campaign: Campaign) -> None:
    daily = {f"Page {n}": days(D, *range(400)) for n in range(5)}  # 2000 rows, several upsert batches
    store.save_pageviews(campaign, SQ, daily)
    stored = store.pageviews(campaign)
    assert len(stored) == 5 and all(stored[(SQ, t)] == v for t, v in daily.items())
    known = store.known_pageview_days(campaign, SQ, D, D + timedelta(days=399))
    assert all(len(k) == 400 for k in known.values())


# ---------------------------------------------------------------------------------------------- scoping


def test_unknown_campaigns_read_as_empty(store: Store) -> None:
    ghost = make_campaign(f"geo ghost {uuid.uuid4().hex[:8]}")
    assert store.locations(ghost) == {}
    assert store.location_fetched(ghost, SQ) == {}
    assert store.pageviews(ghost) == {}
    assert store.known_pageview_days(ghost, SQ, D, D) == {}


def test_campaigns_do_not_see_each_other(store: Store, campaign: Campaign) -> None:
    other = make_campaign(f"geo other {uuid.uuid4().hex[:8]}")
    store.save_locations(campaign, [Location(SQ, "Tirana", Point(41.3, 19.8), "geodata")], fetched_at=T0)
    store.save_pageviews(campaign, SQ, {"Tirana": days(D, 1)})
    store.save_locations(other, [Location(SQ, "Tirana", None, "none")], fetched_at=T0)
    store.save_pageviews(other, SQ, {"Tirana": days(D, 2)})
    assert store.locations(campaign) == {(SQ, "Tirana"): Point(41.3, 19.8)}
    assert store.locations(other) == {(SQ, "Tirana"): None}
    assert store.pageviews(campaign) == {(SQ, "Tirana"): [(D, 1)]}
    assert store.pageviews(other) == {(SQ, "Tirana"): [(D, 2)]}


def test_the_models_match_the_migrations(store: Store) -> None:
    call_command("makemigrations", "store", "--check", "--dry-run", verbosity=0)
