"""Desks and staff: who works at which desk, and the record of who changed what, where."""
