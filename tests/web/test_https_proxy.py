"""Behind an HTTPS reverse proxy: `wikitally serve` (waitress) and gunicorn, each a real server process with a
real proxy in front of it on loopback: Debian's nginx in its own process, and a small threaded proxy that,
as nginx or Toolforge's does, passes the Host through and adds X-Forwarded-Proto/For/Host. Signing in must send the wiki an https
callback address, and a form posted with its CSRF token must pass Django's origin check."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from oauth_provider import StandInProvider

PUBLIC = "tally.example.org"
CALLBACK = f"https://{PUBLIC}/accounts/oauth/callback/"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Proxy(ThreadingHTTPServer):
    """The HTTPS terminator's second half: every request forwarded to the backend with the proxy headers."""

    daemon_threads = True

    def __init__(self, backend_port: int) -> None:
        self.backend_port = backend_port
        super().__init__(("127.0.0.1", 0), _Forward)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Forward(BaseHTTPRequestHandler):
    server: Proxy

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        for name in ("X-Forwarded-Proto", "X-Forwarded-For", "X-Forwarded-Host"):
            headers.pop(name, None)  # a proxy overwrites whatever the client sent
        headers["X-Forwarded-Proto"] = "https"
        headers["X-Forwarded-For"] = self.client_address[0]
        headers["X-Forwarded-Host"] = self.headers["Host"]
        backend = http.client.HTTPConnection("127.0.0.1", self.server.backend_port, timeout=30)
        try:
            backend.request(self.command, self.path, body=body or None, headers=headers)
            answer = backend.getresponse()
            payload = answer.read()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        finally:
            backend.close()

    do_GET = do_POST = do_HEAD = _forward

    def log_message(self, format: str, *args: Any) -> None:
        pass


