"""The web's campaigns fetch only public https wikis (collect/addresses.py): the form and the import refuse
other addresses at their field, and the worker checks them again before each refresh and on every request,
redirects included. WIKITALLY_ALLOW_PRIVATE_WIKIS lets the operator allow more."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from django.test import Client
from webseed import COMMONS, SQ, csrf_post, define, log_in, user

from wikitally.collect import addresses
from wikitally.collect.api import PoliteClient
from wikitally.errors import AddressError
from wikitally.services import collection, refresh
from wikitally.store import Store
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions

ENV = "WIKITALLY_ALLOW_PRIVATE_WIKIS"
FIX = (
    "use the wiki's public https address, or ask the server's operator to allow it in "
    "WIKITALLY_ALLOW_PRIVATE_WIKIS"
)
DURING = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)  # webseed's campaign runs 2024-03-08 … 2024-03-15
FORM: dict[str, Any] = {
    "form": "fields",
    "slug": "",
    "visibility": "public",
    "name": "Intranet",
    "start": "2024-03-08",
    "end": "2024-03-15",
    "timezone": "Europe/Tirane",
    "wikis": SQ,
    "participants": "Vyolltsa",
    "participants_page": "",
    "hashtags": "",
    "tags": "",
    "namespaces": "",
    "language": "en",
    "sensitive_locations": "false",
    "sensitive_categories": "",
}
TOML = """name = "Intranet"
start = 2024-03-08T09:00:00+01:00
end = 2024-03-15T23:59:59+01:00
wikis = ["sq.wikipedia.org"]
participants = ["Vyolltsa"]
[api]
"sq.wikipedia.org" = "http://127.0.0.1:8080/w/api.php"
"""


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """No allowance, and a DNS of the test's own: a name it lacks resolves to nothing."""
    monkeypatch.delenv(ENV, raising=False)
    table: dict[str, list[str]] = {}
    monkeypatch.setattr(addresses, "system_resolver", lambda host, port: list(table.get(host, [])))
    return table


@pytest.fixture
def organizer(client: Client):
    account = user("organizer")
    log_in(client, "organizer")
    return account


def form_errors(response: Any) -> dict[str, list[str]]:
    form = response.context["form"] if response.context["form"].errors else response.context["import_form"]
    return {field: list(messages) for field, messages in form.errors.items()}


# -- saving


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        (
            {"wikis": "127.0.0.1"},
            "wikis",
            "this server may not fetch https://127.0.0.1/w/api.php: 127.0.0.1 is a loopback address",
        ),
        (
            {"wikis": f"{SQ}\nintranet.example"},
            "wikis",
            "this server may not fetch https://intranet.example/w/api.php: intranet.example resolves to "
            "10.0.0.7, a private address",
        ),
        (
            {"participants_page": "169.254.169.254:Participants"},
            "participants_page",
            "this server may not fetch https://169.254.169.254/w/api.php: 169.254.169.254 is a link-local "
            "address",
        ),
    ],
)
def test_the_form_refuses_a_private_address_at_its_field(
    client: Client, organizer, dns, changes: dict[str, str], field: str, text: str
) -> None:
    dns["intranet.example"] = ["10.0.0.7"]
    response = csrf_post(client, "/c/new/", {**FORM, **changes})
    assert response.status_code == 200
    assert form_errors(response) == {field: [f"{text}; {FIX}"]}
    assert not CampaignDefinition.objects.exists()


def test_the_form_refuses_an_api_entry_at_the_api_field(client: Client, organizer) -> None:
    definition, _ = define(organizer, api={SQ: "http://127.0.0.1:8080/w/api.php"})  # saved before the guard
    fields = {
        **FORM,
        "name": "Still intranet",
        "wikis": f"{SQ}\n{COMMONS}",
        "hashtags": "#WikiGap",
        "api": f"{SQ} = http://127.0.0.1:8080/w/api.php",  # as the edit page shows the saved file's [api]
    }
    response = csrf_post(client, f"/c/{definition.slug}/edit/", fields)
    assert response.status_code == 200
    assert form_errors(response) == {
        "api": [
            f"this server may not fetch http://127.0.0.1:8080/w/api.php: 127.0.0.1 is a loopback address; {FIX}"
        ]
    }


