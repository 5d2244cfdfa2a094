#!/usr/bin/env bash
# bootstrap.sh [--dev] — make .venv/bin/wikitally exist on a fresh machine (idempotent).
#   --dev  also the test tools (pytest, ruff, mypy, mwparserfromhell, mwclient).
# System packages the integration tests need (MediaWiki + PHP, PostgreSQL) are installed on demand by
# scripts/start-wiki.sh and scripts/postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"

py=""
for cand in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
	[ -n "$cand" ] && command -v "$cand" >/dev/null &&
		"$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { py=$cand; break; }
done
if [ -z "$py" ]; then
	echo "bootstrap: wikitally needs Python >= 3.11 (set PYTHON=/path/to/python3.11)" >&2
	exit 2
fi
if [ ! -x .venv/bin/python ]; then
	if ! "$py" -m venv .venv 2>/dev/null; then
		# Debian/Ubuntu ship venv separately.
		if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
			apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >&2
			rm -rf .venv && "$py" -m venv .venv
		else
			echo "bootstrap: '$py -m venv' failed; install your distribution's python3-venv" >&2
			exit 2
		fi
	fi
fi
stamp=".venv/.installed$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
	echo "bootstrap: installing wikitally$extras into .venv …" >&2
	if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras" > .venv/pip.log 2>&1; then
		cat .venv/pip.log >&2
		exit 1
	fi
	touch "$stamp"
fi
