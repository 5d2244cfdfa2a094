"""Thank-you messages: composing (placeholders, escaping, plurals, marker) and posting against a scripted
wiki (dry run, idempotency, refusals, lost answers, login). No network: the wiki is an httpx MockTransport,
and the conftest blocks every socket that isn't loopback."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from click.testing import CliRunner

from wikitally.cli import main
from wikitally.errors import SourceError, UsageError
from wikitally.publish.session import (
    ENV_PASSWORD,
    ENV_USER,
    BotPassword,
    WriteSession,
    bot_password_from_env,
    multi_value,
)
from wikitally.reports.data import ReportData
from wikitally.reports.i18n import translator
from wikitally.services import thanks
from wikitally.services.thanks import Message, compose, load_template, marker, post

API = "https://xx.wikipedia.org/w/api.php"
BOT = BotPassword("Organizer@wikitally", "s3cret-bot-password-0123456789ab")
EN = translator("en")
SIMPLE = "Hi {user}! {campaign}: {stats}.\n{signature}"


def row(user: str, **numbers: int) -> dict[str, Any]:
    keys = ("edits", "articles_created", "articles_improved", "words_added", "references_added", "uploads")
    out: dict[str, Any] = {"user": user, **{k: numbers.get(k, 0) for k in keys}}
    out["articles_edited"] = out["articles_created"] + out["articles_improved"]
    return out


def data(*rows: dict[str, Any], name: str = "WikiGap 2024") -> ReportData:
    return ReportData(
        outcome={"campaign": {"name": name}, "by_participant": list(rows)}, articles=(), timeline=()
    )


def body(message: Message) -> str:
    """The message's text without its marker."""
    assert message.text.endswith("\n" + message.marker)
    return message.text[: -len(message.marker) - 1]


# -- composing -------------------------------------------------------------------------------------------


def test_every_placeholder_is_filled():
    template = (
        "{user}|{campaign}|{edits}|{articles_created}|{articles_improved}|{words_added}|"
        "{references_added}|{uploads}|{stats}|{body}|{signature}"
    )
    rows = [
        row("Ana", edits=1234, articles_created=2, articles_improved=1, words_added=5, references_added=3)
    ]
    [message] = compose(data(*rows), template, EN)
    line = "1,234 edits · 2 articles created · 1 article improved · 5 words · 3 references"
    assert body(message) == (
        f"Ana|WikiGap 2024|1,234|2|1|5|3|0|{line}|"
        f"Thank you for your contributions to WikiGap 2024: {line}.|~~~~"
    )
    assert message.user == "Ana" and message.page == "User talk:Ana"
    assert message.heading == "Thank you for taking part in WikiGap 2024"
    assert message.summary == "Thanks for WikiGap 2024 (posted with wikitally)"


def test_one_message_per_participant_in_outcome_order_and_none_for_ips():
    rows = [
        row("Besa", edits=9),
        row("192.0.2.7", edits=3),
        row("Ana", uploads=1),
        row("2001:DB8::1", edits=1),
    ]
    composed = compose(data(*rows), SIMPLE, EN)
    assert [m.user for m in composed] == ["Besa", "Ana"]
    assert body(composed[1]) == "Hi Ana! WikiGap 2024: 1 upload.\n~~~~"


def test_template_braces_that_are_not_placeholders_stay():
    template = "{{Barnstar|{user}}} {{user}} {{{user}}} {|\n| {edits}\n|}"
    [message] = compose(data(row("Ana", edits=2)), template, EN)
    assert body(message) == "{{Barnstar|Ana}} {{user}} {{{user}}} {|\n| 2\n|}"


