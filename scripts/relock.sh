#!/usr/bin/env bash
# relock.sh — re-resolve the hash-checked locks from pyproject.toml's ranges, taking today's newest releases.
#
#   bash scripts/relock.sh && bash scripts/test.sh      # what would a dependency upgrade break?
#
# Writes requirements-dev.lock (the app, the test tools and the build backend) and requirements.lock
# (the app alone, constrained by requirements-dev.lock so both pin the same versions). Every pin carries the sha256 of
# every wheel and sdist PyPI serves for it, so `pip install --require-hashes` installs the same bytes on
# any machine and platform. scripts/bootstrap.sh rebuilds .venv when a lock's content changes.
# The resolver is uv, itself installed from a hash-checked pin (requirements/relock-tool.txt) into a
# throw-away venv; it reads PyPI only (no local indexes, no pip.conf), for Python 3.11 and newer.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=$(mktemp -d "${TMPDIR:-/tmp}/wikitally-relock.XXXXXX")
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool"
"$tool/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r requirements/relock-tool.txt
compile() {
	"$tool/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
		--index-url https://pypi.org/simple --no-config --custom-compile-command "bash scripts/relock.sh" "$@"
}
compile pyproject.toml requirements/build.in --extra dev -o requirements-dev.lock
compile pyproject.toml requirements/build.in -c requirements-dev.lock -o requirements.lock
echo "relock: requirements-dev.lock and requirements.lock rewritten; now run: bash scripts/test.sh" >&2
