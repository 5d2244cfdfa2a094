"""The contest's rules as small predicates: (rule, entry, its article, the context) → passes or not."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from wikitally.judging.entries import Article, Entry
from wikitally.judging.spec import Rule

WorklistPairs = frozenset[tuple[str, str]]  # (wiki, title) of every article on the campaign's worklists


@dataclass(frozen=True)
class Context:
    """What rules know beyond one entry: who takes part, when they registered, the translation tags, the
    worklists (None: the campaign has none wired yet)."""

    participants: frozenset[str] | None = None
    registrations: Mapping[str, datetime | None] = field(default_factory=dict)  # earliest, None: unknown
    translation_tags: tuple[str, ...] = ("contenttranslation",)
    worklist: WorklistPairs | None = None


def registration_ok(registered: datetime | None, value: date) -> bool:
    """Registered on or after the date (UTC). An unknown registration is an old account: it fails."""
    return registered is not None and registered >= datetime.combine(value, time(0), UTC)


def passes(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    """Whether the entry meets the rule. A deleted entry fails every rule about its text."""
    return _CHECKS[rule.kind](rule, entry, article, ctx)


def _int(rule: Rule) -> int:
    assert isinstance(rule.value, int)
    return rule.value


def _created_in_window(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    return article is not None and article.created_in_window


def _min_bytes(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    return entry.numbers["bytes_added"] >= _int(rule)


def _min_words(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    return article is not None and article.words is not None and article.words >= _int(rule)


def _min_words_added(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    return entry.numbers["words_added"] >= _int(rule)


def _min_references(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    return article is not None and article.references is not None and article.references >= _int(rule)


def _creator_is_participant(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    creator = article.creator if article else None
    if creator is None:
        return False
    return creator in ctx.participants if ctx.participants is not None else True


def _registered_after(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    assert isinstance(rule.value, date)
    return registration_ok(ctx.registrations.get(entry.participant), rule.value)


def _namespace(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    assert isinstance(rule.value, tuple)
    namespace = article.namespace if article is not None else entry.namespace
    return namespace in rule.value


def _in_category(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    assert isinstance(rule.value, str)
    return article is not None and article.categories is not None and rule.value in article.categories


def _not_translated(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    return not set(ctx.translation_tags).intersection(entry.first_edit_tags or ())


def _on_worklist(rule: Rule, entry: Entry, article: Article | None, ctx: Context) -> bool:
    return ctx.worklist is not None and (entry.wiki, entry.title) in ctx.worklist


_CHECKS: dict[str, Callable[[Rule, Entry, Article | None, Context], bool]] = {
    "created_in_window": _created_in_window,
    "min_bytes": _min_bytes,
    "min_words": _min_words,
    "min_words_added": _min_words_added,
    "min_references": _min_references,
    "creator_is_participant": _creator_is_participant,
    "registered_after": _registered_after,
    "namespace": _namespace,
    "in_category": _in_category,
    "not_translated": _not_translated,
    "on_worklist": _on_worklist,
}


def verdict(rule: Rule, entry: Entry, article: Article | None) -> str:
    """What a participant reads about a rule on their entry: "300 words needed, you have 212"."""
    value = rule.value
    if rule.kind == "min_words":
        have = article.words if article and article.words is not None else 0
        return f"{value} words needed, the article has {have}"
    if rule.kind == "min_words_added":
        return f"{value} words added needed, you added {entry.numbers['words_added']}"
    if rule.kind == "min_bytes":
        return f"{value} bytes added needed, you added {entry.numbers['bytes_added']}"
    if rule.kind == "min_references":
        have = article.references if article and article.references is not None else 0
        return f"{value} references needed, the article has {have}"
    if rule.kind == "in_category":
        return f"must be in the category {value}"
    if rule.kind == "namespace":
        return f"must be in namespace {', '.join(map(str, value or ()))}"  # type: ignore[arg-type]
    if rule.kind == "registered_after":
        return f"the account must be registered on or after {value}"
    return {
        "created_in_window": "must be created by a participant during the contest",
        "creator_is_participant": "must be created by a participant",
        "not_translated": "must not be a translation",
        "on_worklist": "must be on the worklist",
    }[rule.kind]
