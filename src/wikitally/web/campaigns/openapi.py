"""The JSON API's OpenAPI 3.1 document, its schemas built from the spine's own tables (METRICS)."""

from __future__ import annotations

from typing import Any

from wikitally import __version__
from wikitally.metrics.outcome import METRICS, WIKIDATA_METRICS
from wikitally.web.campaigns.figures import DEFAULT_SORT, SORTS
from wikitally.web.campaigns.paging import DEFAULT_LIMIT, MAX_LIMIT

_COUNT = {"type": "integer", "minimum": 0}
_TEXT = {"type": "string"}
_TIME = {"type": "string", "format": "date-time"}


def _object(
    properties: dict[str, Any], description: str = "", optional: dict[str, Any] | None = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {**properties, **(optional or {})},
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


_METRICS = {metric: _COUNT for metric in METRICS}
# Present exactly when a campaign wiki is a Wikibase repository (docs/metrics.md, "Wikidata").
_WIKIDATA = {metric: _COUNT for metric in WIKIDATA_METRICS}
_NEXT = {
    "type": ["string", "null"],
    "description": "The `cursor` of the next page (opaque; the `Link` header has its address); null on the "
    "last page.",
}

SCHEMAS: dict[str, Any] = {
    "Metrics": _object(
        _METRICS,
        "Every metric, exactly as docs/metrics.md defines it; the wikidata_* ones when a campaign wiki is a "
        "Wikibase repository.",
        _WIKIDATA,
    ),
    "CampaignSummary": _object(
        {
            "name": _TEXT,
            "start": _TIME,
            "end": _TIME,
            "wikis": {"type": "array", "items": _TEXT},
            "hashtags": {"type": "array", "items": _TEXT},
            "tags": {"type": "array", "items": _TEXT},
            "namespaces": {"type": ["array", "null"], "items": {"type": "integer"}},
            "listed_participants": {"type": ["integer", "null"], "minimum": 0},
            "as_of": _TIME,
        },
        optional={"wikibase_wikis": {"type": "array", "items": _TEXT}},
    ),
    "Participant": _object({"user": _TEXT, **_METRICS}, optional=_WIKIDATA),
    "Article": _object(
        {
            "wiki": _TEXT,
            "title": _TEXT,
            "status": {"enum": ["created", "improved"]},
            "edits": _COUNT,
            "bytes_added": _COUNT,
            "words_added": _COUNT,
            "references_added": _COUNT,
        }
    ),
    "Upload": _object(
        {"wiki": _TEXT, "title": _TEXT, "user": _TEXT, "timestamp": _TIME, "in_use": {"type": "boolean"}}
    ),
    "Outcome": _object(
        {
            "campaign": _ref("CampaignSummary"),
            "totals": _ref("Metrics"),
            "by_wiki": {"type": "object", "additionalProperties": _ref("Metrics")},
            "by_participant": _list("Participant"),
            "articles": _list("Article"),
            "uploads": _list("Upload"),
        },
        "The outcome, as `wikitally report --format json` prints it.",
    ),
    "CampaignListItem": _object(
        {
            "slug": _TEXT,
            "name": _TEXT,
            "start": _TIME,
            "end": _TIME,
            "wikis": {"type": "array", "items": _TEXT},
            "last_collected": {"type": ["string", "null"], "format": "date-time"},
            "url": {"type": "string", "format": "uri", "description": "The campaign's page."},
            "api": {"type": "string", "format": "uri", "description": "The campaign's outcome."},
        }
    ),
    "CampaignList": _object({"campaigns": _list("CampaignListItem"), "next": _NEXT}),
    "ProgramListItem": _object(
        {
            "slug": _TEXT,
            "name": _TEXT,
            "description": _TEXT,
            "campaigns": {**_COUNT, "description": "How many of its campaigns are public."},
            "url": {"type": "string", "format": "uri", "description": "The program's page."},
            "api": {"type": "string", "format": "uri", "description": "The program's numbers."},
        }
    ),
    "ProgramList": _object({"programs": _list("ProgramListItem"), "next": _NEXT}),
    "LeaderboardRow": _object(
        {"rank": {"type": "integer", "minimum": 1}, "user": _TEXT, **_METRICS}, optional=_WIKIDATA
    ),
    "Leaderboard": _object(
        {
            "campaign": _TEXT,
            "sort": {"enum": list(SORTS)},
            "participants": _list("LeaderboardRow"),
            "next": _NEXT,
        }
    ),
    "ProgramCampaign": _object(
        {
            "name": {
                "type": ["string", "null"],
                "description": "The campaign's name; null for an unlisted campaign (so are its dates, and its "
                "wikis are left out): only its numbers are given.",
            },
            "start": {"type": ["string", "null"], "format": "date-time"},
            "end": {"type": ["string", "null"], "format": "date-time"},
            "wikis": {"type": "array", "items": _TEXT},
            "last_collected": {"type": ["string", "null"], "format": "date-time"},
            "url": {
                "type": ["string", "null"],
                "format": "uri",
                "description": "The campaign's page; null for an unlisted campaign.",
            },
            "api": {
                "type": ["string", "null"],
                "format": "uri",
                "description": "The campaign's outcome; null for an unlisted campaign.",
            },
            "totals": {
                "anyOf": [_ref("Metrics"), {"type": "null"}],
                "description": "The campaign's own totals; null before its first collection.",
            },
        }
    ),
    "Program": _object(
        {
            "program": _object(
                {
                    "slug": _TEXT,
                    "name": _TEXT,
                    "description": _TEXT,
                    "url": {"type": "string", "format": "uri", "description": "The program's page."},
                    "as_of": _TIME,
                }
            ),
            "totals": {
                **_ref("Metrics"),
                "description": "Each person, revision (wiki, rev_id), article (wiki, page) and upload "
                "(wiki, title) once, however many of the campaigns count it.",
            },
            "overlap": _object(
                {"participants": _COUNT, "edits": _COUNT},
                "People who took part in, and revisions counted by, more than one campaign.",
            ),
            "campaigns": _list("ProgramCampaign"),
        },
        "A program: its campaigns rolled up without counting anyone or anything twice.",
    ),
    "Error": _object({"error": _TEXT, "message": _TEXT}),
}
# Heritage at risk (docs/heritage.md): approved reports only, never the reporter; a sensitive site's point
# only on the ~10 km grid (`coarsened`).
_DEGREES = {"type": ["number", "null"]}
SCHEMAS["HeritageReport"] = _object(
    {
        "id": {"type": "integer", "minimum": 1},
        "item": {"type": ["string", "null"], "description": "The listed site's Wikidata item (Q…), if any."},
        "label": _TEXT,
        "lat": _DEGREES,
        "lon": _DEGREES,
        "coarsened": {
            "type": "boolean",
            "description": "true: lat and lon are the centre of the ~10 km grid cell holding a sensitive site.",
        },
        "kind": {"enum": ["damaged", "destroyed", "threatened", "neglected", "armed_conflict"]},
        "observed": {"type": "string", "format": "date"},
        "description": _TEXT,
        "evidence": {"type": "array", "items": _TEXT, "description": "Commons file names (File:…)."},
        "source_url": _TEXT,
        "designation": {**_TEXT, "description": "The listed site's heritage designation ('' when none)."},
        "site_risk": {
            **_TEXT,
            "description": "The listed site's risk status on the site list ('' when none).",
        },
    },
    "An approved report of a heritage site at risk.",
)
SCHEMAS["HeritageReports"] = _object({"reports": _list("HeritageReport"), "next": _NEXT})
# The campaign's answer: the outcome, then what the refresh worker (services/refresh.py) last did.
SCHEMAS["Refresh"] = _object(
    {
        "status": {
            "enum": ["idle", "running", "ok", "failed"],
            "description": "idle: never refreshed; running: a worker refreshes it now; ok or failed: the last "
            "refresh (after a failure the numbers are those of the last good one).",
        },
        "last_ok": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "The last good refresh.",
        },
        "next_due": {"type": ["string", "null"], "format": "date-time", "description": "The next refresh."},
    },
    "The scheduled refresh of a campaign defined on the web.",
)
SCHEMAS["ListLink"] = _object(
    {
        "total": _COUNT,
        "url": {"type": "string", "format": "uri", "description": "The whole list, a page at a time."},
        "next": {
            "type": ["string", "null"],
            "format": "uri",
            "description": "The page after the items this answer holds; null when it holds them all.",
        },
    },
    "Where to read one of the answer's lists whole.",
)
SCHEMAS["CampaignDetail"] = _object(
    {
        **SCHEMAS["Outcome"]["properties"],
        **{
            name: {**SCHEMAS["Outcome"]["properties"][name], "maxItems": DEFAULT_LIMIT}
            for name in ("by_participant", "articles", "uploads")
        },
        "lists": _object(
            {name: _ref("ListLink") for name in ("by_participant", "articles", "uploads")},
            f"Each list above holds its first {DEFAULT_LIMIT} items (bounded answers); the rest come from "
            "/api/campaigns/{slug}/lists/{name}.",
        ),
        "refresh": _ref("Refresh"),
    },
    "The outcome, key for key as `wikitally report --format json` prints it (its lists cut to their first "
    f"{DEFAULT_LIMIT} items, `lists` saying where the rest are), and `refresh`.",
)
SCHEMAS["CampaignListPage"] = {
    "type": "object",
    "properties": {
        "campaign": _TEXT,
        "list": {"enum": ["by_participant", "articles", "uploads"]},
        "total": _COUNT,
        "by_participant": _list("Participant"),
        "articles": _list("Article"),
        "uploads": _list("Upload"),
        "next": _NEXT,
    },
    "required": ["campaign", "list", "total", "next"],
    "additionalProperties": False,
    "description": "A page of one list of the outcome, under the list's own name, in the outcome's order.",
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": _TEXT,
    "description": "The campaign's address.",
}
_NOT_FOUND = _json(_ref("Error"), "No such campaign (`not_found`), or not collected yet (`not_collected`).")
# Every list comes a page at a time (paging.py): keyset cursors, so items added meanwhile shift nothing.
_PAGE = [
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        "description": f"Items per page (at most {MAX_LIMIT}).",
    },
    {
        "name": "cursor",
        "in": "query",
        "required": False,
        "schema": _TEXT,
        "description": "The previous page's `next`, unchanged (opaque); without it, the first page.",
    },
]
_BAD_PAGE = _json(
    _ref("Error"), "A `limit` out of range (`bad_limit`), or a cursor this list did not give (`bad_cursor`)."
)
_LINK = {
    "Link": {
        "description": 'The next page\'s address, `<URL>; rel="next"` (absent on the last page).',
        "schema": _TEXT,
    }
}
_ETAG = {
    "ETag": {
        "description": "The answer's version: send it back in `If-None-Match` to get 304 while it is unchanged.",
        "schema": _TEXT,
    }
}
_IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "schema": _TEXT,
    "description": "An ETag of an earlier answer: 304 with no body while the answer is the same.",
}
_NOT_MODIFIED = {"description": "Unchanged since the ETag sent in If-None-Match.", "headers": _ETAG}


