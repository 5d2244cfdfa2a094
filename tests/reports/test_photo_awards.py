"""Awards of a photo contest: one message per uploader of the winning photos (their best place, every winning
photo linked), no IP address, names as data, a marker of its own."""

from __future__ import annotations

from wikitally.reports.i18n import translator
from wikitally.services import contest_awards, photo_awards, thanks

NOMINATED = {
    "nominated": [
        {"rank": 1, "file": "Uvac canyon.jpg", "uploader": "Ana"},
        {"rank": 1, "file": "Tara [[x]].jpg", "uploader": "Besa"},
        {"rank": 3, "file": "Fruska gora.jpg", "uploader": "Ana"},
        {"rank": 4, "file": "Lake.jpg", "uploader": "192.0.2.7"},
    ]
}


def test_one_winner_per_uploader_with_their_best_place_and_every_photo():
    assert photo_awards.winners(NOMINATED) == [
        photo_awards.PhotoWinner("Ana", 1, ("Uvac canyon.jpg", "Fruska gora.jpg")),
        photo_awards.PhotoWinner("Besa", 1, ("Tara [[x]].jpg",)),
    ]  # the IP address (a shared talk page) gets nothing


def test_messages_name_the_place_and_link_the_photos_in_the_language_given():
    people = photo_awards.winners(NOMINATED)
    name = "WLE {{x}} 2024"
    ana, besa = photo_awards.compose(people, name, translator("ru"), "commons.wikimedia.org")
    assert (ana.page, ana.wiki) == ("User talk:Ana", "commons.wikimedia.org")
    assert "1-е место" in ana.heading and "{{x}}" not in ana.heading and "{{x}}" not in ana.text
    assert "[[:File:Uvac canyon.jpg|Uvac canyon.jpg]], [[:File:Fruska gora.jpg|Fruska gora.jpg]]" in ana.text
    assert "Ваши фотографии" in ana.text and ana.text.endswith(photo_awards.marker(name))
    assert "[[:File:" not in besa.text and "[[x]]" not in besa.text  # a name MediaWiki can't hold: text only
    assert photo_awards.marker(name) not in (contest_awards.marker(name), thanks.marker(name))
