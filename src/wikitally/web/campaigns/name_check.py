"""The web's side of checking pasted participants against the campaign's wikis (services/participant_check):
the sessions it uses and the sentences it shows."""

from __future__ import annotations

from collections.abc import Iterable

from wikitally import settings
from wikitally.model import Campaign
from wikitally.services import collection, participant_check
from wikitally.services.participant_check import NameCheck
from wikitally.web.campaigns.ui import UI

SHOWN_NAMES = 50  # named in the message; the rest are counted


def sessions() -> collection.Sessions:
    """Sessions for the check: the site's contact, the server's address guard (tests replace this)."""
    return participant_check.guarded(collection.session_factory(settings.get("contact")))


def check(campaign: Campaign, names: Iterable[str]) -> NameCheck:
    return participant_check.check_names(campaign, names, sessions())


def unknown_text(ui: UI, unknown: Iterable[str]) -> str:
    """'No wiki of this campaign has an account named …; fix or remove them, or tick “Add them anyway”.'"""
    names = list(unknown)
    shown = ", ".join(names[:SHOWN_NAMES]) + (" …" if len(names) > SHOWN_NAMES else "")
    return ui["ERROR_UNKNOWN_USERS"].format(names=shown, confirm=ui["LABEL_ADD_ANYWAY"])


def unreachable_text(ui: UI, result: NameCheck) -> str:
    """'The names could not be checked on …' (empty when every wiki answered)."""
    if not result.unreachable:
        return ""
    wikis = "; ".join(f"{wiki} ({why})" for wiki, why in result.unreachable)
    return ui["NAMES_UNCHECKED"].format(wikis=wikis)
