"""What the campaign and program pages both show: a number cell, a date range, "last updated …".

Shared by views.py and views_programs.py, so neither page module imports the other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.dates import format_timedelta

from wikitally.reports import messages as report_messages
from wikitally.reports.i18n import Translator
from wikitally.web.campaigns.ui import UI


def number_cell(t: Translator, n: int | None) -> dict[str, Any]:
    return {"raw": -1 if n is None else n, "shown": "" if n is None else t.number(n)}


def updated_text(t: Translator, last: datetime, now: datetime) -> str:
    """'Last updated 5 minutes ago', in the page's language (Babel's relative time)."""
    when = format_timedelta(last - now, add_direction=True, locale=t.locale)
    return UI(t)["LAST_UPDATED"].format(when=when)


def campaign_dates(t: Translator, campaign: Any) -> str:
    return t.gettext(report_messages.DATE_RANGE).format(
        start=t.date(campaign.start), end=t.date(campaign.end)
    )
