"""One table of settings: name, environment variable, default, help. The README lists every one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


SETTINGS = {
    s.name: s
    for s in (
        Setting(
            "db",
            "WIKITALLY_DB",
            str(Path(user_data_dir("wikitally")) / "wikitally.sqlite3"),
            "Store: a SQLite file path or a postgresql:// URL (--db overrides).",
        ),
        Setting(
            "contact",
            "WIKITALLY_CONTACT",
            "https://github.com/wikitally/wikitally",
            "Contact (URL or e-mail) sent in the User-Agent, as Wikimedia's policy asks; set your own.",
        ),
        Setting(
            "wikidata_api",
            "WIKITALLY_WIKIDATA_API",
            "https://www.wikidata.org/w/api.php",
            "Where article coordinates missing on the wikis are looked up (P625); `off` skips it.",
        ),
        Setting(
            "pageviews_api",
            "WIKITALLY_PAGEVIEWS_API",
            "https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article",
            "The Wikimedia REST per-article page views endpoint (campaigns with pageviews = true).",
        ),
    )
}


def get(name: str) -> str:
    return SETTINGS[name].value()
