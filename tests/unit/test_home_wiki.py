"""Where each participant did most (their thank-you message goes there), and a wiki's language."""

from datetime import timedelta

import pytest
from test_outcome import CAMPAIGN, END, PEOPLE, START, A, B, rev, snap

from wikitally.metrics.home_wiki import home_wikis
from wikitally.model import Upload
from wikitally.reports.i18n import language_of_wiki


def upload(user, ts=START + timedelta(hours=2), wiki=B, title="File:X.jpg"):
    return Upload(wiki, title, user, ts, in_use=False)


def test_the_wiki_with_most_edits_and_uploads_wins():
    revs = [rev(1, user="Ana"), rev(2, page_id=2, user="Besa"), rev(3, page_id=3, user="Besa")]
    uploads = [upload("Ana", title="File:1.jpg"), upload("Ana", title="File:2.jpg")]
    assert home_wikis(snap(revs, uploads=uploads), PEOPLE, CAMPAIGN.wikis) == {"Ana": B, "Besa": A}


def test_a_tie_goes_to_the_wiki_listed_first():
    revs = [rev(1, user="Ana")]
    uploads = [upload("Ana")]
    assert home_wikis(snap(revs, uploads=uploads), PEOPLE, (A, B)) == {"Ana": A}
    assert home_wikis(snap(revs, uploads=uploads), PEOPLE, (B, A)) == {"Ana": B}


def test_only_what_counts_decides():
    outside = [upload("Ana", ts=END + timedelta(days=1)), upload("Ana", ts=START - timedelta(days=1))]
    not_a_participant = [rev(1, user="Zed")]
    assert home_wikis(snap([rev(2, user="Ana"), *not_a_participant], uploads=outside), PEOPLE, (A, B)) == {
        "Ana": A
    }


@pytest.mark.parametrize(
    ("domain", "language"),
    [
        ("sq.wikipedia.org", "sq"),
        ("sr.m.wikipedia.org", "sr"),
        ("ru.wikisource.org", "ru"),
        ("hy.wiktionary.org", "hy"),
        ("de.wikipedia.org", "en"),  # no German catalogue: the campaign's language
        ("commons.wikimedia.org", "en"),
        ("www.wikidata.org", "en"),
        ("meta.wikimedia.org", "en"),
        ("a.wiki.test", "en"),
        ("127.0.0.1:8080", "en"),
        ("pl.example.org", "en"),
    ],
)
def test_a_wikis_language(domain, language):
    assert language_of_wiki(domain, "en") == language
