"""What the tests of shop servers share: a shop's schema put back to the Regulars before
this one, and the places where a password must never be found."""
from __future__ import annotations

import glob
from pathlib import Path

from core.kernel.paths import log_file
from core.store.db import Database


def downgrade_one_step(owner_url: str) -> str:
    """The schema at `owner_url` as the Regulars before this one left it (Alembic's own
    downgrade of the newest migration); returns that older revision."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from core.store import schema

    owner = Database(owner_url)
    try:
        config = schema.alembic_config(owner)
        newest = ScriptDirectory.from_config(config).get_revision(schema.HEAD_REVISION)
        assert newest is not None and isinstance(newest.down_revision, str)
        with owner.engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, newest.down_revision)
            connection.commit()
        assert schema.current_revision(owner) == newest.down_revision
        return newest.down_revision
    finally:
        owner.close()


def places_holding(password: str, **texts: str) -> list[str]:
    """Where `password` shows: the app's log file, the command line of any process running
    now (this one, a pg_dump it started…), and each of `texts` (stdout, a message shown,
    a server's log…), by name. A test asserts this is []."""
    found = [name for name, text in texts.items() if password in text]
    log = log_file()
    if log.exists() and password in log.read_text(encoding="utf-8", errors="replace"):
        found.append("the log file")
    for cmdline in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            words = Path(cmdline).read_bytes().decode("utf-8", "replace")
        except OSError:  # that process has ended
            continue
        if password in words:
            found.append(f"the command line of process {cmdline.split('/')[2]}")
    return found
