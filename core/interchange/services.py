"""What the front ends (the command line, the window) call to import and export: one
module to reach the interchange area through, whichever file holds each job."""
from __future__ import annotations

from core.interchange.calendar import export_calendar
from core.interchange.export_csv import export_customers_csv
from core.interchange.exporting import write_atomically
from core.interchange.external_ids import (
    OWN_SOURCE,
    customers_by_external_id,
    keyed,
    live_customers,
    own_customer,
    own_id,
)
from core.interchange.formula_guard import neutralise
from core.interchange.history import undo_import
from core.interchange.importing import ImportOptions, run_import
from core.interchange.problems import is_rejection
from core.interchange.reading import CsvStream, open_csv
from core.interchange.run_records import (
    add_customer_external_ids,
    finish_import_run,
    start_import_run,
)
from core.interchange.sniffing import sniff_file
from core.interchange.values import country_region, split_full_name
from core.interchange.vcard import export_vcard

# The pieces other areas' imports reuse (visits from the till): reading and sniffing a CSV,
# the customers' external ids, and the import history's rows; and the guard that keeps
# a spreadsheet from running a cell as a formula (other areas' CSV exports).
__all__ = [
    "OWN_SOURCE",
    "CsvStream",
    "ImportOptions",
    "add_customer_external_ids",
    "country_region",
    "customers_by_external_id",
    "export_calendar",
    "export_customers_csv",
    "export_vcard",
    "finish_import_run",
    "is_rejection",
    "keyed",
    "live_customers",
    "neutralise",
    "open_csv",
    "own_customer",
    "own_id",
    "run_import",
    "sniff_file",
    "split_full_name",
    "start_import_run",
    "undo_import",
    "write_atomically",
]
