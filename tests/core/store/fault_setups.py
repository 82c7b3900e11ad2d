"""Real faults to test against: a small disk to fill, a read-only file system, a write lock
held by another process, text that cannot be decoded, and a thread without root's powers.

Mounting needs root (these tests run as root in CI); where it is impossible the tests that
need a mount are skipped with the reason. Root ignores file modes, so read-only files and
folders are tested without CAP_DAC_OVERRIDE: a child under `setpriv`, or this thread with
the capability dropped from its effective set (`without_root_powers`).
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def make_shop(path: Path) -> Path:
    """A migrated database file at `path` with one customer, Ann Smith (id 1)."""
    from core.customers.services import add_customer
    from core.customers.types import CustomerDraft
    from core.store.db import Database
    from core.store.opening import prepare_database

    db = Database.open(path)
    prepare_database(db)
    with db.unit_of_work() as session:
        add_customer(session, CustomerDraft(first_name="Ann", last_name="Smith"))
    db.close()
    return path


# Root ignores file modes: a child runs without the capabilities that let it.
WITHOUT_ROOT_POWERS = ["setpriv", "--inh-caps=-all",
                       "--bounding-set=-dac_override,-dac_read_search"]
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2
_CAPABILITY_VERSION_3 = 0x20080522


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here ({done.stderr.strip()}); needs root")


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A tmpfs of `size` mounted on `folder` (made if missing), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_disk(folder: Path, *, leave: int = 0) -> Path:
    """Write a ballast file until at most `leave` bytes are free on `folder`'s disk."""
    ballast = folder / "ballast"
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with ballast.open("ab", buffering=0) as out:
        try:
            if free > leave:
                out.write(b"\0" * (free - leave))
            while leave == 0:  # the last blocks: tmpfs counts in pages
                out.write(b"\0" * 4096)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    return ballast


@contextlib.contextmanager
def read_only_view(folder: Path, view: Path) -> Iterator[Path]:
    """`folder` seen again at `view` through a read-only bind mount (a read-only file
    system, as a locked memory stick or a read-only network share is)."""
    view.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(folder), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


@contextlib.contextmanager
def write_lock_held(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding SQLite's write lock on `path` (BEGIN IMMEDIATE) until the
    block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         ("import sqlite3, sys\n"
          f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
          "c.execute('BEGIN IMMEDIATE')\n"
          "print('held', flush=True)\n"
          "sys.stdin.read()\n")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=30)


def damage_text(path: Path, *, customer_id: int, column: str) -> None:
    """Store bytes that are not UTF-8 in one customer's `column`, as a flipped byte would."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"UPDATE customers SET {column} = CAST(x'4bf66c6e' AS TEXT) "
                     "WHERE id = ?", (customer_id,))
        conn.commit()
    finally:
        conn.close()


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


@contextlib.contextmanager
def without_root_powers() -> Iterator[None]:
    """This thread (and the threads it starts meanwhile) without CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH in effect, so file modes hold for it as for anyone; given back at
    the end. Capabilities are per thread on Linux: other threads keep theirs."""
    if os.geteuid() != 0:
        yield  # file modes hold already
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        pytest.skip("cannot read this thread's capabilities")
    saved = data[0].effective
    data[0].effective &= ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH))
    assert libc.capset(ctypes.byref(header), data) == 0, ctypes.get_errno()
    try:
        yield
    finally:
        data[0].effective = saved
        assert libc.capset(ctypes.byref(header), data) == 0, ctypes.get_errno()
