"""The import wizard reads our own CSV export whole: every column it writes is offered and
chosen, so importing it again through the window creates nobody."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.interchange.export_csv import export_customers_csv
from core.store.db import Database

from gui.interchange.import_wizard import ImportWizard
from gui.shell.context import AppContext


def test_our_own_export_is_read_whole_by_the_wizard(qtbot, qtmodeltester,  # type: ignore[no-untyped-def]
                                                    sqlite_db: Database,
                                                    tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann", last_name="Lee"))
        export_customers_csv(session, tmp_path / "ours.csv")
    wizard = ImportWizard(AppContext(sqlite_db))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(tmp_path / "ours.csv"))
    for _ in range(2):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton),
                         Qt.MouseButton.LeftButton)
    page = wizard.mapping_page
    assert wizard.currentPage() is page
    qtmodeltester.check(page.mapping_model, force_py=True)
    header = list(wizard.preview.info.header)  # type: ignore[union-attr]
    chosen = dict(zip(header, page.mapping()))
    assert chosen["regulars_id"] == "external_id"
    assert chosen["customer_since"] == "customer_since"
    assert chosen["anniversaries"] == "anniversaries"
    # Only the stage is left out: it follows from the visits.
    assert [name for name, field in chosen.items() if not field] == ["stage"]