@pytest.mark.parametrize(
    "hostile",
    [
        "}}{{evil}}",
        "[[Category:X]]",
        "~~~~",
        "<!-- -->",
        "<!-- wikitally-thanks:0123456789abcdef -->",
        "x\n== Injected ==\ny",
        "{{subst:evil}}",
        "__NOTOC__",
        "* item",
        "a|b",
    ],
)
def test_hostile_names_stay_text(hostile):
    composed = compose(data(row(hostile, edits=1), name=hostile), SIMPLE, EN)
    [message] = composed
    text = body(message)
    for markup in ("{{", "}}", "[[", "]]", "~~~", "<!--", "-->", "\n==", "__", "|"):
        assert markup not in text.removesuffix("~~~~"), markup
    assert message.text.count("<!--") == 1 and message.text.endswith(message.marker)
    assert message.text.count("~~~~") == 1  # the signature, nothing else
    for markup in ("{{", "[[", "~~~", "<", "=", "\n", "|"):
        assert markup not in message.heading
    for markup in ("[[", "]]", "/*", "*/", "\n"):  # a summary's only markup: links and section links
        assert markup not in message.summary
    assert message.page == f"User talk:{hostile}"  # the title itself is the wiki's business (it refuses it)


def test_hostile_campaign_name_in_the_default_template():
    name = "}}{{evil}} [[Category:X]] ~~~~ <!-- -->"
    [message] = compose(data(row("Ana", edits=1), name=name), load_template(), EN)
    text = body(message)
    assert "{{evil}}" not in text and "[[Category:X]]" not in text and "<!--" not in text
    assert text.count("~~~~") == 1 and text.endswith("~~~~")
    assert "&#125;&#125;&#123;&#123;evil&#125;&#125;" in text


@pytest.mark.parametrize(
    ("language", "numbers", "stats", "heading"),
    [
        (
            "ru",
            {"edits": 5, "articles_created": 1, "words_added": 21, "references_added": 2},
            "5 правок · 1 созданная статья · 21 слово · 2 источника",
            "Спасибо за участие в кампании «WikiGap 2024»",
        ),
        (
            "ru",
            {"edits": 2, "articles_improved": 5, "uploads": 1},
            "2 правки · 5 улучшенных статей · 1 файл",
            "Спасибо за участие в кампании «WikiGap 2024»",
        ),
        (
            "pl",
            {"edits": 5, "articles_created": 2, "articles_improved": 5, "words_added": 22, "uploads": 3},
            "5 edycji · 2 utworzone artykuły · 5 ulepszonych artykułów · 22 słowa · 3 pliki",
            "Dziękujemy za udział w akcji „WikiGap 2024”",
        ),
        ("pl", {"edits": 1, "references_added": 1}, "1 edycja · 1 przypis", None),
    ],
)
def test_stats_and_heading_in_the_campaigns_language(language, numbers, stats, heading):
    [message] = compose(data(row("Ana", **numbers)), "{stats}", translator(language))
    assert body(message) == stats
    if heading:
        assert message.heading == heading


def test_numbers_are_formatted_the_languages_way():
    [message] = compose(data(row("Ana", edits=1234, words_added=5)), "{edits} {stats}", translator("ru"))
    assert body(message) == "1\xa0234 1\xa0234 правки · 5 слов"


def test_summaries_can_form_no_links():
    name = "[[Category:X]] /* Section */ [[:en:Evil|evil]] ~~~~ {{x}}"
    [message] = compose(data(row("Ana", edits=1), name=name), SIMPLE, EN)
    joiner = "\u2060"
    assert message.summary == (
        f"Thanks for [{joiner}[Category:X]{joiner}] /{joiner}* Section *{joiner}/ [{joiner}[:en:Evil|evil]{joiner}] "
        "~~~~ {{x}} (posted with wikitally)"
    )
    assert message.summary.replace(joiner, "") == f"Thanks for {name} (posted with wikitally)"


def test_summary_option_replaces_the_catalogues():
    [message] = compose(data(row("Ana", edits=1)), SIMPLE, EN, summary="Thanks from [[WP:WikiGap]]")
    assert message.summary == "Thanks from [[WP:WikiGap]]"


