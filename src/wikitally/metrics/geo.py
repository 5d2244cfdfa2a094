"""Where pages are and how often they are read: coordinates from wikitext, coarsening, view totals.

Pure: text and numbers in, values out (no HTTP, no database). The collectors in `wikitally.collect.geo`
and `wikitally.collect.pageviews` feed these.

`coord_from_wikitext` reads the coordinate a page gives itself the way readers see it: the `{{coord}}`
family (decimal, degrees/minutes/seconds with N/S/E/W, GeoData's `{{#coordinates:}}`), a coord template
inside an infobox (`coordinates = {{coord|…}}`), or an infobox's own degree parameters (`latd`/`longd`,
`lat_deg`/`lon_deg`, …). Template names and infobox parameter names are parameters, so a wiki's local
variants (`{{Координате}}` on srwiki) can be added. Markup that readers don't see as a template — inside
comments, `<nowiki>`, `<pre>` — is ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from wikitally.model import Point

# {{coord}} and the names local wikis give it (first letter case-insensitive, "_" = " ").
DEFAULT_COORD_TEMPLATES: tuple[str, ...] = ("Coord", "Координате", "Координаты")


@dataclass(frozen=True)
class InfoboxScheme:
    """Names of an infobox's coordinate parameters; minutes, seconds and hemispheres are optional."""

    lat_deg: str
    lat_min: str
    lat_sec: str
    lat_dir: str
    lon_deg: str
    lon_min: str
    lon_sec: str
    lon_dir: str


DEFAULT_INFOBOX_SCHEMES: tuple[InfoboxScheme, ...] = (
    InfoboxScheme("latd", "latm", "lats", "latNS", "longd", "longm", "longs", "longEW"),
    InfoboxScheme("lat_deg", "lat_min", "lat_sec", "lat_dir", "lon_deg", "lon_min", "lon_sec", "lon_dir"),
    InfoboxScheme("lat_d", "lat_m", "lat_s", "lat_NS", "long_d", "long_m", "long_s", "long_EW"),
)

Source = Literal["geodata", "wikitext", "wikidata", "none"]
SOURCES: tuple[Source, ...] = ("geodata", "wikitext", "wikidata", "none")


@dataclass(frozen=True)
class Location:
    """Where a page is, and who said so; point None (source "none") when nobody did."""

    wiki: str
    title: str
    point: Point | None
    source: Source


# ---------------------------------------------------------------------------------------------- wikitext

# Regions readers don't see as markup: comments (an unclosed one runs to the end), nowiki, pre, code.
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(nowiki|pre|syntaxhighlight|source|math|code)\b[^>]*?(?<!/)>.*?(?:</\1\s*>|\Z)"
    r"|<(?:nowiki|pre)\b[^>]*/>",
    re.DOTALL | re.IGNORECASE,
)
_TOKEN = re.compile(r"\{\{|\}\}|\[\[|\]\]|\|")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_TITLE_DISPLAY = {"title", "t", "it", "ti"}
# Preference among a page's coordinates: shown at the title, then an infobox's, then any other.
_TITLE, _INFOBOX, _INLINE = 0, 1, 2


@dataclass
class _Template:
    parts: list[str]  # raw text between top-level pipes: the name, then the arguments
    children: list[_Template] = field(default_factory=list)

    @property
    def name(self) -> str:
        return _normal_name(self.parts[0])

    def arguments(self) -> tuple[list[str], dict[str, str]]:
        """(positional, named) arguments, stripped; a later named argument wins, as in MediaWiki."""
        positional: list[str] = []
        named: dict[str, str] = {}
        for part in self.parts[1:]:
            key, eq, value = part.partition("=")
            if eq and "{{" not in key and "[[" not in key:
                named[key.strip()] = value.strip()
            else:
                positional.append(part.strip())
        return positional, named


def coord_from_wikitext(
    text: str,
    templates: Iterable[str] = DEFAULT_COORD_TEMPLATES,
    infobox_schemes: Iterable[InfoboxScheme] = DEFAULT_INFOBOX_SCHEMES,
) -> Point | None:
    """The page's own coordinates: a coord template shown at the title, else one in an infobox (as a
    template or the infobox's degree parameters), else the first other one; None when the page gives no
    valid coordinates (|lat| ≤ 90, |lon| ≤ 180, minutes and seconds < 60)."""
    names = {_normal_name(t) for t in templates}
    schemes = tuple(infobox_schemes)
    best: tuple[int, int, Point] | None = None
    for order, (rank, point) in enumerate(_candidates(_parse(_visible(text)), names, schemes, None)):
        if best is None or rank < best[0]:
            best = (rank, order, point)
        if rank == _TITLE:
            break
    return None if best is None else best[2]


