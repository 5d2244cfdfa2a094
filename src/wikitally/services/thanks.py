"""Use-case: thank each participant with a new section on their user talk page.

Dry run by default; idempotent: every message ends with a hidden marker made from a hash of the campaign's
key, and a talk page that already holds it gets nothing — so a second run, or a run after a crash half-way,
never posts twice. One refused edit never stops the others.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from wikitally.collect.api import DEFAULT_CONTACT
from wikitally.errors import UsageError
from wikitally.metrics.home_wiki import home_wikis
from wikitally.model import Campaign
from wikitally.publish.session import BotPassword, EditRefused, TalkPage, WriteSession, read_talk_pages
from wikitally.reports import messages as strings
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import Translator, language_of_wiki, translator
from wikitally.reports.wikitext import escape_wikitext
from wikitally.services import publishing
from wikitally.store import Store
from wikitally.usernames import is_ip

PLACEHOLDERS = (
    "user",
    "campaign",
    "edits",
    "articles_created",
    "articles_improved",
    "words_added",
    "references_added",
    "uploads",
    "stats",
    "body",
    "signature",
)
# {name}, but not the name of a {{template}} or a {{{parameter}}}: "{{Barnstar|{user}}}" fills {user}.
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}")
SIGNATURE = "~~~~"
_SUMMARY_MARKUP = re.compile(r"(?<=\[)(?=\[)|(?<=\])(?=\])|(?<=/)(?=\*)|(?<=\*)(?=/)")
DEFAULT_TEMPLATE = "thanks.wiki"
# The participant's numbers in {stats}, in this order, each only when it isn't 0.
_STATS = (
    ("edits", strings.N_EDITS),
    ("articles_created", strings.N_ARTICLES_CREATED),
    ("articles_improved", strings.N_ARTICLES_IMPROVED),
    ("words_added", strings.N_WORDS),
    ("references_added", strings.N_REFERENCES),
    ("uploads", strings.N_UPLOADS),
)

Status = Literal["posted", "skipped-already", "failed", "would-post"]


@dataclass(frozen=True)
class Message:
    user: str
    page: str  # "User talk:NAME"
    heading: str  # the new section's title (wikitext, escaped)
    text: str  # the section's wikitext, ending with `marker`
    summary: str
    marker: str  # <!-- wikitally-thanks:HASH -->: this campaign's thanks are on the page
    wiki: str = ""  # the wiki it goes to (its domain)


@dataclass(frozen=True)
class Result:
    message: Message
    status: Status
    page: str  # where it went (or would go): the talk page, a redirect followed
    reason: str = ""  # why it failed
    rev_id: int | None = None  # the new revision; None when not posted or its answer was lost

    @property
    def user(self) -> str:
        return self.message.user


def marker(campaign_key: str) -> str:
    """The hidden marker of one campaign's thanks: a hash of its key, so no campaign name shows."""
    digest = hashlib.sha256(campaign_key.encode("utf-8")).hexdigest()[:16]
    return f"<!-- wikitally-thanks:{digest} -->"


# -- the template --------------------------------------------------------------------------------------


def load_template(path: str | None = None) -> str:
    """The message's wikitext template: the file at `path`, or the bundled default (a plain box)."""
    if path is None:
        source = resources.files("wikitally.publish").joinpath("templates", DEFAULT_TEMPLATE)
        return source.read_text(encoding="utf-8")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise UsageError(f"{path}: cannot read the template ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the template is not UTF-8 text") from None
    check_template(text, path)
    return text


def check_template(template: str, source: str = "template") -> None:
    """UsageError naming any {placeholder} that isn't one of PLACEHOLDERS (a typo would be posted as is)."""
    unknown = sorted({m.group(1) for m in _PLACEHOLDER.finditer(template)} - set(PLACEHOLDERS))
    if unknown:
        names = ", ".join(f"{{{u}}}" for u in unknown)
        known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
        raise UsageError(f"{source}: unknown placeholder {names}; known: {known}")


# -- composing -----------------------------------------------------------------------------------------


def compose(
    data: ReportData, template: str, t: Translator, summary: str | None = None, *, wiki: str = ""
) -> list[Message]:
    """One message per participant of the outcome (IP addresses excepted: their talk pages are shared).

    Every value put in the template is escaped wikitext (usernames and campaign names are data, never
    markup); {signature} is ~~~~, signed by the posting account when saved. `summary` replaces the
    catalogue's edit summary verbatim (it is the organizer's own text)."""
    check_template(template)
    name = data.campaign_name
    mark = marker(name)  # Campaign.key is the campaign's name
    heading = escape_wikitext(t.gettext(strings.THANKS_HEADING).format(campaign=name))
    if summary is None:
        summary = summary_text(t.gettext(strings.THANKS_SUMMARY).format(campaign=name))
    out = []
    for row in data.outcome["by_participant"]:
        user = str(row["user"])
        if is_ip(user):
            continue
        body = fill(template, _values(row, name, t))
        text = body.lstrip("\r\n").rstrip() + "\n" + mark
        out.append(Message(user, f"User talk:{user}", heading, text, summary, mark, wiki))
    return out


