"""Text in the database that cannot be decoded (a flipped byte in a damaged file) is named:
which customer, which field, instead of "Could not decode to UTF-8"."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.interchange.importing import run_import
from core.store.db import Database

# --- point 8 (decoding half): text in the database that cannot be decoded --------------------

def _damage_first_name(db_path: Path, customer_id: int) -> None:
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE customers SET first_name = CAST(x'5a6fff' AS TEXT) WHERE id = ?",
                (customer_id,))
    raw.commit()
    raw.close()


def test_an_export_names_the_customer_and_field_whose_text_cannot_be_decoded(
        tmp_path: Path) -> None:
    from core.interchange.services import export_customers_csv, export_vcard
    from core.kernel.errors import UndecodableText
    from core.store.opening import prepare_database

    source = tmp_path / "in.csv"
    source.write_text("first_name,last_name\r\nAnn,Lee\r\nBo,Ng\r\nCy,Dunn\r\n")
    db = Database.open(tmp_path / "damaged.db")
    prepare_database(db)
    run_import(db, source)
    with db.unit_of_work() as session:
        bo = session.connection().exec_driver_sql(
            "SELECT id FROM customers WHERE last_name = 'Ng'").scalar_one()
    db.close()
    _damage_first_name(tmp_path / "damaged.db", bo)
    db = Database.open(tmp_path / "damaged.db")
    try:
        for export, name in ((export_customers_csv, "out.csv"), (export_vcard, "out.vcf")):
            with pytest.raises(UndecodableText) as caught, db.unit_of_work() as session:
                export(session, tmp_path / name)
            assert (caught.value.table, caught.value.row_id, caught.value.field) == (
                "customers", bo, "first_name")
            assert not (tmp_path / name).exists()
    finally:
        db.close()


def test_the_export_command_names_the_damaged_customer_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from core.store.opening import prepare_database

    from main import main

    source = tmp_path / "in.csv"
    source.write_text("first_name,last_name\r\nAnn,Lee\r\nBo,Ng\r\n")
    db = Database.open(tmp_path / "damaged.db")
    prepare_database(db)
    run_import(db, source)
    db.close()
    _damage_first_name(tmp_path / "damaged.db", 2)
    assert main(["--db", str(tmp_path / "damaged.db"), "export", "vcard",
                 str(tmp_path / "out.vcf")]) == 1
    err = capsys.readouterr().err
    assert "customer 2's first name holds text that cannot be decoded" in err
    assert "Traceback" not in err and "Could not decode" not in err
    assert not (tmp_path / "out.vcf").exists()
