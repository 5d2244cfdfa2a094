"""Which project a wiki belongs to (Wikipedia, Wikisource, …, Commons, Wikidata, Meta, or a wiki outside
Wikimedia), read from its domain alone: a pure function, so every renderer names a wiki the same way.

Mobile (sq.m.wikipedia.org), www. and bare (wikidata.org, wikisource.org) names, test wikis
(test.wikipedia.org, test.wikidata.org, test-commons.wikimedia.org) and the Beta Cluster
(sq.wikipedia.beta.wmcloud.org) name their project; any other host (a chapter's wiki on wikimedia.org,
wiki.example.org, 127.0.0.1:8080) is a site of its own, named by its domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Family(Enum):
    WIKIPEDIA = "wikipedia"
    WIKISOURCE = "wikisource"
    WIKIVOYAGE = "wikivoyage"
    WIKTIONARY = "wiktionary"
    WIKIBOOKS = "wikibooks"
    WIKINEWS = "wikinews"
    WIKIQUOTE = "wikiquote"
    WIKIVERSITY = "wikiversity"
    COMMONS = "commons"
    WIKIDATA = "wikidata"
    META = "meta"
    OTHER = "other"  # not a Wikimedia project: named by its domain


@dataclass(frozen=True)
class Project:
    family: Family
    site: str = ""  # the domain, for Family.OTHER only (its name in the headline)


# Second-level domains (under .org) that are one project each, whatever their language subdomain.
_BY_DOMAIN = {f.value: f for f in Family if f not in (Family.COMMONS, Family.META, Family.OTHER)}
# Projects on wikimedia.org, by their first label (after a mobile "m"): commons, test-commons, meta.
_ON_WIKIMEDIA = {"commons": Family.COMMONS, "test-commons": Family.COMMONS, "meta": Family.META}
_BETA = re.compile(r"\.beta\.(?:wmflabs|wmcloud)\.org$")
_PORT = re.compile(r":[0-9]*$")


def project(domain: str) -> Project:
    """The project of a wiki given by its domain ("sr.wikisource.org" → Wikisource)."""
    name = domain.strip()
    host = _PORT.sub("", name.lower().split("://")[-1].split("/")[0]).rstrip(".")
    host = _BETA.sub(".org", host)
    labels = host.split(".")
    if len(labels) >= 2 and labels[-1] == "org":
        sub = [label for label in labels[:-2] if label != "m"]
        family = _BY_DOMAIN.get(labels[-2])
        if family is not None:
            return Project(family)
        if labels[-2] == "wikimedia" and len(sub) == 1 and sub[0] in _ON_WIKIMEDIA:
            return Project(_ON_WIKIMEDIA[sub[0]])
    return Project(Family.OTHER, name)


# Projects whose content pages are articles; on the others (Wikisource, Wiktionary, Meta, …) they are pages.
ARTICLE_FAMILIES = frozenset({Family.WIKIPEDIA, Family.WIKIVOYAGE, Family.WIKINEWS})
