"""Which wiki addresses a server may fetch: the guard against server-side request forgery.

A campaign defined on the web names its wikis, their API URLs and a participants page; the refresh worker
then fetches them. Without a guard an organizer could make the server fetch anything it can reach: its own
database port on 127.0.0.1, the cloud's metadata at 169.254.169.254, hosts of the intranet. So for the web's
campaigns (never for `wikitally collect`, whose user fetches on their own machine) an address is fetched
only when its scheme is https and every address its host resolves to is public; the operator allows more
with WIKITALLY_ALLOW_PRIVATE_WIKIS (`Allowance`): host names, addresses or networks (fetched over http or
https, whatever they resolve to), or `*` for everything.

`Guard.check_url` is the rule (the resolver is a parameter: tests never ask DNS). It is enforced three
times: when a campaign is saved (the web form) and before each refresh (`check_campaign`: DNS may change
between the two), on every request a guarded session sends, redirects included (`request_hook`), and on
every connection it opens (`transport`: the connection goes to the very address that was checked, so a
name that resolves to a public address for the check and to a private one for the connection — DNS
rebinding — is refused too).
"""

from __future__ import annotations

import re
import socket
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network
from typing import Any

import httpcore
import httpx

from wikitally import settings
from wikitally.collect.deadline import DeadlinePassed, lookup
from wikitally.errors import AddressError, UsageError
from wikitally.model import Campaign

Resolver = Callable[[str, int], list[str]]  # (host, port) -> its addresses; [] when it resolves to nothing
IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network

SETTING = "allow_private_wikis"
# The longest a host's lookup may take when a campaign is checked (saving the web form, before a refresh);
# during a request, the request's own deadline bounds it (collect/deadline.py).
LOOKUP_TIMEOUT_S = 10.0
_THIS_NETWORK = ip_network("0.0.0.0/8")  # "this network": Linux connects 0.0.0.0 to the host itself
_SHARED = ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
_IPV4_COMPATIBLE = ip_network("::/96")  # deprecated ::a.b.c.d
_NAT64 = ip_network("64:ff9b::/96")  # well-known NAT64 prefix: 64:ff9b::a.b.c.d reaches a.b.c.d
_NAT64_LOCAL = ip_network("64:ff9b:1::/48")  # local-use NAT64 (RFC 8215)
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
_FLAG_WORDS = frozenset({"1", "true", "yes", "on"})

# What a refused address is, as a sentence ends: "127.0.0.1 is a loopback address".
KINDS = {
    "unspecified": "an unspecified address",
    "loopback": "a loopback address",
    "link-local": "a link-local address",
    "multicast": "a multicast address",
    "site-local": "a site-local address",
    "shared": "a carrier-grade NAT address",
    "private": "a private address",
    "reserved": "a reserved address",
    "non-public": "not a public address",
}


# -- the rules (pure)


def embedded_ipv4(ip: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if any: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d,
    NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):  # :: and ::1 are themselves
        return IPv4Address(int(ip) & 0xFFFF_FFFF)
    return ip.sixtofour


