"""The photo jury's strings (views_photos.py, templates photos_*.html), read like web/messages.py's by ui.UI."""

from __future__ import annotations

from wikitally.reports.messages import N_

# Translators: link and heading: a photo contest's jury pages; {campaign} is the contest's name
PHOTOS_TITLE = N_("Jury: {campaign}")
# Translators: link on a campaign page to the photo contest's jury pages
PHOTOS_LINK = N_("Jury")
# Translators: a round of the jury in a list; {number} is its number, {name} its name from the campaign file
PHOTOS_ROUND = N_("Round {number}: {name}")
# Translators: a ranking round's photos are ranked a batch at a time; {number} and {count} are numbers
PHOTOS_BATCH = N_("Batch {number} of {count}")
# Translators: the label of the list of a ranking round's batches on a juror's page
PHOTOS_BATCHES = N_("Batches")
# Translators: link: where a juror votes in the round
PHOTOS_VOTE_LINK = N_("Vote")
# Translators: link: the organizers' page of a round (progress of each juror, closing the round)
PHOTOS_ROUND_LINK = N_("Round status")
# Translators: link: a round's ranking as the public sees it (jurors shown as "Juror 1" …)
PHOTOS_RESULTS_LINK = N_("Results")
# Translators: download link (organizers only): one row per juror of the round — tasks, votes, mean, first and
# last vote, flags
PHOTOS_JURORS_CSV = N_("Jurors' statistics (CSV)")
# Translators: link: the log of every vote and decision (organizers only)
PHOTOS_LOG_LINK = N_("Audit log")
# Translators: a juror's progress in a round; {done} and {assigned} are formatted numbers
PHOTOS_PROGRESS = N_("{done} of {assigned} done")
# Translators: button of a yes/no round: the photo should go on
PHOTOS_YES = N_("Yes")
# Translators: button of a yes/no round: the photo should not go on
PHOTOS_NO = N_("No")
# Translators: accessible name of a rating button; {stars} is 1 to 5
PHOTOS_RATE = N_("{stars} of 5")
# Translators: button that takes back the juror's last vote
PHOTOS_UNDO = N_("Undo the last vote")
# Translators: button: mark the photo as one of the juror's favourites
PHOTOS_FAVOURITE = N_("Favourite")
# Translators: button: take the photo out of the juror's favourites
PHOTOS_UNFAVOURITE = N_("Not a favourite")
# Translators: label of the note a juror sends to the organizers about a photo
PHOTOS_FLAG_NOTE = N_("Note to the organizers")
# Translators: the default note of a flag
PHOTOS_FLAG_DEFAULT = N_("Possible copyright problem")
# Translators: button that sends a flag about the photo to the organizers
PHOTOS_FLAG = N_("Flag")
# Translators: shown after a flag is sent
PHOTOS_FLAGGED = N_("The organizers see your flag.")
# Translators: shown when the juror's queue of a round is empty
PHOTOS_QUEUE_DONE = N_("Nothing left to judge in this round. Thank you!")
# Translators: shown when an organizer closed the round
PHOTOS_CLOSED = N_("This round is closed.")
# Translators: the keys a juror can press; keep the key letters Y, N, 1–5, U and F as they are
PHOTOS_KEYS = N_("Keys: Y yes, N no, 1–5 rating, U undo, F favourite.")
# Translators: shown when a signed-in user who is not a juror opens the voting page
PHOTOS_NOT_JUROR = N_("Only the contest's jurors can vote.")
# Translators: shown when a user who is not an organizer opens an organizers' page of the jury
PHOTOS_ORGANIZERS_ONLY = N_("Only the contest's organizers can see this page.")
# Translators: intro of a ranking round's page
PHOTOS_RANK_INTRO = N_(
    "Put the photos in order, best first: change the numbers or use the arrows, then save the ranking."
)
# Translators: button that moves a photo one place up in the juror's ranking
PHOTOS_UP = N_("Up")
# Translators: button that moves a photo one place down in the juror's ranking
PHOTOS_DOWN = N_("Down")
# Translators: button that saves the juror's ranking
PHOTOS_SAVE_RANKING = N_("Save the ranking")
# Translators: shown after a ranking is saved
PHOTOS_RANKING_SAVED = N_("Your ranking is saved.")
# Translators: column: how many tasks a juror has done / has in all
PHOTOS_COL_DONE = N_("Done")
# Translators: column: tasks given to the juror
PHOTOS_COL_ASSIGNED = N_("Assigned")
# Translators: column: share of yes votes, mean rating or mean rank the juror gave
PHOTOS_COL_MEAN = N_("Mean given")
# Translators: a juror as the public sees them; {number} is their place in the contest's list of jurors
PHOTOS_JUROR_ALIAS = N_("Juror {number}")
# Translators: heading: the photos that lack votes if the round closed now
PHOTOS_MISSING = N_("Photos lacking votes: {count}")
# Translators: heading: photos in the cut now that the missing votes could push out
PHOTOS_COULD_DROP = N_("In the cut now, could drop out: {count}")
# Translators: heading: photos outside the cut now that the missing votes could bring in
PHOTOS_COULD_ENTER = N_("Outside the cut now, could come in: {count}")
# Translators: how many photos advance if the round closed now; {count} is a formatted number
PHOTOS_ADVANCING = N_("Advancing if closed now: {count}")
# Translators: label of the list of jurors whose unfinished work goes to the others
PHOTOS_WITHOUT = N_("Give this juror's unfinished work to the others")
# Translators: button that deals the round's unfinished work again
PHOTOS_REDISTRIBUTE = N_("Redistribute")
# Translators: button that closes the round with the votes it has
PHOTOS_CLOSE = N_("Close with what there is")
# Translators: button that opens a closed round again
PHOTOS_REOPEN = N_("Reopen the round")
# Translators: shown after the work is dealt again; {count} is how many tasks
PHOTOS_ALLOCATED = N_("Tasks dealt: {count}.")
# Translators: column of the audit log: when
PHOTOS_COL_WHEN = N_("When")
# Translators: column of the audit log: who did it
PHOTOS_COL_WHO = N_("Who")
# Translators: column of the audit log: what was done
PHOTOS_COL_WHAT = N_("What")
# Translators: heading: the jurors' flags
PHOTOS_FLAGS = N_("Flags")
