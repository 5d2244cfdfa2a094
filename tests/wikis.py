"""Real, throw-away MediaWiki 1.39 wikis for integration tests: start, seed, inspect, stop.

Each `LocalWiki` is Debian's `mediawiki` package on SQLite, served by PHP's built-in server on 127.0.0.1
(scripts/start-wiki.sh installs the packages when missing and creates the wiki). Seeding goes through the
real API as real users (`WikiSession`), through `importDump.php` for backdated history, and through the
SQLite file only where MediaWiki offers no other way (registration dates).
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import socket
import sqlite3
import struct
import subprocess
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NotRequired, TypedDict
from xml.sax.saxutils import escape

import httpx

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "start-wiki.sh"
MW_IP = Path("/usr/share/mediawiki")
USER_AGENT = "wikitally-tests/0.1"
ADMIN_USER = "Admin"
ADMIN_PASSWORD = "Admin-pass-12345"
USER_PASSWORD = "Pass-word-1234"
RETURN_URL = "http://127.0.0.1/"  # clientlogin/createaccount want one; never visited
EXIT_CANNOT_INSTALL = 3  # start-wiki.sh: packages missing and no apt-get/root
EXIT_PORT_TAKEN = 4  # start-wiki.sh: something else listens on the port

ParamValue = str | int | bool | Iterable[str | int] | None


class WikiError(RuntimeError):
    """The wiki answered with an error (or a non-success status)."""

    def __init__(self, code: str, info: str, params: Mapping[str, Any] | None = None) -> None:
        self.code, self.info = code, info
        action = (params or {}).get("action", "")
        super().__init__(f"{action + ': ' if action else ''}{code}: {info}")


class WikiUnavailable(RuntimeError):
    """MediaWiki/PHP are not installed and cannot be installed on this machine (tests should skip)."""


class ImportRevision(TypedDict):
    user: str  # a username (credited to the local account when it exists, else "imported>Name") or an IP
    timestamp: datetime  # timezone-aware
    text: str
    comment: NotRequired[str]
    minor: NotRequired[bool]


class ImportPage(TypedDict):
    title: str  # full title with namespace prefix, e.g. "Talk:Foo"
    revisions: list[ImportRevision]  # oldest first
    ns: NotRequired[int]  # optional; derived from the title's prefix when omitted


@dataclass(frozen=True)
class ImportedPage:
    title: str  # as MediaWiki normalised it
    page_id: int
    rev_ids: list[int]  # one per imported revision, in the order given


@dataclass(frozen=True)
class WikiSpec:
    wiki_dir: Path
    port: int
    domain: str
    dbname: str = "testwiki"


def _api_params(params: Mapping[str, ParamValue]) -> dict[str, str]:
    """format=json v2; lists joined with '|'; True -> '1'; False/None dropped (MediaWiki's booleans)."""
    out = {"format": "json", "formatversion": "2"}
    for key, value in params.items():
        if value is None or value is False:
            continue
        if value is True:
            out[key] = "1"
        elif isinstance(value, str | int):
            out[key] = str(value)
        else:
            out[key] = "|".join(str(v) for v in value)
    return out


def _checked(response: httpx.Response, params: Mapping[str, Any]) -> dict[str, Any]:
    response.raise_for_status()
    try:
        data: dict[str, Any] = response.json()
    except ValueError as e:
        raise WikiError("badjson", response.text[:500], params) from e
    if "error" in data:
        err = data["error"]
        raise WikiError(err.get("code", "?"), err.get("info", str(err)), params)
    return data


def mw_timestamp(when: datetime) -> str:
    """A timezone-aware datetime as MediaWiki's database timestamp (UTC, YYYYMMDDHHMMSS)."""
    if when.tzinfo is None:
        raise ValueError(f"naive datetime {when!r}: give a timezone")
    return when.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def iso_timestamp(when: datetime) -> str:
    """A timezone-aware datetime as the API and the XML dumps write it (2024-03-08T10:00:00Z)."""
    if when.tzinfo is None:
        raise ValueError(f"naive datetime {when!r}: give a timezone")
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha1_base36(text: str) -> str:
    """MediaWiki's rev_sha1: the SHA-1 of the UTF-8 text in base 36, zero-padded to 31 digits."""
    n = int(hashlib.sha1(text.encode()).hexdigest(), 16)
    digits = ""
    while n:
        n, r = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
    return digits.rjust(31, "0")


def png_bytes(seed: str = "", size: int = 4) -> bytes:
    """A valid size x size RGB PNG whose colour (hence SHA-1) depends on `seed`."""
    r, g, b = hashlib.sha1(seed.encode()).digest()[:3]
    row = b"\x00" + bytes((r, g, b)) * size
    raw = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def export_xml(pages: Sequence[ImportPage]) -> str:
    """An export-0.11 XML dump of `pages`, as Special:Export / dumpBackup.php write it."""
    out = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ '
        'http://www.mediawiki.org/xml/export-0.11.xsd" version="0.11" xml:lang="en">'
    ]
    for page in pages:
        out.append("  <page>")
        out.append(f"    <title>{escape(page['title'])}</title>")
        if "ns" in page:
            out.append(f"    <ns>{int(page['ns'])}</ns>")
        for rev in page["revisions"]:
            text = rev["text"]
            out.append("    <revision>")
            out.append(f"      <timestamp>{iso_timestamp(rev['timestamp'])}</timestamp>")
            if _is_ip(rev["user"]):
                out.append(f"      <contributor><ip>{escape(rev['user'])}</ip></contributor>")
            else:
                out.append(f"      <contributor><username>{escape(rev['user'])}</username></contributor>")
            if rev.get("minor"):
                out.append("      <minor/>")
            if rev.get("comment"):
                out.append(f"      <comment>{escape(rev['comment'])}</comment>")
            out.append("      <model>wikitext</model>")
            out.append("      <format>text/x-wiki</format>")
            out.append(f'      <text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>')
            out.append(f"      <sha1>{sha1_base36(text)}</sha1>")
            out.append("    </revision>")
        out.append("  </page>")
    out.append("</mediawiki>\n")
    return "\n".join(out)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class WikiSession:
    """One logged-in user's cookie session on a LocalWiki; edits made here are credited to `user`."""

    def __init__(self, wiki: LocalWiki, client: httpx.Client, user: str) -> None:
        self.wiki, self.client, self.user = wiki, client, user
        self._tokens: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"<WikiSession {self.user}@{self.wiki.domain}>"

    # -- plumbing
    def get(self, **params: ParamValue) -> dict[str, Any]:
        return _checked(self.client.get(self.wiki.api, params=_api_params(params)), params)

    def post(self, **params: ParamValue) -> dict[str, Any]:
        return self._post(params)

    def _post(
        self, params: Mapping[str, ParamValue], files: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        return _checked(self.client.post(self.wiki.api, data=_api_params(params), files=files), params)

    def token(self, kind: str = "csrf") -> str:
        if kind not in self._tokens:
            answer = self.get(action="query", meta="tokens", type=kind)
            self._tokens[kind] = answer["query"]["tokens"][f"{kind}token"]
        return self._tokens[kind]

    def close(self) -> None:
        self.client.close()

    # -- pages
    def edit(
        self, title: str, text: str, summary: str = "", tags: Iterable[str] = (), **extra: ParamValue
    ) -> int:
        """Save `text` to `title`; returns the new rev id (a no-change save raises WikiError)."""
        answer = self.post(
            action="edit",
            title=title,
            text=text,
            summary=summary,
            tags=list(tags) or None,
            token=self.token(),
            **extra,
        )
        return self._new_revid(answer, title)

    def undo(self, title: str, rev_id: int, summary: str = "") -> int:
        """Undo revision `rev_id` of `title`; returns the new rev id."""
        answer = self.post(
            action="edit", title=title, undo=rev_id, summary=summary or None, token=self.token()
        )
        return self._new_revid(answer, title)

    def rollback(self, title: str, user: str, summary: str = "") -> int:
        """Roll back `user`'s latest consecutive edits to `title`; returns the new rev id."""
        answer = self.post(
            action="rollback", title=title, user=user, summary=summary or None, token=self.token("rollback")
        )
        return int(answer["rollback"]["revid"])

    def move(
        self, from_title: str, to_title: str, noredirect: bool = False, reason: str = ""
    ) -> dict[str, Any]:
        """Move `from_title` to `to_title`; returns the API's `move` result."""
        params: dict[str, ParamValue] = {
            "action": "move",
            "from": from_title,
            "to": to_title,
            "noredirect": noredirect,
            "reason": reason,
            "token": self.token(),
        }
        answer = self._post(params)
        result: dict[str, Any] = answer["move"]
        return result

    def delete(self, title: str, reason: str = "") -> int:
        """Delete `title`; returns the deletion's log id."""
        answer = self.post(action="delete", title=title, reason=reason, token=self.token())
        return int(answer["delete"]["logid"])

    def undelete(self, title: str, reason: str = "") -> int:
        """Restore all deleted revisions of `title`; returns how many were restored."""
        answer = self.post(action="undelete", title=title, reason=reason, token=self.token())
        return int(answer["undelete"]["revisions"])

    def hide_revision(
        self, rev_id: int, text: bool = True, user: bool = False, comment: bool = False
    ) -> None:
        """Revision-delete (admin, not oversight) the chosen fields of `rev_id`."""
        hide = [name for name, on in (("content", text), ("user", user), ("comment", comment)) if on]
        if not hide:
            raise ValueError("hide at least one of text, user, comment")
        answer = self.post(
            action="revisiondelete", type="revision", ids=rev_id, hide=hide, token=self.token()
        )
        result = answer["revisiondelete"]
        if result.get("status") != "Success":
            raise WikiError("revisiondelete", repr(result))
        for item in result.get("items", []):
            if item.get("errors"):
                raise WikiError("revisiondelete", repr(item["errors"]))

    def patrol(self, rev_id: int) -> None:
        """Mark `rev_id` patrolled (needs patrol: the admin). With RC patrol on (MediaWiki's default),
        a revert by a user without autopatrol tags the reverted edits `mw-reverted` only once patrolled."""
        self.post(action="patrol", revid=rev_id, token=self.token("patrol"))

    def tag(self, rev_id: int, add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
        """Add/remove change tags on an existing revision (action=tag)."""
        answer = self.post(
            action="tag", revid=rev_id, add=list(add) or None, remove=list(remove) or None, token=self.token()
        )
        for item in answer["tag"]:
            if item.get("status") != "success":
                raise WikiError("tag", repr(item))

    # -- files, tags
    def upload(
        self,
        filename: str,
        data: bytes | None = None,
        comment: str = "",
        text: str | None = None,
        tags: Iterable[str] = (),
    ) -> dict[str, Any]:
        """Upload `data` (default: a small PNG unique to `filename`) as File:`filename`, ignoring
        warnings (duplicates, re-uploads). Returns the API's `upload` result (filename, imageinfo…)."""
        if data is None:
            data = png_bytes(filename)
        params: dict[str, ParamValue] = {
            "action": "upload",
            "filename": filename,
            "comment": comment,
            "text": text,
            "tags": list(tags) or None,
            "ignorewarnings": True,
            "token": self.token(),
        }
        answer = self._post(params, files={"file": (filename, data, "application/octet-stream")})
        result: dict[str, Any] = answer["upload"]
        if result.get("result") != "Success":
            raise WikiError("upload", repr(result))
        return result

    def create_tag(self, name: str, reason: str = "") -> None:
        """Define and activate a change tag users can apply (needs managechangetags: the admin). The wikis
        live for the whole session: a tag another test module defined already is the same tag."""
        try:
            self.post(action="managetags", operation="create", tag=name, reason=reason, token=self.token())
        except WikiError as e:
            if e.code != "tags-create-already-exists":
                raise

    def _new_revid(self, answer: dict[str, Any], title: str) -> int:
        result = answer["edit"]
        if result.get("result") != "Success":
            raise WikiError("edit", f"{title}: {result!r}")
        if result.get("nochange"):
            raise WikiError("nochange", f"{title}: the text is the same as the current revision's")
        return int(result["newrevid"])


class LocalWiki:
    """A running throw-away wiki. `api` is its api.php URL; `domain` the made-up domain tests give it."""

    def __init__(self, spec: WikiSpec) -> None:
        self.wiki_dir = spec.wiki_dir
        self.port = spec.port
        self.domain = spec.domain
        self.dbname = spec.dbname
        self.server = f"http://127.0.0.1:{spec.port}"
        self.api = f"{self.server}/api.php"
        self.startup_s = 0.0
        self._reader: httpx.Client | None = None
        self._admin: WikiSession | None = None
        self._sessions: list[WikiSession] = []

    def __repr__(self) -> str:
        return f"<LocalWiki {self.domain} {self.api}>"

    # -- life cycle
    @classmethod
    def start(cls, spec: WikiSpec, port_attempts: int = 3) -> LocalWiki:
        """Create the wiki in spec.wiki_dir (if missing) and serve it; when the port is taken (another test
        session), on a free port the OS picks instead. WikiUnavailable when MediaWiki cannot be installed
        here, RuntimeError on any other failure."""
        wiki = cls(spec)
        t0 = time.monotonic()
        proc = subprocess.run(
            [str(SCRIPT), str(spec.port)],
            env=wiki._script_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode == EXIT_CANNOT_INSTALL:
            last = (proc.stderr.strip().splitlines() or ["cannot install MediaWiki"])[-1]
            raise WikiUnavailable(last.removeprefix("[start-wiki] "))
        if proc.returncode == EXIT_PORT_TAKEN and port_attempts > 1:
            return cls.start(replace(spec, port=free_port(0)), port_attempts - 1)
        if proc.returncode != 0 or proc.stdout.strip() != wiki.api:
            raise RuntimeError(
                f"start-wiki.sh {spec.port} for {spec.wiki_dir} failed (exit {proc.returncode}):\n"
                + proc.stderr[-3000:]
            )
        wiki.startup_s = time.monotonic() - t0
        return wiki

    def stop(self) -> None:
        for session in self._sessions:
            session.close()
        self._sessions.clear()
        self._admin = None
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        subprocess.run([str(SCRIPT), "stop"], env=self._script_env(), capture_output=True, check=False)

    def _script_env(self) -> dict[str, str]:
        env = dict(
            os.environ,
            WIKI_DIR=str(self.wiki_dir),
            MW_DBNAME=self.dbname,
            MW_ADMIN_USER=ADMIN_USER,
            MW_ADMIN_PASS=ADMIN_PASSWORD,
        )
        env.pop("MW_CONFIG_FILE", None)
        return env

    @property
    def local_settings(self) -> Path:
        return self.wiki_dir / "LocalSettings.php"

    @property
    def db_path(self) -> Path:
        return self.wiki_dir / "data" / f"{self.dbname}.sqlite"

    # -- reading
    def api_get(self, **params: ParamValue) -> dict[str, Any]:
        """An anonymous GET (format=json, formatversion=2); raises WikiError on an API error."""
        if self._reader is None:
            self._reader = self._client()
        return _checked(self._reader.get(self.api, params=_api_params(params)), params)

    # -- users
    def admin(self) -> WikiSession:
        """The admin's (sysop, bureaucrat) logged-in session, made once and reused."""
        if self._admin is None:
            self._admin = self.login(ADMIN_USER, ADMIN_PASSWORD)
        return self._admin

    def login(self, name: str, password: str = USER_PASSWORD) -> WikiSession:
        """A new session logged in as `name` (action=clientlogin)."""
        session = WikiSession(self, self._client(), name)
        self._sessions.append(session)
        token = session.token("login")
        answer = session.post(
            action="clientlogin",
            username=name,
            password=password,
            loginreturnurl=RETURN_URL,
            logintoken=token,
        )
        status = answer["clientlogin"]
        if status.get("status") != "PASS":
            raise WikiError("clientlogin", f"{name}: {status!r}")
        session.user = status["username"]
        session._tokens.clear()  # tokens are per session user
        return session

    def create_user(self, name: str, password: str = USER_PASSWORD) -> WikiSession:
        """Create the account (action=createaccount) and return a session logged in as it."""
        session = WikiSession(self, self._client(), name)
        self._sessions.append(session)
        answer = session.post(
            action="createaccount",
            username=name,
            password=password,
            retype=password,
            createreturnurl=RETURN_URL,
            createtoken=session.token("createaccount"),
        )
        status = answer["createaccount"]
        if status.get("status") != "PASS":
            raise WikiError("createaccount", f"{name}: {status!r}")
        session.user = status["username"]
        session._tokens.clear()
        who = session.get(action="query", meta="userinfo")["query"]["userinfo"]
        if who.get("anon"):  # creating from an anonymous session normally logs the new user in
            session.close()
            return self.login(status["username"], password)
        return session

    def ensure_user(self, name: str) -> None:
        """The account exists afterwards (created unless an earlier test of the session made it)."""
        found = self.api_get(action="query", list="users", ususers=name)["query"]["users"][0]
        if "missing" in found:
            self.create_user(name).close()

    def set_registration(self, user: str, when: datetime) -> None:
        """Backdate `user`'s registration (no API for it: one UPDATE in the wiki's SQLite file)."""
        found = self.api_get(action="query", list="users", ususers=user)["query"]["users"][0]
        if "userid" not in found:
            raise WikiError("nosuchuser", f"{user!r} does not exist on {self.domain}")
        with sqlite3.connect(self.db_path, timeout=30) as db:
            db.execute(
                "UPDATE user SET user_registration = ? WHERE user_id = ?",
                (mw_timestamp(when), found["userid"]),
            )
        db.close()

    # -- server-side maintenance
    def maintenance(self, script: str, *args: str) -> str:
        """Run maintenance/`script`.php against this wiki; returns its output, raises on failure."""
        env = dict(os.environ, MW_SERVER=self.server, MW_UPLOAD_DIR=str(self.wiki_dir / "images"))
        env.pop("MW_CONFIG_FILE", None)
        cmd = ["php", str(MW_IP / "maintenance" / f"{script}.php"), "--conf", str(self.local_settings), *args]
        proc = subprocess.run(cmd, cwd=MW_IP, env=env, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{script}.php failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
        return proc.stdout + proc.stderr

    def run_jobs(self) -> str:
        """Run all queued jobs (the wikis queue them: $wgJobRunRate = 0), e.g. for `mw-reverted` tags."""
        return self.maintenance("runJobs")

    def import_xml(
        self, pages: Sequence[ImportPage], *, recent_changes: bool = True, edit_counts: bool = True
    ) -> list[ImportedPage]:
        """Import backdated revisions with importDump.php (timestamps kept; a contributor whose name
        exists here is credited to that account, others become "imported>Name").

        recent_changes: rebuild recentchanges over the imported time range, so the revisions show in
        list=recentchanges (importDump writes no RC rows). edit_counts: recount user_editcount
        (importDump does not count imported edits). Returns, per page, its id and the rev ids of
        the given revisions in the given order."""
        if not pages:
            return []
        imports = self.wiki_dir / "imports"
        imports.mkdir(exist_ok=True)
        path = imports / f"import-{time.time_ns()}.xml"
        path.write_text(export_xml(pages), encoding="utf-8")
        out = self.maintenance("importDump", str(path))
        if "Done!" not in out:
            raise RuntimeError(f"importDump.php of {path} did not finish:\n{out}")
        if recent_changes:
            # --from/--to are exclusive; rows of other revisions in the range are rebuilt too.
            stamps = [r["timestamp"] for p in pages for r in p["revisions"]]
            second = timedelta(seconds=1)
            self.maintenance(
                "rebuildrecentchanges",
                "--from",
                mw_timestamp(min(stamps) - second),
                "--to",
                mw_timestamp(max(stamps) + second),
            )
        if edit_counts:
            self.maintenance("initEditCount", "--quick")
        return [self._find_imported(page) for page in pages]

    def _find_imported(self, page: ImportPage) -> ImportedPage:
        answer = self.api_get(
            action="query",
            titles=page["title"],
            prop="revisions",
            rvlimit="max",
            rvdir="newer",
            rvprop=["ids", "timestamp", "sha1"],
        )
        found = answer["query"]["pages"][0]
        if found.get("missing") or found.get("invalid"):
            raise RuntimeError(f"imported page {page['title']!r} is not on {self.domain}: {found!r}")
        unclaimed = list(found.get("revisions", []))
        rev_ids = []
        for rev in page["revisions"]:
            key = (iso_timestamp(rev["timestamp"]), hashlib.sha1(rev["text"].encode()).hexdigest())
            match = next((r for r in unclaimed if (r["timestamp"], r.get("sha1")) == key), None)
            if match is None:
                raise RuntimeError(f"revision {key} of {page['title']!r} not found after import")
            unclaimed.remove(match)
            rev_ids.append(int(match["revid"]))
        return ImportedPage(found["title"], int(found["pageid"]), rev_ids)

    def _client(self) -> httpx.Client:
        # Plain http on loopback: verify=False spares loading the CA bundle (~20 ms a client).
        return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=60.0, verify=False)


def free_port(preferred: int = 0) -> int:
    """`preferred` when nothing listens on it on 127.0.0.1, else (or for 0) a free port from the OS."""
    if preferred:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", preferred)) != 0:
                return preferred
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_wikis(specs: Sequence[WikiSpec]) -> list[LocalWiki]:
    """Start several wikis in parallel; if any fails, the others are stopped and the error re-raised."""
    with ThreadPoolExecutor(max_workers=len(specs)) as pool:
        futures = [pool.submit(LocalWiki.start, spec) for spec in specs]
    started, errors = [], []
    for future in futures:
        try:
            started.append(future.result())
        except Exception as e:
            errors.append(e)
    if errors:
        for wiki in started:
            wiki.stop()
        raise errors[0]
    return started


def api_table(*wikis: LocalWiki) -> dict[str, str]:
    """{domain: api.php URL}, the shape of Campaign.api."""
    return {w.domain: w.api for w in wikis}
