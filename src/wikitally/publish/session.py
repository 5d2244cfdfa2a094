"""A writing MediaWiki session: a bot password's login, a csrf token, new sections on talk pages.

The only code in wikitally that edits a wiki. It shares `PoliteClient`'s manners with the read-only
`ApiSession` (User-Agent, capped backoff, Retry-After on 429/503) and sends maxlag with every request. Page
texts are read through an `ApiSession` it holds (composition: that session's read-only check is untouched).

An edit is never sent twice blindly: when an edit's answer is lost (a timeout, a dropped connection, a 5xx,
a garbled body), the page is read again before the next attempt, and the edit counts as saved when the
message's marker is already there. A refusal that is about this page or this text (protection, an abuse
filter, the spam blacklist, a captcha, a block, an edit conflict) is `EditRefused`: reported, not retried.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from wikitally.collect.api import DEFAULT_CONTACT, ApiSession, PoliteClient, Retry
from wikitally.errors import SourceError, UsageError, WikitallyError

log = logging.getLogger(__name__)

ENV_USER = "WIKITALLY_BOT_USER"
ENV_PASSWORD = "WIKITALLY_BOT_PASSWORD"
TITLES_PER_REQUEST = 50
USER_TALK_NAMESPACE = 3
EDIT_INTERVAL_S = 5.0  # at least this long between two edits: thanking is never urgent

# "Not now": retried after the wiki's Retry-After or a capped backoff. MediaWiki checks these before the
# module runs, so nothing was saved.
_LATER = frozenset({"maxlag", "ratelimited", "readonly"})
# The login no longer holds (session expired, stale token): log in again once, then retry.
_SESSION_LOST = frozenset({"assertuserfailed", "assertbotfailed", "notloggedin", "badtoken"})
_MAX_INFO_CHARS = 300


@dataclass(frozen=True)
class BotPassword:
    """A bot password made on the wiki's Special:BotPasswords; `user` is "User@BotName"."""

    user: str
    password: str = field(repr=False)


def bot_password_from_env(environ: Mapping[str, str] | None = None) -> BotPassword:
    """The bot password from WIKITALLY_BOT_USER and WIKITALLY_BOT_PASSWORD — never from a file or an
    argument. UsageError (exit 2) when one is missing or the name isn't User@BotName."""
    env = os.environ if environ is None else environ
    missing = [name for name in (ENV_USER, ENV_PASSWORD) if not env.get(name, "").strip()]
    if missing:
        raise UsageError(
            f"posting needs a bot password: set {' and '.join(missing)} "
            f"(make one on the wiki's Special:BotPasswords; {ENV_USER} is User@BotName)"
        )
    user = env[ENV_USER].strip()
    main, _, bot = user.partition("@")
    if not main.strip() or not bot.strip():
        raise UsageError(
            f"{ENV_USER}: {user!r} is not a bot password's name; use User@BotName as Special:BotPasswords shows it"
        )
    return BotPassword(user, env[ENV_PASSWORD])


class ApiRefusal(WikitallyError):
    """An API error answer that trying again will not change."""

    def __init__(self, where: str, code: str, info: str) -> None:
        super().__init__(f"{where}: API error {code}: {info}")
        self.code, self.info = code, info


class EditRefused(WikitallyError):
    """The wiki refused one edit for a reason of that page or that text: that message fails, the others
    go on. Not retried (an abuse filter's warning, for one, must not be clicked through by a bot)."""

    def __init__(self, code: str, info: str = "") -> None:
        super().__init__(f"{code}: {info}" if info else code)
        self.code, self.info = code, info


# -- reading talk pages (through the read-only ApiSession) -------------------------------------------------


@dataclass(frozen=True)
class TalkPage:
    title: str  # where a new section goes: normalised; a redirect to another user talk page followed
    text: str = ""  # its current wikitext; "" when the page doesn't exist yet
    problem: str = ""  # why nothing can be posted there; "" when something can


def multi_value(values: Sequence[str]) -> str:
    """A multi-value API parameter: "a|b", or MediaWiki's U+001F form when a value holds a "|"."""
    if any("|" in v for v in values):
        return "\x1f" + "\x1f".join(values)
    return "|".join(values)


