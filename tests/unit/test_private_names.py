"""A module's private names (a leading underscore) are used by that module only: another module of wikitally
that needs one gets a public name (issue 8: `api._json`, `parse._req`). Every source file is walked."""

from __future__ import annotations

import ast
from pathlib import Path

import wikitally

SRC = Path(wikitally.__file__).resolve().parent


def module_aliases(tree: ast.Module) -> set[str]:
    """Names bound in this file to wikitally modules: `import wikitally.x as y`, `from wikitally.p import m`."""
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {a.asname for a in node.names if a.name.startswith("wikitally") and a.asname}
        elif (
            isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("wikitally")
            and node.level == 0
        ):
            for a in node.names:
                if (
                    SRC
                    / (node.module or "").removeprefix("wikitally").replace(".", "/").lstrip("/")
                    / f"{a.name}.py"
                ).exists():
                    aliases.add(a.asname or a.name)
    return aliases


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = module_aliases(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("wikitally"):
            found += [f"from {node.module} import {a.name}" for a in node.names if _private(a.name)]
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and _private(node.attr)
        ):
            found.append(f"{node.value.id}.{node.attr} (line {node.lineno})")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_uses_another_modules_private_names():
    uses = {str(p.relative_to(SRC)): private_uses(p) for p in sorted(SRC.rglob("*.py"))}
    assert {p: u for p, u in uses.items() if u} == {}


def test_the_check_finds_a_private_use(tmp_path):
    """The check itself can fail: both ways of reaching a private name are found."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from wikitally.collect import parse\nfrom wikitally.collect.api import _line\nparse._req({}, 'a', int)\n"
    )
    assert private_uses(sample) == ["from wikitally.collect.api import _line", "parse._req (line 3)"]
