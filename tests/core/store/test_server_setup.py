"""Setting up a shop's server for several desks (issue 18, item 5): `server init` and
`server copy-from-local`, on the real PostgreSQL server the tests start."""
from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import errors

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.demo.services import generate_demo
from core.kernel.paths import log_file
from core.store.copying import fingerprints
from core.store.db import Database
from core.store.opening import prepare_database

from main import main

_names = itertools.count()


def _url(admin_url: str, database: str, user: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}",
                                     path=f"/{database}"))


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def shop(pg_admin_url: str) -> Iterator[tuple[str, str]]:
    """A database name and a desks' role name of this test's own (the server is shared)."""
    n = next(_names)
    name, role = f"shop_{os.getpid()}_{n}", f"desk_{os.getpid()}_{n}"
    yield name, role
    with psycopg.connect(_libpq(pg_admin_url), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _init(admin_url: str, name: str, role: str, password: str,
          monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["server", "init", "--url", _url(admin_url, name, "postgres"),
                 "--role", role, "--password-stdin"])


def test_server_init_makes_a_desk_role_that_works_but_cannot_drop_a_table(
        pg_admin_url: str, shop: tuple[str, str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    name, role = shop
    assert _init(pg_admin_url, name, role, "Desk-Pw-7731", monkeypatch) == 0
    out = capsys.readouterr().out
    assert f"database {name}: created" in out
    assert "schema: created" in out
    assert f"role {role}: created; password set" in out
    assert "Desk-Pw-7731" not in out

    desk_url = _url(pg_admin_url, name, role)
    with psycopg.connect(_libpq(desk_url), autocommit=True) as desk:
        for statement in ("DROP TABLE customers", "CREATE TABLE notes (id integer)",
                          "ALTER TABLE customers ADD COLUMN x integer",
                          "CREATE ROLE intruder", "TRUNCATE customers"):
            with pytest.raises(errors.InsufficientPrivilege):
                desk.execute(statement)
    # …and does a desk's work: a customer added, and found again.
    db = Database(desk_url)
    try:
        prepare_database(db)  # the schema is current: nothing to migrate
        added, _changes = db.run(add_customer, CustomerDraft(first_name="Ann", last_name="Lee"))
        assert db.raw().scalar("SELECT first_name FROM customers WHERE id = :id",
                               {"id": added.id}) == "Ann"
    finally:
        db.close()
    with psycopg.connect(_libpq(pg_admin_url)) as admin:
        stored = admin.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                               (role,)).fetchone()
    assert stored is not None and stored[0].startswith("SCRAM-SHA-256$")
    assert "Desk-Pw-7731" not in stored[0]
    # Nor in the log the command wrote.
    assert "Desk-Pw-7731" not in log_file().read_text(encoding="utf-8")

    # Again, after an update say: nothing to create, the password kept.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["server", "init", "--url", _url(pg_admin_url, name, "postgres"),
                 "--role", role]) == 0
    again = capsys.readouterr().out
    assert f"database {name}: already there" in again
    assert "schema: up to date" in again
    assert f"role {role}: already there; password unchanged" in again


def test_copy_from_local_moves_a_10000_customer_shop_onto_the_server_verified(
        pg_admin_url: str, shop: tuple[str, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    name, role = shop
    local = Database.open(tmp_path / "shop.db")
    prepare_database(local)
    generate_demo(local, customers=10_000)
    local.close()
    assert _init(pg_admin_url, name, role, "pw", monkeypatch) == 0
    desk_url = _url(pg_admin_url, name, role)
    capsys.readouterr()

    code = main(["--db", str(tmp_path / "shop.db"), "server", "copy-from-local",
                 "--to", desk_url])

    out = capsys.readouterr()
    assert code == 0, out.err
    assert "customers: 10,000 rows" in out.out
    assert "counts and content hashes equal" in out.out
    local, server = Database.open(tmp_path / "shop.db", read_only=True), Database(desk_url)
    try:
        for check in ("SELECT count(*) FROM interactions",
                      ("SELECT first_name || ' ' || last_name || coalesce(email, '') "
                      "FROM customers WHERE id = 4321")):
            assert server.raw().scalar(check) == local.raw().scalar(check)
        # The server's ids go on after the copied ones.
        added, _changes = server.run(add_customer, CustomerDraft(first_name="New"))
        assert added.id > 10_000
        # A second copy would mix two shops: refused, nothing written.
        again = main(["--db", str(tmp_path / "shop.db"), "server", "copy-from-local",
                      "--to", desk_url])
        assert again == 1
        assert "already has data" in capsys.readouterr().err
        assert server.raw().scalar("SELECT count(*) FROM customers") == 10_001
    finally:
        local.close()
        server.close()


def test_a_changed_row_makes_that_table_differ_and_no_other(db: Database) -> None:
    db.run(add_customer, CustomerDraft(first_name="Ann"))
    with db.engine.connect() as connection:
        before = fingerprints(connection)
    db.raw().execute("UPDATE customers SET first_name = 'Anne'")
    with db.engine.connect() as connection:
        after = fingerprints(connection)
    assert [name for name in before if before[name] != after[name]] == ["customers"]


def test_a_desk_on_a_server_left_behind_by_an_update_is_told_who_updates_it_and_how(
        shop_left_behind: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from core.store import schema

    owner_url, desk_url, older = shop_left_behind
    role = urlsplit(desk_url).username
    assert role

    assert main(["--db", desk_url, "find", "Ann"]) == 1

    err = capsys.readouterr().err
    owner_url = _libpq(owner_url)
    assert "the shop's server database needs updating for this version of Regulars" in err
    assert f"(it is at {older}, this Regulars needs {schema.HEAD_REVISION})" in err
    assert f"{role} may not change its tables" in err
    assert f"someone with the owner's account (postgres) runs, once: main.py server init " \
           f"--url {owner_url}" in err
    assert "Traceback" not in err and "InsufficientPrivilege" not in err
    desk = Database(desk_url)
    try:
        assert schema.current_revision(desk) == older  # nothing half-migrated
    finally:
        desk.close()

    # The owner runs what it said: the schema is updated, and the desk opens and works.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["server", "init", "--url", owner_url, "--role", role]) == 0
    assert f"schema: updated ({schema.HEAD_REVISION})" in capsys.readouterr().out
    assert main(["--db", desk_url, "find", "Ann"]) == 0
    desk = Database(desk_url)
    try:
        prepare_database(desk)
        added, _changes = desk.run(add_customer, CustomerDraft(first_name="Ann"))
        assert added.id > 0
    finally:
        desk.close()


def test_a_desk_on_a_server_set_up_by_a_newer_regulars_is_told_to_update_itself(
        pg_admin_url: str, shop: tuple[str, str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    name, role = shop
    assert _init(pg_admin_url, name, role, "pw", monkeypatch) == 0
    with psycopg.connect(_libpq(_url(pg_admin_url, name, "postgres")), autocommit=True) as c:
        c.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    capsys.readouterr()

    assert main(["--db", _url(pg_admin_url, name, role), "find", "Ann"]) == 1

    err = capsys.readouterr().err
    assert "was updated by a newer Regulars (0099_from_the_future) than this one: update " \
           "Regulars on this computer" in err

    # Nor can this Regulars' server init take it back.
    assert main(["server", "init", "--url", _url(pg_admin_url, name, "postgres"),
                 "--role", role]) == 1
    assert "was updated by a newer Regulars" in capsys.readouterr().err
