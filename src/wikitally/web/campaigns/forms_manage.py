"""The organizers' page's forms: the event's details, a co-organizer's username, the deletion's
confirmation (the campaign's name typed again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from wikitally.usernames import normalize_username, username_problem
from wikitally.web.campaigns.event import MAX_DESCRIPTION_CHARS, safe_event_page
from wikitally.web.campaigns.forms_enrol import MAX_USERNAME_CHARS, TranslatedForm


class EventForm(TranslatedForm):
    description = forms.CharField(
        required=False,
        max_length=MAX_DESCRIPTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    mode = forms.ChoiceField(choices=(), widget=forms.RadioSelect)
    place = forms.CharField(required=False, max_length=255)
    event_page = forms.CharField(required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label("description", "LABEL_DESCRIPTION", "HELP_DESCRIPTION")
        self._label("mode", "LABEL_MODE")
        self.fields["mode"].choices = [
            ("online", self.ui["MODE_ONLINE"]),
            ("in_person", self.ui["MODE_IN_PERSON"]),
            ("hybrid", self.ui["MODE_HYBRID"]),
        ]
        self._label("place", "LABEL_PLACE")
        self._label("event_page", "LABEL_EVENT_PAGE")
        self.fields["event_page"].widget.attrs.update({"dir": "ltr", "inputmode": "url"})

    def clean_event_page(self) -> str:
        url = str(self.cleaned_data.get("event_page") or "").strip()
        if url and not safe_event_page(url):
            raise ValidationError(self.ui["ERROR_EVENT_PAGE"], code="not_https")
        return url


class OrganizerForm(TranslatedForm):
    username = forms.CharField(max_length=MAX_USERNAME_CHARS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label("username", "LABEL_ORGANIZER")
        self.fields["username"].widget.attrs.update({"dir": "auto", "spellcheck": "false"})

    def clean_username(self) -> str:
        raw = str(self.cleaned_data.get("username") or "").strip()
        problem = username_problem(raw)
        if problem:
            text = self.ui["ERROR_ORGANIZER_NAME"].format(name=raw[:60], problem=problem)
            raise ValidationError(text, code="bad_name")
        return normalize_username(raw)


class DeleteForm(TranslatedForm):
    name = forms.CharField(max_length=255, strip=True)

    def __init__(self, *args: Any, expected: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected = expected
        self._label("name", "LABEL_CONFIRM_NAME")
        self.fields["name"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_name(self) -> str:
        typed = str(self.cleaned_data.get("name") or "")
        if typed != self.expected:
            raise ValidationError(self.ui["ERROR_CONFIRM_NAME"], code="mismatch")
        return typed


class PrivacyForm(TranslatedForm):
    private = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label("private", "LABEL_PRIVATE", "HELP_PRIVATE")
