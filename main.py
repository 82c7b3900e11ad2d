"""Regulars: no command opens the window; commands run batch jobs headless."""
from __future__ import annotations

import logging
import logging.handlers
import sys
import time


def _configure_logging() -> None:
    from core.kernel.paths import log_file

    handler = logging.handlers.RotatingFileHandler(
        log_file(), maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    from core.commands import build_parser, run_command

    words = list(sys.argv[1:] if argv is None else argv)
    # A backup opened from the file manager: `Regulars shop.regulars`.
    opened = next((word for word in words if word.lower().endswith(".regulars")
                   and not word.startswith("-")), None)
    if opened is not None:
        words.remove(opened)
    args = build_parser().parse_args(words)
    _configure_logging()
    if args.command is None:
        from pathlib import Path

        from gui.shell.app import run_app

        return run_app(db_target=args.db, exit_after_paint=args.exit_after_paint,
                       started=started, open_file=Path(opened) if opened else None)
    return run_command(args)


if __name__ == "__main__":
    # A large import cleans its rows in a helper process; in the packaged app that
    # process starts as this executable, and this call hands it over to multiprocessing.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
