#!/usr/bin/env bash
# bootstrap.sh [--dev] — make .venv/bin/wikitally exist on a fresh machine, installed from the hash-checked lock.
#   (no flag)  the app: requirements.lock
#   --dev      the app and the test tools (pytest, ruff, mypy, Playwright, …): requirements-dev.lock
# Idempotent: .venv is rebuilt from scratch when the lock it was made from changes in content (its sha256,
# not its mtime), so a venv never carries a package the lock no longer names. requirements-dev.lock pins the same versions
# as requirements.lock plus the test tools, so a --dev venv serves the app too. Re-lock: bash scripts/relock.sh.
# System packages the integration tests need (MediaWiki + PHP, PostgreSQL, Chromium) are installed on demand
# by scripts/start-wiki.sh, scripts/postgres.sh and scripts/test.sh; the certificates' fonts by this script.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=requirements.lock
[ "${1:-}" = "--dev" ] && lock=requirements-dev.lock

py=""
for cand in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
	[ -n "$cand" ] && command -v "$cand" >/dev/null &&
		"$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { py=$cand; break; }
done
if [ -z "$py" ]; then
	echo "bootstrap: wikitally needs Python >= 3.11 (set PYTHON=/path/to/python3.11)" >&2
	exit 2
fi

# Fonts the certificates print names with (Arabic, Indic, Thai, CJK, Hangul …: src/wikitally/reports/fallback_fonts.py),
# installed when this runs as root with apt-get; without them `wikitally certificates` names the package to install.
fonts=()
[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || fonts+=(fonts-noto-core)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || fonts+=(fonts-wqy-microhei)
# Dump tools (docs/dumps.md): lbzip2 (bz2 on every core) and p7zip-full (.7z dumps); `wikitally ingest` names
# them when missing.
command -v lbzip2 >/dev/null || fonts+=(lbzip2)
command -v 7z >/dev/null || fonts+=(p7zip-full)
if [ ${#fonts[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
	echo "bootstrap: installing ${fonts[*]} (fonts for certificates, dump tools)" >&2
	bash scripts/apt_install.sh "${fonts[@]}" ||
		echo "bootstrap: could not install ${fonts[*]}; certificates and ingest will say what is missing" >&2
fi

# What the venv must hold: this lock's content and the project's own metadata (entry points, package data).
want="$(sha256sum "$lock" pyproject.toml | sha256sum | cut -c1-64) $lock"
dev_want="$(sha256sum requirements-dev.lock pyproject.toml | sha256sum | cut -c1-64) requirements-dev.lock"
have=$(cat .venv/.wikitally-lock 2>/dev/null || true)
if [ -x .venv/bin/python ] && { [ "$have" = "$want" ] || [ "$have" = "$dev_want" ]; }; then
	exit 0
fi

echo "bootstrap: installing wikitally from $lock into a new .venv …" >&2
rm -rf .venv
if ! "$py" -m venv .venv 2>/dev/null; then
	# Debian/Ubuntu ship venv separately.
	if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
		bash scripts/apt_install.sh python3-venv
		rm -rf .venv && "$py" -m venv .venv
	else
		echo "bootstrap: '$py -m venv' failed; install your distribution's python3-venv" >&2
		exit 2
	fi
fi
pip=(.venv/bin/python -m pip install -q --disable-pip-version-check --no-input)
# The build backend first, from the lock; then every dependency, pinned and hash-checked, the few published
# only as source (pyspark, docopt) built with that locked setuptools instead of one pip would fetch unchecked
# into an isolated build environment; then the project itself, editable, adding nothing.
backend=$(mktemp "${TMPDIR:-/tmp}/wikitally-backend.XXXXXX")
trap 'rm -f "$backend"' EXIT
awk '/^setuptools==/ {on = 1} on && /^[a-z]/ && !/^setuptools==/ {on = 0} on && !/^ *#/' "$lock" > "$backend"
if ! { "${pip[@]}" --require-hashes --no-deps -r "$backend" &&
	"${pip[@]}" --require-hashes --no-deps --no-build-isolation -r "$lock" &&
	"${pip[@]}" --no-deps --no-build-isolation -e . && .venv/bin/python -m pip check; } > .venv/pip.log 2>&1; then
	cat .venv/pip.log >&2
	echo "bootstrap: installing from $lock failed (log above); .venv is left incomplete and will be rebuilt" >&2
	exit 1
fi
echo "$want" > .venv/.wikitally-lock
