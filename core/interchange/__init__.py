"""Interchange: customers in from CSV and vCard files, out to CSV, vCard and iCalendar.

Modules, in the order data flows through an import:
sniffing (encoding, delimiter) -> reading (strict CSV rows with line numbers) ->
formats (which exporter wrote it, column mapping) -> values (dates, phones, money) ->
records (one row as it will be stored) -> importing (matching, batches, one transaction)
-> history (what an import did, and undoing it).
"""
