"""Fixtures shared by every test: real SQLite files and a real PostgreSQL server."""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.store.db import Database
from core.store.opening import prepare_database

if TYPE_CHECKING:
    from tests.pg_server import TlsPgServer

TEMPLATE_DB = "regulars_template"
_counter = itertools.count()


@pytest.fixture(autouse=True)
def regulars_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep backups, logs and the default database of every test in its own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("REGULARS_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def test_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A keyring in a file of the test's own (keyrings.alt), for the tests only: the
    computer's own keyring (a desktop's Secret Service) is neither needed nor touched.
    Commands the tests start get the same kind of keyring (empty)."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    before = keyring.get_keyring()
    keyring.set_keyring(ring)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    yield tmp_path / "keyring.cfg"
    keyring.set_keyring(before)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """URL of the server's `postgres` database; the server lives for the whole session."""
    own = os.environ.get("REGULARS_TEST_PG_URL")
    if own:
        yield own
        return
    from tests.pg_server import PgServer

    server = PgServer()
    server.start()
    try:
        admin = Database(server.url("postgres"))
        _create_template(admin, server.url(TEMPLATE_DB))
        admin.close()
        yield server.url("postgres")
    finally:
        server.stop()


TLS_ADMIN_PASSWORD = "Adm1n-Tls-Pw-5523"  # the TLS server's postgres, over TCP
TLS_DESK_PASSWORD = "Desk-Tls-Pw-8814"


@pytest.fixture(scope="session")
def tls_server() -> Iterator[TlsPgServer]:
    """A second server, set up as a shop's (TLS, a CA of its own, scram-sha-256 passwords
    over TCP only: tests/pg_server.py). Started once, by the first test that asks for it
    (about 4 s), so the suite pays for it only where TLS or passwords are tested."""
    import psycopg

    from tests.pg_server import TlsPgServer

    server = TlsPgServer()
    server.start()
    try:
        with psycopg.connect(_libpq(server.admin_url()), autocommit=True) as admin:
            verifier = admin.pgconn.encrypt_password(
                TLS_ADMIN_PASSWORD.encode(), b"postgres", b"scram-sha-256").decode()
            admin.execute(f"ALTER ROLE postgres PASSWORD '{verifier}'")
        yield server
    finally:
        server.stop()


@dataclass(frozen=True)
class TlsShop:
    """A shop's database on the TLS server, set up by server init, with a desks' role."""
    server: TlsPgServer
    database: str
    role: str

    def desk_url(self, *, ca_file: Path | None = None) -> str:
        return self.server.tcp_url(self.role, self.database, ca_file=ca_file)

    def owner_url(self) -> str:
        return self.server.tcp_url("postgres", self.database)


@pytest.fixture
def tls_shop(tls_server: TlsPgServer) -> Iterator[TlsShop]:
    import psycopg

    from core.store.server_setup import init_server

    n = next(_counter)
    shop = TlsShop(tls_server, f"tls_shop_{os.getpid()}_{n}", f"tls_desk_{os.getpid()}_{n}")
    init_server(tls_server.admin_url(shop.database), role=shop.role,
                role_password=TLS_DESK_PASSWORD)
    yield shop
    with psycopg.connect(_libpq(tls_server.admin_url()), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {shop.database} WITH (FORCE)")
        admin.execute(f"DROP ROLE IF EXISTS {shop.role}")


@pytest.fixture
def shop_left_behind(pg_admin_url: str) -> Iterator[tuple[str, str, str]]:
    """A shop set up by server init (a desks' role) whose schema is still the one the
    Regulars before this one made: (owner's URL, desk's URL, its revision)."""
    import psycopg

    from core.store.server_setup import init_server

    from tests.shop_servers import downgrade_one_step

    n = next(_counter)
    name, role = f"behind_{os.getpid()}_{n}", f"behind_desk_{os.getpid()}_{n}"
    base = pg_admin_url.rsplit("/", 1)[0]
    owner_url = f"{base}/{name}"
    init_server(owner_url, role=role)
    older = downgrade_one_step(owner_url)
    yield owner_url, base.replace("postgres@", f"{role}@", 1) + f"/{name}", older
    with psycopg.connect(_libpq(pg_admin_url), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"DROP ROLE IF EXISTS {role}")


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _create_template(admin: Database, template_url: str) -> None:
    """Migrate one database once; each test then copies it (much faster than migrating)."""
    admin.raw().execute(f"CREATE DATABASE {TEMPLATE_DB}")
    template = Database(template_url)
    prepare_database(template)
    template.close()


def _pg_database(admin_url: str) -> Iterator[Database]:
    name = f"regulars_test_{os.getpid()}_{next(_counter)}"
    admin = Database(admin_url)
    admin.raw().execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    db = Database(admin_url.rsplit("/", 1)[0] + "/" + name)
    try:
        yield db
    finally:
        db.close()
        admin.raw().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture
def pg_db(pg_admin_url: str) -> Iterator[Database]:
    """A fresh, migrated database on the test server, for what only a server does."""
    yield from _pg_database(pg_admin_url)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(tmp_path / "regulars.db")
    prepare_database(db)
    yield db
    db.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated database: every core test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        database = Database.open(tmp_path / "regulars.db")
        prepare_database(database)
        yield database
        database.close()
    else:
        yield from _pg_database(request.getfixturevalue("pg_admin_url"))


SHOP_PROFILE = {
    "name": "Corner Bakery", "street": "12 Mill Lane", "city": "Springfield",
    "postal_code": "12345", "signature_name": "Sam Baker",
}


def save_shop_profile(database: Database, **fields: str) -> None:
    """A business profile complete enough to print every card and letter."""
    from core.settings.services import save_business_profile
    from core.settings.types import BusinessProfileData

    with database.unit_of_work() as session:
        save_business_profile(session, BusinessProfileData(**{**SHOP_PROFILE, **fields}))


@pytest.fixture
def shop_profile(request: pytest.FixtureRequest) -> None:
    """Tests that print get a shop with a complete business profile (nothing prints
    half-filled), unless marked `empty_business_profile`; autouse in the printing folders."""
    if request.node.get_closest_marker("empty_business_profile") is not None:
        return
    for name in ("db", "sqlite_db"):
        if name in request.fixturenames:
            save_shop_profile(request.getfixturevalue(name))
