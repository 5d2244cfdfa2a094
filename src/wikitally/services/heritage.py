"""Use-case: a campaign's heritage sites (its worklist's items) and the heritage-at-risk reports on them, as
the web pages, the API and the organizers' exports need them (docs/heritage.md).

The site list of a campaign defined on the web is its worklist: each covered item is a site, with the point
the coverage rule gives it. A site is **sensitive** by the coverage rule (metrics/coverage.py `resolve`):
every site when the campaign marks all places sensitive, a site whose article is in a sensitive category,
and a site with no article (nothing says its place is safe to show). A report on a site not on the list is
sensitive for the same reason. A sensitive report's point is public only on the ~10 km grid.
"""

from __future__ import annotations

from datetime import datetime

from wikitally.metrics import heritage as rules
from wikitally.metrics.coverage import CoveredItem
from wikitally.model import Campaign
from wikitally.services import assignments
from wikitally.store import Store

# key -> (site, (on Wikipedia, on Commons, on Wikidata)) as the worklist's coverage found them
Listed = dict[str, tuple[rules.Site, tuple[bool, bool, bool]]]


def site_of(item: CoveredItem, everywhere: bool) -> rules.Site:
    sensitive = everywhere or item.status == "missing" or any(a.sensitive for a in item.articles.values())
    return rules.Site(
        item=item.item,
        label=item.label or item.title or item.item or item.key,
        point=item.point,
        designation=item.designation or "",
        risk=item.risk or "",
        sensitive=sensitive,
    )


def sites(campaign: Campaign | None, store: Store, now: datetime) -> dict[str, rules.Site]:
    """The campaign's sites by key ("Q…", else "label:…"), in the worklist's order; empty without a
    worklist or before the first collection."""
    return {key: site for key, (site, _) in listed(campaign, store, now).items()}


def listed(campaign: Campaign | None, store: Store, now: datetime) -> Listed:
    """key -> (site, (on Wikipedia, on Commons, on Wikidata)) as the worklist's coverage found them."""
    if campaign is None or not campaign.has_worklist:
        return {}
    everywhere = campaign.sensitive_locations is True
    found: Listed = {}
    for item in assignments.items(campaign, store, now):
        site = site_of(item, everywhere)
        found.setdefault(site.key, (site, (item.covered, item.image, item.item is not None)))
    return found


def site_table(found: Listed, public: list[rules.PublicReport]) -> list[rules.SiteRow]:
    """The public table's rows: the listed sites with a designation, a risk status on the list or an
    approved (public) report, each with its coverage and its risk; a sensitive site's point coarsened."""
    approved = [
        rules.Report(r.report_id, "", r.site, r.label, None, r.kind, r.observed, "", status="approved")
        for r in public
    ]
    reported = {r.site for r in approved if r.site}
    shown = [s for s, _ in found.values() if s.designation or s.risk or s.key in reported]
    covered = {key: cover for key, (_, cover) in found.items()}
    return rules.site_rows(shown, approved, covered, organizer=False)


def with_site_points(
    reports: list[rules.PublicReport], listed: dict[str, rules.Site]
) -> list[rules.PublicReport]:
    """Public reports with their listed site's designation and risk status on the list; a report whose
    reporter gave no point takes its site's point (already as public as the coverage rule allows: a
    sensitive site's point is coarsened there)."""
    from dataclasses import replace

    from wikitally.metrics.heritage import shown_point

    out = []
    for r in reports:
        site = listed.get(r.site or "")
        if site is not None:
            r = replace(r, designation=site.designation, site_risk=site.risk)
        if r.point is None and site is not None and site.point is not None:
            point = shown_point(site.point, site.sensitive, organizer=False)
            r = replace(r, point=point, coarsened=site.sensitive)
        out.append(r)
    return out
