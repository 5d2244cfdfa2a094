"""Extract wikitally's messages into the .pot and bring every language's .po catalogue up to date.

Every string marked N_ in src/wikitally is extracted (the method map below covers all its .py files): the
reports' messages (reports/messages.py), the web's (web/messages.py), the campaign file's errors
(campaign_file.py, errors.py). Run after changing one of them:

    .venv/bin/python scripts/update_catalogues.py           # rewrite what is stale
    .venv/bin/python scripts/update_catalogues.py --check   # write nothing; exit 1 if something is stale

How plurals are extracted. messages.py writes a plural as a tuple of two marked strings,
``N_EDITS = (N_("{count} edit"), N_("{count} edits"))``. Babel's own Python extractor would report those as
two unrelated singular messages, so this script plugs its own extraction method, `extract_with_plurals`, into
Babel's extraction API (`babel.messages.extract.extract_from_dir`). It reads each file with `ast` (the strings)
and `tokenize` (the comments); a tuple of exactly two N_ strings is reported as one N_ call with two arguments,
which the keyword spec ``{"N_": {1: (1,), 2: (1, 2)}}`` turns into a msgid + msgid_plural entry. Every other
N_ call is a singular message. The comment block right above a message that starts with ``# Translators:``
becomes its extracted comment (``#.``), as with ``pybabel extract -c Translators:``.

Each .po is updated with Babel's `Catalog.update` (translations, and translators' own ``#`` comments, are kept;
a changed English string comes back as a fuzzy guess for review) and gets the Plural-Forms header Babel gives
for its locale. The Serbian Latin catalogue (sr-latn) is never edited by hand: it is the transliteration of
the Cyrillic one (sr), regenerated on every run. Files whose content changed only in their dates are not
rewritten.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "wikitally"
sys.path.insert(0, str(SRC))

from wikitally.reports import i18n  # noqa: E402

POT_PATH = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
COMMENT_TAG = "Translators:"
# N_ with one string is a message; a tuple of two N_ strings is reported as N_ with two (singular, plural).
KEYWORDS: dict[str, Any] = {"N_": {1: (1,), 2: (1, 2)}}
PROJECT = "wikitally"
SERBIAN_CYRILLIC, SERBIAN_LATIN = "sr", "sr-latn"
_DATE_HEADERS = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')


def languages() -> list[str]:
    """Every language with a catalogue: i18n.LANGUAGES without the source language."""
    return [code for code in i18n.LANGUAGES if code != "en"]


# -- extraction


def _comment_lines(source: bytes) -> dict[int, str]:
    """Line number → text of every line that holds nothing but a comment."""
    comments: dict[int, str] = {}
    code_lines: set[int] = set()
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
    for token in tokenize.tokenize(io.BytesIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string.lstrip("#").strip()
        elif token.type not in skip and token.type != tokenize.ENCODING:
            code_lines.update(range(token.start[0], token.end[0] + 1))
    return {line: text for line, text in comments.items() if line not in code_lines}


def _translator_comments(comments: Mapping[int, str], lineno: int, tags: Collection[str]) -> list[str]:
    """The comment block directly above lineno, from its last line starting with a comment tag on."""
    block: list[str] = []
    line = lineno - 1
    while line in comments:
        block.insert(0, comments[line])
        line -= 1
    starts = [i for i, text in enumerate(block) if any(text.startswith(tag) for tag in tags)]
    return block[starts[-1] :] if starts else []


def _marked_string(node: ast.AST, keywords: Collection[str]) -> tuple[str, str] | None:
    """(keyword, string) for a call like N_("text"), else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in keywords
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.func.id, node.args[0].value
    return None


def extract_with_plurals(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str, tuple[str, ...], list[str]]]:
    """A Babel extraction method for Python: N_("a") is a message, (N_("a"), N_("as")) a plural one."""
    source = fileobj.read()
    tree = ast.parse(source)
    comments = _comment_lines(source)
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    in_pairs: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            marked = [_marked_string(element, keywords) for element in node.elts]
            if marked[0] and marked[1] and marked[0][0] == marked[1][0]:
                found.append((node.lineno, node.col_offset, marked[0][0], (marked[0][1], marked[1][1])))
                in_pairs.update(id(element) for element in node.elts)
    for node in ast.walk(tree):
        marked_one = _marked_string(node, keywords)
        if marked_one and id(node) not in in_pairs:
            assert isinstance(node, ast.Call)
            found.append((node.lineno, node.col_offset, marked_one[0], (marked_one[1],)))
    for lineno, _col, keyword, strings in sorted(found):
        yield lineno, keyword, strings, _translator_comments(comments, lineno, comment_tags)


def extract_template() -> Catalog:
    """The template catalogue (.pot) of every message marked in src/wikitally, in source order."""
    template = Catalog(
        project=PROJECT,
        version=_version(),
        copyright_holder="wikitally contributors",
        charset="utf-8",
        fuzzy=False,
        header_comment=(
            "# Messages of wikitally's reports, certificates and newsletters (template).\n"
            "# Generated by scripts/update_catalogues.py from src/wikitally; do not edit by hand."
        ),
    )
    results = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", extract_with_plurals)],  # type: ignore[list-item]  # Babel accepts a callable
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
    )
    for filename, lineno, message, comments, context in results:
        location = (PACKAGE.relative_to(ROOT) / filename).as_posix()
        template.add(message, locations=[(location, lineno)], auto_comments=comments, context=context)
    return template


def _version() -> str:
    from wikitally import __version__  # the one place the version is written

    return __version__


