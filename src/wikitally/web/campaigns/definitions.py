"""Campaign definitions: the campaign file as the single source of truth, the form's view of it, saving.

The form maps 1:1 onto the file's keys (FORM_KEYS): it builds the file's dict from what was typed and hands
it to campaign_file.parse_campaign, the CLI's own check, whose error names the field (`.field`) that is
wrong. Keys the form doesn't show (api, sfn_templates, translation_tags, description) are kept as they are.
An imported file is stored as it was written (comments included); a form save writes the file anew.
Before either is saved, the addresses it names must be ones this server may fetch (collect/addresses.py).
"""

from __future__ import annotations

import base64
import functools
import re
import secrets
import tomllib
import zoneinfo
from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.text import slugify

from wikitally import campaign_file
from wikitally.campaign_file import KEYS, parse_campaign
from wikitally.collect import addresses
from wikitally.errors import AddressError, CampaignFileError
from wikitally.model import Campaign
from wikitally.reports.messages import N_
from wikitally.store.models import Campaign as StoredCampaign
from wikitally.store.models import CampaignDefinition, Organizer

FORM_KEYS = (
    "name",
    "start",
    "end",
    "timezone",
    "wikis",
    "participants",
    "participants_page",
    "hashtags",
    "tags",
    "namespaces",
    "api",
    "language",
    "pageviews",
    "sensitive_locations",
)
# The file's error fields that are form fields ([campaign] holds only the time zone); others are the form's.
FIELD_OF_ERROR = {**{key: key for key in FORM_KEYS}, "campaign": "timezone"}
RESERVED_SLUGS = frozenset({"new"})
MAX_FILE_BYTES = 1_000_000
UNLISTED_SUFFIX_BYTES = 10  # 80 random bits in an unlisted campaign's address
UNLISTED_SUFFIX_CHARS = 16  # their base32 length
# What may be handed to the TOML reader as a date or date-time: nothing else gets near it.
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?")
_NO_SECONDS = re.compile(r"([Tt ]\d{2}:\d{2})(?=$|[Zz+-])")

# Translators: error at the campaign form's wikis or participants page field: this server may not fetch a
# wiki's API at that address. {url} is the address (keep as is); {why} says why, in English, e.g.
# "127.0.0.1 is a loopback address" or "it is not https". WIKITALLY_ALLOW_PRIVATE_WIKIS is a setting's name
# (keep as is)
ADDRESS_REFUSED = N_(
    "this server may not fetch {url}: {why}; use the wiki's public https address, or ask the server's "
    "operator to allow it in WIKITALLY_ALLOW_PRIVATE_WIKIS"
)


# -- the file


def read_toml(raw: bytes | str, source: str) -> dict[str, Any]:
    """A campaign file's text as a dict; CampaignFileError worded as the CLI's load_campaign words it."""
    return campaign_file.read_toml(raw, source)