def read_talk_pages(reader: ApiSession, titles: Iterable[str]) -> dict[str, TalkPage]:
    """The current wikitext of each title, keyed by the title as given: 50 titles a request."""
    wanted = list(dict.fromkeys(titles))
    out: dict[str, TalkPage] = {}
    for start in range(0, len(wanted), TITLES_PER_REQUEST):
        out.update(_read_batch(reader, wanted[start : start + TITLES_PER_REQUEST]))
    return out


def _read_batch(reader: ApiSession, titles: Sequence[str]) -> dict[str, TalkPage]:
    normalized: dict[str, str] = {}
    redirects: dict[str, dict[str, Any]] = {}
    pages: dict[str, dict[str, Any]] = {}
    slots: dict[str, dict[str, Any]] = {}
    params = {
        "prop": "revisions",
        "rvprop": "content",
        "rvslots": "main",
        "redirects": "1",
        "titles": multi_value(titles),
    }
    for data in reader.query_all(params):  # continued when the texts are too big for one answer
        query = data.get("query") or {}
        for n in query.get("normalized") or ():
            normalized[n["from"]] = n["to"]
        for r in query.get("redirects") or ():
            redirects[r["from"]] = r
        for page in query.get("pages") or ():
            pages[page["title"]] = page
            revisions = page.get("revisions") or ()
            if revisions:
                slots[page["title"]] = revisions[0].get("slots", {}).get("main", {})
    out: dict[str, TalkPage] = {}
    for given in titles:
        name = normalized.get(given, given)
        redirect = redirects.get(name)
        target = redirect["to"] if redirect else name
        page = pages.get(target)
        if redirect and redirect.get("tointerwiki"):
            out[given] = TalkPage(name, problem=f"the talk page redirects to another wiki ({target})")
        elif page is None:
            raise SourceError(f"{reader.api_url}: malformed answer (no page for {given!r})")
        elif page.get("invalid"):
            reason = page.get("invalidreason") or "not a valid title"
            out[given] = TalkPage(name, problem=f"no talk page can have this title ({reason})")
        elif redirect and page.get("ns") != USER_TALK_NAMESPACE:
            out[given] = TalkPage(name, problem=f"the talk page redirects to {target}, not a user talk page")
        elif page.get("missing"):
            out[given] = TalkPage(target)
        else:
            slot = slots.get(target, {})
            model = slot.get("contentmodel", "wikitext")
            if model != "wikitext":
                out[given] = TalkPage(target, problem=f"the talk page is not wikitext ({model})")
            elif not isinstance(slot.get("content"), str):
                out[given] = TalkPage(target, problem="the talk page's current text can't be read")
            else:
                out[given] = TalkPage(target, slot["content"])
    return out


# -- the writing session -----------------------------------------------------------------------------------


