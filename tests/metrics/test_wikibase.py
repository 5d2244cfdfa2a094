"""Wikibase entity diffs (metrics/wikibase.py) on the documented JSON serialization."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitally.metrics.wikibase import EntityChange, change, entity_of, parse_entity

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wikibase"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def entity(data: dict[str, Any]):  # type: ignore[no-untyped-def]
    found = entity_of(data)
    assert found is not None
    return found


R1, R2, R3 = (load(f"Q4115189.r{i}.json") for i in (1, 2, 3))


def test_a_new_item_adds_everything_it_holds():
    # 2 statements, 1 reference, labels en+sq, description en, alias en "Berat Castle", sitelink sqwiki
    assert change(None, entity(R1)) == EntityChange(
        statements_added=2, statements_removed=0, references_added=1, labels_added=4, sitelinks_added=1
    )


def test_a_changed_value_keeps_its_statement_and_a_changed_label_adds_nothing():
    # r2: P31's value changes under the same GUID; a reference on P625; en label changed; sq description and a
    # second en alias added
    assert change(entity(R1), entity(R2)) == EntityChange(
        statements_added=0, statements_removed=0, references_added=1, labels_added=2, sitelinks_added=0
    )


def test_removed_statement_new_statement_and_sitelinks():
    # r3: P625 removed, P1435 added with a reference; dewiki added; sqwiki's title changed (not added)
    assert change(entity(R2), entity(R3)) == EntityChange(
        statements_added=1, statements_removed=1, references_added=1, labels_added=0, sitelinks_added=1
    )


def test_reordering_statements_and_references_is_no_change():
    shuffled = copy.deepcopy(R3)
    shuffled["claims"] = dict(reversed(list(shuffled["claims"].items())))
    shuffled["sitelinks"] = dict(reversed(list(shuffled["sitelinks"].items())))
    assert change(entity(R3), entity(shuffled)) == EntityChange()


def test_a_statement_moved_to_another_item_is_removed_there_and_added_here():
    moved = R3["claims"]["P1435"][0]
    source = copy.deepcopy(R3)
    del source["claims"]["P1435"]
    target = {"type": "item", "id": "Q7", "claims": {}, "labels": [], "sitelinks": []}
    after = copy.deepcopy(target)
    after["claims"]["P1435"] = [dict(moved, id="Q7$1D2C3B4A-5F6E-4D7C-8B9A-0F1E2D3C4B5A")]
    assert change(entity(R3), entity(source)).statements_removed == 1
    gained = change(entity(target), entity(after))
    assert (gained.statements_added, gained.references_added) == (1, 1)


def test_an_edited_reference_has_a_new_hash_so_it_counts_as_added():
    edited = copy.deepcopy(R1)
    ref = edited["claims"]["P31"][0]["references"][0]
    ref["hash"] = "0" * 40
    ref["snaks"]["P854"][0]["datavalue"]["value"] = "https://whc.unesco.org/en/list/569/"
    assert change(entity(R1), entity(edited)) == EntityChange(references_added=1)


def test_a_removed_label_and_removed_reference_add_nothing():
    smaller = copy.deepcopy(R1)
    del smaller["labels"]["sq"]
    smaller["claims"]["P31"][0]["references"] = []
    assert change(entity(R1), entity(smaller)) == EntityChange()


def test_empty_maps_written_by_php_as_lists_are_empty():
    empty = parse_entity((FIXTURES / "Q99.empty.json").read_text(encoding="utf-8"))
    assert empty is not None and empty.type == "item"
    assert change(empty, entity(R1)) == change(None, entity(R1))


def test_a_redirect_removes_every_statement_and_undoing_it_adds_them_back():
    redirect = parse_entity('{"entity": "Q4115189", "redirect": "Q7"}')
    assert redirect is not None and redirect.type == ""
    assert change(entity(R1), redirect).statements_removed == 2
    assert change(redirect, entity(R1)).statements_added == 2


@pytest.mark.parametrize(
    "text",
    [
        None,
        "not json",
        "[]",
        '{"a": 1}',
        '{"type": "page", "id": "X1"}',
        '{"type": "item"}',
        "{{Infobox}} '''Berat''' is a city.",
    ],
)
def test_content_that_is_no_entity_document(text):
    assert parse_entity(text) is None


def test_statements_without_guid_are_told_apart_by_property_and_value():
    one = {"type": "item", "id": "Q1", "claims": {"P31": [{"mainsnak": R1["claims"]["P31"][0]["mainsnak"]}]}}
    two = copy.deepcopy(one)
    two["claims"]["P31"].append({"mainsnak": R2["claims"]["P31"][0]["mainsnak"]})
    assert change(entity(one), entity(two)).statements_added == 1


def test_mediainfo_statements_are_read_too():
    info = {"type": "mediainfo", "id": "M5", "labels": {}, "statements": copy.deepcopy(R1["claims"])}
    assert change(None, entity(info)).statements_added == 2


# -- properties, over random entities built from the fixtures' pieces --------------------------------------

_STATEMENTS = [s for d in (R1, R2, R3) for listed in d["claims"].values() for s in listed]
_LANGS = ["en", "sq", "de", "sr-el"]


@st.composite
def entities(draw: st.DrawFn) -> dict[str, Any]:
    picked = draw(st.lists(st.sampled_from(_STATEMENTS), max_size=5))
    claims: dict[str, list[Any]] = {}
    for s in picked:
        claims.setdefault(s["mainsnak"]["property"], []).append(s)
    labels = {
        lang: {"language": lang, "value": lang.upper()} for lang in draw(st.sets(st.sampled_from(_LANGS)))
    }
    aliases = {
        lang: [
            {"language": lang, "value": v}
            for v in draw(st.sets(st.sampled_from(["a", "b", "c"]), min_size=1))
        ]
        for lang in draw(st.sets(st.sampled_from(_LANGS)))
    }
    sites = draw(st.sets(st.sampled_from(["sqwiki", "dewiki", "enwiki", "commonswiki"])))
    return {
        "type": "item",
        "id": "Q1",
        "labels": labels or [],
        "aliases": aliases or [],
        "claims": claims or [],
        "sitelinks": {s: {"site": s, "title": s, "badges": []} for s in sites},
    }


@settings(derandomize=True, max_examples=50, deadline=None)
@given(entities(), entities())
def test_statements_added_one_way_are_removed_the_other(a, b):
    forward, back = change(entity(a), entity(b)), change(entity(b), entity(a))
    assert forward.statements_added == back.statements_removed
    assert forward.statements_removed == back.statements_added


@settings(derandomize=True, max_examples=50, deadline=None)
@given(entities(), entities())
def test_no_change_adds_nothing_and_a_round_trip_only_adds_back(a, b):
    assert change(entity(a), entity(a)) == EntityChange()
    there, back = change(entity(a), entity(b)), change(entity(b), entity(a))
    fresh = change(None, entity(b))
    assert there.statements_added <= fresh.statements_added and there.labels_added <= fresh.labels_added
    assert there.sitelinks_added + back.sitelinks_added == len(set(a["sitelinks"]) ^ set(b["sitelinks"]))
