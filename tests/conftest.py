"""Test setup for the whole suite: offscreen Qt, a fixed language (English, the source text),
and a user-data folder of the test's own, so no test touches the real settings, log or data.
"""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt or computes a path.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HRDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="hrdesk-test-data-")
os.environ["HRDESK_LANG"] = "en"

import pytest  # noqa: E402
from helpers.fixtures import mkk_database, office_database  # noqa: E402, F401

from hrdesk import i18n  # noqa: E402

TEST_LANGUAGE = "en"

# Said by Qt's offscreen platform itself whenever a window is shown; not about our code.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints",)


def pytest_configure(config: pytest.Config) -> None:
    for pattern in OFFSCREEN_NOISE:
        config.addinivalue_line("qt_log_ignore", pattern)


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets an empty user-data folder (QSettings, log, default database)."""
    monkeypatch.setenv("HRDESK_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    yield


@pytest.fixture(autouse=True)
def _fixed_language():
    """Every test starts in English and leaves the language as it found it."""
    i18n.set_language(TEST_LANGUAGE)
    yield
    if i18n.current_language() != TEST_LANGUAGE:
        i18n.set_language(TEST_LANGUAGE)