def _visible(text: str) -> str:
    # A space, not nothing: `{<nowiki/>{coord}}` shows braces, it must not become a template.
    return _HIDDEN.sub(" ", text)


def _parse(text: str) -> list[_Template]:
    """Top-level templates with their nested ones; pipes inside [[links]] don't split arguments.
    Iterative (a page of ten thousand `{{` must not exhaust the stack); unclosed templates are dropped,
    their closed children kept."""
    top: list[_Template] = []
    stack: list[tuple[_Template, int, list[int]]] = []  # (template, start of current part, [link depth])
    for m in _TOKEN.finditer(text):
        token, at = m.group(), m.start()
        if token == "{{":
            stack.append((_Template([]), m.end(), [0]))
        elif not stack:
            continue
        elif token == "}}":
            tpl, start, _ = stack.pop()
            tpl.parts.append(text[start:at])
            (stack[-1][0].children if stack else top).append(tpl)
        elif token == "[[":
            stack[-1][2][0] += 1
        elif token == "]]":
            stack[-1][2][0] = max(0, stack[-1][2][0] - 1)
        elif stack[-1][2][0] == 0:  # a pipe at this template's own level
            tpl, start, links = stack.pop()
            tpl.parts.append(text[start:at])
            stack.append((tpl, m.end(), links))
    while stack:
        orphan = stack.pop()[0]
        (stack[-1][0].children if stack else top).extend(orphan.children)
    return top


def _candidates(
    tpls: list[_Template], names: set[str], schemes: tuple[InfoboxScheme, ...], parent: _Template | None
) -> Iterator[tuple[int, Point]]:
    """(rank, point) of every valid coordinate, in page order."""
    for tpl in tpls:
        if not tpl.parts:
            continue
        name = tpl.name
        positional, named = tpl.arguments()
        if name in names or name.startswith("#coordinates:"):
            if name.startswith("#coordinates:"):
                positional = [tpl.parts[0].split(":", 1)[1].strip(), *positional]
                title = any(p.lower() == "primary" for p in positional)
                positional = [p for p in positional if p.lower() != "primary"]
            else:
                title = _shown_at_title(named.get("display", ""))
            point = _from_positional(positional)
            if point is not None:
                yield (_TITLE if title else _INFOBOX if parent is not None else _INLINE), point
        else:
            for scheme in schemes:
                point = _from_infobox(named, scheme)
                if point is not None:
                    yield _INFOBOX, point
        yield from _candidates(tpl.children, names, schemes, tpl)


def _normal_name(raw: str) -> str:
    name = " ".join(raw.replace("_", " ").split())
    for prefix in ("subst:", "safesubst:", "msg:", "Template:", "template:"):
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
    return name[:1].upper() + name[1:]


def _shown_at_title(display: str) -> bool:
    value = display.strip().lower()
    return value in _TITLE_DISPLAY or "title" in (v.strip() for v in value.split(","))


def _number(text: str) -> float | None:
    text = text.strip().replace("−", "-")  # U+2212 MINUS SIGN, as some pages write it
    return float(text) if _NUMBER.fullmatch(text) else None


def _from_positional(args: list[str]) -> Point | None:
    """{{coord|lat|lon}}, {{coord|d|N|d|E}}, {{coord|d|m|N|d|m|E}}, {{coord|d|m|s|N|d|m|s|E}} (… and any
    further coordinate parameters such as type:city, which are not numbers)."""
    dirs = [a.upper() for a in args]
    ns = next((i for i in range(1, min(len(args), 4)) if dirs[i] in ("N", "S")), None)
    if ns is None:
        if len(args) < 2:
            return None
        lat, lon = _number(args[0]), _number(args[1])
        return None if lat is None or lon is None else _valid(lat, lon)
    rest = args[ns + 1 :]
    ew = next((i for i in range(1, min(len(rest), 4)) if rest[i].upper() in ("E", "W")), None)
    if ew is None:
        return None
    lat = _dms(args[:ns], dirs[ns])
    lon = _dms(rest[:ew], rest[ew].upper())
    return None if lat is None or lon is None else _valid(lat, lon)


