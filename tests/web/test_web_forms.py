"""The campaign form and the file import: the CLI's own check, its errors at the right field, who may edit."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from webseed import NAME, PASSWORD, csrf_post, define, log_in, text_of, user

from wikitally import campaign_file
from wikitally.campaign_file import parse_campaign
from wikitally.errors import CampaignFileError
from wikitally.store.models import CampaignDefinition, Organizer
from wikitally.web.campaigns import definitions

GOOD: dict[str, Any] = {
    "form": "fields",
    "slug": "",
    "visibility": "public",
    "name": "WikiGap Tirana 2024",
    "start": "2024-03-08T00:00:00",  # as the browser's date and time picker sends them
    "end": "2024-03-15T23:59:59",
    "timezone": "Europe/Tirane",
    "wikis": "sq.wikipedia.org\ncommons.wikimedia.org",
    "participants": "Vyolltsa\nexample_user",
    "participants_page": "",
    "hashtags": "#WikiGap",
    "tags": "",
    "namespaces": "0, 6",
    "api": "",
    "language": "sq",
    "pageviews": "on",
    "sensitive_locations": "categories",
    "sensitive_categories": "Category:Heritage at risk",
}


@pytest.fixture
def organizer(client: Client):
    account = user("organizer")
    log_in(client, "organizer")
    return account


def errors(response: Any) -> dict[str, list[str]]:
    form = response.context["form"] if response.context["form"].errors else response.context["import_form"]
    return {field: list(messages) for field, messages in form.errors.items()}


def test_creating_a_campaign_writes_its_file_and_makes_the_creator_organizer(
    client: Client, organizer
) -> None:
    response = csrf_post(client, "/c/new/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/c/wikigap-tirana-2024/"
    definition = CampaignDefinition.objects.get(slug="wikigap-tirana-2024")
    assert Organizer.objects.filter(definition=definition, user=organizer).exists()
    data = tomllib.loads(definition.toml)
    assert data["timezone"] == "Europe/Tirane" and data["namespaces"] == [0, 6] and data["pageviews"] is True
    assert data["sensitive_locations"] == ["Category:Heritage at risk"]
    campaign = definitions.campaign_of(definition)
    assert campaign.participants == ("Vyolltsa", "Example user")  # normalised by the file's own check
    assert definition.name == campaign.key == "WikiGap Tirana 2024"
    # The form shows the file it wrote: every field maps back 1:1.
    again = definitions.initial(data)
    for key in definitions.FORM_KEYS:
        if key not in ("pageviews", "participants"):
            assert again[key] == GOOD[key].replace("\r", ""), key
    assert "The campaign was created." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"name": ""}, "name", "Fill in this field."),
        ({"end": "2024-03-01T10:00"}, "end", "The end (2024-03-01T10:00:00+01:00) is before the start"),
        ({"start": "next tuesday"}, "start", "'next tuesday' is not a date and time; choose one"),
        ({"start": "2024-02-30"}, "start", "'2024-02-30' is not a date and time"),
        (
            {"timezone": "Mars/Olympus"},
            "timezone",
            "'Mars/Olympus' is not a time zone; choose one from the list",
        ),
        ({"timezone": "", "start": "2024-03-08"}, "timezone", "Choose the time zone that the start and end"),
        ({"wikis": "sq.wikipedia.org, commons"}, "wikis", "write the bare domain, e.g. sq.wikipedia.org."),
        ({"wikis": ""}, "wikis", "List at least one wiki"),
        ({"participants": "Ana\nana"}, "participants", "are the same user"),
        ({"participants": "", "hashtags": ""}, "participants", "Nobody to count: list participants"),
        ({"participants_page": "no colon"}, "participants_page", "'no colon' is not DOMAIN:Title"),
        ({"hashtags": "#Wiki Gap"}, "hashtags", "'#Wiki Gap' is not a hashtag; use letters"),
        ({"namespaces": "0, main"}, "namespaces", "Write namespace numbers separated by commas"),
        ({"sensitive_categories": ""}, "sensitive_categories", "List at least one category"),
        ({"sensitive_categories": "Heritage"}, "sensitive_categories", "'Heritage' is not a category title"),
    ],
)
def test_each_error_is_at_its_field_in_the_forms_words(
    client: Client, organizer, changes: dict[str, str], field: str, text: str
) -> None:
    response = csrf_post(client, "/c/new/", {**GOOD, **changes})
    assert response.status_code == 200
    found = errors(response)
    assert list(found) == [field], found
    assert text in found[field][0]
    # The campaign file's check finds the mistake; the form words it for the form.
    data = definitions.file_data({**GOOD, **changes, "pageviews": True}, {})
    with pytest.raises(CampaignFileError):
        parse_campaign(data, "campaign.toml")
    toml_words = r" = |\(no quotes\)|TOML|\[api\]|\[campaign\]|[a-z]_[a-z]"  # syntax and key names
    assert not re.search(toml_words, found[field][0]), found
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html
    assert (
        f'<a href="#id_{field}' in html.split('id="mistakes"')[1].split("</div>")[0]
    )  # the summary links it
    assert not CampaignDefinition.objects.exists()


FOUR_MISTAKES = {
    "name": "",
    "start": "2024-03-40T09:00",
    "wikis": "sq.wikipedia.org\nnot a wiki",
    "hashtags": "#Wiki Gap",
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "name": "Fill in this field.",
                "start": "'2024-03-40T09:00' is not a date and time; choose one, e.g. 2024-03-08 09:00.",
                "wikis": "'not a wiki' is not a wiki domain; write the bare domain, e.g. sq.wikipedia.org.",
                "hashtags": "'#Wiki Gap' is not a hashtag; use letters, digits and _, e.g. #WikiGap.",
            },
        ),
        (
            "sr",
            {
                "name": "Попуните ово поље.",
                "start": "'2024-03-40T09:00' није датум и време; изаберите их, нпр. 2024-03-08 09:00.",
                "wikis": "'not a wiki' није домен викија; напишите само домен, нпр. sq.wikipedia.org.",
                "hashtags": "'#Wiki Gap' није хештег; користите слова, цифре и _, нпр. #WikiGap.",
            },
        ),
    ],
)
def test_four_mistakes_are_shown_at_once_each_at_its_field(
    client: Client, organizer, language: str, expected: dict[str, str]
) -> None:
    client.cookies["django_language"] = language
    response = csrf_post(client, "/c/new/", {**GOOD, **FOUR_MISTAKES})
    assert errors(response) == {field: [text] for field, text in expected.items()}
    summary = response.content.decode().split('id="mistakes"')[1].split("</div>")[0]
    heading = {"en": "The form has 4 mistakes.", "sr": "Образац има 4 грешке."}[language]
    assert heading in summary
    for field in expected:
        assert f'<a href="#id_{field}">' in summary
    assert not CampaignDefinition.objects.exists()


def test_names_and_addresses_are_unique(client: Client, organizer) -> None:
    define(organizer, name="Taken", slug="taken")
    response = csrf_post(client, "/c/new/", {**GOOD, "name": "Taken"})
    assert "Another campaign already has this name" in errors(response)["name"][0]
    for slug in ("taken", "new"):
        response = csrf_post(client, "/c/new/", {**GOOD, "slug": slug})
        assert "This address is taken" in errors(response)["slug"][0]
    response = csrf_post(client, "/c/new/", {**GOOD, "slug": "Not a slug!"})
    assert list(errors(response)) == ["slug"]
    # A name without Latin letters still gets an address.
    response = csrf_post(client, "/c/new/", {**GOOD, "name": "Вики-марафон"})
    assert response.status_code == 302 and response["Location"] == "/c/campaign/"


TOML = """# WikiGap, as the organizers keep it
name = "WikiGap Prishtina"
start = 2024-03-08T09:00:00+01:00
end = 2024-03-15T23:59:59+01:00
wikis = ["sq.wikipedia.org"]
hashtags = ["#WikiGap"]
translation_tags = ["contenttranslation", "sectiontranslation"]
[api]
"sq.wikipedia.org" = "https://sq.wikipedia.org/w/api.php"
[sfn_templates]
"sq.wikipedia.org" = ["sfn", "Sfn-sq"]
"""


def test_importing_a_pasted_file_keeps_it_as_written(client: Client, organizer) -> None:
    data = {"form": "import", "import-slug": "prishtina", "import-visibility": "unlisted"}
    response = csrf_post(client, "/c/new/", {**data, "import-toml_text": TOML.replace("\n", "\r\n")})
    assert response.status_code == 302
    definition = CampaignDefinition.objects.get()
    assert definition.slug.startswith("prishtina-")  # unlisted: the address asked for, made unguessable
    assert definition.toml == TOML and definition.visibility == "unlisted"
    assert client.get(f"/c/{definition.slug}/campaign.toml").content.decode() == TOML


def test_importing_an_uploaded_file(client: Client, organizer) -> None:
    upload = SimpleUploadedFile("wikigap.toml", TOML.encode(), content_type="application/toml")
    data = {"form": "import", "import-slug": "", "import-visibility": "public", "import-toml_file": upload}
    response = csrf_post(client, "/c/new/", data)
    assert response.status_code == 302 and response["Location"] == "/c/wikigap-prishtina/"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\nstart = ', "wikigap.toml: is not valid TOML"),
        (TOML.replace("hashtags", "hashtag"), "wikigap.toml: hashtag: unknown key; did you mean `hashtags`?"),
        (
            TOML.replace('"sq.wikipedia.org" = "https', '"xx.wikipedia.org" = "https'),
            "wikigap.toml: api.xx.wikipedia.org: names a wiki",
        ),
    ],
)
def test_an_import_error_is_the_clis_one_line(client: Client, organizer, text: str, message: str) -> None:
    upload = SimpleUploadedFile("wikigap.toml", text.encode())
    data = {"form": "import", "import-visibility": "public", "import-toml_file": upload}
    response = csrf_post(client, "/c/new/", data)
    assert response.status_code == 200
    assert errors(response)["toml_file"][0].startswith(message)
    assert "\n" not in errors(response)["toml_file"][0]


def test_an_import_needs_a_file(client: Client, organizer) -> None:
    response = csrf_post(client, "/c/new/", {"form": "import", "import-visibility": "public"})
    assert errors(response) == {"toml_text": ["Paste a campaign file or choose one to upload."]}


def test_editing_keeps_the_keys_the_form_does_not_show(client: Client, organizer) -> None:
    response = csrf_post(
        client,
        "/c/new/",
        {"form": "import", "import-visibility": "public", "import-slug": "p", "import-toml_text": TOML},
    )
    assert response.status_code == 302
    form_page = client.get("/c/p/edit/").content.decode()
    assert (
        "Also in the file, kept as they are" in form_page
        and "sfn_templates, translation_tags" in form_page
        and "api, " not in form_page.split("Also in the file")[1].split("</p>")[0]
    )
    # [api] is a field of its own, shown as DOMAIN = URL lines
    assert "sq.wikipedia.org = https://sq.wikipedia.org/w/api.php</textarea>" in form_page
    # a moment with an offset and no time zone: shown for the picker in UTC, the zone field saying so
    assert 'value="2024-03-08T08:00:00"' in form_page and '<option value="UTC" selected>' in form_page
    fields = {
        **{k: v for k, v in GOOD.items() if k not in ("slug",)},
        "name": "WikiGap Prishtina 2024",
        "wikis": "sq.wikipedia.org",
        "start": "2024-03-08T09:00:00+01:00",
        "end": "2024-03-15T23:59+01:00",  # seconds may be left out
        "timezone": "",
        "participants": "",
        "api": "sq.wikipedia.org = https://sq.wikipedia.org/w/api.php",
        "sensitive_locations": "true",
        "visibility": "unlisted",
    }
    response = csrf_post(client, "/c/p/edit/", fields)
    assert response.status_code == 302, errors(response)
    definition = CampaignDefinition.objects.get()
    assert definition.slug.startswith("wikigap-prishtina-2024-")  # made unlisted: a new address
    data = tomllib.loads(definition.toml)
    assert data["api"] == {"sq.wikipedia.org": "https://sq.wikipedia.org/w/api.php"}
    assert data["sfn_templates"] == {"sq.wikipedia.org": ["sfn", "Sfn-sq"]}
    assert data["translation_tags"] == ["contenttranslation", "sectiontranslation"]
    assert data["end"].isoformat() == "2024-03-15T23:59:00+01:00" and data["sensitive_locations"] is True
    assert definition.name == "WikiGap Prishtina 2024" and definition.visibility == "unlisted"


@pytest.mark.parametrize(
    "moments",
    [
        'timezone = "Europe/Tirane"\nstart = 2024-03-08\nend = 2024-03-15',  # whole days
        'timezone = "America/New_York"\nstart = 2024-03-08T09:30:00\nend = 2024-03-15T18:00:00',
        "start = 2024-03-08T09:00:00+01:00\nend = 2024-03-31T23:59:59+02:00",  # offsets, no zone
        '[campaign]\ntimezone = "Asia/Kolkata"\n',  # the zone in the [campaign] table
    ],
)
def test_an_existing_campaigns_moments_round_trip_through_the_pickers(
    client: Client, organizer, moments: str
) -> None:
    body = 'name = "Round trip"\nwikis = ["sq.wikipedia.org"]\nhashtags = ["#WikiGap"]\n'
    if moments.startswith("[campaign]"):
        toml = "start = 2024-03-08T09:00:00\nend = 2024-03-09\n" + body + moments
    else:
        toml = moments + "\n" + body
    created = csrf_post(
        client,
        "/c/new/",
        {"form": "import", "import-slug": "rt", "import-visibility": "public", "import-toml_text": toml},
    )
    assert created.status_code == 302, errors(created)
    before = definitions.campaign_of(CampaignDefinition.objects.get())
    form = client.get("/c/rt/edit/").context["form"]
    shown = {name: form[name].value() for name in form.fields}
    assert "T" in shown["start"] and "+" not in shown["start"] and shown["timezone"]  # picker values, a zone
    posted = {k: ("on" if v is True else "" if v in (None, False) else v) for k, v in shown.items()}
    saved = csrf_post(client, "/c/rt/edit/", {**posted, "form": "fields"})
    assert saved.status_code == 302, errors(saved)
    after = definitions.campaign_of(CampaignDefinition.objects.get())
    assert (after.start, after.end) == (before.start, before.end)


def test_replacing_the_file_on_the_edit_page(client: Client, organizer) -> None:
    definition, _ = define(organizer)
    data = {"form": "import", "import-toml_text": TOML}
    response = csrf_post(client, f"/c/{definition.slug}/edit/", data)
    assert response.status_code == 302
    definition.refresh_from_db()
    assert definition.toml == TOML and definition.name == "WikiGap Prishtina" and definition.slug == "wikigap"


def test_editing_needs_a_login(client: Client) -> None:
    definition, _ = define(user("organizer"))
    for url in ("/c/new/", f"/c/{definition.slug}/edit/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_only_organizers_may_change_a_campaign(client: Client) -> None:
    definition, _ = define(user("organizer"))
    user("stranger")
    log_in(client, "stranger")
    response = client.get(f"/c/{definition.slug}/edit/")
    assert response.status_code == 403
    assert "Only this campaign's organizers can change it." in text_of(response.content)
    token = client.get("/").cookies["csrftoken"].value  # a valid token: the refusal is about who, not CSRF
    posted = client.post(
        f"/c/{definition.slug}/edit/", {**GOOD, "csrfmiddlewaretoken": token}, HTTP_X_CSRFTOKEN=token
    )
    assert posted.status_code == 403
    definition.refresh_from_db()
    assert definition.name == NAME
    assert "Edit campaign" not in client.get(f"/c/{definition.slug}/").content.decode()


def test_a_second_organizer_may_edit(client: Client) -> None:
    definition, _ = define(user("organizer"))
    Organizer.objects.create(definition=definition, user=user("co-organizer"))
    log_in(client, "co-organizer")
    assert client.get(f"/c/{definition.slug}/edit/").status_code == 200
    assert "Edit campaign" in client.get(f"/c/{definition.slug}/").content.decode()


def test_every_form_needs_its_csrf_token(client: Client) -> None:
    organizer = user("organizer")
    definition, _ = define(organizer)
    log_in(client, "organizer")
    for url, data in (
        ("/c/new/", GOOD),
        (f"/c/{definition.slug}/edit/", GOOD),
        ("/c/new/", {"form": "import", "import-toml_text": TOML}),
        ("/accounts/logout/", {}),
    ):
        assert client.post(url, data).status_code == 403, url
    anonymous = Client(enforce_csrf_checks=True)
    assert (
        anonymous.post("/accounts/login/", {"username": "organizer", "password": PASSWORD}).status_code == 403
    )
    assert CampaignDefinition.objects.count() == 1


def test_logging_in_through_the_form(client: Client) -> None:
    # Password sign-in exists only in development (WIKITALLY_DEV=1); elsewhere it is OAuth only.
    user("organizer")
    with override_settings(DEV=True):
        response = csrf_post(
            client, "/accounts/login/", {"username": "organizer", "password": PASSWORD, "next": "/c/new/"}
        )
    assert response.status_code == 302 and response["Location"] == "/c/new/"
    assert client.get("/c/new/").status_code == 200


@pytest.mark.parametrize("language", ["sq", "ru"])
def test_field_errors_are_in_the_users_language(client: Client, organizer, language: str) -> None:
    from wikitally.reports.i18n import translator
    from wikitally.web import messages

    t = translator(language)
    client.cookies["django_language"] = language
    found = errors(csrf_post(client, "/c/new/", {**GOOD, "timezone": "Mars/Olympus"}))
    translated = t.gettext(messages.FORM_UNKNOWN_ZONE).format(name="'Mars/Olympus'")
    assert found == {"timezone": [translated]}
    assert translated != messages.FORM_UNKNOWN_ZONE.format(name="'Mars/Olympus'")  # translated, value kept
    # A pasted file's error is the CLI's whole line, translated the same way.
    bad_toml = csrf_post(client, "/c/new/", {"form": "import", "import-toml_text": "name = "})
    line = errors(bad_toml)["toml_text"][0]
    assert line.startswith("campaign.toml: ") and t.gettext(campaign_file.NOT_TOML).split("{")[0] in line


def test_the_api_field_is_the_files_api_table(client: Client, organizer) -> None:
    lines = "sq.wikipedia.org = https://sq.wikipedia.org/w/api.php\ncommons.wikimedia.org https://commons.wikimedia.org/w/api.php"
    response = csrf_post(client, "/c/new/", {**GOOD, "api": lines})
    assert response.status_code == 302, errors(response)
    definition = CampaignDefinition.objects.get()
    assert tomllib.loads(definition.toml)["api"] == {
        "sq.wikipedia.org": "https://sq.wikipedia.org/w/api.php",
        "commons.wikimedia.org": "https://commons.wikimedia.org/w/api.php",
    }
    shown = client.get(f"/c/{definition.slug}/edit/").context["form"].initial["api"]
    assert shown.splitlines() == [
        "sq.wikipedia.org = https://sq.wikipedia.org/w/api.php",
        "commons.wikimedia.org = https://commons.wikimedia.org/w/api.php",
    ]


@pytest.mark.parametrize(
    ("api", "text"),
    [
        (
            "en.wikipedia.org = https://en.wikipedia.org/w/api.php",
            "en.wikipedia.org is not one of the campaign's wikis; add it to “Wikis”",
        ),
        ("sq.wikipedia.org", "sq.wikipedia.org: '' is not an http(s) address"),
        ("sq.wikipedia.org = http://127.0.0.1/api.php", "this server may not fetch http://127.0.0.1/api.php"),
    ],
)
def test_api_errors_are_at_the_api_field(client: Client, organizer, api: str, text: str) -> None:
    found = errors(csrf_post(client, "/c/new/", {**GOOD, "api": api}))
    assert list(found) == ["api"] and text in found["api"][0], found
    assert not CampaignDefinition.objects.exists()


def test_a_cli_campaigns_name_is_taken_over_only_by_a_site_admin(client: Client, organizer) -> None:
    from django.contrib.auth.models import User

    from wikitally.store.models import Campaign as StoredCampaign

    stored = StoredCampaign.objects.create(
        key=GOOD["name"], name=GOOD["name"], config={}
    )  # collected by the CLI
    refused = csrf_post(client, "/c/new/", GOOD)
    assert errors(refused) == {
        "name": [
            "A campaign collected from the command line already has this name; only a site administrator can "
            "define it on the web."
        ]
    }
    imported = csrf_post(
        client, "/c/new/", {"form": "import", "import-toml_text": TOML.replace("Prishtina", "Tirana 2024")}
    )
    assert "toml_text" in errors(imported) and not CampaignDefinition.objects.exists()
    User.objects.filter(username="organizer").update(is_superuser=True, is_staff=True)
    adopted = csrf_post(client, "/c/new/", GOOD)
    assert adopted.status_code == 302
    definition = CampaignDefinition.objects.get()
    assert definition.campaign == stored  # its collected data is the definition's now
    # Saving it again (its own stored campaign) is no take-over.
    User.objects.filter(username="organizer").update(is_superuser=False, is_staff=False)
    assert csrf_post(client, f"/c/{definition.slug}/edit/", {**GOOD, "form": "fields"}).status_code == 302
