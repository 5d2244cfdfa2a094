"""The headline: one sentence saying what a campaign's editors did, as a newsletter writes it.

"3 editors created or improved 5 articles on Wikipedia and 1 page on Wikisource, added 3.5K words and 28
references, uploaded 3 files to Wikimedia Commons, and made 1.9K edits on Wikidata."

Each number-bearing phrase is one plural message chosen by its own number; each verb phrase is a plural
message chosen by the number of editors (its verb agrees with them); lists are joined by the language's own
pattern (CLDR, via Babel's format_list) and the sentence is placed by a translatable pattern, so no language
inherits English word order. Pages are counted on the wiki's own project (projects.py): articles on
Wikipedia, Wikivoyage and Wikinews, pages elsewhere; uploads where they were made; Wikidata as edits.
Plain text: the renderers escape it (wikitext, HTML); `mark` lets them emphasise the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel.lists import format_list

from wikitally.reports import messages
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import Translator
from wikitally.reports.projects import ARTICLE_FAMILIES, Family, Project, project

_ON = {
    Family.WIKIPEDIA: messages.ON_WIKIPEDIA,
    Family.WIKISOURCE: messages.ON_WIKISOURCE,
    Family.WIKIVOYAGE: messages.ON_WIKIVOYAGE,
    Family.WIKTIONARY: messages.ON_WIKTIONARY,
    Family.WIKIBOOKS: messages.ON_WIKIBOOKS,
    Family.WIKINEWS: messages.ON_WIKINEWS,
    Family.WIKIQUOTE: messages.ON_WIKIQUOTE,
    Family.WIKIVERSITY: messages.ON_WIKIVERSITY,
    Family.COMMONS: messages.ON_COMMONS,
    Family.WIKIDATA: messages.ON_WIKIDATA,
    Family.META: messages.ON_META,
    Family.OTHER: messages.ON_SITE,
}
_TO = {
    Family.WIKIPEDIA: messages.TO_WIKIPEDIA,
    Family.WIKISOURCE: messages.TO_WIKISOURCE,
    Family.WIKIVOYAGE: messages.TO_WIKIVOYAGE,
    Family.WIKTIONARY: messages.TO_WIKTIONARY,
    Family.WIKIBOOKS: messages.TO_WIKIBOOKS,
    Family.WIKINEWS: messages.TO_WIKINEWS,
    Family.WIKIQUOTE: messages.TO_WIKIQUOTE,
    Family.WIKIVERSITY: messages.TO_WIKIVERSITY,
    Family.COMMONS: messages.TO_COMMONS,
    Family.WIKIDATA: messages.TO_WIKIDATA,
    Family.META: messages.TO_META,
    Family.OTHER: messages.TO_SITE,
}
# Their work shows as uploads and as Wikidata edits, not as pages created or improved.
_NOT_PAGES = frozenset({Family.COMMONS, Family.WIKIDATA})


def _agreeing(n: int, shown: str, t: Translator) -> int:
    """The number a phrase agrees with. A compact number ("1,9 тыс.", "3.5K") agrees with its unit, a
    thousand or a million, not with its digits: "1,9 тыс. правок", never "правки" (as 1874 alone)."""
    if n < 1000 or shown == t.number(n):
        return n
    return 10 ** (3 * ((len(str(abs(int(n)))) - 1) // 3))


def _totals_by_project(data: ReportData) -> dict[Project, dict[str, int]]:
    """Articles and uploads per project, from the per-wiki numbers (or, without them, all on the campaign's
    first wiki that is neither Commons nor Wikidata, uploads on Commons when the campaign has it)."""
    by_wiki: dict[str, dict[str, int]] = data.outcome.get("by_wiki") or {}
    found: dict[Project, dict[str, int]] = {}
    if not by_wiki:
        totals = data.outcome["totals"]
        wikis = [project(w) for w in data.outcome["campaign"].get("wikis", ())]
        pages = next((p for p in wikis if p.family not in _NOT_PAGES), Project(Family.WIKIPEDIA))
        files = Project(Family.COMMONS) if Project(Family.COMMONS) in wikis else pages
        found[pages] = {"articles_edited": totals["articles_edited"], "uploads": 0}
        found.setdefault(files, {"articles_edited": 0, "uploads": 0})["uploads"] += totals["uploads"]
        return found
    for wiki, m in by_wiki.items():
        sums = found.setdefault(project(wiki), {"articles_edited": 0, "uploads": 0})
        sums["articles_edited"] += m["articles_edited"]
        sums["uploads"] += m["uploads"]
    return found


def _order(p: Project) -> tuple[int, str]:
    return list(Family).index(p.family), p.site


def sentence(data: ReportData, t: Translator, mark: Callable[[str], str] = str) -> str:
    """The headline sentence in t's language (plain text); `mark` wraps each formatted number."""
    totals = data.outcome["totals"]
    editors = int(totals["participants"])

    def count(forms: tuple[str, str], n: int, **values: str) -> str:
        shown = t.compact(n)
        return t.ngettext(forms, _agreeing(n, shown, t)).format(count=mark(shown), **values)

    def where(table: dict[Family, str], p: Project) -> str:
        return t.gettext(table[p.family]).format(site=p.site)

    def listed(items: list[str]) -> str:
        return format_list(items, locale=t.locale)

    def act(forms: tuple[str, str], things: list[str]) -> str:
        return t.ngettext(forms, _agreeing(editors, t.compact(editors), t)).format(things=listed(things))

    by_project = sorted(_totals_by_project(data).items(), key=lambda item: _order(item[0]))
    actions = []
    pages = [
        count(
            messages.HEADLINE_ARTICLES if p.family in ARTICLE_FAMILIES else messages.HEADLINE_PAGES,
            m["articles_edited"],
            where=where(_ON, p),
        )
        for p, m in by_project
        if p.family not in _NOT_PAGES and m["articles_edited"] > 0
    ]
    if pages:
        actions.append(act(messages.HEADLINE_CREATED, pages))
    added = [
        count(forms, totals[metric])
        for forms, metric in ((messages.N_WORDS, "words_added"), (messages.N_REFERENCES, "references_added"))
        if totals[metric] > 0
    ]
    if added:
        actions.append(act(messages.HEADLINE_ADDED, added))
    files = [
        count(messages.HEADLINE_FILES, m["uploads"], where=where(_TO, p))
        for p, m in by_project
        if m["uploads"] > 0
    ]
    if files:
        actions.append(act(messages.HEADLINE_UPLOADED, files))
    wikibase = "wikidata_edits" in totals  # said in its own line, after the sentence
    if data.wikidata_revisions is not None and not wikibase:
        wikidata = count(
            messages.HEADLINE_EDITS, data.wikidata_revisions, where=where(_ON, Project(Family.WIKIDATA))
        )
        actions.append(act(messages.HEADLINE_MADE, [wikidata]))
    if not actions:
        actions.append(act(messages.HEADLINE_TOOK_PART, []))
    values: dict[str, Any] = {
        "editors": count(messages.HEADLINE_EDITORS, editors),
        "actions": listed(actions),
    }
    said = t.ngettext(messages.HEADLINE, _agreeing(editors, t.compact(editors), t)).format(**values)
    if wikibase:
        line = t.gettext(messages.WIKIDATA_SUMMARY).format(
            revisions=count(messages.N_REVISIONS, int(totals["wikidata_edits"])),
            statements=count(messages.N_STATEMENTS, int(totals["wikidata_statements_added"])),
        )
        return f"{said} {line}"
    return said
