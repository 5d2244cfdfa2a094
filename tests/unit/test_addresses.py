"""Which wiki addresses a server may fetch (collect/addresses.py): every kind of address that isn't public,
https only, the operator's allowance, and the guard on requests, redirects and connections. Offline: names
resolve through a resolver given to the guard (the tests' conftest blocks DNS), or are addresses."""

from __future__ import annotations

import http.server
import threading
import tomllib
import urllib.request
from collections.abc import Iterator
from ipaddress import ip_address

import httpx
import pytest

from wikitally.campaign_file import parse_campaign
from wikitally.collect import addresses
from wikitally.collect.addresses import Allowance, Guard, refused_kind
from wikitally.collect.api import ApiSession, PoliteClient
from wikitally.errors import AddressError, UsageError

PUBLIC_V4, PUBLIC_V6 = "208.80.154.224", "2620:0:862:ed1a::1"  # Wikimedia's
API = "https://sq.wikipedia.org/w/api.php"


def dns(table: dict[str, list[str]]) -> addresses.Resolver:
    """A resolver answering from a table; a name it lacks resolves to nothing."""
    return lambda host, port: list(table.get(host, []))


def guard(allow: str = "", **table: list[str]) -> Guard:
    names = {name.replace("_", "."): found for name, found in table.items()}
    return Guard(Allowance.parse(allow), dns(names))


def refusal(g: Guard, url: str) -> str:
    with pytest.raises(AddressError) as raised:
        g.check_url(url)
    return raised.value.why


# -- the kinds of address


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),  # unique local, fc00::/7
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("239.1.2.3", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "unspecified"),  # "this network"
        ("::", "unspecified"),
        ("100.64.0.1", "shared"),  # carrier-grade NAT
        ("100.127.255.254", "shared"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.1", "private"),  # documentation
        ("198.18.0.1", "private"),  # benchmarking
        ("fec0::1", "site-local"),
        # IPv6 forms of IPv4 addresses are judged as the IPv4 address they reach
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "link-local"),
        ("::127.0.0.1", "loopback"),  # IPv4-compatible (deprecated)
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("64:ff9b:1::1", "private"),  # local-use NAT64
        ("2002:7f00:1::1", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("::ffff:0:7f00:1", "reserved"),  # IPv4-translated
        # public
        (PUBLIC_V4, None),
        (PUBLIC_V6, None),
        ("8.8.8.8", None),
        ("::ffff:8.8.8.8", None),
        ("64:ff9b::808:808", None),
        ("2002:808:808::1", None),
    ],
)
def test_kinds_of_address(address: str, kind: str | None) -> None:
    assert refused_kind(ip_address(address)) == kind


# -- URLs


def test_a_public_https_wiki_is_fetched() -> None:
    guard(sq_wikipedia_org=[PUBLIC_V4, PUBLIC_V6]).check_url(API)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://127.0.0.1/w/api.php", "127.0.0.1 is a loopback address"),
        ("http://127.0.0.1:5432/", "127.0.0.1 is a loopback address"),
        ("https://[::1]:8080/api.php", "::1 is a loopback address"),
        ("https://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("https://10.0.0.8/w/api.php", "10.0.0.8 is a private address"),
        ("https://[fd00::8]/w/api.php", "fd00::8 is a private address"),
        ("https://metadata.example/", "metadata.example resolves to 169.254.169.254, a link-local address"),
        ("https://intranet.example/w/api.php", "intranet.example resolves to 10.0.0.7, a private address"),
        ("https://mapped.example/", "mapped.example resolves to ::ffff:a00:7, a private address"),
        ("https://cgnat.example/", "cgnat.example resolves to 100.64.3.4, a carrier-grade NAT address"),
        ("https://sq.wikipedia.org@127.0.0.1/w/api.php", "127.0.0.1 is a loopback address"),
        ("http://sq.wikipedia.org/w/api.php", "it is not https"),
        ("http://nowhere.example/w/api.php", "it is not https"),
        ("ftp://sq.wikipedia.org/", "it is not an http(s) URL"),
        ("file:///etc/passwd", "it is not an http(s) URL"),
    ],
)
def test_refused_urls(url: str, why: str) -> None:
    g = guard(
        sq_wikipedia_org=[PUBLIC_V4],
        metadata_example=["169.254.169.254"],
        intranet_example=["10.0.0.7"],
        mapped_example=["::ffff:10.0.0.7"],
        cgnat_example=["100.64.3.4"],
    )
    assert refusal(g, url) == why


def test_every_address_of_a_name_must_be_public() -> None:
    g = guard(split_example=[PUBLIC_V4, PUBLIC_V6, "10.0.0.7"], v6_example=[PUBLIC_V4, "fe80::5"])
    assert (
        refusal(g, "https://split.example/w/api.php")
        == "split.example resolves to 10.0.0.7, a private address"
    )
    assert refusal(g, "https://v6.example/") == "v6.example resolves to fe80::5, a link-local address"


