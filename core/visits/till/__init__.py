"""Visits and purchases brought in from the till: Shopify orders, Square transactions,
WooCommerce orders, appointment books and plain spreadsheets (see formats.py), matched to
customers, written all or nothing, counted once whatever the number of imports."""
