"""Visits at the counter: the Log visit dialog and its undoable commands."""
