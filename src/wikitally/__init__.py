"""wikitally: exact, fast outcome metrics for Wikimedia campaigns."""

__version__ = "0.1.0"