def summary_text(text: str) -> str:
    """`text` as an edit summary MediaWiki shows as given. A summary's only markup is [[links]] and
    /* section */ links, and character references are decoded before links are looked for (so
    escape_wikitext can't help): a word joiner (U+2060) goes between [[, ]], /* and */; line breaks
    become spaces."""
    return _SUMMARY_MARKUP.sub("\u2060", " ".join(text.split()))


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with each {placeholder} replaced, in one pass (a value is never read as a placeholder)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def stats(row: Mapping[str, Any], t: Translator) -> str:
    """'12 edits · 3 articles created · 450 words': the non-zero numbers in the language (plain text)."""
    parts = [t.count(forms, n) for key, forms in _STATS if (n := _number(row, key)) > 0]
    return t.gettext(strings.STAT_SEPARATOR).join(parts)


def _values(row: Mapping[str, Any], campaign: str, t: Translator) -> dict[str, str]:
    numbers = {
        key: escape_wikitext(t.number(_number(row, key)))
        for key in (
            "edits",
            "articles_created",
            "articles_improved",
            "words_added",
            "references_added",
            "uploads",
        )
    }
    line = stats(row, t)
    # The sentence is escaped as a whole, campaign name included: the translation is data too.
    body = t.gettext(strings.THANKS_BODY).format(campaign=campaign, stats=line)
    return {
        "user": escape_wikitext(str(row["user"])),
        "campaign": escape_wikitext(campaign),
        **numbers,
        "stats": escape_wikitext(line),
        "body": escape_wikitext(body),
        "signature": SIGNATURE,
    }


def _number(row: Mapping[str, Any], key: str) -> int:
    return int(row.get(key, 0))


# -- posting -------------------------------------------------------------------------------------------


def post(
    messages: Sequence[Message],
    session: WriteSession,
    dry_run: bool = True,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Post each message unless its talk page already holds the marker. The talk pages are read first (50
    a request, read-only); a dry run stops there and writes nothing. `on_result` sees each result as it
    comes (a wiki that keeps failing ends the run with SourceError; a re-run resumes where it stopped)."""
    pages = read_talk_pages(session.reader, [m.page for m in messages])
    thanked: set[str] = set()  # pages that got (or, dry, would get) a message in this run
    results = []
    for message in messages:
        result = _post_one(message, pages[message.page], session, dry_run, thanked)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def _post_one(
    message: Message, page: TalkPage, session: WriteSession, dry_run: bool, thanked: set[str]
) -> Result:
    if page.problem:
        return Result(message, "failed", page.title, reason=page.problem)
    if message.marker in page.text or page.title in thanked:
        return Result(message, "skipped-already", page.title)
    thanked.add(page.title)
    if dry_run:
        return Result(message, "would-post", page.title)
    try:
        rev_id = session.new_section(
            page.title, message.heading, message.text, message.summary, message.marker
        )
    except EditRefused as e:
        thanked.discard(page.title)
        return Result(message, "failed", page.title, reason=str(e))
    return Result(message, "posted", page.title, rev_id=rev_id)


# -- the use-case --------------------------------------------------------------------------------------


MOST = "most"  # `to`: each participant on the wiki where they did most
FIRST = "first"  # `to`: everyone on the campaign's first wiki


def targets(campaign: Campaign, store: Store, to: str) -> dict[str, str]:
    """Participant → the wiki their message goes to: where they did most (`to` = "most"; ties go to the
    wiki listed first), the campaign's first wiki ("first"), or one of its wikis by domain."""
    if to == MOST:
        return home_wikis(store.snapshot(campaign), store.participants(campaign), campaign.wikis)
    wiki = campaign.wikis[0] if to == FIRST else to
    if wiki not in campaign.wikis:
        raise UsageError(
            f"--to {to}: not one of the campaign's wikis ({', '.join(campaign.wikis)}), most or first"
        )
    return defaultdict(lambda: wiki)


def thank(
    campaign: Campaign,
    store: Store,
    now: datetime,
    template: str,
    *,
    bot: BotPassword | None = None,
    dry_run: bool = True,
    summary: str | None = None,
    tags: Sequence[str] = (),
    contact: str = DEFAULT_CONTACT,
    on_result: Callable[[Result], None] | None = None,
    to: str = MOST,
    language: str | None = None,
) -> list[Result]:
    """Thank the campaign's participants, each on the wiki `to` chooses (targets), in that wiki's language
    (language_of_wiki; the campaign's language on a multilingual wiki) unless `language` is given. One
    session a wiki, wikis in the campaign's order."""
    if not dry_run and bot is None:
        raise UsageError("posting needs a bot password")
    data = publishing.report_data(campaign, store, now)
    where = targets(campaign, store, to)
    results: list[Result] = []
    for wiki in campaign.wikis:
        t = translator(language or language_of_wiki(wiki, campaign.language))
        first = campaign.wikis[0]
        messages = [
            m for m in compose(data, template, t, summary, wiki=wiki) if where.get(m.user, first) == wiki
        ]
        if not messages:
            continue
        with WriteSession(campaign.api_url(wiki), bot, tags=tags, contact=contact) as session:
            results += post(messages, session, dry_run=dry_run, on_result=on_result)
    return results
