"""The pure core (model, metrics, reports, the newsletter's rendering) imports no web, HTTP, database or
CLI code. Every module of those packages is checked, so a new one is covered without editing this test."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import wikitally.dumps
import wikitally.judging
import wikitally.metrics
import wikitally.reports

FORBIDDEN = [
    "django",
    "httpx",
    "requests",
    "mwclient",
    "mwparserfromhell",
    "sqlite3",
    "psycopg",
    "click",
    "pyspark",
    "duckdb",
    "pyarrow",
    "wikitally.store",
    "wikitally.collect",
    "wikitally.services",
    "wikitally.publish",
    "wikitally.web",
    "wikitally.cli",
]
PURE = sorted(
    [
        "wikitally.model",
        "wikitally.newsletter.model",
        "wikitally.newsletter.render",
        "wikitally.newsletter.markdown",
        "wikitally.judging",
        *(m.name for m in pkgutil.walk_packages(wikitally.judging.__path__, "wikitally.judging.")),
        *(m.name for m in pkgutil.walk_packages(wikitally.metrics.__path__, "wikitally.metrics.")),
        *(m.name for m in pkgutil.walk_packages(wikitally.judging.__path__, "wikitally.judging.")),
        *(m.name for m in pkgutil.walk_packages(wikitally.reports.__path__, "wikitally.reports.")),
        "wikitally.dumps",
        *(m.name for m in pkgutil.walk_packages(wikitally.dumps.__path__, "wikitally.dumps.")),
    ]
)


def test_every_pure_module_is_checked():
    assert {
        "wikitally.metrics.geo",
        "wikitally.metrics.programs",
        "wikitally.reports.certificate",
        "wikitally.dumps.parse",
        "wikitally.dumps.facts",
        "wikitally.judging.rounds",
        "wikitally.judging.schulze",
        "wikitally.judging.expression",
        "wikitally.judging.results",
    } <= set(PURE)


def test_pure_core_imports_no_edge_library():
    code = f"import sys, {', '.join(PURE)}; print('\\n'.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    leaked = sorted(m for m in loaded for f in FORBIDDEN if m == f or m.startswith(f + "."))
    assert leaked == []


# -- no import cycles between wikitally's modules (imports inside functions included)

SRC = Path(wikitally.metrics.__file__).resolve().parents[1]


def module_imports(source: str, modules: set[str]) -> set[str]:
    """The wikitally modules a module's source imports, wherever the import stands. `from pkg import sub`
    names the submodule, not the package (a package importing its own submodules is no cycle)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{alias.name}" for alias in node.names} & modules
            found |= subs or ({node.module} & modules)
    return found


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def package_graph() -> dict[str, set[str]]:
    paths = {
        ".".join(("wikitally", *p.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__"): p
        for p in SRC.rglob("*.py")
        if "migrations" not in p.parts
    }
    modules = set(paths)
    return {m: module_imports(p.read_text(encoding="utf-8"), modules) - {m} for m, p in paths.items()}


def test_no_import_cycles():
    assert import_cycles(package_graph()) == []


def test_import_cycles_finds_a_cycle_through_a_function_level_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    source = "def f():\n    from wikitally.web.campaigns import views\n"
    assert module_imports(source, {"wikitally.web.campaigns", "wikitally.web.campaigns.views"}) == {
        "wikitally.web.campaigns.views"
    }
