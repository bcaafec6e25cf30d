"""Where the program's own files and the user's files live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "hrdesk"


def program_root() -> Path:
    """The folder that holds resources/ and translations/: the source tree, or in a frozen build
    (PyInstaller sets sys.frozen) the bundle's folder, sys._MEIPASS — not next to the .exe:
    PyInstaller 6 puts the data files in _internal/."""
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        return Path(bundle) if bundle else Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


PROJECT_ROOT = program_root()
RESOURCES = PROJECT_ROOT / "resources"
TRANSLATIONS = PROJECT_ROOT / "translations"
FONTS = RESOURCES / "fonts"
ICON = RESOURCES / "icon.svg"


# Overrides the user's data folder (tests, portable installs).
DATA_DIR_ENV = "HRDESK_DATA_DIR"


def user_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "hrdesk.sqlite3"


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
