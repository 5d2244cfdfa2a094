"""The user-facing strings of signing in and enrolment, until they join ui.py's table (and its catalogue).

Templates read them as `{{ ui.NAME }}` like the web's other strings: the context processor below wraps the
page's `ui` so that these names resolve too (every other name goes to ui.py's UI unchanged). Views use
`strings.ui(t)`. Plain constants, as in ui.py: the reports' catalogue extraction must not pick them up.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from wikitally.reports.i18n import Translator
from wikitally.web.campaigns import ui as web_ui

# -- signing in
# Translators: button that starts signing in with a Wikimedia account; {provider} is a wiki's domain
SIGN_IN_WIKIMEDIA = "Sign in with your Wikimedia account ({provider})"
# Translators: note under the sign-in button
SIGN_IN_HELP = "You approve wikitally once on the wiki; it learns your username and nothing else."
# Translators: shown on the sign-in page when the site has no OAuth client configured
OAUTH_NOT_CONFIGURED = (
    "Signing in with a Wikimedia account isn't configured on this site: its administrator sets "
    "WIKITALLY_OAUTH_CLIENT_ID and WIKITALLY_OAUTH_CLIENT_SECRET."
)
# Translators: heading of the local sign-in form, which exists only on development machines
DEV_LOGIN_TITLE = "Local account (development only)"
# Translators: heading of the page shown when signing in failed
SIGN_IN_FAILED_TITLE = "Signing in didn't work"
# Translators: link from a failed sign-in back to the sign-in page
SIGN_IN_AGAIN = "Sign in again"
# Translators: why signing in failed: the answer did not belong to this browser, or came twice
ERROR_STATE = "This sign-in was not started in this browser, or was already used. Start it again."
# Translators: why signing in failed: the user took longer than ten minutes
ERROR_EXPIRED = "This sign-in took too long. Start it again."
# Translators: why signing in failed: the wiki said no; {provider} is its domain, {reason} its explanation
ERROR_REFUSED = "{provider} did not sign you in: {reason}"
# Translators: why signing in failed: no usable answer; {provider} is the wiki's domain, {reason} what happened
ERROR_UNREACHABLE = "{provider} could not be reached ({reason}). Try again in a few minutes."
# Translators: why signing in failed: an unexpected answer; {provider} is the wiki's domain, {reason} what it was
ERROR_MALFORMED = "{provider} answered something unexpected ({reason}). Try again later."
# Translators: shown when a signed-in user who is not a site administrator opens the admin pages
ADMIN_ONLY = "Only site administrators can open the admin pages."
# Translators: confirmation after signing in; {user} is a username
SIGNED_IN = "Signed in as {user}."

# -- enrolment
# Translators: link or heading: join a campaign as a participant
JOIN = "Join this campaign"
# Translators: heading of the join page; {campaign} is the campaign's name
JOIN_TITLE = "Join {campaign}"
# Translators: explains joining; {user} is the user's Wikimedia username
JOIN_INTRO = "You join as {user}: your edits on the campaign's wikis count once the numbers are refreshed."
# Translators: shown on the join page to someone already enrolled; {user} is their username
JOINED = "You are enrolled in this campaign as {user}."
# Translators: confirmation after joining; {user} is a username
JOIN_DONE = "Welcome! You are enrolled as {user}."
# Translators: shown on the join page to someone signed in without a Wikimedia account
JOIN_NEEDS_WIKI_ACCOUNT = "Sign in with your Wikimedia account to join: you join as your wiki username."
# Translators: form label: the passcode the organizers gave to join the campaign
LABEL_PASSCODE = "Passcode"
# Translators: help under the passcode field on the join page
HELP_PASSCODE_JOIN = "The organizers gave it to the participants."
# Translators: error on the join page when the passcode is wrong
ERROR_PASSCODE_WRONG = "That is not the passcode."
# Translators: error on the join page after too many wrong passcodes; {minutes} is a number
ERROR_PASSCODE_LIMIT = "Too many wrong passcodes. Try again in {minutes} minutes."
# Translators: link from a campaign's page to its list of enrolled participants (organizers only)
PARTICIPANTS_LINK = "Participants"
# Translators: heading of the organizers' participants page; {campaign} is the campaign's name
PARTICIPANTS_TITLE = "Participants of {campaign}"
# Translators: label before the link that participants use to join
JOIN_LINK = "Join link to share"
# Translators: summary of the participants page; {count} and {idle} are formatted numbers
ENROLLED_COUNT = "{count} enrolled; {idle} have not edited yet."
# Translators: summary of the participants page before the campaign's first collection; {count} is a number
ENROLLED_COUNT_NOT_COLLECTED = "{count} enrolled; nothing collected yet."
# Translators: shown when nobody is enrolled yet
NOBODY_ENROLLED = "Nobody has enrolled yet."
# Translators: table column: a participant's Wikimedia username
COL_USERNAME = "Username"
# Translators: table column: how a participant was enrolled
COL_HOW = "Enrolled"
# Translators: table column: whether the participant has a counted edit
COL_EDITED = "Edited"
# Translators: how a participant was enrolled: through the join link
HOW_JOIN = "joined"
# Translators: how a participant was enrolled: an organizer added them
HOW_ORGANIZER = "added by an organizer"
# Translators: a participant without a counted edit in the campaign's numbers
NOT_EDITED_YET = "has not edited yet"
# Translators: a participant with at least one counted edit
EDITED = "yes"
# Translators: button that removes one participant; {user} is their username (for screen readers)
REMOVE = "Remove"
# Translators: accessible name of the remove button; {user} is a username
REMOVE_LABEL = "Remove {user}"
# Translators: confirmation after removing a participant; {user} is a username
REMOVED = "{user} is no longer enrolled."
# Translators: heading of the form that enrols a pasted list of usernames
ADD_TITLE = "Add participants"
# Translators: form label: a list of usernames to enrol
LABEL_USERNAMES = "Usernames, one per line"
# Translators: help under the list of usernames
HELP_USERNAMES = "As on the wiki: underscores and a lower-case first letter are fine; no User: prefix."
# Translators: button that enrols the pasted usernames
ADD = "Add"
# Translators: confirmation after enrolling a pasted list; {added} and {count} are formatted numbers
ADDED = "{added} of {count} usernames added (the others were already enrolled)."
# Translators: error for one bad line of the pasted list; {line} is its number, {name} the line, {problem} why
ERROR_USERNAME_LINE = "Line {line} ({name}): {problem}"
# Translators: error when the pasted list has no username
ERROR_NO_USERNAMES = "Paste at least one username."
# Translators: error when the pasted list is too long; {limit} is a number
ERROR_TOO_MANY_USERNAMES = "At most {limit} usernames at once."
# Translators: heading of the form that sets the join passcode
PASSCODE_TITLE = "Join passcode"
# Translators: state of the passcode: participants must type it to join
PASSCODE_SET = "A passcode is set: participants type it to join."
# Translators: state of the passcode: anyone with the link can join
PASSCODE_NONE = "No passcode: anyone signed in with the link can join."
# Translators: form label: the new join passcode
LABEL_NEW_PASSCODE = "New passcode"
# Translators: help under the new passcode field
HELP_NEW_PASSCODE = "At least 4 characters. It is stored hashed: tell it to participants yourself."
# Translators: form label: remove the passcode
LABEL_CLEAR_PASSCODE = "No passcode"
# Translators: button that saves the passcode
SAVE_PASSCODE = "Save passcode"
# Translators: error when neither a passcode nor "no passcode" was given
ERROR_PASSCODE_EMPTY = "Type a passcode, or tick “No passcode”."
# Translators: error when the new passcode is too short; {n} is a number
ERROR_PASSCODE_SHORT = "At least {n} characters."
# Translators: confirmation after setting or removing the passcode
PASSCODE_SAVED = "The passcode was saved."
# Translators: confirmation after removing the passcode
PASSCODE_CLEARED = "The passcode was removed: anyone with the link can join."
# Translators: shown when a signed-in user who doesn't organize the campaign opens its participants
FORBIDDEN_PARTICIPANTS = "Only this campaign's organizers can see and change its participants."

STRINGS = {name: value for name, value in vars().items() if name.isupper() and isinstance(value, str)}


class UI:
    """These strings by name, translated; any other name is the wrapped `ui`'s (ui.py's UI)."""

    def __init__(self, t: Translator, base: Any = None) -> None:
        self.t = t
        self.base = base if base is not None else web_ui.UI(t)

    def __getitem__(self, name: str) -> str:
        text = STRINGS.get(name)
        return self.t.gettext(text) if text is not None else str(self.base[name])

    def __contains__(self, name: object) -> bool:
        return str(name) in STRINGS or name in self.base


def ui(t: Translator) -> UI:
    return UI(t)


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor, after ui.context: the page's `ui` with these names added."""
    base = web_ui.context(request)
    return {"ui": UI(base["t"], base["ui"])}
