"""One table of settings: name, environment variable, default, help. docs/campaign-file.md lists every one."""

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
        Setting(
            "request_deadline",
            "WIKITALLY_REQUEST_DEADLINE",
            "60",
            "The longest one request to a wiki may take in all, in seconds (lookup, headers, body); "
            "each step waits at most as long. Past it the request is retried like a timeout.",
        ),
        Setting(
            "max_answer_mb",
            "WIKITALLY_MAX_ANSWER_MB",
            "64",
            "The largest answer read from a wiki, in MiB after decompression (MediaWiki's own stay under 8).",
        ),
        Setting(
            "allow_private_wikis",
            "WIKITALLY_ALLOW_PRIVATE_WIKIS",
            "",
            "Web app and worker: what campaigns defined on the web may fetch beyond public https wikis — "
            "comma-separated host names, addresses and networks (e.g. wiki.lan, 10.0.0.0/8; over http too), "
            "or `*` for every address.",
        ),
    )
}


def get(name: str) -> str:
    return SETTINGS[name].value()
