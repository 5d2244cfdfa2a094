"""Use-case: congratulate an article contest's winners by rank ("1st place", in each wiki's language) on their
user talk pages, through the thank-you machinery (services/thanks.py): dry run by default, one new section
per winner, never an edit of what is there; idempotent by a hidden marker of its own (a winner already
congratulated for this contest gets nothing, whatever their thanks say)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from wikitally.collect.api import DEFAULT_CONTACT
from wikitally.errors import UsageError
from wikitally.judging.results import Results, Standing
from wikitally.model import Campaign
from wikitally.publish.session import BotPassword, WriteSession
from wikitally.reports import messages as strings
from wikitally.reports.contest import amount, place
from wikitally.reports.i18n import Translator, language_of_wiki, translator
from wikitally.reports.wikitext import escape_wikitext, isolated
from wikitally.services import publishing, thanks
from wikitally.services.certificates import write_certificates
from wikitally.store import Store
from wikitally.usernames import is_ip


@dataclass(frozen=True)
class Winner:
    user: str
    rank: int
    score: str  # as shown: 2 places


def marker(campaign_key: str) -> str:
    """The hidden marker of one contest's awards (its own: a thank-you for the campaign doesn't count)."""
    digest = hashlib.sha256(f"award\n{campaign_key}".encode()).hexdigest()[:16]
    return f"<!-- wikitally-award:{digest} -->"


def winners(results: Results, top: int) -> list[Winner]:
    """Everyone ranked 1 … top (ties share a place, so there may be more people than places) with a score
    above 0; IP addresses excepted (their talk pages are shared)."""
    chosen: list[Standing] = [s for s in results.ranking if s.rank <= top and s.score > 0]
    return [Winner(s.participant, s.rank, amount(s.score)) for s in chosen if not is_ip(s.participant)]


def compose(people: Sequence[Winner], campaign: str, t: Translator, wiki: str = "") -> list[thanks.Message]:
    """One message per winner, in t's language; names are data (escaped), the signature is the poster's."""
    mark = marker(campaign)

    def body(where: str, score: str) -> str:
        return isolated(t.gettext(strings.AWARD_TEXT), place=where, campaign=campaign, score=score)

    return [
        congratulation(w.user, w.rank, campaign, t, wiki, mark, partial(body, score=w.score)) for w in people
    ]


def congratulation(
    user: str, rank: int, campaign: str, t: Translator, wiki: str, mark: str, body: Callable[[str], str]
) -> thanks.Message:
    """A winner's new talk-page section: "CAMPAIGN: 1st place", body(place) (inert wikitext), the poster's
    signature and the contest's marker (article and photo contests alike)."""
    where = place(t, rank)
    heading = escape_wikitext(t.gettext(strings.AWARD_HEADING).format(campaign=campaign, place=where))
    summary = thanks.summary_text(t.gettext(strings.AWARD_SUMMARY).format(campaign=campaign))
    text = f"{body(where)} {thanks.SIGNATURE}\n{mark}"
    return thanks.Message(user, f"User talk:{user}", heading, text, summary, mark, wiki)


def award(
    campaign: Campaign,
    store: Store,
    results: Results,
    *,
    top: int = 3,
    bot: BotPassword | None = None,
    dry_run: bool = True,
    tags: Sequence[str] = (),
    contact: str = DEFAULT_CONTACT,
    on_result: Callable[[thanks.Result], None] | None = None,
    to: str = thanks.MOST,
    language: str | None = None,
) -> list[thanks.Result]:
    """Post (or, dry, list) the winners' messages: each on the wiki `to` chooses (thanks.targets), in that
    wiki's language unless `language` is given; talk pages read 50 a request first."""
    if not dry_run and bot is None:
        raise UsageError("posting needs a bot password")
    people = winners(results, top)
    if not people:
        return []
    where = thanks.targets(campaign, store, to)
    first = campaign.wikis[0]
    out: list[thanks.Result] = []
    for wiki in campaign.wikis:
        mine = [w for w in people if where.get(w.user, first) == wiki]
        if not mine:
            continue
        t = translator(language or language_of_wiki(wiki, campaign.language))
        with WriteSession(campaign.api_url(wiki), bot, tags=tags, contact=contact) as session:
            out += thanks.post(
                compose(mine, campaign.name, t, wiki), session, dry_run=dry_run, on_result=on_result
            )
    return out


def certificates(
    campaign: Campaign,
    store: Store,
    results: Results,
    out_dir: Path,
    now: datetime,
    t: Translator,
    *,
    top: int = 3,
    organizer: str = "",
    logo: Path | None = None,
) -> list[Path]:
    """One certificate per winner (ranks 1 … top) in out_dir, their place ("1st place") under the name: the
    participation certificate's machinery (services/certificates.py). A winner with no counted contribution
    in the campaign's report (a submitted page they never edited) has no certificate to print."""
    awards = {w.user: place(t, w.rank) for w in winners(results, top)}
    data = publishing.report_data(campaign, store, now)
    return write_certificates(data, out_dir, lambda user: t, organizer, logo, awards)