def refused_kind(ip: IPAddress) -> str | None:
    """Why a server may not fetch from ip (a key of KINDS), or None when it is a public address."""
    if isinstance(ip, IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            return refused_kind(inner)
        if ip in _NAT64_LOCAL:
            return "private"
        if ip.is_site_local:
            return "site-local"
    if ip.is_unspecified or ip in _THIS_NETWORK:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip in _SHARED:
        return "shared"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "non-public"
    return None


@dataclass(frozen=True)
class Allowance:
    """What the operator allows beyond public https wikis (WIKITALLY_ALLOW_PRIVATE_WIKIS)."""

    everything: bool = False
    hosts: frozenset[str] = frozenset()  # host names, lower case, fetched whatever they resolve to
    networks: tuple[IPNetwork, ...] = ()  # addresses fetched although not public

    @classmethod
    def parse(cls, text: str) -> Allowance:
        """The setting's comma-separated items: `*`, host names, addresses and networks (CIDR)."""
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        everything = False
        env = settings.SETTINGS[SETTING].env
        for raw in text.split(","):
            item = raw.strip().lower().rstrip(".")
            if not item:
                continue
            if item == "*":
                everything = True
                continue
            try:
                networks.append(ip_network(item.strip("[]"), strict=False))
                continue
            except ValueError:
                pass
            if item in _FLAG_WORDS:
                raise UsageError(
                    f"{env}: {raw.strip()!r} is not a host or network; write * to allow every address"
                )
            if not _HOST.match(item) or not re.search(r"[a-z]", item):
                raise UsageError(
                    f"{env}: {raw.strip()!r} is not a host name, an address or a network; "
                    "write e.g. wiki.lan, 10.0.0.5, 10.0.0.0/8 or *"
                )
            hosts.add(item)
        return cls(everything, frozenset(hosts), tuple(networks))

    @classmethod
    def from_settings(cls) -> Allowance:
        return cls.parse(settings.get(SETTING))

    def allows_host(self, host: str) -> bool:
        return self.everything or host.lower().rstrip(".") in self.hosts

    def allows_address(self, ip: IPAddress) -> bool:
        return self.everything or any(ip.version == net.version and ip in net for net in self.networks)


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses host resolves to (getaddrinfo, TCP) in the order a connection tries them; [] when it
    resolves to nothing."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class Guard:
    """The rule for one server: public https addresses, plus what `allowance` allows. `resolver` is None for
    the system's (looked up when used, so tests can replace it)."""

    allowance: Allowance = Allowance()
    resolver: Resolver | None = None

    @classmethod
    def from_settings(cls) -> Guard:
        return cls(Allowance.from_settings())

    @property
    def off(self) -> bool:
        """True when the operator allows every address (`*`): nothing is checked."""
        return self.allowance.everything

    def addresses(self, host: str, port: int, timeout: float | None = None) -> list[IPAddress]:
        """The host's addresses: itself when it is an address, else what the resolver says within timeout
        and the current request's deadline (DeadlinePassed past them)."""
        literal = _literal(host)
        if literal is not None:
            return [literal]
        resolve = self.resolver or system_resolver
        found = lookup(lambda: resolve(host, port), timeout)
        return [ip for ip in (_literal(a) for a in found) if ip is not None]

    def refusal(self, host: str, addresses: Iterable[IPAddress]) -> str | None:
        """Why a host with these addresses may not be fetched (English), or None."""
        if self.allowance.allows_host(host):
            return None
        literal = _literal(host)
        for ip in addresses:
            kind = refused_kind(ip)
            if kind is not None and not self.allowance.allows_address(ip):
                if literal is not None:
                    return f"{ip} is {KINDS[kind]}"
                return f"{host} resolves to {ip}, {KINDS[kind]}"
        return None

    def check_url(self, url: str | httpx.URL, timeout: float | None = None) -> None:
        """AddressError unless url may be fetched: every address of its host public (or allowed), and https
        (or a host the operator allows). A name that resolves to nothing passes: its fetch fails anyway."""
        if self.off:
            return
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL:
            raise AddressError(str(url), "it is not a usable URL") from None
        host = parsed.host
        if not host or parsed.scheme not in ("http", "https"):
            raise AddressError(_shown(parsed), "it is not an http(s) URL")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = self.addresses(host, port, timeout)
        why = self.refusal(host, addresses)
        if why is not None:
            raise AddressError(_shown(parsed), why)
        if parsed.scheme != "https" and not self._trusted(host, addresses):
            raise AddressError(_shown(parsed), "it is not https")

    def _trusted(self, host: str, addresses: list[IPAddress]) -> bool:
        """A host the operator allows by name, or whose every address is in an allowed network."""
        if self.allowance.allows_host(host):
            return True
        return bool(addresses) and all(self.allowance.allows_address(ip) for ip in addresses)

    # -- enforcing on an httpx client

    def request_hook(self) -> Callable[[httpx.Request], None]:
        """An httpx "request" event hook: check_url on every request, redirects included (httpx calls it for
        each hop). An address that passed is not resolved again for the same client."""
        passed: set[tuple[str, str, int | None]] = set()

        def hook(request: httpx.Request) -> None:
            key = (request.url.scheme, request.url.host, request.url.port)
            if key not in passed:
                try:
                    self.check_url(request.url)
                except DeadlinePassed as e:
                    raise httpx.ConnectTimeout(str(e), request=request) from None
                passed.add(key)

        return hook

    def transport(self) -> httpx.BaseTransport | None:
        """A transport whose connections go only to checked addresses; None when the environment names a
        proxy (the proxy then connects; the request hook still checks every URL)."""
        if self.off or any(urllib.request.getproxies()):
            return None
        return _CheckedTransport(self)


def check_campaign(campaign: Campaign, guard: Guard, lookup_timeout_s: float = LOOKUP_TIMEOUT_S) -> None:
    """AddressError naming the campaign file's field unless every API the campaign names may be fetched."""
    for field, url in campaign_urls(campaign):
        try:
            guard.check_url(url, lookup_timeout_s)
        except DeadlinePassed:
            why = f"looking up its host took longer than {lookup_timeout_s:g} s"
            fix = "try again later, or check the address's host name"
            raise AddressError(url, why, source=campaign.source, field=field, fix=fix) from None
        except AddressError as e:
            raise AddressError(e.url, e.why, source=campaign.source, field=field) from None


def campaign_urls(campaign: Campaign) -> Iterator[tuple[str, str]]:
    """(field, API URL) of every wiki a campaign reads: its wikis, then its participants page's wiki. The field
    is the key that gave the URL: `api.DOMAIN` for an [api] entry."""
    domains = list(campaign.wikis)
    if campaign.participants_page:
        page_wiki = campaign.participants_page.split(":", 1)[0]
        if page_wiki not in domains:
            domains.append(page_wiki)
    for domain in domains:
        if domain in campaign.api:
            yield f"api.{domain}", campaign.api_url(domain)
        else:
            yield ("wikis" if domain in campaign.wikis else "participants_page"), campaign.api_url(domain)


def _literal(host: str) -> IPAddress | None:
    try:
        return ip_address(host.strip("[]"))
    except ValueError:
        return None


def _shown(url: httpx.URL) -> str:
    """The URL without credentials, query or fragment (one short line)."""
    return f"{url.scheme}://{url.netloc.decode('ascii')}{url.path}"


# -- connections: resolve once, check, connect to what was checked


class _CheckedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, resolving each host itself: every address must pass the guard, and the
    connection goes to those addresses (TLS still verifies the host's name: httpcore sends it as SNI)."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self.guard.addresses(host, port)
        except DeadlinePassed as e:
            raise httpcore.ConnectTimeout(str(e)) from None
        why = self.guard.refusal(host, addresses)
        if why is not None:
            raise AddressError(f"{host}:{port}", why)
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        failed: httpcore.ConnectError | None = None
        for ip in addresses:
            try:
                return self.inner.connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as e:
                failed = e
        assert failed is not None
        raise failed

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport with _CheckedBackend under its connection pool. httpx has no public way to give
    its pool a network backend (httpcore's is public), so the pool is replaced; test_addresses connects
    through it, so an httpx that moves the pool fails the tests, not a server."""

    def __init__(self, guard: Guard) -> None:
        super().__init__()
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_CheckedBackend(guard),
        )
