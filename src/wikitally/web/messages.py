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
# Translators: shown above a table that is wider than the screen and scrolls sideways
SCROLL_HINT = N_("Scroll sideways to see every column")
# Translators: table column: a participant's place in the leaderboard
COL_RANK = N_("Rank")
# Translators: table column: number of articles a participant created or improved
COL_ARTICLES_EDITED = N_("Articles edited")
# Translators: link under a campaign's leaderboard to the full list; {count} is a formatted number
ALL_PARTICIPANTS = (N_("All {count} participant"), N_("All {count} participants"))
# Translators: link under a campaign's article table to the full list; {count} is a formatted number
ALL_ARTICLES = (N_("All {count} article"), N_("All {count} articles"))
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
# Translators: download link: the campaign's summary numbers as a CSV table
DOWNLOAD_CSV_SUMMARY = N_("CSV: summary")
# Translators: download link: the participants and their numbers as a CSV table
DOWNLOAD_CSV_PARTICIPANTS = N_("CSV: participants")
# Translators: download link: the articles and their numbers as a CSV table
DOWNLOAD_CSV_ARTICLES = N_("CSV: articles")
# Translators: download link: the numbers of each wiki as a CSV table
DOWNLOAD_CSV_WIKIS = N_("CSV: wikis")
# Translators: download link: the uploaded files as a CSV table
DOWNLOAD_CSV_UPLOADS = N_("CSV: uploads")
# Translators: download link: the worklist's coverage per wiki as a CSV table
DOWNLOAD_CSV_COVERAGE = N_("CSV: worklist coverage")
# Translators: download link: the worklist's items that still have no article, as a CSV table
DOWNLOAD_CSV_MISSING = N_("CSV: still missing")
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

# -- the campaign form's mistakes, in the form's words (web/campaigns/form_errors.py); {value} is a quoted value
# Translators: heading of the list of mistakes at the top of the campaign form; {count} is a number
FORM_MISTAKES = (
    N_("The form has {count} mistake. Fix it and save again:"),
    N_("The form has {count} mistakes. Fix them and save again:"),
)
# Translators: error at a form field that must not be empty
FORM_FILL_IN = N_("Fill in this field.")
# Translators: error at the start or end field; keep the example's digits as they are
FORM_NOT_MOMENT = N_("{value} is not a date and time; choose one, e.g. 2024-03-08 09:00.")
# Translators: error at the time zone field when a start or end has no time zone
FORM_PICK_ZONE = N_("Choose the time zone that the start and end are in.")
# Translators: error at the end field; {end} and {start} are date-times
FORM_END_BEFORE_START = N_("The end ({end}) is before the start ({start}); swap or fix them.")
# Translators: error at the time zone field; {name} is what was given
FORM_UNKNOWN_ZONE = N_("{name} is not a time zone; choose one from the list.")
# Translators: error at the wikis field when it is empty
FORM_NO_WIKI = N_("List at least one wiki, e.g. sq.wikipedia.org.")
# Translators: error at the wikis field; {value} is one line of it
FORM_NOT_DOMAIN = N_("{value} is not a wiki domain; write the bare domain, e.g. sq.wikipedia.org.")
# Translators: error at the participants field when nothing says whose edits count
FORM_NOBODY = N_(
    "Nobody to count: list participants, give a participants page, or fill in hashtags or change tags."
)
# Translators: error at the participants page field; DOMAIN:Title is the expected shape (keep as is)
FORM_NOT_PAGE = N_("{value} is not DOMAIN:Title, e.g. meta.wikimedia.org:Event/Participants.")
# Translators: error at the hashtags field; {value} is one line of it
FORM_NOT_HASHTAG = N_("{value} is not a hashtag; use letters, digits and _, e.g. #WikiGap.")
# Translators: error at the namespaces field
FORM_NAMESPACES = N_("Write namespace numbers separated by commas, e.g. 0, 14.")
# Translators: error at the API addresses field; {domain} starts a line of it, {wikis} is the label of the
# wikis field
FORM_API_UNUSED = N_("{domain} is not one of the campaign's wikis; add it to “{wikis}” or remove the line.")
# Translators: error at the API addresses field; {domain} starts a line, {value} is its address
FORM_API_URL = N_("{domain}: {value} is not an http(s) address, e.g. https://wiki.example.org/w/api.php.")
# Translators: why the last update failed, on the campaign page: a wiki did not answer as a MediaWiki API;
# {wiki} is a domain, {url} the address asked, {why} the technical reason (English); {wikis} and {api} are the
# labels of the form's wikis and API addresses fields
FORM_NO_API_ANSWER = N_(
    "{wiki} gave no API answer at {url} ({why}). Check the domain in “{wikis}”, or give the wiki's API address "
    "in “{api}”."
)
# Translators: error at the categories field when rounding by categories was chosen but none is listed
FORM_NO_CATEGORY = N_("List at least one category, e.g. Category:Heritage at risk.")
# Translators: error at the categories field; {value} is one line of it
FORM_NOT_CATEGORY = N_(
    "{value} is not a category title; write it with its namespace, e.g. Category:Heritage."
)
# Translators: help under the start and end fields: they are read in the time zone chosen below
HELP_PICK_MOMENT = N_("Date and time in the campaign's time zone (below). The end is included.")
# Translators: help under the time zone select
HELP_PICK_ZONE = N_("The start and end are read in this time zone.")
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
# Translators: summary of the participants page: {enrolled} is ENROLLED_N ("3 enrolled"), {idle} NOT_EDITED_N
ENROLLED_COUNT = N_("{enrolled}; {idle}")
# Translators: part of the participants page's summary; {count} is a formatted number of participants
ENROLLED_N = (N_("{count} enrolled"), N_("{count} enrolled"))
# Translators: part of the participants page's summary; {count} is a formatted number of participants
NOT_EDITED_N = (N_("{count} has not edited yet."), N_("{count} have not edited yet."))
# Translators: summary of the participants page before the first collection; {enrolled} is ENROLLED_N
ENROLLED_COUNT_NOT_COLLECTED = N_("{enrolled}; nothing collected yet.")
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
# Translators: error at a pasted list of usernames; {names} is a list of usernames, {confirm} the label of the
# "add them anyway" tick box
ERROR_UNKNOWN_USERS = N_(
    "No wiki of this campaign has an account named {names}. Fix or remove these names, or tick “{confirm}”."
)
# Translators: tick box under a pasted list of usernames: add names that no campaign wiki knows
LABEL_ADD_ANYWAY = N_("Add them anyway")
# Translators: warning after a pasted list of usernames was saved; {wikis} lists wikis, each with the reason
NAMES_UNCHECKED = N_("The usernames could not be checked on {wikis}; check them yourself.")
# Translators: heading of the page that asks before removing a participant; {user} is a username
REMOVE_CONFIRM_TITLE = N_("Remove {user}?")
# Translators: on the page that asks before removing a participant; {user} is a username, {campaign} a name
REMOVE_CONFIRM_TEXT = N_(
    "{user} will no longer be a participant of {campaign}; their edits stop counting at the next update."
)
# Translators: button that cancels removing a participant and goes back to the list
CANCEL = N_("Cancel")
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

