"""The pure core (model, metrics, reports) imports no web, HTTP, database or CLI code."""

import subprocess
import sys

FORBIDDEN = [
    "django",
    "httpx",
    "requests",
    "mwclient",
    "sqlite3",
    "psycopg",
    "click",
    "pyspark",
    "wikitally.store",
    "wikitally.collect",
    "wikitally.services",
    "wikitally.cli",
]


def test_pure_core_imports_no_edge_library():
    code = (
        "import sys, wikitally.model, wikitally.metrics.outcome, wikitally.metrics.refs, wikitally.metrics.words, "
        "wikitally.metrics.filters, wikitally.reports.table, wikitally.reports.json_report, "
        "wikitally.reports.csv_report, wikitally.reports.wikitext, wikitally.reports.i18n, wikitally.reports.data; print('\\n'.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    leaked = sorted(m for m in loaded for f in FORBIDDEN if m == f or m.startswith(f + "."))
    assert leaked == []
