"""ETags and If-None-Match: shared by the JSON API (api.py) and the anonymous-page memory (middleware.py),
in a module of its own so that the middleware, which every page passes through, needs none of the views."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse

JSON = "application/json"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def tagged(request: HttpRequest, body: bytes, etag: str, content_type: str = JSON) -> HttpResponse:
    """The answer with its ETag; 304 (no body) when If-None-Match already names it."""
    asked = request.headers.get("If-None-Match", "")
    if asked == "*" or etag in (tag.strip().removeprefix("W/") for tag in asked.split(",")):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if content_type == JSON:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Link"
    return response
