"""The database: where it is, how to connect, and one unit of work per user action.

SQLAlchemy is imported lazily: the customer list paints from a plain DB-API
connection (see `RawConnection`), so a cold start does not pay for the ORM.
"""
from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from core.kernel import paths
from core.kernel.edits import SavedMeanwhile
from core.store.errors import DatabaseBusy

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from core.kernel.changes import Changes

T = TypeVar("T")
BUSY_TIMEOUT_MS = 5000
# How a unit of work begun in this thread starts on SQLite: reads begin deferred (in WAL
# they never wait on a writer), writes take the write lock at once, waiting at most this
# many milliseconds for another writer (the GUI waits in short turns so Cancel answers).
_reading: ContextVar[bool] = ContextVar("regulars_reading", default=False)
_busy_timeout_ms: ContextVar[int] = ContextVar("regulars_busy_timeout_ms",
                                               default=BUSY_TIMEOUT_MS)
_NAMED_PARAM = re.compile(r"(?<!:):([A-Za-z_][A-Za-z0-9_]*)")


def resolve_url(target: str | Path | None) -> str:
    """A file path or SQLAlchemy URL; None means the default file in the user data folder."""
    if target is None:
        return f"sqlite:///{paths.default_database_path()}"
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    return Path(rest.split("?", 1)[0]) if rest else None


def read_only_uri(path: Path) -> str:
    """The URI that opens `path` read-only, also where SQLite could not create its -shm.

    In a read-only folder or file system, a WAL database with no -wal file beside it is
    complete in its main file and nobody can change it there: SQLite is told it is
    immutable, so it needs no -shm (without that it fails "attempt to write a readonly
    database", which is not damage).
    """
    uri = f"{path.as_uri()}?mode=ro"
    folder = path.parent
    if not Path(f"{path}-wal").exists() and not os.access(folder, os.W_OK):
        uri += "&immutable=1"
    return uri


