"""Heritage at risk: the site list, volunteers' reports and their moderation, as pure rules (no I/O).

A **site list** is a file of heritage sites as the Wikidata Query Service or PetScan export them (CSV, TSV,
or WDQS's SPARQL JSON results): an item (`item`, `qid` or a full entity URI), a `label`, a point (`coord` as
WDQS writes it, `Point(LON LAT)`, or `lat` + `lon`), a heritage `designation`, a `risk` status, and
optionally `sensitive` (true: the site's place is coarsened in every public output).

A **report** is a volunteer's account of a site at risk. Its life: `pending` → `approved` or `rejected` (with
a reason) or `merged` (a duplicate of another report, which keeps its evidence); only `approved` reports are
public. Public views never show the reporter, and show a sensitive site's point only coarsened to the ~10 km
grid of metrics/geo.py; organizers see everything. Reporters are rate-limited (`may_report`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, Literal

from wikitally.metrics.geo import coarsen
from wikitally.model import Point

KINDS = ("damaged", "destroyed", "threatened", "neglected", "armed_conflict")
Kind = Literal["damaged", "destroyed", "threatened", "neglected", "armed_conflict"]
Status = Literal["pending", "approved", "rejected", "merged"]
Action = Literal["approve", "reject", "merge"]
ITEM = re.compile(r"^(?:https?://www\.wikidata\.org/(?:entity|wiki)/)?(Q[1-9][0-9]*)$")
_POINT = re.compile(r"^\s*Point\(\s*(-?[0-9.]+(?:[eE]-?[0-9]+)?)\s+(-?[0-9.]+(?:[eE]-?[0-9]+)?)\s*\)\s*$")
_TRUE = {"1", "true", "yes", "y", "x"}
COMMONS_FILE = re.compile(r"^(?:File|Image):[^#<>\[\]|{}\n]+\.[A-Za-z0-9]{2,5}$")

# Reports a volunteer may send in a window; more wait. Organizers are not limited.
RATE_LIMIT = 5
RATE_WINDOW = timedelta(hours=1)


class SiteListError(ValueError):
    """A site list that can't be read: `where` is "line N" (or "row N"), `field` the column."""

    def __init__(self, where: str, field: str, problem: str) -> None:
        super().__init__(f"{where}: {field}: {problem}")
        self.where, self.field, self.problem = where, field, problem


class ModerationError(ValueError):
    """A moderation step the report's state does not allow (e.g. approving a rejected report)."""


@dataclass(frozen=True)
class Site:
    item: str | None  # "Q…"; None for a site not on Wikidata
    label: str
    point: Point | None
    designation: str = ""
    risk: str = ""
    sensitive: bool = False

    @property
    def key(self) -> str:
        return self.item or f"label:{self.label}"


@dataclass(frozen=True)
class Report:
    """A volunteer's report of a site at risk, as stored; `site` is a listed site's key or None (a new site)."""

    report_id: int
    reporter: str
    site: str | None
    label: str
    point: Point | None
    kind: Kind
    observed: date
    description: str
    evidence: tuple[str, ...] = ()  # Commons file names ("File:….jpg")
    source_url: str = ""
    sensitive: bool = False
    status: Status = "pending"
    reason: str = ""  # why it was rejected
    merged_into: int | None = None
    created: datetime | None = None


@dataclass(frozen=True)
class PublicReport:
    """What anyone may see of an approved report: no reporter, a sensitive point only coarsened."""

    report_id: int
    site: str | None
    label: str
    point: Point | None
    coarsened: bool
    kind: Kind
    observed: date
    description: str
    evidence: tuple[str, ...]
    source_url: str
    designation: str = ""  # the listed site's heritage designation, as the site list gives it
    site_risk: str = ""  # the listed site's risk status on the list (not this report's kind)


@dataclass(frozen=True)
class SiteRow:
    """One site of the map and table: its coverage and its reported risk (the list's, or approved reports')."""

    site: Site
    point: Point | None  # as shown: coarsened for a sensitive site in public
    on_wikipedia: bool
    on_commons: bool
    on_wikidata: bool
    risk: str
    reports: int = 0
    kinds: tuple[str, ...] = field(default=())


# -- the site list ----------------------------------------------------------------------------------------


