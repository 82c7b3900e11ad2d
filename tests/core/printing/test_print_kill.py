"""`main.py print cards --labels --mark-sent` killed with SIGKILL at several moments: the
cards, the labels and the batch record always agree afterwards."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.customers.services import add_customer
from core.customers.types import CustomerDraft
from core.printing.batches import BATCH_INTERRUPTED, BATCH_PRINTED, list_batches
from core.printing.runs import tidy_interrupted
from core.store.db import Database
from core.store.opening import prepare_database

from tests.conftest import save_shop_profile
from tests.core.printing.helpers import page_texts

ROOT = Path(__file__).resolve().parents[3]
PEOPLE = 240  # enough that rendering takes a moment to kill into
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _shop(path: Path) -> None:
    db = Database.open(path)
    prepare_database(db)
    save_shop_profile(db)
    with db.unit_of_work() as session:
        for i in range(PEOPLE):
            add_customer(session, CustomerDraft(
                first_name=f"Guest{i}", last_name="Test", street=f"{i} High St", city="Leeds",
                tags=("vip",) if i < 5 else ()))
    db.close()


def _command(folder: Path, *who: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "print", "cards", "--template", "thank-you",
            *who, "--format", "a6-card", "--out", str(folder / "cards.pdf"),
            "--labels", str(folder / "labels.pdf"), "--mark-sent",
            "--db", str(folder / "shop.db")]


def _kill_when(folder: Path, ready: str, env: dict[str, str]) -> None:
    """Start printing everyone and SIGKILL it when `ready` is seen: "cards temp" (the
    temporary files exist), "labels written" (the labels' temporary file has its PDF), or
    "after N" seconds."""
    process = subprocess.Popen(_command(folder, "--all"), cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while process.poll() is None and time.monotonic() < started + 60:
        if ready.startswith("after "):
            seen = time.monotonic() > started + float(ready.removeprefix("after "))
        elif ready == "cards temp":
            seen = bool(list(folder.glob(".cards.pdf.*.part")))
        else:
            seen = any(_size(p) for p in folder.glob(".labels.pdf.*.part"))
        if seen:
            break
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)  # unless it already finished
    process.wait()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:  # renamed meanwhile
        return 0


def _sizes(folder: Path) -> tuple[int, int]:
    """(cards, labels) in the PDFs in place: a card per page, labels counted by street."""
    cards = len(page_texts(folder / "cards.pdf"))
    labels = sum(text.count("High St") for text in page_texts(folder / "labels.pdf"))
    return cards, labels


@pytest.mark.parametrize("ready", ["after 0.3", "cards temp", "after 1.2", "labels written",
                                   "after 4"])
def test_killing_a_print_run_never_leaves_cards_labels_and_record_disagreeing(
    tmp_path: Path, regulars_home: Path, ready: str
) -> None:
    env = {**os.environ, "REGULARS_HOME": str(regulars_home)}
    _shop(tmp_path / "shop.db")
    first = subprocess.run(_command(tmp_path, "--tag", "vip"), cwd=ROOT, env=env,
                           check=False, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert _sizes(tmp_path) == (5, 5)

    _kill_when(tmp_path, ready, env)

    db = Database.open(tmp_path / "shop.db")
    with db.unit_of_work() as session:
        tidy_interrupted(session)  # what the next run does first
        batches = list_batches(session)
    db.close()
    assert not list(tmp_path.glob(".*.part")), "leftover temporary files are removed"
    sizes = _sizes(tmp_path)
    assert sizes in ((5, 5), (PEOPLE, PEOPLE)), "cards and labels belong to one batch"
    if len(batches) == 1:  # killed before the batch was recorded
        assert sizes == (5, 5), "no record, so no new PDFs"
        return
    latest = batches[0]
    assert latest.state in (BATCH_INTERRUPTED, BATCH_PRINTED)
    if latest.state == BATCH_PRINTED:
        assert sizes == (PEOPLE, PEOPLE) and latest.count("sent") == PEOPLE
    else:
        assert latest.count("sent") == 0, "an interrupted batch marks nobody sent"
        again = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "print", "again", str(latest.id),
             "--db", str(tmp_path / "shop.db")],
            cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        assert f"batch {latest.id} marked sent" in again.stdout
        assert _sizes(tmp_path) == (PEOPLE, PEOPLE)


def test_the_next_print_run_says_a_batch_was_interrupted_and_how_to_print_it_again(
    tmp_path: Path, regulars_home: Path
) -> None:
    env = {**os.environ, "REGULARS_HOME": str(regulars_home)}
    _shop(tmp_path / "shop.db")
    _kill_when(tmp_path, "cards temp", env)
    done = subprocess.run(_command(tmp_path, "--tag", "vip"), cwd=ROOT, env=env,
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "batch 1 (thank-you," in done.stderr and "was interrupted" in done.stderr
    assert "main.py print again 1 --db" in done.stderr
    assert "batch 2 marked sent" in done.stdout