# -- assignments of worklist items (docs/worklists.md, "Assignments")
# Translators: link on a campaign's page to the organizers' assignments of worklist items
ASSIGNMENTS_LINK = N_("Assignments")
# Translators: link on a campaign's page to the signed-in participant's worklist items
MY_ITEMS_LINK = N_("Your articles")
# Translators: page title for organizers; {campaign} is the campaign's name
ASSIGN_TITLE = N_("Assignments: {campaign}")
# Translators: explanation at the top of the organizers' assignments page
ASSIGN_INTRO = N_(
    "Give the worklist's items to participants. An item is done when the participant's counted edit created or "
    "improved its article, in progress when they edited it without a counted edit yet."
)
# Translators: heading of the form that gives one item to one participant
ASSIGN_BY_HAND = N_("Assign one item")
# Translators: heading of the form that deals the items nobody has to participants at random
ASSIGN_EVENLY = N_("Deal the free items evenly at random")
# Translators: form label: the item's key, e.g. Q42 or sq.wikipedia.org:Title
LABEL_ITEM_KEY = N_("Item (Q… or wiki:Title)")
# Translators: form label: a participant's wiki username
LABEL_PARTICIPANT = N_("Participant")
# Translators: form label: a whole number that decides the random deal (the same number, the same deal)
LABEL_SEED = N_("Seed (the same number gives the same deal)")
# Translators: form label: usernames, one a line; empty means everyone enrolled in the campaign
LABEL_PARTICIPANTS_LIST = N_("Participants, one a line (empty: everyone enrolled)")
# Translators: button of both assignment forms
ASSIGN_SUBMIT = N_("Assign")
# Translators: confirmation; {count} is a formatted number of items
ASSIGNED_DONE = N_("Items assigned: {count}.")
# Translators: error: nothing was assigned (unknown item, or nobody to deal to)
ASSIGNED_NONE = N_("Nothing was assigned: check the item and the names.")
# Translators: link to the CSV file of progress per student
PROGRESS_CSV = N_("Progress per participant (CSV)")
# Translators: heading and page title: the worklist items the signed-in participant has; {campaign} its name
YOUR_ARTICLES = N_("Your articles in {campaign}")
# Translators: heading over the worklist items nobody has taken yet
FREE_ITEMS = N_("Items nobody has yet")
# Translators: button that takes a free worklist item for oneself
CLAIM = N_("Take it")
# Translators: confirmation; {item} is the item's name
CLAIMED = N_("{item} is yours.")
# Translators: error; {item} is the item's name
CLAIM_TAKEN = N_("{item} is not free any more.")
# Translators: shown when the signed-in user has no worklist items in this campaign
NO_ITEMS_YET = N_("You have no items yet.")
# Translators: shown on assignment pages when the campaign has no worklist or it was not collected yet
NO_WORKLIST = N_("This campaign has no worklist yet, or it has not been collected.")
# Translators: column heading: how far a participant is with an item
COL_PROGRESS = N_("Progress")
# Translators: progress of an assigned worklist item
PROGRESS_NOT_STARTED = N_("not started")
# Translators: progress of an assigned worklist item
PROGRESS_IN_PROGRESS = N_("in progress")
# Translators: progress of an assigned worklist item
PROGRESS_DONE = N_("done")
# Translators: marks an item the participant took themselves (rather than an organizer giving it)
CLAIMED_MARK = N_("taken by the participant")
# Translators: error page text for someone who is not an organizer
FORBIDDEN_ASSIGNMENTS = N_("Only this campaign's organizers can assign its worklist.")
# Translators: error: only the campaign's participants may take items
CLAIM_PARTICIPANTS_ONLY = N_("Join the campaign first to take items.")
# -- running a campaign: the event page, its rules, organizers' own page (docs/web.md, "Running a campaign")
# Translators: heading of the campaign page's block about the event (description, place, organizers)
SECTION_EVENT = N_("About this event")
# Translators: the event happens online
MODE_ONLINE = N_("Online")
# Translators: the event happens at a place
MODE_IN_PERSON = N_("In person")
# Translators: the event happens both online and at a place
MODE_HYBRID = N_("Online and in person")
# Translators: label before the event's place (an address or a venue)
LABEL_PLACE = N_("Place")
# Translators: label before the campaign's time zone name (e.g. Europe/Tirane)
LABEL_TIME_ZONE = N_("Time zone")
# Translators: label before the list of the campaign's organizers (Wikimedia usernames)
LABEL_ORGANIZERS = N_("Organizers")
# Translators: link to the event's page on the wiki
EVENT_PAGE_LINK = N_("Event page on the wiki")
# Translators: heading of the list of rules an edit must follow to be counted
SECTION_RULES = N_("What counts")
# Translators: a rule; {wikis} is a list of wiki domains
RULE_WIKIS = N_("Edit on: {wikis}.")
# Translators: a rule; {dates} is a date range, {zone} a time zone name
RULE_DATES = N_("Edits made {dates} count (time zone {zone}).")
# Translators: a rule; {hashtags} are hashtags such as #WikiGap (keep the # signs)
RULE_HASHTAG = N_(
    "Write {hashtags} in the summary of every edit: an edit without it is not counted, and no one is told."
)
# Translators: a rule; {tags} are MediaWiki change tags, added by the tool one edits with
RULE_TAG = N_("Only edits carrying the change tag {tags} count (the tool you edit with adds it).")
# Translators: a rule; {hashtags} are hashtags, {tags} MediaWiki change tags
RULE_HASHTAG_OR_TAG = N_(
    "Write {hashtags} in the summary of every edit, or edit with a tool that adds the tag {tags}: an edit "
    "with neither is not counted."
)
# Translators: a rule: only the wiki's content pages (articles) count, not talk, user or draft pages
RULE_CONTENT_PAGES = N_("Only articles count (the wiki's content pages), not talk, user or draft pages.")
# Translators: a rule; {namespaces} are MediaWiki namespace numbers
RULE_NAMESPACES = N_("Only pages in the namespaces {namespaces} count.")
# Translators: a rule: only people who joined (or whom the organizers listed) are counted
RULE_PARTICIPANTS = N_("Only participants' edits count: join the campaign with your Wikimedia account.")
# Translators: a rule: anyone's edits count
RULE_ANYONE = N_("Anyone's edits count; joining puts your name on the campaign.")
# Translators: a rule about what is measured
RULE_WHAT_COUNTS = N_(
    "A reverted edit counts as an edit but adds no words, references or articles; redirects and deleted "
    "pages do not count."
)
# Translators: shown to a signed-in participant on the campaign and join pages
YOU_ARE_ENROLLED = N_("You are enrolled as {user}.")
# Translators: button that takes the signed-in participant out of the campaign
LEAVE = N_("Leave this campaign")
# Translators: shown after a participant left the campaign
LEFT = N_("You have left this campaign.")
# Translators: checkbox on the join page
LABEL_PRIVATE = N_("Keep my name off public pages")
# Translators: help under the checkbox on the join page
HELP_PRIVATE = N_(
    "Your edits are still counted in the totals, but your name is not shown in any public list, page, "
    "download or API answer. The organizers still see it."
)
# Translators: button on the join page: change whether one's name is shown publicly
SAVE_PRIVACY = N_("Save")
# Translators: shown to a participant whose registration is private
YOU_ARE_PRIVATE = N_("Your name is kept off public pages.")
# Translators: shown when an archived campaign is opened
ARCHIVED_NOTE = N_("This campaign is archived: it is read-only and not listed.")
# Translators: shown on the join page of an archived campaign instead of the form
JOIN_ARCHIVED = N_("This campaign is archived: nobody can join it any more.")
# Translators: shown when someone tries to change an archived campaign
ARCHIVED_FORBIDDEN = N_("This campaign is archived: restore it first.")
# Translators: link to the organizers' page of a campaign
MANAGE_LINK = N_("Organize")
# Translators: title of the organizers' page; {campaign} is the campaign's name
MANAGE_TITLE = N_("Organize {campaign}")
# Translators: heading: the event's details form
SECTION_DETAILS = N_("Event details")
# Translators: label of the description field
LABEL_DESCRIPTION = N_("Description")
# Translators: help under the description field
HELP_DESCRIPTION = N_("Markdown: **bold**, *italic*, [link](https://…), lists. HTML is shown as text.")
# Translators: label of the field: online, in person or both
LABEL_MODE = N_("How people take part")
# Translators: label of the on-wiki event page field
LABEL_EVENT_PAGE = N_("Event page on the wiki (https address)")
# Translators: error at the event page field
ERROR_EVENT_PAGE = N_("Give the page's https address.")
# Translators: button that saves the event's details
SAVE_DETAILS = N_("Save details")
# Translators: shown after saving
DETAILS_SAVED = N_("Event details saved.")
# Translators: heading of the organizers list on the organizers' page
SECTION_ORGANIZERS = N_("Organizers")
# Translators: label of the field that adds a co-organizer
LABEL_ORGANIZER = N_("Wikimedia username")
# Translators: button that adds a co-organizer
ADD_ORGANIZER = N_("Add organizer")
# Translators: shown after adding a co-organizer; {user} is a username
ORGANIZER_ADDED = N_("{user} is now an organizer of this campaign.")
# Translators: shown when the user is already an organizer; {user} is a username
ORGANIZER_KNOWN = N_("{user} already organizes this campaign.")
# Translators: shown after removing an organizer; {user} is a username
ORGANIZER_REMOVED = N_("{user} no longer organizes this campaign.")
# Translators: shown when removing the last organizer is refused
ORGANIZER_LAST = N_("A campaign keeps at least one organizer.")
# Translators: accessible label of the button that removes an organizer; {user} is a username
REMOVE_ORGANIZER = N_("Remove {user} as organizer")
# Translators: heading: archive, duplicate, delete
SECTION_CAMPAIGN_ACTIONS = N_("The campaign")
# Translators: button that archives the campaign
ARCHIVE = N_("Archive")
# Translators: explains archiving
ARCHIVE_HELP = N_("An archived campaign is read-only and hidden from every list; you can restore it.")
# Translators: button that restores an archived campaign
RESTORE = N_("Restore")
# Translators: shown after archiving
ARCHIVED = N_("The campaign is archived.")
# Translators: shown after restoring
RESTORED = N_("The campaign is restored.")
# Translators: button that copies the campaign for next year
DUPLICATE = N_("Duplicate for next year")
# Translators: shown after copying; {campaign} is the new campaign's name
DUPLICATED = N_("Copied as {campaign}: check its dates and name.")
# Translators: button that leads to deleting the campaign
DELETE = N_("Delete…")
# Translators: title of the confirmation page; {campaign} is the campaign's name
DELETE_TITLE = N_("Delete {campaign}?")
# Translators: explains what deleting does
DELETE_WARNING = N_(
    "This deletes the campaign, its participants list and everything collected for it, and takes it out "
    "of its programs. It cannot be undone: to keep it read-only instead, archive it."
)
# Translators: label of the field where the organizer types the campaign's name to confirm
LABEL_CONFIRM_NAME = N_("Type the campaign's name to confirm")
# Translators: error when the typed name is not the campaign's
ERROR_CONFIRM_NAME = N_("That is not the campaign's name.")
# Translators: button that deletes the campaign for good
DELETE_CONFIRM = N_("Delete for good")
# Translators: shown after deleting; {campaign} is the name it had
DELETED = N_("{campaign} is deleted.")
# Translators: heading: the participant list and message list downloads
SECTION_PARTICIPANT_EXPORTS = N_("Participants")
# Translators: link: the participants list as a CSV file (organizers only)
EXPORT_PARTICIPANTS = N_("Participants (CSV)")
# Translators: link: a wikitext list of participants' talk pages for MassMessage
EXPORT_MASSMESSAGE = N_("Message list for MassMessage (wikitext)")
# Translators: explains the MassMessage list
MASSMESSAGE_HELP = N_(
    "To write to every participant, save this list as a page on the wiki and send with "
    "Special:MassMessage. wikitally sends no e-mail."
)
# Translators: heading of a participant's own articles on their page
SECTION_MY_ARTICLES = N_("Articles")
# Translators: link to the diff of everything a participant changed on one article
DIFF = N_("diff")
# Translators: accessible name of a diff link; {title} is an article title
DIFF_OF = N_("Diff of the counted edits to {title}")
# Translators: error at the co-organizer field; {name} is what was typed, {problem} why MediaWiki refuses it
ERROR_ORGANIZER_NAME = N_("{name}: {problem}")
# Translators: after a file on a participant's page: the file is used on at least one page of the wikis
UPLOAD_IN_USE = N_("in use")
# -- heritage at risk (views_heritage.py, docs/heritage.md)
# Translators: page title: the approved reports of heritage sites at risk; {campaign} is the campaign's name
HERITAGE_TITLE = N_("Heritage at risk: {campaign}")
# Translators: explanation at the top of the public heritage-at-risk page
HERITAGE_INTRO = N_(
    "Sites volunteers reported as damaged, destroyed, threatened, neglected or hit by armed conflict, once "
    "an organizer checked the report. Places of sensitive sites are rounded to about 10 km."
)
# Translators: shown when no report is public yet
HERITAGE_NONE = N_("No report is public yet.")
# Translators: heading of the table of the campaign's listed heritage sites
HERITAGE_SITES = N_("Listed sites")
# Translators: under the heading of the listed heritage sites' table
HERITAGE_SITES_INTRO = N_(
    "Sites of the campaign's list with a designation, a risk status or a public report, and whether each is "
    "on Wikipedia, on Commons and on Wikidata."
)
# Translators: heritage sites' table column: the kinds of risk of the site's public reports
HERITAGE_REPORTED = N_("Reported")
# Translators: heritage sites' table column: the site has an article on one of the campaign's wikis
HERITAGE_ON_WIKIPEDIA = N_("On Wikipedia")
# Translators: heritage sites' table column: the site has a picture (on Wikimedia Commons)
HERITAGE_ON_COMMONS = N_("On Commons")
# Translators: heritage sites' table column: the site has a Wikidata item
HERITAGE_ON_WIKIDATA = N_("On Wikidata")
# Translators: under a shortened table of heritage sites; {count} is a formatted number
HERITAGE_SITES_MORE = N_("… and {count} more sites.")
# Translators: link to the form that reports a heritage site at risk
HERITAGE_REPORT_LINK = N_("Report a site at risk")
# Translators: link to the organizers' moderation page of heritage reports
HERITAGE_MODERATE_LINK = N_("Moderate heritage reports")
# Translators: page title of the report form; {campaign} is the campaign's name
HERITAGE_REPORT_TITLE = N_("Report a site at risk: {campaign}")
# Translators: explanation above the report form
HERITAGE_REPORT_INTRO = N_(
    "An organizer reads every report before it is public. Your name is shown to the organizers only."
)
# Translators: label of the field that chooses the reported site
LABEL_HERITAGE_SITE = N_("Site")
# Translators: the choice in the site list for a site that is not on the list
HERITAGE_NEW_SITE = N_("A site not on the list (give its name and coordinates)")
# Translators: label of the field with the name of a site that is not on the list
LABEL_HERITAGE_LABEL = N_("Name of the site")
# Translators: label of the latitude field (decimal degrees)
LABEL_HERITAGE_LAT = N_("Latitude")
# Translators: label of the longitude field (decimal degrees)
LABEL_HERITAGE_LON = N_("Longitude")
# Translators: help under the coordinate fields
HELP_HERITAGE_POINT = N_("Decimal degrees, e.g. 41.3275 and 19.8187. Needed for a site not on the list.")
# Translators: label of the choice of what happened to the site
LABEL_HERITAGE_KIND = N_("What is the risk?")
# Translators: label of the date the reporter saw the site's state
LABEL_HERITAGE_OBSERVED = N_("Date observed")
# Translators: label of the description of what was seen
LABEL_HERITAGE_DESCRIPTION = N_("What did you see?")
# Translators: label of the list of Commons files that show the site's state
LABEL_HERITAGE_EVIDENCE = N_("Commons files as evidence")
# Translators: help under the evidence field
HELP_HERITAGE_EVIDENCE = N_(
    "One file name a line, e.g. File:Church roof 2024.jpg. Upload the photos to Commons first."
)
# Translators: label of the source link field
LABEL_HERITAGE_SOURCE = N_("Source link")
# Translators: help under the source link field
HELP_HERITAGE_SOURCE = N_("A news article or official notice (http or https), if there is one.")
# Translators: checkbox: show the place only rounded to about 10 km in public
LABEL_HERITAGE_PRIVATE = N_("Keep the exact place private (show it rounded to ~10 km)")
# Translators: button that sends the heritage report
HERITAGE_SEND = N_("Send the report")
# Translators: shown after sending a report
HERITAGE_SENT = N_("Thank you. An organizer will check your report.")
# Translators: error at the site name field
ERROR_HERITAGE_LABEL = N_("Name the site.")
# Translators: error at the coordinate fields
ERROR_HERITAGE_POINT = N_("A site not on the list needs its latitude and longitude.")
# Translators: error at the date field
ERROR_HERITAGE_FUTURE = N_("The date cannot be in the future.")
# Translators: error at the description field
ERROR_HERITAGE_DESCRIPTION = N_("Say what you saw.")
# Translators: error at the evidence field; {file} is what was typed
ERROR_HERITAGE_EVIDENCE = N_("{file} is not a Commons file name (File:….jpg).")
# Translators: error at the source link field
ERROR_HERITAGE_SOURCE = N_("Give an http or https link.")
# Translators: error at the latitude or longitude field
ERROR_HERITAGE_DEGREES = N_("Not on Earth's grid: latitude −90 to 90, longitude −180 to 180.")
# Translators: shown when a volunteer sent too many reports; {limit} reports an hour
HERITAGE_TOO_MANY = N_("At most {limit} reports an hour. Please try again later.")
# Translators: page title of the organizers' moderation page; {campaign} is the campaign's name
HERITAGE_MODERATE_TITLE = N_("Heritage reports: {campaign}")
# Translators: error: only organizers moderate heritage reports
FORBIDDEN_HERITAGE = N_("Only this campaign's organizers can moderate its heritage reports.")
# Translators: column: who sent the report (organizers only)
COL_REPORTER = N_("Reporter")
# Translators: column: the report's state (waiting, public, rejected, merged)
COL_REPORT_STATUS = N_("State")
# Translators: column: what an organizer may do with the report
COL_REPORT_ACTIONS = N_("Moderation")
# Translators: state of a report waiting for an organizer
REPORT_PENDING = N_("waiting")
# Translators: state of an approved, public report
REPORT_APPROVED = N_("public")
# Translators: state of a rejected report
REPORT_REJECTED = N_("rejected")
# Translators: state of a report merged into another; shown before the other report's number
REPORT_MERGED = N_("merged")
# Translators: button: make the report public
HERITAGE_APPROVE = N_("Approve")
# Translators: button: reject the report (a reason is needed)
HERITAGE_REJECT = N_("Reject")
# Translators: label of the reason for rejecting a report
LABEL_HERITAGE_REASON = N_("Reason")
# Translators: button: merge the report as a duplicate into another
HERITAGE_MERGE = N_("Merge into report")
# Translators: label of the number of the report a duplicate is merged into
LABEL_HERITAGE_INTO = N_("Report number")
# Translators: shown after a moderation step; {id} is the report's number
HERITAGE_MODERATED = N_("Report {id} is updated.")
# Translators: error after a refused moderation step (e.g. approving a rejected report)
HERITAGE_NOT_MODERATED = N_(
    "That step is not possible for this report: rejecting needs a reason, and only waiting or public reports can be moderated or merged."
)
# Translators: heading of the full log of what was done to heritage reports
HERITAGE_AUDIT = N_("Audit log")
# Translators: column of the audit log: what was done
COL_AUDIT_ACTION = N_("Action")
# Translators: column of the audit log: who did it
COL_AUDIT_ACTOR = N_("By")
# Translators: column of the audit log: when
COL_AUDIT_AT = N_("When")
# Translators: column of the audit log: details (a reason, the report merged into, files added)
COL_AUDIT_DETAIL = N_("Details")
# Translators: column: the report's number
COL_REPORT_ID = N_("No.")
# Translators: heading of the organizers' downloads of approved heritage reports
HERITAGE_EXPORTS = N_("Downloads of approved reports")
# Translators: link: approved reports as a wikitext table for a Meta or Commons page
HERITAGE_EXPORT_WIKI = N_("Wikitext table")
# Translators: button: QuickStatements lines for review; wikitally never edits Wikidata
HERITAGE_EXPORT_QS = N_("QuickStatements lines (for review; wikitally never edits Wikidata)")
# Translators: help: which Wikidata item states each kind of risk in the QuickStatements lines
HELP_HERITAGE_QS = N_(
    "For each kind of risk, the Wikidata item to state as its state of conservation (P5816), e.g. Q…; kinds left empty get no line."
)
# Translators: caption of the heritage map
HERITAGE_MAP = N_("Map of the reported sites")
# Translators: error at the risk choice
ERROR_HERITAGE_KIND = N_("Choose what the risk is.")
# Translators: link from a campaign's page to its heritage-at-risk page
HERITAGE_LINK = N_("Heritage at risk")