def parse_sites(text: str, name: str) -> list[Site]:
    """Sites from a CSV/TSV (by `name`'s extension or a tab in the header) or WDQS JSON export. One site per
    item: a later row of the same item adds nothing. Raises SiteListError naming the row and column."""
    if name.lower().endswith(".json") or text.lstrip().startswith(("{", "[")):
        rows = _json_rows(text)
    else:
        first = text.split("\n", 1)[0]
        dialect = "excel-tab" if name.lower().endswith(".tsv") or "\t" in first else "excel"
        rows = [
            (f"line {i + 2}", row) for i, row in enumerate(csv.DictReader(io.StringIO(text), dialect=dialect))
        ]
    sites: dict[str, Site] = {}
    for where, row in rows:
        site = _site(where, {k.strip().lower(): (v or "").strip() for k, v in row.items() if k})
        sites.setdefault(site.key, site)
    return list(sites.values())


def _json_rows(text: str) -> list[tuple[str, dict[str, str]]]:
    try:
        data = json.loads(text)
    except ValueError as e:
        raise SiteListError("file", "json", f"not JSON ({e})") from None
    if isinstance(data, dict):  # SPARQL JSON results: {"results": {"bindings": [{"item": {"value": …}}]}}
        bindings = data.get("results", {}).get("bindings") if isinstance(data.get("results"), dict) else None
        if not isinstance(bindings, list):
            raise SiteListError("file", "results.bindings", "missing (a WDQS JSON export has it)")
        data = [
            {k: v.get("value", "") for k, v in b.items() if isinstance(v, dict)}
            for b in bindings
            if isinstance(b, dict)
        ]
    if not isinstance(data, list):
        raise SiteListError("file", "json", "must be a list of rows or WDQS results")
    return [
        (f"row {i + 1}", {str(k): str(v) for k, v in row.items()})
        for i, row in enumerate(data)
        if isinstance(row, dict)
    ]


def _site(where: str, row: dict[str, str]) -> Site:
    raw_item = row.get("item") or row.get("qid") or ""
    item = None
    if raw_item:
        match = ITEM.match(raw_item)
        if match is None:
            raise SiteListError(where, "item", f"{raw_item[:60]!r} is not a Wikidata item (Q…)")
        item = match.group(1)
    label = row.get("label") or row.get("itemlabel") or ""
    if not item and not label:
        raise SiteListError(where, "item", "a site needs an item or a label")
    return Site(
        item=item,
        label=label or (item or ""),
        point=_point(where, row),
        designation=row.get("designation") or row.get("heritage") or row.get("designationlabel") or "",
        risk=row.get("risk") or row.get("risklabel") or "",
        sensitive=row.get("sensitive", "").lower() in _TRUE,
    )


def _point(where: str, row: dict[str, str]) -> Point | None:
    coord = row.get("coord") or row.get("coordinates") or ""
    if coord:
        match = _POINT.match(coord)
        if match is None:
            raise SiteListError(where, "coord", f"{coord[:60]!r} is not Point(LON LAT)")
        lon, lat = float(match.group(1)), float(match.group(2))
    elif row.get("lat") or row.get("lon"):
        try:
            lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
        except ValueError:
            raise SiteListError(where, "lat/lon", "must both be decimal degrees") from None
    else:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise SiteListError(where, "coord", f"{lat}, {lon} is not on Earth's grid")
    return Point(lat, lon)


# -- what the public sees -----------------------------------------------------------------------------------


def shown_point(point: Point | None, sensitive: bool, organizer: bool) -> Point | None:
    """A site's point as this viewer may see it: exact for organizers, coarsened (~10 km) for anyone else
    when the site is sensitive."""
    if point is None or organizer or not sensitive:
        return point
    return coarsen(point)


def public_reports(reports: Iterable[Report], sites: dict[str, Site]) -> list[PublicReport]:
    """Approved reports as anyone may see them, newest observation first: no reporter; the point coarsened
    when the report or its listed site is sensitive."""
    out = []
    for r in reports:
        if r.status != "approved":
            continue
        sensitive = r.sensitive or (r.site is not None and r.site in sites and sites[r.site].sensitive)
        out.append(
            PublicReport(
                r.report_id,
                r.site,
                r.label,
                shown_point(r.point, sensitive, organizer=False),
                sensitive and r.point is not None,
                r.kind,
                r.observed,
                r.description,
                r.evidence,
                r.source_url,
            )
        )
    return sorted(out, key=lambda p: (p.observed, p.report_id), reverse=True)


