"""A wiki's project, from its domain alone."""

from __future__ import annotations

import pytest

from wikitally.reports.projects import Family, Project, project


@pytest.mark.parametrize(
    ("domain", "family"),
    [
        ("sq.wikipedia.org", Family.WIKIPEDIA),
        ("sq.m.wikipedia.org", Family.WIKIPEDIA),
        ("en.wikipedia.org", Family.WIKIPEDIA),
        ("test.wikipedia.org", Family.WIKIPEDIA),
        ("test2.wikipedia.org", Family.WIKIPEDIA),
        ("be-tarask.wikipedia.org", Family.WIKIPEDIA),
        ("SR.Wikipedia.ORG.", Family.WIKIPEDIA),
        ("https://sq.wikipedia.org/wiki/Tirana", Family.WIKIPEDIA),
        ("sq.wikipedia.beta.wmcloud.org", Family.WIKIPEDIA),
        ("en.wikipedia.beta.wmflabs.org", Family.WIKIPEDIA),
        ("sr.wikisource.org", Family.WIKISOURCE),
        ("wikisource.org", Family.WIKISOURCE),
        ("www.wikisource.org", Family.WIKISOURCE),
        ("pl.m.wikisource.org", Family.WIKISOURCE),
        ("uk.wikivoyage.org", Family.WIKIVOYAGE),
        ("ru.wiktionary.org", Family.WIKTIONARY),
        ("el.m.wiktionary.org", Family.WIKTIONARY),
        ("ro.wikibooks.org", Family.WIKIBOOKS),
        ("sr.wikinews.org", Family.WIKINEWS),
        ("cs.wikiquote.org", Family.WIKIQUOTE),
        ("beta.wikiversity.org", Family.WIKIVERSITY),
        ("commons.wikimedia.org", Family.COMMONS),
        ("commons.m.wikimedia.org", Family.COMMONS),
        ("test-commons.wikimedia.org", Family.COMMONS),
        ("www.wikidata.org", Family.WIKIDATA),
        ("wikidata.org", Family.WIKIDATA),
        ("m.wikidata.org", Family.WIKIDATA),
        ("test.wikidata.org", Family.WIKIDATA),
        ("meta.wikimedia.org", Family.META),
        ("meta.m.wikimedia.org", Family.META),
    ],
)
def test_wikimedia_projects_by_domain(domain, family):
    assert project(domain) == Project(family)


@pytest.mark.parametrize(
    "domain",
    [
        "127.0.0.1",
        "127.0.0.1:8080",
        "localhost:8123",
        "wiki.example.org",
        "am.wikimedia.org",  # a chapter's wiki
        "species.wikimedia.org",
        "www.mediawiki.org",
        "wikimediafoundation.org",
        "wikipedia.example.com",
        "fr.wikipedia.org.evil.example",
        "wikipedia",
        "",
    ],
)
def test_any_other_wiki_is_a_site_named_by_its_domain(domain):
    assert project(domain) == Project(Family.OTHER, domain)
