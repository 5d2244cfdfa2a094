"""Rendering an outcome: terminal table, JSON, CSV. Pure: no HTTP, no database, no CLI framework."""