def test_a_name_that_resolves_to_nothing_is_left_to_the_connection() -> None:
    guard().check_url("https://nowhere.example/w/api.php")  # its fetch fails as any wrong domain does


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1", "127.1", "017700000001"])
def test_other_spellings_of_loopback_are_resolved_as_the_system_does(host: str) -> None:
    with pytest.raises(AddressError, match=r"resolves to 127\.0\.0\.1, a loopback address"):
        Guard().check_url(f"https://{host}/w/api.php")  # the system's resolver; no DNS for these


def test_the_error_is_one_line_with_the_fix_and_no_credentials() -> None:
    with pytest.raises(AddressError) as raised:
        guard().check_url("http://wikiuser:secret@127.0.0.1:8080/api.php?action=query#x")
    line = str(raised.value)
    assert line == (
        "this server may not fetch http://127.0.0.1:8080/api.php: 127.0.0.1 is a loopback address; use the "
        "wiki's public https address, or ask the server's operator to allow it in WIKITALLY_ALLOW_PRIVATE_WIKIS"
    )
    assert raised.value.exit_code == 2


# -- the operator's allowance


def test_allowance_items() -> None:
    allowance = Allowance.parse(" 127.0.0.1, 10.0.0.0/8 ,Wiki.LAN., [::1], fd00::/8,,")
    assert not allowance.everything
    assert allowance.hosts == {"wiki.lan"}
    assert [str(n) for n in allowance.networks] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128", "fd00::/8"]
    assert Allowance.parse("") == Allowance()
    assert Allowance.parse("*").everything and Guard(Allowance.parse("*")).off


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1", "'1' is not a host or network; write * to allow every address"),
        ("yes", "'yes' is not a host or network; write * to allow every address"),
        ("wiki lan", "'wiki lan' is not a host name, an address or a network"),
        ("127.1", "'127.1' is not a host name, an address or a network"),
        ("10.0.0.0/33", "'10.0.0.0/33' is not a host name, an address or a network"),
    ],
)
def test_allowance_mistakes(text: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        Allowance.parse(text)
    assert str(raised.value).startswith(f"WIKITALLY_ALLOW_PRIVATE_WIKIS: {message}")


def test_allowed_addresses_are_fetched_over_http_too() -> None:
    g = guard("127.0.0.1, 10.0.0.0/8", local_test=["127.0.0.1"], mixed_example=["10.1.1.1", "192.168.0.1"])
    g.check_url("http://127.0.0.1:8080/api.php")
    g.check_url("https://127.0.0.1/w/api.php")
    g.check_url("http://local.test:8080/api.php")
    g.check_url("http://10.9.8.7/w/api.php")
    assert refusal(g, "http://127.0.0.2/") == "127.0.0.2 is a loopback address"
    assert refusal(g, "https://[::1]/") == "::1 is a loopback address"
    assert refusal(g, "https://mixed.example/") == "mixed.example resolves to 192.168.0.1, a private address"


def test_allowed_hosts_are_fetched_whatever_they_resolve_to() -> None:
    g = guard("wiki.lan", wiki_lan=["10.0.0.5"], other_lan=["10.0.0.5"])
    g.check_url("http://wiki.lan/w/api.php")
    g.check_url("https://WIKI.lan./w/api.php")
    assert refusal(g, "https://other.lan/") == "other.lan resolves to 10.0.0.5, a private address"


def test_a_public_address_in_an_allowed_network_still_needs_https() -> None:
    g = guard("10.0.0.0/8", sq_wikipedia_org=[PUBLIC_V4])
    assert refusal(g, "http://sq.wikipedia.org/w/api.php") == "it is not https"


def test_star_allows_everything() -> None:
    g = guard("*", intranet_example=["10.0.0.7"])
    for url in ("http://127.0.0.1:5432/", "http://169.254.169.254/", "http://intranet.example/", "ftp://x/"):
        g.check_url(url)


def test_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIKITALLY_ALLOW_PRIVATE_WIKIS", raising=False)
    assert Guard.from_settings() == Guard(Allowance())
    monkeypatch.setenv("WIKITALLY_ALLOW_PRIVATE_WIKIS", "127.0.0.1,wiki.lan")
    assert Guard.from_settings().allowance == Allowance.parse("wiki.lan, 127.0.0.1")
    monkeypatch.setenv("WIKITALLY_ALLOW_PRIVATE_WIKIS", "1")
    with pytest.raises(UsageError):
        Guard.from_settings()


# -- a campaign's addresses, each at its field


def campaign(**changes: object):
    data = {
        "name": "Private",
        "start": "2024-03-08T00:00:00+01:00",
        "end": "2024-03-15T00:00:00+01:00",
        "wikis": ["sq.wikipedia.org", "a.wiki.test"],
        "hashtags": ["#x"],
        **changes,
    }
    for key in ("start", "end"):
        data[key] = tomllib.loads(f"v = {data[key]}")["v"]
    return parse_campaign(data, "private.toml")


def test_each_address_is_reported_at_the_field_that_gave_it() -> None:
    g = guard(sq_wikipedia_org=[PUBLIC_V4], meta_wikimedia_org=[PUBLIC_V4], a_wiki_test=["127.0.0.1"])
    with pytest.raises(AddressError) as raised:
        addresses.check_campaign(campaign(), g)
    assert (raised.value.field, raised.value.url) == ("wikis", "https://a.wiki.test/w/api.php")
    assert str(raised.value).startswith(
        "private.toml: wikis: this server may not fetch https://a.wiki.test/w/api.php: a.wiki.test resolves to "
        "127.0.0.1, a loopback address; use the wiki's public https address"
    )
    api = {"a.wiki.test": "http://127.0.0.1:8080/api.php"}
    with pytest.raises(AddressError) as raised:
        addresses.check_campaign(campaign(api=api), g)
    assert raised.value.field == "api.a.wiki.test"
    with pytest.raises(AddressError) as raised:
        addresses.check_campaign(
            campaign(wikis=["sq.wikipedia.org"], participants_page="a.wiki.test:Participants"), g
        )
    assert raised.value.field == "participants_page"
    addresses.check_campaign(
        campaign(wikis=["sq.wikipedia.org"], participants_page="meta.wikimedia.org:Event/Participants"), g
    )
    addresses.check_campaign(campaign(api=api), Guard(Allowance.parse("127.0.0.1, a.wiki.test"), g.resolver))


# -- sessions: every request, redirects included


def redirecting(location: str, seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/w/api.php":
            return httpx.Response(302, headers={"Location": location})
        return httpx.Response(200, json={"batchcomplete": True, "query": {}})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("http://10.0.0.1/w/other.php", "10.0.0.1 is a private address"),
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("https://intranet.example/w/other.php", "intranet.example resolves to 10.0.0.7, a private address"),
        ("http://sq.wikipedia.org/w/other.php", "it is not https"),
    ],
)
def test_a_guarded_session_refuses_a_redirect_to_a_private_address(location: str, why: str) -> None:
    seen: list[httpx.Request] = []
    g = guard(sq_wikipedia_org=[PUBLIC_V4], intranet_example=["10.0.0.7"])
    transport = redirecting(location, seen)
    with (
        ApiSession(API, transport=transport, sleep=lambda s: None, guard=g) as session,
        pytest.raises(AddressError) as raised,
    ):
        session.get({"meta": "siteinfo"})
    assert raised.value.why == why
    assert [r.url.host for r in seen] == ["sq.wikipedia.org"]  # the redirect was never sent


