"""A throwaway PostgreSQL server for the test session, from Debian's postgresql package.

initdb and postgres refuse to run as root, so as root the server runs as the
`postgres` user (through runuser). Set REGULARS_TEST_PG_URL to use a server of your own.

`TlsPgServer` is a second one, as a shop's real server is set up: TLS with a certificate
for localhost signed by a CA of its own (made with openssl), and over TCP only
`hostssl … scram-sha-256`, so every desk needs the CA file and a password. Its
administrator comes in through the Unix socket, without one.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise RuntimeError(
        "PostgreSQL server binaries not found: install Debian's 'postgresql' package "
        "(the PostgreSQL tests do not skip)"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="regulars-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.url_base = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), *self._auth(), "-U", "postgres",
                  "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                   + self._extra_options())
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-o", options,
                  "-l", str(self.log))

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def _auth(self) -> list[str]:
        return ["-A", "trust"]

    def _extra_options(self) -> str:
        return ""

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "stop", "-m", "immediate", "-D", str(self.data))
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"{self.url_base}/{database}"


class TlsPgServer(PgServer):
    """TLS and passwords, as in a shop: see the module's docstring. `ca_file` is the CA
    that signed the server's certificate; `other_ca_file` a CA that did not."""

    def __init__(self) -> None:
        super().__init__()
        self.tls = self.root / "tls"
        self.ca_file = self.tls / "ca.crt"
        self.other_ca_file = self.tls / "other-ca.crt"

    def _auth(self) -> list[str]:
        return ["--auth-local=trust", "--auth-host=scram-sha-256"]

    def _extra_options(self) -> str:
        self._make_certificates()
        hba = self.data / "pg_hba.conf"
        hba.write_text("local all all trust\n"
                       "hostssl all all 127.0.0.1/32 scram-sha-256\n"
                       "hostssl all all ::1/128 scram-sha-256\n", encoding="utf-8")
        self._give_to_postgres(hba)
        # Every statement is logged: a test greps the log for passwords.
        return (f" -c ssl=on -c ssl_cert_file={self.tls / 'server.crt'}"
                f" -c ssl_key_file={self.tls / 'server.key'}"
                " -c password_encryption=scram-sha-256 -c log_statement=all"
                " -c log_connections=on")

    def _make_certificates(self) -> None:
        self.tls.mkdir()
        curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for name, subject in (("ca", "Regulars test CA"), ("other-ca", "Someone else's CA")):
            _openssl("req", "-x509", *curve, "-keyout", str(self.tls / f"{name}.key"),
                     "-out", str(self.tls / f"{name}.crt"), "-days", "2",
                     "-subj", f"/CN={subject}",
                     "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        _openssl("req", *curve, "-keyout", str(self.tls / "server.key"),
                 "-out", str(self.tls / "server.csr"), "-subj", "/CN=localhost")
        extensions = self.tls / "server.ext"
        extensions.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                              "extendedKeyUsage=serverAuth\n", encoding="utf-8")
        _openssl("x509", "-req", "-in", str(self.tls / "server.csr"),
                 "-CA", str(self.ca_file), "-CAkey", str(self.tls / "ca.key"),
                 "-CAcreateserial", "-out", str(self.tls / "server.crt"), "-days", "2",
                 "-extfile", str(extensions))
        key = self.tls / "server.key"
        key.chmod(0o600)  # the server refuses a key others may read
        for path in (self.tls, key, self.tls / "server.crt"):
            self._give_to_postgres(path)

    def _give_to_postgres(self, path: Path) -> None:
        if self.as_root:
            pw = pwd.getpwnam("postgres")
            os.chown(path, pw.pw_uid, pw.pw_gid)

    def admin_url(self, database: str = "postgres") -> str:
        """The administrator, through the Unix socket (no password, no TLS)."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}&port={self.port}"

    def tcp_url(self, user: str, database: str, *, ca_file: Path | None = None) -> str:
        """As a desk connects: TCP to localhost, the certificate checked (verify-full)."""
        ca = ca_file or self.ca_file
        return (f"postgresql+psycopg://{user}@localhost:{self.port}/{database}"
                f"?sslmode=verify-full&sslrootcert={ca}")


def _openssl(*args: str) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("openssl not found: install Debian's 'openssl' package "
                           "(scripts/setup.sh does)")
    subprocess.run([openssl, *args], check=True, capture_output=True)
