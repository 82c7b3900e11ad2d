"""The Customers area: list, record editor, merge, undo."""
