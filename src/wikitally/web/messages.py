"""Every user-facing string of the web app, marked for the catalogue it shares with the reports.

Templates read them as `{{ ui.NAME }}` (web/campaigns/ui.py's UI translates them for the request's language,
and also resolves reports/messages.py's names: table columns, sections, statuses). Views use `UI(t)[NAME]`
or `t.gettext(messages.NAME)`. scripts/update_catalogues.py extracts the N_ strings and their
`# Translators:` comments into reports/locale/wikitally.pot.
"""

from __future__ import annotations

from wikitally.reports.messages import N_

# -- the site's frame
# Translators: link that lets keyboard users jump over the menu to the page's content
SKIP_TO_CONTENT = N_("Skip to content")
# Translators: accessible name of the site's main menu
NAV_LABEL = N_("Main menu")
# Translators: menu link to the list of campaigns
NAV_CAMPAIGNS = N_("Campaigns")
# Translators: menu link to the form that creates a campaign
NAV_NEW = N_("New campaign")
# Translators: menu button that signs the user in
NAV_LOG_IN = N_("Log in")
# Translators: menu button that signs the user out
NAV_LOG_OUT = N_("Log out")
# Translators: footer link to the machine-readable description of the JSON API
NAV_API = N_("JSON API (OpenAPI)")
# Translators: label of the menu that chooses the interface's language
LANGUAGE = N_("Language")
# Translators: button that applies the chosen interface language
LANGUAGE_SUBMIT = N_("Change")

# -- the list of campaigns
# Translators: heading of the front page, which lists the public campaigns
LIST_TITLE = N_("Campaigns")
# Translators: shown on the front page when there is no public campaign
LIST_EMPTY = N_("No public campaigns yet.")
# Translators: heading on the front page: the public programs (groups of campaigns)
PROGRAMS_TITLE = N_("Programs")
# Translators: after a program's name on the front page; {count} is a formatted number of public campaigns
PROGRAM_CAMPAIGNS = N_("campaigns: {count}")
# Translators: table column: the campaign's wikis
COL_WIKIS = N_("Wikis")
# Translators: table column: the campaign's dates
COL_DATES = N_("Dates")
# Translators: table column: when the campaign's numbers were last collected
COL_UPDATED = N_("Last updated")

# -- a campaign's page
# Translators: when the campaign's numbers were collected; {when} is relative, e.g. "5 minutes ago"
LAST_UPDATED = N_("Last updated {when}")
# Translators: shown instead of the last update time before the campaign's first collection
NOT_COLLECTED = N_("Not collected yet")
# Translators: note on an unlisted campaign's page
UNLISTED = N_("Unlisted: only people with the link see this campaign.")
# Translators: link from a campaign's page to its form
EDIT = N_("Edit campaign")
# Translators: section heading: participants ranked by a number they can be sorted by
SECTION_LEADERBOARD = N_("Leaderboard")
# Translators: table column: a participant's place in the leaderboard
COL_RANK = N_("Rank")
# Translators: table column: number of articles a participant created or improved
COL_ARTICLES_EDITED = N_("Articles edited")
# Translators: link under a campaign's leaderboard to the full list; {count} is a formatted number
ALL_PARTICIPANTS = N_("All {count} participants")
# Translators: link under a campaign's article table to the full list; {count} is a formatted number
ALL_ARTICLES = N_("All {count} articles")
# Translators: note above a table cut to its first rows; {shown} is a formatted number
TOP_ROWS = N_("The first {shown} are shown here.")
# Translators: where the reader is in a list split into pages; {page} and {count} are formatted numbers
PAGE_OF = N_("Page {page} of {count}")
# Translators: link to the previous page of a long list
PREVIOUS_PAGE = N_("Previous page")
# Translators: link to the next page of a long list
NEXT_PAGE = N_("Next page")
# Translators: section heading: the files a campaign's numbers can be downloaded as
SECTION_DOWNLOADS = N_("Downloads")
# Translators: download link; {table} is the name of a CSV table: summary, participants, articles, wikis, uploads
DOWNLOAD_CSV = N_("CSV: {table}")
# Translators: download link: the numbers as JSON
DOWNLOAD_JSON = N_("JSON")
# Translators: download link: the report as wikitext to paste on Meta-Wiki
DOWNLOAD_WIKITEXT = N_("Wikitext report (Meta-Wiki)")
# Translators: download link: the report as one self-contained HTML page
DOWNLOAD_HTML = N_("HTML report")
# Translators: download link: the campaign file that defines the campaign
DOWNLOAD_TOML = N_("Campaign file (TOML)")

