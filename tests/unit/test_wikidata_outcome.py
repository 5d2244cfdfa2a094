"""The wikidata_* metrics (docs/metrics.md, "Wikidata"): which edits they count, where they appear, and that a
campaign without a Wikibase wiki shows none of them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from wikitally.campaign_file import load_campaign
from wikitally.collect import parse
from wikitally.errors import CampaignFileError
from wikitally.metrics.outcome import METRICS, WIKIDATA_METRICS, compute
from wikitally.metrics.programs import roll_up
from wikitally.metrics.wikibase import parse_entity, wikibase_wikis
from wikitally.metrics.words import Prepared
from wikitally.model import Campaign, ContentFacts, EntityFacts, PageState, Revision, SiteInfo, Snapshot
from wikitally.reports import i18n
from wikitally.reports.csv_report import TABLES, render_csv
from wikitally.reports.data import ReportData
from wikitally.reports.headline import sentence as headline_sentence
from wikitally.reports.html import REPORT_CSS, render_html
from wikitally.reports.table import render_table
from wikitally.reports.wikitext import render_wikitext
from wikitally.services.collection import EMPTY, Measured, entity_facts

START = datetime(2024, 3, 8, 8, 0, tzinfo=UTC)
END = datetime(2024, 3, 15, 22, 59, 59, tzinfo=UTC)
AS_OF = datetime(2024, 4, 1, tzinfo=UTC)
WD, WP = "www.wikidata.org", "sq.wikipedia.org"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wikibase"
CAMPAIGN = Campaign("C", START, END, (WP, WD), participants=("Ana", "Besa"))
PEOPLE = frozenset(CAMPAIGN.participants)


def wikidata_info() -> SiteInfo:
    return parse.siteinfo(WD, json.loads((FIXTURES / "siteinfo_wikidata.json").read_text(encoding="utf-8")))


def wikipedia_info() -> SiteInfo:
    return SiteInfo(WP, (0,), {0: "", 2: "User", 6: "File"})


def rev(rev_id, page_id, user="Ana", wiki=WD, ns=0, new=False, tags=(), ts=START + timedelta(hours=1)):
    return Revision(
        wiki,
        rev_id,
        0 if new else rev_id - 1,
        page_id,
        ns,
        f"Q{page_id}",
        user,
        ts,
        "",
        100,
        10,
        tuple(tags),
        new,
    )


def page(page_id, wiki=WD, ns=0):
    return PageState(wiki, page_id, ns, f"Q{page_id}", False)


def ef(rev_id, kind="item", added=0, removed=0, refs=0, labels=0, links=0, wiki=WD):
    return EntityFacts(wiki, rev_id, kind, added, removed, refs, labels, links)


def snapshot(revisions, entity_facts, pages, infos=None, campaign=CAMPAIGN):
    facts = tuple(ContentFacts(r.wiki, r.rev_id, 0, 0, 0) for r in revisions)
    return Snapshot(
        campaign,
        tuple(revisions),
        tuple(pages),
        facts,
        (),
        (),
        tuple(infos if infos is not None else (wikipedia_info(), wikidata_info())),
        tuple(entity_facts),
    )


def test_wikidatas_siteinfo_says_which_namespaces_hold_entities():
    # items (0), properties (120) and lexemes (146); not EntitySchema (640) nor Module (828)
    assert wikidata_info().entity_namespaces == (0, 120, 146)
    assert wikibase_wikis(CAMPAIGN, [wikidata_info(), wikipedia_info()]) == {WD: frozenset({0, 120, 146})}


def test_a_plain_wiki_is_no_wikibase_and_a_json_namespace_is_one_only_when_named():
    plain = SiteInfo(WP, (0,), {0: "", 120: "Item"})
    assert wikibase_wikis(CAMPAIGN, [plain]) == {}
    named = Campaign(
        "C", START, END, (WP,), participants=("Ana",), namespaces=(0, 120), wikibase_namespaces={WP: (120,)}
    )
    assert wikibase_wikis(named, [plain]) == {WP: frozenset({120})}
    untracked = Campaign("C", START, END, (WP,), participants=("Ana",), wikibase_namespaces={WP: (120,)})
    assert wikibase_wikis(untracked, [plain]) == {}  # namespace 120 is not tracked: nothing counts there


def test_the_numbers_by_definition():
    revisions = [
        rev(10, 1, new=True),  # Ana creates item Q1: 3 statements, 2 refs, 4 labels, 1 sitelink
        rev(11, 1, user="Besa"),  # Besa: +1 statement, -1 statement, +1 label
        rev(12, 1, user="Besa", tags=("mw-reverted",)),  # reverted: an edit, nothing else
        rev(20, 2, new=True),  # Ana creates a property: not an item
        rev(30, 3, user="Besa", wiki=WP, ns=0, new=True),  # an article on Wikipedia: no Wikidata numbers
    ]
    entity_facts = [
        ef(10, added=3, refs=2, labels=4, links=1),
        ef(11, added=1, removed=1, labels=1),
        ef(12, added=9, refs=9, labels=9, links=9),
        ef(20, kind="property", added=1, labels=2),
    ]
    pages = [page(1), page(2), page(3, wiki=WP)]
    out = compute(snapshot(revisions, entity_facts, pages), PEOPLE, AS_OF)
    expected_total = {
        "wikidata_edits": 4,
        "wikidata_items_created": 1,
        "wikidata_statements_added": 5,
        "wikidata_statements_removed": 1,
        "wikidata_references_added": 2,
        "wikidata_labels_added": 7,
        "wikidata_sitelinks_added": 1,
    }
    assert {k: out.totals[k] for k in WIKIDATA_METRICS} == expected_total
    assert {k: out.by_wiki[WD][k] for k in WIKIDATA_METRICS} == expected_total
    assert {k: out.by_wiki[WP][k] for k in WIKIDATA_METRICS} == dict.fromkeys(WIKIDATA_METRICS, 0)
    people = {row["user"]: row for row in out.by_participant}
    assert people["Ana"]["wikidata_edits"] == 2 and people["Ana"]["wikidata_items_created"] == 1
    assert people["Ana"]["wikidata_statements_added"] == 4 and people["Ana"]["wikidata_labels_added"] == 6
    assert people["Besa"]["wikidata_edits"] == 2 and people["Besa"]["wikidata_statements_removed"] == 1
    assert out.totals["edits"] == 5  # the spine counts every edit as before
    assert out.campaign["wikibase_wikis"] == [WD]


def test_edits_outside_the_entity_namespaces_are_no_wikidata_edits():
    campaign = Campaign("C", START, END, (WD,), participants=("Ana",), namespaces=(0, 4))
    revisions = [rev(10, 1, new=True), rev(40, 4, ns=4, new=True)]  # an item and a project page
    out = compute(
        snapshot(revisions, [ef(10, added=1)], [page(1), page(4, ns=4)], campaign=campaign), None, AS_OF
    )
    assert out.totals["edits"] == 2 and out.totals["wikidata_edits"] == 1


def test_an_edit_not_measured_yet_is_an_edit_with_nothing_else():
    out = compute(snapshot([rev(10, 1, new=True)], [], [page(1)]), PEOPLE, AS_OF)
    assert out.totals["wikidata_edits"] == 1
    assert out.totals["wikidata_items_created"] == out.totals["wikidata_statements_added"] == 0


def test_a_campaign_without_a_wikibase_wiki_shows_nothing_new():
    campaign = Campaign("C", START, END, (WP,), participants=("Besa",))
    revisions = [rev(30, 3, user="Besa", wiki=WP, new=True)]
    out = compute(snapshot(revisions, [], [page(3, wiki=WP)], [wikipedia_info()], campaign), None, AS_OF)
    data = out.as_json()
    assert list(data["totals"]) == list(METRICS)
    assert all(list(m) == list(METRICS) for m in data["by_wiki"].values())
    assert "wikibase_wikis" not in data["campaign"]
    assert "wikidata" not in json.dumps(data) and "wikidata" not in render_csv(data)
    assert "Wikidata" not in render_table(data) and "Statements" not in render_table(data)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_csv_of_a_wikibase_campaign_carries_the_wikidata_columns(table):
    revisions = [rev(10, 1, new=True), rev(11, 1, user="Besa")]
    data = compute(
        snapshot(revisions, [ef(10, added=3), ef(11, added=2)], [page(1)]), PEOPLE, AS_OF
    ).as_json()
    rows = list(csv.DictReader(io.StringIO(TABLES[table](data))))
    if table in ("summary", "participants", "wikis"):
        assert list(rows[0])[-len(WIKIDATA_METRICS) :] == list(WIKIDATA_METRICS)
        added = {
            row.get("name") or row.get("user") or row.get("wiki"): row["wikidata_statements_added"]
            for row in rows
        }
        expected = {
            "summary": {"C": "5", WP: "0", WD: "5", "Ana": "3", "Besa": "2"},
            "participants": {"Ana": "3", "Besa": "2"},
            "wikis": {WP: "0", WD: "5"},
        }[table]
        assert added == expected
    else:
        assert not set(rows[0] if rows else ()) & set(WIKIDATA_METRICS)


def test_the_table_shows_the_wikidata_rows():
    revisions = [rev(10, 1, new=True)]
    data = compute(snapshot(revisions, [ef(10, added=3, refs=1)], [page(1)]), PEOPLE, AS_OF).as_json()
    table = render_table(data)
    assert "Wikidata statements added" in table and "Wikidata items created" in table
    line = next(line for line in table.splitlines() if "Wikidata statements added" in line)
    assert [cell.strip() for cell in line.split("│")[1:-1]] == ["Wikidata statements added", "3", "0", "3"]
    people = table.split("Top participants")[1]
    assert "Statements" in people


# -- the campaign file's key ---------------------------------------------------------------------------

BASE = """
name = "Wd"
start = 2024-03-08T09:00:00+01:00
end   = 2024-03-15T23:59:59+01:00
wikis = ["sq.wikipedia.org", "data.example.org"]
participants = ["Ana"]
namespaces = [0, 120]
"""


def test_wikibase_namespaces_are_read(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(BASE + '[wikibase_namespaces]\n"Data.Example.org" = [120, 120]\n', encoding="utf-8")
    assert load_campaign(path).wikibase_namespaces == {"data.example.org": (120,)}


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ("wikibase_namespaces = 120\n", "wikibase_namespaces"),
        ('[wikibase_namespaces]\n"www.wikidata.org" = [0]\n', "wikibase_namespaces.www.wikidata.org"),
        ('[wikibase_namespaces]\n"data.example.org" = []\n', "wikibase_namespaces.data.example.org"),
        ('[wikibase_namespaces]\n"data.example.org" = [-1]\n', "wikibase_namespaces.data.example.org"),
        ('[wikibase_namespaces]\n"data.example.org" = ["Item"]\n', "wikibase_namespaces.data.example.org"),
    ],
)
def test_a_bad_wikibase_namespaces_key_is_one_line_naming_it(tmp_path, extra, field):
    path = tmp_path / "c.toml"
    path.write_text(BASE + extra, encoding="utf-8")
    with pytest.raises(CampaignFileError) as err:
        load_campaign(path)
    assert err.value.field == field and "\n" not in str(err.value)


# -- the headline's newsletter line ------------------------------------------------------------------------


def report(totals_extra: dict[str, int]) -> ReportData:
    revisions = [rev(10, 1, new=True)]
    data = compute(snapshot(revisions, [ef(10, added=1)], [page(1)]), PEOPLE, AS_OF).as_json()
    data["totals"].update(totals_extra)
    return ReportData(outcome=data, articles=(), timeline=(), wikidata_revisions=1874)


@pytest.mark.parametrize(
    ("language", "totals", "line"),
    [
        (
            "en",
            {"wikidata_edits": 1874, "wikidata_statements_added": 312},
            "Wikidata: 1.9K revisions, 312 statements.",
        ),
        ("en", {"wikidata_edits": 1, "wikidata_statements_added": 1}, "Wikidata: 1 revision, 1 statement."),
        (
            "ru",
            {"wikidata_edits": 2, "wikidata_statements_added": 312},
            "Викиданные: 2 правки, 312 утверждений.",
        ),
        ("sq", {"wikidata_edits": 5, "wikidata_statements_added": 1}, "Wikidata: 5 redaktime, 1 pohim."),
    ],
)
def test_the_headline_ends_with_the_newsletters_wikidata_line(language, totals, line):
    said = headline_sentence(report(totals), i18n.translator(language))
    assert said.endswith(" " + line)
    # said once: the sentence no longer adds "made 1.9K edits on Wikidata" from wikidata_revisions
    assert "1.9K edits" not in said and said.count("Wikidata") + said.count("Викиданные") == 1


def test_a_headline_without_wikibase_numbers_is_as_before():
    data = report({})
    for key in WIKIDATA_METRICS:
        del data.outcome["totals"][key]
    said = headline_sentence(data, i18n.translator("en"))
    assert said.endswith("made 1.9K edits on Wikidata.") and "revisions" not in said


# -- hidden content -----------------------------------------------------------------------------------------


def test_hidden_content_on_either_side_credits_nothing_but_the_edit():
    item = Measured(
        Prepared(""), 0, parse_entity((FIXTURES / "Q4115189.r1.json").read_text(encoding="utf-8"))
    )
    assert entity_facts(WD, 5, None, item) == EntityFacts(WD, 5, "item", 0, 0, 0, 0, 0)
    assert entity_facts(WD, 5, EMPTY, None) == EntityFacts(WD, 5, "", 0, 0, 0, 0, 0)
    assert entity_facts(WD, 5, EMPTY, item) == EntityFacts(WD, 5, "item", 2, 0, 1, 4, 1)


# -- the reports' Wikidata section --------------------------------------------------------------------------

HOSTILE = "<script>x</script>[[Category:X]]{{Y}}"


def test_the_wikidata_section_of_wikitext_and_html_escapes_names():
    campaign = Campaign("C", START, END, (WP, WD), participants=("Ana", HOSTILE))
    revisions = [rev(10, 1, new=True), rev(11, 1, user=HOSTILE)]
    snap = snapshot(
        revisions, [ef(10, added=3, refs=1), ef(11, added=2, links=1)], [page(1)], campaign=campaign
    )
    data = compute(snap, frozenset(campaign.participants), AS_OF).as_json()
    report_data = ReportData(outcome=data, articles=(), timeline=())
    t = i18n.translator("en")
    wikitext = render_wikitext(report_data, t)
    section = wikitext.split("=== Wikidata ===")[1]
    assert '! data-sort-type="number" | Statements added' in section
    assert "<script>" not in section and "[[Category:X]]" not in section and "{{Y}}" not in section
    assert 'data-sort-value="5" | 5' in section  # www.wikidata.org: 3 + 2 statements
    html = render_html(report_data, t)
    part = html.split('<section id="wikidata"')[1].split("</section>")[0]
    assert "&lt;script&gt;" in part and "<script>" not in part
    assert "Sitelinks added" in part and "Items created" in part
    # its number cells line up under their headers like the other tables' (seen in Chromium at 360/1366 px)
    assert ".t-wikidata td:nth-child(n+2),.t-wikidata-people td:nth-child(n+2)" in REPORT_CSS


# -- programs -----------------------------------------------------------------------------------------------


def test_a_program_counts_each_entity_revision_once():
    spring = Campaign("Spring", START, END, (WP, WD), participants=("Ana", "Besa"))
    autumn = Campaign("Autumn", START + timedelta(hours=2), END, (WD,), participants=("Ana",))
    revisions = [rev(10, 1, new=True), rev(11, 1, user="Besa"), rev(12, 1, ts=START + timedelta(hours=3))]
    facts = [ef(10, added=3, refs=1), ef(11, added=2), ef(12, added=1, links=1)]
    pages = [page(1)]
    program = roll_up(
        [
            (snapshot(revisions, facts, pages, campaign=spring), frozenset(spring.participants)),
            (snapshot(revisions, facts, pages, campaign=autumn), frozenset(autumn.participants)),
        ],
        AS_OF,
    )
    assert [row["totals"]["wikidata_edits"] for row in program["by_campaign"]] == [3, 1]
    totals = program["totals"]
    assert (totals["wikidata_edits"], totals["wikidata_items_created"]) == (3, 1)
    assert (totals["wikidata_statements_added"], totals["wikidata_sitelinks_added"]) == (6, 1)


def test_a_program_without_wikibase_has_no_wikidata_numbers():
    campaign = Campaign("C", START, END, (WP,), participants=("Besa",))
    snap = snapshot(
        [rev(30, 3, user="Besa", wiki=WP, new=True)], [], [page(3, wiki=WP)], [wikipedia_info()], campaign
    )
    assert list(roll_up([(snap, None)], AS_OF)["totals"]) == list(METRICS)
