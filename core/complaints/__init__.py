"""Listening: complaints put right quickly, and promises kept (issue 13)."""