def test_marker_is_a_hash_of_the_campaign_key():
    [message] = compose(data(row("Ana", edits=1), name="Secret Drive"), SIMPLE, EN)
    assert message.marker == marker("Secret Drive")
    assert re.fullmatch(r"<!-- wikitally-thanks:[0-9a-f]{16} -->", message.marker)
    assert "Secret" not in message.marker and marker("Secret Drive") != marker("Secret Drive 2")
    assert message.text.endswith("~~~~\n" + message.marker)


def test_default_template_is_plain_self_contained_wikitext():
    template = load_template()
    assert "{body}" in template and "{campaign}" in template and "{signature}" in template
    assert "{{" not in template and "[[" not in template  # no templates (subst or not), files or links
    [message] = compose(data(row("Ana", edits=3, words_added=40)), template, EN)
    assert "Thank you for your contributions to WikiGap 2024: 3 edits · 40 words." in message.text
    [message] = compose(data(row("Ana", edits=2, articles_created=1)), template, translator("ru"))
    assert "Спасибо за ваш вклад в кампанию «WikiGap 2024»: 2 правки · 1 созданная статья." in message.text


def test_unknown_placeholders_and_unreadable_templates_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match=r"unknown placeholder \{usr\}"):
        compose(data(row("Ana", edits=1)), "Hi {usr}", EN)
    path = tmp_path / "t.wiki"
    path.write_text("Thanks {usernmae}", encoding="utf-8")
    with pytest.raises(UsageError, match=r"t\.wiki: unknown placeholder \{usernmae\}"):
        load_template(str(path))
    with pytest.raises(UsageError, match="cannot read the template"):
        load_template(str(tmp_path / "missing.wiki"))
    path.write_text("Hi {user}, {stats}", encoding="utf-8")
    assert load_template(str(path)) == "Hi {user}, {stats}"


# -- a scripted wiki -----------------------------------------------------------------------------------


class FakeWiki:
    """api.php enough for thanks: tokens, userinfo, login, prop=revisions (redirects), action=edit.
    `refuse[title]` is an error answer for edits there; `faults` are answers/exceptions for the next edits
    (an exception after saving when `lose_after_save`)."""

    def __init__(self, pages: dict[str, str] | None = None) -> None:
        self.pages = dict(pages or {})
        self.redirects: dict[str, str] = {}
        self.refuse: dict[str, dict[str, Any]] = {}
        self.faults: list[Any] = []
        self.lose_after_save = False
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.bodies: list[list[tuple[str, str]]] = []
        self.edits: list[dict[str, str]] = []
        self.logged_in = False
        self.logins = 0
        self.rights = ["read", "edit", "createtalk", "bot"]
        self.next_rev = 100
        self.fail_login = False

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            pairs = parse_qsl(request.content.decode(), keep_blank_values=True)
            self.bodies.append(pairs)
            params = dict(pairs)
        else:
            params = dict(request.url.params)
        self.requests.append((request.method, params))
        action = params.get("action", "query")
        if action == "query":
            return self.query(params)
        if action == "login":
            return self.login(params)
        if action == "edit":
            return self.edit(params)
        return ok({"error": {"code": "unknown_action", "info": action}})

    def query(self, params: dict[str, str]) -> httpx.Response:
        out: dict[str, Any] = {"batchcomplete": True, "query": {}}
        meta = params.get("meta", "").split("|")
        if "tokens" in meta:
            kind = params.get("type", "csrf")
            token = "L+\\" if kind == "login" else ("C+\\" if self.logged_in else "+\\")
            out["query"]["tokens"] = {f"{kind}token": token}
        if "userinfo" in meta:
            info = {"name": "Organizer", "rights": self.rights} if self.logged_in else {"anon": True}
            out["query"]["userinfo"] = info
        if params.get("prop") == "revisions":
            raw = params["titles"]
            titles = raw[1:].split("\x1f") if raw.startswith("\x1f") else raw.split("|")
            pages, redirects = [], []
            for title in titles:
                if re.search(r"[{}\[\]<>|#]", title):
                    pages.append({"title": title, "invalid": True, "invalidreason": "bad characters"})
                    continue
                target = self.redirects.get(title, title)
                if target != title:
                    redirects.append({"from": title, "to": target})
                ns = 3 if target.startswith("User talk:") else 0
                if target in self.pages:
                    slot = {"contentmodel": "wikitext", "content": self.pages[target]}
                    pages.append({"title": target, "ns": ns, "revisions": [{"slots": {"main": slot}}]})
                else:
                    pages.append({"title": target, "ns": ns, "missing": True})
            out["query"]["pages"] = pages
            if redirects:
                out["query"]["redirects"] = redirects
        return ok(out)

    def login(self, params: dict[str, str]) -> httpx.Response:
        self.logins += 1
        good = params.get("lgname") == BOT.user and params.get("lgpassword") == BOT.password
        if self.fail_login or not good or params.get("lgtoken") != "L+\\":
            return ok({"login": {"result": "Failed", "reason": "Incorrect username or password entered."}})
        self.logged_in = True
        return ok({"login": {"result": "Success", "lgusername": "Organizer"}})

    def edit(self, params: dict[str, str]) -> httpx.Response:
        if self.faults:
            fault = self.faults.pop(0)
            if isinstance(fault, Exception) and self.lose_after_save:
                self.save(params)
                raise fault
            if isinstance(fault, Exception):
                raise fault
            return fault
        if not self.logged_in or params.get("token") != "C+\\":
            return ok({"error": {"code": "assertuserfailed", "info": "You are no longer logged in."}})
        title = params["title"]
        if title in self.refuse:
            return ok(self.refuse[title])
        return ok({"edit": {"result": "Success", "title": title, "newrevid": self.save(params)}})

    def save(self, params: dict[str, str]) -> int:
        title = params["title"]
        section = f"== {params['sectiontitle']} ==\n\n{params['text']}"
        old = self.pages.get(title, "")
        self.pages[title] = f"{old}\n\n{section}" if old else section
        self.edits.append(params)
        self.next_rev += 1
        return self.next_rev

    def writes(self) -> list[tuple[str, dict[str, str]]]:
        return [(m, p) for m, p in self.requests if m == "POST" or p.get("action", "query") != "query"]


