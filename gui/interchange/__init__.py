"""Bringing customers in and taking them out: the import wizard, history, exports."""
