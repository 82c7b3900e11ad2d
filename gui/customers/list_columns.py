"""The customer list's columns: which are shown, in what order and how wide, chosen from
the header's context menu and kept between sessions; no header is ever cut off."""
from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from gui.customers.table_model import (
    COL_CITY,
    COL_DELETED,
    COL_EMAIL,
    COL_LAST_VISIT,
    COL_NAME,
    COL_ORGANISATION,
    COL_PHONE,
    COL_POSTCODE,
    COL_SINCE,
    COL_STAGE,
    COL_VALUE,
    COL_VISITS,
    COLUMN_COUNT,
    CustomerTableModel,
)
from gui.shell.window_state import CUSTOMERS_HEADER

# Widths that fit most values at 1280 pixels; a header that needs more gets more.
DEFAULT_WIDTHS = {COL_NAME: 175, COL_EMAIL: 165, COL_PHONE: 105, COL_CITY: 85, COL_POSTCODE: 80,
                  COL_STAGE: 68, COL_VISITS: 55, COL_VALUE: 100, COL_LAST_VISIT: 85,
                  COL_SINCE: 100, COL_ORGANISATION: 140, COL_DELETED: 130}
# On a screen narrower than this (a 1280×800 laptop), "Organisation" and "Customer since"
# start hidden, so that the others fit without scrolling sideways: the header's menu shows
# them, and a search that finds an organisation names it beside the customer's name.
ROOM_FOR_ALL_COLUMNS = 1500
# On a wide screen the window has room to spare: emails ("benjamin_adams@mail.example.com")
# and towns ("Lake Oswego") show whole instead of cut with "…".
WIDE_SCREEN_WIDTHS = {COL_EMAIL: 235, COL_CITY: 110}
HIDDEN_WHEN_NARROW = (COL_ORGANISATION, COL_SINCE)
# The name says who a row is; the trash date shows (only) in the trash.
FIXED_COLUMNS = (COL_NAME, COL_DELETED)


class ListColumns(QObject):
    """Looks after `view`'s horizontal header."""

    def __init__(self, view: QTableView, model: CustomerTableModel) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._in_trash = False
        header = self.header
        # Bold headers above selected rows only made the headers wider than their columns.
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_menu_requested)
        header.sectionResized.connect(self._on_section_resized)
        wide = not self.narrow_screen()
        for column, width in DEFAULT_WIDTHS.items():
            if wide:
                width = WIDE_SCREEN_WIDTHS.get(column, width)
            header.resizeSection(column, max(width, self.header_width(column)))
        header.moveSection(header.visualIndex(COL_ORGANISATION), 1)
        header.moveSection(header.visualIndex(COL_DELETED), 0)
        header.setSectionHidden(COL_DELETED, True)
        if not wide:
            for column in HIDDEN_WHEN_NARROW:
                header.setSectionHidden(column, True)
        self._tell_model()

    def narrow_screen(self) -> bool:
        screen = self._view.screen()
        return screen is not None and screen.availableGeometry().width() < ROOM_FOR_ALL_COLUMNS

    @property
    def header(self) -> QHeaderView:
        return self._view.horizontalHeader()

    def header_width(self, column: int) -> int:
        """The width at which the column's header and sort arrow show whole."""
        return self.header.sectionSizeHint(column)

    # -- the menu ---------------------------------------------------------------------

    def menu(self) -> QMenu:
        """The header's context menu: a tick for each column that can be hidden."""
        menu = QMenu(self._view)
        header = self.header
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            if column in FIXED_COLUMNS:
                continue
            title = str(self._model.headerData(column, Qt.Orientation.Horizontal))
            action = QAction(title, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setData(column)
            action.toggled.connect(lambda shown, c=column: self.set_column_shown(c, shown))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(self.tr("Show All Columns"))
        reset.triggered.connect(self.show_all)
        return menu

    def _on_menu_requested(self, position: QPoint) -> None:
        self.menu().exec(self.header.mapToGlobal(position))

    def set_column_shown(self, column: int, shown: bool) -> None:
        if column in FIXED_COLUMNS:
            return
        self.header.setSectionHidden(column, not shown)
        if shown and self.header.sectionSize(column) < self.header_width(column):
            self.header.resizeSection(column, max(DEFAULT_WIDTHS.get(column, 100),
                                                  self.header_width(column)))
        self._tell_model()

    def show_all(self) -> None:
        for column in range(COLUMN_COUNT):
            if column not in FIXED_COLUMNS:
                self.set_column_shown(column, True)

    def hidden_columns(self) -> frozenset[int]:
        return frozenset(c for c in range(COLUMN_COUNT) if self.header.isSectionHidden(c))

    def _tell_model(self) -> None:
        self._model.set_hidden_columns(self.hidden_columns())

    # -- the trash --------------------------------------------------------------------

    def show_trash(self, in_trash: bool) -> None:
        """The trash shows when each customer was moved there."""
        self._in_trash = in_trash
        self.header.setSectionHidden(COL_DELETED, not in_trash)
        self._tell_model()

    # -- widths and their keeping -----------------------------------------------------

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        # The stretched last column may be narrower than its header only when the window
        # is: the table then scrolls sideways instead.
        needed = self.header_width(column)
        if 0 < new < needed and not self.header.isSectionHidden(column):
            self.header.resizeSection(column, needed)

    def restore(self) -> None:
        """The columns as the person left them (none saved: the defaults)."""
        header = self.header
        state = CUSTOMERS_HEADER.read()
        if state.isEmpty() or not header.restoreState(state):
            return
        # A header saved before the organisation column existed leaves it at the end, at
        # Qt's default width: put it after the name, as for a new installation.
        if (header.visualIndex(COL_ORGANISATION) >= COLUMN_COUNT - 2
                and header.sectionSize(COL_ORGANISATION) == header.defaultSectionSize()):
            header.moveSection(header.visualIndex(COL_ORGANISATION), 1)
            header.resizeSection(COL_ORGANISATION, DEFAULT_WIDTHS[COL_ORGANISATION])
            header.moveSection(header.visualIndex(COL_DELETED), 0)
        header.setSectionHidden(COL_NAME, False)
        header.setSectionHidden(COL_DELETED, not self._in_trash)
        header.setHighlightSections(False)
        for column in range(COLUMN_COUNT):
            if header.sectionSize(column) < self.header_width(column):
                header.resizeSection(column, self.header_width(column))
        self._tell_model()

    def save(self) -> None:
        CUSTOMERS_HEADER.write(self.header.saveState())
