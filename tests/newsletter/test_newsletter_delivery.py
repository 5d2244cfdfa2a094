"""Who gets the announcement: the talk pages a delivery list names (MassMessage targets, plain links, JSON)."""

from __future__ import annotations

import json

from wikitally.services.newsletter import MASSMESSAGE_LIST_MODEL, subscriber_list, subscribers

NAMESPACES = {
    "user": 2,
    "user talk": 3,
    "project": 4,
    "project talk": 5,
    "talk": 1,
    "обсуждение участника": 3,
}


def test_massmessage_targets_and_plain_talk_page_links():
    text = """Subscribe by adding yourself below. See [[CEE/Newsletter]] and [[User:Ana]].
{{target|page=User talk:Ana}}
{{ Target | page = User_talk:Besa | site = meta.wikimedia.org }}
{{target|page=User talk:Far|site=ru.wikipedia.org}}
* [[User talk:Cene]]
* [[:User talk:Dita|Dita]]
* [[Обсуждение участника:Ёж#Рассылка]]
* [[Project talk:Newsletter]]
<!-- {{target|page=User talk:Hidden}} [[User talk:Hidden]] -->
<nowiki>[[User talk:Nowiki]]</nowiki>
{{target|page=User talk:Ana}}
"""
    pages, notes = subscribers(text, "wikitext", NAMESPACES, "meta.wikimedia.org")
    assert pages == [
        "User talk:Ana",
        "User talk:Besa",
        "User talk:Cene",
        "User talk:Dita",
        "Обсуждение участника:Ёж",
        "Project talk:Newsletter",
    ]
    assert notes == ["User talk:Far is on ru.wikipedia.org: wikitally delivers on meta.wikimedia.org only"]


def test_massmessage_json_lists():
    text = json.dumps(
        {
            "description": "CEE Newsletter",
            "targets": [{"title": "User talk:Ana"}, {"title": "User talk:Far", "site": "uk.wikipedia.org"}],
        }
    )
    pages, notes = subscribers(text, MASSMESSAGE_LIST_MODEL, {}, "meta.wikimedia.org")
    assert pages == ["User talk:Ana"] and len(notes) == 1


def test_a_list_of_no_talk_pages():
    assert subscribers(
        "[[Main Page]] [[User:Ana]] {{other|page=User talk:X}}", "wikitext", NAMESPACES, "w"
    ) == (
        [],
        [],
    )


def test_a_list_can_say_each_subscribers_language():
    text = "{{target|page=User talk:Ana|lang=ru}}\n{{target|page=User talk:Besa}}\n* [[User talk:Cene]]"
    listed, _notes = subscriber_list(text, "wikitext", NAMESPACES, "meta.wikimedia.org")
    assert listed == [("User talk:Ana", "ru"), ("User talk:Besa", None), ("User talk:Cene", None)]
    as_json = json.dumps({"targets": [{"title": "User talk:Ana", "lang": "RU"}, {"title": "User talk:Besa"}]})
    assert subscriber_list(as_json, MASSMESSAGE_LIST_MODEL, {}, "meta.wikimedia.org")[0] == [
        ("User talk:Ana", "ru"),
        ("User talk:Besa", None),
    ]
