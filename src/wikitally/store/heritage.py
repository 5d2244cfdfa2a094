"""Heritage-at-risk reports and their audit log: the only code that reads or writes those tables.

Every change is one transaction with its audit entry (who, what, when: the clock is passed in). The rules
themselves (what a report must hold, which moderation step is allowed, the rate limit, what the public sees)
are metrics/heritage.py's; this module applies them to stored rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction

from wikitally.errors import WikitallyError
from wikitally.metrics import heritage as rules
from wikitally.model import Point

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from wikitally.store.models import CampaignDefinition, HeritageReport


class RateLimited(WikitallyError):
    """The reporter sent RATE_LIMIT reports within RATE_WINDOW: the next one waits."""


class ReportInvalid(WikitallyError):
    """A report that fails metrics/heritage.check_report: `problems` are (field, problem) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {p}" for f, p in problems))
        self.problems = problems


def _models() -> tuple[Any, Any]:
    from wikitally.store.models import HeritageAudit, HeritageReport  # Django is set up by the caller

    return HeritageReport, HeritageAudit


def as_report(row: HeritageReport) -> rules.Report:
    """A stored row as the rules' value (the reporter as their username, for organizers' eyes)."""
    return rules.Report(
        report_id=row.pk,
        reporter=row.reporter.get_username() if row.reporter is not None else "",
        site=row.site or None,
        label=row.label,
        point=Point(row.lat, row.lon) if row.lat is not None and row.lon is not None else None,
        kind=row.kind,
        observed=row.observed,
        description=row.description,
        evidence=tuple(row.evidence),
        source_url=row.source_url,
        sensitive=row.sensitive,
        status=row.status,
        reason=row.reason,
        merged_into=row.merged_into_id,
        created=row.created,
    )


def submit(
    definition: CampaignDefinition,
    reporter: AbstractBaseUser,
    report: rules.Report,
    now: datetime,
    *,
    sites: dict[str, rules.Site] | None = None,
    using: str = "default",
) -> rules.Report:
    """Save a signed-in volunteer's report as pending, after the rules' checks and the rate limit. A report
    on a listed sensitive site is sensitive whatever the form said."""
    model, audit = _models()
    problems = rules.check_report(report, now.date())
    if problems:
        raise ReportInvalid(problems)
    sensitive = report.sensitive or bool(sites and report.site in sites and sites[report.site].sensitive)
    with transaction.atomic(using=using):
        mine = model.objects.using(using).select_for_update().filter(reporter=reporter)
        if not rules.may_report(mine.values_list("created", flat=True), now):
            raise RateLimited(f"at most {rules.RATE_LIMIT} reports an hour; try again later")
        row = model.objects.using(using).create(
            definition=definition,
            reporter=reporter,
            site=report.site or "",
            label=report.label.strip(),
            lat=report.point.lat if report.point else None,
            lon=report.point.lon if report.point else None,
            sensitive=sensitive,
            kind=report.kind,
            observed=report.observed,
            description=report.description.strip(),
            evidence=list(report.evidence),
            source_url=report.source_url,
            created=now,
        )
        audit.objects.using(using).create(report=row, actor=reporter, action="submitted", detail={}, at=now)
    return as_report(row)


def moderate(
    definition: CampaignDefinition,
    report_id: int,
    organizer: AbstractBaseUser,
    action: rules.Action,
    now: datetime,
    *,
    reason: str = "",
    into: int | None = None,
    using: str = "default",
) -> rules.Report:
    """An organizer's step (approve, reject with a reason, merge into another report of the campaign), with
    its audit entry; a merge adds the duplicate's evidence to the surviving report (audited too)."""
    model, audit = _models()
    with transaction.atomic(using=using):
        rows = model.objects.using(using).select_for_update().filter(definition=definition)
        row = rows.get(pk=report_id)
        target = rows.get(pk=into) if into is not None else None
        done = rules.moderate(as_report(row), action, reason, as_report(target) if target else None)
        row.status, row.reason, row.merged_into = (
            done.status,
            done.reason,
            target if action == "merge" else None,
        )
        row.save(using=using)
        detail: dict[str, Any] = {"reason": done.reason} if action == "reject" else {}
        if target is not None:
            detail["into"] = target.pk
            kept = rules.merged_evidence(as_report(target), [done])
            if list(kept.evidence) != list(target.evidence):
                added = [f for f in kept.evidence if f not in target.evidence]
                target.evidence = list(kept.evidence)
                target.save(using=using)
                audit.objects.using(using).create(
                    report=target,
                    actor=organizer,
                    action="evidence_added",
                    detail={"files": added, "from": row.pk},
                    at=now,
                )
        audit.objects.using(using).create(report=row, actor=organizer, action=action, detail=detail, at=now)
    return done