# -- a participant's page
# Translators: a participant's place; {rank} and {count} are formatted numbers
RANK_OF = N_("Rank {rank} of {count} (by edits)")
# Translators: link to a participant's contributions; {wiki} is a wiki's domain
CONTRIBUTIONS = N_("Contributions on {wiki}")
# Translators: link from a participant's page back to the campaign; {campaign} is its name
BACK_TO = N_("Back to {campaign}")
# Translators: note on a participant's page when their account was created during the campaign
NEW_EDITOR = N_("New editor: the account was created during the campaign.")
# Translators: link on a participant's page: their participation certificate as a PDF file
DOWNLOAD_CERTIFICATE = N_("Certificate (PDF)")
# Translators: section heading: a participant's numbers
SECTION_NUMBERS = N_("Numbers")
# Translators: section heading: files a participant uploaded
SECTION_UPLOADS = N_("Uploads")

# -- the campaign's form
# Translators: heading of the form that creates a campaign
FORM_NEW = N_("New campaign")
# Translators: heading of the form that changes a campaign; {campaign} is its name
FORM_EDIT = N_("Edit {campaign}")
# Translators: introduction of the campaign form
FORM_INTRO = N_(
    "Every field is a key of the campaign file; the file is checked exactly as the command line checks it."
)
# Translators: form label: the campaign's address
LABEL_SLUG = N_("Address")
# Translators: help under the address field; {example} is an example address
HELP_SLUG = N_("Letters, digits and hyphens: the page will be {example}. Empty: made from the name.")
# Translators: form label: who can find the campaign
LABEL_VISIBILITY = N_("Visibility")
# Translators: visibility choice: the campaign is listed on the front page and in the API
VISIBILITY_PUBLIC = N_("Public: listed on the front page")
# Translators: visibility choice: the campaign is only reachable by its address
VISIBILITY_UNLISTED = N_("Unlisted: only people with the link")
# Translators: form label: the campaign's name
LABEL_NAME = N_("Name")
# Translators: form label: the first moment counted
LABEL_START = N_("Start")
# Translators: form label: the last moment counted
LABEL_END = N_("End")
# Translators: help under the start and end fields
HELP_MOMENT = N_(
    "A date (2024-03-08) with a time zone below, or a time with its offset (2024-03-08T09:00:00+01:00)."
)
# Translators: form label: the campaign's time zone
LABEL_TIMEZONE = N_("Time zone")
# Translators: help under the time zone field
HELP_TIMEZONE = N_("An IANA name such as Europe/Tirane; then plain dates mean whole days.")
# Translators: form label: the wikis the campaign counts edits on
LABEL_WIKIS = N_("Wikis")
# Translators: help under the wikis field
HELP_WIKIS = N_("Domains such as sq.wikipedia.org, one per line.")
# Translators: form label: the campaign's participants
LABEL_PARTICIPANTS = N_("Participants")
# Translators: help under the participants field
HELP_PARTICIPANTS = N_("Usernames, one per line. Optional when hashtags or tags are given.")
# Translators: form label: a wiki page that links to the participants' user pages
LABEL_PARTICIPANTS_PAGE = N_("Participants page")
# Translators: help under the participants page field
HELP_PARTICIPANTS_PAGE = N_(
    "DOMAIN:Title of a page with [[User:…]] links, e.g. meta.wikimedia.org:Event/Participants."
)
# Translators: form label: hashtags an edit summary must carry
LABEL_HASHTAGS = N_("Hashtags")
# Translators: help under the hashtags field
HELP_HASHTAGS = N_("An edit counts only if its summary has one, e.g. #WikiGap. One per line.")
# Translators: form label: MediaWiki change tags an edit must carry
LABEL_TAGS = N_("Change tags")
# Translators: help under the change tags field
HELP_TAGS = N_(
    "An edit counts if it carries one of these tags; with hashtags too, a hashtag or a tag is enough. One per line."
)
# Translators: form label: namespace numbers to count
LABEL_NAMESPACES = N_("Namespaces")
# Translators: help under the namespaces field
HELP_NAMESPACES = N_("Numbers such as 0, 118. Empty: each wiki's content namespaces.")
# Translators: form label: where a wiki's API is when it isn't at https://DOMAIN/w/api.php
LABEL_API = N_("API addresses")
# Translators: help under the API addresses field; keep the example as it is
HELP_API = N_(
    "Only for a wiki whose api.php is elsewhere: one per line, e.g. wiki.example.org = https://wiki.example.org/api.php"
)
# Translators: form label: the language of published reports
LABEL_LANGUAGE = N_("Report language")
# Translators: form label: whether reports show article views
LABEL_PAGEVIEWS = N_("Add article views to reports")
# Translators: form label: whether article locations are rounded on maps
LABEL_SENSITIVE = N_("Sensitive locations")
# Translators: choice: article locations are shown as they are
SENSITIVE_NO = N_("Show locations as they are")
# Translators: choice: every article location is rounded to about 10 km
SENSITIVE_ALL = N_("Round every location to about 10 km")
# Translators: choice: locations of pages in the categories below are rounded
SENSITIVE_CATEGORIES = N_("Round locations of pages in these categories")
# Translators: form label: categories whose pages' locations are rounded
LABEL_SENSITIVE_CATEGORIES = N_("Categories")
# Translators: help under the categories field
HELP_SENSITIVE_CATEGORIES = N_(
    "Full titles with the namespace, e.g. Category:Heritage at risk. One per line."
)
# Translators: note listing keys of the campaign file that the form doesn't show; {keys} is a list
EXTRA_KEYS = N_("Also in the file, kept as they are (change them by importing a file): {keys}")
# Translators: button that saves the campaign form
SAVE = N_("Save")
# Translators: heading of the part of the page that reads a campaign file
IMPORT_TITLE = N_("Import a campaign file")
# Translators: heading of the part of the edit page that replaces the campaign's file
REPLACE_TITLE = N_("Replace with a campaign file")
# Translators: form label: a text area to paste a campaign file into
LABEL_TOML_TEXT = N_("Paste the file")
# Translators: form label: a file input to upload a campaign file
LABEL_TOML_FILE = N_("Or upload it")
# Translators: button that imports a campaign file
IMPORT = N_("Import")
# Translators: error when the import form has neither pasted text nor a file
ERROR_NO_FILE = N_("Paste a campaign file or choose one to upload.")
# Translators: error when an uploaded campaign file is too large; {size} is a formatted size in kB
ERROR_TOO_LARGE = N_("The file is larger than {size} kB.")
# Translators: error when another campaign already has this name
ERROR_NAME_TAKEN = N_("Another campaign already has this name; names identify campaigns in the store.")
# Translators: error when the store already holds a campaign of this name, collected from the command line
ERROR_NAME_STORED = N_(
    "A campaign collected from the command line already has this name; only a site administrator can "
    "define it on the web."
)
# Translators: error when the chosen address is taken or reserved
ERROR_SLUG_TAKEN = N_("This address is taken; choose another.")
# Translators: confirmation after a campaign was created
CREATED = N_("The campaign was created.")
# Translators: confirmation after a campaign was saved
SAVED = N_("The campaign was saved.")

