"""Pasted participants are looked up on the campaign's wikis (two real local MediaWikis): names no wiki knows
are named and kept out unless the organizer ticks "Add them anyway"; 50 names a request at most."""

from __future__ import annotations

import pytest
from django.test import Client
from webseed import csrf_post, log_in, user
from wikis import LocalWiki

from wikitally.collect.api import ApiSession
from wikitally.collect.reader import missing_users
from wikitally.store import enrolments
from wikitally.store.models import CampaignDefinition
from wikitally.web.campaigns import definitions

pytestmark = pytest.mark.wiki

ON_A, ON_B, NOBODY = "Pc Alpha", "Pc Beta", "Nobody Such User"


@pytest.fixture(scope="module")
def accounts(wiki_a: LocalWiki, wiki_b: LocalWiki) -> None:
    wiki_a.ensure_user(ON_A)  # a module fixture may run again when pytest regroups the database parameter
    wiki_b.ensure_user(ON_B)


@pytest.fixture(autouse=True)
def _private_wikis_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIKITALLY_ALLOW_PRIVATE_WIKIS", "127.0.0.1")  # the local wikis' http://127.0.0.1:PORT


def toml(wiki_a: LocalWiki, wiki_b: LocalWiki, participants: list[str]) -> str:
    names = ", ".join(f'"{n}"' for n in participants)
    return (
        'name = "Checked"\nstart = 2024-03-08T00:00:00Z\nend = 2024-03-15T00:00:00Z\n'
        f'wikis = ["{wiki_a.domain}", "{wiki_b.domain}"]\nparticipants = [{names}]\n\n[api]\n'
        f'"{wiki_a.domain}" = "{wiki_a.api}"\n"{wiki_b.domain}" = "{wiki_b.api}"\n'
    )


def test_names_are_asked_about_fifty_a_request(wiki_a: LocalWiki, accounts: None) -> None:
    names = [f"Pc Unknown {i}" for i in range(120)] + [ON_A, "pc_Alpha"]  # the wiki's form and a typed one
    with ApiSession(wiki_a.api) as session:
        missing = missing_users(session, names)
        assert session.stats.requests == 3  # 121 distinct names: 50 + 50 + 21
    assert missing == {f"Pc Unknown {i}" for i in range(120)}


def test_pasted_participants_unknown_to_every_wiki_are_kept_out_until_confirmed(
    client: Client, wiki_a: LocalWiki, wiki_b: LocalWiki, accounts: None
) -> None:
    organizer = user("organizer")
    log_in(client, "organizer")
    text = toml(wiki_a, wiki_b, [ON_A])
    created = csrf_post(
        client,
        "/c/new/",
        {"form": "import", "import-slug": "checked", "import-visibility": "public", "import-toml_text": text},
    )
    assert created.status_code == 302
    definition = CampaignDefinition.objects.get()
    assert organizer.pk
    page = "/c/checked/participants/"
    pasted = f"{ON_A}\n{ON_B}\n{NOBODY}"
    response = csrf_post(client, page, {"form": "add", "add-usernames": pasted}, page=page)
    assert response.status_code == 200
    assert enrolments.usernames(definition) == sorted([ON_A, ON_B])  # each known on one wiki: enough
    form = response.context["add_form"]
    assert form.asking and form["usernames"].value() == NOBODY  # left in the box, with the tick box
    assert f"No wiki of this campaign has an account named {NOBODY}." in form.errors["usernames"][0]
    assert 'name="add-add_anyway"' in response.content.decode()
    insisted = csrf_post(
        client, page, {"form": "add", "add-usernames": NOBODY, "add-add_anyway": "on"}, page=page
    )
    assert insisted.status_code == 302
    assert NOBODY in enrolments.usernames(definition)


def test_the_campaign_forms_new_participants_are_checked_too(
    client: Client, wiki_a: LocalWiki, wiki_b: LocalWiki, accounts: None
) -> None:
    user("organizer")
    log_in(client, "organizer")
    text = toml(wiki_a, wiki_b, [ON_A])
    csrf_post(
        client,
        "/c/new/",
        {"form": "import", "import-slug": "checked", "import-visibility": "public", "import-toml_text": text},
    )
    definition = CampaignDefinition.objects.get()
    fields = dict(client.get("/c/checked/edit/").context["form"].initial)
    fields.update(form="fields", visibility="public", participants=f"{ON_A}\n{ON_B}\n{NOBODY}", pageviews="")
    refused = csrf_post(client, "/c/checked/edit/", fields)
    assert refused.status_code == 200
    form = refused.context["form"]
    assert list(form.errors) == ["participants"] and NOBODY in form.errors["participants"][0]
    assert ON_B not in form.errors["participants"][0] and form.asking
    assert definitions.campaign_of(definition).participants == (ON_A,)  # nothing saved
    saved = csrf_post(client, "/c/checked/edit/", {**fields, "participants_anyway": "on"})
    assert saved.status_code == 302
    assert definitions.campaign_of(CampaignDefinition.objects.get()).participants == (ON_A, ON_B, NOBODY)