def version(definition: CampaignDefinition, *, using: str = "default") -> str:
    """A value that changes whenever any of the campaign's reports does: every submit and moderation step
    writes an audit entry in the same transaction, and a deleted report takes its entries with it (the
    count falls). For caching what is derived from the reports (the public page)."""
    from django.db.models import Count, Max

    _, audit = _models()
    found = (
        audit.objects.using(using)
        .filter(report__definition=definition)
        .aggregate(n=Count("pk"), last=Max("pk"))
    )
    return f"{found['n']}.{found['last'] or 0}"


def reports(definition: CampaignDefinition, *, using: str = "default") -> list[rules.Report]:
    """All the campaign's reports, oldest first (organizers' view: reporters and exact points included)."""
    model, _ = _models()
    rows = (
        model.objects.using(using)
        .filter(definition=definition)
        .select_related("reporter")
        .order_by("created", "pk")
    )
    return [as_report(r) for r in rows]


def public(
    definition: CampaignDefinition, sites: dict[str, rules.Site] | None = None, *, using: str = "default"
) -> list[rules.PublicReport]:
    """What anyone may see: approved reports, no reporter, sensitive points coarsened."""
    model, _ = _models()
    rows = (
        model.objects.using(using).filter(definition=definition, status="approved").order_by("created", "pk")
    )
    # The reporter is not even read: nothing of them can reach a public page by mistake.
    return rules.public_reports([as_report_without_reporter(r) for r in rows], sites or {})


def as_report_without_reporter(row: HeritageReport) -> rules.Report:
    return rules.Report(
        report_id=row.pk,
        reporter="",
        site=row.site or None,
        label=row.label,
        point=Point(row.lat, row.lon) if row.lat is not None and row.lon is not None else None,
        kind=row.kind,
        observed=row.observed,
        description=row.description,
        evidence=tuple(row.evidence),
        source_url=row.source_url,
        sensitive=row.sensitive,
        status=row.status,
    )


def audit_log(definition: CampaignDefinition, *, using: str = "default") -> list[dict[str, Any]]:
    """Every audit entry of the campaign's reports, in order (organizers only)."""
    _, audit = _models()
    entries = (
        audit.objects.using(using)
        .filter(report__definition=definition)
        .select_related("actor")
        .order_by("at", "pk")
    )
    return [
        {
            "report": e.report_id,
            "action": e.action,
            "actor": e.actor.get_username() if e.actor is not None else None,
            "detail": e.detail,
            "at": e.at.isoformat(),
        }
        for e in entries
    ]


def new_report(
    *,
    site: str | None,
    label: str,
    point: Point | None,
    kind: str,
    observed: date,
    description: str,
    evidence: Sequence[str] = (),
    source_url: str = "",
    sensitive: bool = False,
) -> rules.Report:
    """A report as a form gives it, before it has an id or a reporter."""
    return rules.Report(
        report_id=0,
        reporter="",
        site=site,
        label=label,
        point=point,
        kind=kind,  # type: ignore[arg-type]  # checked by check_report
        observed=observed,
        description=description,
        evidence=tuple(e.strip() for e in evidence if e.strip()),
        source_url=source_url.strip(),
        sensitive=sensitive,
    )


def retry_after(reporter: AbstractBaseUser, now: datetime, *, using: str = "default") -> int:
    """Seconds until a rate-limited reporter may send again: when the oldest report of the window leaves it."""
    model, _ = _models()
    since = now - rules.RATE_WINDOW
    times = sorted(
        model.objects.using(using)
        .filter(reporter=reporter, created__gt=since, created__lte=now)
        .values_list("created", flat=True)
    )
    if len(times) < rules.RATE_LIMIT:
        return 0
    return max(1, int((times[-rules.RATE_LIMIT] + rules.RATE_WINDOW - now).total_seconds()) + 1)