# -- signing in, errors
# Translators: heading of the sign-in page
LOGIN_TITLE = N_("Log in")
# Translators: heading of the page shown when the user may not do something
FORBIDDEN_TITLE = N_("Not allowed")
# Translators: shown when a signed-in user who is not an organizer tries to change a campaign
FORBIDDEN = N_("Only this campaign's organizers can change it.")
# Translators: heading of the page shown for an address that doesn't exist
NOT_FOUND_TITLE = N_("Not found")
# Translators: shown for an address that doesn't exist
NOT_FOUND = N_("There is no such page here.")
# Translators: shown when a page may not be opened by this user (no more precise reason is known)
FORBIDDEN_PAGE = N_("You are not allowed to open this page.")
# Translators: heading of the page shown when the address or a form sent to the site was not understood
BAD_REQUEST_TITLE = N_("Bad request")
# Translators: shown when the address or a form sent to the site was not understood
BAD_REQUEST = N_("The site could not understand this request. Check the address, or go back and try again.")
# Translators: heading of the page shown when the same thing was asked for too often
TOO_MANY_TITLE = N_("Too many requests")
# Translators: heading of the page shown when the site failed to make a page (an error on the server)
SERVER_ERROR_TITLE = N_("Something went wrong")
# Translators: shown when the site failed to make a page (an error on the server)
SERVER_ERROR = N_("The site could not show this page. The error was recorded; please try again later.")
# Translators: heading of the page shown when a form was refused because its security check failed
CSRF_TITLE = N_("The form could not be sent")
# Translators: shown when a form's security check failed (the page was open too long, or cookies are off)
CSRF_FAILED = N_(
    "This form was open for too long, or your browser did not send this site's cookies. Go back, reload "
    "the page and send the form again."
)
# Translators: link on an error page to the front page, which lists the campaigns
BACK_HOME = N_("Go to the list of campaigns")
# Translators: in a program's table of campaigns, instead of the name of a campaign that is unlisted
UNLISTED_CAMPAIGN = N_("An unlisted campaign")

