"""The program's QSettings (window geometry, language, last folder), in one place.

Normally the platform's own store under organisation "hrdesk". When HRDESK_DATA_DIR is set
(tests, a portable install) an ini file in that folder is used instead, so nothing touches the
user's real settings.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from hrdesk.paths import DATA_DIR_ENV, user_data_dir

ORGANISATION = "hrdesk"
APPLICATION = "hrdesk"

LANGUAGE_KEY = "ui/language"
LAST_FOLDER_KEY = "ui/last_folder"


def app_settings() -> QSettings:
    if os.environ.get(DATA_DIR_ENV):
        return QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def last_folder(default: str = "") -> str:
    value = app_settings().value(LAST_FOLDER_KEY, default)
    return str(value) if value else default


def remember_folder(path: str) -> None:
    from pathlib import Path

    folder = Path(path)
    if not folder.is_dir():
        folder = folder.parent
    app_settings().setValue(LAST_FOLDER_KEY, str(folder))
