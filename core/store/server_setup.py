"""`server init`: a PostgreSQL server made ready for the desks.

Run once by whoever administers the server (any role that may create databases and
roles): the database is created if missing, the schema migrated to this version, and the
desks get a role of their own that can read and write the app's tables and nothing more:
it owns nothing, so it cannot drop or alter a table, create one, or create a role. Running
it again after an update migrates the schema and grants the new tables too.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from core.store import schema
from core.store.db import Database
from core.store.servers import (
    DESK_ROLE,
    NO_DATABASE,
    SCHEMA_AHEAD,
    ServerAddress,
    ServerProblem,
    address_of,
    connect,
    schema_problem,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerSetup:
    database: str
    created_database: bool
    revision_before: str | None
    revision: str
    role: str
    created_role: bool
    password_set: bool
    tables_granted: int


def init_server(admin_url: str, *, role: str = DESK_ROLE, role_password: str | None = None,
                admin_password: str | None = None) -> ServerSetup:
    """Create the database (if missing), migrate its schema, and create or update the
    desks' role with exactly the rights they need. ServerProblem when the server cannot
    be reached, SchemaNotCurrent when a newer Regulars already updated the schema; a
    role without the rights to do this fails with the server's words."""
    address = address_of(admin_url)
    if address is None:
        raise ValueError("not a PostgreSQL URL")
    created_database = _ensure_database(admin_url, address, admin_password)
    db = Database(admin_url, password=admin_password)
    try:
        before = schema.current_revision(db)
        if before != schema.HEAD_REVISION:
            problem = schema_problem(db.raw(), address, before)
            if problem is not None and problem.kind == SCHEMA_AHEAD:
                raise problem  # a newer Regulars updated it: this one cannot go back
            schema.upgrade(db)
    finally:
        db.close()
    with connect(admin_url, admin_password) as conn:
        created_role = _ensure_role(conn, role)
        if role_password is not None:
            _set_password(conn, role, role_password)
        granted = grant_desk_role(conn, role, address.database)
    setup = ServerSetup(address.database, created_database, before, schema.HEAD_REVISION,
                        role, created_role, role_password is not None, granted)
    log.info("server set up: %s", replace(setup))
    return setup


def _ensure_database(admin_url: str, address: ServerAddress,
                     admin_password: str | None) -> bool:
    try:
        connect(admin_url, admin_password).close()
        return False
    except ServerProblem as problem:
        if problem.kind != NO_DATABASE:
            raise
    from psycopg import sql

    with connect(_other_database(admin_url, "postgres"), admin_password) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
            sql.Identifier(address.database)))
    log.info("created database %s", address.database)
    return True


def _other_database(url: str, name: str) -> str:
    """The same server URL, naming database `name` (the query, a CA file say, kept)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _ensure_role(conn: Any, role: str) -> bool:
    from psycopg import sql

    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        conn.execute(sql.SQL("ALTER ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                             "NOREPLICATION NOBYPASSRLS").format(sql.Identifier(role)))
        return False
    conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                         "NOREPLICATION NOBYPASSRLS").format(sql.Identifier(role)))
    log.info("created role %s", role)
    return True


def _set_password(conn: Any, role: str, password: str) -> None:
    """The password goes to the server already hashed (SCRAM), so that it appears in no
    statement the server might log."""
    from psycopg import sql

    verifier = conn.pgconn.encrypt_password(password.encode("utf-8"), role.encode("utf-8"),
                                            b"scram-sha-256").decode("ascii")
    conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(role),
                                                           sql.Literal(verifier)))


def grant_desk_role(conn: Any, role: str, database: str) -> int:
    """The desks' rights: connect, read and write every table of the app (and those that
    later migrations add), use its sequences. Returns how many tables it may use."""
    from psycopg import sql

    who, db = sql.Identifier(role), sql.Identifier(database)
    for statement in (
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",  # the default before PostgreSQL 15
        "GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {who}",
        "GRANT USAGE ON SCHEMA public TO {who}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {who}",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {who}",
        ("ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {who}"),
        ("ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {who}"),
    ):
        conn.execute(sql.SQL(statement).format(who=who, db=db))
    count = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                         ).fetchone()[0]
    return int(count)


def let_desks_in(url: str, *, role: str = DESK_ROLE, password: str | None = None) -> bool:
    """After a restore: the desks' role, where the server has it, gets its rights on the
    restored tables (a backup carries no rights). False where there is no such role."""
    address = address_of(url)
    assert address is not None
    with connect(url, password) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            return False
        grant_desk_role(conn, role, address.database)
    return True
