"""The JSON report: keys fixed by docs/publishing.md ("JSON and CSV")."""

from __future__ import annotations

import json
from typing import Any


def render_json(outcome: dict[str, Any]) -> str:
    # ensure_ascii=False keeps names readable; json escapes quotes and control characters itself.
    return json.dumps(outcome, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
