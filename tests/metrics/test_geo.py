"""wikitally.metrics.geo: coordinates from wikitext, coarsening to ~10 km cells, view totals."""

from __future__ import annotations

import math
import random
import time
from datetime import date, timedelta

import pytest

from wikitally.metrics.geo import (
    InfoboxScheme,
    Location,
    coarsen,
    coarsen_locations,
    coord_from_wikitext,
    views_total,
)
from wikitally.model import Point


def approx(point: Point | None, lat: float, lon: float) -> bool:
    return (
        point is not None
        and math.isclose(point.lat, lat, abs_tol=1e-9)
        and math.isclose(point.lon, lon, abs_tol=1e-9)
    )


# ---------------------------------------------------------------------------------------------- wikitext


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("{{coord|41.3275|19.8189|display=title}}", 41.3275, 19.8189),
        ("{{Coord|-33.8568|151.2153|type:landmark_region:AU}}", -33.8568, 151.2153),
        ("{{coord|44.1124|N|87.9130|W}}", 44.1124, -87.9130),
        ("{{coord|41|19|N|19|49|E}}", 41 + 19 / 60, 19 + 49 / 60),
        (
            "{{coord|57|18|22|N|4|27|32|W|display=title}}",
            57 + 18 / 60 + 22 / 3600,
            -(4 + 27 / 60 + 32 / 3600),
        ),
        ("{{coord|33|55|S|18|25|E}}", -(33 + 55 / 60), 18 + 25 / 60),
        ("{{coord|41|19||N|19|49||E}}", 41 + 19 / 60, 19 + 49 / 60),  # empty seconds
        ("{{ coord | 41.5 | 19.5 | display = inline,title }}", 41.5, 19.5),
        ("{{Coord|−33.86|151.2}}", -33.86, 151.2),  # U+2212 minus
        ("{{Template:Coord|1|2}}", 1, 2),
        ("{{coord_|1|2}}", 1, 2),  # "_" is a space; trailing space dropped
        ("{{Координате|44|49|N|20|27|E|display=title}}", 44 + 49 / 60, 20 + 27 / 60),
        ("{{Координаты|55|45|N|37|37|E}}", 55.75, 37 + 37 / 60),
        ("{{#coordinates:41.3|19.8|primary}}", 41.3, 19.8),
        ("{{coord|90|180}}", 90, 180),
        ("{{coord|-90|-180}}", -90, -180),
    ],
)
def test_coord_template_forms(text, lat, lon):
    assert approx(coord_from_wikitext(text), lat, lon)


@pytest.mark.parametrize(
    "text",
    [
        "{{coord|90.5|10}}",  # |lat| > 90
        "{{coord|10|180.01}}",  # |lon| > 180
        "{{coord|91|0|N|10|0|E}}",
        "{{coord|10|0|N|181|0|W}}",
        "{{coord|12|61|N|1|E}}",  # minutes ≥ 60
        "{{coord|12|1|60|N|1|E}}",  # seconds ≥ 60
        "{{coord|-12|1|N|1|E}}",  # a sign and a hemisphere
        "{{coord|12|N|1}}",  # no E/W
        "{{coord|12}}",
        "{{coord|north|east}}",
        "{{coord|1e3|2}}",
        "{{coord|nan|2}}",
        "{{coord}}",
        "no template at all",
        "",
    ],
)
def test_invalid_coordinates_are_none(text):
    assert coord_from_wikitext(text) is None


def test_display_title_wins_over_infobox_and_inline():
    text = (
        "{{coord|1|1}} inline first\n"
        "{{Infobox settlement|coordinates={{coord|2|2}}}}\n"
        "{{coord|3|3|display=title}}"
    )
    assert approx(coord_from_wikitext(text), 3, 3)


def test_infobox_wins_over_inline_mentions():
    text = (
        "Near {{coord|1|1}}.\n{{Infobox settlement\n| name = X\n| coordinates = {{coord|42|21|N|71|3|W}}\n}}"
    )
    assert approx(coord_from_wikitext(text), 42.35, -71.05)


