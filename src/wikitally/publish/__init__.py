"""Writing to wikis: the one place wikitally edits a wiki (thank-you messages on user talk pages).

`collect` stays read-only (its ApiSession refuses any action but query); everything that writes lives here,
behind a bot password, and is dry-run by default in the CLI.
"""
