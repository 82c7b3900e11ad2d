"""Desks and staff in the window: who is working here, and who changed a record."""
