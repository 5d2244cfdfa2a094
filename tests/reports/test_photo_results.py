"""reports.photos: a round's results as table, CSV and wikitext; hostile file names stay data."""

from __future__ import annotations

from typing import Any

from wikitally.reports.i18n import translator
from wikitally.reports.photos import render_csv, render_table, render_wikitext


def data(files: list[str], complete: bool = True) -> dict[str, Any]:
    ranking = [{"rank": i + 1, "file": f, "score": 1.0 - i / 10} for i, f in enumerate(files)]
    entries = [{"file": f, "uploader": "U", "eligible": True, "reasons": [], "site": None} for f in files]
    entries.append(
        {"file": "Tiny.jpg", "uploader": "U", "eligible": False, "reasons": ["too_small"], "site": None}
    )
    return {
        "entries": entries,
        "round": {"name": "Final", "kind": "rating", "votes": 7, "complete": complete, "ranking": ranking},
    }


def test_wikitext_gallery_has_the_advancing_photos_with_ranks() -> None:
    text = render_wikitext(data(["A.jpg", "B.jpg", "C.jpg"]), translator("en"), advance=2)
    gallery = text.split("<gallery>\n")[1].split("</gallery>")[0].splitlines()
    assert gallery == ["File:A.jpg|Rank 1", "File:B.jpg|Rank 2"]
    assert "[[:File:C.jpg|C.jpg]]" in text and "7 votes" in text and "Not complete" not in text


def test_wikitext_is_translated_and_says_when_incomplete() -> None:
    text = render_wikitext(data(["A.jpg"], complete=False), translator("sr"), advance=1)
    assert "Место 1" in text and "Није завршено" in text


def test_hostile_names_are_escaped_and_kept_out_of_the_gallery() -> None:
    evil = "x}}{{Delete|now}}<script>'''.jpg"
    text = render_wikitext(data([evil, "Fine's ''pic''.jpg"]), translator("en"))
    assert "{{Delete" not in text and "<script>" not in text
    gallery = text.split("<gallery>\n")[1].split("</gallery>")[0].splitlines()
    assert gallery == ["File:Fine's ''pic''.jpg|Rank 2"]


def test_csv_and_table() -> None:
    d = data(["=HYPERLINK(1).jpg", "B.jpg"])
    assert render_csv(d).splitlines() == ["rank,file,score", "1,'=HYPERLINK(1).jpg,1.0", "2,B.jpg,0.9"]
    table = render_table(d)
    assert "Final (rating): 7 votes, complete" in table and "Tiny.jpg: too_small" in table
    assert "\x1b" not in render_table(data(["a\x1b[31m.jpg"]))