@pytest.mark.parametrize(
    ("toml", "line"),
    [
        (
            TOML,
            "campaign.toml: api.sq.wikipedia.org: this server may not fetch http://127.0.0.1:8080/w/api.php: "
            f"127.0.0.1 is a loopback address; {FIX}",
        ),
        (
            TOML.replace("http://127.0.0.1:8080", "http://sq.wikipedia.org"),
            "campaign.toml: api.sq.wikipedia.org: this server may not fetch http://sq.wikipedia.org/w/api.php: "
            f"it is not https; {FIX}",
        ),
    ],
)
def test_an_import_naming_a_private_or_http_address_is_refused(
    client: Client, organizer, toml: str, line: str
) -> None:
    data = {"form": "import", "import-visibility": "public", "import-toml_text": toml}
    response = csrf_post(client, "/c/new/", data)
    assert response.status_code == 200
    assert form_errors(response) == {"toml_text": [line]}
    assert not CampaignDefinition.objects.exists()


def test_the_operator_allows_a_local_wiki(client: Client, organizer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "127.0.0.1")
    data = {"form": "import", "import-visibility": "public", "import-toml_text": TOML}
    response = csrf_post(client, "/c/new/", data)
    assert response.status_code == 302
    assert CampaignDefinition.objects.get().toml == TOML


def test_the_forms_text_is_the_errors_own() -> None:
    error = AddressError(
        "http://127.0.0.1/", "127.0.0.1 is a loopback address", source="x.toml", field="wikis"
    )
    english = definitions.address_text(error, lambda text: text)
    assert str(error) == f"x.toml: wikis: {english}" == definitions.address_line(error, lambda text: text)
    # A translation that won't format gives way to English rather than failing the page.
    assert definitions.address_text(error, lambda text: "{adresa} {") == english


# -- refreshing


class Clock:
    def __call__(self) -> datetime:
        return DURING


def worker(seen: list[httpx.Request], respond: Any = None, **kwargs: Any) -> refresh.Worker:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if respond is not None:
            return respond(request)
        raise httpx.ConnectError("connection refused", request=request)

    return refresh.Worker(
        Store("default"),
        "worker-1",
        sessions=collection.session_factory(transport=httpx.MockTransport(handler), sleep=lambda s: None),
        views_client=lambda: PoliteClient(transport=httpx.MockTransport(handler)),
        clock=Clock(),
        sleep=lambda s: None,
        **kwargs,
    )


def test_the_worker_refuses_a_private_address_before_fetching(db: str) -> None:
    define(user("organizer"), api={SQ: "http://127.0.0.1:8080/w/api.php"})
    seen: list[httpx.Request] = []
    [result] = worker(seen).run_pass()
    assert result.status == "failed"
    assert result.error == (
        "wikigap.toml: api.sq.wikipedia.org: this server may not fetch http://127.0.0.1:8080/w/api.php: "
        f"127.0.0.1 is a loopback address; {FIX}"
    )
    assert seen == []


def test_the_worker_checks_again_when_dns_changed_since_saving(db: str, dns) -> None:
    define(user("organizer"))
    dns[SQ] = ["10.0.0.7"]
    seen: list[httpx.Request] = []
    [result] = worker(seen).run_pass()
    assert result.error.startswith(
        "wikigap.toml: wikis: this server may not fetch https://sq.wikipedia.org/w/api.php: sq.wikipedia.org "
        "resolves to 10.0.0.7, a private address; "
    )
    assert seen == []


def test_the_worker_refuses_a_redirect_to_a_private_address(db: str) -> None:
    define(user("organizer"))
    seen: list[httpx.Request] = []

    def metadata(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    [result] = worker(seen, metadata).run_pass()
    assert result.status == "failed"
    assert result.error == (
        "this server may not fetch http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local "
        f"address; {FIX}"
    )
    assert {r.url.host for r in seen} == {SQ}  # the redirect was never followed


def test_with_the_operators_allowance_the_worker_fetches_a_local_wiki(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    define(user("organizer"), api={SQ: "http://127.0.0.1:8080/w/api.php"})
    monkeypatch.setenv(ENV, "127.0.0.1")
    seen: list[httpx.Request] = []
    [result] = worker(seen).run_pass()
    assert result.error.startswith("sq.wikipedia.org is unreachable at http://127.0.0.1:8080/w/api.php (")
    assert {str(r.url.copy_with(query=None)) for r in seen} == {"http://127.0.0.1:8080/w/api.php"}


def test_a_guard_given_to_the_worker_is_the_one_it_uses(db: str) -> None:
    define(user("organizer"), api={SQ: "http://127.0.0.1:8080/w/api.php"})
    seen: list[httpx.Request] = []
    allowing = addresses.Guard(addresses.Allowance.parse("127.0.0.0/8"))
    [result] = worker(seen, guard=allowing).run_pass()
    assert "is unreachable" in result.error and seen
