"""The newsletter: an issue file (TOML) → an Issue → one wiki page per language (and an HTML preview).

`issue_file` reads and checks the file, `model` holds the result, `render` and `markdown` turn it into
wikitext and HTML (pure). Publishing and delivery are the use-case in `wikitally.services.newsletter`.
"""
