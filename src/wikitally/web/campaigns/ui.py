"""What every template gets: `ui` (the web's strings by name, translated), `t`, the page's language.

The strings are web/messages.py's; labels that reports/messages.py already has (table columns, sections,
statuses) are taken from there. Both are in one catalogue, read by the reports' Translator.
"""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest
from django.utils import translation

from wikitally.reports import messages as report_messages
from wikitally.reports.i18n import LanguageError, Translator, translator
from wikitally.web import messages, messages_photos

_OWN = {
    name: value
    for module in (messages, messages_photos)
    for name, value in vars(module).items()
    if name.isupper() and isinstance(value, str)
}


def own_strings() -> dict[str, str]:
    """Name → English text of the web's own strings (for the gettext slice and the tests)."""
    return dict(_OWN)


class UI:
    """`{{ ui.NAME }}` in templates: the web's own string NAME, else reports/messages.py's, translated."""

    def __init__(self, t: Translator) -> None:
        self.t = t

    def __getitem__(self, name: str) -> str:
        text = _OWN.get(name)
        if text is None:
            value = getattr(report_messages, name, None)
            if not isinstance(value, str) or not name.isupper():
                raise KeyError(name)
            text = value
        return self.t.gettext(text)

    def __contains__(self, name: object) -> bool:
        try:
            self[str(name)]
        except KeyError:
            return False
        return True


def request_translator(request: HttpRequest | None = None) -> Translator:
    """The reports' Translator for the language LocaleMiddleware chose for this request."""
    try:
        return translator(translation.get_language() or "en")
    except LanguageError:
        return translator("en")


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: ui, t, the page's language and direction, the language menu."""
    from django.conf import settings

    from wikitally.web.campaigns.middleware import noindex

    t = request_translator(request)
    return {
        "ui": UI(t),
        "t": t,
        "lang": str(t.locale).replace("_", "-"),
        "dir": t.locale.text_direction,
        "lang_code": t.language,
        "languages": settings.LANGUAGES,
        "noindex": functools.partial(noindex, request),  # a query, made only if the page asks
    }
