"""Customers: the list, the record, its history and moments, duplicates and merging."""
