"""Where Regulars keeps its files: one place, via platformdirs."""
from __future__ import annotations

import os
from pathlib import Path

# One identity for platformdirs' folders, QSettings (gui.shell.app.set_identity) and the
# installers (packaging/: the desktop entry, AppStream id, bundle identifier).
APP_NAME = "Regulars"
APP_AUTHOR = "Regulars"  # the organisation
ORGANISATION_DOMAIN = "regulars.org"
APP_ID = "org.regulars.Regulars"


def _override() -> Path | None:
    # Tests and portable installs point everything at one folder.
    value = os.environ.get("REGULARS_HOME")
    return Path(value) if value else None


def user_data_dir() -> Path:
    base = _override()
    if base is None:
        import platformdirs

        base = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    base.mkdir(parents=True, exist_ok=True)
    return base


def user_log_dir() -> Path:
    base = _override()
    if base is not None:
        path = base / "logs"
    else:
        import platformdirs

        path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "regulars.db"


def backup_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    """The rotating log that main.py configures and the error dialog points people to."""
    return user_log_dir() / "regulars.log"
