"""What one revision of a Wikibase entity changed, from the entity JSON of it and of its parent. Pure.

Reads the documented JSON serialization of Wikibase entities
(https://www.mediawiki.org/wiki/Wikibase/DataModel/JSON), as `wbgetentities` and the revisions' own
content (content models `wikibase-item`, `wikibase-property`, or `json` on a wiki that keeps entity documents
in a JSON namespace) carry it. The stored content writes an empty map as `[]` (PHP): both are read as empty.

The rules (docs/metrics.md, "Wikidata"):
- A **statement** is identified by its GUID (`id`, e.g. "Q42$F078E5B3-…"). Added: a GUID in the revision and
  not in its parent; removed: the other way round. Changing a statement's value, qualifiers or rank keeps its
  GUID: neither added nor removed. Reordering is no change. A statement moved to another entity (a merge,
  the move-claim gadget) gets a new GUID there: removed on one entity, added on the other. A statement
  without a GUID (not valid Wikibase, but tolerated) is identified by its property and main snak.
- A **reference** on a statement is identified by its hash (Wikibase's hash of its snaks): added when the
  statement carries a hash its version in the parent did not (every reference of an added statement). An
  edited reference has a new hash, so it counts as added; a reference copied to another statement counts
  there.
- **Labels**, **descriptions**: one per language that had none in the parent (changing an existing one adds
  none). **Aliases**: one per (language, alias) not in the parent. `labels_added` sums the three.
- **Sitelinks**: one per site id (e.g. "sqwiki") that had none in the parent; changing a title or badges adds
  none.
- A redirect (`{"entity": "Q1", "redirect": "Q2"}`) is an entity without content: turning an item into one
  removes its statements; undoing it adds them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wikitally.metrics.filters import tracked_namespaces
from wikitally.model import Campaign, SiteInfo

# Content models Wikibase registers for its entity namespaces (siteinfo namespaces' `defaultcontentmodel`).
ENTITY_CONTENT_MODELS = frozenset({"wikibase-item", "wikibase-property", "wikibase-lexeme"})
ENTITY_TYPES = frozenset({"item", "property", "lexeme", "mediainfo"})


@dataclass(frozen=True)
class Entity:
    """What the rules compare of one entity version."""

    type: str  # "item", "property", …; "" for a redirect
    statements: Mapping[str, frozenset[str]]  # statement identity -> its references' hashes
    terms: frozenset[
        tuple[str, str, str]
    ]  # ("label" | "description", language, "") / ("alias", language, value)
    sitelinks: frozenset[str]  # site ids


EMPTY_ENTITY = Entity("", {}, frozenset(), frozenset())


@dataclass(frozen=True)
class EntityChange:
    """What one revision added to or removed from its entity."""

    statements_added: int = 0
    statements_removed: int = 0
    references_added: int = 0
    labels_added: int = 0  # labels, descriptions and aliases
    sitelinks_added: int = 0


def parse_entity(text: str | None) -> Entity | None:
    """The entity a revision's content holds; None when the content is not an entity document."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return entity_of(data)


def entity_of(data: Any) -> Entity | None:
    """An entity from its JSON serialization (parsed); None when `data` is not one."""
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("redirect"), str) and isinstance(data.get("entity"), str):
        return EMPTY_ENTITY
    kind, entity_id = data.get("type"), data.get("id")
    if not isinstance(kind, str) or kind not in ENTITY_TYPES or not isinstance(entity_id, str):
        return None
    # MediaInfo (Commons) names its statements "statements"; items and properties "claims".
    claims = _map(data.get("claims")) or _map(data.get("statements"))
    statements: dict[str, frozenset[str]] = {}
    for prop, listed in claims.items():
        for statement in listed if isinstance(listed, list) else ():
            if isinstance(statement, dict):
                statements[_statement_key(prop, statement)] = _reference_hashes(statement)
    terms: set[tuple[str, str, str]] = set()
    for kind_name, key in (("label", "labels"), ("description", "descriptions")):
        for language, term in _map(data.get(key)).items():
            if isinstance(term, dict) and isinstance(term.get("value"), str) and term["value"]:
                terms.add((kind_name, language, ""))
    for language, aliases in _map(data.get("aliases")).items():
        for alias in aliases if isinstance(aliases, list) else ():
            if isinstance(alias, dict) and isinstance(alias.get("value"), str) and alias["value"]:
                terms.add(("alias", language, alias["value"]))
    sitelinks = frozenset(
        site for site, link in _map(data.get("sitelinks")).items() if isinstance(link, dict)
    )
    return Entity(kind, statements, frozenset(terms), sitelinks)


def change(parent: Entity | None, revision: Entity | None) -> EntityChange:
    """What `revision` added to (or removed from) `parent`; a page's first revision has parent None."""
    before = parent or EMPTY_ENTITY
    after = revision or EMPTY_ENTITY
    added = after.statements.keys() - before.statements.keys()
    removed = before.statements.keys() - after.statements.keys()
    references = sum(
        len(refs - before.statements.get(key, frozenset())) for key, refs in after.statements.items()
    )
    return EntityChange(
        statements_added=len(added),
        statements_removed=len(removed),
        references_added=references,
        labels_added=len(after.terms - before.terms),
        sitelinks_added=len(after.sitelinks - before.sitelinks),
    )


def _map(value: Any) -> dict[str, Any]:
    """A JSON object, or {} for an empty map PHP wrote as [] (and for anything else)."""
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _statement_key(prop: str, statement: dict[str, Any]) -> str:
    guid = statement.get("id")
    if isinstance(guid, str) and guid:
        return guid
    return f"{prop}\x00{json.dumps(statement.get('mainsnak'), sort_keys=True)}"


def _reference_hashes(statement: dict[str, Any]) -> frozenset[str]:
    hashes: set[str] = set()
    references = statement.get("references")
    for reference in references if isinstance(references, list) else ():
        if not isinstance(reference, dict):
            continue
        digest = reference.get("hash")
        hashes.add(
            digest
            if isinstance(digest, str) and digest
            else json.dumps(reference.get("snaks"), sort_keys=True)
        )
    return frozenset(hashes)


def entity_namespaces(campaign: Campaign, wiki: str, info: SiteInfo | None) -> frozenset[int]:
    """The tracked namespaces of `wiki` whose pages are entities: those whose default content model is a
    Wikibase entity's (what a Wikibase repository's siteinfo says) and those the campaign file names in
    `wikibase_namespaces` (entity documents kept as JSON pages). Empty: `wiki` is no Wikibase repository."""
    if wiki not in campaign.wikis:
        return frozenset()
    named = set(info.entity_namespaces if info is not None else ()) | set(
        campaign.wikibase_namespaces.get(wiki, ())
    )
    return frozenset(named) & frozenset(tracked_namespaces(campaign, info))


def wikibase_wikis(campaign: Campaign, infos: Iterable[SiteInfo]) -> dict[str, frozenset[int]]:
    """The campaign's Wikibase repositories (wiki -> entity namespaces), in the campaign's order."""
    known = {info.wiki: info for info in infos}
    found = {wiki: entity_namespaces(campaign, wiki, known.get(wiki)) for wiki in campaign.wikis}
    return {wiki: namespaces for wiki, namespaces in found.items() if namespaces}
