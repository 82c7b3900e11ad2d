"""The customer list as a SQL-backed table model that loads rows a page at a time.

On each filter or sort, SQL returns just the ordered ids (from an index); the rows of a
page are fetched by id when it scrolls into view, so a page at the bottom of 100,000 is
as quick as the first. A small LRU of pages keeps memory bounded however far the
person scrolls.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from core.customers.queries import (
    MATCH_CONTACTS,
    MATCH_EMAIL,
    MATCH_NAME,
    MATCH_ORGANISATION,
    MATCH_PHONE,
    MATCH_POSTCODE,
    MATCH_TAGS,
    ListQuery,
    ListRow,
    contacts_by_customer,
    count_customers,
    fetch_ids,
    fetch_rows,
    matched_fields,
    matching_ids,
    tags_by_customer,
)
from core.kernel.money import DEFAULT_CURRENCY, format_minor, formats_ready
from core.store.db import RawConnection

from gui.customers.texts import match_hint, stage_labels

log = logging.getLogger(__name__)

PAGE_SIZE = 200
HEAD_ROWS = 2 * PAGE_SIZE
MAX_CACHED_PAGES = 12
MONEY_LOAD_DELAY_MS = 150  # after the first paint; see _money_text

COL_NAME, COL_EMAIL, COL_PHONE, COL_CITY, COL_POSTCODE, COL_STAGE = range(6)
COL_VISITS, COL_VALUE, COL_LAST_VISIT, COL_SINCE, COL_TAGS = range(6, 11)
# Added later, so at the end (a saved header keeps its sections); the page shows them
# where they belong: the organisation after the name, the trash date first.
COL_ORGANISATION, COL_DELETED = 11, 12
COLUMN_COUNT = 13

# Sort key in core.customers.queries for each column.
SORT_KEYS: dict[int, str] = {
    COL_NAME: "name", COL_EMAIL: "email", COL_PHONE: "phone", COL_CITY: "city",
    COL_POSTCODE: "postal_code", COL_STAGE: "stage", COL_VISITS: "visits",
    COL_VALUE: "value", COL_LAST_VISIT: "last_visit", COL_SINCE: "since", COL_TAGS: "tags",
    COL_ORGANISATION: "organisation", COL_DELETED: "deleted",
}
# The column that shows each field a search looks in.
MATCH_COLUMNS = {
    MATCH_NAME: COL_NAME, MATCH_ORGANISATION: COL_ORGANISATION, MATCH_EMAIL: COL_EMAIL,
    MATCH_PHONE: COL_PHONE, MATCH_POSTCODE: COL_POSTCODE, MATCH_TAGS: COL_TAGS,
}
# A highlighter's yellow behind what a search found, with dark text on it in any theme.
MATCH_BACKGROUND = QColor(255, 236, 140)
MATCH_TEXT = QColor(0, 0, 0)

# The row fields each sort key orders by: a change that leaves them alone leaves the row
# where it is (see refresh_customers). Keys not here (tags) always re-read the order.
SORT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("first_name", "last_name", "organisation", "email"), "email": ("email",),
    "phone": ("phone",), "city": ("city",), "postal_code": ("postal_code",),
    "stage": ("stage",), "visits": ("visit_count",), "value": ("lifetime_value_minor",),
    "last_visit": ("last_interaction_on",), "since": ("customer_since",),
}

# Role numbers bound once: looking roles up on the enum inside data() is slow in PySide6.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_USER = int(Qt.ItemDataRole.UserRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_HORIZONTAL = Qt.Orientation.Horizontal
CUSTOMER_ID_ROLE = _USER

_Index = QModelIndex | QPersistentModelIndex
_BLANK_ROW = ListRow(0, "", "", "", "", "", "", "", "", 0, 0, None, None)
_NO_MATCH: tuple[frozenset[int], str] = (frozenset(), "")


class CustomerTableModel(QAbstractTableModel):
    """The customer list. When the database cannot be read (a damaged page, undecodable
    text), the model stops at the first error: it logs it, asks the database nothing more
    (the view would otherwise ask again for every row it paints), shows empty rows, and
    emits `read_failed` once, after the paint that met it."""

    money_formats_loaded = Signal()  # Babel's data for the shop's money is in memory
    read_failed = Signal(object)  # the first exception reading the list; emitted once

    def __init__(self, raw: RawConnection, *, locale: QLocale | None = None,
                 currency_symbol: str = "$", currency: str | None = None,
                 phone_formatter: Any = None) -> None:
        super().__init__()
        self._raw = raw
        self._query = ListQuery()
        self._ids = array("q")  # ordered ids: the first HEAD_ROWS at first, all once needed
        self._total = 0
        self._all_ids_loaded = False
        self._loaded = False
        self._pages: OrderedDict[int, list[ListRow | None]] = OrderedDict()
        self._tags: dict[int, list[str]] = {}
        # Per customer while searching: the columns to highlight, and what it was found by
        # in a column that is hidden ("Müller Architekten").
        self._matches: dict[int, tuple[frozenset[int], str]] = {}
        self._hidden_columns: frozenset[int] = frozenset()
        self._contacts: dict[int, list[str]] = {}  # further emails and phones, while searching
        self._locale = locale or QLocale()
        # The locale's short date, but with a four-digit year (12/03/26 reads ambiguously).
        short = self._locale.dateFormat(QLocale.FormatType.ShortFormat)
        self._date_format = short if "yyyy" in short else short.replace("yy", "yyyy")
        self._currency_symbol = currency_symbol
        # Money is shown by core.kernel.money, in the currency's own minor units (¥1,250 is
        # 1250, not 125000); without a business profile, in the computer's currency.
        self._currency = currency or self._locale.currencySymbol(
            QLocale.CurrencySymbolFormat.CurrencyIsoCode) or DEFAULT_CURRENCY
        self._format_phone = phone_formatter or (lambda phone: phone)
        self._money_loading = False
        self.failure: BaseException | None = None  # the first read error, if any
        self.money_formats_loaded.connect(self._on_money_formats_loaded,
                                          Qt.ConnectionType.QueuedConnection)
        self._headers = [
            self.tr("Name"), self.tr("Email"), self.tr("Phone"), self.tr("City"),
            self.tr("Postal code"), self.tr("Stage"), self.tr("Visits"), self.tr("Lifetime value"),
            self.tr("Last visit"), self.tr("Customer since"), self.tr("Tags"),
            self.tr("Organisation"), self.tr("Moved to trash"),
        ]
        self._stage_names = dict(stage_labels())

    # -- what the page asks for ------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        if query != self._query:
            self._query = query
            if self._loaded:
                self.refresh()

    def refresh(self) -> None:
        """Re-read the ordered ids and drop cached pages (after an edit, filter or sort).

        Only the count and the first ids are read now; the rest follow when the person
        scrolls past them, so the window paints (and search answers) without waiting.
        """
        self.beginResetModel()
        self._loaded = True
        self._pages.clear()
        self._tags.clear()
        self._matches.clear()
        self._contacts.clear()
        self._ids, self._total = array("q"), 0
        if self.failure is None:
            try:
                self._ids = array("q", fetch_ids(self._raw, self._query, limit=HEAD_ROWS))
                self._total = (count_customers(self._raw, self._query)
                               if len(self._ids) == HEAD_ROWS else len(self._ids))
            except Exception as exc:  # noqa: BLE001 (reported once, see _fail)
                self._fail(exc)
                self._ids, self._total = array("q"), 0
        self._all_ids_loaded = len(self._ids) == self._total
        self.endResetModel()

    def set_hidden_columns(self, columns: frozenset[int]) -> None:
        """The columns the view hides: a search match in one of them is named beside the
        customer's name instead."""
        if columns != self._hidden_columns:
            self._hidden_columns = columns
            self._matches.clear()
            if self._total and self._query.text.strip():
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self._total - 1, COLUMN_COUNT - 1))

    def match_of(self, row: int) -> tuple[frozenset[int], str]:
        """The columns in which this row matched the search, and the hint beside its name
        for a match only in hidden columns ("" when there is none)."""
        return self._match(self._row(row))

    def retry_reads(self) -> None:
        """Forget a read error and read the list again (after the database was repaired)."""
        self.failure = None
        self.refresh()

    def _fail(self, error: BaseException) -> None:
        """The first read error: logged and reported once; later reads are not attempted."""
        if self.failure is not None:
            return
        self.failure = error
        log.error("the customer list could not be read", exc_info=error)
        # After the paint or call that met it: a receiver may open a dialog, which must
        # not happen inside data() or a reset.
        QTimer.singleShot(0, self, lambda: self.read_failed.emit(error))

    def refresh_rows(self) -> None:
        """Re-read the rows after a change, keeping each selected or current row (and so
        the view's selection and scroll position) on its customer where it still exists.

        A layout change, not a reset: the view keeps its state, and the rows are fetched
        again only as they are painted. When the count changes, rows come or go at the end.
        """
        if not self._loaded or self.failure is not None:
            return
        old_ids, old_total = self._ids, self._total
        limit = None if self._all_ids_loaded else HEAD_ROWS
        try:
            new_ids = array("q", fetch_ids(self._raw, self._query, limit=limit))
            if limit is None or len(new_ids) < HEAD_ROWS:
                new_total, all_loaded = len(new_ids), True
            else:
                new_total, all_loaded = count_customers(self._raw, self._query), False
        except Exception as exc:  # noqa: BLE001 (reported once, see _fail)
            self._fail(exc)
            self.refresh()  # empty rows from now on
            return
        if new_total > old_total:
            self.beginInsertRows(QModelIndex(), old_total, new_total - 1)
            self._total = new_total
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        new_rows = {customer_id: row for row, customer_id in enumerate(new_ids)}
        for index in self.persistentIndexList():
            row = index.row()
            moved = new_rows.get(old_ids[row]) if row < len(old_ids) else None
            self.changePersistentIndex(
                index, QModelIndex() if moved is None else self.index(moved, index.column()))
        self._ids, self._all_ids_loaded = new_ids, all_loaded
        self._pages.clear()
        self._tags.clear()
        self._matches.clear()
        self._contacts.clear()
        self.layoutChanged.emit()
        if new_total < self._total:
            self.beginRemoveRows(QModelIndex(), new_total, self._total - 1)
            self._total = new_total
            self.endRemoveRows()

    def refresh_customers(self, customer_ids: frozenset[int]) -> bool:
        """Re-read just these customers' rows (a visit logged at the counter), when that is
        all that changed: none of them came into or left the list, and none moved in its
        order. Returns False, having done nothing, when the whole order must be read again
        (`refresh_rows`); at 100,000 customers that costs ~100 ms, this ~1 ms."""
        fields = SORT_FIELDS.get(self._query.sort)
        if not self._loaded or self.failure is not None or fields is None:
            return False
        cached = {row.id: (number * PAGE_SIZE + offset, row)
                  for number, page in self._pages.items()
                  for offset, row in enumerate(page) if row is not None and row.id in customer_ids}
        others = customer_ids - cached.keys()  # not in memory: they must stay out of it
        if others and not self._all_ids_loaded:
            return False  # one may be (or have been) in the part of the list not read yet
        if any(customer_id in self._ids for customer_id in others):
            return False  # one is in the list, on a page not in memory: it may have moved
        try:
            shown = matching_ids(self._raw, self._query, sorted(customer_ids))
            if shown != cached.keys():
                return False  # one came into the list or left it
            new_rows = {row.id: row for row in fetch_rows(self._raw, sorted(cached))}
            tags = tags_by_customer(self._raw, sorted(cached))
        except Exception as exc:  # noqa: BLE001 (reported once, see _fail)
            self._fail(exc)
            return True
        if any(getattr(new_rows[i], f) != getattr(row, f) for i, (_, row) in cached.items()
               if i in new_rows for f in fields) or new_rows.keys() != cached.keys():
            return False
        for customer_id, (row_number, _) in cached.items():
            page = self._pages[row_number // PAGE_SIZE]
            page[row_number % PAGE_SIZE] = new_rows[customer_id]
            self._tags[customer_id] = tags.get(customer_id, [])
            self._matches.pop(customer_id, None)  # why the search found it: read again
            self.dataChanged.emit(self.index(row_number, 0),
                                  self.index(row_number, COLUMN_COUNT - 1))
        return True

    def set_formats(self, *, locale: QLocale, currency_symbol: str, currency: str | None = None,
                    phone_formatter: Any = None) -> None:
        """The shop's money and phone formats, after its business profile was saved."""
        self._locale = locale
        self._currency_symbol = currency_symbol
        if currency:
            self._currency = currency
        if phone_formatter is not None:
            self._format_phone = phone_formatter
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, COLUMN_COUNT - 1),
                                  [_DISPLAY])

    def _load_all_ids(self) -> None:
        if self.failure is not None:
            return
        try:
            ids = array("q", fetch_ids(self._raw, self._query))
        except Exception as exc:  # noqa: BLE001 (reported once, see _fail)
            # The rows past those already read stay empty; a reset here would be inside
            # data(), so the view learns of it only through read_failed.
            self._fail(exc)
            return
        self._ids = ids
        self._all_ids_loaded = True
        if len(self._ids) != self._total:  # rows came or went meanwhile: start over
            self.refresh()

    def _money_text(self, minor: int) -> str:
        """Money as core.kernel.money writes it. Babel's data takes about 30 ms to load (15%
        of a cold start), so the first paint shows the column empty and a thread loads it;
        the column fills in a moment later, as phone numbers do."""
        if formats_ready(self._currency, self._locale.name()):
            return format_minor(minor, self._currency, self._locale.name())
        if not self._money_loading:
            self._money_loading = True
            # Not during the first paint: loading Babel is Python work that holds the GIL,
            # and every data() call of that paint would wait for it (+40 ms to first rows).
            QTimer.singleShot(MONEY_LOAD_DELAY_MS, self, self._start_loading_money_formats)
        return ""

    def _start_loading_money_formats(self) -> None:
        currency, locale = self._currency, self._locale.name()
        threading.Thread(target=self._load_money_formats, args=(currency, locale),
                         name="money-formats", daemon=True).start()

    def _load_money_formats(self, currency: str, locale: str) -> None:
        try:
            format_minor(0, currency, locale)
        finally:
            self.money_formats_loaded.emit()  # queued to the GUI thread

    def _on_money_formats_loaded(self) -> None:
        self._money_loading = False
        if self._total:
            self.dataChanged.emit(self.index(0, COL_VALUE),
                                  self.index(self._total - 1, COL_VALUE), [_DISPLAY])

    def set_phone_formatter(self, formatter: Any) -> None:
        self._format_phone = formatter
        if self._total:
            self.dataChanged.emit(self.index(0, COL_PHONE), self.index(self._total - 1, COL_PHONE))

    def customer_id(self, row: int) -> int:
        return self._row(row).id

    def row_of(self, row: int) -> ListRow:
        return self._row(row)

    def all_ids(self) -> list[int]:
        if not self._all_ids_loaded:
            self._load_all_ids()
        return list(self._ids)

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if orientation == _HORIZONTAL and role == _DISPLAY and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(self._row(index.row()), column)
        if role == _ALIGN:
            return _RIGHT if column in (COL_VISITS, COL_VALUE) else None
        if role == _USER:
            return self._row(index.row()).id
        if role == _BACKGROUND or role == _FOREGROUND:
            if not self._query.text or column not in self._match(self._row(index.row()))[0]:
                return None
            return MATCH_BACKGROUND if role == _BACKGROUND else MATCH_TEXT
        if role == _TOOLTIP and column in (COL_TAGS, COL_ORGANISATION):
            return self._display(self._row(index.row()), column) or None
        if role == _TOOLTIP and column == COL_NAME and self._query.text:
            return self._match(self._row(index.row()))[1] or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(ListQuery(**{**self._query.__dict__, "sort": key, "descending": descending}))

    # -- paging --------------------------------------------------------------------------

    def _row(self, row: int) -> ListRow:
        if row >= len(self._ids) and not self._all_ids_loaded:
            self._load_all_ids()
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            if self.failure is not None:
                return _BLANK_ROW
            start = number * PAGE_SIZE
            wanted = self._ids[start : start + PAGE_SIZE]
            try:
                found = {r.id: r for r in fetch_rows(self._raw, wanted)}
                tags = tags_by_customer(self._raw, list(found))
                if self._query.text.strip():
                    self._contacts.update(contacts_by_customer(self._raw, list(found)))
            except Exception as exc:  # noqa: BLE001 (reported once, see _fail)
                self._fail(exc)
                return _BLANK_ROW
            page = [found.get(customer_id) for customer_id in wanted]
            self._pages[number] = page
            self._tags.update(tags)
            while len(self._pages) > MAX_CACHED_PAGES:
                _, dropped = self._pages.popitem(last=False)
                for old in dropped:
                    if old is not None:
                        self._tags.pop(old.id, None)
                        self._contacts.pop(old.id, None)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        found_row = page[offset] if offset < len(page) else None
        if found_row is not None:
            return found_row
        # A customer vanished since the ids were read (another desk): show a blank row.
        return _BLANK_ROW

    def _match(self, row: ListRow) -> tuple[frozenset[int], str]:
        if not self._query.text.strip() or not row.id:
            return _NO_MATCH
        found = self._matches.get(row.id)
        if found is None:
            found = self._matches[row.id] = self._find_match(row)
        return found

    def _find_match(self, row: ListRow) -> tuple[frozenset[int], str]:
        tags = self._tags.get(row.id, [])
        highlighted: set[int] = set()
        hints: list[str] = []
        contacts = self._contacts.get(row.id, [])
        for _token, fields in matched_fields(row, tags, self._query.text, contacts):
            columns = {MATCH_COLUMNS[field] for field in fields if field in MATCH_COLUMNS}
            # Someone without a name shows their organisation or email as the name.
            if not (row.first_name or row.last_name) and (
                    MATCH_ORGANISATION in fields if row.organisation else MATCH_EMAIL in fields):
                columns.add(COL_NAME)
            shown = columns - self._hidden_columns
            highlighted |= shown
            if not shown and fields:
                highlighted.add(COL_NAME)  # where the hint is
                for field in sorted(fields):
                    hint = match_hint(field, self._hint_value(row, field, tags, contacts))
                    if hint not in hints:
                        hints.append(hint)
        return frozenset(highlighted), "; ".join(hints)

    def _hint_value(self, row: ListRow, field: str, tags: list[str], contacts: list[str]
                    ) -> str:
        if field == MATCH_TAGS:
            return ", ".join(tags)
        if field == MATCH_CONTACTS:
            token_in = [t for t, _ in matched_fields(row, (), self._query.text, contacts)]
            found = [v for v in contacts if any(t in v.lower() for t in token_in)]
            return ", ".join(str(self._format_phone(v)) if v.startswith("+") else v
                             for v in found)
        if field == MATCH_PHONE:
            return str(self._format_phone(row.phone))
        return str(getattr(row, {MATCH_POSTCODE: "postal_code"}.get(field, field), ""))

    def _display(self, row: ListRow, column: int) -> Any:
        if column == COL_NAME:
            hint = self._match(row)[1] if self._query.text else ""
            return f"{row.display_name}  ({hint})" if hint else row.display_name
        if column == COL_ORGANISATION:
            return row.organisation
        if column == COL_DELETED:
            return self._date_time(row.deleted_at)
        if column == COL_EMAIL:
            return row.email
        if column == COL_PHONE:
            return self._format_phone(row.phone)
        if column == COL_CITY:
            return row.city
        if column == COL_POSTCODE:
            return row.postal_code
        if column == COL_STAGE:
            return self._stage_names.get(row.stage, row.stage)
        if column == COL_VISITS:
            return row.visit_count
        if column == COL_VALUE:
            return self._money_text(row.lifetime_value_minor)
        if column == COL_LAST_VISIT:
            return self._date(row.last_interaction_on)
        if column == COL_SINCE:
            return self._date(row.customer_since)
        if column == COL_TAGS:
            return ", ".join(self._tags.get(row.id, ()))
        return None

    def _date_time(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        moment = QDateTime(QDate(value.year, value.month, value.day),
                           QTime(value.hour, value.minute))
        time_format = self._locale.timeFormat(QLocale.FormatType.ShortFormat)
        return self._locale.toString(moment, f"{self._date_format} {time_format}")

    def _date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return self._locale.toString(QDate(value.year, value.month, value.day), self._date_format)