def ok(payload: dict[str, Any], status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=payload, headers=headers)


def session(wiki: FakeWiki, bot: BotPassword | None = BOT, **kw: Any) -> tuple[WriteSession, list[float]]:
    sleeps: list[float] = []
    clock = iter(range(0, 10_000, 1))
    s = WriteSession(
        API,
        bot,
        transport=wiki.transport(),
        sleep=sleeps.append,
        clock=lambda: float(next(clock)),
        contact="ops@example.org",
        **kw,
    )
    return s, sleeps


def four(name: str = "WikiGap 2024") -> list[Message]:
    rows = [row(u, edits=2) for u in ("Ana", "Besa", "Cene", "Dita")]
    return compose(data(*rows, name=name), SIMPLE, EN)


# -- posting ---------------------------------------------------------------------------------------------


def test_dry_run_reads_only_and_changes_nothing():
    composed = four()
    wiki = FakeWiki({"User talk:Besa": "Hello\n" + composed[1].text, "User talk:Cene": "Old talk"})
    before = dict(wiki.pages)
    s, _ = session(wiki, bot=None)  # a dry run needs no credentials
    results = post(composed, s)  # dry_run is the default
    assert [r.status for r in results] == ["would-post", "skipped-already", "would-post", "would-post"]
    assert wiki.pages == before and wiki.edits == [] and wiki.logins == 0
    assert wiki.writes() == []  # nothing but GET action=query: no login, no token, no edit
    assert all(p.get("meta") is None and p["prop"] == "revisions" for _, p in wiki.requests)
    assert len(wiki.requests) == 1  # four titles, one batched read