# -- the jury in the web app (docs/contests.md, "The jury in the web app")
# Translators: page title of a juror's marking page; {campaign} is the contest's name
JURY_TITLE = N_("Jury: {campaign}")
# Translators: link on a contest's page to the jury's marking page
JURY_LINK = N_("Mark the entries (jury)")
# Translators: error page text for a signed-in user who is not one of the contest's jurors
FORBIDDEN_JURY = N_("Only this contest's jurors can mark its entries.")
# Translators: error page text for someone who is not an organizer of the contest
FORBIDDEN_JURY_ORGANIZE = N_("Only this contest's organizers can close marking.")
# Translators: shown when the campaign has no [contest.jury]
JURY_NONE = N_("This campaign has no jury.")
# Translators: the label of the list of a contest's rounds of selection on the juror's marking page
JURY_ROUNDS = N_("Rounds")
# Translators: a juror's progress; {marked} and {total} are formatted numbers of articles
JURY_PROGRESS = N_("{marked} of {total} articles marked")
# Translators: shown to a juror when nothing is left in their queue
JURY_DONE = N_("Nothing left to mark: you have marked every article you may mark.")
# Translators: heading above the entries of the article being marked
JURY_ENTRIES = N_("Entries on this article")
# Translators: column: an entry's points by the contest's formula
COL_POINTS = N_("Points")
# Translators: an entry meets every required rule
JURY_ELIGIBLE = N_("eligible")
# Translators: an entry fails a required rule
JURY_INELIGIBLE = N_("not eligible")
# Translators: label before the required rules an entry failed
JURY_FAILED = N_("Required rules failed:")
# Translators: label before the optional rules an entry failed (a warning, still eligible)
JURY_WARNINGS = N_("Optional rules failed:")
# Translators: label before the informational rules an entry failed (shown, never decides)
JURY_INFO = N_("Informational rules failed:")
# Translators: an entry passed every rule of the contest
JURY_ALL_PASSED = N_("Every rule passed.")
# Translators: link to the wiki's diff from before the first to the last counted edit of the contest
JURY_DIFF = N_("Diff of the contest's edits")
# Translators: link to the article itself on its wiki
JURY_ARTICLE_LINK = N_("The article now")
# Translators: heading of the marking form (independent mode)
JURY_YOUR_MARK = N_("Your mark")
# Translators: heading of the marking form in consensual mode: one mark shared by the whole jury
JURY_SHARED_MARK = N_("The jury's shared mark")
# Translators: label of the field where a juror comments their mark
JURY_COMMENT = N_("Comment")
# Translators: button that saves the mark; Enter is the key that does the same
JURY_SAVE = N_("Save (Enter)")
# Translators: link that skips the article for now; S is the key that does the same
JURY_SKIP = N_("Skip (S)")
# Translators: help under the marking form: the keyboard shortcuts
JURY_KEYS = N_(
    "Keys: a number sets the highlighted part and moves to the next one; Enter saves; S skips. "
    "Without JavaScript: type the number in the field, Enter saves, and S is the link's access key."
)
# Translators: heading of the other jurors' marks of the article
JURY_OTHER_MARKS = N_("Other jurors' marks")
# Translators: shown instead of other jurors' marks while marking is open and marks are hidden
JURY_MARKS_HIDDEN = N_("Other jurors' marks are hidden until the organizers close marking.")
# Translators: message after saving a mark; {title} is an article title
JURY_SAVED = N_("Your mark on {title} is saved.")
# Translators: refusal: the juror edited the article; {title} is an article title
JURY_CONFLICT = N_("You edited {title}: you may not mark it.")
# Translators: refusal: marking was closed by the organizers
JURY_CLOSED = N_("Marking is closed: the results are frozen.")
# Translators: refusal: a part has no value, or one the scheme does not take
JURY_BAD_VALUE = N_("Not saved: give every part a value it takes.")
# Translators: refusal: the article is not in the jury's queue; {title} is an article title
JURY_UNKNOWN = N_("{title} is not in the jury's queue.")
# Translators: heading: articles the juror edited, which they may not mark (conflict of interest)
JURY_CONFLICTS = N_("Articles you edited (you may not mark them)")
# Translators: link from the juror's page to the organizers' jury page
JURY_ORGANIZE_LINK = N_("Jury: progress, audit log, closing")
# Translators: page title of the organizers' jury page; {campaign} is the contest's name
JURY_ORGANIZE_TITLE = N_("Jury and results: {campaign}")
# Translators: column: a juror's name
COL_JUROR = N_("Juror")
# Translators: column: how many articles a juror marked
COL_MARKED = N_("Marked")
# Translators: column: how many articles a juror edited and may not mark
COL_CONFLICTS = N_("Edited by them")
# Translators: column: how many articles a juror still has to mark
COL_LEFT = N_("Left")
# Translators: button: organizers close marking; the results are frozen as a new version
JURY_CLOSE = N_("Close marking and freeze the results")
# Translators: button: organizers re-open marking after closing it
JURY_REOPEN = N_("Re-open marking")
# Translators: button: build the jury's queue again from the latest collection
JURY_REBUILD = N_("Rebuild the queue from the latest collection")
# Translators: marking is open
JURY_OPEN = N_("Marking is open.")
# Translators: a closing; {version} is a number, {when} a date and time, {name} a username
JURY_CLOSED_AT = N_("Version {version}: closed {when} by {name}")
# Translators: after a closing that was undone; {when} is a date and time, {name} a username
JURY_REOPENED_AT = N_("re-opened {when} by {name}")
# Translators: message after closing; {version} is a number
JURY_CLOSED_DONE = N_("Marking is closed; the results are frozen as version {version}.")
# Translators: message after re-opening marking
JURY_REOPENED_DONE = N_("Marking is open again.")
# Translators: message after rebuilding the queue; {count} is a formatted number of articles
JURY_REBUILT = N_("The queue has {count} articles.")
# Translators: heading of the list of every change to the jury's marks
JURY_AUDIT = N_("Audit log")
# Translators: column of the audit log: when the change was made
COL_WHEN = N_("When")
# Translators: column of the audit log: who made the change (a juror, an organizer, an import file)
COL_WHO = N_("Who")
# Translators: column of the audit log: what changed
COL_WHAT = N_("What")
# Translators: column of the audit log: the part of the jury's scheme
COL_PART = N_("Part")
# Translators: column of the audit log: the value before the change
COL_OLD = N_("Old")
# Translators: column of the audit log: the value after the change
COL_NEW = N_("New")
# Translators: audit log: a juror's mark changed; {juror} is a username
ACTION_MARK = N_("mark of {juror}")
# Translators: audit log: a juror's comment changed; {juror} is a username
ACTION_COMMENT = N_("comment of {juror}")
# Translators: audit log: organizers closed marking
ACTION_CLOSE = N_("marking closed")
# Translators: audit log: organizers re-opened marking
ACTION_REOPEN = N_("marking re-opened")
# Translators: audit log: a participant submitted an article
ACTION_SUBMIT = N_("submitted")
# Translators: page title of a contest's frozen results; {campaign} is the contest's name
RESULTS_TITLE = N_("Results: {campaign}")
# Translators: above frozen results; {version} is a number, {when} a date and time
RESULTS_FROZEN = N_("Version {version}, frozen {when}.")
# Translators: shown on the results page before the organizers close marking
RESULTS_NOT_YET = N_("The results are published when the organizers close marking.")
# Translators: column: a participant's rank
COL_RANK = N_("Rank")
# Translators: column: a participant's score
COL_SCORE = N_("Score")
# Translators: column: how many eligible entries a participant has
COL_ENTRIES = N_("Entries")
# Translators: download link: the frozen results as JSON
RESULTS_JSON = N_("Results (JSON)")
# Translators: download link: the frozen results as CSV
RESULTS_CSV = N_("Results (CSV)")
# Translators: download link: the frozen results as wikitext
RESULTS_WIKI = N_("Results (wikitext)")
# Translators: link to the contest's results page
RESULTS_LINK = N_("Contest results")
# Translators: heading on a participant's page: the contest's rules
SECTION_CONTEST_RULES = N_("Contest rules")
# Translators: heading on a participant's page: their contest entries and how each fares under the rules
SECTION_CONTEST_ENTRIES = N_("Your contest entries")
# Translators: a rule with how it counts; {rule} is the rule, {mode} is required/optional/informational
RULE_WITH_MODE = N_("{rule} ({mode})")
# Translators: a rule's mode: an entry that fails it is not eligible
MODE_REQUIRED = N_("required")
# Translators: a rule's mode: failing it is a warning, the entry stays eligible
MODE_OPTIONAL = N_("optional")
# Translators: a rule's mode: shown, never decides
MODE_INFORMATIONAL = N_("informational")
# Translators: contest rule
RULE_CREATED_IN_WINDOW = N_("the article is created by a participant during the contest")
# Translators: contest rule; {value} is a formatted number
RULE_MIN_BYTES = N_("at least {value} bytes added")
# Translators: contest rule; {value} is a formatted number
RULE_MIN_WORDS = N_("at least {value} words in the article at the end of the contest")
# Translators: contest rule; {value} is a formatted number
RULE_MIN_WORDS_ADDED = N_("at least {value} words added")
# Translators: contest rule; {value} is a formatted number
RULE_MIN_REFERENCES = N_("at least {value} references in the article at the end of the contest")
# Translators: contest rule
RULE_CREATOR_IS_PARTICIPANT = N_("the article is created by a participant")
# Translators: contest rule; {value} is a date
RULE_REGISTERED_AFTER = N_("the account is registered on or after {value}")
# Translators: contest rule; {value} is a list of namespace numbers
RULE_NAMESPACE = N_("the page is in namespace {value}")
# Translators: contest rule; {value} is a category name
RULE_IN_CATEGORY = N_("the article is in the category {value}")
# Translators: contest rule
RULE_NOT_TRANSLATED = N_("the article is not a translation")
# Translators: contest rule
RULE_ON_WORKLIST = N_("the article is on the worklist")
# Translators: a failed rule on a participant's entry; {value} and {have} are formatted numbers
VERDICT_MIN_WORDS = N_("{value} words needed, you have {have}")
# Translators: a failed rule on a participant's entry; {value} and {have} are formatted numbers
VERDICT_MIN_WORDS_ADDED = N_("{value} words added needed, you added {have}")
# Translators: a failed rule on a participant's entry; {value} and {have} are formatted numbers
VERDICT_MIN_BYTES = N_("{value} bytes added needed, you added {have}")
# Translators: a failed rule on a participant's entry; {value} and {have} are formatted numbers
VERDICT_MIN_REFERENCES = N_("{value} references needed, you have {have}")
# Translators: a failed rule on a participant's entry; {rule} is the rule's text
VERDICT_NOT_MET = N_("not met: {rule}")
