"""Use-case: congratulate a photo contest's winners (the uploaders of the photos a round ranks 1 … advance,
ties included) on their talk pages on the contest's wiki, through the thank-you machinery
(services/thanks.py): dry run by default, one new section per uploader naming their best place and their
winning photos, never an edit of what is there; idempotent by a hidden marker of its own."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from wikitally.collect.api import DEFAULT_CONTACT
from wikitally.errors import UsageError
from wikitally.model import Campaign
from wikitally.publish.session import BotPassword, WriteSession
from wikitally.reports import messages as strings
from wikitally.reports.contest import place
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import Translator, language_of_wiki, translator
from wikitally.reports.wikitext import escape_wikitext, isolated
from wikitally.services import photos as photo_service
from wikitally.services import thanks
from wikitally.services.certificates import write_certificates
from wikitally.services.contest_awards import congratulation
from wikitally.store import Store
from wikitally.usernames import is_ip

_NOT_IN_TITLES = re.compile(r"[|\[\]{}<>#\x00-\x1f\x7f]")


@dataclass(frozen=True)
class PhotoWinner:
    user: str
    rank: int  # their best place
    files: tuple[str, ...]  # their winning photos, best first


def marker(campaign_key: str) -> str:
    """The hidden marker of one photo contest's awards (not an article contest's, not a thank-you)."""
    digest = hashlib.sha256(f"photo-award\n{campaign_key}".encode()).hexdigest()[:16]
    return f"<!-- wikitally-photo-award:{digest} -->"


def winners(nominated: dict[str, Any]) -> list[PhotoWinner]:
    """One per uploader of services.photos.nominated's rows, in the order of their best place; IP
    addresses excepted (their talk pages are shared)."""
    best: dict[str, tuple[int, list[str]]] = {}
    for row in nominated["nominated"]:
        user = row["uploader"]
        best.setdefault(user, (row["rank"], []))[1].append(row["file"])
    return [PhotoWinner(user, rank, tuple(files)) for user, (rank, files) in best.items() if not is_ip(user)]


def title(campaign: Campaign, nominated: dict[str, Any]) -> str:
    """What the messages and certificates name: the contest, or "contest: nomination" for a special
    nomination's round (whose awards then have a marker of their own: winning both posts both)."""
    nomination = nominated["round"].get("nomination")
    return campaign.name if nomination is None else f"{campaign.name}: {nomination}"


def _file_link(name: str) -> str:
    return (
        escape_wikitext(name) if _NOT_IN_TITLES.search(name) else f"[[:File:{name}|{escape_wikitext(name)}]]"
    )


def compose(people: Sequence[PhotoWinner], campaign: str, t: Translator, wiki: str) -> list[thanks.Message]:
    """One message per winner, in t's language; names are data (escaped), the signature is the poster's."""
    mark = marker(campaign)
    # The translated text around {photos} is made inert piece by piece; the links are ours.
    before, _, after = t.gettext(strings.PHOTO_AWARD_TEXT).partition("{photos}")

    def body(where: str, files: tuple[str, ...]) -> str:
        links = ", ".join(_file_link(f) for f in files)
        tail = isolated(after, place=where, campaign=campaign) if after else ""
        return isolated(before, place=where, campaign=campaign) + links + tail

    return [
        congratulation(w.user, w.rank, campaign, t, wiki, mark, partial(body, files=w.files)) for w in people
    ]


def award(
    campaign: Campaign,
    store: Store,
    number: int | None = None,
    *,
    bot: BotPassword | None = None,
    dry_run: bool = True,
    tags: Sequence[str] = (),
    contact: str = DEFAULT_CONTACT,
    on_result: Callable[[thanks.Result], None] | None = None,
    language: str | None = None,
) -> list[thanks.Result]:
    """Post (or, dry, list) the messages to the winners of round `number` (the last when None) on the
    contest's wiki, in `language` or the wiki's (the campaign's for Commons); talk pages read 50 a request."""
    if not dry_run and bot is None:
        raise UsageError("posting needs a bot password")
    contest = photo_service.contest_of(campaign)
    listed = photo_service.nominated(campaign, store, number)
    people = winners(listed)
    if not people:
        return []
    t = translator(language or language_of_wiki(contest.wiki, campaign.language))
    with WriteSession(campaign.api_url(contest.wiki), bot, tags=tags, contact=contact) as session:
        return thanks.post(
            compose(people, title(campaign, listed), t, contest.wiki),
            session,
            dry_run=dry_run,
            on_result=on_result,
        )


def certificates(
    campaign: Campaign,
    store: Store,
    out_dir: Path,
    t: Translator,
    number: int | None = None,
    *,
    organizer: str = "",
    logo: Path | None = None,
) -> list[Path]:
    """One certificate per winning uploader in out_dir, their best place ("1st place") under the name and
    their eligible photos in the contest as their contribution: the participation certificate's machinery
    (services/certificates.py), given the contest's name and window."""
    listed = photo_service.nominated(campaign, store, number)
    people = winners(listed)
    if not people:
        return []
    contest = photo_service.contest_of(campaign)
    part = photo_service.part_of(contest, listed["round"]["number"])
    photos, verdicts = photo_service.current_verdicts(campaign, store, part)  # the nomination's own files
    uploaders = {p.file: p.uploader for p in photos}
    entered: dict[str, int] = {}
    for v in verdicts:
        if v.eligible:
            entered[uploaders[v.file]] = entered.get(uploaders[v.file], 0) + 1
    window = {
        "name": title(campaign, listed),
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(),
    }
    outcome = {
        "campaign": window,
        "by_participant": [{"user": w.user, "uploads": entered.get(w.user, len(w.files))} for w in people],
    }
    data = ReportData(outcome=outcome, articles=(), timeline=())
    awards = {w.user: place(t, w.rank) for w in people}
    return write_certificates(data, out_dir, lambda _user: t, organizer, logo, awards)
