"""A campaign with heritage sites for the heritage web tests: a worklist with coordinates (some sites
sensitive by the coverage rule), collected figures, and reports in every state."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.models import User
from webseed import SQ, T0, define, seed, user

from wikitally.metrics.coverage import ArticleState, Resolution
from wikitally.model import Point, WorklistItem
from wikitally.store import heritage
from wikitally.store.models import CampaignDefinition, WikiAccount
from wikitally.web.campaigns import figures

# Exact points that must never be public: digits chosen so no rounding of the coarsened grid matches them.
SECRET_SITE = Point(41.123456, 19.654321)  # listed, its article in a sensitive category
MISSING_SITE = Point(42.271828, 20.314159)  # listed, no article: sensitive by the coverage rule
SECRET_REPORT = Point(41.133457, 19.667891)  # a report's own point on the sensitive listed site
NEW_SITE_REPORT = Point(40.987654, 20.135791)  # a report of a site not on the list
PENDING_REPORT = Point(41.555555, 19.444444)  # never approved
OPEN_SITE = Point(41.3275, 19.8187)  # listed, not sensitive: public as it is
SECRET_POINTS = (SECRET_SITE, MISSING_SITE, SECRET_REPORT, NEW_SITE_REPORT, PENDING_REPORT)
NOW = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)


def wiki_user(username: str, wiki_name: str) -> User:
    account = user(username)
    WikiAccount.objects.create(user=account, username=wiki_name, provider="meta.wikimedia.org", sub=username)
    return account


def heritage_campaign(
    collected: bool = True, designation: str = "Monument kulture", risk: str = "në rrezik"
) -> CampaignDefinition:
    """The campaign; the sensitive listed site Q1001 has the site list's `designation` and `risk` status,
    Ura e Hapur (Q1003) has neither."""
    definition, campaign = define(
        user("organizer"), worklist=[f"{SQ}:List"], sensitive_locations=["Category:Sensitive places"]
    )
    store = figures.store()
    if collected:
        seed(campaign, T0 + timedelta(days=2))
    else:
        store.save_campaign(campaign, None)
    listed = (
        WorklistItem("Q1001", SQ, "Kisha e Fshehtë", "Kisha e Fshehtë", SECRET_SITE, None, designation, risk),
        WorklistItem("Q1002", SQ, "Kulla e Humbur", "Kulla e Humbur", MISSING_SITE),
        WorklistItem("Q1003", SQ, "Ura e Hapur", "Ura e Hapur", OPEN_SITE),
    )
    states = {
        (SQ, "Kisha e Fshehtë"): ArticleState(
            SQ, "Kisha e Fshehtë", "Kisha e Fshehtë", True, True, sensitive=True
        ),
        (SQ, "Kulla e Humbur"): ArticleState(SQ, "Kulla e Humbur", None, False, False),
        (SQ, "Ura e Hapur"): ArticleState(SQ, "Ura e Hapur", "Ura e Hapur", True, True),
    }
    store.save_worklist(campaign, Resolution(listed, {}, states).as_json(), T0 + timedelta(days=2))
    return definition


def reports(definition: CampaignDefinition) -> dict[str, int]:
    """Reports by a volunteer: approved ones on a sensitive listed site, a new site and an open site; one
    pending, one rejected; the organizer's moderation through the store (its audit log too)."""
    volunteer = wiki_user("volunteer-site", "Vullnetari")
    organizer = User.objects.get(username="organizer")
    listed = {s.key: s for s in _sites(definition)}

    def send(site: str | None, label: str, point: Point | None, kind: str, minutes: int) -> int:
        report = heritage.new_report(
            site=site,
            label=label,
            point=point,
            kind=kind,
            observed=date(2024, 3, 1) + timedelta(days=minutes),
            description=f"{label}: the roof fell in",
            evidence=["File:Roof 2024.jpg"],
            source_url="https://example.org/news",
            sensitive=site is None,
        )
        return heritage.submit(
            definition, volunteer, report, NOW + timedelta(minutes=minutes), sites=listed
        ).report_id

    ids = {
        "secret": send("Q1001", "Kisha e Fshehtë", SECRET_REPORT, "damaged", 1),
        "missing": send("Q1002", "Kulla e Humbur", None, "destroyed", 2),
        "new": send(None, "Mulliri i Ri", NEW_SITE_REPORT, "armed_conflict", 3),
        "open": send("Q1003", "Ura e Hapur", OPEN_SITE, "neglected", 4),
        "pending": send("Q1003", "Ura e Hapur", PENDING_REPORT, "threatened", 5),
    }
    for name in ("secret", "missing", "new", "open"):
        heritage.moderate(definition, ids[name], organizer, "approve", NOW + timedelta(hours=1))
    return ids


def _sites(definition: CampaignDefinition) -> list[object]:
    from wikitally.services import heritage as service

    return list(service.sites(figures.campaign_of(definition), figures.store(), NOW).values())


def exact_forms(point: Point) -> list[str]:
    """Every way a page could print the exact point's numbers."""
    out = []
    for value in (point.lat, point.lon):
        out += [repr(value), str(value)] + [f"{value:.{d}f}" for d in (4, 5, 6)]
    return out
