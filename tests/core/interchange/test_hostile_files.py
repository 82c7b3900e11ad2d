"""Bad files are refused whole with a reason and a line, and write nothing."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.customers.queries import ListQuery, count_customers
from core.interchange import problems as p
from core.interchange.errors import ImportRefused
from core.interchange.history import list_imports
from core.interchange.importing import run_import
from core.store.db import Database


def _refusal(db: Database, path: Path) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        run_import(db, path)
    assert count_customers(db.raw(), ListQuery()) == 0
    with db.unit_of_work() as session:
        assert list_imports(session) == []
    return caught.value


_GOOD = "first_name,email\r\nAnn,ann@example.com\r\n"


@pytest.mark.parametrize(("content", "code", "line"), [
    (b"", p.EMPTY_FILE, None),
    (b"\r\n  \r\n", p.EMPTY_FILE, None),
    (b"first_name,last_name,email\r\n", p.NO_ROWS, None),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", p.BINARY_FILE, None),
    (b"PK\x03\x04\x14\x00\x06\x00", p.BINARY_FILE, None),
    (b"first_name,notes\r\nAnn,\"never closed\r\nBo,x\r\n", p.UNTERMINATED_QUOTE, 2),
    (b"first_name,notes\r\nAnn,\"a\"b\r\n", p.BAD_QUOTING, 2),
    (b"Email,Name,E-mail\r\na@example.com,A,b@example.com\r\n", p.DUPLICATE_HEADER, 1),
    (_GOOD.encode() + b"Bo,b\x00o@example.com\r\n", p.NUL_BYTE, 3),
    (b"first_name,notes\r\nAnn," + b"x" * 100_001 + b"\r\n", p.FIELD_TOO_LONG, 2),
    (b"first_name,notes\r\nAnn,\"" + b"x" * 200_000 + b"\"\r\n", p.FIELD_TOO_LONG, 2),
    (b"colour,size\r\nred,L\r\n", p.NO_USABLE_COLUMNS, 1),
], ids=["empty", "blank-lines", "header-only", "pdf", "xlsx", "unterminated-quote",
        "bad-quote", "duplicate-header", "nul", "long-field", "huge-quoted-field",
        "no-usable-columns"])
def test_hostile_files_are_refused_and_nothing_is_written(
    sqlite_db: Database, tmp_path: Path, content: bytes, code: str, line: int | None
) -> None:
    path = tmp_path / "hostile.csv"
    path.write_bytes(content)
    refused = _refusal(sqlite_db, path)
    assert refused.code == code
    assert refused.line == line


def test_a_problem_late_in_the_file_undoes_the_rows_before_it(db: Database,
                                                              tmp_path: Path) -> None:
    rows = "".join(f"P{i},p{i}@example.com\r\n" for i in range(2500))
    path = tmp_path / "late.csv"
    path.write_bytes(("first_name,email\r\n" + rows + 'Last,"unterminated\r\n').encode())
    refused = _refusal(db, path)
    assert (refused.code, refused.line) == (p.UNTERMINATED_QUOTE, 2502)


def test_an_undecodable_byte_in_a_utf16_file_is_refused(sqlite_db: Database,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "first_name\r\nAnn\r\n".encode("utf-16-le") + b"\x00\xd8")
    assert _refusal(sqlite_db, path).code == p.UNDECODABLE


def test_ragged_rows_are_flagged_one_by_one_and_never_shifted(sqlite_db: Database,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("first_name,last_name,email\nAnn,Lee,ann@example.com\nBo,bo@example.com\n"
                    "Cy,Dunn,cy@example.com,surprise\nDi,Eng,di@example.com,,\n")
    summary = run_import(sqlite_db, path)
    assert (summary.created, summary.rejected) == (2, 2)
    assert [(x.line, x.code) for x in summary.problems] == [
        (3, p.WRONG_FIELD_COUNT), (4, p.WRONG_FIELD_COUNT)]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=st.one_of(
    st.binary(max_size=400),
    st.text(alphabet=st.sampled_from(list('ab,;"\t\r\n\x00é美@.+1 ')), max_size=300).map(
        lambda t: ("first_name,email,phone\n" + t).encode("utf-8")),
))
def test_any_bytes_give_a_clean_refusal_or_a_valid_import(sqlite_db: Database, tmp_path: Path,
                                                          content: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    before = count_customers(sqlite_db.raw(), ListQuery())
    try:
        summary = run_import(sqlite_db, path)
    except ImportRefused as refused:
        assert refused.code
        assert count_customers(sqlite_db.raw(), ListQuery()) == before
    else:
        after = count_customers(sqlite_db.raw(), ListQuery())
        assert after == before + summary.created
        assert summary.rejected + summary.created + summary.updated + summary.skipped >= 1
