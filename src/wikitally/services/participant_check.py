"""Are pasted participants real accounts? Each name is looked up on the campaign's wikis (list=users, in
batches) before it is added, so a typo is caught when it is typed, not when its page is a 404.

A name counts as unknown when no campaign wiki that answered has an account by that name (a global account
is created on a wiki only when its owner first visits it, so one wiki knowing the name is enough). A wiki that
can't be asked is named; its names are then neither confirmed nor refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wikitally.collect.addresses import Guard
from wikitally.collect.api import ApiSession
from wikitally.collect.reader import missing_users
from wikitally.errors import AddressError, SourceError
from wikitally.model import Campaign
from wikitally.services.collection import Sessions

# An organizer waits for the answer: no long retries (the refresh's sessions retry for minutes).
TIMEOUT_S = 15.0
ATTEMPTS = 1


@dataclass(frozen=True)
class NameCheck:
    unknown: tuple[str, ...]  # no wiki that answered knows them (sorted)
    unreachable: tuple[tuple[str, str], ...]  # (wiki, why): wikis that could not be asked


def check_names(campaign: Campaign, names: Iterable[str], sessions: Sessions) -> NameCheck:
    """Look the names up on each campaign wiki in turn; a wiki is asked only about names still unknown."""
    left = set(names)
    unreachable: list[tuple[str, str]] = []
    answered = False
    for wiki in campaign.wikis:
        if not left:
            break
        session = ApiSession(
            campaign.api_url(wiki),
            contact=sessions.contact,
            transport=sessions.transport,
            sleep=sessions.sleep,
            guard=sessions.guard,
            timeout_s=TIMEOUT_S,
            max_attempts=ATTEMPTS,
            max_backoff_s=2.0,
        )
        try:
            left &= missing_users(session, left)
            answered = True
        except (SourceError, AddressError) as e:
            unreachable.append((wiki, str(e)))
        finally:
            session.close()
    return NameCheck(tuple(sorted(left)) if answered else (), tuple(unreachable))


def guarded(sessions: Sessions) -> Sessions:
    """The sessions with the server's address guard (what the web's campaigns may fetch)."""
    return sessions.guarded(Guard.from_settings())
