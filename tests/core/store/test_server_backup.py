"""Backups of a shop server (issue 18, item 6): `main.py backup` writes a portable backup,
`restore` reads it into an empty database, and every table comes back the same."""
from __future__ import annotations

import io
import itertools
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from core.demo.services import generate_demo
from core.store.copying import fingerprints
from core.store.db import Database

from main import main
from tests.conftest import TLS_ADMIN_PASSWORD, TLS_DESK_PASSWORD, TlsShop
from tests.shop_servers import places_holding

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


ROOT = Path(__file__).resolve().parents[3]


def _at_a_terminal(args: list[str], answer: str, env: dict[str, str]) -> tuple[int, str]:
    """`main.py ARGS` with a pseudo-terminal for its stdin, stdout and stderr (and no
    other terminal: a session of its own), `answer` typed at the first password prompt.
    Returns its exit code and everything the terminal showed."""
    main_fd, terminal_fd = pty.openpty()
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                               env=env, stdin=terminal_fd, stdout=terminal_fd,
                               stderr=terminal_fd, start_new_session=True)
    os.close(terminal_fd)
    shown, answered = b"", False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if not select.select([main_fd], [], [], 0.5)[0]:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # EIO: the program ended, the terminal closed
                break
            if not chunk:
                break
            shown += chunk
            if not answered and b"Password for" in shown:
                os.write(main_fd, answer.encode() + b"\n")
                answered = True
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main_fd)
    assert answered, shown.decode("utf-8", "replace")
    return code, shown.decode("utf-8", "replace")


def _tools_that_tell(folder: Path, said: Path) -> str:
    """pg_dump and pg_restore as they are, each first writing down its command line and
    whether it got a password file or PGPASSWORD (never the password itself). Returns
    the PATH that finds them first."""
    folder.mkdir()
    for tool in ("pg_dump", "pg_restore"):
        real = shutil.which(tool)
        assert real is not None
        wrapper = folder / tool
        wrapper.write_text(
            "#!/bin/sh\n"
            f"printf '%s\\n' \"{tool} $*\" >> '{said}'\n"
            f"printf 'PGPASSFILE=%s PGPASSWORD=%s\\n' \"${{PGPASSFILE:+given}}\" "
            f"\"${{PGPASSWORD:+given}}\" >> '{said}'\n"
            f"exec '{real}' \"$@\"\n", encoding="utf-8")
        wrapper.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def test_backup_and_restore_ask_at_the_terminal_for_a_password_the_keyring_lacks(
        tls_shop: TlsShop, tmp_path: Path) -> None:
    from core.customers.services import add_customer
    from core.customers.types import CustomerDraft

    desk = Database(tls_shop.desk_url(), password=TLS_DESK_PASSWORD)
    try:
        for name in ("Ann", "Bo", "Cy"):
            desk.run(add_customer, CustomerDraft(first_name=name))
    finally:
        desk.close()
    said = tmp_path / "tools-said.txt"
    env = {**os.environ, "PATH": _tools_that_tell(tmp_path / "tools", said),
           "XDG_DATA_HOME": str(tmp_path / "no-keyring-here")}  # the keyring is empty
    env.pop("PGPASSWORD", None)
    backup = tmp_path / "shop.backup"

    code, shown = _at_a_terminal(["--db", tls_shop.desk_url(), "backup", "--to", str(backup)],
                                 TLS_DESK_PASSWORD, env)

    assert code == 0, shown
    assert f"Password for {tls_shop.role}@localhost:" in shown
    assert "backed up" in shown and "pg_dump, custom format" in shown
    assert backup.stat().st_size > 0

    # Into an empty database, as its owner, whose password is asked for too.
    restored = f"{tls_shop.database}_restored"
    with psycopg.connect(tls_shop.server.admin_url().replace("+psycopg", ""),
                         autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {restored} TEMPLATE template0")
    try:
        owner_url = tls_shop.server.tcp_url("postgres", restored)
        code, shown_restoring = _at_a_terminal(["--db", owner_url, "restore", str(backup)],
                                               TLS_ADMIN_PASSWORD, env)
        assert code == 0, shown_restoring
        assert "Password for postgres@localhost:" in shown_restoring
        again = Database(owner_url, password=TLS_ADMIN_PASSWORD)
        try:
            assert again.raw().scalar("SELECT string_agg(first_name, ',' ORDER BY id) "
                                      "FROM customers") == "Ann,Bo,Cy"
        finally:
            again.close()
    finally:
        with psycopg.connect(tls_shop.server.admin_url().replace("+psycopg", ""),
                             autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {restored} WITH (FORCE)")

    # The tools got the password in a file of their own, never on their command line...
    tools = said.read_text(encoding="utf-8")
    assert tools.count("PGPASSFILE=given PGPASSWORD=\n") == 2, tools
    assert "pg_dump --format=custom" in tools and "pg_restore" in tools
    # ...and it was typed without echo, and went nowhere else.
    assert places_holding(TLS_DESK_PASSWORD, terminal=shown, tools=tools,
                          server_log=tls_shop.server.log.read_text(errors="replace")) == []
    assert places_holding(TLS_ADMIN_PASSWORD, terminal=shown_restoring, tools=tools,
                          server_log=tls_shop.server.log.read_text(errors="replace")) == []


def test_a_backup_with_no_password_kept_and_no_terminal_says_what_to_do(
        tls_shop: TlsShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script's: no terminal

    code = main(["--db", tls_shop.desk_url(), "backup", "--to", str(tmp_path / "b.backup")])

    err = capsys.readouterr().err
    assert code == 1
    assert "the server wants a password, and none is kept on this computer" in err
    assert "File > Connect to a Shop Server…" in err and "at a terminal" in err
    assert "Traceback" not in err
    assert not (tmp_path / "b.backup").exists()
