"""Pure measures of wikitext: revisions in, numbers out (no I/O, no framework)."""
