"""Contests, judged: rules, points, jury marks and rankings as pure functions (no I/O, no framework)."""