def test_a_guarded_session_follows_a_redirect_to_a_public_address() -> None:
    seen: list[httpx.Request] = []
    g = guard(sq_wikipedia_org=[PUBLIC_V4], www_example_org=[PUBLIC_V6])
    transport = redirecting("https://www.example.org/w/other.php", seen)
    with ApiSession(API, transport=transport, sleep=lambda s: None, guard=g) as session:
        assert session.get({"meta": "siteinfo"})["batchcomplete"] is True
    assert [r.url.host for r in seen] == ["sq.wikipedia.org", "www.example.org"]


def test_an_unguarded_session_is_the_clis_and_fetches_anything() -> None:
    seen: list[httpx.Request] = []
    transport = redirecting("http://127.0.0.1:8080/w/other.php", seen)
    with ApiSession("http://127.0.0.1:8080/w/api.php", transport=transport, sleep=lambda s: None) as session:
        assert session.get({"meta": "siteinfo"})["batchcomplete"] is True
    assert len(seen) == 2


# -- connections go to the checked address


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urllib.request, "getproxies", dict)


@pytest.fixture
def local_server() -> Iterator[tuple[int, list[str]]]:
    """An HTTP server on 127.0.0.1 answering {} to any GET; yields its port and the Host headers it saw."""
    hosts: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hosts.append(self.headers["Host"])
            body = b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hosts
    server.shutdown()
    server.server_close()


def test_a_connection_goes_to_the_address_that_was_checked(no_proxy, local_server) -> None:
    port, hosts = local_server
    g = guard("127.0.0.1", pinned_example=["127.0.0.1"])  # DNS itself doesn't know pinned.example
    with PoliteClient(guard=g, sleep=lambda s: None) as client:
        assert client.get_json(f"http://pinned.example:{port}/w/api.php") == (200, {})
    assert hosts == [f"pinned.example:{port}"]


def test_a_name_that_changes_to_a_private_address_before_connecting_is_refused(no_proxy) -> None:
    """DNS rebinding: public when the request is checked, loopback when the connection is made."""
    answers = [[PUBLIC_V4], ["127.0.0.1"]]
    g = Guard(Allowance(), lambda host, port: answers.pop(0))
    with PoliteClient(guard=g, sleep=lambda s: None) as client, pytest.raises(AddressError) as raised:
        client.get_json("https://rebind.example/w/api.php")
    assert raised.value.why == "rebind.example resolves to 127.0.0.1, a loopback address"
    assert answers == []


def test_behind_a_proxy_the_proxy_connects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urllib.request, "getproxies", lambda: {"https": "http://proxy.internal:3128"})
    assert guard().transport() is None
    monkeypatch.setattr(urllib.request, "getproxies", dict)
    assert isinstance(guard().transport(), httpx.HTTPTransport)
    assert guard("*").transport() is None
