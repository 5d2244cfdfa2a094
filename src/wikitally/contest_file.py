"""The campaign file's `[contest]` table → judging.spec.Contest, one clear line per mistake naming the key
(contest.points, contest.rule[2].value, contest.jury.part[1].max …), exit code 2 like the rest of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from wikitally.errors import CampaignFileError, shown, shown_key
from wikitally.judging.expression import VARIABLES, ExpressionError, parse
from wikitally.judging.spec import (
    ENTRIES,
    JURY_MODES,
    MODES,
    PART_KINDS,
    RULE_KINDS,
    SCORES,
    Contest,
    Jury,
    Part,
    Round,
    Rule,
)
from wikitally.reports.messages import N_
from wikitally.usernames import Problem, normalize_username, username_issue

WORKLIST_KEYS = ("worklist", "worklist_categories", "worklist_files")
CONTEST_KEYS = ("entries", "score", "points", "rule", "jury", "round")
ROUND_KEYS = ("name", "advance", "parts", "quorum")
MAX_ROUNDS = 20
RULE_KEYS = ("kind", "value", "mode")
JURY_KEYS = ("jurors", "min_marks", "hidden", "mode", "part")
PART_KEYS = ("name", "kind", "min", "max", "value", "options")
MAX_RULES = 100
MAX_PARTS = 50

# -- messages -------------------------------------------------------------------------------------------
# The problems and fixes of a [contest] table, as English templates for the catalogue (as campaign_file.py's):
# CampaignFileError fills their placeholders, so the CLI and the web form say them in the user's language.
# Keys, examples and quoted values are placeholders, never part of the text to translate.

# Translators: campaign file error: the value must be a table; (the same as in the campaign file's errors)
MUST_BE_TABLE = N_("must be a table")
# Translators: fix; {example} is code to write in the file, keep it as it is
WRITE = N_("write {example}")
# Translators: fix; {example} is code to add to the file, keep it as it is
ADD = N_("add {example}")
# Translators: campaign file error: the table has a key wikitally does not know
UNKNOWN_KEY = N_("unknown key")
# Translators: fix for an unknown key; {keys} is the comma-separated list of known keys (code)
KNOWN_KEYS = N_("known keys: {keys}")
# Translators: campaign file error: the key is not there
IS_MISSING = N_("is missing")
# Translators: fix for an unknown word; {choices} is the comma-separated list of the known words (code)
USE_ONE_OF = N_("use one of {choices}")
# Translators: campaign file error: the value must be a string (text in quotes)
MUST_BE_STRING = N_("must be a string")
# Translators: campaign file error: the value must be true or false (TOML words, not text in quotes)
TRUE_OR_FALSE = N_("must be true or false")
# Translators: campaign file error: the value must be one of the words {choices} (code, keep as they are)
MUST_BE_ONE_OF = N_("must be one of {choices}")
# Translators: campaign file error; {value} is a name listed twice, in quotes
LISTED_TWICE = N_("{value} is listed twice")
# Translators: fix for a name listed twice
REMOVE_DUPLICATE = N_("remove the duplicate")
# Translators: fix for a wrong username
FIX_OR_REMOVE_NAME = N_("fix or remove that name")
# Translators: fix for a minimum above a maximum
SWAP = N_("swap or fix them")
# Translators: fix; {example} is a TOML date to write without quotes (code)
WRITE_WITHOUT_QUOTES = N_("write {example} (no quotes)")

# Translators: contest error: the key must be a list of tables like {header} (code), at most {limit} of them
TABLES_AT_MOST = N_("must be {header} tables (at most {limit})")
# Translators: contest error: [contest.jury.part] must hold 1 to {limit} tables like {header} (code)
TABLES_FROM_ONE = N_("must be 1 to {limit} {header} tables")
# Translators: contest error: [[contest.round]] is given, but the contest has no jury to mark the rounds
ROUNDS_WITHOUT_JURY = N_("rounds are marked by the jury, and there is none")
# Translators: contest error: a round's name (or a jury part's) must be a non-empty name
NON_EMPTY_NAME = N_("must be a non-empty name")
# Translators: contest error: a jury part's name must be a non-empty name without commas (the marks file is CSV)
NAME_WITHOUT_COMMAS = N_("must be a non-empty name (no commas)")
# Translators: contest error at a round's advance: how many ranks of the round go on to the next one
ADVANCE = N_("must be a whole number ≥ 1 (how many ranks go on)")
# Translators: contest error at a round's parts: a list of the names of the jury's parts
PART_NAMES = N_("must be a list of the jury's part names")
# Translators: contest error; {value} is a name, in quotes, that no [[contest.jury.part]] has
NOT_A_PART = N_("{value} is not a part of [contest.jury]")
# Translators: fix for an unknown part; {names} is the comma-separated list of the jury's part names
USE_SOME_OF = N_("use some of {names}")
# Translators: contest error at quorum or min_marks; {count} is the number of jurors
UP_TO_JURORS = N_("must be a whole number from 1 to the number of jurors ({count})")
# Translators: contest error; {value} is the file's value, in quotes; {choices} the known words (code)
NOT_ONE_OF = N_("{value} is not one of {choices}")
# Translators: contest error: points is missing although score = {score} (code) adds points
POINTS_MISSING = N_('is missing (score = "{score}" adds points)')
# Translators: contest error: the jury is missing although score = {score} (code) needs one
JURY_MISSING = N_('is missing (score = "{score}" needs a jury)')
# Translators: contest error in the points expression; {column} is a number, {message} the parser's (English)
AT_COLUMN = N_("column {column}: {message}")
# Translators: fix for a bad points expression; {names} is the comma-separated list of the numbers' names (code)
EXPRESSION_GRAMMAR = N_("use numbers, + - * / ( ), min(), max() and {names}")
# Translators: contest error; {value} is the file's rule kind, in quotes
NOT_A_RULE_KIND = N_("{value} is not a rule kind")
# Translators: contest error; {value} is the file's rule mode, in quotes
NOT_A_MODE = N_("{value} is not a mode")
# Translators: contest error: an on_worklist rule (code) in a campaign without worklists
NO_WORKLIST = N_("on_worklist needs a worklist, and the campaign defines none")
# Translators: fix for an on_worklist rule without worklists; {keys} are the worklist keys (code)
ADD_WORKLIST = N_("add one of {keys} to the campaign, or remove the rule")
# Translators: contest error: the rule kind {kind} (code) has no value
TAKES_NO_VALUE = N_("{kind} takes no value")
# Translators: fix: remove the key {key} (code)
REMOVE_KEY = N_("remove {key}")
# Translators: contest error: the rule kind {kind} (code) takes a whole number not below zero
TAKES_WHOLE_NUMBER = N_("{kind} takes a whole number ≥ 0")
# Translators: contest error: the rule kind {kind} (code) takes a TOML date (written without quotes)
TAKES_DATE = N_("{kind} takes a TOML date")
# Translators: contest error: the rule kind {kind} (code) takes a list of namespace numbers
TAKES_NAMESPACES = N_("{kind} takes a list of namespace numbers ≥ 0")
# Translators: contest error: the rule kind {kind} (code) takes a category name
TAKES_CATEGORY = N_("{kind} takes a category name")
# Translators: contest error; {value} is a category name written with its namespace, in quotes
HAS_NAMESPACE = N_("{value} has a namespace")
# Translators: fix for a category name with its namespace; {example} is a name without it, in quotes
WITHOUT_NAMESPACE = N_("write the name without it, e.g. {example}")
# Translators: contest error at jurors: the list of jurors' usernames is not there or empty
USERNAME_LIST = N_("must be a non-empty list of usernames")
# Translators: contest error; {value} is a jury part's name used by two parts, in quotes
USED_TWICE = N_("{value} is used twice")
# Translators: fix for a name used twice
RENAME_ONE = N_("rename one")
# Translators: contest error; {value} is the file's part kind, in quotes
NOT_A_PART_KIND = N_("{value} is not a part kind")
# Translators: contest error: a jury part of kind {kind} (code: integer, checkbox, choice) has no key {key}
PART_HAS_NO = N_("a {kind} part has no {key}")
# Translators: fix: remove the key
REMOVE_IT = N_("remove it")
# Translators: contest error: the value must be a whole number
WHOLE_NUMBER = N_("must be a whole number")
# Translators: contest error: the part's max {high} is below its min {low} (numbers)
BELOW_MIN = N_("{high} is below min {low}")
# Translators: contest error at a choice part's options: a table of label = points (code)
OPTIONS_TABLE = N_("must be a table of label = points")
# Translators: contest error: the value must be a number (like 1 or 0.5)
MUST_BE_NUMBER = N_("must be a number")
# Translators: fix for a number; {example} and {other} are numbers
WRITE_NUMBER = N_("write e.g. {example} or {other}")


# A username problem → (template, params): campaign_file's username templates, passed in by campaign_file
# (which imports this module), so jurors' names read like participants' without an import cycle.
UsernameTemplate = Callable[[Problem], tuple[str, dict[str, object]]]


def parse_contest(data: dict[str, Any], source: str, username_template: UsernameTemplate) -> Contest:
    """The [contest] table of a campaign file's data; CampaignFileError naming the key otherwise."""
    return _ContestParser(data, source, username_template).contest()


