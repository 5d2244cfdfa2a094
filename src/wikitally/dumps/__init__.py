"""MediaWiki XML dumps: parse a dump into per-revision facts. Pure: streams in, rows out (no files, no network)."""
