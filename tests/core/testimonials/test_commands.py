"""`print release-form`, `export testimonials` and `testimonials takedown` from a script."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from core.store.db import Database
from core.store.opening import prepare_database
from core.testimonials.services import log_use, revoke_release, sign_release
from core.testimonials.types import FULL_NAME, WEB_PAGE, WEBSITE, ReleaseScope, UseDraft

from tests.core.testimonials.helpers import TODAY, add_customer_named, add_testimonial

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGULARS_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)],
                          cwd=home.parent, env=env, check=False, capture_output=True,
                          text=True, timeout=120)


def _shop(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "shop.db"
    db = Database.open(path)
    prepare_database(db)
    with db.unit_of_work() as session:
        signed = add_testimonial(session, add_customer_named(session, "Ann", "Lee"),
                                 "Ann's <favourite> bakery")
        sign_release(session, signed, ReleaseScope((WEBSITE,), FULL_NAME), signed_on=TODAY)
        unsigned = add_testimonial(session, add_customer_named(session, "Bo", "Chen"))
        revoked = add_testimonial(session, add_customer_named(session, "Cy", "Dale"))
        sign_release(session, revoked, ReleaseScope((WEBSITE,)), signed_on=TODAY)
        log_use(session, revoked, UseDraft(WEB_PAGE, "https://shop.example/", WEBSITE, TODAY))
        revoke_release(session, revoked, on=TODAY, reason="asked")
    db.close()
    return path, {"signed": signed, "unsigned": unsigned, "revoked": revoked}


def test_print_release_form_writes_one_page_and_marks_it_requested(tmp_path: Path) -> None:
    path, ids = _shop(tmp_path)
    out = tmp_path / "form.pdf"
    result = _run("print", "release-form", "--testimonial", str(ids["unsigned"]),
                  "--out", str(out), "--date", TODAY.isoformat(), db=path, home=tmp_path / "h")
    assert result.returncode == 0, result.stderr
    assert "printed 1 release form" in result.stdout
    assert "1 release now waiting for the signed form" in result.stdout
    assert "Bo Chen" in (PdfReader(str(out)).pages[0].extract_text() or "")
    missing = _run("print", "release-form", "--testimonial", "999", "--out", str(out),
                   db=path, home=tmp_path / "h")
    assert (missing.returncode, missing.stderr.strip()) == (1, "error: no testimonial 999")


def test_export_says_how_many_were_left_out_and_why(tmp_path: Path) -> None:
    path, _ids = _shop(tmp_path)
    out = tmp_path / "kind-words.html"
    result = _run("export", "testimonials", "--channel", "website", str(out),
                  "--date", TODAY.isoformat(), db=path, home=tmp_path / "h")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"exported 1 testimonial released for website to {out}; left out 2: "
        "1 release not signed yet, 1 release revoked")
    assert "Ann&#x27;s &lt;favourite&gt; bakery" in out.read_text(encoding="utf-8")
    wrong = _run("export", "testimonials", "--channel", "website", str(tmp_path / "x.txt"),
                 db=path, home=tmp_path / "h")
    assert wrong.returncode == 1 and ".html, .csv or .json" in wrong.stderr


def test_takedown_prints_the_open_checklist_and_removed_ticks_it_off(tmp_path: Path) -> None:
    path, ids = _shop(tmp_path)
    day = (TODAY + dt.timedelta(days=1)).isoformat()
    shown = _run("testimonials", "takedown", "--date", day, db=path, home=tmp_path / "h")
    assert shown.returncode == 0, shown.stderr
    line = shown.stdout.strip()
    assert f"testimonial {ids['revoked']}" in line and "Cy Dale" in line
    assert "https://shop.example/" in line and f"revoked {TODAY.isoformat()}" in line
    use = line.split("\t")[0].split()[1]
    ticked = _run("testimonials", "removed", use, "--date", day, db=path, home=tmp_path / "h")
    assert ticked.returncode == 0, ticked.stderr
    again = _run("testimonials", "takedown", "--date", day, db=path, home=tmp_path / "h")
    assert again.stdout.strip() == "nothing to take down"
