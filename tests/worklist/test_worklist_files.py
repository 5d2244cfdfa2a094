"""Worklist files as PetScan and the Wikidata Query Service write them (tests/fixtures/worklist/)."""

from pathlib import Path

import pytest

from wikitally.metrics.coverage import unique
from wikitally.metrics.worklist_files import ExportError, parse_export
from wikitally.model import Point

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "worklist"
WIKI = "sq.wikipedia.org"


def parse(name: str):
    return parse_export((FIXTURES / name).read_text(encoding="utf-8"), name, WIKI)


def test_petscan_csv_titles_items_and_escaped_quotes():
    items = parse("petscan.csv")
    # the category row (namespace "Kategori") is not an article
    assert [(i.item, i.wiki, i.title) for i in items] == [
        ("Q2493845", WIKI, "Dardhë (Përmet)"),
        ("Q1027531", WIKI, "Lin, Pogradec"),
        (None, WIKI, 'Shtëpia "Kadare"'),
    ]


def test_petscan_tsv():
    assert [(i.item, i.title) for i in parse("petscan.tsv")] == [
        ("Q2493845", "Dardhë (Përmet)"),
        ("Q1027531", "Lin, Pogradec"),
    ]


def test_petscan_json_with_metadata():
    items = parse("petscan.json")
    assert [(i.item, i.title) for i in items] == [
        ("Q2493845", "Dardhë (Përmet)"),
        ("Q1027531", "Lin, Pogradec"),
    ]
    assert items[0].point == Point(40.2, 20.4)  # PetScan's "lat/lon"
    assert items[0].image == "Dardhe village.jpg"


@pytest.mark.parametrize("name", ["wdqs.csv", "wdqs.tsv", "wdqs.json", "wdqs-simple.json"])
def test_query_service_exports(name):
    items = unique(parse(name))
    assert [i.item for i in items] == ["Q2493845", "Q1027531"]
    assert items[0].label == "Dardhë"
    assert items[0].point == Point(40.2, 20.4)  # WKT is Point(lon lat)
    assert items[0].title is None and items[0].wiki == WIKI


def test_query_service_image_and_duplicates():
    items = parse("wdqs.csv")
    assert len(items) == 3 and len(unique(items)) == 2  # an item listed twice is one item
    assert items[0].image == "Dardhe village.jpg"


def test_sparql_tsv_literal_with_escaped_quote():
    assert parse("wdqs.tsv")[1].label == 'Lin, "Pogradec"'


def test_wiki_column_owns_titles():
    text = "title,wiki\nFoo_bar,en.wikipedia.org\nBaz,\n"
    items = parse_export(text, "list.csv", WIKI)
    assert [(i.wiki, i.title) for i in items] == [("en.wikipedia.org", "Foo bar"), (WIKI, "Baz")]


def test_article_url_names_its_wiki():
    text = "item,article\nhttp://www.wikidata.org/entity/Q1,https://en.wikipedia.org/wiki/Big_Bang\n"
    (item,) = parse_export(text, "q.csv", WIKI)
    assert (item.item, item.wiki, item.title) == ("Q1", "en.wikipedia.org", "Big Bang")


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        ("name,population\nA,3\n", "x.csv", "header"),
        ("item\nhttp://example.org/P31\n", "x.csv", "row 2, column item"),
        ("{not json", "x.json", "JSON"),
        ('{"something": 1}', "x.json", "JSON"),
        ("", "x.csv", "header"),
    ],
)
def test_unreadable_exports_say_where(text, name, where):
    with pytest.raises(ExportError) as e:
        parse_export(text, name, WIKI)
    assert e.value.where == where


def test_a_heritage_site_lists_designation_and_risk_columns_are_kept():
    from wikitally.metrics.coverage import Resolution

    text = (
        "item,itemLabel,designationLabel,risk,coord\n"
        "http://www.wikidata.org/entity/Q1,Kalaja,cultural monument,threatened,Point(19.9 41.3)\n"
        "http://www.wikidata.org/entity/Q2,Ura,,,\n"
        "http://www.wikidata.org/entity/Q2,Ura,monument,,\n"
    )
    items = unique(parse_export(text, "sites.csv", WIKI))
    assert [(i.item, i.designation, i.risk) for i in items] == [
        ("Q1", "cultural monument", "threatened"),
        ("Q2", "monument", None),  # a later mention fills what the first lacked
    ]
    kept = Resolution(tuple(items), {}, {})
    assert Resolution.from_json(kept.as_json()).items == kept.items
    # a resolution stored before these columns existed (7 values an item) reads back without them
    old = {"items": [["Q3", WIKI, None, "Kulla", None, None, None]], "sitelinks": {}, "states": []}
    assert Resolution.from_json(old).items[0].designation is None
    assert (
        len(kept.as_json()["items"][0]) == 9
        and len(Resolution(tuple(items[1:]), {}, {}).as_json()["items"][0]) == 9
    )
    plain = parse_export("item\nQ4\n", "x.csv", WIKI)
    assert len(Resolution(tuple(plain), {}, {}).as_json()["items"][0]) == 7  # nothing more when not given
