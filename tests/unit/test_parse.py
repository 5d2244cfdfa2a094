"""API answers (formatversion=2, as MediaWiki 1.39 sends them) → model objects; malformed rows fail loudly."""

from datetime import UTC, datetime

import pytest

from wikitally.collect import parse
from wikitally.collect.reader import content_of, pages_of
from wikitally.errors import SourceError
from wikitally.metrics.words import count_words, link_names

CONTRIB = {
    "userid": 3,
    "user": "Spine_Ana",
    "pageid": 7,
    "revid": 42,
    "parentid": 41,
    "ns": 0,
    "title": "Spine Alpha",
    "timestamp": "2024-03-08T10:11:12Z",
    "new": False,
    "minor": False,
    "top": True,
    "comment": "fix #WikiGap",
    "size": 1200,
    "sizediff": -30,
    "tags": ["mw-reverted"],
}


def test_contribution():
    rev = parse.contribution("sq.wikipedia.org", CONTRIB)
    assert (rev.rev_id, rev.parent_id, rev.page_id, rev.user, rev.sizediff) == (42, 41, 7, "Spine Ana", -30)
    assert rev.timestamp == datetime(2024, 3, 8, 10, 11, 12, tzinfo=UTC)
    assert rev.reverted and not rev.new and rev.comment == "fix #WikiGap"


def test_hidden_fields():
    row = {**CONTRIB, "commenthidden": True, "texthidden": True}
    del row["comment"]
    rev = parse.contribution("x.org", row)
    assert rev.comment is None and rev.texthidden


@pytest.mark.parametrize(
    "missing", ["revid", "parentid", "pageid", "ns", "title", "user", "size", "timestamp"]
)
def test_a_row_missing_a_field_is_malformed(missing):
    row = {k: v for k, v in CONTRIB.items() if k != missing}
    with pytest.raises(SourceError, match="malformed"):
        parse.contribution("x.org", row)


def test_recent_change_new_page():
    rc = {
        "type": "new",
        "ns": 0,
        "title": "A",
        "pageid": 5,
        "revid": 9,
        "old_revid": 0,
        "rcid": 20,
        "user": "B",
        "oldlen": 0,
        "newlen": 120,
        "timestamp": "2024-03-08T10:00:00Z",
        "comment": "",
        "tags": [],
    }
    rev = parse.recent_change("x.org", rc)
    assert rev.new and rev.sizediff == 120 and rev.parent_id == 0


def test_page_states():
    assert parse.page_state("x.org", {"pageid": 5, "ns": 0, "title": "A", "redirect": True}).redirect
    missing = parse.page_state("x.org", {"ns": 0, "title": "Gone", "missing": True})
    assert missing is not None and not missing.exists
    assert parse.page_state("x.org", {"title": "<", "invalid": True}) is None


def test_accounts():
    assert parse.account(
        "x.org", {"userid": 1, "name": "A", "registration": "2024-03-09T00:00:00Z"}
    ).registration
    assert not parse.account("x.org", {"name": "Nobody", "missing": True}).exists
    assert parse.account("x.org", {"userid": 2, "name": "Old", "registration": None}).registration is None


def test_content_slots_and_hidden_text():
    assert content_of({"revid": 1, "slots": {"main": {"content": "x"}}}) == "x"
    assert content_of({"revid": 1, "slots": {"main": {"texthidden": True}}}) is None
    assert content_of({"revid": 1, "texthidden": True}) is None
    with pytest.raises(SourceError, match="no content"):
        content_of({"revid": 1, "slots": {"main": {}}})


def test_pages_must_be_a_list():
    with pytest.raises(SourceError, match="formatversion=2"):
        pages_of({"query": {"pages": {"5": {}}}})
    with pytest.raises(SourceError, match="no query"):
        pages_of({"something": "else"})


def test_siteinfo():
    data = {
        "query": {
            "namespaces": {"0": {"id": 0, "name": "", "content": True}, "6": {"id": 6, "name": "File"}},
            "extensions": [{"name": "Cite"}, {"name": "GlobalUsage"}],
        }
    }
    info = parse.siteinfo("x.org", data)
    assert info.content_namespaces == (0,) and info.namespace_names[6] == "File"
    assert "GlobalUsage" in info.extensions
    with pytest.raises(SourceError):
        parse.siteinfo("x.org", {"query": {}})


def test_siteinfo_link_names():
    # As af.wikipedia.org answers siprop=namespaces|namespacealiases|interwikimap (abridged).
    data = {
        "query": {
            "namespaces": {
                "0": {"id": 0, "name": "", "content": True},
                "4": {"id": 4, "name": "Wikipedia", "canonical": "Project"},
                "6": {"id": 6, "name": "Lêer", "canonical": "File"},
                "14": {"id": 14, "name": "Kategorie", "canonical": "Category"},
            },
            "namespacealiases": [{"id": 6, "alias": "Beeld"}, {"id": 4, "alias": "WP"}],
            "interwikimap": [
                {
                    "prefix": "en",
                    "local": True,
                    "language": "English",
                    "url": "https://en.wikipedia.org/wiki/$1",
                },
                {"prefix": "wikt", "local": True, "url": "https://af.wiktionary.org/wiki/$1"},
                {
                    "prefix": "simple",
                    "local": True,
                    "extralanglink": True,
                    "url": "https://simple.wikipedia.org/",
                },
            ],
        }
    }
    info = parse.siteinfo("af.wikipedia.org", data)
    assert info.namespace_aliases == {4: ("Project", "WP"), 6: ("File", "Beeld"), 14: ("Category",)}
    assert info.interlanguage == ("en", "simple")
    names = link_names(info)
    text = "[[Beeld:Kaap.jpg|duimnael|Kaapstad]] [[Lêer:X.png]] [[Kategorie:Stede]] [[en:Cape Town]] "
    assert count_words(text + "[[WP:NPOV|neutraal]] [[wikt:stad|stad]] [[simple:Cape Town]]", names) == 2
    assert parse.siteinfo("x.org", {"query": {"namespaces": {}}}).interlanguage is None  # not asked
