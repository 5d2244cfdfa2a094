"""The pure core (model, metrics, reports, the newsletter's rendering) imports no web, HTTP, database or
CLI code. Every module of those packages is checked, so a new one is covered without editing this test."""

import pkgutil
import subprocess
import sys

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
        *(m.name for m in pkgutil.walk_packages(wikitally.metrics.__path__, "wikitally.metrics.")),
        *(m.name for m in pkgutil.walk_packages(wikitally.reports.__path__, "wikitally.reports.")),
    ]
)


def test_every_pure_module_is_checked():
    assert {"wikitally.metrics.geo", "wikitally.metrics.programs", "wikitally.reports.certificate"} <= set(
        PURE
    )


def test_pure_core_imports_no_edge_library():
    code = f"import sys, {', '.join(PURE)}; print('\\n'.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    leaked = sorted(m for m in loaded for f in FORBIDDEN if m == f or m.startswith(f + "."))
    assert leaked == []