def connect_sqlite(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A sqlite3 connection with the pragmas every Regulars connection uses."""
    if read_only:
        conn = sqlite3.connect(
            read_only_uri(path), uri=True, check_same_thread=False, isolation_level=None
        )
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


@contextmanager
def larger_page_cache(connection: Any, megabytes: int) -> Iterator[None]:
    """The page cache raised to `megabytes` on this connection for one bulk job, then put
    back, where the database has one to raise (see the dialects' larger_page_cache)."""
    from core.store.dialects import dialect_of

    with dialect_of(connection).larger_page_cache(connection, megabytes):
        yield


@contextmanager
def waiting_at_most(milliseconds: int) -> Iterator[None]:
    """Writes begun in this block on this thread wait at most `milliseconds` for another
    writer's lock before Database.run raises DatabaseBusy (SQLite; default BUSY_TIMEOUT_MS)."""
    token = _busy_timeout_ms.set(milliseconds)
    try:
        yield
    finally:
        _busy_timeout_ms.reset(token)


def _is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY), bare or wrapped by SQLAlchemy."""
    original = getattr(exc, "orig", exc)
    return (isinstance(original, sqlite3.OperationalError)
            and "database is locked" in str(original))


class RawConnection:
    """A plain DB-API connection for fast, read-mostly queries written with :named params."""

    def __init__(self, dialect: str, dbapi_conn: Any) -> None:
        self.dialect = dialect
        self._conn = dbapi_conn

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> list[Sequence[Any]]:
        if self.dialect == "postgresql":
            sql = _NAMED_PARAM.sub(r"%(\1)s", sql)
        cursor = self._conn.cursor()
        try:
            cursor.execute(sql, params or {})
            return list(cursor.fetchall()) if cursor.description else []
        finally:
            cursor.close()

    def scalar(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        rows = self.execute(sql, params)
        return rows[0][0] if rows else None

    def close(self) -> None:
        self._conn.close()


class Database:
    """One database, SQLite file or server URL. Cheap to create; connects on first use."""

    def __init__(self, url: str, *, read_only: bool = False,
                 password: str | None = None) -> None:
        self.url = url
        self.read_only = read_only
        # A server's password, when given apart from the URL (else the keyring's, if any).
        self._password = password
        # Names this Database's own notifications to other desks (core.store.notify).
        self.desk_token = os.urandom(8).hex()
        self.dialect = "sqlite" if url.startswith("sqlite") else url.split(":", 1)[0].split("+")[0]
        if self.dialect == "postgres":
            self.dialect = "postgresql"
        self.sqlite_path = _sqlite_path(url)
        self._engine: Engine | None = None
        self._sessionmaker: sessionmaker[Session] | None = None
        self._raw: RawConnection | None = None

    @classmethod
    def open(cls, target: str | Path | None, *, read_only: bool = False,
             password: str | None = None) -> Database:
        return cls(resolve_url(target), read_only=read_only, password=password)

    @property
    def password(self) -> str | None:
        """The server password given when this Database was made (None: the keyring's)."""
        return self._password

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def display_name(self) -> str:
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        from core.store.servers import without_password

        return without_password(self.url)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._create_engine()
        return self._engine

    def _create_engine(self) -> Engine:
        from sqlalchemy import create_engine, event

        if not self.is_sqlite:
            url = self.url
            if url.startswith(("postgresql://", "postgres://")):
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return create_engine(url, pool_pre_ping=True, connect_args=self._server_args())

        path = self.sqlite_path
        if path is None:
            raise ValueError("in-memory SQLite is not supported; give a file path")
        engine = create_engine(
            "sqlite://", creator=lambda: connect_sqlite(path, read_only=self.read_only)
        )

        # pysqlite's own transaction handling skips BEGIN before DDL; emit it ourselves so
        # every unit of work, migrations included, is all or nothing.
        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            if self.read_only or _reading.get():
                conn.exec_driver_sql("BEGIN")
                return
            wait_ms = _busy_timeout_ms.get()
            if conn.info.get("busy_timeout_ms", BUSY_TIMEOUT_MS) != wait_ms:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {wait_ms}")
                conn.info["busy_timeout_ms"] = wait_ms
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back if it raises."""
        if self._sessionmaker is None:
            from sqlalchemy.orm import sessionmaker

            from core.store.changes import install_change_collection
            from core.store.registry import load_all_models

            load_all_models()  # every mapper configured, whichever area asks first
            factory = sessionmaker(self.engine, expire_on_commit=False)
            install_change_collection(factory)
            if not self.is_sqlite:
                from sqlalchemy import event

                from core.store.notify import send_before_commit

                token = self.desk_token
                event.listen(factory, "before_commit",
                             lambda session: send_before_commit(session, token))
            self._sessionmaker = factory
        with self._sessionmaker.begin() as session:
            yield session

    def run(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, Changes]:
        """`service(session, *args, **kwargs)` in its own unit of work; returns its result
        and what it changed (nothing when it raised: the unit rolled back).

        Raises DatabaseBusy when another connection kept the write lock longer than the
        busy timeout (see `waiting_at_most`); nothing was written and it can be retried."""
        from sqlalchemy.orm.exc import StaleDataError

        from core.store.changes import committed_changes

        try:
            with self.unit_of_work() as session:
                result = service(session, *args, **kwargs)
        except StaleDataError as exc:
            # Another desk's save of the same record committed between our read and write.
            raise SavedMeanwhile() from exc
        except Exception as exc:
            if _is_locked(exc):
                raise DatabaseBusy(self.sqlite_path) from exc
            raise
        return result, committed_changes(session)

    def read(self, reader: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`reader(session, *args, **kwargs)` in a unit of work that does not take the write
        lock, so it never waits on a writer (SQLite in WAL). Anything it writes is an
        error on SQLite ("attempt to write" is not prevented for PostgreSQL)."""
        token = _reading.set(True)
        try:
            return self.run(reader, *args, **kwargs)[0]
        finally:
            _reading.reset(token)

    def raw(self) -> RawConnection:
        """The shared read connection (GUI thread). Worker threads use `new_raw()`."""
        if self._raw is None:
            self._raw = self.new_raw()
        return self._raw

    def new_raw(self) -> RawConnection:
        if self.is_sqlite:
            assert self.sqlite_path is not None
            return RawConnection("sqlite", connect_sqlite(self.sqlite_path, read_only=self.read_only))
        import psycopg

        url = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", self.url)
        return RawConnection("postgresql",
                             psycopg.connect(url, autocommit=True, **self._server_args()))

    def new_listening_connection(self) -> Any:
        """A psycopg connection of its own (autocommit), for LISTEN (core.store.notify)."""
        import psycopg

        url = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", self.url)
        return psycopg.connect(url, autocommit=True, **self._server_args())

    def _server_args(self) -> dict[str, Any]:
        """What every server connection says besides the URL: which desk it is (another
        desk waiting for this one's job names it)."""
        from core.store.desk import application_name
        from core.store.servers import address_of, stored_password

        found: dict[str, Any] = {"application_name": application_name()}
        password = self._password
        if password is None and not re.search(r"://[^/@]*:[^/@]*@", self.url):
            address = address_of(self.url)
            password = stored_password(address) if address is not None else None
        if password is not None:
            found["password"] = password
        return found

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
