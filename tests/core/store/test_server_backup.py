"""Backups of a shop server (issue 18, item 6): `main.py backup` writes a portable backup,
`restore` reads it into an empty database, and every table comes back the same."""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from core.demo.services import generate_demo
from core.store.copying import fingerprints
from core.store.db import Database

from main import main

_names = itertools.count()


@pytest.fixture
def empty_pg_db(pg_admin_url: str) -> Iterator[Database]:
    """A database on the test server with nothing in it, not even the schema."""
    name = f"restored_{os.getpid()}_{next(_names)}"
    admin = pg_admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
    db = Database(pg_admin_url.rsplit("/", 1)[0] + "/" + name)
    yield db
    db.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _same(a: Database, b: Database) -> bool:
    with a.engine.connect() as first, b.engine.connect() as second:
        before, after = fingerprints(first), fingerprints(second)
    assert before["customers"].rows == 150
    return before == after


@pytest.mark.parametrize("pg_dump_on_path", [True, False], ids=["pg_dump", "own-export"])
def test_a_server_backup_restores_into_an_empty_database_the_same(
        pg_db: Database, empty_pg_db: Database, tmp_path: Path, pg_dump_on_path: bool,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    generate_demo(pg_db, customers=150)
    if not pg_dump_on_path:
        monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    backup = tmp_path / "shop.backup"

    assert main(["--db", pg_db.url, "backup", "--to", str(backup)]) == 0
    said = capsys.readouterr().out
    assert ("pg_dump, custom format" in said) is pg_dump_on_path
    assert ("the app's own export" in said) is not pg_dump_on_path
    assert not Path(f"{backup}.part").exists()

    assert main(["--db", empty_pg_db.url, "restore", str(backup)]) == 0
    assert "restored" in capsys.readouterr().out
    assert _same(pg_db, empty_pg_db)

    # The restored shop works on: a new customer gets an id after the restored ones.
    top = int(empty_pg_db.raw().scalar("SELECT max(id) FROM customers"))
    from core.customers.services import add_customer
    from core.customers.types import CustomerDraft

    added, _changes = empty_pg_db.run(add_customer, CustomerDraft(first_name="After"))
    assert added.id > top


def test_restoring_over_a_shop_in_use_is_refused(
        pg_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate_demo(pg_db, customers=150)
    backup = tmp_path / "shop.backup"
    assert main(["--db", pg_db.url, "backup", "--to", str(backup)]) == 0

    assert main(["--db", pg_db.url, "restore", str(backup)]) == 1

    err = capsys.readouterr().err
    assert "is not empty" in err and "restore into a new, empty database" in err
    assert pg_db.raw().scalar("SELECT count(*) FROM customers") == 150
