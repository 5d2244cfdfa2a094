"""The campaign page as the event's page: the organizers' description (Markdown, sanitised), how and where
it meets, and the rules an edit must follow to count, worded from the campaign file itself (the same
filters metrics/filters.py applies), so that the page, the join page and the welcome say what is counted."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any
from urllib.parse import urlsplit

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from wikitally.errors import CampaignFileError
from wikitally.model import Campaign
from wikitally.reports.i18n import Translator
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns.cells import campaign_dates
from wikitally.web.campaigns.memo import Memo
from wikitally.web.campaigns.ui import UI

MAX_DESCRIPTION_CHARS = 20_000
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML off (typed tags show as text), no images (no tracking pixels, no data: URLs),
    # and only http(s)/mailto or relative links: markdown-it's own check already refuses javascript:,
    # vbscript:, file: and data:, this one refuses every other scheme too.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough").disable("image")
    md.validateLink = _safe_link  # type: ignore[method-assign]
    link_open = md.renderer.rules.get("link_open")  # type: ignore[attr-defined]

    def nofollow(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tokens[idx].attrSet("rel", "nofollow noopener")
        if link_open is not None:
            return str(link_open(tokens, idx, options, env))
        return str(renderer.renderToken(tokens, idx, options, env))

    md.add_render_rule("link_open", nofollow)
    return md


def _safe_link(url: str) -> bool:
    text = "".join(url.split()).lower()  # "java\tscript:" is javascript: to a browser
    if ":" not in text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True  # relative: a path, a query or a fragment
    return urlsplit(text).scheme in LINK_SCHEMES


_MD = _markdown()


def render_markdown(text: str) -> SafeString:
    """The organizers' Markdown as HTML: markdown-it escapes every character it doesn't turn into markup
    (raw HTML is off), and links are checked by _safe_link, so the result may be marked safe."""
    return mark_safe(_MD.render(text[:MAX_DESCRIPTION_CHARS]))


def safe_event_page(url: str) -> str:
    """The on-wiki event page's address when it is https (anything else is not linked)."""
    return url if urlsplit(url).scheme == "https" and urlsplit(url).netloc else ""


def zone_name(zone: tzinfo | None) -> str:
    key = getattr(zone, "key", None)
    return str(key) if key else str(zone.tzname(None) if zone is not None else "UTC")


def campaign_zone(definition: CampaignDefinition, campaign: Campaign) -> str:
    """The file's `timezone` (or [campaign] timezone) when it names one, else the start's offset."""
    from wikitally.web.campaigns import definitions

    try:
        data = definitions.read_toml(definition.toml, definitions.source_name(definition))
    except CampaignFileError:  # the file was checked when saved; a newer check may refuse it
        data = {}
    table = data.get("campaign")
    named = data.get("timezone") or (table.get("timezone") if isinstance(table, dict) else None)
    return str(named) if isinstance(named, str) and named else zone_name(campaign.start.tzinfo)


def rules(t: Translator, campaign: Campaign, enrolment: bool, zone: str = "") -> list[str]:
    """What an edit must be to count, one sentence each, in the page's language. `enrolment`: only the
    campaign's participants count (its file lists people, or it takes them by joining)."""
    ui = UI(t)
    sep = ", "
    out = [
        ui["RULE_WIKIS"].format(wikis=sep.join(campaign.wikis)),
        ui["RULE_DATES"].format(
            dates=campaign_dates(t, campaign), zone=zone or zone_name(campaign.start.tzinfo)
        ),
    ]
    hashtags = sep.join("#" + h for h in campaign.hashtags)
    tags = sep.join(campaign.tags)
    if campaign.hashtags and campaign.tags:
        out.append(ui["RULE_HASHTAG_OR_TAG"].format(hashtags=hashtags, tags=tags))
    elif campaign.hashtags:
        out.append(ui["RULE_HASHTAG"].format(hashtags=hashtags))
    elif campaign.tags:
        out.append(ui["RULE_TAG"].format(tags=tags))
    if campaign.namespaces is None:
        out.append(ui["RULE_CONTENT_PAGES"])
    else:
        out.append(
            ui["RULE_NAMESPACES"].format(namespaces=sep.join(t.number(n) for n in campaign.namespaces))
        )
    out.append(ui["RULE_PARTICIPANTS"] if enrolment else ui["RULE_ANYONE"])
    out.append(ui["RULE_WHAT_COUNTS"])
    return out


def takes_enrolment(definition: CampaignDefinition, campaign: Campaign) -> bool:
    """Only listed or enrolled people count (the worker adds the enrolled to the file's participants)."""
    return bool(campaign.participants or campaign.participants_page or definition.enrolments.exists())


# The event block of each version of a definition, per language: the same for every visitor. A saved form,
# an organizer added or removed, someone enrolled (store/page_versions.new_version) is a new `updated`.
_DETAILS = Memo(max_items=256, ttl_s=30)


def details(t: Translator, definition: CampaignDefinition, campaign: Campaign) -> dict[str, Any]:
    """The event block of the campaign page (made once per version of the definition and language)."""
    key = f"{definition.pk}:{definition.updated.isoformat() if definition.updated else ''}:{t.language}"
    return dict(_DETAILS.get_or_make(key, lambda: _details(t, definition, campaign)))


def _details(t: Translator, definition: CampaignDefinition, campaign: Campaign) -> dict[str, Any]:
    from wikitally.web.campaigns import definitions

    ui = UI(t)
    zone = campaign_zone(definition, campaign)
    modes = {"online": ui["MODE_ONLINE"], "in_person": ui["MODE_IN_PERSON"], "hybrid": ui["MODE_HYBRID"]}
    return {
        "description_html": render_markdown(definition.description) if definition.description else "",
        "mode": modes.get(definition.mode, modes["online"]),
        "place": definition.place,
        "zone": zone,
        "organizers": definitions.organizer_names(definition),
        "event_page": safe_event_page(definition.event_page),
        "rules": rules(t, campaign, takes_enrolment(definition, campaign), zone),
    }
