"""The headline: wikis named by their project, plural forms for every number, one sentence in every language."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from test_wikitext import metrics, wikigap

from wikitally.reports import i18n
from wikitally.reports.data import ReportData
from wikitally.reports.wikitext import headline

LANGUAGES = list(i18n.LANGUAGES)


def campaign(by_wiki: dict[str, dict[str, int]], wikidata: int | None = None) -> ReportData:
    """A campaign with these numbers per wiki; its totals add them up."""
    totals = {k: sum(m[k] for m in by_wiki.values()) for k in metrics()}
    base = wikigap()
    outcome: dict[str, Any] = dict(
        base.outcome,
        campaign=dict(base.outcome["campaign"], wikis=list(by_wiki)),
        totals=totals,
        by_wiki=by_wiki,
    )
    return replace(base, outcome=outcome, wikidata_revisions=wikidata)


def test_uploads_are_named_by_the_wiki_they_were_made_on():
    """Local uploads on sq.wikipedia were "Wikimedia Commons: 2 uploads"."""
    data = campaign({"sq.wikipedia.org": metrics(participants=2, articles_edited=3, uploads=2)})
    line = headline(data, i18n.translator("en"))
    assert "Commons" not in line
    assert line == "2 editors created or improved 3 articles on Wikipedia and uploaded 2 files to Wikipedia."


def test_pages_are_named_by_their_project():
    """sr.wikisource was "Wikipedia: 1 articles"."""
    data = campaign(
        {
            "sr.wikisource.org": metrics(participants=1, articles_edited=1),
            "sr.m.wikipedia.org": metrics(participants=1, articles_edited=4),
            "en.wiktionary.org": metrics(participants=1, articles_edited=2),
            "wiki.example.org": metrics(participants=1, articles_edited=7, uploads=1),
            "commons.wikimedia.org": metrics(participants=1, articles_edited=9, uploads=12),
        }
    )
    assert headline(data, i18n.translator("en")) == (
        "5 editors created or improved 4 articles on Wikipedia, 1 page on Wikisource, 2 pages on Wiktionary, "
        "and 7 pages on wiki.example.org and uploaded 12 files to Wikimedia Commons and 1 file to "
        "wiki.example.org."
    )


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (
            {"participants": 1, "articles_edited": 1, "words_added": 1, "references_added": 1, "uploads": 1},
            "1 editor created or improved 1 article on Wikipedia, added 1 word and 1 reference, and uploaded "
            "1 file to Wikipedia.",
        ),
        (
            {"participants": 2, "articles_edited": 2, "words_added": 2, "references_added": 2, "uploads": 2},
            "2 editors created or improved 2 articles on Wikipedia, added 2 words and 2 references, and "
            "uploaded 2 files to Wikipedia.",
        ),
        ({"participants": 1}, "1 editor took part."),
    ],
)
def test_english_numbers_agree_with_their_nouns(numbers, expected):
    """English said "1 articles", "1 uploads"."""
    data = campaign({"ro.wikipedia.org": metrics(**numbers)})
    assert headline(data, i18n.translator("en")) == expected


def test_the_headline_is_one_sentence_as_the_newsletter_writes_it():
    assert headline(wikigap(), i18n.translator("en")) == (
        "3 editors created or improved 5 articles on Wikipedia, added 3.5K words and 28 references, "
        "uploaded 3 files to Wikimedia Commons, and made 1.9K edits on Wikidata."
    )


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("ru", 1, "1 участник создал или улучшил 1 статью в Википедии и загрузил 1 файл на Викисклад."),
        ("ru", 2, "2 участника создали или улучшили 2 статьи в Википедии и загрузили 2 файла на Викисклад."),
        ("ru", 5, "5 участников создали или улучшили 5 статей в Википедии и загрузили 5 файлов на Викисклад."),
        ("ru", 21, "21 участник создал или улучшил 21 статью в Википедии и загрузил 21 файл на Викисклад."),
        ("pl", 5, "5 osób utworzyło lub ulepszyło 5 artykułów w Wikipedii i przesłało 5 plików do Wikimedia "
                  "Commons."),
        ("pl", 22, "22 osoby utworzyły lub ulepszyły 22 artykuły w Wikipedii i przesłały 22 pliki do Wikimedia "
                   "Commons."),
        ("cs", 1, "1 editor vytvořil nebo vylepšil 1 článek na Wikipedii a nahrál 1 soubor na Wikimedia Commons."),
        ("cs", 5, "5 editorů vytvořilo nebo vylepšilo 5 článků na Wikipedii a nahrálo 5 souborů na Wikimedia "
                  "Commons."),
        ("ro", 21, "21 de editori au creat sau au îmbunătățit 21 de articole pe Wikipedia și au încărcat 21 de "
                   "fișiere pe Wikimedia Commons."),
        ("tr", 5, "5 editör Vikipedi'de 5 madde oluşturdu veya geliştirdi ve Wikimedia Commons'a 5 dosya "
                  "yükledi."),
    ],
)  # fmt: skip
def test_plural_forms_in_other_languages(language, n, expected):
    data = campaign(
        {
            "sq.wikipedia.org": metrics(participants=n, articles_edited=n),
            "commons.wikimedia.org": metrics(uploads=n),
        }
    )
    # (Czech keeps its one-letter conjunction "a" with the next word: a no-break space, as CLDR writes it)
    assert headline(data, i18n.translator(language)).replace("\xa0", " ") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1.9K edits on Wikidata"), ("ru", "1,9 тыс. правок в Викиданных"), ("cs", "1,9 tis. editací")],
)
def test_a_compact_number_takes_the_plural_of_its_unit(language, expected):
    """1,874 shown as "1,9 тыс." is "тысячи правок", not the "правки" of 1,874 itself."""
    line = headline(wikigap(), i18n.translator(language)).replace("\xa0", " ")
    assert expected in line


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("n", [0, 1, 2, 5, 21, 1_874])
def test_every_language_writes_a_whole_sentence(language, n):
    data = campaign(
        {
            "sq.wikipedia.org": metrics(participants=n, articles_edited=n, words_added=n, references_added=n),
            "sr.wikisource.org": metrics(articles_edited=n, uploads=n),
            "wiki.example.org": metrics(articles_edited=n),
            "commons.wikimedia.org": metrics(uploads=n),
        },
        wikidata=n,
    )
    line = headline(data, i18n.translator(language))
    assert "{" not in line and "}" not in line
    assert line.count("wiki.example.org") == (1 if n else 0)
    assert line.rstrip()[-1] in ".։"