# -- signing in
# Translators: button that starts signing in with a Wikimedia account; {provider} is a wiki's domain
SIGN_IN_WIKIMEDIA = N_("Sign in with your Wikimedia account ({provider})")
# Translators: note under the sign-in button
SIGN_IN_HELP = N_("You approve wikitally once on the wiki; it learns your username and nothing else.")
# Translators: shown on the sign-in page when the site has no OAuth client configured
OAUTH_NOT_CONFIGURED = N_(
    "Signing in with a Wikimedia account isn't configured on this site: its administrator sets "
    "WIKITALLY_OAUTH_CLIENT_ID and WIKITALLY_OAUTH_CLIENT_SECRET."
)
# Translators: heading of the sign-in form for accounts made on this site's server (a username and a
# password), shown beside or instead of the Wikimedia sign-in
LOCAL_LOGIN_TITLE = N_("Local account")
# Translators: on the sign-in page of a site running on someone's own computer, before any local account
# exists. `wikitally local-account NAME` is a command (keep as is; NAME may be translated)
LOCAL_ACCOUNT_HINT = N_(
    "No local account exists yet. Make one in a terminal on this computer with "
    "`wikitally local-account NAME`, then reload this page."
)
# Translators: error after too many wrong passwords for one local account; {minutes} is a number
ERROR_LOGIN_LIMIT = N_("Too many wrong passwords for this account. Try again in {minutes} minutes.")
# Translators: heading of the page shown when signing in failed
SIGN_IN_FAILED_TITLE = N_("Signing in didn't work")
# Translators: link from a failed sign-in back to the sign-in page
SIGN_IN_AGAIN = N_("Sign in again")
# Translators: why signing in failed: the answer did not belong to this browser, or came twice
ERROR_STATE = N_("This sign-in was not started in this browser, or was already used. Start it again.")
# Translators: why signing in failed: the user took longer than ten minutes
ERROR_EXPIRED = N_("This sign-in took too long. Start it again.")
# Translators: why signing in failed: the wiki said no; {provider} is its domain, {reason} its explanation
ERROR_REFUSED = N_("{provider} did not sign you in: {reason}")
# Translators: why signing in failed: no usable answer; {provider} is the wiki's domain, {reason} what happened
ERROR_UNREACHABLE = N_("{provider} could not be reached ({reason}). Try again in a few minutes.")
# Translators: why signing in failed: an unexpected answer; {provider} is the wiki's domain, {reason} what it was
ERROR_MALFORMED = N_("{provider} answered something unexpected ({reason}). Try again later.")
# Translators: shown when a signed-in user who is not a site administrator opens the admin pages
ADMIN_ONLY = N_("Only site administrators can open the admin pages.")
# Translators: confirmation after signing in; {user} is a username
SIGNED_IN = N_("Signed in as {user}.")

