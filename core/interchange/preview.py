"""What the import wizard shows before anything is written: the first rows as they will be
stored, each problem attached to its cell, and the raw columns for the mapping table."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from core.customers.types import PartialDate
from core.interchange.importing import ImportOptions, SourceInfo, open_source
from core.interchange.reading import UNDECODABLE_MARK, open_csv
from core.interchange.records import check_rows
from core.kernel.errors import Problem
from core.kernel.money import currency_exponent
from core.settings.services import get_business_profile

PREVIEW_FIELDS = ("first_name", "last_name", "organisation", "email", "phone", "street",
                  "city", "postal_code", "country", "birthday", "tags")


@dataclass(frozen=True)
class PreviewRow:
    line: int
    values: dict[str, str]  # PREVIEW_FIELDS -> text as it will be stored (or as read)
    problems: tuple[Problem, ...]
    rejected: bool


@dataclass(frozen=True)
class FilePreview:
    info: SourceInfo
    samples: tuple[tuple[str, ...], ...]  # raw values of the first rows, per column
    rows: tuple[PreviewRow, ...]

    @property
    def rejected(self) -> int:
        """Rows of the preview that would not be imported."""
        return sum(row.rejected for row in self.rows)

    @property
    def warnings(self) -> int:
        """Values the preview's imported rows would be stored without (a bad phone, a
        missing name), counted apart from the rows rejected."""
        return sum(len(row.problems) for row in self.rows if not row.rejected)


def _stored(values: dict[str, object], tags: list[str]) -> dict[str, str]:
    shown = {name: str(values.get(name) or "") for name in PREVIEW_FIELDS}
    month, day = values.get("birthday_month"), values.get("birthday_day")
    if isinstance(month, int) and isinstance(day, int):
        year = values.get("birthday_year")
        shown["birthday"] = PartialDate(month, day, year if isinstance(year, int) else None).iso()
    shown["tags"] = ", ".join(tags)
    return shown


def preview_file(session: Session, path: Path, *, options: ImportOptions | None = None,
                 limit: int = 20) -> FilePreview:
    """The first `limit` rows of a file as the import would store them; writes nothing.

    Raises ImportRefused when the file would be refused at its start.
    """
    profile = get_business_profile(session)
    source = open_source(path, options or ImportOptions(), locale=profile.locale)
    cleaner = source.cleaner(profile.region, currency_exponent(profile.currency),
                             profile.currency)
    rows: list[PreviewRow] = []
    try:
        for checked in itertools.islice(check_rows(source.rows, cleaner), limit):
            if checked.record is None:
                shown = {name: (checked.raw.get(name) or [""])[0] for name in PREVIEW_FIELDS}
                rows.append(PreviewRow(checked.line, shown, checked.problems, True))
            else:
                rows.append(PreviewRow(checked.line, _stored(checked.record.values,
                                                             checked.record.tags),
                                       checked.problems, False))
    finally:
        source.close()
    samples: tuple[tuple[str, ...], ...] = ()
    if source.info.kind == "csv":
        with open_csv(path, encoding=source.info.encoding,
                      delimiter=source.info.delimiter) as stream:
            stream.read_header()
            # Undecodable bytes show as the usual replacement character.
            samples = tuple(tuple(v.replace(UNDECODABLE_MARK, "\ufffd") for v in r.values)
                            for r in itertools.islice(stream.rows(), limit))
    return FilePreview(source.info, samples, tuple(rows))