class WriteSession(PoliteClient):
    """One wiki's api.php, logged in with a bot password; posts new sections. `reader` is a read-only
    ApiSession on the same wiki (anonymous) for page texts. Without a bot password it can only read."""

    def __init__(
        self,
        api_url: str,
        bot: BotPassword | None,
        *,
        tags: Sequence[str] = (),
        contact: str = DEFAULT_CONTACT,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
        timeout_s: float = 60.0,
        max_attempts: int = 6,
        max_backoff_s: float = 120.0,
        maxlag_s: int = 5,
        edit_interval_s: float = EDIT_INTERVAL_S,
    ) -> None:
        super().__init__(
            contact=contact,
            transport=transport,
            sleep=sleep,
            timeout_s=timeout_s,
            max_attempts=max_attempts,
            max_backoff_s=max_backoff_s,
        )
        self.api_url = api_url
        self.tags = tuple(tags)
        self.reader = ApiSession(
            api_url,
            contact=contact,
            transport=transport,
            sleep=sleep,
            timeout_s=timeout_s,
            max_attempts=max_attempts,
            max_backoff_s=max_backoff_s,
            maxlag_s=maxlag_s,
        )
        self.user = ""  # the logged-in account, once logged in
        self._bot = bot
        self._maxlag_s = maxlag_s
        self._edit_interval_s = edit_interval_s
        self._clock = clock or time.monotonic
        self._last_edit_at: float | None = None
        self._csrf = ""
        self._bot_flag = False

    def close(self) -> None:
        self.reader.close()
        super().close()

    # -- login ---------------------------------------------------------------------------------------
    def login(self) -> str:
        """Log in with the bot password (login token, action=login), get a csrf token; the account's name.
        UsageError (exit 2) when there is no bot password, the wiki refuses it, or it may not edit."""
        if self._bot is None:
            raise UsageError(f"posting needs a bot password: set {ENV_USER} and {ENV_PASSWORD}")
        self._csrf = ""
        login_token = self._token_answer({"meta": "tokens", "type": "login"}).get("logintoken")
        if not isinstance(login_token, str):
            raise SourceError(f"{self.api_url}: malformed answer (no login token)")
        answer = self._query_or_fail(
            "POST",
            {
                "action": "login",
                "lgname": self._bot.user,
                "lgpassword": self._bot.password,
                "lgtoken": login_token,
            },
        )
        result = answer.get("login")
        if not isinstance(result, dict) or result.get("result") != "Success":
            reason = result.get("reason") if isinstance(result, dict) else None
            if isinstance(reason, dict):
                reason = reason.get("text") or reason.get("code")
            status = result.get("result") if isinstance(result, dict) else "no answer"
            raise UsageError(f"{self.api_url}: login as {self._bot.user} failed: {reason or status}")
        info = self._query_or_fail(
            "GET", {"action": "query", "meta": "tokens|userinfo", "type": "csrf", "uiprop": "rights"}
        ).get("query", {})
        user = info.get("userinfo") or {}
        token = (info.get("tokens") or {}).get("csrftoken")
        if user.get("anon") or not isinstance(token, str) or token == "+\\":
            raise SourceError(f"{self.api_url}: the login did not hold (the wiki's session cookie was lost)")
        rights = set(user.get("rights") or ())
        if "edit" not in rights:
            raise UsageError(
                f"{self.api_url}: {self._bot.user} may not edit; give the bot password the "
                "'Edit existing pages' grant (Special:BotPasswords)"
            )
        self.user, self._csrf, self._bot_flag = str(user.get("name", "")), token, "bot" in rights
        log.info("%s: logged in as %s", self.api_url, self.user)
        return self.user

    # -- posting -------------------------------------------------------------------------------------
    def new_section(self, title: str, heading: str, text: str, summary: str, marker: str) -> int | None:
        """Post `text` as a new section of `title` (logging in first if needed): the new revision's id,
        or None when an edit whose answer was lost turned out to be saved (its `marker` is on the page).
        EditRefused when the wiki refuses this edit; SourceError when the wiki keeps failing."""
        params = {"title": title, "section": "new", "sectiontitle": heading, "text": text, "summary": summary}
        answer = self._edit(params, saved=lambda: self._has_marker(title, marker))
        return None if answer is None else _saved_revision(answer, self.api_url)

    def edit_page(
        self, title: str, text: str, summary: str, base_rev_id: int | None, saved: Callable[[], bool]
    ) -> tuple[bool, int | None]:
        """Replace `title`'s whole text (create it when base_rev_id is None): (changed, the new revision's id
        or None when its answer was lost and `saved()` says it went through). (False, None) when MediaWiki
        found nothing to change. EditRefused when the wiki refuses the edit (an edit conflict among them)."""
        where = (
            {"createonly": "1"} if base_rev_id is None else {"nocreate": "1", "baserevid": str(base_rev_id)}
        )
        answer = self._edit({"title": title, "text": text, "summary": summary, **where}, saved)
        if answer is None:
            return True, None
        result = answer.get("edit")
        if (
            isinstance(result, dict)
            and result.get("result") == "Success"
            and result.get("nochange") is not None
        ):
            return False, None
        return True, _saved_revision(answer, self.api_url)

    def _edit(self, params: Mapping[str, str], saved: Callable[[], bool]) -> dict[str, Any] | None:
        """One edit, paced, logged in (again, once, if the session was lost); refusals become EditRefused."""
        if not self._csrf:
            self.login()
        self._pace()
        relogged = False
        while True:
            full = {
                "action": "edit",
                **params,
                "assert": "user",
                "watchlist": "nochange",  # the bot's watchlist is not the participants' talk pages
                **({"bot": "1"} if self._bot_flag else {}),
                **({"tags": multi_value(self.tags)} if self.tags else {}),
                "token": self._csrf,  # last, as MediaWiki recommends
            }
            try:
                return self._call("POST", full, saved=saved)
            except ApiRefusal as e:
                if e.code in _SESSION_LOST and not relogged:
                    log.info("%s: %s; logging in again", self.api_url, e.code)
                    relogged = True
                    self.login()
                    continue
                if e.code in _SESSION_LOST:
                    raise SourceError(f"{self.api_url}: the login does not hold ({e.code})") from None
                if _is_tag_refusal(e.code):
                    tags = ", ".join(self.tags)
                    raise UsageError(
                        f"{self.api_url}: the wiki refuses the tag(s) {tags}: {e.info}"
                    ) from None
                raise EditRefused(e.code, _short(e.info)) from None
            finally:
                self._last_edit_at = self._clock()

    def _has_marker(self, title: str, marker: str) -> bool:
        page = read_talk_pages(self.reader, [title])[title]
        return marker in page.text

    def _pace(self) -> None:
        if self._last_edit_at is None:
            return
        wait = self._edit_interval_s - (self._clock() - self._last_edit_at)
        if wait > 0:
            self._sleep(wait)

    # -- one request ---------------------------------------------------------------------------------
    def _token_answer(self, params: Mapping[str, str]) -> dict[str, Any]:
        tokens = self._query_or_fail("GET", {"action": "query", **params}).get("query", {}).get("tokens")
        if not isinstance(tokens, dict):
            raise SourceError(f"{self.api_url}: malformed answer (no tokens)")
        return tokens

    def _query_or_fail(self, method: str, params: Mapping[str, str]) -> dict[str, Any]:
        answer = self._call(method, params)
        assert answer is not None  # only a write with `saved` can come back as None
        return answer

    def _call(
        self, method: str, params: Mapping[str, str], saved: Callable[[], bool] | None = None
    ) -> dict[str, Any] | None:
        """One API call with retries. For a write, `saved` tells whether it took effect after all: asked
        before any attempt that follows a lost answer; when it says yes, the call returns None."""
        body = {**params, "format": "json", "formatversion": "2", "maxlag": str(self._maxlag_s)}
        if "token" in body:
            body["token"] = body.pop("token")  # last: a truncated request then has no token and fails
        write = method == "POST"
        unsure = False

        def attempt() -> dict[str, Any] | Retry | None:
            nonlocal unsure
            if unsure and saved is not None and saved():
                log.info("%s: the edit whose answer was lost was saved", self.api_url)
                return None
            if write:
                sent = self._send("POST", self.api_url, data=body)
            else:
                sent = self._send("GET", self.api_url, params=body)
            if isinstance(sent, Retry):
                unsure = unsure or (write and sent.reason != "HTTP 429")
                return sent
            if sent.status_code != 200:
                raise SourceError(f"{self.api_url}: HTTP {sent.status_code}")
            try:
                data = json.loads(sent.content)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                unsure = unsure or write
                return Retry(None, "malformed answer (not a JSON object)")
            error = data.get("error")
            if error:
                code = str(error.get("code", "?")) if isinstance(error, dict) else "?"
                info = str(error.get("info", "")) if isinstance(error, dict) else str(error)
                if code == "maxlag":
                    return Retry(self._retry_after(sent), "maxlag (replication lag)", floor_s=5.0)
                if code in _LATER:
                    return Retry(self._retry_after(sent), f"API error {code}")
                if code.startswith("internal_api_error"):
                    unsure = unsure or write
                    return Retry(None, f"API error {code}")
                raise ApiRefusal(self.api_url, code, info)
            self._answered = True
            return data

        return self._retrying(self.api_url, attempt)


def _saved_revision(answer: dict[str, Any], where: str) -> int:
    result = answer.get("edit")
    if not isinstance(result, dict):
        raise SourceError(f"{where}: malformed answer (no edit result)")
    if result.get("result") == "Success":
        rev_id = result.get("newrevid")
        if not isinstance(rev_id, int):
            raise SourceError(f"{where}: malformed answer (a saved edit without a new revision)")
        return rev_id
    # ConfirmEdit (and some older extensions) refuse with a "Failure" result rather than an error.
    reasons = {k: v for k, v in result.items() if k != "result"}
    if "captcha" in reasons:
        raise EditRefused(
            "captcha", "the wiki asks for a CAPTCHA; the bot account needs the skipcaptcha right"
        )
    code = next(iter(reasons), "failure")
    value = reasons.get(code, "")
    info = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    raise EditRefused(code, _short(info))


def _is_tag_refusal(code: str) -> bool:
    return code.startswith("tags-") or code == "badtags"


def _short(info: str) -> str:
    info = " ".join(info.split())
    return info if len(info) <= _MAX_INFO_CHARS else info[: _MAX_INFO_CHARS - 1] + "…"
