"""A shop's PostgreSQL server: where it is, its password in the keyring, checking a
connection, and setting it up for the desks (schema and a least-privilege role).

The password never goes into a URL, a log line, a setting or an error: a URL names the
server without it, the operating system's keyring keeps it (service "Regulars", one entry
per user, server and database), and core.store.db.Database asks the keyring when it
connects.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from core.kernel.errors import RegularsError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Regulars"
DEFAULT_PORT = 5432
DESK_ROLE = "regulars_desk"

# Why a connection failed, as data (the window and the command line word each once).
UNREACHABLE = "unreachable"  # no server answers at that host and port
REFUSED_LOGIN = "refused_login"  # wrong user or password
NO_PASSWORD = "no_password"  # the server wants one, and none was given or kept
NOT_LET_IN = "not_let_in"  # the server's pg_hba.conf has no line for this computer or user
NO_DATABASE = "no_database"
TLS_FAILED = "tls_failed"  # the secure connection failed, for another reason than these:
CERT_UNTRUSTED = "cert_untrusted"  # the server's certificate is not signed by the CA file
CERT_WRONG_NAME = "cert_wrong_name"  # it is, but for another host name
CA_FILE_MISSING = "ca_file_missing"  # the CA file given cannot be read
NO_TLS_OFFERED = "no_tls_offered"  # a CA file was given, and the server offers no TLS
NO_KEYRING = "no_keyring"  # the computer has no keyring to keep the password in
OTHER = "other"
# The server's database is not at this Regulars' schema (SchemaNotCurrent).
NO_SCHEMA = "no_schema"  # nothing set up for Regulars yet
SCHEMA_BEHIND = "schema_behind"  # made by an older Regulars: server init updates it
SCHEMA_AHEAD = "schema_ahead"  # updated by a newer Regulars than this one


class ServerProblem(RegularsError):
    """A server could not be reached or used; `kind` says why, `detail` is the server's
    own words with any password taken out."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


class SchemaNotCurrent(ServerProblem):
    """The server's database is not at this Regulars' schema (`kind` NO_SCHEMA,
    SCHEMA_BEHIND or SCHEMA_AHEAD). `may_update`: the user connected may create and alter
    its tables (owns them), so opening it updates it; else only `owner` may, by running
    `server init` with `owner_url`."""

    def __init__(self, kind: str, *, found: str | None, wanted: str, user: str, owner: str,
                 owner_url: str, may_update: bool) -> None:
        super().__init__(kind, f"schema {found}, this Regulars needs {wanted}")
        self.found = found
        self.wanted = wanted
        self.user = user
        self.owner = owner
        self.owner_url = owner_url
        self.may_update = may_update

    @property
    def update_command(self) -> str:
        """What the owner runs to update it; the URL in double quotes where a shell would
        read its ? or & (they work in sh, cmd and PowerShell alike)."""
        url = self.owner_url
        if re.search(r"[?&\s]", url):
            url = f'"{url}"'
        return f"main.py server init --url {url}"

    @property
    def blocks_opening(self) -> bool:
        """Opening cannot update the schema here: someone else must first."""
        return self.kind == SCHEMA_AHEAD or not self.may_update


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int = DEFAULT_PORT
    database: str = "regulars"
    user: str = DESK_ROLE
    ca_file: str = ""  # given: the server's certificate is checked against it (verify-full)

    def url(self) -> str:
        """The SQLAlchemy URL, without a password."""
        query = {}
        if self.ca_file:
            query = {"sslmode": "verify-full", "sslrootcert": self.ca_file}
        host = f"[{self.host}]" if ":" in self.host else self.host
        text = (f"postgresql+psycopg://{quote(self.user, safe='')}@{host}:{self.port}/"
                f"{quote(self.database, safe='')}")
        return text + (f"?{urlencode(query, safe='/')}" if query else "")

    def command_url(self) -> str:
        """The URL as typed after `main.py server init --url` (no password in it)."""
        return re.sub(r"^postgresql\+psycopg://", "postgresql://", self.url())

    @property
    def keyring_user(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def address_of(url: str) -> ServerAddress | None:
    """The server a PostgreSQL URL names (None for anything else, a SQLite file say)."""
    if not re.match(r"^postgres(ql)?(\+\w+)?://", url):
        return None
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    return ServerAddress(host=parts.hostname or "localhost", port=parts.port or DEFAULT_PORT,
                         database=unquote(parts.path.lstrip("/")) or "postgres",
                         user=unquote(parts.username or ""),
                         ca_file=query.get("sslrootcert", [""])[0])


def without_password(text: str) -> str:
    """`text` with any password in a URL or connection string replaced by ***."""
    text = re.sub(r"(://[^:/@\s]+):[^@\s]*@", r"\1:***@", text)
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text, flags=re.IGNORECASE)


# -- the keyring ----------------------------------------------------------------------------