class _ContestParser:
    def __init__(self, data: dict[str, Any], source: str, username_template: UsernameTemplate) -> None:
        self.data, self.source = data, source
        self.username_template = username_template

    def fail(self, field: str, problem: str, fix: str = "", **params: object) -> CampaignFileError:
        """The error at `field`: problem and fix are the templates above, params their values."""
        return CampaignFileError(self.source, field, problem, fix, params)

    def table(self, value: object, field: str, known: tuple[str, ...], example: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, MUST_BE_TABLE, WRITE, example=example)
        for key in value:
            if key not in known:
                raise self.fail(f"{field}.{shown_key(key)}", UNKNOWN_KEY, KNOWN_KEYS, keys=", ".join(known))
        return value

    def contest(self) -> Contest:
        table = self.table(self.data["contest"], "contest", CONTEST_KEYS, '[contest] entries = "auto"')
        entries = self.choice(table, "entries", ENTRIES, "auto")
        score = self.choice(table, "score", SCORES, "points")
        points = self.points(table, score)
        jury = self.jury(table.get("jury"), score)
        worklists = tuple(k for k in WORKLIST_KEYS if k in self.data)
        rules = self.rules(table.get("rule", []), worklists)
        rounds = self.rounds(table.get("round", []), jury)
        return Contest(entries, score, points, rules, jury, worklists, rounds)

    def rounds(self, value: object, jury: Jury | None) -> tuple[Round, ...]:
        """[[contest.round]]: name, advance (the top N ranks go on), parts (the jury's parts marked in it),
        quorum (jurors per entry in its queues)."""
        if not isinstance(value, list) or len(value) > MAX_ROUNDS:
            raise self.fail("contest.round", TABLES_AT_MOST, "", header="[[contest.round]]", limit=MAX_ROUNDS)
        if value and jury is None:
            raise self.fail(
                "contest.round", ROUNDS_WITHOUT_JURY, ADD, example='[contest.jury] jurors = ["…"]'
            )
        out: list[Round] = []
        for i, item in enumerate(value, 1):
            field = f"contest.round[{i}]"
            table = self.table(item, field, ROUND_KEYS, '[[contest.round]] name = "First selection"')
            name = table.get("name", f"Round {i}")
            if not isinstance(name, str) or not name.strip():
                raise self.fail(f"{field}.name", NON_EMPTY_NAME, WRITE, example='name = "First selection"')
            advance = table.get("advance")
            if isinstance(advance, bool) or not isinstance(advance, int) or advance < 1:
                raise self.fail(f"{field}.advance", ADVANCE, WRITE, example="advance = 8")
            parts = table.get("parts", [])
            known = [p.name for p in jury.parts] if jury else []
            if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
                example = f"parts = [{', '.join(repr(k) for k in known[:1])}]".replace("'", '"')
                raise self.fail(f"{field}.parts", PART_NAMES, WRITE, example=example)
            for part in parts:
                if part not in known:
                    raise self.fail(
                        f"{field}.parts", NOT_A_PART, USE_SOME_OF, value=shown(part), names=", ".join(known)
                    )
            quorum = table.get("quorum", 0)
            jurors = len(jury.jurors) if jury else 0
            if isinstance(quorum, bool) or not isinstance(quorum, int) or not 0 <= quorum <= jurors:
                raise self.fail(f"{field}.quorum", UP_TO_JURORS, WRITE, count=jurors, example="quorum = 2")
            out.append(Round(name.strip(), advance, tuple(dict.fromkeys(parts)), quorum))
        return tuple(out)

    def choice(self, table: dict[str, Any], key: str, choices: tuple[str, ...], default: str) -> str:
        value = table.get(key, default)
        if value not in choices:
            raise self.fail(
                f"contest.{key}",
                NOT_ONE_OF,
                WRITE,
                value=shown(value),
                choices=", ".join(choices),
                example=f'{key} = "{default}"',
            )
        return str(value)

    def points(self, table: dict[str, Any], score: str) -> Any:
        value = table.get("points")
        if value is None:
            if score in ("points", "points+jury"):
                example = 'points = "10*created + 3*improved + words_added/100"'
                raise self.fail("contest.points", POINTS_MISSING, ADD, score=score, example=example)
            return None
        if not isinstance(value, str):
            example = 'points = "10*created + words_added/100"'
            raise self.fail("contest.points", MUST_BE_STRING, WRITE, example=example)
        try:
            return parse(value)
        except ExpressionError as e:
            raise self.fail(
                "contest.points",
                AT_COLUMN,
                EXPRESSION_GRAMMAR,
                column=e.column,
                message=e.message,
                names=", ".join(VARIABLES),
            ) from None

    def rules(self, value: object, worklists: tuple[str, ...]) -> tuple[Rule, ...]:
        if not isinstance(value, list) or len(value) > MAX_RULES:
            raise self.fail("contest.rule", TABLES_AT_MOST, "", header="[[contest.rule]]", limit=MAX_RULES)
        return tuple(self.rule(item, f"contest.rule[{i}]", worklists) for i, item in enumerate(value, 1))

    def rule(self, item: object, field: str, worklists: tuple[str, ...]) -> Rule:
        table = self.table(item, field, RULE_KEYS, '[[contest.rule]] kind = "min_words"')
        kind = table.get("kind")
        if kind not in RULE_KINDS:
            problem, value = (NOT_A_RULE_KIND, shown(kind)) if kind is not None else (IS_MISSING, "")
            raise self.fail(f"{field}.kind", problem, USE_ONE_OF, value=value, choices=", ".join(RULE_KINDS))
        mode = table.get("mode", "required")
        if mode not in MODES:
            raise self.fail(
                f"{field}.mode", NOT_A_MODE, USE_ONE_OF, value=shown(mode), choices=", ".join(MODES)
            )
        if kind == "on_worklist" and not worklists:
            raise self.fail(f"{field}.kind", NO_WORKLIST, ADD_WORKLIST, keys=", ".join(WORKLIST_KEYS))
        return Rule(kind, mode, self.rule_value(kind, table, f"{field}.value"))

    def rule_value(self, kind: str, table: dict[str, Any], field: str) -> Any:
        shape, value = RULE_KINDS[kind], table.get("value")
        if shape is None:
            if value is not None:
                raise self.fail(field, TAKES_NO_VALUE, REMOVE_KEY, kind=kind, key="value")
            return None
        example = f"value = {_EXAMPLES[shape]}"
        if value is None:
            raise self.fail(field, IS_MISSING, ADD, example=example)
        if shape == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail(field, TAKES_WHOLE_NUMBER, WRITE, kind=kind, example=example)
            return value
        if shape == "date":
            if isinstance(value, datetime) or not isinstance(value, date):
                raise self.fail(field, TAKES_DATE, WRITE_WITHOUT_QUOTES, kind=kind, example=example)
            return value
        if shape == "namespaces":
            if isinstance(value, int) and not isinstance(value, bool):
                value = [value]
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
            ):
                raise self.fail(field, TAKES_NAMESPACES, WRITE, kind=kind, example="value = [0, 118]")
            return tuple(sorted(set(value)))
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, TAKES_CATEGORY, WRITE, kind=kind, example=example)
        name = " ".join(value.replace("_", " ").split())
        if name.lower().startswith("category:"):
            raise self.fail(field, HAS_NAMESPACE, WITHOUT_NAMESPACE, value=shown(value), example='"Opochka"')
        return name[:1].upper() + name[1:]

    def jury(self, value: object, score: str) -> Jury | None:
        if value is None:
            if score in ("jury", "points+jury"):
                example = '[contest.jury] jurors = ["…"]'
                raise self.fail("contest.jury", JURY_MISSING, ADD, score=score, example=example)
            return None
        table = self.table(value, "contest.jury", JURY_KEYS, '[contest.jury] jurors = ["…"]')
        jurors = table.get("jurors")
        if (
            not isinstance(jurors, list)
            or not jurors
            or not all(isinstance(j, str) and j.strip() for j in jurors)
        ):
            raise self.fail("contest.jury.jurors", USERNAME_LIST, WRITE, example='jurors = ["Juror A"]')
        names: list[str] = []
        for juror in jurors:
            problem = username_issue(juror)
            if problem:
                template, params = self.username_template(problem)
                raise self.fail(
                    "contest.jury.jurors", template, FIX_OR_REMOVE_NAME, value=shown(juror), **params
                )
            name = normalize_username(juror)
            if name in names:
                raise self.fail("contest.jury.jurors", LISTED_TWICE, REMOVE_DUPLICATE, value=shown(juror))
            names.append(name)
        min_marks = table.get("min_marks", 1)
        if isinstance(min_marks, bool) or not isinstance(min_marks, int) or not 1 <= min_marks <= len(names):
            raise self.fail(
                "contest.jury.min_marks", UP_TO_JURORS, WRITE, count=len(names), example="min_marks = 2"
            )
        hidden = table.get("hidden", False)
        if not isinstance(hidden, bool):
            raise self.fail("contest.jury.hidden", TRUE_OR_FALSE, WRITE, example="hidden = true")
        mode = table.get("mode", "independent")
        if mode not in JURY_MODES:
            raise self.fail(
                "contest.jury.mode",
                MUST_BE_ONE_OF,
                WRITE,
                choices=", ".join(JURY_MODES),
                example='mode = "consensual"',
            )
        parts = table.get("part")
        if not isinstance(parts, list) or not parts or len(parts) > MAX_PARTS:
            raise self.fail(
                "contest.jury.part",
                TABLES_FROM_ONE,
                ADD,
                limit=MAX_PARTS,
                header="[[contest.jury.part]]",
                example='[[contest.jury.part]] name = "quality"',
            )
        out = [self.part(p, f"contest.jury.part[{i}]") for i, p in enumerate(parts, 1)]
        seen: set[str] = set()
        for i, part in enumerate(out, 1):
            if part.name in seen:
                raise self.fail(
                    f"contest.jury.part[{i}].name", USED_TWICE, RENAME_ONE, value=shown(part.name)
                )
            seen.add(part.name)
        return Jury(tuple(names), tuple(out), min_marks, hidden, str(mode))

    def part(self, item: object, field: str) -> Part:
        table = self.table(item, field, PART_KEYS, '[[contest.jury.part]] name = "quality"')
        name = table.get("name")
        if not isinstance(name, str) or not name.strip() or "," in name or "\n" in name:
            raise self.fail(f"{field}.name", NAME_WITHOUT_COMMAS, WRITE, example='name = "quality"')
        kind = table.get("kind")
        if kind not in PART_KINDS:
            raise self.fail(
                f"{field}.kind", NOT_A_PART_KIND, USE_ONE_OF, value=shown(kind), choices=", ".join(PART_KINDS)
            )
        extra = (
            set(table)
            - {"name", "kind"}
            - {"integer": {"min", "max"}, "checkbox": {"value"}, "choice": {"options"}}[kind]
        )
        if extra:
            key = sorted(extra)[0]
            raise self.fail(f"{field}.{key}", PART_HAS_NO, REMOVE_IT, kind=kind, key=key)
        if kind == "integer":
            if "max" not in table:
                raise self.fail(f"{field}.max", IS_MISSING, ADD, example="max = 5")
            low, high = table.get("min", 0), table.get("max", 0)
            for key, number in (("min", low), ("max", high)):
                if isinstance(number, bool) or not isinstance(number, int) or abs(number) > 10**9:
                    raise self.fail(f"{field}.{key}", WHOLE_NUMBER, WRITE, example=f"{key} = 5")
            if high < low:
                raise self.fail(f"{field}.max", BELOW_MIN, SWAP, high=high, low=low)
            return Part(name.strip(), kind, min=low, max=high)
        if kind == "checkbox":
            return Part(name.strip(), kind, value=self.amount(table.get("value"), f"{field}.value"))
        options = table.get("options")
        if not isinstance(options, dict) or not options:
            raise self.fail(
                f"{field}.options", OPTIONS_TABLE, WRITE, example="options = {good = 2, fair = 1}"
            )
        return Part(
            name.strip(),
            kind,
            options=tuple(
                (str(label), self.amount(v, f"{field}.options.{shown_key(label)}"))
                for label, v in options.items()
            ),
        )

    def amount(self, value: object, field: str) -> Decimal:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or value != value
            or abs(value) > 10**9
        ):
            raise self.fail(field, MUST_BE_NUMBER, WRITE_NUMBER, example="1", other="0.5")
        return Decimal(str(value))


_EXAMPLES = {"int": "300", "date": "2026-01-01", "namespaces": "[0]", "category": '"Opochka"'}
