"""The contest's results on the campaign page (read-only): winners per category, the ranking and every entry,
rendered by reports/contest_html.py in the page's language. A hidden jury's marks stay off the page until
marking closes, and private participants are left out (services/contest_outputs.py decides both)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from wikitally.reports import messages
from wikitally.reports.contest_html import sections
from wikitally.reports.html import esc
from wikitally.reports.i18n import Translator
from wikitally.services import contest_outputs
from wikitally.store import enrolments
from wikitally.web.campaigns import figures


def contest_html(found: figures.Figures, t: Translator) -> SafeString:
    """The section's HTML ("" for a campaign without a contest). Every string in it is escaped by
    contest_html, so it is marked safe here."""
    shown = contest_outputs.shown_results(
        found.campaign, figures.store(), enrolments.private_usernames(found.definition)
    )
    if shown is None:
        return mark_safe("")
    note = (
        f'<p class="note">{esc(t.gettext(messages.CONTEST_JURY_HIDDEN))}</p>\n' if shown.jury_hidden else ""
    )
    return mark_safe(
        '<section id="contest" aria-labelledby="h-contest">'
        f'<h2 id="h-contest">{esc(t.gettext(messages.CONTEST_SECTION))}</h2>\n'
        f"{note}{sections(shown.results, t, level=3)}</section>"
    )
