"""What the front ends (the command line, the window) call to import and export: one
module to reach the interchange area through, whichever file holds each job."""
from __future__ import annotations

from core.interchange.calendar import export_calendar
from core.interchange.export_csv import export_customers_csv
from core.interchange.exporting import write_atomically
from core.interchange.history import undo_import
from core.interchange.importing import ImportOptions, run_import
from core.interchange.problems import is_rejection
from core.interchange.vcard import export_vcard

__all__ = [
    "ImportOptions",
    "export_calendar",
    "export_customers_csv",
    "export_vcard",
    "is_rejection",
    "run_import",
    "undo_import",
    "write_atomically",
]
