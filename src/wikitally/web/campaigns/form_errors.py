"""Every mistake of a campaign form at once, each at its field, in the form's words.

campaign_file.parse_campaign (the CLI's check, the single judge of a campaign) stops at the first error. The
form asks it again and again: after each error the faulty entry is taken out (a bad wiki, name or hashtag) or
the faulty value stands in for a valid one, so the next run finds the next mistake. The file's errors speak
TOML ("write start = … (no quotes)"); FORM_WORDS gives each the form's words (field labels, pickers, one item
per line), in the page's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from wikitally import campaign_file
from wikitally.campaign_file import DOMAIN, parse_campaign
from wikitally.errors import CampaignFileError, shown, shown_key
from wikitally.model import Campaign
from wikitally.services import collection
from wikitally.web import messages

MAX_ROUNDS = 60  # a form has at most this many mistakes worth listing (and the loop always ends)

# A valid value standing in for a faulty one while the form looks for its next mistake. Dates far apart so a
# stand-in never makes the other one look "before the start".
_STAND_INS: dict[str, Any] = {
    "name": "campaign",
    "timezone": "UTC",
    "start": campaign_file.EARLIEST + timedelta(days=1),
    "end": campaign_file.LATEST - timedelta(days=1),
    "participants": ["Example"],
    "hashtags": ["example"],
    "tags": ["example"],
    "language": "en",
    "pageviews": False,
    "sensitive_locations": False,
}
# Lists whose errors name one entry (params["value"]): that entry is taken out and the others checked on.
_LISTS = ("wikis", "participants", "hashtags")


@dataclass(frozen=True)
class Mistake:
    field: str  # the file's field (`api.DOMAIN` for an api line, `campaign` for the [campaign] table)
    error: CampaignFileError
    typed: str = ""  # what was typed at the field, quoted, when the error doesn't quote it (a date)


def check(data: dict[str, Any], source: str) -> tuple[Campaign | None, list[Mistake]]:
    """The campaign when the file's dict is valid, else every mistake found (the campaign is then None)."""
    data = _copy(data)
    mistakes: list[Mistake] = []
    stood_in: set[str] = set()
    for _ in range(MAX_ROUNDS):
        try:
            campaign = parse_campaign(data, source)
        except CampaignFileError as e:
            typed = data.get(e.field)
            mistakes.append(Mistake(e.field, e, shown(typed) if isinstance(typed, str) else ""))
            if not _take_out(data, e, stood_in):
                break
            continue
        return (campaign if not mistakes else None), mistakes
    return None, mistakes


def _copy(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
        for k, v in data.items()
    }


def _take_out(data: dict[str, Any], error: CampaignFileError, stood_in: set[str]) -> bool:
    """Change data so the same error can't come again; False when nothing more can be learnt."""
    field = error.field
    key = field.split(".", 1)[0]
    value = (error.params or {}).get("value")
    if key in _LISTS and isinstance(data.get(key), list) and value is not None:
        for i, raw in enumerate(data[key]):
            if isinstance(raw, str) and shown(raw) == value:
                del data[key][i]
                if data[key]:
                    return True
                break
    if field.startswith("api."):
        table = data.get("api")
        if isinstance(table, dict):
            for domain in list(table):
                if f"api.{shown_key(domain)}" == field:
                    del table[domain]
                    return True
    if field in stood_in:
        return False
    stood_in.add(field)
    if key == "wikis":
        data["wikis"] = _wikis_stand_in(data)
    elif key in ("timezone", "campaign"):
        data.pop("campaign", None)
        data["timezone"] = "UTC"
    elif field == "end" and error.problem_template == campaign_file.END_BEFORE_START:
        data["end"] = _STAND_INS["end"]
    elif key == "participants" and error.problem_template == campaign_file.NO_ONE:
        data["participants"] = _STAND_INS["participants"]
    elif key == "participants_page":
        page = data.get("participants_page")
        domain = page.split(":", 1)[0].strip().lower() if isinstance(page, str) else ""
        data[key] = f"{domain if DOMAIN.match(domain) else 'example.org'}:Participants"
    elif key in _STAND_INS:
        data[key] = _STAND_INS[key]
    elif key in data:
        del data[key]  # namespaces, api, sfn_templates, translation_tags, an unknown key: optional
    else:
        return False
    return True


def _wikis_stand_in(data: dict[str, Any]) -> list[str]:
    """Valid-looking wikis: the list's good entries and the domains other keys name (so they stay known)."""
    named: list[str] = [w.lower() for w in data.get("wikis") or [] if isinstance(w, str)]
    for table in ("api", "sfn_templates"):
        if isinstance(data.get(table), dict):
            named += [str(d).lower() for d in data[table]]
    good = [w for w in dict.fromkeys(named) if len(w) <= 253 and DOMAIN.match(w)]
    return good or ["example.org"]


# -- in the form's words

# The file's problem → the form's sentence; None keeps the file's own words (they name no TOML).
FORM_WORDS: dict[str, str | None] = {
    campaign_file.IS_MISSING: messages.FORM_FILL_IN,
    campaign_file.NON_EMPTY_STRING: messages.FORM_FILL_IN,
    campaign_file.NOT_DATE_TIME: messages.FORM_NOT_MOMENT,
    campaign_file.NO_OFFSET: messages.FORM_PICK_ZONE,
    campaign_file.DATE_WITHOUT_ZONE: messages.FORM_PICK_ZONE,
    campaign_file.END_BEFORE_START: messages.FORM_END_BEFORE_START,
    campaign_file.UNKNOWN_ZONE: messages.FORM_UNKNOWN_ZONE,
    campaign_file.MUST_BE_STRING: messages.FORM_UNKNOWN_ZONE,
    campaign_file.IS_MISSING_OR_EMPTY: messages.FORM_NO_WIKI,
    campaign_file.NOT_A_DOMAIN: messages.FORM_NOT_DOMAIN,
    campaign_file.NO_ONE: messages.FORM_NOBODY,
    campaign_file.NOT_DOMAIN_TITLE: messages.FORM_NOT_PAGE,
    campaign_file.VALUE_NOT_DOMAIN_TITLE: messages.FORM_NOT_PAGE,
    campaign_file.NOT_A_HASHTAG: messages.FORM_NOT_HASHTAG,
    campaign_file.NAMESPACE_NUMBERS: messages.FORM_NAMESPACES,
    campaign_file.UNUSED_WIKI: messages.FORM_API_UNUSED,
    campaign_file.NOT_HTTP_URL: messages.FORM_API_URL,
    campaign_file.TRUE_FALSE_OR_CATEGORIES: messages.FORM_NO_CATEGORY,
    campaign_file.NOT_A_CATEGORY: messages.FORM_NOT_CATEGORY,
    collection.NO_API_ANSWER: messages.FORM_NO_API_ANSWER,  # a refresh's, not the form's (views_refresh)
}


def form_text(mistake: Mistake, gettext: Callable[[str], str], labels: Callable[[str], str]) -> str:
    """The mistake as the form says it at its field; labels(form field) gives a field's label."""
    template = FORM_WORDS.get(mistake.error.problem_template)
    if template is None:
        return mistake.error.detail(gettext)
    params: dict[str, object] = {**(mistake.error.params or {})}
    if mistake.field.startswith("api."):
        params["domain"] = mistake.field.split(".", 1)[1]
    params.setdefault("value", mistake.typed or "''")
    params["wikis"] = labels("wikis")
    params["api"] = labels("api")
    try:
        return gettext(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return template.format(**params)