def site_rows(
    sites: Sequence[Site],
    reports: Iterable[Report],
    covered: dict[str, tuple[bool, bool, bool]],
    organizer: bool = False,
) -> list[SiteRow]:
    """The map's and table's rows: each listed site with its coverage (`covered`: key -> on Wikipedia, on
    Commons, on Wikidata, as the collector found it) and its risk — the kinds of its approved reports when
    there are any, else the list's own status."""
    approved: dict[str, list[Report]] = {}
    for r in reports:
        if r.status == "approved" and r.site is not None:
            approved.setdefault(r.site, []).append(r)
    rows = []
    for site in sites:
        found = approved.get(site.key, [])
        kinds = tuple(sorted({r.kind for r in found}))
        wikipedia, commons, wikidata = covered.get(site.key, (False, False, site.item is not None))
        rows.append(
            SiteRow(
                site=site,
                point=shown_point(site.point, site.sensitive, organizer),
                on_wikipedia=wikipedia,
                on_commons=commons,
                on_wikidata=wikidata,
                risk=", ".join(kinds) if kinds else site.risk,
                reports=len(found),
                kinds=kinds,
            )
        )
    return rows


# -- submitting and moderating ------------------------------------------------------------------------------


def may_report(previous: Iterable[datetime], now: datetime) -> bool:
    """A volunteer may send a report when fewer than RATE_LIMIT of theirs fall in the last RATE_WINDOW."""
    return sum(1 for t in previous if now - RATE_WINDOW < t <= now) < RATE_LIMIT


def check_report(report: Report, today: date) -> list[tuple[str, str]]:
    """(field, problem) for each thing wrong with a new report; empty when it may be saved."""
    problems = []
    if report.kind not in KINDS:
        problems.append(("kind", f"must be one of {', '.join(KINDS)}"))
    if report.site is None and report.point is None:
        problems.append(("point", "a site not on the list needs coordinates"))
    if not report.label.strip():
        problems.append(("label", "name the site"))
    if report.observed > today:
        problems.append(("observed", "cannot be in the future"))
    if not report.description.strip():
        problems.append(("description", "say what was seen"))
    for name in report.evidence:
        if not COMMONS_FILE.match(name):
            problems.append(("evidence", f"{name[:60]!r} is not a Commons file name (File:….jpg)"))
    if report.source_url and not re.match(r"^https?://[^\s<>\"]+$", report.source_url):
        problems.append(("source_url", "must be an http(s) link"))
    return problems


def moderate(report: Report, action: Action, reason: str = "", into: Report | None = None) -> Report:
    """The report after an organizer's step. approve/reject: only a pending report (reject needs a reason);
    merge: a pending or approved report into another, live (pending or approved) report — never itself."""
    if action == "approve":
        if report.status != "pending":
            raise ModerationError(f"report {report.report_id} is {report.status}, not pending")
        return replace(report, status="approved")
    if action == "reject":
        if report.status != "pending":
            raise ModerationError(f"report {report.report_id} is {report.status}, not pending")
        if not reason.strip():
            raise ModerationError("a rejection needs a reason")
        return replace(report, status="rejected", reason=reason.strip())
    if action == "merge":
        if into is None or into.report_id == report.report_id:
            raise ModerationError("merge into another report")
        if report.status not in ("pending", "approved") or into.status not in ("pending", "approved"):
            raise ModerationError("only pending or approved reports merge")
        return replace(report, status="merged", merged_into=into.report_id)
    raise ModerationError(f"unknown action {action!r}")


def merged_evidence(target: Report, duplicates: Iterable[Report]) -> Report:
    """The surviving report with its duplicates' evidence files added (each once, in order)."""
    files = list(target.evidence)
    for d in duplicates:
        files += [f for f in d.evidence if f not in files]
    return replace(target, evidence=tuple(files))


def as_dict(report: PublicReport) -> dict[str, Any]:
    """A public report as JSON-ready values."""
    return {
        "id": report.report_id,
        "item": report.site if report.site and ITEM.match(report.site) else None,
        "label": report.label,
        "lat": report.point.lat if report.point else None,
        "lon": report.point.lon if report.point else None,
        "coarsened": report.coarsened,
        "kind": report.kind,
        "observed": report.observed.isoformat(),
        "description": report.description,
        "evidence": list(report.evidence),
        "source_url": report.source_url,
        "designation": report.designation,
        "site_risk": report.site_risk,
    }