# -- enrolment
# Translators: link or heading: join a campaign as a participant
JOIN = N_("Join this campaign")
# Translators: heading of the join page; {campaign} is the campaign's name
JOIN_TITLE = N_("Join {campaign}")
# Translators: explains joining; {user} is the user's Wikimedia username
JOIN_INTRO = N_(
    "You join as {user}: your edits on the campaign's wikis count once the numbers are refreshed."
)
# Translators: shown on the join page to someone already enrolled; {user} is their username
JOINED = N_("You are enrolled in this campaign as {user}.")
# Translators: confirmation after joining; {user} is a username
JOIN_DONE = N_("Welcome! You are enrolled as {user}.")
# Translators: shown on the join page to someone signed in without a Wikimedia account
JOIN_NEEDS_WIKI_ACCOUNT = N_("Sign in with your Wikimedia account to join: you join as your wiki username.")
# Translators: form label: the passcode the organizers gave to join the campaign
LABEL_PASSCODE = N_("Passcode")
# Translators: help under the passcode field on the join page
HELP_PASSCODE_JOIN = N_("The organizers gave it to the participants.")
# Translators: error on the join page when the passcode is wrong
ERROR_PASSCODE_WRONG = N_("That is not the passcode.")
# Translators: error on the join page after too many wrong passcodes; {minutes} is a number
ERROR_PASSCODE_LIMIT = N_("Too many wrong passcodes. Try again in {minutes} minutes.")
# Translators: link from a campaign's page to its list of enrolled participants (organizers only)
PARTICIPANTS_LINK = N_("Participants")
# Translators: heading of the organizers' participants page; {campaign} is the campaign's name
PARTICIPANTS_TITLE = N_("Participants of {campaign}")
# Translators: label before the link that participants use to join
JOIN_LINK = N_("Join link to share")
# Translators: summary of the participants page; {count} and {idle} are formatted numbers
ENROLLED_COUNT = N_("{count} enrolled; {idle} have not edited yet.")
# Translators: summary of the participants page before the campaign's first collection; {count} is a number
ENROLLED_COUNT_NOT_COLLECTED = N_("{count} enrolled; nothing collected yet.")
# Translators: shown when nobody is enrolled yet
NOBODY_ENROLLED = N_("Nobody has enrolled yet.")
# Translators: table column: a participant's Wikimedia username
COL_USERNAME = N_("Username")
# Translators: table column: how a participant was enrolled
COL_HOW = N_("Enrolled")
# Translators: table column: whether the participant has a counted edit
COL_EDITED = N_("Edited")
# Translators: how a participant was enrolled: through the join link
HOW_JOIN = N_("joined")
# Translators: how a participant was enrolled: an organizer added them
HOW_ORGANIZER = N_("added by an organizer")
# Translators: a participant without a counted edit in the campaign's numbers
NOT_EDITED_YET = N_("has not edited yet")
# Translators: a participant with at least one counted edit
EDITED = N_("yes")
# Translators: button that removes one participant; {user} is their username (for screen readers)
REMOVE = N_("Remove")
# Translators: accessible name of the remove button; {user} is a username
REMOVE_LABEL = N_("Remove {user}")
# Translators: confirmation after removing a participant; {user} is a username
REMOVED = N_("{user} is no longer enrolled.")
# Translators: heading of the form that enrols a pasted list of usernames
ADD_TITLE = N_("Add participants")
# Translators: form label: a list of usernames to enrol
LABEL_USERNAMES = N_("Usernames, one per line")
# Translators: help under the list of usernames
HELP_USERNAMES = N_("As on the wiki: underscores and a lower-case first letter are fine; no User: prefix.")
# Translators: button that enrols the pasted usernames
ADD = N_("Add")
# Translators: confirmation after enrolling a pasted list; {added} and {count} are formatted numbers
ADDED = N_("{added} of {count} usernames added (the others were already enrolled).")
# Translators: error for one bad line of the pasted list; {line} is its number, {name} the line, {problem} why
ERROR_USERNAME_LINE = N_("Line {line} ({name}): {problem}")
# Translators: error when the pasted list has no username
ERROR_NO_USERNAMES = N_("Paste at least one username.")
# Translators: error when the pasted list is too long; {limit} is a number
ERROR_TOO_MANY_USERNAMES = N_("At most {limit} usernames at once.")
# Translators: heading of the form that sets the join passcode
PASSCODE_TITLE = N_("Join passcode")
# Translators: state of the passcode: participants must type it to join
PASSCODE_SET = N_("A passcode is set: participants type it to join.")
# Translators: state of the passcode: anyone with the link can join
PASSCODE_NONE = N_("No passcode: anyone signed in with the link can join.")
# Translators: form label: the new join passcode
LABEL_NEW_PASSCODE = N_("New passcode")
# Translators: help under the new passcode field
HELP_NEW_PASSCODE = N_("At least 4 characters. It is stored hashed: tell it to participants yourself.")
# Translators: form label: remove the passcode
LABEL_CLEAR_PASSCODE = N_("No passcode")
# Translators: button that saves the passcode
SAVE_PASSCODE = N_("Save passcode")
# Translators: error when neither a passcode nor "no passcode" was given
ERROR_PASSCODE_EMPTY = N_("Type a passcode, or tick “No passcode”.")
# Translators: error when the new passcode is too short; {n} is a number
ERROR_PASSCODE_SHORT = N_("At least {n} characters.")
# Translators: confirmation after setting or removing the passcode
PASSCODE_SAVED = N_("The passcode was saved.")
# Translators: confirmation after removing the passcode
PASSCODE_CLEARED = N_("The passcode was removed: anyone with the link can join.")
# Translators: shown when a signed-in user who doesn't organize the campaign opens its participants
FORBIDDEN_PARTICIPANTS = N_("Only this campaign's organizers can see and change its participants.")