def dump_toml(data: dict[str, Any]) -> str:
    """The file's dict as TOML, keys in the order campaign_file.KEYS lists them."""
    order = list(KEYS)
    ranked = sorted(data.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return tomli_w.dumps(dict(ranked))


def source_name(definition: CampaignDefinition) -> str:
    return f"{definition.slug}.toml"


def campaign_of(definition: CampaignDefinition) -> Campaign:
    """The definition's campaign, checked as the CLI checks a file."""
    source = source_name(definition)
    return parse_campaign(read_toml(definition.toml, source), source)


# -- the form's view of the file


def initial(data: dict[str, Any]) -> dict[str, Any]:
    """The form's values for a (valid) file's dict.

    Start and end are shown for the date and time pickers: local to the campaign's time zone, seconds
    included, so saving the form unchanged gives the same moments (a whole-day date: 00:00:00 and 23:59:59;
    a moment with an offset and no time zone: in UTC, which the time zone field then says)."""
    table = data.get("campaign")
    zone_name = data.get("timezone") or (table.get("timezone") if isinstance(table, dict) else None)
    zone = _zone(zone_name)
    if zone is None:
        zone_name, zone = "UTC", UTC
    sensitive = data.get("sensitive_locations", False)
    return {
        "name": data.get("name", ""),
        "start": _picker_text(data.get("start"), zone, end_of_day=False),
        "end": _picker_text(data.get("end"), zone, end_of_day=True),
        "timezone": zone_name,
        "wikis": "\n".join(data.get("wikis", [])),
        "participants": "\n".join(data.get("participants", [])),
        "participants_page": data.get("participants_page", ""),
        "hashtags": "\n".join(data.get("hashtags", [])),
        "tags": "\n".join(data.get("tags", [])),
        "namespaces": ", ".join(str(n) for n in data.get("namespaces", [])),
        "api": "\n".join(f"{domain} = {url}" for domain, url in (data.get("api") or {}).items()),
        "language": data.get("language", "en"),
        "pageviews": data.get("pageviews", False) is True,
        "sensitive_locations": (
            "true" if sensitive is True else "categories" if isinstance(sensitive, list) else "false"
        ),
        "sensitive_categories": "\n".join(sensitive) if isinstance(sensitive, list) else "",
    }


def extras(data: dict[str, Any]) -> dict[str, Any]:
    """The file's keys that the form doesn't show, kept through a form save."""
    return {key: value for key, value in data.items() if key not in FORM_KEYS and key != "campaign"}


def file_data(values: dict[str, Any], kept: dict[str, Any]) -> dict[str, Any]:
    """The campaign file's dict from the form's values, as typed: parse_campaign judges them, not the form.

    An empty field leaves its key out (so "is missing" comes from the file's check); text that isn't a
    date stays text (so "must be a TOML date-time" does); namespaces that aren't numbers stay words.
    """
    data = dict(kept)

    def put(key: str, value: Any) -> None:
        if value not in ("", [], None, False):
            data[key] = value

    put("name", values.get("name") or "")
    put("start", _moment(values.get("start") or ""))
    put("end", _moment(values.get("end") or ""))
    put("timezone", (values.get("timezone") or "").strip())
    put("wikis", _lines(values.get("wikis")))
    put("participants", _lines(values.get("participants")))
    put("participants_page", (values.get("participants_page") or "").strip())
    put("hashtags", _lines(values.get("hashtags")))
    put("tags", _lines(values.get("tags")))
    put("namespaces", [_number(w) for w in re.split(r"[\s,]+", values.get("namespaces") or "") if w])
    put("api", _api_lines(values.get("api")))
    data["language"] = values.get("language") or "en"
    put("pageviews", values.get("pageviews") is True)
    sensitive = values.get("sensitive_locations")
    if sensitive == "true":
        data["sensitive_locations"] = True
    elif sensitive == "categories":
        data["sensitive_locations"] = _lines(values.get("sensitive_categories"))  # [] is the file's error
    return data


def form_field(error: CampaignFileError) -> str | None:
    """The form field a file error is about; None for the file as a whole or a key the form doesn't show."""
    if error.field.startswith("api."):  # api.DOMAIN: one line of the api field
        return "api"
    return FIELD_OF_ERROR.get(error.field)


def _api_lines(text: str | None) -> dict[str, str]:
    """`DOMAIN = URL` lines (`=` or spaces between) as the file's [api] table; a line without a URL keeps
    its domain with an empty URL, so the file's own check names it."""
    table: dict[str, str] = {}
    for line in _lines(text):
        domain, _, url = line.replace("=", " ", 1).partition(" ")
        table[domain.strip()] = url.strip()
    return table


def error_text(error: CampaignFileError, gettext: Callable[[str], str] = str) -> str:
    """The error without its file and field (the form shows it at the field), in gettext's language."""
    return error.detail(gettext)


def check_addresses(campaign: Campaign) -> None:
    """AddressError (naming the file's field) unless this server may fetch every API the campaign names."""
    addresses.check_campaign(campaign, addresses.Guard.from_settings())


def address_field(error: AddressError, campaign: Campaign) -> str:
    """The form field an address error is about: an [api] entry's is the api field."""
    return "api" if error.field.startswith("api.") else error.field


def address_text(error: AddressError, gettext: Callable[[str], str]) -> str:
    """The error as the form shows it at the field, translated (English when a translation won't format)."""
    values = {"url": error.url, "why": error.why}
    try:
        return gettext(ADDRESS_REFUSED).format(**values)
    except (KeyError, IndexError, ValueError):
        return ADDRESS_REFUSED.format(**values)


def address_line(error: AddressError, gettext: Callable[[str], str]) -> str:
    """The error as the import shows it, like the CLI's line: the file and field, then address_text."""
    where = "".join(f"{part}: " for part in (error.source, error.field) if part)
    return where + address_text(error, gettext)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _number(word: str) -> int | str:
    return int(word) if re.fullmatch(r"-?\d+", word) else word


def _moment(text: str) -> date | datetime | str | None:
    """A TOML date or date-time typed in a form field; the text itself when it isn't one (or None)."""
    text = text.strip()
    if not text:
        return None
    if not _MOMENT.fullmatch(text):
        return text
    try:
        value = tomllib.loads("v = " + _NO_SECONDS.sub(r"\1:00", text))["v"]
    except tomllib.TOMLDecodeError:
        return text
    return value if isinstance(value, date) else text


def _zone(name: object) -> tzinfo | None:
    if not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _picker_text(value: Any, zone: tzinfo, end_of_day: bool) -> str:
    """A file's date or date-time as a datetime-local value (YYYY-MM-DDTHH:MM:SS) in the campaign's zone."""
    if isinstance(value, datetime):
        local = value.astimezone(zone).replace(tzinfo=None) if value.tzinfo is not None else value
    elif isinstance(value, date):
        local = datetime.combine(value, time(23, 59, 59) if end_of_day else time(0, 0, 0))
    else:
        return ""
    return local.replace(microsecond=0).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    """The IANA time zones this machine knows, UTC first, then by name (no legacy upper-case aliases)."""
    names = {n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/"))}
    return ("UTC", *sorted(names))


def zone_choices(current: str = "") -> tuple[str, ...]:
    """The time zone select's options; a current value the list lacks (an alias a file used) is kept."""
    zones = _zones()
    return zones if not current or current in zones else (current, *zones)


# -- saving and permissions


def slug_free(slug: str) -> bool:
    return slug not in RESERVED_SLUGS and not CampaignDefinition.objects.filter(slug=slug).exists()


def name_free(name: str, definition: CampaignDefinition | None = None) -> bool:
    """True when no other definition has this name (the store's key: two would share their data)."""
    others = CampaignDefinition.objects.filter(name=name)
    if definition is not None:
        others = others.exclude(pk=definition.pk)
    return not others.exists()


def adopts_stored(name: str, definition: CampaignDefinition | None = None) -> bool:
    """True when saving this name would take over a campaign the store already holds under it that no web
    definition owns (collected by the CLI): its collected data would become this definition's.

    Decided at creation (and when a rename moves onto another campaign's name): a definition's own stored
    campaign is its own from creation on, so saving it again under its name never asks."""
    if definition is not None and definition.name == name:
        return False
    stored = _stored(name)
    if stored is None or (definition is not None and definition.campaign_id == stored.pk):
        return False
    owners = CampaignDefinition.objects.filter(campaign=stored)
    if definition is not None:
        owners = owners.exclude(pk=definition.pk)
    return not owners.exists()


def new_slug(name: str) -> str:
    """A free address made from the name ("campaign", "campaign-2", … when it has no Latin letters)."""
    base = _slug_base(name)
    slug, n = base, 1
    while not slug_free(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def _slug_base(name: str) -> str:
    return slugify(name)[:90].strip("-") or "campaign"


def unguessable_slug(base: str) -> str:
    """An unlisted campaign's address: base, then UNLISTED_SUFFIX_BYTES random bytes (base32, lower case),
    so that knowing the campaign's name (or the address it had while public) doesn't find it."""
    base = base[: 100 - 1 - UNLISTED_SUFFIX_CHARS].strip("-") or "campaign"
    while True:
        suffix = base64.b32encode(secrets.token_bytes(UNLISTED_SUFFIX_BYTES)).decode().rstrip("=").lower()
        slug = f"{base}-{suffix}"
        if slug_free(slug):
            return slug


def create(
    *, slug: str, visibility: str, toml: str, campaign: Campaign, user: AbstractBaseUser
) -> CampaignDefinition:
    """A new definition; its creator is its first organizer. An unlisted one's address is slug with a
    random suffix (unguessable_slug). Its stored campaign (the store's row under the
    campaign's key, made now when there is none) is its own from now on: every refresh writes into it, and
    no later event can make its data look like someone else's."""
    if visibility == "unlisted":
        slug = unguessable_slug(slug)
    with transaction.atomic():
        definition = CampaignDefinition.objects.create(
            slug=slug,
            name=campaign.key,
            toml=toml,
            visibility=visibility,
            campaign=_own_stored(campaign),
        )
        Organizer.objects.create(definition=definition, user=user)
    return definition


def update(
    definition: CampaignDefinition, *, toml: str, campaign: Campaign, visibility: str | None = None
) -> None:
    """A new file for the definition (and its visibility, when given: made unlisted, it gets a new,
    unguessable address).

    A new name takes the definition's stored campaign along (its key is renamed), so what was collected
    stays the campaign's; only a name the store already holds (taken over by a site admin, the form allows
    nothing else) links the definition to that campaign instead."""
    with transaction.atomic():
        definition.toml = toml
        if visibility == "unlisted" and definition.visibility != "unlisted":
            definition.slug = unguessable_slug(_slug_base(campaign.name))  # the public address stops working
        if visibility is not None:
            definition.visibility = visibility
        own = definition.campaign
        if own is not None and own.key != campaign.key and _stored(campaign.key) is None:
            own.key, own.name = campaign.key, campaign.name
            own.save(update_fields=["key", "name", "updated"])
        definition.name = campaign.key
        if own is None or own.key != campaign.key:
            definition.campaign = _own_stored(campaign)
        definition.save()


def _own_stored(campaign: Campaign) -> StoredCampaign:
    """The store's row for the campaign's key, made (through the store) when there is none."""
    from wikitally.store import Store

    pk = Store(DEFAULT_DB_ALIAS).campaign_id(campaign)
    return StoredCampaign.objects.get(pk=pk)


def may_manage(definition: CampaignDefinition, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Who may edit and refresh a campaign and see why a refresh failed: its organizers and site admins."""
    return bool(getattr(user, "is_superuser", False)) or is_organizer(definition, user)


def is_organizer(definition: CampaignDefinition, user: AbstractBaseUser | AnonymousUser) -> bool:
    """The user is one of the campaign's organizers: as the site user who created it, or signed in as the
    Wikimedia account a co-organizer was added by (organizers.py). The one check every page uses."""
    if not user.is_authenticated:
        return False
    from django.db.models import Q

    from wikitally.web.campaigns.participants import username_of

    # By ids, not instances: Django copies a query's lookup values, and copying the definition (its TOML, its
    # cached relations) was most of a signed-in page's time (bench/README.md, "Web app under load").
    # Kept on the user object, which lives one request: a signed-in campaign page asks twice (its edit
    # button, its refresh panel); organizers are added and removed by requests of their own.
    known: dict[int, bool] | None = getattr(user, _ORGANIZER_OF, None)
    if known is None:
        known = {}
        setattr(user, _ORGANIZER_OF, known)
    if definition.pk in known:
        return known[definition.pk]
    mine = Q(user_id=user.pk)
    name = username_of(user)
    if name:
        mine |= Q(username=name)
    found = Organizer.objects.filter(Q(definition_id=definition.pk) & mine).exists()
    known[definition.pk] = found
    return found


_ORGANIZER_OF = "_wikitally_organizer_of"


def _stored(key: str) -> StoredCampaign | None:
    return StoredCampaign.objects.filter(key=key).first()


def organizer_names(definition: CampaignDefinition) -> list[str]:
    """The organizers as they are known on the wikis (their Wikimedia username, else the site's), sorted."""
    from wikitally.store.models import WikiAccount

    rows = list(Organizer.objects.filter(definition=definition).select_related("user"))
    users = [o.user for o in rows if o.user is not None]
    wiki = dict(WikiAccount.objects.filter(user__in=users).values_list("user_id", "username"))
    names = {
        o.username or str(wiki.get(o.user.pk) or o.user.get_username()) for o in rows if o.username or o.user
    }
    return sorted(names)