def test_first_inline_when_nothing_else():
    assert approx(coord_from_wikitext("a {{coord|1|2}} b {{coord|3|4}}"), 1, 2)


def test_first_title_coordinate_is_taken():
    assert approx(coord_from_wikitext("{{coord|1|2|display=title}}{{coord|3|4|display=title}}"), 1, 2)


def test_an_invalid_title_coordinate_does_not_hide_a_valid_one():
    assert approx(coord_from_wikitext("{{coord|99|2|display=title}}{{coord|3|4}}"), 3, 4)


@pytest.mark.parametrize(
    ("infobox", "lat", "lon"),
    [
        ("| latd = 41 | latm = 20 | latNS = N | longd = 19 | longm = 30 | longEW = E", 41 + 20 / 60, 19.5),
        (
            "| latd = 33 | latm = 52 | lats = 4 | latNS = S | longd = 151 | longEW = E",
            -(33 + 52 / 60 + 4 / 3600),
            151,
        ),
        ("| latd = -33.86 | longd = 151.21", -33.86, 151.21),  # no hemispheres: signed decimals
        ("| lat_deg = 55 | lat_min = 45 | lon_deg = 37 | lon_min = 37", 55.75, 37 + 37 / 60),
        (
            "| lat_deg = 45 | lat_min = 15 | lat_dir = N | lon_deg = 19 | lon_min = 50 | lon_dir = W",
            45.25,
            -(19 + 50 / 60),
        ),
        ("| lat_d = 48 | lat_m = 51 | lat_NS = N | long_d = 2 | long_m = 21 | long_EW = E", 48.85, 2.35),
    ],
)
def test_infobox_degree_parameters(infobox, lat, lon):
    assert approx(coord_from_wikitext("{{Infobox church\n" + infobox + "\n}}"), lat, lon)


@pytest.mark.parametrize(
    "infobox",
    [
        "| latd = | longd = ",  # empty: a blank infobox
        "| latd = 41 | latNS = E | longd = 19 | longEW = E",  # a latitude is N or S
        "| latd = 95 | longd = 19",
    ],
)
def test_unusable_infobox_parameters_are_ignored(infobox):
    assert coord_from_wikitext("{{Infobox\n" + infobox + "\n}}") is None


def test_local_names_are_configurable():
    text = "{{Koordinatat|41|19|N|19|49|E}} {{Kutia|gjerësia=41|gjatësia=19}}"
    assert coord_from_wikitext(text) is None
    assert approx(coord_from_wikitext(text, templates=["Koordinatat"]), 41 + 19 / 60, 19 + 49 / 60)
    scheme = InfoboxScheme("gjerësia", "", "", "", "gjatësia", "", "", "")
    assert approx(coord_from_wikitext(text, templates=[], infobox_schemes=[scheme]), 41, 19)


@pytest.mark.parametrize(
    "text",
    [
        "<!-- {{coord|1|2|display=title}} -->",
        "<!-- unclosed comment {{coord|1|2}}",
        "<nowiki>{{coord|1|2}}</nowiki>",
        "<NOWIKI>{{coord|1|2}}</NOWIKI>",
        "{<nowiki/>{coord|1|2}}",
        "<pre>{{coord|1|2}}</pre>",
        '<syntaxhighlight lang="wikitext">{{coord|1|2}}</syntaxhighlight>',
    ],
)
def test_what_readers_do_not_see_as_a_template_is_ignored(text):
    assert coord_from_wikitext(text) is None


def test_hidden_coordinates_do_not_shadow_real_ones():
    text = "<!-- {{coord|1|1|display=title}} --> <nowiki>{{coord|2|2|display=title}}</nowiki> {{coord|3|3}}"
    assert approx(coord_from_wikitext(text), 3, 3)


def test_pipes_in_links_and_nested_templates_do_not_split_arguments():
    text = "{{Infobox|caption=[[File:X.jpg|thumb|a]]|coordinates={{coord|{{#expr:1+1}}|3}}|x={{coord|4|5}}}}"
    # The first coord has a non-number latitude (an expression): skipped; the second is in the infobox.
    assert approx(coord_from_wikitext(text), 4, 5)


