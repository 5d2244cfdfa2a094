"""The campaign form (one field per key of the campaign file) and the campaign-file import.

Both judge the file with campaign_file.parse_campaign, the CLI's check; the form puts each error at the
field the file's error names. Then both refuse addresses this server may not fetch (definitions.
check_addresses): the form at the field naming the wiki, the import at the file.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings

from wikitally.campaign_file import parse_campaign
from wikitally.errors import AddressError, CampaignFileError
from wikitally.model import Campaign
from wikitally.reports.i18n import Translator
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions
from wikitally.web.campaigns.ui import UI

NEW_SOURCE = "campaign.toml"


def _visibility_field() -> forms.ChoiceField:
    return forms.ChoiceField(choices=(), widget=forms.RadioSelect, initial="public")


class _CampaignFileForm(forms.Form):
    """What both forms share: an address and a visibility for a new campaign, uniqueness of the name."""

    slug = forms.SlugField(required=False, max_length=100)
    visibility = _visibility_field()

    def __init__(
        self,
        *args: Any,
        t: Translator,
        definition: CampaignDefinition | None = None,
        may_adopt: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.ui = UI(t)
        self.definition = definition
        self.may_adopt = may_adopt  # site admins may give a CLI-collected campaign a web definition
        self.campaign: Campaign | None = None
        self.slug = definition.slug if definition is not None else ""
        self.toml = ""
        self.fields["visibility"].choices = (
            ("public", self.ui["VISIBILITY_PUBLIC"]),
            ("unlisted", self.ui["VISIBILITY_UNLISTED"]),
        )
        if definition is not None:
            del self.fields["slug"]
        self._label("slug", "LABEL_SLUG", self.ui["HELP_SLUG"].format(example="/c/…/"))
        self._label("visibility", "LABEL_VISIBILITY")

    def _label(self, name: str, label: str, help_text: str = "") -> None:
        if name in self.fields:
            self.fields[name].label = self.ui[label]
            self.fields[name].help_text = help_text

    @property
    def source(self) -> str:
        return definitions.source_name(self.definition) if self.definition is not None else NEW_SOURCE

    def accept(self, campaign: Campaign, toml: str, name_field: str) -> None:
        """The file is valid: check what the store needs (a free name and address), keep the result."""
        if not definitions.name_free(campaign.key, self.definition):
            self.add_error(name_field, self.ui["ERROR_NAME_TAKEN"])
            return
        if not self.may_adopt and definitions.adopts_stored(campaign.key, self.definition):
            self.add_error(name_field, self.ui["ERROR_NAME_STORED"])
            return
        if self.definition is None:
            wanted = self.cleaned_data.get("slug") or ""
            if wanted and not definitions.slug_free(wanted):
                self.add_error("slug", self.ui["ERROR_SLUG_TAKEN"])
                return
            self.slug = wanted or definitions.new_slug(campaign.name)
        self.campaign, self.toml = campaign, toml


class CampaignForm(_CampaignFileForm):
    name = forms.CharField(required=False, max_length=255)
    start = forms.CharField(required=False, max_length=64)
    end = forms.CharField(required=False, max_length=64)
    timezone = forms.CharField(required=False, max_length=64)
    wikis = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    participants = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))
    participants_page = forms.CharField(required=False, max_length=500)
    hashtags = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tags = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    namespaces = forms.CharField(required=False, max_length=200)
    api = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    language = forms.ChoiceField(choices=(), initial="en")
    pageviews = forms.BooleanField(required=False)
    sensitive_locations = forms.ChoiceField(choices=(), widget=forms.RadioSelect, initial="false")
    sensitive_categories = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ui = self.ui
        self.kept: dict[str, Any] = {}
        if self.definition is not None:
            self.kept = definitions.extras(definitions.read_toml(self.definition.toml, self.source))
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["sensitive_locations"].choices = (
            ("false", ui["SENSITIVE_NO"]),
            ("true", ui["SENSITIVE_ALL"]),
            ("categories", ui["SENSITIVE_CATEGORIES"]),
        )
        for name, label, help_key in (
            ("name", "LABEL_NAME", ""),
            ("start", "LABEL_START", "HELP_MOMENT"),
            ("end", "LABEL_END", "HELP_MOMENT"),
            ("timezone", "LABEL_TIMEZONE", "HELP_TIMEZONE"),
            ("wikis", "LABEL_WIKIS", "HELP_WIKIS"),
            ("participants", "LABEL_PARTICIPANTS", "HELP_PARTICIPANTS"),
            ("participants_page", "LABEL_PARTICIPANTS_PAGE", "HELP_PARTICIPANTS_PAGE"),
            ("hashtags", "LABEL_HASHTAGS", "HELP_HASHTAGS"),
            ("tags", "LABEL_TAGS", "HELP_TAGS"),
            ("namespaces", "LABEL_NAMESPACES", "HELP_NAMESPACES"),
            ("api", "LABEL_API", "HELP_API"),
            ("language", "LABEL_LANGUAGE", ""),
            ("pageviews", "LABEL_PAGEVIEWS", ""),
            ("sensitive_locations", "LABEL_SENSITIVE", ""),
            ("sensitive_categories", "LABEL_SENSITIVE_CATEGORIES", "HELP_SENSITIVE_CATEGORIES"),
        ):
            self._label(name, label, ui[help_key] if help_key else "")
        for name in ("start", "end"):
            self.fields[name].widget.attrs.update({"placeholder": "2024-03-08T09:00:00+01:00", "dir": "ltr"})
        for name in ("wikis", "timezone", "namespaces", "participants_page", "api"):
            self.fields[name].widget.attrs["dir"] = "ltr"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        data = definitions.file_data(cleaned, self.kept)
        try:
            campaign = parse_campaign(data, self.source)
        except CampaignFileError as e:
            field = definitions.form_field(e)
            if field is not None and field in self.fields:
                self.add_error(field, definitions.error_text(e, self.ui.t.gettext))
            else:
                self.add_error(None, e.line(self.ui.t.gettext))
            return cleaned
        try:
            definitions.check_addresses(campaign)
        except AddressError as e:
            self.add_error(
                definitions.address_field(e, campaign), definitions.address_text(e, self.ui.t.gettext)
            )
            return cleaned
        self.accept(campaign, definitions.dump_toml(data), "name")
        return cleaned


class ImportForm(_CampaignFileForm):
    toml_text = forms.CharField(required=False, strip=False, widget=forms.Textarea(attrs={"rows": 12}))
    toml_file = forms.FileField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.definition is not None:
            del self.fields["visibility"]  # replacing the file keeps the visibility; the form changes it
        self._label("toml_text", "LABEL_TOML_TEXT")
        self._label("toml_file", "LABEL_TOML_FILE")
        self.fields["toml_text"].widget.attrs.update({"dir": "ltr", "spellcheck": "false"})
        self.fields["toml_file"].widget.attrs["accept"] = ".toml,text/plain,application/toml"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("toml_file")
        raw: bytes | str
        if upload:
            if upload.size > definitions.MAX_FILE_BYTES:
                self.add_error(
                    "toml_file", self.ui["ERROR_TOO_LARGE"].format(size=definitions.MAX_FILE_BYTES // 1000)
                )
                return cleaned
            raw, source = upload.read(), PurePath(upload.name or NEW_SOURCE).name
        elif cleaned.get("toml_text", "").strip():
            raw, source = cleaned["toml_text"], self.source
        else:
            self.add_error("toml_text", self.ui["ERROR_NO_FILE"])
            return cleaned
        field = "toml_file" if upload else "toml_text"
        try:
            data = definitions.read_toml(raw, source)
            campaign = parse_campaign(data, source)
            definitions.check_addresses(campaign)
        except (CampaignFileError, AddressError) as e:
            # the CLI's line (file, field, problem, fix), in the page's language
            if isinstance(e, CampaignFileError):
                self.add_error(field, e.line(self.ui.t.gettext))
            else:
                self.add_error(field, definitions.address_line(e, self.ui.t.gettext))
            return cleaned
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        self.accept(campaign, text.replace("\r\n", "\n"), field)
        return cleaned
