"""Heritage at risk (metrics/heritage.py, reports/heritage.py): the site list, moderation, rate limit, and that
no public view or export carries a sensitive site's exact coordinates."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from wikitally.metrics.geo import coarsen
from wikitally.metrics.heritage import (
    RATE_LIMIT,
    ModerationError,
    Report,
    SiteListError,
    as_dict,
    check_report,
    may_report,
    merged_evidence,
    moderate,
    parse_sites,
    public_reports,
    shown_point,
    site_rows,
)
from wikitally.model import Point
from wikitally.reports import i18n
from wikitally.reports.heritage import quickstatements, wikitext_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "heritage"
SECRET = Point(40.0123456, 20.1234567)  # Labovë's exact point, marked sensitive in the list
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def sites():
    return {
        s.key: s for s in parse_sites((FIXTURES / "sites.json").read_text(encoding="utf-8"), "sites.json")
    }


def report(report_id=1, site="Q2632434", status="approved", **kw):
    base = Report(
        report_id=report_id,
        reporter="Ana Reporter",
        site=site,
        label="Kisha e Shën Mërisë, Labovë",
        point=SECRET,
        kind="damaged",
        observed=date(2026, 11, 12),
        description="The roof collapsed after the storm.",
        evidence=("File:Labove church roof 2026.jpg",),
        source_url="https://example.org/news/labove",
        status=status,
    )
    return replace(base, **kw)


def test_a_wdqs_export_gives_one_site_per_item():
    found = sites()
    assert list(found) == ["Q4115189", "Q2632434"]  # the repeated item counts once, first row wins
    berat = found["Q4115189"]
    assert (berat.label, berat.point, berat.designation) == (
        "Kalaja e Beratit",
        Point(40.7086, 19.9458),
        "World Heritage Site",
    )
    assert found["Q2632434"].sensitive and found["Q2632434"].risk == "threatened"


def test_csv_and_tsv_with_lat_lon_or_qid():
    csv_text = "qid,label,lat,lon,designation\nQ1,One,41.3,19.8,Monument\n,Unlisted ruin,41.0,20.0,\n"
    assert [(s.key, s.point) for s in parse_sites(csv_text, "s.csv")] == [
        ("Q1", Point(41.3, 19.8)),
        ("label:Unlisted ruin", Point(41.0, 20.0)),
    ]
    tsv = "item\tlabel\tcoord\nhttps://www.wikidata.org/wiki/Q7\tSeven\tPoint(1 2)\n"
    assert parse_sites(tsv, "s.tsv")[0].point == Point(2.0, 1.0)


@pytest.mark.parametrize(
    ("text", "where", "field"),
    [
        ("item,label\nX12,Bad\n", "line 2", "item"),
        ("item,coord\nQ1,Point(19.9)\n", "line 2", "coord"),
        ("item,lat,lon\nQ1,91,10\n", "line 2", "coord"),
        ("item,lat,lon\nQ1,north,10\n", "line 2", "lat/lon"),
        ("label,item\n,\n", "line 2", "item"),
        ('{"results": {}}', "file", "results.bindings"),
    ],
)
def test_a_bad_site_list_names_the_row_and_column(text, where, field):
    with pytest.raises(SiteListError) as err:
        parse_sites(text, "s.csv")
    assert (err.value.where, err.value.field) == (where, field)


def test_sensitive_points_are_coarsened_for_the_public_and_exact_for_organizers():
    assert shown_point(SECRET, sensitive=True, organizer=True) == SECRET
    assert shown_point(SECRET, sensitive=True, organizer=False) == coarsen(SECRET) != SECRET
    assert shown_point(SECRET, sensitive=False, organizer=False) == SECRET


def test_only_approved_reports_are_public_and_without_their_reporter():
    listed = sites()
    reports = [
        report(1),
        report(2, status="pending"),
        report(3, status="rejected", reason="not this church"),
        report(4, status="merged", merged_into=1),
        report(5, site=None, label="Ruin by the road", sensitive=True, point=Point(41.1111111, 19.2222222)),
        report(6, site="Q4115189", point=Point(40.7086, 19.9458), kind="neglected"),
    ]
    public = public_reports(reports, listed)
    assert sorted(p.report_id for p in public) == [1, 5, 6]
    shown = json.dumps([as_dict(p) for p in public])
    assert "Ana Reporter" not in shown
    for exact in ("40.0123456", "20.1234567", "41.1111111", "19.2222222"):
        assert exact not in shown
    by_id = {p.report_id: p for p in public}
    assert by_id[1].coarsened and by_id[5].coarsened and not by_id[6].coarsened
    assert by_id[6].point == Point(40.7086, 19.9458)  # not sensitive: as reported


def test_no_export_carries_an_exact_sensitive_point():
    public = public_reports([report(1), report(2, site=None, sensitive=True, label="x")], sites())
    table = wikitext_table(public, i18n.translator("en"))
    lines, _ = quickstatements(public, {"damaged": "Q56556915"})
    for text in (table, "\n".join(lines)):
        for exact in ("40.0123", "20.1234"):
            assert exact not in text
    assert "(rounded to " in table  # ~ is escaped (~~~ would sign)


def test_the_site_table_shows_coverage_and_reported_risk():
    listed = list(sites().values())
    rows = site_rows(
        listed, [report(1), report(2, status="pending", kind="destroyed")], {"Q4115189": (True, True, True)}
    )
    berat, labove = rows
    assert (berat.on_wikipedia, berat.on_commons, berat.on_wikidata, berat.risk) == (True, True, True, "")
    assert (labove.on_wikipedia, labove.on_wikidata, labove.risk, labove.reports) == (
        False,
        True,
        "damaged",
        1,
    )
    assert labove.point == coarsen(SECRET)
    assert site_rows(listed, [], {}, organizer=True)[1].point == SECRET
    assert site_rows(listed, [], {})[1].risk == "threatened"  # the list's own status without reports


def test_moderation_steps():
    pending = report(1, status="pending")
    assert moderate(pending, "approve").status == "approved"
    rejected = moderate(pending, "reject", reason="  wrong site ")
    assert (rejected.status, rejected.reason) == ("rejected", "wrong site")
    with pytest.raises(ModerationError):
        moderate(pending, "reject", reason=" ")
    with pytest.raises(ModerationError):
        moderate(rejected, "approve")
    with pytest.raises(ModerationError):
        moderate(pending, "merge", into=pending)
    with pytest.raises(ModerationError):
        moderate(pending, "merge", into=rejected)
    target = report(7)
    merged = moderate(pending, "merge", into=target)
    assert (merged.status, merged.merged_into) == ("merged", 7)
    dup = report(8, evidence=("File:Labove church roof 2026.jpg", "File:Labove 2.jpg"))
    assert merged_evidence(target, [dup]).evidence == (
        "File:Labove church roof 2026.jpg",
        "File:Labove 2.jpg",
    )


def test_reports_are_rate_limited():
    recent = [NOW - timedelta(minutes=10 * i) for i in range(RATE_LIMIT)]
    assert not may_report(recent, NOW)
    assert may_report(recent[:-1], NOW)
    assert may_report([t - timedelta(hours=1) for t in recent], NOW)  # older than the window


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "burnt"}, "kind"),
        ({"site": None, "point": None}, "point"),
        ({"label": " "}, "label"),
        ({"observed": date(2026, 11, 21)}, "observed"),
        ({"description": ""}, "description"),
        ({"evidence": ("Labove.jpg",)}, "evidence"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
    ],
)
def test_a_report_is_checked_before_it_is_saved(change, field):
    assert check_report(report(status="pending"), date(2026, 11, 20)) == []
    assert [f for f, _ in check_report(report(status="pending", **change), date(2026, 11, 20))] == [field]


def test_quickstatements_lines_and_what_they_leave_out():
    public = public_reports(
        [report(1), report(2, site=None, label="Ruin"), report(3, kind="armed_conflict")], sites()
    )
    lines, notes = quickstatements(public, {"damaged": "Q56556915"})
    assert lines == [
        'Q2632434\tP5816\tQ56556915\tP585\t+2026-11-12T00:00:00Z/11\tS854\t"https://example.org/news/labove"'
    ]
    assert (
        len(notes) == 2
        and any("no Wikidata item" in n for n in notes)
        and any("armed_conflict" in n for n in notes)
    )


def test_the_wikitext_table_escapes_what_reporters_wrote():
    hostile = report(
        1, description="{{Delete}} [[Category:Spam]] <script>x</script> ~~~~", label="'''Loud'''"
    )
    table = wikitext_table(public_reports([hostile], sites()), i18n.translator("en"))
    for raw in ("{{Delete}}", "[[Category:Spam]]", "<script>", "~~~~", "'''Loud'''"):
        assert raw not in table
    assert "[[d:Q2632434|Q2632434]]" in table and "[[:c:File&#58;Labove church roof 2026.jpg]]" in table


def test_the_wikitext_table_speaks_the_pages_language():
    table = wikitext_table(public_reports([report(1, kind="armed_conflict")], sites()), i18n.translator("sq"))
    assert "! Burimi" in table and "konflikt i armatosur" in table
    assert 'data-sort-value="2026-11-12"' in table


def test_the_wikitext_table_has_the_sites_designation_and_list_status_escaped():
    shown = [
        replace(r, designation="{{Kulturë}} [[Kategoria:X]]", site_risk="<b>në rrezik</b> ~~~~")
        for r in public_reports([report(1)], sites())
    ]
    table = wikitext_table(shown, i18n.translator("en"))
    assert "! Designation" in table and "! Status on the list" in table
    for raw in ("{{Kulturë}}", "[[Kategoria:X]]", "<b>", "~~~~"):
        assert raw not in table
    assert "Kulturë" in table and "në rrezik" in table
    cells = table.split("|-\n", 1)[1].splitlines()[:-1]  # the row, without the closing "|}"
    assert len(cells) == table.count("\n! ")  # a cell per column
