"""`import --encoding` names a vCard file's encoding, as it does a CSV's."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.interchange.errors import ImportRefused
from core.interchange.importing import ImportOptions, run_import
from core.store.db import Database

from tests.core.interchange.test_vcard_real_programs import _card, _drafts


def test_encoding_option_reads_a_vcard_in_the_named_encoding(
        sqlite_db: Database, tmp_path: Path) -> None:
    # cp1252 and cp1251 bytes are both "text": only the person knows which it is.
    content = _card("N:Иванова;Анна", "TEL:+7 495 123-45-67").encode("cp1251")
    path = tmp_path / "ru.vcf"
    path.write_bytes(content)
    summary = run_import(sqlite_db, path, options=ImportOptions(encoding="cp1251"))
    assert summary.source.encoding == "cp1251"
    draft = _drafts(sqlite_db)[0]
    assert (draft.first_name, draft.last_name) == ("Анна", "Иванова")


def test_an_unknown_encoding_option_refuses_the_vcard_naming_it(
        sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.vcf"
    path.write_text(_card("N:Lee;Ann"), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        run_import(sqlite_db, path, options=ImportOptions(encoding="klingon-8"))
    assert (refused.value.code, refused.value.detail) == ("unknown_encoding", "klingon-8")
    assert _drafts(sqlite_db) == []


def test_import_command_with_encoding_reads_a_cp1250_vcard(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from main import main

    path = tmp_path / "pl.vcf"
    path.write_bytes(_card("N:Wiśniewska;Małgorzata", "EMAIL:m@example.pl").encode("cp1250"))
    db_path = tmp_path / "r.db"
    assert main(["--db", str(db_path), "import", str(path), "--encoding", "cp1250"]) == 0
    assert "(vcard, cp1250): 1 created" in capsys.readouterr().out
    db = Database.open(db_path)
    draft = _drafts(db)[0]
    assert (draft.first_name, draft.last_name) == ("Małgorzata", "Wiśniewska")
    db.close()
