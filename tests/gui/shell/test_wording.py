"""Plurals read right in English ("1 customer", "3 customers", never "customer(s)"), and
every plural string in gui/ has its English forms in the translation file."""
from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QUndoStack

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.store.db import Database

from gui.customers.page import CustomersPage
from gui.interchange.export_actions import ExportCounts
from gui.printing.texts import PrintingCounts
from gui.shell.context import AppContext
from gui.shell.wording import TRANSLATIONS, with_count

ROOT = Path(__file__).resolve().parents[3]
TS_FILE = TRANSLATIONS / "regulars_en.ts"


def test_the_customer_count_reads_1_customer_then_3_customers(qtbot, sqlite_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = CustomersPage(AppContext(sqlite_db), QUndoStack(), locale=QLocale("en_US"))
    qtbot.addWidget(page)
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann"))
    page.load()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 customer", timeout=3000)
    with sqlite_db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Bea"))
        add_customer(session, CustomerDraft(first_name="Cem"))
    page.load()
    qtbot.waitUntil(lambda: page.count_label.text() == "3 customers", timeout=3000)


def test_large_counts_have_the_shops_thousands_separator(qapp) -> None:  # type: ignore[no-untyped-def]
    many = QCoreApplication.translate("CustomersPage", "%1 customer(s)", None, 4254)
    assert with_count(many, 4254, QLocale("en_US")) == "4,254 customers"
    assert with_count(many, 4254, QLocale("de_DE")) == "4.254 customers"


def test_printing_and_export_counts_read_right(qapp) -> None:  # type: ignore[no-untyped-def]
    assert PrintingCounts().printing(1) == "Printing 1 item…"
    assert PrintingCounts().printing(12) == "Printing 12 items…"
    assert ExportCounts().customers(1) == "Exported 1 customer to %1"
    assert ExportCounts().moments(2) == "Exported 2 birthdays and moments to %1"


def _plural_sources() -> list[tuple[str, str, str]]:
    """(file:line, context, source) of every string literal with "(s)" in gui/; the context
    is the tr() caller's class, as PySide6 and lupdate both take it."""
    found: list[tuple[str, str, str]] = []
    for path in sorted((ROOT / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes: dict[ast.AST, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for inner in ast.walk(node):
                    classes[inner] = node.name  # the innermost class wins: walked later
        docstrings = {id(owner.body[0].value) for owner in ast.walk(tree)
                      if isinstance(owner, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and owner.body and isinstance(owner.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and "(s)" in node.value and id(node) not in docstrings):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.append((where, classes.get(node, ""), node.value))
    return found


def _numerus_entries() -> dict[tuple[str, str], list[str]]:
    entries: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if message.get("numerus") != "yes" or translation is None:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            entries[(name, message.findtext("source", ""))] = [
                form.text or "" for form in translation.iter("numerusform")]
    return entries


def test_every_plural_string_has_finished_english_forms() -> None:
    sources = _plural_sources()
    entries = _numerus_entries()
    assert sources, "the scan found no plural strings at all"
    missing = [f"{where}: {context} {source!r}" for where, context, source in sources
               if len(entries.get((context, source), [])) != 2
               or not all(entries[(context, source)])
               or any("(s)" in form for form in entries[(context, source)])]
    assert not missing, ("plural strings without English forms: run pyside6-lupdate "
                         "(see resources/translations/README.md):\n" + "\n".join(missing))


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    compiled = tmp_path / "regulars_en.qm"
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == (TRANSLATIONS / "regulars_en.qm").read_bytes()