NGINX = next((p for p in ("/usr/sbin/nginx", "/usr/bin/nginx") if os.access(p, os.X_OK)), None)
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{backend};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Host $host;
        }}
    }}
}}
"""


class Nginx:
    """Debian's nginx as the proxy, its own process with its own configuration (what docs/web.md's
    "HTTPS" describes, less the TLS: the browser's side is plain HTTP on loopback, as a terminator's is)."""

    def __init__(self, backend_port: int, tmp: Path) -> None:
        assert NGINX is not None
        self.port = _free_port()
        folder = tmp / "nginx"
        folder.mkdir()
        conf = folder / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=folder, port=self.port, backend=backend_port))
        self.process = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.communicate(timeout=30)


class Browser:
    """A browser at https://PUBLIC/ whose connection ends at the proxy: it keeps Secure cookies itself (it
    believes it is on https) and sends Origin on POST."""

    def __init__(self, proxy: Proxy | Nginx) -> None:
        self.proxy, self.cookies = proxy, {}  # type: ignore[var-annotated]

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> httpx.Response:
        headers = {"Host": PUBLIC}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = f"https://{PUBLIC}"
            headers["Referer"] = f"https://{PUBLIC}{path}"
        response = httpx.request(
            method, self.proxy.url + path, headers=headers, data=data, follow_redirects=False, timeout=30
        )
        for line in response.headers.get_list("set-cookie"):
            name, _, rest = line.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response


def _wait(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url, timeout=5, headers={"Host": PUBLIC}).status_code not in (502, 503, 504):
                return  # the server answers (nginx answers 502 until it does)
        except httpx.TransportError:
            pass
        assert server.poll() is None, server.communicate()[1]
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.2)


@pytest.fixture
def provider() -> Iterator[StandInProvider]:
    stand_in = StandInProvider(redirect_uris=(CALLBACK,)).start()
    yield stand_in
    stand_in.stop()


def _environment(tmp_path: Path, provider: StandInProvider, trusted: str = "127.0.0.1") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIKITALLY_", "DJANGO_"))}
    env.update(
        WIKITALLY_SECRET_KEY="proxy-test-key",
        WIKITALLY_DB=str(tmp_path / "web.sqlite3"),
        WIKITALLY_ALLOWED_HOSTS=PUBLIC,
        WIKITALLY_HTTPS="1",
        WIKITALLY_TRUSTED_PROXY=trusted,
        WIKITALLY_OAUTH_URL=provider.base_url,
        WIKITALLY_OAUTH_CLIENT_ID=provider.client_id,
        WIKITALLY_OAUTH_CLIENT_SECRET=provider.client_secret,
    )
    return env


def _command(server: str, port: int) -> list[str]:
    if server == "waitress":
        return [sys.executable, "-m", "wikitally.cli", "serve", "--port", str(port), "--no-worker"]
    return [
        str(VENV_BIN / "gunicorn"),
        "--workers",
        "1",
        "--bind",
        f"127.0.0.1:{port}",
        "wikitally.web.wsgi:application",
    ]


@pytest.mark.parametrize("front", ["python", "nginx"])
@pytest.mark.parametrize("server", ["waitress", "gunicorn"])
def test_signing_in_and_posting_a_form_through_an_https_proxy(
    tmp_path: Path, provider: StandInProvider, server: str, front: str
) -> None:
    if front == "nginx" and NGINX is None:
        pytest.skip("nginx is not installed (scripts/test.sh installs nginx-light)")
    env = _environment(tmp_path, provider)
    if server == "gunicorn":  # gunicorn migrates nothing: the release step first
        subprocess.run([sys.executable, "-m", "wikitally.cli", "migrate"], env=env, check=True, timeout=120)
    port = _free_port()
    process = subprocess.Popen(
        _command(server, port), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    proxy: Proxy | Nginx
    if front == "nginx":
        proxy = Nginx(port, tmp_path)
    else:
        proxy = Proxy(port)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        _wait(proxy.url + "/", process)
        browser = Browser(proxy)
        assert browser.request("GET", "/").status_code == 200
        # Sign in: the wiki is told to send the browser back to the https address.
        start = browser.request("GET", "/accounts/oauth/start/?next=/c/new/")
        assert start.status_code == 302, start.text
        authorize = start.headers["location"]
        assert parse_qs(urlsplit(authorize).query)["redirect_uri"] == [CALLBACK]
        back = httpx.get(authorize, follow_redirects=False, timeout=30)  # the wiki approves
        assert back.status_code == 302, back.text
        callback = urlsplit(back.headers["location"])
        assert f"{callback.scheme}://{callback.netloc}{callback.path}" == CALLBACK
        signed_in = browser.request("GET", f"{callback.path}?{callback.query}")
        assert signed_in.status_code == 302 and signed_in.headers["location"] == "/c/new/", signed_in.text
        assert {"sessionid", "csrftoken"} <= set(browser.cookies)
        # A form posted with its token passes the origin check (it was 403 behind the proxy).
        page = browser.request("GET", "/c/new/")
        assert page.status_code == 200 and "Vyolltsa" in page.text
        token = page.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        out = browser.request("POST", "/accounts/logout/", {"csrfmiddlewaretoken": token})
        assert out.status_code == 302, out.text[:500]
        assert browser.request("GET", "/c/new/").status_code == 302  # signed out: sent to sign in
    finally:
        if isinstance(proxy, Nginx):
            proxy.stop()
        else:
            proxy.shutdown()
            proxy.server_close()
        process.terminate()
        process.communicate(timeout=30)


def test_serve_believes_the_headers_only_from_the_trusted_proxy(
    tmp_path: Path, provider: StandInProvider
) -> None:
    env = _environment(tmp_path, provider, trusted="127.0.0.2")  # the proxy below is 127.0.0.1
    port = _free_port()
    process = subprocess.Popen(
        _command("waitress", port), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    proxy = Proxy(port)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        _wait(proxy.url + "/", process)
        start = Browser(proxy).request("GET", "/accounts/oauth/start/")
        assert start.status_code == 302
        assert parse_qs(urlsplit(start.headers["location"]).query)["redirect_uri"] == [
            f"http://{PUBLIC}/accounts/oauth/callback/"
        ]
    finally:
        proxy.shutdown()
        proxy.server_close()
        process.terminate()
        process.communicate(timeout=30)


@pytest.mark.parametrize(
    ("https", "trusted", "options", "warned"),
    [
        (True, "", {}, True),  # the set-up that broke sign-in: said at start
        (False, "", {}, False),
        (True, "127.0.0.1", {"trusted_proxy": "127.0.0.1", "trusted_proxy_count": 1}, False),
    ],
)
def test_serve_takes_the_trusted_proxy_from_the_setting(
    https: bool, trusted: str, options: dict[str, Any], warned: bool, caplog: pytest.LogCaptureFixture
) -> None:
    from django.test import override_settings

    from wikitally.web import server

    with override_settings(HTTPS=https, TRUSTED_PROXY=trusted):
        got = server.proxy_options()
    assert {k: got[k] for k in options} == options
    if trusted:
        assert got["trusted_proxy_headers"] == server.PROXY_HEADERS and got["clear_untrusted_proxy_headers"]
    assert ("WIKITALLY_TRUSTED_PROXY" in caplog.text) is warned
