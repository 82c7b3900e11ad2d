"""Attachments: kept beside the database by checksum, checked on reading, in backups, and
gone with a customer deleted for good."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from core.customers.services import delete_customers, purge_customers
from core.store.backup import backup_database, restore_backup
from core.store.db import Database
from core.testimonials.errors import AttachmentUnreadable, SourceUnreadable
from core.testimonials.services import (
    add_attachment,
    customer_testimonial_uses,
    get_testimonial,
    log_use,
    open_attachment,
    remove_attachment,
    sign_release,
)
from core.testimonials.types import (
    PHOTO,
    SIGNED_FORM,
    WEB_PAGE,
    WEBSITE,
    ReleaseScope,
    UseDraft,
)

from tests.core.testimonials.helpers import TODAY, add_customer_named, add_testimonial


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_photo_survives_the_original_being_moved_and_is_checked(db: Database,
                                                                  tmp_path: Path) -> None:
    photo = _file(tmp_path, "ann.jpg", b"\xff\xd8 a photo of Ann")
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        added = add_attachment(session, tid, PHOTO, photo, by="Sam")
    photo.unlink()
    with db.unit_of_work() as session:
        kept = open_attachment(session, added.id)
        detail = get_testimonial(session, tid, today=TODAY)
    assert kept.read_bytes() == b"\xff\xd8 a photo of Ann"
    assert added.sha256 == hashlib.sha256(b"\xff\xd8 a photo of Ann").hexdigest()
    assert [(a.kind, a.file_name, a.added_by) for a in detail.attachments] == [
        (PHOTO, "ann.jpg", "Sam")]
    assert detail.history[-1].event == "attachment_added"
    kept.write_bytes(b"something else")
    with db.unit_of_work() as session, pytest.raises(AttachmentUnreadable) as caught:
        open_attachment(session, added.id)
    assert caught.value.missing is False


def test_signing_with_a_scan_attaches_the_signed_form(db: Database, tmp_path: Path) -> None:
    scan = _file(tmp_path, "signed.pdf", b"%PDF-1.4 signed")
    with db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        sign_release(session, tid, ReleaseScope((WEBSITE,)), signed_on=TODAY, scan=scan)
        kinds = [a.kind for a in get_testimonial(session, tid, today=TODAY).attachments]
        with pytest.raises(SourceUnreadable):
            add_attachment(session, tid, PHOTO, tmp_path / "gone.jpg")
    assert kinds == [SIGNED_FORM]


def test_removing_an_attachment_removes_its_file_once_nothing_uses_it(
        sqlite_db: Database, tmp_path: Path) -> None:
    same = _file(tmp_path, "a.jpg", b"same bytes")
    with sqlite_db.unit_of_work() as session:
        first = add_testimonial(session, add_customer_named(session, "Ann", "Lee"))
        second = add_testimonial(session, add_customer_named(session, "Bo", "Chen"))
        one = add_attachment(session, first, PHOTO, same)
        two = add_attachment(session, second, PHOTO, same)
        path = open_attachment(session, one.id)
    with sqlite_db.unit_of_work() as session:
        remove_attachment(session, one.id)
    assert path.exists()  # the other testimonial still has it
    with sqlite_db.unit_of_work() as session:
        remove_attachment(session, two.id)
    assert not path.exists()


def test_backups_carry_the_attachments_and_restoring_brings_them_back(
        sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        tid = add_testimonial(session, add_customer_named(session))
        added = add_attachment(session, tid, PHOTO, _file(tmp_path, "p.jpg", b"photo"))
        kept = open_attachment(session, added.id)
    assert sqlite_db.sqlite_path is not None
    backup = backup_database(sqlite_db.sqlite_path)
    assert (backup.parent / "files" / added.sha256[:2] / added.sha256).read_bytes() == b"photo"
    kept.unlink()
    sqlite_db.close()
    restore_backup(backup, sqlite_db.sqlite_path)
    reopened = Database.open(sqlite_db.sqlite_path)
    with reopened.unit_of_work() as session:
        assert open_attachment(session, added.id).read_bytes() == b"photo"
    reopened.close()


def test_deleting_a_customer_for_good_removes_their_files_and_reports_the_places(
        sqlite_db: Database, tmp_path: Path) -> None:
    with sqlite_db.unit_of_work() as session:
        cid = add_customer_named(session)
        tid = add_testimonial(session, cid)
        sign_release(session, tid, ReleaseScope((WEBSITE,)), signed_on=TODAY,
                     scan=_file(tmp_path, "s.pdf", b"scan"))
        log_use(session, tid, UseDraft(WEB_PAGE, "Home page", WEBSITE, TODAY))
        kept = open_attachment(session, get_testimonial(session, tid, today=TODAY)
                               .attachments[0].id)
        delete_customers(session, [cid])
    with sqlite_db.unit_of_work() as session:
        report = customer_testimonial_uses(session, [cid])
        assert [use.where for use in report.uses] == ["Home page"]
        assert report.attachments == 1
        assert purge_customers(session, [cid]) == 1
        assert kept.exists()  # until the deletion is committed
    assert not kept.exists()
