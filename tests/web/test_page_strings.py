"""Every word a page shows comes from the catalogue (or is data: names, titles, numbers, dates in the
language's own format), so a translated catalogue translates the whole page; the catalogues themselves are
complete for the 13 languages (tests/reports/test_catalogues.py). Also the strings issue 10 found wrong."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from webseed import ATTR, NAME, SCRIPT, USER_ATTR, USER_SCRIPT, WIKITEXT, define, log_in, seed, user

from wikitally.reports import i18n
from wikitally.reports.i18n import Translator, translator
from wikitally.store import enrolments
from wikitally.web import messages as web_messages

OPEN, CLOSE = "\u27ea", "\u27eb"  # ⟪ ⟫ around every string the catalogue gave
LANGUAGES = sorted(i18n.LANGUAGES)


class _Text(HTMLParser):
    """The text a reader sees (no script or style), plus attribute text that is read aloud or shown."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt", "data-scroll-hint") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def leftovers(html: str, data: tuple[str, ...]) -> list[str]:
    """Words outside ⟪…⟫ that are not data: what a page says without the catalogue."""
    parser = _Text()
    parser.feed(html)
    # One text: a message may hold markup (a headline's numbers in <b>), so its ⟪ and ⟫ are in different nodes.
    text = "\n".join(parser.parts)
    while True:  # innermost first: a sentence is made of messages holding messages
        shorter = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", text)
        if shorter == text:
            break
        text = shorter
    text = re.sub(r"https?://\S+", " ", text)  # addresses (the join link)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    # dates and times as Babel writes them in English (the language's own data, not the catalogue)
    text = re.sub(
        r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM|UTC|in|ago|minutes?|hours?|seconds?|days?)\b",
        " ",
        text,
    )
    found: list[str] = []
    for line in text.splitlines():
        words = re.findall(r"[^\W\d_]{2,}", line)
        if words:
            found.append(" ".join(words))
    return found


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every string the catalogue gives comes back between ⟪ and ⟫."""
    gettext, ngettext = Translator.gettext, Translator.ngettext
    monkeypatch.setattr(Translator, "gettext", lambda self, m: f"{OPEN}{gettext(self, m)}{CLOSE}")
    monkeypatch.setattr(Translator, "ngettext", lambda self, f, n: f"{OPEN}{ngettext(self, f, n)}{CLOSE}")


DATA = (
    NAME,
    SCRIPT,
    ATTR,
    WIKITEXT,
    USER_SCRIPT,
    USER_ATTR,
    "Vyolltsa",
    "Ana",
    "Kalaja e Rozafës",
    "sq.wikipedia.org",
    "commons.wikimedia.org",
    "wikitally",  # the site's name
    "WikiGap",  # the hashtag
    "English",  # language names in the language menu: each in its own language (CLDR)
    "Rozafa.jpg",
    "organizer",
)
PAGES = (
    "/",
    "/c/wikigap/",
    "/c/wikigap/leaderboard/",
    "/c/wikigap/articles/",
    "/c/wikigap/participants/",
    "/c/wikigap/edit/",
    "/c/new/",
    "/c/wikigap/u/Ana/",
    "/c/wikigap/join/",
)


@pytest.fixture
def site(client: Client) -> Client:
    organizer = user("organizer")
    definition, campaign = define(organizer)
    seed(campaign, timezone.now() - timedelta(minutes=5))
    enrolments.enrol_all(definition, ["Ana", "Vyolltsa"], source="organizer")
    log_in(client, "organizer")
    return client


def _language_names() -> tuple[str, ...]:
    """Data too: each language's own name (the language menu) and the IANA time zones (the zone select)."""
    from django.conf import settings

    from wikitally.web.campaigns.definitions import zone_choices

    return (*(name for _, name in settings.LANGUAGES), *zone_choices())


@pytest.mark.parametrize("path", PAGES)
def test_every_word_on_the_page_comes_from_the_catalogue(site: Client, marked: None, path: str) -> None:
    response = site.get(path)
    assert response.status_code == 200, path
    found = leftovers(response.content.decode(), DATA + _language_names())
    assert found == [], "\n".join(found)


def test_the_check_finds_a_string_that_bypasses_the_catalogue(site: Client, marked: None) -> None:
    html = site.get("/c/wikigap/").content.decode()
    broken = html.replace("</main>", "<p>CSV: summary</p></main>")
    assert leftovers(broken, DATA + _language_names()) == ["CSV summary"]


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_download_links_are_in_the_pages_language(site: Client, language: str) -> None:
    site.cookies["django_language"] = language
    html = site.get("/c/wikigap/").content.decode()
    t = translator(language)
    for name in ("SUMMARY", "PARTICIPANTS", "ARTICLES", "WIKIS", "UPLOADS"):
        english = getattr(web_messages, f"DOWNLOAD_CSV_{name}")
        assert f">{t.gettext(english)}</a>" in html and t.gettext(english) != english, (language, name)


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("en", 1, "1 has not edited yet."),
        ("en", 2, "2 have not edited yet."),
        ("ru", 1, "1 ещё не правил."),
        ("ru", 5, "5 ещё не правили."),
        ("pl", 22, "22 jeszcze nie edytowało."),
    ],
)
def test_not_edited_yet_has_real_plurals(language: str, n: int, expected: str) -> None:
    assert translator(language).count(web_messages.NOT_EDITED_N, n) == expected


@pytest.mark.parametrize(
    ("language", "wiki_word", "campaign_word"),
    [("ru", "проект", "кампани"), ("uk", "проєкт", "кампані"), ("hy", "նախագ", "արշավ")],
)
def test_campaign_and_wiki_are_different_words(language: str, wiki_word: str, campaign_word: str) -> None:
    from babel.messages.pofile import read_po

    with i18n.po_path(language).open("rb") as f:
        catalogue = read_po(f)
    for message in catalogue:
        ids: Any = message.id if isinstance(message.id, tuple) else (message.id,)
        strings: Any = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or not any("campaign" in i.lower() for i in ids):
            continue
        text = " ".join(s or "" for s in strings).lower()
        assert wiki_word not in text, (message.id, text)
    t = translator(language)
    assert (
        campaign_word in t.gettext("Campaigns").lower() and campaign_word in t.gettext("New campaign").lower()
    )
