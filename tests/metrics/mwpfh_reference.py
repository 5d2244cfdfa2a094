"""Reference counter of references, built on a full mwparserfromhell parse.

Slow and obviously right: the yardstick for wikitally.metrics.refs in tests/metrics/test_refs.py
and bench/bench_refs.py. Deliberately independent of wikitally's code, template-name rules included.
"""

from __future__ import annotations

from collections.abc import Iterable

import mwparserfromhell
from mwparserfromhell.nodes import Comment


def _title(name: str) -> str:
    name = " ".join(name.replace("_", " ").split())
    head, sep, rest = name.partition(":")
    if sep and head.strip().lower() == "template":
        name = rest.strip()
    return name[:1].upper() + name[1:]


def count_refs_mwpfh(text: str, sfn_templates: Iterable[str] = ("sfn", "sfnp", "harvnb")) -> int:
    """Non-self-closing, non-blank <ref> tags anywhere in the tree, plus calls of sfn_templates.

    Comments and the bodies of nowiki, pre, math, … are not parsed by mwparserfromhell, so whatever
    they hold is never reached.
    """
    wanted = {_title(name) for name in sfn_templates}
    code = mwparserfromhell.parse(text)
    n = 0
    for tag in code.filter_tags(recursive=True):
        if (
            str(tag.tag).strip().lower() == "ref"
            and not tag.self_closing
            and tag.contents is not None
            and str(tag.contents).strip()
        ):
            n += 1
    for template in code.filter_templates(recursive=True):
        # MediaWiki drops comments before it resolves a template's name.
        name = "".join(str(part) for part in template.name.nodes if not isinstance(part, Comment))
        if _title(name) in wanted:
            n += 1
    return n
