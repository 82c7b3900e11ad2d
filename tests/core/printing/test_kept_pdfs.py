"""A printed batch's PDF is kept, so the history opens it without rendering every card."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.printing.batches import BatchRequest
from core.printing.kept import find_kept_pdf, kept_folder
from core.printing.runs import print_new_batch
from core.printing.types import RecipientSelection
from core.store.db import Database

from tests.core.printing.helpers import page_texts
from tests.core.printing.test_batches import ADDRESS, _add


def test_a_printed_batch_is_kept_and_found_again_only_while_it_matches(
        db: Database, tmp_path: Path) -> None:
    ids = tuple(_add(db, name, "Test", **ADDRESS) for name in ["Amy", "Ben"])
    summary, _, _ = print_new_batch(db, BatchRequest(
        "thank-you", RecipientSelection(customer_ids=ids), "a6-card"), tmp_path / "cards.pdf")
    folder = kept_folder(db.display_name)
    kept = find_kept_pdf(folder, summary.id, summary.created_at)
    assert kept is not None and kept.read_bytes() == (tmp_path / "cards.pdf").read_bytes()
    assert ["Dear Amy" in text for text in page_texts(kept)] == [True, False]
    # The same id in another database (or a backup restored over this one): not this batch.
    assert find_kept_pdf(folder, summary.id, summary.created_at + dt.timedelta(seconds=1)) \
        is None
    assert find_kept_pdf(kept_folder("sqlite:///other.db"), summary.id,
                         summary.created_at) is None
    kept.write_bytes(kept.read_bytes()[:-100])  # truncated on disk
    assert find_kept_pdf(folder, summary.id, summary.created_at) is None
    kept.unlink()
    assert find_kept_pdf(folder, summary.id, summary.created_at) is None
