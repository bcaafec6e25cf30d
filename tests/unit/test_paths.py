"""Where the program finds its own files: the source tree, or a frozen build's bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from hrdesk import paths


def test_source_tree_holds_resources_and_translations(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    root = paths.program_root()
    assert root == Path(paths.__file__).resolve().parent.parent
    assert (root / "resources" / "reference.json").is_file()
    assert (root / "translations").is_dir()


def test_frozen_build_reads_from_the_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.program_root() == tmp_path / "_internal"


def test_frozen_without_meipass_uses_the_program_folder(monkeypatch, tmp_path):
    # Other freezers (cx_Freeze) set sys.frozen only; their data sits beside the executable.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "hrdesk.exe"))
    assert paths.program_root() == tmp_path


def test_meipass_is_ignored_when_not_frozen(monkeypatch, tmp_path):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.program_root() != tmp_path


def test_data_dir_override(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    assert paths.default_database_path() == tmp_path / "data" / "hrdesk.sqlite3"
    assert (tmp_path / "data").is_dir()


def test_translations_in_a_read_only_folder_are_compiled_in_memory(monkeypatch, tmp_path):
    # An installed program folder (Program Files, a read-only mount) cannot take a new .mo.
    import shutil

    from hrdesk import i18n

    folder = tmp_path / "ky" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(i18n.catalog_path("ky", ".po"), folder / "hrdesk.po")
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)

    def refuse(po, mo):
        raise PermissionError(13, "Permission denied", str(mo))

    monkeypatch.setattr(i18n, "_compile", refuse)
    translations = i18n.load_translations("ky")
    assert translations.gettext("Staff") != "Staff"
    assert not (folder / "hrdesk.mo").exists()
