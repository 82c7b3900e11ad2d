"""Damaged and unusual input: a stray byte, control characters, photos, other programs'
headers. Each keeps what it can, says what it left out, and never garbles the rest."""
from __future__ import annotations

import base64
import json
import tracemalloc
from pathlib import Path

import pytest

from core.customers.keys import customer_keys
from core.interchange import problems as p
from core.interchange.importing import ImportOptions, run_import
from core.interchange.preview import preview_file
from core.interchange.problems import is_rejection
from core.kernel.text import fold
from core.store.db import Database

from main import main


def _names(db: Database) -> list[tuple[str, str, str]]:
    with db.unit_of_work() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT first_name, last_name, city FROM customers ORDER BY id").all()
    return [tuple(r) for r in rows]


# --- point 9: one bad byte must not turn every name into mojibake -------------------------

_UTF8 = "first_name,last_name,city\r\nZoë,Müller,Köln\r\nJosé,García,Sevilla\r\n"


def test_a_utf8_file_cut_off_mid_character_keeps_its_accents(sqlite_db: Database,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes((_UTF8 + "Ann,Lee,Zürich").encode()[:-5])  # "Zü" loses half its ü
    summary = run_import(sqlite_db, path)
    assert summary.source.encoding == "utf-8"
    assert _names(sqlite_db)[:2] == [("Zoë", "Müller", "Köln"), ("José", "García", "Sevilla")]
    assert [(x.line, x.field, x.code) for x in summary.problems] == [
        (4, "city", p.UNDECODABLE)]
    assert summary.rejected == 1


def test_a_single_cp1252_byte_in_a_utf8_file_is_reported_on_its_line(sqlite_db: Database,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "one-byte.csv"
    path.write_bytes(_UTF8.encode() + "Chloé,Dubois,Lyon\r\n".encode("cp1252")
                     + "Seán,O'Brien,Cork\r\n".encode())
    summary = run_import(sqlite_db, path)
    assert summary.source.encoding == "utf-8"
    assert _names(sqlite_db) == [("Zoë", "Müller", "Köln"), ("José", "García", "Sevilla"),
                                 ("Seán", "O'Brien", "Cork")]
    assert [(x.line, x.field, x.code) for x in summary.problems] == [
        (4, "first_name", p.UNDECODABLE)]
    assert is_rejection(summary.problems[0])


def test_a_bad_byte_in_a_column_not_imported_changes_nothing(sqlite_db: Database,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "ignored.csv"
    path.write_bytes("first_name,colour\r\nZoë,".encode() + b"gr\xfcn\r\n")
    summary = run_import(sqlite_db, path)
    assert (summary.created, summary.rejected, summary.problems) == (1, 0, ())


def test_the_preview_shows_the_undecodable_line_and_the_encoding_can_be_forced(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "one-byte.csv"
    path.write_bytes(_UTF8.encode() + "Chloé,Dubois,Lyon\r\n".encode("cp1252"))
    with sqlite_db.unit_of_work() as session:
        preview = preview_file(session, path)
    assert preview.info.encoding == "utf-8"
    assert [(r.line, r.rejected) for r in preview.rows] == [(2, False), (3, False), (4, True)]
    assert preview.rows[2].problems[0].code == p.UNDECODABLE
    forced = run_import(sqlite_db, path, options=ImportOptions(encoding="cp1252"))
    assert forced.source.encoding == "cp1252"
    assert ("Chloé", "Dubois", "Lyon") in _names(sqlite_db)


def test_a_whole_cp1252_file_is_still_read_as_cp1252(sqlite_db: Database,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(_UTF8.encode("cp1252"))
    summary = run_import(sqlite_db, path)
    assert summary.source.encoding == "cp1252"
    assert _names(sqlite_db) == [("Zoë", "Müller", "Köln"), ("José", "García", "Sevilla")]


# --- point 11: Shopify-style headers in a generic file --------------------------------------

def test_a_file_with_shopify_style_address_headers_keeps_the_street_and_country(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "shop.csv"
    path.write_text("First Name,Last Name,Email,Address1,Address2,City,Zip,Country Code,"
                    "Loyalty Points\r\nAnn,Lee,ann@example.com,1 High St,Flat 2,Leeds,LS1 1AA,"
                    "GB,40\r\n", encoding="utf-8")
    summary = run_import(sqlite_db, path)
    with sqlite_db.unit_of_work() as session:
        row = session.connection().exec_driver_sql(
            "SELECT street, postal_code, country FROM customers").one()
    assert tuple(row) == ("1 High St, Flat 2", "LS1 1AA", "GB")
    assert summary.source.unmapped_columns == ("Loyalty Points",)
    assert summary.as_report()["unmapped_columns"] == ["Loyalty Points"]


def test_the_command_line_lists_every_column_it_did_not_import(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("first_name,email,Favourite Colour,Shoe Size\r\nAnn,ann@example.com,red,"
                    "5\r\n", encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["--db", str(tmp_path / "r.db"), "import", str(path), "--report",
                 str(report)]) == 0
    assert "Favourite Colour, Shoe Size" in capsys.readouterr().err
    assert json.loads(report.read_text())["unmapped_columns"] == ["Favourite Colour",
                                                                  "Shoe Size"]


# --- point 12: control characters and invisible characters ----------------------------------

def test_control_characters_in_names_are_not_stored_but_newlines_in_notes_are(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "controls.csv"
    path.write_text('first_name,last_name,notes\r\nA\x1b[31mnn\x07,Lee\x08,"tea\nand\x1b cake"'
                    "\r\n", encoding="utf-8")
    run_import(sqlite_db, path)
    with sqlite_db.unit_of_work() as session:
        row = session.connection().exec_driver_sql(
            "SELECT first_name, last_name, notes FROM customers").one()
    assert tuple(row) == ("A[31mnn", "Lee", "tea\nand cake")


def test_a_leading_byte_order_mark_or_zero_width_space_does_not_defeat_matching() -> None:
    plain = customer_keys(first_name="Ann", last_name="Lee", organisation="", email="",
                          phone="", postal_code="LS1 1AA")
    for odd in ("\ufeffAnn", "Ann\u200b", "A\u200dnn", "\u2060Ann"):
        keys = customer_keys(first_name=odd, last_name="Lee", organisation="", email="",
                             phone="", postal_code="LS1 1AA")
        assert keys["name_postcode_key"] == plain["name_postcode_key"]
        assert keys["search_text"] == plain["search_text"]
    assert fold("\ufeffZoë\u200b") == "zoe"


def test_an_imported_name_with_a_byte_order_mark_is_a_duplicate_of_the_same_customer(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("first_name,last_name,postal_code\r\nAnn,Lee,LS1 1AA\r\n"
                    "\ufeffAnn,Lee,LS1 1AA\r\n", encoding="utf-8")
    summary = run_import(sqlite_db, path)
    assert (summary.created, summary.skipped) == (1, 1)


# --- point 10: vCards with photos ---------------------------------------------------------

def _photo_card(name: str, photo_bytes: int, *, fold_at: int | None) -> str:
    data = base64.b64encode(bytes(range(256)) * (photo_bytes // 256)).decode()
    photo = f"PHOTO;ENCODING=b;TYPE=JPEG:{data}"
    if fold_at:
        photo = "\r\n ".join(photo[i:i + fold_at] for i in range(0, len(photo), fold_at))
    return (f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};Ann;;;\r\nFN:Ann {name}\r\n{photo}\r\n"
            f"EMAIL;TYPE=INTERNET:ann.{name.lower()}@example.com\r\nEND:VCARD\r\n")


def test_a_vcard_with_a_large_folded_photo_keeps_the_contact_and_notes_the_photo(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "photos.vcf"
    path.write_text(_photo_card("Lee", 5_000_000, fold_at=75) + _photo_card("Ng", 1000,
                                                                              fold_at=None))
    summary = run_import(sqlite_db, path)
    assert (summary.created, summary.rejected) == (2, 0)
    assert [(x.line, x.code) for x in summary.problems] == [
        (1, p.PHOTO_DROPPED), (_lines_before_second(path), p.PHOTO_DROPPED)]
    assert not any(is_rejection(x) for x in summary.problems)
    with sqlite_db.unit_of_work() as session:
        emails = session.connection().exec_driver_sql(
            "SELECT email FROM customers ORDER BY id").scalars().all()
    assert emails == ["ann.lee@example.com", "ann.ng@example.com"]


def _lines_before_second(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            if number > 1 and line.startswith("BEGIN:VCARD"):
                return number
    raise AssertionError("no second card")


def test_reading_a_vcard_photo_needs_memory_bounded_by_the_card_not_the_line(
        sqlite_db: Database, tmp_path: Path) -> None:
    small = tmp_path / "small.vcf"
    small.write_text(_photo_card("Ng", 1000, fold_at=None))
    big = tmp_path / "big.vcf"
    card = _photo_card("Lee", 10_000_000, fold_at=None)  # one 13 MB line
    big.write_text(card)

    def peak(path: Path) -> int:
        tracemalloc.start()
        try:
            run_import(sqlite_db, path, dry_run=True)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(small)  # modules loaded, caches warm
    constant = peak(small)
    assert peak(big) - constant <= 5 * len(card)
    assert peak(big) - constant <= len(card) // 2  # in fact, photos are never held whole


def test_a_card_larger_than_the_cap_is_reported_and_the_next_card_still_imports(
        sqlite_db: Database, tmp_path: Path) -> None:
    from core.interchange.vcard import MAX_CARD_CHARS

    path = tmp_path / "huge-note.vcf"
    note = "NOTE:" + "x" * (MAX_CARD_CHARS + 10)
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Note\r\n" + note + "\r\nEND:VCARD\r\n"
                    + _photo_card("Ng", 300, fold_at=None))
    summary = run_import(sqlite_db, path)
    assert summary.created == 1
    assert next((x.line, x.code, x.detail) for x in summary.problems) == (
        1, "invalid_vcard", "too_large")
