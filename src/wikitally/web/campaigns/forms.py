"""The campaign form (one field per key of the campaign file) and the campaign-file import.

Both judge the file with campaign_file.parse_campaign, the CLI's check; the form puts each error at the
field the file's error names. Then both refuse addresses this server may not fetch (definitions.
check_addresses): the form at the field naming the wiki, the import at the file.
"""

from __future__ import annotations

import contextlib
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings

from wikitally import campaign_file
from wikitally.campaign_file import parse_campaign
from wikitally.errors import AddressError, CampaignFileError
from wikitally.model import Campaign
from wikitally.reports.i18n import Translator
from wikitally.store.models import CampaignDefinition
from wikitally.web import messages as web_messages
from wikitally.web.campaigns import definitions, form_errors, name_check
from wikitally.web.campaigns.ui import UI

NEW_SOURCE = "campaign.toml"
# start and end: the browser's date and time picker (seconds kept, so an end at 23:59:59 round-trips)
_PICKER = {"type": "datetime-local", "step": "1", "dir": "ltr"}


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
        self.notes: list[str] = []  # warnings for the page after saving (names that could not be checked)
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
    start = forms.CharField(required=False, max_length=64, widget=forms.TextInput(attrs=_PICKER))
    end = forms.CharField(required=False, max_length=64, widget=forms.TextInput(attrs=_PICKER))
    # a select of the IANA zones; judged by the file's check, so an unknown name is its error, not Django's
    timezone = forms.CharField(required=False, max_length=64, widget=forms.Select, initial="UTC")
    wikis = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    participants = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))
    # ticked: participants no campaign wiki knows are kept (shown once the check found some: `asking`)
    participants_anyway = forms.BooleanField(required=False)
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
        self.asking = bool(self.data.get("participants_anyway"))
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
            ("start", "LABEL_START", "HELP_PICK_MOMENT"),
            ("end", "LABEL_END", "HELP_PICK_MOMENT"),
            ("timezone", "LABEL_TIMEZONE", "HELP_PICK_ZONE"),
            ("wikis", "LABEL_WIKIS", "HELP_WIKIS"),
            ("participants", "LABEL_PARTICIPANTS", "HELP_PARTICIPANTS"),
            ("participants_anyway", "LABEL_ADD_ANYWAY", ""),
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
        zone = str(self.initial.get("timezone") or self.data.get("timezone") or "UTC")
        self.fields["timezone"].widget.choices = [(name, name) for name in definitions.zone_choices(zone)]
        for name in ("wikis", "timezone", "namespaces", "participants_page", "api"):
            self.fields[name].widget.attrs["dir"] = "ltr"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        data = definitions.file_data(cleaned, self.kept)
        campaign, mistakes = form_errors.check(data, self.source)
        if mistakes:
            shown: set[tuple[str | None, str]] = set()
            for mistake in mistakes:
                field = self._field_of(mistake, cleaned)
                if field is None:
                    text = mistake.error.line(self.ui.t.gettext)
                else:
                    text = form_errors.form_text(mistake, self.ui.t.gettext, self._label_of)
                if (field, text) not in shown:  # e.g. start and end both without a time zone: said once
                    shown.add((field, text))
                    self.add_error(field, text)
            return cleaned
        assert campaign is not None
        try:
            definitions.check_addresses(campaign)
        except AddressError as e:
            self.add_error(
                definitions.address_field(e, campaign), definitions.address_text(e, self.ui.t.gettext)
            )
            return cleaned
        if not cleaned.get("participants_anyway") and not self._participants_exist(campaign):
            return cleaned
        self.accept(campaign, definitions.dump_toml(data), "name")
        return cleaned

    def _participants_exist(self, campaign: Campaign) -> bool:
        """Participants new to this campaign are looked up on its wikis; False (an error at the field, and
        the "add them anyway" tick box) when some are no wiki's accounts."""
        before: set[str] = set()
        if self.definition is not None:
            with contextlib.suppress(CampaignFileError):  # a file that no longer reads: all names are new
                before = set(definitions.campaign_of(self.definition).participants)
        new = [name for name in campaign.participants if name not in before]
        if not new:
            return True
        result = name_check.check(campaign, new)
        note = name_check.unreachable_text(self.ui, result)
        if note:
            self.notes.append(note)
        if result.unknown:
            self.add_error("participants", name_check.unknown_text(self.ui, result.unknown))
            self.asking = True
            return False
        return True

    def _field_of(self, mistake: form_errors.Mistake, cleaned: dict[str, Any]) -> str | None:
        """The form field a mistake is shown at (None: the form's, for keys the form doesn't show)."""
        problem = mistake.error.problem_template
        if problem in (campaign_file.NO_OFFSET, campaign_file.DATE_WITHOUT_ZONE):
            return "timezone"
        field = definitions.form_field(mistake.error)
        if field == "sensitive_locations" and cleaned.get("sensitive_locations") == "categories":
            return "sensitive_categories"
        return field if field is not None and field in self.fields else None

    def summary_heading(self) -> str:
        return self.ui.t.count(web_messages.FORM_MISTAKES, len(self.summary()))

    def _label_of(self, field: str) -> str:
        return str(self.fields[field].label) if field in self.fields else field

    def summary(self) -> list[tuple[str, str, str]]:
        """The mistakes for the list at the top: (field's id or "", label, message), in the form's order."""
        out = [("", "", str(text)) for text in self.non_field_errors()]
        for name, field in self.fields.items():
            for text in self.errors.get(name, []):
                out.append((self[name].id_for_label or f"id_{name}", str(field.label), str(text)))
        return out


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
