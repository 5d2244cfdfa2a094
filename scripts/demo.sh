#!/usr/bin/env bash
# The README's first command: set up, then run the offline demo (a recorded edit-a-thon on two wikis).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/wikitally demo "$@"
