"""A contest as its campaign file's `[contest]` table defines it: frozen values, checked by campaign_file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from wikitally.judging.expression import Expression

ENTRIES = ("auto", "submitted", "both")
SCORES = ("points", "jury", "points+jury")
MODES = ("required", "optional", "informational")
# Rule kind -> what its `value` is: "int" (≥ 0), "date", "namespaces" (list of ints), "category" (a name
# without namespace), None (no value).
RULE_KINDS: dict[str, str | None] = {
    "created_in_window": None,
    "min_bytes": "int",
    "min_words": "int",
    "min_words_added": "int",
    "min_references": "int",
    "creator_is_participant": None,
    "registered_after": "date",
    "namespace": "namespaces",
    "in_category": "category",
    "not_translated": None,
    "on_worklist": None,
}
PART_KINDS = ("integer", "checkbox", "choice")
JURY_MODES = ("independent", "consensual")


@dataclass(frozen=True)
class Rule:
    kind: str
    mode: str = "required"
    value: int | date | str | tuple[int, ...] | None = None


@dataclass(frozen=True)
class Part:
    """One part of the jury's scheme: an integer in [min, max], a checkbox worth `value`, or a choice of
    labelled options each worth its points."""

    name: str
    kind: str
    min: int = 0
    max: int = 0
    value: Decimal = Decimal(0)
    options: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class Jury:
    jurors: tuple[str, ...]
    parts: tuple[Part, ...]
    min_marks: int = 1
    hidden: bool = False
    # "independent": each juror marks each article; "consensual": one shared mark per article, any juror
    # sets it (the web replaces the others' marks; its score shows with one mark).
    mode: str = "independent"

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)


@dataclass(frozen=True)
class Round:
    """A round of selection by the jury (`[[contest.round]]`): the jury marks the round's `parts` (every part
    when empty) on the entries still in; the top `advance` ranks (ties included) go on to the next round.
    `quorum`: jurors per entry when the round's queues are dealt (0: the jury's min_marks)."""

    name: str
    advance: int
    parts: tuple[str, ...] = ()
    quorum: int = 0


@dataclass(frozen=True)
class Contest:
    entries: str = "auto"
    score: str = "points"
    points: Expression | None = None
    rules: tuple[Rule, ...] = ()
    jury: Jury | None = None
    # The campaign names worklist keys (on_worklist is only allowed then); the lead wires their contents.
    worklist_keys: tuple[str, ...] = field(default=())
    rounds: tuple[Round, ...] = ()

    def uses(self, kind: str) -> bool:
        return any(r.kind == kind for r in self.rules)
