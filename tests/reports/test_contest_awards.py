"""Awards of an article contest: who wins (ranks 1 … top, ties share a place, nobody with 0, no IP), the
messages by rank in the wiki's language with their own marker, and certificates with the place printed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_certificates import NAMES, campaign_data, flat, pdf_text

from wikitally.judging.results import Results, Standing
from wikitally.reports.certificate import render_certificate
from wikitally.reports.i18n import translator
from wikitally.services import contest_awards, thanks
from wikitally.services.certificates import write_certificates


def ranking(*rows):
    return Results((), tuple(Standing(rank, name, Decimal(score), 1) for rank, name, score in rows))


RESULTS = ranking(
    (1, "Ana", "20"), (1, "Besa", "20"), (2, "Cem", "12.5"), (3, "192.0.2.7", "9"), (4, "Dan", "0")
)


@pytest.mark.parametrize(
    ("top", "who"),
    [
        (1, ["Ana", "Besa"]),
        (2, ["Ana", "Besa", "Cem"]),
        (3, ["Ana", "Besa", "Cem"]),
        (4, ["Ana", "Besa", "Cem"]),
    ],
)
def test_winners_by_rank(top, who):
    # ties share a place; an IP address (a shared talk page) and a score of 0 win nothing
    assert [w.user for w in contest_awards.winners(RESULTS, top)] == who


def test_messages_by_rank_in_the_wikis_language():
    people = contest_awards.winners(RESULTS, 2)
    messages = contest_awards.compose(people, "Марафон [[x]]", translator("ru"), "uk.wikipedia.org")
    assert [(m.user, m.page) for m in messages] == [
        ("Ana", "User talk:Ana"),
        ("Besa", "User talk:Besa"),
        ("Cem", "User talk:Cem"),
    ]
    assert "1-е место" in messages[0].heading and "2-е место" in messages[2].heading
    assert "[[x]]" not in messages[0].heading and "[[x]]" not in messages[0].text  # names are data
    assert "20.00" in messages[0].text and messages[0].text.endswith(contest_awards.marker("Марафон [[x]]"))
    assert contest_awards.marker("Марафон [[x]]") != thanks.marker("Марафон [[x]]")  # its own marker


def test_a_certificate_prints_the_place_under_the_name():
    user = NAMES["ru"]
    plain = pdf_text(render_certificate(campaign_data(), user, translator("ru")))
    awarded = pdf_text(render_certificate(campaign_data(), user, translator("ru"), award="1-е место"))
    assert "1-е место" in awarded.splitlines() and "1-е место" not in plain
    assert flat(user) in flat(awarded)


def test_award_certificates_only_for_the_winners(tmp_path):
    awards = {NAMES["en"]: "1st place", NAMES["cs"]: "2nd place"}
    paths = write_certificates(campaign_data(), tmp_path, lambda user: translator("en"), "", None, awards)
    assert len(paths) == 2
    texts = sorted(pdf_text(p.read_bytes()) for p in paths)
    assert any("1st place" in t and NAMES["en"] in t for t in texts)
    assert any("2nd place" in t for t in texts)