# The web's own strings, English until the web's catalogue has them (as in ui.py).
# Translators: after "Last updated 5 minutes ago · "; {when} is relative, e.g. "in 8 minutes"
NEXT_UPDATE = N_("next update {when}")
# Translators: after "Last updated 5 minutes ago · ": an update is due or was asked for
NEXT_UPDATE_SOON = N_("next update in a moment")
# Translators: button on a campaign's page (organizers only): collect its numbers now
REFRESH_NOW = N_("Refresh now")
# Translators: a campaign's status, for its organizers: its numbers are being collected now
REFRESH_RUNNING = N_("Updating now…")
# Translators: a campaign's status, for its organizers; {when} is relative ("3 minutes ago"), {error} one line
REFRESH_FAILED = N_("The last update failed {when}: {error}")
# Translators: a campaign's status, for visitors: an update is running or being retried
REFRESH_UPDATING = N_("Updating…")
# Translators: confirmation after an organizer pressed "Refresh now"
REFRESH_REQUESTED = N_("Refresh requested: the numbers update within a few minutes.")
# Translators: answer when "Refresh now" was pressed again too soon; {seconds} is a number
REFRESH_TOO_SOON = N_(
    "This campaign was refreshed on request less than 2 minutes ago; try again in {seconds} s."
)
# Translators: shown when someone who is not an organizer tries to refresh a campaign
REFRESH_FORBIDDEN = N_("Only this campaign's organizers can refresh it.")

# The program page's own strings (English until the web's gettext slice gives them a catalogue, as ui.py's).
# Translators: section heading: the campaigns a program groups
SECTION_CAMPAIGNS = N_("Campaigns in this program")
# Translators: table column: a campaign's name
COL_CAMPAIGN = N_("Campaign")
# Translators: the program's total row in the table of its campaigns
PROGRAM_TOTAL = N_("Program: each person, edit, article and file once")
# Translators: explains a program's numbers, under its headline numbers
PROGRAM_NOTE = N_(
    "Each person, edit, article and file is counted once, however many of these campaigns count it, "
    "so the campaigns' numbers can add up to more than the program's."
)
# Translators: how many people took part in more than one of the program's campaigns
OVERLAP_PEOPLE = N_("People in more than one campaign: {count}")
# Translators: how many edits more than one of the program's campaigns count
OVERLAP_EDITS = N_("Edits counted by more than one campaign: {count}")
# Translators: note on an unlisted program's page
PROGRAM_UNLISTED = N_("Unlisted: only people with the link see this program.")
# Translators: shown on a program's page when no campaign of it has been collected yet
PROGRAM_NO_DATA = N_("No contributions have been collected for this program's campaigns yet.")
# Translators: shown on a program's page when it groups no campaign yet
PROGRAM_EMPTY = N_("This program has no campaigns yet.")
# Translators: link from a program's page to the admin page that changes it
PROGRAM_EDIT = N_("Edit program")