def test_dry_run_never_opens_a_socket(monkeypatch):
    """With every transport call failing but reads, a dry run still completes: it sent nothing else."""
    composed = four()
    wiki = FakeWiki()

    def guard(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        if request.method != "GET" or params.get("action") != "query" or "token" in str(request.url):
            raise AssertionError(f"a dry run sent {request.method} {request.url}")
        return wiki.handle(request)

    s = WriteSession(API, BOT, transport=httpx.MockTransport(guard), sleep=lambda _: None)
    assert {r.status for r in post(composed, s, dry_run=True)} == {"would-post"}


def test_post_posts_skips_the_thanked_and_a_refusal_does_not_stop_the_others():
    composed = four()
    wiki = FakeWiki({"User talk:Besa": "Earlier\n" + composed[1].text, "User talk:Cene": "Old talk"})
    wiki.refuse["User talk:Cene"] = {
        "error": {"code": "protectedpage", "info": "This page has been protected."}
    }
    s, _ = session(wiki, tags=["campaign-thanks"])
    results = post(composed, s, dry_run=False)
    assert [(r.user, r.status) for r in results] == [
        ("Ana", "posted"),
        ("Besa", "skipped-already"),
        ("Cene", "failed"),
        ("Dita", "posted"),
    ]
    assert results[2].reason == "protectedpage: This page has been protected."
    assert results[0].rev_id == 101 and results[3].rev_id == 102
    assert [e["title"] for e in wiki.edits] == ["User talk:Ana", "User talk:Dita"]
    assert wiki.logins == 1
    sent = wiki.edits[0]
    assert sent["section"] == "new" and sent["sectiontitle"] == "Thank you for taking part in WikiGap 2024"
    assert sent["text"] == composed[0].text and sent["summary"] == composed[0].summary
    assert sent["assert"] == "user" and sent["maxlag"] == "5" and sent["bot"] == "1"
    assert sent["tags"] == "campaign-thanks" and sent["watchlist"] == "nochange"
    edit_bodies = [b for b in wiki.bodies if dict(b).get("action") == "edit"]
    assert all(b[-1][0] == "token" for b in edit_bodies)  # the token goes last
    assert wiki.pages["User talk:Dita"].endswith(composed[3].marker)


def test_a_second_run_posts_nothing_and_does_not_even_log_in():
    composed = four()
    wiki = FakeWiki()
    s, _ = session(wiki)
    assert {r.status for r in post(composed, s, dry_run=False)} == {"posted"}
    pages, logins = dict(wiki.pages), wiki.logins
    again, _ = session(wiki)
    wiki.logged_in = False
    assert {r.status for r in post(composed, again, dry_run=False)} == {"skipped-already"}
    assert wiki.pages == pages and wiki.logins == logins and len(wiki.edits) == 4


def test_a_run_after_a_crash_half_way_posts_only_the_rest():
    composed = four()
    wiki = FakeWiki()
    s, _ = session(wiki)
    post(composed[:2], s, dry_run=False)  # the crash: the run never reached Cene and Dita
    s2, _ = session(wiki)
    results = post(composed, s2, dry_run=False)
    assert [r.status for r in results] == ["skipped-already", "skipped-already", "posted", "posted"]
    assert sorted(e["title"] for e in wiki.edits) == [m.page for m in composed]


def test_another_campaigns_thanks_do_not_count():
    wiki = FakeWiki({"User talk:Ana": four("Another drive")[0].text})
    s, _ = session(wiki)
    assert post(four()[:1], s, dry_run=False)[0].status == "posted"


def test_a_lost_answer_is_checked_before_posting_again():
    composed = four()[:1]
    wiki = FakeWiki()
    wiki.faults = [httpx.ReadTimeout("lost")]
    wiki.lose_after_save = True  # the wiki saved it, the answer never came
    s, sleeps = session(wiki)
    [result] = post(composed, s, dry_run=False)
    assert result.status == "posted" and result.rev_id is None
    assert len(wiki.edits) == 1 and wiki.pages["User talk:Ana"].count(composed[0].marker) == 1
    assert len(sleeps) == 1


def test_a_lost_request_that_was_not_saved_is_sent_again():
    wiki = FakeWiki()
    wiki.faults = [httpx.ConnectTimeout("no route"), httpx.Response(502)]
    s, _ = session(wiki)
    [result] = post(four()[:1], s, dry_run=False)
    assert result.status == "posted" and len(wiki.edits) == 1


def test_maxlag_and_throttling_on_edits_honour_retry_after():
    wiki = FakeWiki()
    lag = {"error": {"code": "maxlag", "info": "Waiting for a database server: 7 seconds lagged."}}
    wiki.faults = [ok(lag, **{"Retry-After": "7"}), ok({}, status=429, **{"Retry-After": "3"})]
    s, sleeps = session(wiki)
    [result] = post(four()[:1], s, dry_run=False)
    assert result.status == "posted" and sleeps == [7.0, 3.0] and len(wiki.edits) == 1


def test_a_wiki_that_keeps_failing_ends_the_run():
    wiki = FakeWiki()
    wiki.faults = [httpx.Response(503)] * 6
    s, sleeps = session(wiki, max_attempts=6)
    seen: list[str] = []
    with pytest.raises(SourceError, match="gave up after 6 attempts"):
        post(four(), s, dry_run=False, on_result=lambda r: seen.append(r.status))
    assert seen == [] and wiki.edits == [] and max(sleeps) <= 120


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ({"error": {"code": "editconflict", "info": "Edit conflict."}}, "editconflict: Edit conflict."),
        ({"error": {"code": "abusefilter-disallowed", "info": "Hit filter 12"}}, "abusefilter-disallowed:"),
        ({"error": {"code": "abusefilter-warning", "info": "Warning"}}, "abusefilter-warning:"),
        ({"error": {"code": "spamblacklist", "info": "spam.example"}}, "spamblacklist: spam.example"),
        ({"error": {"code": "blocked", "info": "You have been blocked."}}, "blocked: You have been blocked."),
        ({"error": {"code": "protectedpage", "info": "Protected."}}, "protectedpage: Protected."),
        (
            {"edit": {"result": "Failure", "captcha": {"type": "simple", "id": "1", "question": "1+1"}}},
            "captcha: the wiki asks for a CAPTCHA",
        ),
        ({"edit": {"result": "Failure", "spamblacklist": "spam.example"}}, "spamblacklist: spam.example"),
    ],
)
def test_refusals_fail_that_message_once_and_the_others_go_on(answer, reason):
    composed = four()[:2]
    wiki = FakeWiki()
    wiki.refuse["User talk:Ana"] = answer
    s, sleeps = session(wiki)
    first, second = post(composed, s, dry_run=False)
    assert first.status == "failed" and first.reason.startswith(reason)
    assert second.status == "posted"
    edit_requests = [p for _, p in wiki.requests if p.get("action") == "edit"]
    assert [p["title"] for p in edit_requests] == ["User talk:Ana", "User talk:Besa"]  # never retried
    assert sleeps == [4.0]  # the pause between two edits, nothing else


