"""Enrolment's forms: joining (with the passcode, when the campaign has one), an organizer's pasted list of
usernames, and the join passcode (kept as a Django password hash, never as typed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError

from wikitally.store.models import CampaignDefinition
from wikitally.usernames import normalize_username, username_problem
from wikitally.web.campaigns.ui import UI

MAX_USERNAMES = 2000  # one paste
MAX_USERNAME_CHARS = 255  # Enrolment.username
MIN_PASSCODE_CHARS = 4
MAX_PASSCODE_CHARS = 128


class TranslatedForm(forms.Form):
    """A form whose labels and help come from the page's language (ui), with no ":" after labels."""

    def __init__(self, *args: Any, ui: UI, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.ui = ui

    def _label(self, name: str, label: str, help_key: str = "") -> None:
        self.fields[name].label = self.ui[label]
        self.fields[name].help_text = self.ui[help_key] if help_key else ""


class JoinForm(TranslatedForm):
    """Joining: nothing to fill in, or the passcode when the campaign has one."""

    passcode = forms.CharField(
        max_length=MAX_PASSCODE_CHARS,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, definition: CampaignDefinition, refused: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.refused = refused  # set: the passcode is not even checked (too many wrong ones)
        if definition.passcode_hash:
            self._label("passcode", "LABEL_PASSCODE", "HELP_PASSCODE_JOIN")
        else:
            del self.fields["passcode"]

    def clean_passcode(self) -> str:
        if self.refused:
            raise ValidationError(self.refused, code="limit")
        typed = str(self.cleaned_data.get("passcode") or "")
        if not check_password(typed, self.definition.passcode_hash):
            raise ValidationError(self.ui["ERROR_PASSCODE_WRONG"], code="wrong")
        return typed

    @property
    def wrong_passcode(self) -> bool:
        return self.has_error("passcode", code="wrong")


class AddParticipantsForm(TranslatedForm):
    """An organizer's list: one username per line, as written on a wiki; each bad line is named."""

    usernames = forms.CharField(
        required=False, max_length=MAX_USERNAMES * 100, widget=forms.Textarea(attrs={"rows": 8})
    )
    # ticked: names no campaign wiki knows are added too (shown only once the check found some: `asking`)
    add_anyway = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asking = False
        self._label("usernames", "LABEL_USERNAMES", "HELP_USERNAMES")
        self._label("add_anyway", "LABEL_ADD_ANYWAY")
        self.fields["usernames"].widget.attrs.update({"dir": "auto", "spellcheck": "false"})

    def clean_usernames(self) -> list[str]:
        names: list[str] = []
        errors: list[ValidationError] = []
        for number, line in enumerate(str(self.cleaned_data.get("usernames") or "").splitlines(), 1):
            raw = line.strip()
            if not raw:
                continue
            problem = username_problem(raw)
            if problem is None and len(raw) > MAX_USERNAME_CHARS:
                problem = f"is longer than {MAX_USERNAME_CHARS} characters"
            if problem:
                shown = raw if len(raw) <= 60 else raw[:59] + "…"
                text = self.ui["ERROR_USERNAME_LINE"].format(line=number, name=shown, problem=problem)
                errors.append(ValidationError(text, code="bad_name"))
            else:
                names.append(normalize_username(raw))
        if errors:
            raise ValidationError(errors)
        if not names:
            raise ValidationError(self.ui["ERROR_NO_USERNAMES"], code="empty")
        if len(names) > MAX_USERNAMES:
            raise ValidationError(
                self.ui["ERROR_TOO_MANY_USERNAMES"].format(limit=MAX_USERNAMES), code="many"
            )
        return list(dict.fromkeys(names))


class PasscodeForm(TranslatedForm):
    """Set a new join passcode, or remove it."""

    passcode = forms.CharField(
        required=False,
        max_length=MAX_PASSCODE_CHARS,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    clear = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label("passcode", "LABEL_NEW_PASSCODE", "HELP_NEW_PASSCODE")
        self._label("clear", "LABEL_CLEAR_PASSCODE")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("clear"):
            return cleaned
        typed = str(cleaned.get("passcode") or "")
        if not typed:
            self.add_error("passcode", self.ui["ERROR_PASSCODE_EMPTY"])
        elif len(typed) < MIN_PASSCODE_CHARS:
            self.add_error("passcode", self.ui["ERROR_PASSCODE_SHORT"].format(n=MIN_PASSCODE_CHARS))
        return cleaned

    def passcode_hash(self) -> str:
        """What CampaignDefinition.passcode_hash becomes: empty for no passcode."""
        if self.cleaned_data.get("clear"):
            return ""
        return make_password(self.cleaned_data["passcode"])