# -- catalogues


def set_plural_forms(catalog: Catalog, babel_locale: str) -> None:
    """Gives the catalogue the Plural-Forms header Babel (CLDR) has for its locale."""
    plural = get_plural(babel_locale)
    catalog.mime_headers = [("Plural-Forms", plural.plural_forms)]


def read_catalogue(path: Path, babel_locale: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=babel_locale, domain=i18n.DOMAIN)


def updated_catalogue(template: Catalog, language: str) -> Catalog:
    """The language's catalogue with every message of the template, keeping the translations it has."""
    babel_locale = i18n.LANGUAGES[language]
    catalog = read_catalogue(i18n.po_path(language), babel_locale)
    if catalog is None:
        catalog = Catalog(locale=babel_locale, domain=i18n.DOMAIN, project=PROJECT, charset="utf-8")
    catalog.header_comment = (
        f"# {language} translations of wikitally's reports, certificates and newsletters.\n"
        "# Updated by scripts/update_catalogues.py; translate the empty msgstr entries and review fuzzy ones."
    )
    catalog.project, catalog.version = template.project, template.version
    catalog.fuzzy = False
    set_plural_forms(catalog, babel_locale)
    catalog.update(template, update_header_comment=False)
    return catalog


# -- Serbian: Cyrillic → Latin (Gaj's Latin alphabet, as sr.wikipedia.org's own converter writes it)

# fmt: off
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}
# fmt: on


def transliterate_serbian(text: str) -> str:
    """Serbian Cyrillic → Latin. Љ, Њ, Џ become Lj, Nj, Dž, or LJ, NJ, DŽ inside an all-capitals word."""
    out: list[str] = []
    for i, char in enumerate(text):
        latin = _CYRILLIC_TO_LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.islower():
            out.append(latin)
        else:
            before = text[i - 1] if i > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            all_caps = after.isupper() or (before.isupper() and not after.islower())
            out.append(latin.upper() if all_caps else latin.capitalize())
    return "".join(out)


def transliterated(message_string: str | Sequence[str] | None) -> str | tuple[str, ...]:
    """A message's translation (one string, or its plural forms) transliterated."""
    if isinstance(message_string, str) or message_string is None:
        return transliterate_serbian(message_string or "")
    return tuple(transliterate_serbian(form) for form in message_string)


def serbian_latin(cyrillic: Catalog) -> Catalog:
    """The sr-latn catalogue: every entry of the sr one, its translations transliterated."""
    babel_locale = i18n.LANGUAGES[SERBIAN_LATIN]
    latin = Catalog(
        locale=babel_locale,
        domain=i18n.DOMAIN,
        project=cyrillic.project,
        version=cyrillic.version,
        charset="utf-8",
        fuzzy=False,
        creation_date=cyrillic.creation_date,
        revision_date=cyrillic.revision_date,
        last_translator=cyrillic.last_translator,
        header_comment=(
            "# sr-latn (Serbian, Latin script) translations of wikitally's reports, certificates and newsletters.\n"
            "# Generated by scripts/update_catalogues.py from sr/LC_MESSAGES/wikitally.po; do not edit by hand."
        ),
    )
    set_plural_forms(latin, babel_locale)
    for message in cyrillic:
        if message.id:
            latin[message.id] = _latin_message(message)
    for key, message in cyrillic.obsolete.items():
        latin.obsolete[key] = _latin_message(message)
    return latin


def _latin_message(message: Message) -> Message:
    latin = message.clone()
    latin.string = transliterated(message.string)
    return latin


# -- writing


def rendered(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=110)
    return buffer.getvalue()


def _without_dates(content: bytes) -> bytes:
    return b"\n".join(line for line in content.splitlines() if not line.startswith(_DATE_HEADERS))


def stale(path: Path, content: bytes) -> bool:
    """Whether the file differs from content other than in its creation/revision dates."""
    return not path.exists() or _without_dates(path.read_bytes()) != _without_dates(content)


def all_catalogues() -> dict[Path, Catalog]:
    """The .pot and every .po as they should be, in memory."""
    template = extract_template()
    catalogues: dict[Path, Catalog] = {POT_PATH: template}
    for language in languages():
        if language == SERBIAN_LATIN:
            continue
        catalogues[i18n.po_path(language)] = updated_catalogue(template, language)
    catalogues[i18n.po_path(SERBIAN_LATIN)] = serbian_latin(catalogues[i18n.po_path(SERBIAN_CYRILLIC)])
    return catalogues


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a catalogue is stale")
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    changed: list[Path] = []
    for path, catalog in all_catalogues().items():
        if path != POT_PATH:
            catalog.revision_date = now
        content = rendered(catalog)
        if not stale(path, content):
            continue
        changed.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    for path in changed:
        print(f"{'stale' if args.check else 'updated'}: {path.relative_to(ROOT)}")
    if not args.check:
        for language in languages():
            todo = to_translate(language)
            if todo:
                print(f"{language}: {len(todo)} message(s) to translate or review")
    return 1 if args.check and changed else 0


def to_translate(language: str) -> list[Message]:
    """The language's messages that are untranslated (or a plural form is) or fuzzy, as on disk."""
    catalog = read_catalogue(i18n.po_path(language), i18n.LANGUAGES[language]) or Catalog()
    return [m for m in catalog if m.id and (m.fuzzy or not _complete(m.string))]


def _complete(string: str | Sequence[str] | None) -> bool:
    return bool(string) if isinstance(string, str) or string is None else all(string)


if __name__ == "__main__":
    sys.exit(main())
