"""Heritage-at-risk reports in the store (store/heritage.py): submitted by signed-in volunteers, rate-limited,
moderated by organizers with a full audit log; the public view has no reporter and no exact sensitive point."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from webseed import define, user

from wikitally.metrics.geo import coarsen
from wikitally.metrics.heritage import RATE_LIMIT, ModerationError, Site, as_dict
from wikitally.model import Point
from wikitally.reports import i18n
from wikitally.reports.heritage import quickstatements, wikitext_table
from wikitally.store import heritage

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SECRET = Point(40.0123456, 20.1234567)
SITES = {"Q2632434": Site("Q2632434", "Kisha e Shën Mërisë, Labovë", SECRET, "Cultural Monument", "", True)}


def form(**changes):
    values = dict(
        site="Q2632434",
        label="Kisha e Shën Mërisë, Labovë",
        point=SECRET,
        kind="damaged",
        observed=date(2026, 11, 12),
        description="The roof collapsed after the storm.",
        evidence=["File:Labove church roof 2026.jpg", " "],
        source_url="https://example.org/news/labove",
    )
    values.update(changes)
    return heritage.new_report(**values)


@pytest.fixture
def campaign(db):
    organizer = user("organizer")
    definition, _ = define(organizer)
    return definition, organizer, user("Ana Reporter")


def test_a_report_is_pending_until_approved_and_public_without_reporter_or_exact_point(campaign):
    definition, organizer, ana = campaign
    saved = heritage.submit(definition, ana, form(), NOW, sites=SITES)
    assert (
        saved.status == "pending"
        and saved.sensitive
        and saved.evidence == ("File:Labove church roof 2026.jpg",)
    )
    assert heritage.public(definition, SITES) == []
    heritage.moderate(definition, saved.report_id, organizer, "approve", NOW + timedelta(hours=1))
    public = heritage.public(definition, SITES)
    assert [p.report_id for p in public] == [saved.report_id]
    shown = (
        json.dumps([as_dict(p) for p in public])
        + wikitext_table(public, i18n.translator("en"))
        + "\n".join(quickstatements(public, {"damaged": "Q56556915"})[0])
    )
    assert "Ana Reporter" not in shown and "40.0123" not in shown and "20.1234" not in shown
    assert public[0].point == coarsen(SECRET)
    organizers_view = heritage.reports(definition)
    assert organizers_view[0].reporter == "Ana Reporter" and organizers_view[0].point == SECRET


def test_reject_needs_a_reason_and_merge_keeps_the_evidence_all_audited(campaign):
    definition, organizer, ana = campaign
    first = heritage.submit(definition, ana, form(), NOW)
    dup = heritage.submit(definition, ana, form(evidence=["File:Labove 2.jpg"]), NOW + timedelta(minutes=1))
    wrong = heritage.submit(definition, ana, form(label="Elsewhere"), NOW + timedelta(minutes=2))
    later = NOW + timedelta(hours=1)
    with pytest.raises(ModerationError):
        heritage.moderate(definition, wrong.report_id, organizer, "reject", later, reason="")
    heritage.moderate(definition, wrong.report_id, organizer, "reject", later, reason="not a heritage site")
    heritage.moderate(definition, first.report_id, organizer, "approve", later)
    heritage.moderate(definition, dup.report_id, organizer, "merge", later, into=first.report_id)
    by_id = {r.report_id: r for r in heritage.reports(definition)}
    assert (
        by_id[wrong.report_id].status == "rejected" and by_id[wrong.report_id].reason == "not a heritage site"
    )
    assert by_id[dup.report_id].merged_into == first.report_id
    assert by_id[first.report_id].evidence == ("File:Labove church roof 2026.jpg", "File:Labove 2.jpg")
    log = heritage.audit_log(definition)
    assert [(e["report"], e["action"], e["actor"]) for e in log] == [
        (first.report_id, "submitted", "Ana Reporter"),
        (dup.report_id, "submitted", "Ana Reporter"),
        (wrong.report_id, "submitted", "Ana Reporter"),
        (wrong.report_id, "reject", "organizer"),
        (first.report_id, "approve", "organizer"),
        (first.report_id, "evidence_added", "organizer"),
        (dup.report_id, "merge", "organizer"),
    ]
    assert log[3]["detail"] == {"reason": "not a heritage site"} and log[6]["detail"] == {
        "into": first.report_id
    }
    assert [p.report_id for p in heritage.public(definition)] == [first.report_id]


def test_a_volunteer_is_rate_limited(campaign):
    definition, _, ana = campaign
    for i in range(RATE_LIMIT):
        heritage.submit(definition, ana, form(), NOW + timedelta(minutes=i))
    with pytest.raises(heritage.RateLimited):
        heritage.submit(definition, ana, form(), NOW + timedelta(minutes=30))
    heritage.submit(definition, ana, form(), NOW + timedelta(hours=2))  # the window has passed
    assert len(heritage.reports(definition)) == RATE_LIMIT + 1


def test_an_invalid_report_is_refused_naming_its_fields(campaign):
    definition, _, ana = campaign
    with pytest.raises(heritage.ReportInvalid) as err:
        heritage.submit(definition, ana, form(site=None, point=None, evidence=["photo.jpg"]), NOW)
    assert [f for f, _ in err.value.problems] == ["point", "evidence"]
    assert heritage.reports(definition) == []