def _dms(parts: list[str], hemisphere: str) -> float | None:
    """Degrees (minutes (seconds)) in a hemisphere → signed decimal degrees; empty minutes/seconds are 0."""
    degrees = _number(parts[0])
    if degrees is None or degrees < 0:
        return None
    value = degrees
    for part, scale in zip(parts[1:], (60.0, 3600.0), strict=False):
        if not part.strip():
            continue
        n = _number(part)
        if n is None or not 0 <= n < 60:
            return None
        value += n / scale
    return -value if hemisphere in ("S", "W") else value


def _from_infobox(named: dict[str, str], s: InfoboxScheme) -> Point | None:
    lat_deg, lon_deg = named.get(s.lat_deg, ""), named.get(s.lon_deg, "")
    if not lat_deg or not lon_deg:
        return None
    lat = _signed_dms(
        (lat_deg, named.get(s.lat_min, ""), named.get(s.lat_sec, "")), named.get(s.lat_dir, ""), "NS"
    )
    lon = _signed_dms(
        (lon_deg, named.get(s.lon_min, ""), named.get(s.lon_sec, "")), named.get(s.lon_dir, ""), "EW"
    )
    return None if lat is None or lon is None else _valid(lat, lon)


def _signed_dms(parts: tuple[str, str, str], hemisphere: str, allowed: str) -> float | None:
    """An infobox's degrees: with a hemisphere they are unsigned; without one, a sign says it."""
    hemisphere = hemisphere.strip().upper()
    if hemisphere:
        return _dms(list(parts), hemisphere) if hemisphere in allowed else None
    degrees = _number(parts[0])
    if degrees is None:
        return None
    magnitude = _dms([f"{abs(degrees):.12f}", parts[1], parts[2]], "N")
    return None if magnitude is None else math.copysign(magnitude, degrees)


def _valid(lat: float, lon: float) -> Point | None:
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return Point(lat, lon)


# ---------------------------------------------------------------------------------------------- coarsening

KM_PER_DEGREE = 111.32  # a degree of latitude (and of longitude on the equator), to within 1 %


def coarsen(point: Point, km: float = 10.0) -> Point:
    """The centre of the ~km × km grid cell holding point: what a report may show of a sensitive place.

    The grid: 180° of latitude are cut into rows of equal height ≈ km (0.0898° for 10 km); each row is
    cut into equal columns ≈ km wide at its middle latitude (the longitude step widens as 1/cos(lat), and
    is rounded up so a whole number of columns fills 360°). A point in a row touching a pole maps to the
    pole. So every point of a cell maps to the same output, and the output is at most about one cell size
    (km) from the true point: it hides where within ~km the place is, and nothing else. Deterministic; no
    randomness, so coarsening twice (or on two machines) gives the same answer, and coarsen(coarsen(p))
    == coarsen(p).
    """
    if not km > 0:
        raise ValueError(f"cell size must be positive, not {km}")
    rows = max(2, round(180.0 / (km / KM_PER_DEGREE)))
    lat_step = 180.0 / rows
    row = min(rows - 1, max(0, math.floor((point.lat + 90.0) / lat_step)))
    if row == 0 or row == rows - 1:
        return Point(-90.0 if row == 0 else 90.0, 0.0)
    lat_c = -90.0 + (row + 0.5) * lat_step
    cols = max(1, math.floor(360.0 * math.cos(math.radians(lat_c)) * KM_PER_DEGREE / km))
    lon_step = 360.0 / cols
    col = math.floor(((point.lon + 180.0) % 360.0) / lon_step) % cols
    lon_c = -180.0 + (col + 0.5) * lon_step
    return Point(round(lat_c, 6), round(lon_c, 6))


def coarsen_locations(
    locations: Iterable[Location], sensitive: Container[tuple[str, str]], km: float = 10.0
) -> list[Location]:
    """Locations as a report may show them: those whose (wiki, title) is sensitive are coarsened."""
    return [
        replace(loc, point=coarsen(loc.point, km))
        if loc.point is not None and (loc.wiki, loc.title) in sensitive
        else loc
        for loc in locations
    ]


# ---------------------------------------------------------------------------------------------- views


def views_total(daily: Iterable[tuple[date, int]], since: date) -> int:
    """The real sum of daily views from `since` on (inclusive): each day counted once, as given."""
    return sum(views for day, views in daily if day >= since)