def test_edits_are_paced():
    wiki = FakeWiki()
    s, sleeps = session(wiki, edit_interval_s=10.0)
    post(four(), s, dry_run=False)
    assert len(wiki.edits) == 4 and len(sleeps) == 3 and all(0 < d <= 10.0 for d in sleeps)


def test_a_lost_login_is_renewed_once():
    wiki = FakeWiki()
    s, _ = session(wiki)
    s.login()
    wiki.logged_in = False  # the session expired on the wiki
    [result] = post(four()[:1], s, dry_run=False)
    assert result.status == "posted" and wiki.logins == 2


def test_refused_tags_stop_the_run_as_a_usage_error():
    wiki = FakeWiki()
    wiki.refuse["User talk:Ana"] = {"error": {"code": "tags-apply-not-allowed-one", "info": "no such tag"}}
    s, _ = session(wiki, tags=["nope"])
    with pytest.raises(UsageError, match="refuses the tag"):
        post(four(), s, dry_run=False)
    assert wiki.edits == []


def test_bad_titles_and_redirects_elsewhere_fail_alone():
    composed = compose(
        data(row("}}{{evil}}", edits=1), row("Ana", edits=1), row("Besa", edits=1)), SIMPLE, EN
    )
    wiki = FakeWiki({"Main Page": "x", "User talk:Ana (old)": "Archive"})
    wiki.redirects = {"User talk:Besa": "Main Page", "User talk:Ana": "User talk:Ana (old)"}
    s, _ = session(wiki)
    evil, ana, besa = post(composed, s, dry_run=False)
    assert evil.status == "failed" and "no talk page can have this title" in evil.reason
    assert besa.status == "failed" and "redirects to Main Page" in besa.reason
    assert ana.status == "posted" and ana.page == "User talk:Ana (old)"
    assert [e["title"] for e in wiki.edits] == ["User talk:Ana (old)"]


