"""A small stand-in for Commons' api.php (formatversion=2) serving a photo contest's categories, for tests
and the benchmark: it answers exactly the queries collect/photos.py makes and counts them by kind."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import httpx


@dataclass
class FakeFile:
    page_id: int
    title: str  # "File:…"
    versions: list[tuple[str, str, int, int, str, str]]  # oldest first: (timestamp, user, w, h, mime, sha1)
    text: str = ""
    categories: tuple[str, ...] = ()
    rev_id: int = 1


@dataclass
class FakeCommons:
    files: dict[int, FakeFile] = field(default_factory=dict)
    subcats: dict[str, list[str]] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)
    limit: int = 500

    def add(self, f: FakeFile) -> None:
        self.files[f.page_id] = f

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        params = dict(parse_qsl(request.url.query.decode()))
        if request.method == "POST":
            params.update(dict(parse_qsl(request.content.decode())))
        return httpx.Response(200, content=json.dumps(self.answer(params)).encode())

    def answer(self, p: dict[str, str]) -> dict[str, object]:
        if p.get("list") == "categorymembers":
            self.requests["subcats"] += 1
            rows = [{"ns": 14, "title": t} for t in self.subcats.get(p["cmtitle"], [])]
            return {"batchcomplete": True, "query": {"categorymembers": rows}}
        if p.get("generator") == "categorymembers":
            self.requests["listing"] += 1
            cat = p["gcmtitle"]
            ids = sorted(pid for pid, f in self.files.items() if cat in f.categories)
            start = int(p.get("gcmcontinue", "0"))
            chunk = ids[start : start + self.limit]
            pages = [
                {"pageid": pid, "ns": 6, "title": self.files[pid].title, "lastrevid": self.files[pid].rev_id}
                for pid in chunk
            ]
            out: dict[str, object] = {"query": {"pages": pages}}
            if start + self.limit < len(ids):
                out["continue"] = {"gcmcontinue": str(start + self.limit), "continue": "gcmcontinue||"}
            else:
                out["batchcomplete"] = True
            return out
        if "pageids" in p:
            ids = [int(x) for x in p["pageids"].split("|")]
            if p.get("prop") == "info":
                self.requests["exists"] += 1
                pages = [
                    {"pageid": i, "missing": True} if i not in self.files else {"pageid": i, "ns": 6}
                    for i in ids
                ]
                return {"batchcomplete": True, "query": {"pages": pages}}
            self.requests["metadata"] += 1
            pages = []
            for i in ids:
                f = self.files.get(i)
                if f is None:
                    pages.append({"pageid": i, "missing": True})
                    continue
                info = [
                    {"timestamp": ts, "user": u, "size": 1000, "width": w, "height": h, "mime": m, "sha1": s}
                    for ts, u, w, h, m, s in reversed(f.versions)
                ]
                if "url" in p.get("iiprop", "").split("|"):  # as MediaWiki: the file's URL, a scaled one
                    name = f.title.split(":", 1)[1].replace(" ", "_")
                    width = int(p.get("iiurlwidth", "0") or 0)
                    for row in info:
                        row["url"] = f"https://upload.test/x/{name}"
                        if width and width < int(str(row["width"])):
                            row["thumburl"] = f"https://upload.test/x/thumb/{name}/{width}px-{name}"
                pages.append(
                    {
                        "pageid": i,
                        "ns": 6,
                        "title": f.title,
                        "imageinfo": info,
                        "revisions": [{"revid": f.rev_id, "slots": {"main": {"content": f.text}}}],
                    }
                )
            return {"batchcomplete": True, "query": {"pages": pages}}
        raise AssertionError(f"unexpected query {p}")
