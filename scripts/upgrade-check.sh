#!/usr/bin/env bash
# upgrade-check.sh — what would today's newest releases (within pyproject.toml's ranges) break?
# Copies the working tree to a temporary folder, re-locks there (scripts/relock.sh), shows the pins that
# moved, and runs the whole test suite on a fresh venv from the new lock. The project's own locks are not
# touched: adopt an upgrade with `bash scripts/relock.sh` once this passes (or its failures are fixed).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/wikitally-upgrade.XXXXXX")
trap 'rm -rf "$work"' EXIT
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work"
cd "$work"
bash scripts/relock.sh
echo "== pins that moved (requirements-dev.lock)" >&2
diff <(grep -E '^[A-Za-z0-9]' "$OLDPWD/requirements-dev.lock") <(grep -E '^[A-Za-z0-9]' requirements-dev.lock) >&2 || true
bash scripts/test.sh "$@"