def stored_password(address: ServerAddress) -> str | None:
    """The password the keyring keeps for this user at this server; None when there is
    none or the computer has no keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, address.keyring_user)
        except KeyringError as exc:
            log.info("no password from the keyring: %s", type(exc).__name__)
            return None
    except Exception as exc:  # noqa: BLE001 (a broken keyring must not stop a desk opening)
        log.warning("the keyring could not be read: %s", type(exc).__name__)
        return None


def store_password(address: ServerAddress, password: str) -> None:
    """Keep the password in the operating system's keyring; ServerProblem(NO_KEYRING)
    where there is none (it is then never written anywhere else)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, address.keyring_user, password)
    except KeyringError as exc:
        raise ServerProblem(NO_KEYRING, type(exc).__name__) from exc
    log.info("password for %s kept in the keyring", address.keyring_user)


# -- connecting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConnectionCheck:
    encrypted: bool  # TLS
    server_version: str
    schema_revision: str | None  # None: the database has no Regulars schema yet
    schema_problem: SchemaNotCurrent | None = None  # None: the schema is this version's


def connect(address: ServerAddress | str, password: str | None = None, *,
            timeout_seconds: int = 10) -> Any:
    """A psycopg connection (autocommit); ServerProblem when it cannot be made."""
    import psycopg

    from core.store.desk import application_name

    url = address.url() if isinstance(address, ServerAddress) else address
    libpq_url = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)
    extra: dict[str, Any] = {"application_name": application_name(),
                             "connect_timeout": timeout_seconds}
    if password is not None:
        extra["password"] = password
    try:
        return psycopg.connect(libpq_url, autocommit=True, **extra)
    except psycopg.Error as exc:
        raise problem_of(exc, password) from None  # the chain would carry the libpq dsn


def problem_of(exc: BaseException, password: str | None = None) -> ServerProblem:
    """A ServerProblem for a failed connection, its detail free of the password."""
    detail = without_password(str(exc).strip().splitlines()[0] if str(exc).strip() else "")
    if password:
        detail = detail.replace(password, "***")
    sqlstate = getattr(exc, "sqlstate", None)
    text = str(exc).lower()
    if "no password supplied" in text:
        kind = NO_PASSWORD
    elif "no pg_hba.conf entry" in text:
        kind = NOT_LET_IN
    elif sqlstate in ("28P01", "28000") or "password authentication failed" in text:
        kind = REFUSED_LOGIN
    elif sqlstate == "3D000" or ("database" in text and "does not exist" in text
                                 and "certificate" not in text):
        kind = NO_DATABASE
    elif "certificate verify failed" in text:
        kind = CERT_UNTRUSTED
    elif "does not match host name" in text:
        kind = CERT_WRONG_NAME
    elif "root certificate file" in text:
        kind = CA_FILE_MISSING
    elif "does not support ssl" in text:
        kind = NO_TLS_OFFERED
    elif "certificate" in text or "ssl" in text or "tls" in text:
        kind = TLS_FAILED
    elif "connection refused" in text or "could not translate host" in text \
            or "timeout" in text or "no route" in text or "could not connect" in text:
        kind = UNREACHABLE
    else:
        kind = OTHER
    return ServerProblem(kind, detail)


def check_connection(address: ServerAddress, password: str | None) -> ConnectionCheck:
    """Connect once and say what is there: TLS, the server's version, the schema."""
    with connect(address, password) as conn:
        encrypted = bool(conn.execute(
            "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), "
            "false)").fetchone()[0])
        version = str(conn.execute("SHOW server_version").fetchone()[0])
        has_schema = conn.execute("SELECT to_regclass('alembic_version')").fetchone()[0]
        revision = None
        if has_schema is not None:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        from core.store.db import RawConnection

        problem = schema_problem(RawConnection("postgresql", conn), address, revision)
    return ConnectionCheck(encrypted, version, revision, problem)


# Who owns the schema (the alembic_version table's owner, else the database's), and
# whether the user connected may update it: create tables, and alter the existing ones
# (a member of their owner's role; a superuser is that of every role).
_SCHEMA_RIGHTS_SQL = """
WITH found AS (
    SELECT (SELECT tableowner FROM pg_tables
            WHERE schemaname = current_schema() AND tablename = 'alembic_version') AS tables,
           (SELECT pg_get_userbyid(datdba) FROM pg_database
            WHERE datname = current_database()) AS database
)
SELECT coalesce(tables, database),
       has_schema_privilege(current_schema(), 'CREATE')
       AND (tables IS NULL OR pg_has_role(current_user, tables, 'USAGE'))
FROM found
"""


def schema_problem(raw: Any, address: ServerAddress, found: str | None
                   ) -> SchemaNotCurrent | None:
    """Why the server's database (on core.store.db.RawConnection `raw`, at revision
    `found`) is not at this Regulars' schema, and who may update it; None when it is."""
    from dataclasses import replace

    from core.store.schema import HEAD_REVISION, is_known_revision

    if found == HEAD_REVISION:
        return None
    owner, may_update = raw.execute(_SCHEMA_RIGHTS_SQL)[0]
    if found is None:
        kind = NO_SCHEMA
    elif is_known_revision(found):
        kind = SCHEMA_BEHIND
    else:
        kind = SCHEMA_AHEAD
    return SchemaNotCurrent(kind, found=found, wanted=HEAD_REVISION, user=address.user,
                            owner=str(owner),
                            owner_url=replace(address, user=str(owner)).command_url(),
                            may_update=bool(may_update))