def _with_headers(response: dict[str, Any], headers: dict[str, Any]) -> dict[str, Any]:
    return {**response, "headers": headers}


PATHS: dict[str, Any] = {
    "/api/campaigns/": {
        "get": {
            "operationId": "listCampaigns",
            "summary": "Public campaigns, newest first (unlisted ones are left out), a page at a time.",
            "parameters": _PAGE,
            "responses": {
                "200": _with_headers(_json(_ref("CampaignList"), "A page of the public campaigns."), _LINK),
                "400": _BAD_PAGE,
            },
        }
    },
    "/api/campaigns/{slug}/": {
        "get": {
            "operationId": "getCampaign",
            "summary": "A campaign's outcome (the JSON the CLI prints) and its refresh status.",
            "parameters": [_SLUG, _IF_NONE_MATCH],
            "responses": {
                "200": _with_headers(_json(_ref("CampaignDetail"), "The outcome."), _ETAG),
                "304": _NOT_MODIFIED,
                "404": _NOT_FOUND,
            },
        }
    },
    "/api/campaigns/{slug}/lists/{name}": {
        "get": {
            "operationId": "getCampaignList",
            "summary": "One of a campaign's lists (by_participant, articles, uploads) whole, a page at a time.",
            "parameters": [
                _SLUG,
                {
                    "name": "name",
                    "in": "path",
                    "required": True,
                    "schema": {"enum": ["by_participant", "articles", "uploads"]},
                    "description": "The list, as the campaign's answer names it.",
                },
                *_PAGE,
                _IF_NONE_MATCH,
            ],
            "responses": {
                "200": _with_headers(
                    _json(_ref("CampaignListPage"), "A page of the list."), {**_ETAG, **_LINK}
                ),
                "304": _NOT_MODIFIED,
                "400": _BAD_PAGE,
                "404": _json(_ref("Error"), "No such campaign or list (`not_found`), or not collected yet."),
            },
        }
    },
    "/api/campaigns/{slug}/leaderboard": {
        "get": {
            "operationId": "getLeaderboard",
            "summary": "Participants ranked by one metric, largest first (ties share a rank).",
            "parameters": [
                _SLUG,
                {
                    "name": "sort",
                    "in": "query",
                    "required": False,
                    "schema": {"enum": list(SORTS), "default": DEFAULT_SORT},
                    "description": "edits, articles (edited), references (added), words (added) or uploads.",
                },
                *_PAGE,
                _IF_NONE_MATCH,
            ],
            "responses": {
                "200": _with_headers(
                    _json(_ref("Leaderboard"), "A page of the ranked participants."), {**_ETAG, **_LINK}
                ),
                "304": _NOT_MODIFIED,
                "400": _json(
                    _ref("Error"),
                    "An unknown `sort` (`bad_sort`), a `limit` out of range (`bad_limit`), or a cursor this "
                    "list did not give (`bad_cursor`; a cursor belongs to one `sort`).",
                ),
                "404": _NOT_FOUND,
            },
        }
    },
    "/api/campaigns/{slug}/heritage": {
        "get": {
            "operationId": "listHeritageReports",
            "summary": "A campaign's approved heritage-at-risk reports, newest observation first, a page at a "
            "time (no reporter; sensitive places coarsened to ~10 km).",
            "parameters": [_SLUG, *_PAGE],
            "responses": {
                "200": _with_headers(_json(_ref("HeritageReports"), "A page of approved reports."), _LINK),
                "400": _BAD_PAGE,
                "404": _json(_ref("Error"), "No such campaign (`not_found`)."),
            },
        }
    },
    "/api/programs/": {
        "get": {
            "operationId": "listPrograms",
            "summary": "Public programs, by name (unlisted ones are left out), a page at a time.",
            "parameters": _PAGE,
            "responses": {
                "200": _with_headers(_json(_ref("ProgramList"), "A page of the public programs."), _LINK),
                "400": _BAD_PAGE,
            },
        }
    },
    "/api/programs/{slug}/": {
        "get": {
            "operationId": "getProgram",
            "summary": "A program's numbers: its campaigns rolled up, and each campaign's own totals.",
            "parameters": [{**_SLUG, "description": "The program's address."}],
            "responses": {
                "200": _json(_ref("Program"), "The program."),
                "404": _json(
                    _ref("Error"),
                    "No such program (`not_found`), or none of its campaigns collected yet (`not_collected`).",
                ),
            },
        }
    },
    "/api/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This document.",
            "responses": {"200": _json({"type": "object"}, "The OpenAPI 3.1 document.")},
        }
    },
}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "wikitally",
            "version": __version__,
            "description": "Read-only numbers of Wikimedia campaigns, as the wikitally command line computes them.",
            "license": {"name": "GPL-3.0-or-later", "identifier": "GPL-3.0-or-later"},
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
