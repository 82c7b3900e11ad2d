"""`main.py council candidates` and the council's `print` commands, as a script runs them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.council.services import list_events, list_meetings, list_terms
from core.store.db import Database

from tests.core.commands.test_command_line import _run
from tests.core.printing.helpers import page_texts


def test_candidates_notes_and_invitations_from_the_command_line(
        tmp_path: Path, regulars_home: Path) -> None:
    db_path = str(tmp_path / "shop.db")
    made = _run("demo", "--customers", "300", "--seed", "5", "--db", db_path,
                home=regulars_home)
    assert made.returncode == 0, made.stderr
    listed = _run("council", "candidates", "--limit", "5", "--db", db_path, home=regulars_home)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 5 and all(len(line.split("\t")) == 6 for line in lines)
    assert lines[0].split("\t")[0] == "1" and lines[0].split("\t")[5]  # with a reason

    db = Database.open(db_path)
    with db.unit_of_work() as session:
        term = next(t for t in list_terms(session) if t.is_current(dt.date.today()))
        held = [m for m in list_meetings(session, term.id) if m.held_on < dt.date.today()]
        event = list_events(session)[0]
    db.close()
    notes, labels = tmp_path / "notes.pdf", tmp_path / "labels.pdf"
    printed = _run("print", "council-notes", "--meeting", str(held[-1].id), "--out", str(notes),
                   "--labels", str(labels), "--db", db_path, home=regulars_home)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("printed ") and "labels" in printed.stdout
    assert "Notes of our council meeting of" in " ".join(page_texts(notes))

    invitations = tmp_path / "invite.pdf"
    invited = _run("print", "council-invitations", "--term", str(term.id), "--out",
                   str(invitations), "--db", db_path, home=regulars_home)
    assert invited.returncode == 0, invited.stderr
    assert "printed 1 letter" in invited.stdout  # the one suggested member
    again = _run("print", "council-invitations", "--term", str(term.id), "--out",
                 str(invitations), "--db", db_path, home=regulars_home)
    assert again.returncode == 1 and "nothing printed" in again.stderr

    said = _run("print", "you-said-we-did", "--term", str(term.id), "--out",
                str(tmp_path / "said.pdf"), "--db", db_path, home=regulars_home)
    assert said.returncode == 0, said.stderr
    evening = _run("print", "event-invitations", "--event", str(event.id), "--out",
                   str(tmp_path / "evening.pdf"), "--db", db_path, home=regulars_home)
    assert evening.returncode == 1 and "invited already" in evening.stderr
    missing = _run("print", "council-notes", "--meeting", "999", "--out",
                   str(tmp_path / "x.pdf"), "--db", db_path, home=regulars_home)
    assert missing.returncode == 1 and "no council meeting 999" in missing.stderr
