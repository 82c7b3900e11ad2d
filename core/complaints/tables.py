"""The complaints area's tables, for other areas' set-based reads (the program keeps
marketing gestures away from customers with a complaint still open)."""
from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from core.complaints.models import Complaint, ComplaintStatusChange, Promise

COMPLAINTS = cast(Table, Complaint.__table__)
COMPLAINT_STATUS_CHANGES = cast(Table, ComplaintStatusChange.__table__)
PROMISES = cast(Table, Promise.__table__)
