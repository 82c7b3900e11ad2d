"""Reading generated PDFs back: text per page, and where each piece of text sits."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from core.printing.recipients import Recipient, _SampleCustomer, recipient_from
from core.settings.profile import BusinessProfileData

PROFILE = BusinessProfileData(
    name="Bloom & Co. Florist", street="4 Market Street", city="Bristol",
    postal_code="BS1 4DJ", country="UK", signature_name="Hannah Bloom", locale="en_GB",
)
TODAY = dt.date(2026, 11, 22)


def recipient(first: str, last: str = "", **fields: object) -> Recipient:
    customer = dataclasses.replace(_SampleCustomer(), first_name=first, last_name=last, **fields)
    return recipient_from(customer, PROFILE, TODAY)


def page_texts(path: Path | bytes) -> list[str]:
    import io

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    return [page.extract_text() or "" for page in reader.pages]


def placed_text(path: Path, page_number: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) for each text run drawn on a page, in PDF points from the bottom left."""
    page = PdfReader(str(path)).pages[page_number]
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            # The run's position is the text matrix moved by the current transformation.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found
