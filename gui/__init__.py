"""Regulars' PySide6 user interface. Talks to core only through service functions."""