def test_unclosed_and_pathological_markup_is_fast_and_safe():
    assert coord_from_wikitext("{{Infobox|x=1\n{{coord|1|2}} and never closed") is not None
    t0 = time.perf_counter()
    assert coord_from_wikitext("{{" * 50_000 + "|" * 50_000) is None
    assert coord_from_wikitext("[[" * 20_000 + "{{coord|1|2}}") is not None
    assert time.perf_counter() - t0 < 2.0


# ---------------------------------------------------------------------------------------------- coarsening


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@pytest.mark.parametrize("km", [1.0, 10.0, 25.0])
def test_coarsening_moves_a_point_at_most_one_cell_size(km):
    rng = random.Random(20240308)
    points = [Point(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(20_000)]
    points += [Point(s * rng.uniform(89, 90), rng.uniform(-180, 180)) for s in (1, -1) for _ in range(2_000)]
    points += [Point(rng.uniform(-60, 60), s * rng.uniform(179.9, 180)) for s in (1, -1) for _ in range(500)]
    points += [Point(90, 0), Point(-90, 0), Point(0, 180), Point(0, -180), Point(0, 0)]
    worst = max(distance_km(p, coarsen(p, km)) / km for p in points)
    assert worst <= 1.0


def test_points_in_the_same_cell_map_to_the_same_output():
    tirana = coarsen(Point(41.3275, 19.8189))
    # Two nearby points of Tirana's cell, and the cell's centre itself.
    near = [Point(tirana.lat + dy, tirana.lon + dx) for dy in (-0.04, 0.0, 0.04) for dx in (-0.05, 0.05)]
    assert {coarsen(p) for p in near} == {tirana}
    assert coarsen(tirana) == tirana  # idempotent


def test_cells_are_about_ten_kilometres():
    base = coarsen(Point(41.3275, 19.8189))
    north = coarsen(Point(base.lat + 0.0899, base.lon))
    east = coarsen(Point(base.lat, base.lon + 0.12))
    assert 9.0 < distance_km(base, north) < 11.0
    assert 9.0 < distance_km(base, east) < 12.0  # columns are widened to fill 360° exactly


def test_coarsening_is_deterministic_and_documented():
    p = Point(42.046944, 19.493611)
    assert coarsen(p) == coarsen(Point(p.lat, p.lon)) == coarsen(p, km=10)
    assert coarsen(p) != p
    assert coarsen.__doc__ and "km" in coarsen.__doc__
    with pytest.raises(ValueError):
        coarsen(p, km=0)


def test_poles_and_the_antimeridian():
    assert coarsen(Point(89.99, 123.0)) == Point(90.0, 0.0)
    assert coarsen(Point(-89.95, -77.0)) == Point(-90.0, 0.0)
    assert coarsen(Point(10.0, 180.0)) == coarsen(Point(10.0, -180.0))


def test_only_sensitive_locations_are_coarsened():
    exact = Point(41.3275, 19.8189)
    locs = [
        Location("sq.wikipedia.org", "Tirana", exact, "geodata"),
        Location("sq.wikipedia.org", "Butrint", exact, "wikidata"),
        Location("sq.wikipedia.org", "Zana", None, "none"),
    ]
    out = coarsen_locations(locs, {("sq.wikipedia.org", "Butrint"), ("sq.wikipedia.org", "Zana")})
    assert [loc.point for loc in out] == [exact, coarsen(exact), None]
    assert [loc.source for loc in out] == ["geodata", "wikidata", "none"]


# ---------------------------------------------------------------------------------------------- views


def test_views_total_is_the_real_sum_from_a_day_on():
    start = date(2024, 3, 8)
    daily = [(start + timedelta(days=i), v) for i, v in enumerate([100, 0, 3, 50, 7])]
    assert views_total(daily, start) == 160
    assert views_total(daily, date(2024, 3, 10)) == 60  # 3 + 50 + 7, not an average times days
    assert views_total(daily, date(2024, 3, 13)) == 0
    assert views_total([], start) == 0
    assert views_total(iter(daily), date(2024, 1, 1)) == 160  # any iterable, read once