def test_titles_are_read_fifty_a_request():
    rows = [row(f"User {i}", edits=1) for i in range(120)]
    wiki = FakeWiki()
    s, _ = session(wiki, bot=None)
    results = post(compose(data(*rows), SIMPLE, EN), s)
    assert len(results) == 120 and len(wiki.requests) == 3
    assert [len(p["titles"].split("|")) for _, p in wiki.requests] == [50, 50, 20]


def test_multi_value_uses_the_unit_separator_when_a_value_has_a_pipe():
    assert multi_value(["a", "b"]) == "a|b"
    assert multi_value(["a|b", "c"]) == "\x1fa|b\x1fc"


# -- credentials -----------------------------------------------------------------------------------------


def test_credentials_come_only_from_the_environment():
    bot = bot_password_from_env({ENV_USER: " Organizer@wikitally ", ENV_PASSWORD: BOT.password})
    assert bot == BotPassword("Organizer@wikitally", BOT.password)
    assert BOT.password not in repr(bot)
    with pytest.raises(UsageError, match=f"set {ENV_PASSWORD}") as e:
        bot_password_from_env({ENV_USER: "Organizer@wikitally"})
    assert e.value.exit_code == 2
    with pytest.raises(UsageError, match=f"set {ENV_USER} and {ENV_PASSWORD}"):
        bot_password_from_env({})
    with pytest.raises(UsageError, match="User@BotName"):
        bot_password_from_env({ENV_USER: "Organizer", ENV_PASSWORD: "x"})


def test_a_refused_login_is_one_usage_error_without_the_password():
    wiki = FakeWiki()
    wiki.fail_login = True
    s, _ = session(wiki)
    with pytest.raises(UsageError) as e:
        post(four()[:1], s, dry_run=False)
    assert "login as Organizer@wikitally failed: Incorrect username or password" in str(e.value)
    assert BOT.password not in str(e.value) and wiki.edits == []
    assert all(BOT.password not in str(p) for m, p in wiki.requests if m == "GET")  # only ever POSTed


def test_a_bot_password_without_the_edit_grant_is_a_usage_error():
    wiki = FakeWiki()
    wiki.rights = ["read"]
    s, _ = session(wiki)
    with pytest.raises(UsageError, match="Edit existing pages"):
        s.login()


def test_the_cli_wants_the_credentials_before_anything_else(tmp_path, monkeypatch):
    campaign = tmp_path / "campaign.toml"
    campaign.write_text(
        'name = "X"\nstart = 2024-03-08T09:00:00+01:00\nend = 2024-03-09T09:00:00+01:00\n'
        'wikis = ["sq.wikipedia.org"]\nparticipants = ["Ana"]\n',
        encoding="utf-8",
    )
    monkeypatch.delenv(ENV_USER, raising=False)
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    monkeypatch.setattr(thanks, "thank", lambda *a, **k: pytest.fail("must not get this far"))
    db = tmp_path / "never.sqlite3"
    done = CliRunner().invoke(main, ["thank", str(campaign), "--post", "--db", str(db)])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"wikitally: posting needs a bot password: set {ENV_USER} and {ENV_PASSWORD} "
        f"(make one on the wiki's Special:BotPasswords; {ENV_USER} is User@BotName)"
    ]
    assert not db.exists()
