#!/usr/bin/env bash
# The README's second command: set up everything and run the whole test suite — lint (ruff), types (mypy),
# unit tests, integration tests against two real MediaWikis (installed and started by the test set-up)
# and the store tests against a real PostgreSQL server (installed and started here, stopped at the end).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --dev
# Debian packages for the browser and PDF tests (MediaWiki and PostgreSQL are installed by their scripts).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# A real reverse proxy in front of `serve` and gunicorn (tests/web/test_https_proxy.py).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
# The certificates' fallback fonts (src/wikitally/reports/fallback_fonts.py).
[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || missing+=(fonts-noto-core)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
# Dumps (docs/dumps.md): lbzip2 decompresses bz2 on every core, 7z reads .7z dumps.
command -v lbzip2 >/dev/null || missing+=(lbzip2)
command -v 7z >/dev/null || missing+=(p7zip-full)
# --engine spark (PySpark runs on a Java runtime).
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
	echo "test.sh: installing ${missing[*]}" >&2
	bash scripts/apt_install.sh "${missing[@]}"
fi

export PG_DIR=${PG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/wikitally-pg.XXXXXX")}
export PG_PORT=${PG_PORT:-$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
stop_pg() { bash scripts/postgres.sh stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap stop_pg EXIT
if url=$(bash scripts/postgres.sh start); then
	export WIKITALLY_TEST_PG_URL=$url
else
	echo "test.sh: PostgreSQL could not be started; the PostgreSQL tests will fail" >&2
	export WIKITALLY_TEST_PG_URL=postgresql://postgres@127.0.0.1:1/unavailable
fi

echo "== ruff" >&2
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check src tests bench scripts
echo "== mypy" >&2
.venv/bin/mypy
echo "== pytest" >&2
.venv/bin/pytest "$@"
