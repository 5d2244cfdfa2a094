"""A contest's results as one standalone HTML page (the campaign report's styles, no script at all): winners
per category, the ranking, every entry with its reasons — in the campaign's language. Every wiki string is
escaped and isolated (<bdi>); the page's Content-Security-Policy allows no script.

`sections` gives the page's body without the document around it, for the web's campaign page."""

from __future__ import annotations

from urllib.parse import quote

from wikitally.judging.categories import categories, places
from wikitally.judging.results import Judged, Results, Standing
from wikitally.reports import messages
from wikitally.reports.contest import amount, category_label, place, reasons
from wikitally.reports.html import REPORT_CSS, esc, html_link, isolated
from wikitally.reports.i18n import Translator

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
CONTEST_CSS = """
.t-contest td.num,.t-contest th.num{text-align:end;font-variant-numeric:tabular-nums}
.t-contest td.wrap{white-space:normal;min-width:10rem;overflow-wrap:anywhere}
.t-contest tr.ineligible td{color:var(--muted)}
.t-winners td{white-space:normal;overflow-wrap:anywhere}
"""


def page_url(wiki: str, title: str) -> str:
    return f"https://{wiki}/wiki/{quote(title.replace(' ', '_'), safe='/:()!,;@$*~')}"


def render_html(results: Results, name: str, t: Translator) -> str:
    """The whole page."""
    lang = str(t.locale).replace("_", "-")
    heading = isolated(t.gettext(messages.CONTEST_HEADING), name=name)
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{esc(lang)}" dir="{esc(t.locale.text_direction)}">\n<head>\n',
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n',
            f"<title>{esc(t.gettext(messages.CONTEST_HEADING).format(name=name))}</title>\n",
            f"<style>\n{REPORT_CSS}{CONTEST_CSS}</style>\n</head>\n<body>\n<main>\n",
            f'<header>\n<h1 id="top">{heading}</h1>\n{summary(results, t)}\n</header>\n',
            sections(results, t),
            "\n</main>\n</body>\n</html>\n",
        ]
    )


def summary(results: Results, t: Translator) -> str:
    """ "12 entries · 5 participants" """
    people = len(results.ranking)
    text = t.gettext(messages.LIST_SEPARATOR).join(
        (
            t.count(messages.CONTEST_ENTRY_COUNT, len(results.entries)),
            t.count(messages.N_PARTICIPANTS, people),
        )
    )
    return f'<p class="muted">{esc(text)}</p>'


def sections(results: Results, t: Translator, level: int = 2) -> str:
    """Winners, ranking and entries as <section>s headed <h{level}> (a note when there is no entry yet)."""
    if not results.entries:
        return f'<p class="note">{esc(t.gettext(messages.CONTEST_NO_ENTRIES))}</p>'
    return "\n".join((winners(results, t, level), ranking(results, t, level), entries(results, t, level)))


def _section(key: str, heading: str, level: int) -> str:
    return f'<section id="contest-{key}"><h{level}>{esc(heading)}</h{level}>\n'


def _table(extra: str = "") -> str:
    return f'<div class="scroll" tabindex="0"><table class="t-contest{extra}">'


def _th(t: Translator, message: str, num: bool = False) -> str:
    return f'<th scope="col"{" class=num" if num else ""}>{esc(t.gettext(message))}</th>'


def _people(standings: list[Standing]) -> str:
    if not standings:
        return "–"
    names = ", ".join(f"<bdi>{esc(s.participant)}</bdi>" for s in standings)
    return f"{names} <small>({esc(amount(standings[0].score))})</small>"


def winners(results: Results, t: Translator, level: int = 2) -> str:
    head = "".join(f'<th scope="col">{esc(place(t, r))}</th>' for r in (1, 2, 3))
    rows = []
    for key, standings in categories(results).items():
        top = places(standings)
        if not top[0]:
            continue
        cells = "".join(f"<td>{_people(p)}" for p in top)
        rows.append(f'<tr><th scope="row">{esc(category_label(t, key))}</th>{cells}')
    return (
        _section("winners", t.gettext(messages.CONTEST_WINNERS), level)
        + _table(" t-winners")
        + f"<thead><tr>{_th(t, messages.CONTEST_CATEGORY)}{head}</thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></div></section>"
    )


def ranking(results: Results, t: Translator, level: int = 2) -> str:
    rows = [
        f'<tr><td class="num">{s.rank}<td><bdi>{esc(s.participant)}</bdi>'
        f'<td class="num">{esc(amount(s.score))}<td class="num">{s.entries}'
        for s in results.ranking
    ]
    return (
        _section("ranking", t.gettext(messages.CONTEST_RANKING), level)
        + _table()
        + f"<thead><tr>{_th(t, messages.PHOTO_RANK, True)}{_th(t, messages.COL_USER)}"
        f"{_th(t, messages.PHOTO_SCORE, True)}{_th(t, messages.CONTEST_ENTRIES, True)}</thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></div></section>"
    )


def _entry_row(j: Judged, t: Translator) -> str:
    e = j.entry
    title = esc(e.title) if e.deleted else html_link(page_url(e.wiki, e.title), e.title)
    eligible = t.gettext(messages.CONTEST_YES if j.eligible else messages.CONTEST_NO)
    css = "" if j.eligible else ' class="ineligible"'
    return (
        f'<tr{css}><td class="wrap"><bdi>{title}</bdi> <small>{esc(e.wiki)}</small>'
        f"<td><bdi>{esc(e.participant)}</bdi><td>{esc(eligible)}<td class=wrap>{esc(reasons(j, t))}"
        f'<td class="num">{esc(amount(j.points))}<td class="num">{esc(amount(j.jury) or "–")}'
        f'<td class="num">{j.marks}<td class="num">{esc(amount(j.score))}'
    )


def entries(results: Results, t: Translator, level: int = 2) -> str:
    head = (
        _th(t, messages.COL_TITLE)
        + _th(t, messages.COL_USER)
        + _th(t, messages.CONTEST_ELIGIBLE)
        + _th(t, messages.CONTEST_REASONS)
        + _th(t, messages.CONTEST_POINTS, True)
        + _th(t, messages.CONTEST_JURY, True)
        + _th(t, messages.CONTEST_MARKS, True)
        + _th(t, messages.PHOTO_SCORE, True)
    )
    return (
        _section("entries", t.gettext(messages.CONTEST_ENTRIES), level)
        + _table()
        + f"<thead><tr>{head}</thead>\n<tbody>\n"
        + "\n".join(_entry_row(j, t) for j in results.entries)
        + "\n</tbody></table></div></section>"
    )
