"""`main.py profile show` / `profile set`: the business profile from a script, with the
Business Profile dialog's checks."""
from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          check=False, capture_output=True, text=True, timeout=120)


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    rows = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_a_script_sets_the_profile_and_show_prints_it(tmp_path: Path,
                                                       regulars_home: Path) -> None:
    db = str(tmp_path / "shop.db")
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(40, 20))
    done = _run("profile", "set", "--name", "Corner Bakery", "--street", "4 Market Street",
                "--city", "Bristol", "--postal-code", "BS1 4DJ", "--country", "gb",
                "--phone", "0117 496 0123", "--email", "Hello@Corner.example",
                "--signature-name", "Sam Baker", "--currency", "GBP", "--locale", "en_GB",
                "--logo", str(logo), "--db", db, home=regulars_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("saved: name 'Corner Bakery', street '4 Market Street'")
    shown = _run("profile", "show", "--db", db, home=regulars_home)
    assert shown.returncode == 0, shown.stderr
    lines = dict(line.split(None, 1) for line in shown.stdout.splitlines())
    assert lines["name"] == "Corner Bakery" and lines["country"] == "GB"
    assert lines["phone"] == "0117 496 0123"  # as the shop dials it
    assert lines["email"] == "Hello@corner.example"  # the domain normalised
    assert lines["signature-name"] == "Sam Baker" and lines["locale"] == "en_GB"
    assert lines["logo"].startswith("40×20 PNG")
    # Only what is given changes.
    assert _run("profile", "set", "--city", "Bath", "--db", db,
                home=regulars_home).returncode == 0
    again = _run("profile", "show", "--db", db, home=regulars_home).stdout
    assert "Bath" in again and "Corner Bakery" in again


@pytest.mark.parametrize(("args", "message"), [
    (["--email", "not-an-email"], "error: --email: not an email address"),
    (["--country", "ZZ"], "error: --country: not one Regulars knows (ZZ)"),
    (["--currency", "EURO"], "error: --currency: not one Regulars knows (EURO)"),
    (["--locale", "xx_YY"], "error: --locale: not one Regulars knows (xx_YY)"),
    (["--phone", "12"], "error: --phone: not a phone number"),
    (["--name", " "], "error: --name: the business name cannot be empty"),
    (["--logo", "main.py"], "error: --logo: main.py is not a PNG image"),
])
def test_a_bad_value_exits_1_with_one_line_and_changes_nothing(
    tmp_path: Path, regulars_home: Path, args: list[str], message: str
) -> None:
    db = str(tmp_path / "shop.db")
    assert _run("profile", "set", "--name", "Corner Bakery", "--db", db,
                home=regulars_home).returncode == 0
    done = _run("profile", "set", "--city", "Bath", *args, "--db", db, home=regulars_home)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith(message), done.stderr
    shown = _run("profile", "show", "--db", db, home=regulars_home).stdout
    assert "Bath" not in shown and "Corner Bakery" in shown
