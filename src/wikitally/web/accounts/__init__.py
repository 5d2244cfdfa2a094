"""Signing in: MediaWiki OAuth 2.0 (Meta-Wiki by default), local accounts only in development."""
