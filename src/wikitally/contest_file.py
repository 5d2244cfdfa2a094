"""The campaign file's `[contest]` table → judging.spec.Contest, one clear line per mistake naming the key
(contest.points, contest.rule[2].value, contest.jury.part[1].max …), exit code 2 like the rest of the file.
"""

from __future__ import annotations

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
from wikitally.usernames import normalize_username, username_issue

WORKLIST_KEYS = ("worklist", "worklist_categories", "worklist_files")
CONTEST_KEYS = ("entries", "score", "points", "rule", "jury", "round")
ROUND_KEYS = ("name", "advance", "parts", "quorum")
MAX_ROUNDS = 20
RULE_KEYS = ("kind", "value", "mode")
JURY_KEYS = ("jurors", "min_marks", "hidden", "mode", "part")
PART_KEYS = ("name", "kind", "min", "max", "value", "options")
MAX_RULES = 100
MAX_PARTS = 50


def parse_contest(data: dict[str, Any], source: str) -> Contest:
    """The [contest] table of a campaign file's data; CampaignFileError naming the key otherwise."""
    return _ContestParser(data, source).contest()


class _ContestParser:
    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data, self.source = data, source

    def fail(self, field: str, problem: str, fix: str = "") -> CampaignFileError:
        return CampaignFileError(self.source, field, problem, fix)

    def table(self, value: object, field: str, known: tuple[str, ...], example: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, "must be a table", f"write {example}")
        for key in value:
            if key not in known:
                raise self.fail(f"{field}.{shown_key(key)}", "unknown key", f"known keys: {', '.join(known)}")
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
            raise self.fail("contest.round", f"must be [[contest.round]] tables (at most {MAX_ROUNDS})")
        if value and jury is None:
            raise self.fail(
                "contest.round",
                "rounds are marked by the jury, and there is none",
                'add [contest.jury] jurors = ["…"]',
            )
        out: list[Round] = []
        for i, item in enumerate(value, 1):
            field = f"contest.round[{i}]"
            table = self.table(item, field, ROUND_KEYS, '[[contest.round]] name = "First selection"')
            name = table.get("name", f"Round {i}")
            if not isinstance(name, str) or not name.strip():
                raise self.fail(f"{field}.name", "must be a non-empty name", 'write name = "First selection"')
            advance = table.get("advance")
            if isinstance(advance, bool) or not isinstance(advance, int) or advance < 1:
                raise self.fail(
                    f"{field}.advance",
                    "must be a whole number ≥ 1 (how many ranks go on)",
                    "write advance = 8",
                )
            parts = table.get("parts", [])
            known = [p.name for p in jury.parts] if jury else []
            if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
                raise self.fail(
                    f"{field}.parts",
                    "must be a list of the jury's part names",
                    f"write parts = [{', '.join(repr(k) for k in known[:1])}]".replace("'", '"'),
                )
            for part in parts:
                if part not in known:
                    raise self.fail(
                        f"{field}.parts",
                        f"{shown(part)} is not a part of [contest.jury]",
                        f"use some of {', '.join(known)}",
                    )
            quorum = table.get("quorum", 0)
            jurors = len(jury.jurors) if jury else 0
            if isinstance(quorum, bool) or not isinstance(quorum, int) or not 0 <= quorum <= jurors:
                raise self.fail(
                    f"{field}.quorum",
                    f"must be a whole number from 1 to the number of jurors ({jurors})",
                    "write quorum = 2",
                )
            out.append(Round(name.strip(), advance, tuple(dict.fromkeys(parts)), quorum))
        return tuple(out)

    def choice(self, table: dict[str, Any], key: str, choices: tuple[str, ...], default: str) -> str:
        value = table.get(key, default)
        if value not in choices:
            raise self.fail(
                f"contest.{key}",
                f"{shown(value)} is not one of {', '.join(choices)}",
                f'write {key} = "{default}"',
            )
        return str(value)

    def points(self, table: dict[str, Any], score: str) -> Any:
        value = table.get("points")
        if value is None:
            if score in ("points", "points+jury"):
                raise self.fail(
                    "contest.points",
                    f'is missing (score = "{score}" adds points)',
                    'add points = "10*created + 3*improved + words_added/100"',
                )
            return None
        if not isinstance(value, str):
            raise self.fail(
                "contest.points", "must be a string", 'write points = "10*created + words_added/100"'
            )
        try:
            return parse(value)
        except ExpressionError as e:
            raise self.fail(
                "contest.points",
                f"column {e.column}: {e.message}",
                f"use numbers, + - * / ( ), min(), max() and {', '.join(VARIABLES)}",
            ) from None

    def rules(self, value: object, worklists: tuple[str, ...]) -> tuple[Rule, ...]:
        if not isinstance(value, list) or len(value) > MAX_RULES:
            raise self.fail("contest.rule", f"must be [[contest.rule]] tables (at most {MAX_RULES})")
        return tuple(self.rule(item, f"contest.rule[{i}]", worklists) for i, item in enumerate(value, 1))

    def rule(self, item: object, field: str, worklists: tuple[str, ...]) -> Rule:
        table = self.table(item, field, RULE_KEYS, '[[contest.rule]] kind = "min_words"')
        kind = table.get("kind")
        if kind not in RULE_KINDS:
            raise self.fail(
                f"{field}.kind",
                f"{shown(kind)} is not a rule kind" if kind is not None else "is missing",
                f"use one of {', '.join(RULE_KINDS)}",
            )
        mode = table.get("mode", "required")
        if mode not in MODES:
            raise self.fail(f"{field}.mode", f"{shown(mode)} is not a mode", f"use one of {', '.join(MODES)}")
        if kind == "on_worklist" and not worklists:
            raise self.fail(
                f"{field}.kind",
                "on_worklist needs a worklist, and the campaign defines none",
                f"add one of {', '.join(WORKLIST_KEYS)} to the campaign, or remove the rule",
            )
        return Rule(kind, mode, self.rule_value(kind, table, f"{field}.value"))

    def rule_value(self, kind: str, table: dict[str, Any], field: str) -> Any:
        shape, value = RULE_KINDS[kind], table.get("value")
        if shape is None:
            if value is not None:
                raise self.fail(field, f"{kind} takes no value", "remove value")
            return None
        if value is None:
            raise self.fail(field, "is missing", f"add value = {_EXAMPLES[shape]}")
        if shape == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail(
                    field, f"{kind} takes a whole number ≥ 0", f"write value = {_EXAMPLES[shape]}"
                )
            return value
        if shape == "date":
            if isinstance(value, datetime) or not isinstance(value, date):
                raise self.fail(
                    field, f"{kind} takes a TOML date", f"write value = {_EXAMPLES[shape]} (no quotes)"
                )
            return value
        if shape == "namespaces":
            if isinstance(value, int) and not isinstance(value, bool):
                value = [value]
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
            ):
                raise self.fail(
                    field, "namespace takes a list of namespace numbers ≥ 0", "write value = [0, 118]"
                )
            return tuple(sorted(set(value)))
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "in_category takes a category name", 'write value = "Opochka"')
        name = " ".join(value.replace("_", " ").split())
        if name.lower().startswith("category:"):
            raise self.fail(
                field, f"{shown(value)} has a namespace", 'write the name without it, e.g. "Opochka"'
            )
        return name[:1].upper() + name[1:]

    def jury(self, value: object, score: str) -> Jury | None:
        if value is None:
            if score in ("jury", "points+jury"):
                raise self.fail(
                    "contest.jury",
                    f'is missing (score = "{score}" needs a jury)',
                    'add [contest.jury] jurors = ["…"]',
                )
            return None
        table = self.table(value, "contest.jury", JURY_KEYS, '[contest.jury] jurors = ["…"]')
        jurors = table.get("jurors")
        if (
            not isinstance(jurors, list)
            or not jurors
            or not all(isinstance(j, str) and j.strip() for j in jurors)
        ):
            raise self.fail(
                "contest.jury.jurors", "must be a non-empty list of usernames", 'write jurors = ["Juror A"]'
            )
        names: list[str] = []
        for juror in jurors:
            problem = username_issue(juror)
            if problem:
                raise self.fail(
                    "contest.jury.jurors", f"{shown(juror)}: {problem.reason}", "fix or remove that name"
                )
            name = normalize_username(juror)
            if name in names:
                raise self.fail(
                    "contest.jury.jurors", f"{shown(juror)} is listed twice", "remove the duplicate"
                )
            names.append(name)
        min_marks = table.get("min_marks", 1)
        if isinstance(min_marks, bool) or not isinstance(min_marks, int) or not 1 <= min_marks <= len(names):
            raise self.fail(
                "contest.jury.min_marks",
                f"must be a whole number from 1 to the number of jurors ({len(names)})",
                "write min_marks = 2",
            )
        hidden = table.get("hidden", False)
        if not isinstance(hidden, bool):
            raise self.fail("contest.jury.hidden", "must be true or false", "write hidden = true")
        mode = table.get("mode", "independent")
        if mode not in JURY_MODES:
            raise self.fail(
                "contest.jury.mode", f"must be one of {', '.join(JURY_MODES)}", 'write mode = "consensual"'
            )
        parts = table.get("part")
        if not isinstance(parts, list) or not parts or len(parts) > MAX_PARTS:
            raise self.fail(
                "contest.jury.part",
                f"must be 1 to {MAX_PARTS} [[contest.jury.part]] tables",
                'add [[contest.jury.part]] name = "quality"',
            )
        out = [self.part(p, f"contest.jury.part[{i}]") for i, p in enumerate(parts, 1)]
        seen: set[str] = set()
        for i, part in enumerate(out, 1):
            if part.name in seen:
                raise self.fail(
                    f"contest.jury.part[{i}].name", f"{shown(part.name)} is used twice", "rename one"
                )
            seen.add(part.name)
        return Jury(tuple(names), tuple(out), min_marks, hidden, str(mode))

    def part(self, item: object, field: str) -> Part:
        table = self.table(item, field, PART_KEYS, '[[contest.jury.part]] name = "quality"')
        name = table.get("name")
        if not isinstance(name, str) or not name.strip() or "," in name or "\n" in name:
            raise self.fail(f"{field}.name", "must be a non-empty name (no commas)", 'write name = "quality"')
        kind = table.get("kind")
        if kind not in PART_KINDS:
            raise self.fail(
                f"{field}.kind", f"{shown(kind)} is not a part kind", f"use one of {', '.join(PART_KINDS)}"
            )
        extra = (
            set(table)
            - {"name", "kind"}
            - {"integer": {"min", "max"}, "checkbox": {"value"}, "choice": {"options"}}[kind]
        )
        if extra:
            key = sorted(extra)[0]
            raise self.fail(f"{field}.{key}", f"a {kind} part has no {key}", "remove it")
        if kind == "integer":
            if "max" not in table:
                raise self.fail(f"{field}.max", "is missing", "add max = 5")
            low, high = table.get("min", 0), table.get("max", 0)
            for key, number in (("min", low), ("max", high)):
                if isinstance(number, bool) or not isinstance(number, int) or abs(number) > 10**9:
                    raise self.fail(f"{field}.{key}", "must be a whole number", f"write {key} = 5")
            if high < low:
                raise self.fail(f"{field}.max", f"{high} is below min {low}", "swap or fix them")
            return Part(name.strip(), kind, min=low, max=high)
        if kind == "checkbox":
            return Part(name.strip(), kind, value=self.amount(table.get("value"), f"{field}.value"))
        options = table.get("options")
        if not isinstance(options, dict) or not options:
            raise self.fail(
                f"{field}.options",
                "must be a table of label = points",
                "write options = {good = 2, fair = 1}",
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
            raise self.fail(field, "must be a number", "write e.g. 1 or 0.5")
        return Decimal(str(value))


_EXAMPLES = {"int": "300", "date": "2026-01-01", "namespaces": "[0]", "category": '"Opochka"'}
