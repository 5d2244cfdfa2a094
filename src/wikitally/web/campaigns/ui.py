"""The web app's own user-facing strings, and what every template gets: `ui`, `t`, the page's language.

Labels that reports/messages.py already has (table columns, sections, statuses) are taken from there. The
strings below are the web's own; until the web's gettext slice gives them a catalogue they are English,
looked up through the reports' Translator (which returns the English text for a message it doesn't hold).
They are plain constants, not N_(...): the reports' catalogue extraction must not pick them up yet.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation

from wikitally.reports import messages
from wikitally.reports.i18n import LanguageError, Translator, translator

# -- the site's frame
# Translators: link that lets keyboard users jump over the menu to the page's content
SKIP_TO_CONTENT = "Skip to content"
# Translators: accessible name of the site's main menu
NAV_LABEL = "Main menu"
# Translators: menu link to the list of campaigns
NAV_CAMPAIGNS = "Campaigns"
# Translators: menu link to the form that creates a campaign
NAV_NEW = "New campaign"
# Translators: menu button that signs the user in
NAV_LOG_IN = "Log in"
# Translators: menu button that signs the user out
NAV_LOG_OUT = "Log out"
# Translators: footer link to the machine-readable description of the JSON API
NAV_API = "JSON API (OpenAPI)"
# Translators: label of the menu that chooses the interface's language
LANGUAGE = "Language"
# Translators: button that applies the chosen interface language
LANGUAGE_SUBMIT = "Change"

# -- the list of campaigns
# Translators: heading of the front page, which lists the public campaigns
LIST_TITLE = "Campaigns"
# Translators: shown on the front page when there is no public campaign
LIST_EMPTY = "No public campaigns yet."
# Translators: table column: the campaign's wikis
COL_WIKIS = "Wikis"
# Translators: table column: the campaign's dates
COL_DATES = "Dates"
# Translators: table column: when the campaign's numbers were last collected
COL_UPDATED = "Last updated"

# -- a campaign's page
# Translators: when the campaign's numbers were collected; {when} is relative, e.g. "5 minutes ago"
LAST_UPDATED = "Last updated {when}"
# Translators: shown instead of the last update time before the campaign's first collection
NOT_COLLECTED = "Not collected yet"
# Translators: note on an unlisted campaign's page
UNLISTED = "Unlisted: only people with the link see this campaign."
# Translators: link from a campaign's page to its form
EDIT = "Edit campaign"
# Translators: section heading: participants ranked by a number they can be sorted by
SECTION_LEADERBOARD = "Leaderboard"
# Translators: table column: a participant's place in the leaderboard
COL_RANK = "Rank"
# Translators: table column: number of articles a participant created or improved
COL_ARTICLES_EDITED = "Articles edited"
# Translators: section heading: the files a campaign's numbers can be downloaded as
SECTION_DOWNLOADS = "Downloads"
# Translators: download link; {table} is the name of a CSV table: summary, participants, articles, wikis, uploads
DOWNLOAD_CSV = "CSV: {table}"
# Translators: download link: the numbers as JSON
DOWNLOAD_JSON = "JSON"
# Translators: download link: the report as wikitext to paste on Meta-Wiki
DOWNLOAD_WIKITEXT = "Wikitext report (Meta-Wiki)"
# Translators: download link: the report as one self-contained HTML page
DOWNLOAD_HTML = "HTML report"
# Translators: download link: the campaign file that defines the campaign
DOWNLOAD_TOML = "Campaign file (TOML)"

# -- a participant's page
# Translators: a participant's place; {rank} and {count} are formatted numbers
RANK_OF = "Rank {rank} of {count} (by edits)"
# Translators: link to a participant's contributions; {wiki} is a wiki's domain
CONTRIBUTIONS = "Contributions on {wiki}"
# Translators: link from a participant's page back to the campaign; {campaign} is its name
BACK_TO = "Back to {campaign}"
# Translators: note on a participant's page when their account was created during the campaign
NEW_EDITOR = "New editor: the account was created during the campaign."
# Translators: section heading: a participant's numbers
SECTION_NUMBERS = "Numbers"
# Translators: section heading: files a participant uploaded
SECTION_UPLOADS = "Uploads"

# -- the campaign's form
# Translators: heading of the form that creates a campaign
FORM_NEW = "New campaign"
# Translators: heading of the form that changes a campaign; {campaign} is its name
FORM_EDIT = "Edit {campaign}"
# Translators: introduction of the campaign form
FORM_INTRO = (
    "Every field is a key of the campaign file; the file is checked exactly as the command line checks it."
)
# Translators: form label: the campaign's address
LABEL_SLUG = "Address"
# Translators: help under the address field; {example} is an example address
HELP_SLUG = "Letters, digits and hyphens: the page will be {example}. Empty: made from the name."
# Translators: form label: who can find the campaign
LABEL_VISIBILITY = "Visibility"
# Translators: visibility choice: the campaign is listed on the front page and in the API
VISIBILITY_PUBLIC = "Public: listed on the front page"
# Translators: visibility choice: the campaign is only reachable by its address
VISIBILITY_UNLISTED = "Unlisted: only people with the link"
# Translators: form label: the campaign's name
LABEL_NAME = "Name"
# Translators: form label: the first moment counted
LABEL_START = "Start"
# Translators: form label: the last moment counted
LABEL_END = "End"
# Translators: help under the start and end fields
HELP_MOMENT = (
    "A date (2024-03-08) with a time zone below, or a time with its offset (2024-03-08T09:00:00+01:00)."
)
# Translators: form label: the campaign's time zone
LABEL_TIMEZONE = "Time zone"
# Translators: help under the time zone field
HELP_TIMEZONE = "An IANA name such as Europe/Tirane; then plain dates mean whole days."
# Translators: form label: the wikis the campaign counts edits on
LABEL_WIKIS = "Wikis"
# Translators: help under the wikis field
HELP_WIKIS = "Domains such as sq.wikipedia.org, one per line."
# Translators: form label: the campaign's participants
LABEL_PARTICIPANTS = "Participants"
# Translators: help under the participants field
HELP_PARTICIPANTS = "Usernames, one per line. Optional when hashtags or tags are given."
# Translators: form label: a wiki page that links to the participants' user pages
LABEL_PARTICIPANTS_PAGE = "Participants page"
# Translators: help under the participants page field
HELP_PARTICIPANTS_PAGE = (
    "DOMAIN:Title of a page with [[User:…]] links, e.g. meta.wikimedia.org:Event/Participants."
)
# Translators: form label: hashtags an edit summary must carry
LABEL_HASHTAGS = "Hashtags"
# Translators: help under the hashtags field
HELP_HASHTAGS = "An edit counts only if its summary has one, e.g. #WikiGap. One per line."
# Translators: form label: MediaWiki change tags an edit must carry
LABEL_TAGS = "Change tags"
# Translators: help under the change tags field
HELP_TAGS = "An edit counts only if it carries one of these tags. One per line."
# Translators: form label: namespace numbers to count
LABEL_NAMESPACES = "Namespaces"
# Translators: help under the namespaces field
HELP_NAMESPACES = "Numbers such as 0, 118. Empty: each wiki's content namespaces."
# Translators: form label: the language of published reports
LABEL_LANGUAGE = "Report language"
# Translators: form label: whether reports show article views
LABEL_PAGEVIEWS = "Add article views to reports"
# Translators: form label: whether article locations are rounded on maps
LABEL_SENSITIVE = "Sensitive locations"
# Translators: choice: article locations are shown as they are
SENSITIVE_NO = "Show locations as they are"
# Translators: choice: every article location is rounded to about 10 km
SENSITIVE_ALL = "Round every location to about 10 km"
# Translators: choice: locations of pages in the categories below are rounded
SENSITIVE_CATEGORIES = "Round locations of pages in these categories"
# Translators: form label: categories whose pages' locations are rounded
LABEL_SENSITIVE_CATEGORIES = "Categories"
# Translators: help under the categories field
HELP_SENSITIVE_CATEGORIES = "Full titles with the namespace, e.g. Category:Heritage at risk. One per line."
# Translators: note listing keys of the campaign file that the form doesn't show; {keys} is a list
EXTRA_KEYS = "Also in the file, kept as they are (change them by importing a file): {keys}"
# Translators: button that saves the campaign form
SAVE = "Save"
# Translators: heading of the part of the page that reads a campaign file
IMPORT_TITLE = "Import a campaign file"
# Translators: heading of the part of the edit page that replaces the campaign's file
REPLACE_TITLE = "Replace with a campaign file"
# Translators: form label: a text area to paste a campaign file into
LABEL_TOML_TEXT = "Paste the file"
# Translators: form label: a file input to upload a campaign file
LABEL_TOML_FILE = "Or upload it"
# Translators: button that imports a campaign file
IMPORT = "Import"
# Translators: error when the import form has neither pasted text nor a file
ERROR_NO_FILE = "Paste a campaign file or choose one to upload."
# Translators: error when an uploaded campaign file is too large; {size} is a formatted size in kB
ERROR_TOO_LARGE = "The file is larger than {size} kB."
# Translators: error when another campaign already has this name
ERROR_NAME_TAKEN = "Another campaign already has this name; names identify campaigns in the store."
# Translators: error when the chosen address is taken or reserved
ERROR_SLUG_TAKEN = "This address is taken; choose another."
# Translators: confirmation after a campaign was created
CREATED = "The campaign was created."
# Translators: confirmation after a campaign was saved
SAVED = "The campaign was saved."

# -- signing in, errors
# Translators: heading of the sign-in page
LOGIN_TITLE = "Log in"
# Translators: heading of the page shown when the user may not do something
FORBIDDEN_TITLE = "Not allowed"
# Translators: shown when a signed-in user who is not an organizer tries to change a campaign
FORBIDDEN = "Only this campaign's organizers can change it."
# Translators: heading of the page shown for an address that doesn't exist
NOT_FOUND_TITLE = "Not found"
# Translators: shown for an address that doesn't exist
NOT_FOUND = "There is no such page here."

_OWN = {name: value for name, value in vars().items() if name.isupper() and isinstance(value, str)}


def own_strings() -> dict[str, str]:
    """Name → English text of the web's own strings (for the gettext slice and the tests)."""
    return dict(_OWN)


class UI:
    """`{{ ui.NAME }}` in templates: the web's own string NAME, else reports/messages.py's, translated."""

    def __init__(self, t: Translator) -> None:
        self.t = t

    def __getitem__(self, name: str) -> str:
        text = _OWN.get(name)
        if text is None:
            value = getattr(messages, name, None)
            if not isinstance(value, str) or not name.isupper():
                raise KeyError(name)
            text = value
        return self.t.gettext(text)

    def __contains__(self, name: object) -> bool:
        try:
            self[str(name)]
        except KeyError:
            return False
        return True


def request_translator(request: HttpRequest | None = None) -> Translator:
    """The reports' Translator for the language LocaleMiddleware chose for this request."""
    try:
        return translator(translation.get_language() or "en")
    except LanguageError:
        return translator("en")


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: ui, t, the page's language and direction, the language menu."""
    from django.conf import settings

    t = request_translator(request)
    return {
        "ui": UI(t),
        "t": t,
        "lang": str(t.locale).replace("_", "-"),
        "dir": t.locale.text_direction,
        "lang_code": t.language,
        "languages": settings.LANGUAGES,
    }
