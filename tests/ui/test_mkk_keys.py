"""MKK's keys and catalogue tabs: a packet signed with an office's new key is refused, listed on
the keys tab, accepted there (name and phone check asked, recorded), and then the same packet
imports; the catalogue file is published with MKK's key and its version shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, make_mkk, receive_catalogue
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from hrdesk.packets.catalogue_publish import publications
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status
from hrdesk.packets.keys import SIGNING_PRIVATE, ensure_keys, fingerprint, load_keys
from hrdesk.packets.registry import key_events, office_key
from hrdesk.store.database import Database
from ui.mkk.desk import MkkDesk
from ui.mkk.keys_panel import AcceptKeyDialog

WAIT_MS = 20000


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    """MKK with the office's first packet imported, and a second packet of that office signed
    with a new key (the office reinstalled)."""
    from hrdesk.packets.importer import apply_import

    root = tmp_path_factory.mktemp("keys")
    mkk, catalogue = make_mkk(root / "mkk.sqlite3")
    office = copy_office(demo_office_file(root, 9, 8, with_plan=False), root / "office.sqlite3")
    receive_catalogue(office, catalogue)
    first = export_packet(office, CYCLE, root / "first")
    [imported] = apply_import(mkk, [first.path])
    assert imported.status == Status.IMPORTED
    office.execute("DELETE FROM settings WHERE key = ?", (SIGNING_PRIVATE,))
    new_key = fingerprint(ensure_keys(office, "office").signing_public)
    second = export_packet(office, CYCLE, root / "second")
    code = imported.office_code
    office.close()
    mkk.close()
    return root / "mkk.sqlite3", second.path, code, new_key


@pytest.fixture
def desk(world, tmp_path: Path, qtbot, messages):
    path = tmp_path / "mkk.sqlite3"
    shutil.copyfile(world[0], path)
    database = Database.open(path)
    widget = MkkDesk(database, messages)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    yield widget
    widget.close_workers()
    database.close()


def _run(desk: MkkDesk, qtbot, step) -> list:
    panel = desk.packets
    with qtbot.waitSignal(panel.jobs.finished, timeout=WAIT_MS):
        step()
    return panel.results


def test_key_change_refused_accepted_then_imported(desk: MkkDesk, world, qtbot, monkeypatch):
    _source, packet, code, new_key = world
    old_key = office_key(desk.database, code).fingerprint
    [refused] = _run(desk, qtbot, lambda: desk.packets.check([packet]))
    assert refused.status == Status.REJECTED
    assert refused.conflicts[0].code == "key_changed"
    keys = desk.keys
    assert [(r.office_code, r.new_fingerprint, r.registered_fingerprint) for r in keys.refused] == [
        (code, new_key, old_key)
    ]
    assert keys.refused_table.model.rowCount() == 1
    assert not keys.accept_button.isEnabled()  # nothing selected yet
    keys.refused_table.view.selectRow(0)
    assert keys.accept_button.isEnabled()

    def fake_exec(dialog: AcceptKeyDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.name.setText("Бекова Айгүл")
        assert not ok.isEnabled()  # the phone check is asked too
        dialog.checked.setChecked(True)
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AcceptKeyDialog, "exec", fake_exec)
    with qtbot.waitSignal(keys.key_accepted) as accepted:
        keys.accept_button.click()
    assert accepted.args == [code]
    registered = office_key(desk.database, code)
    assert registered.pending_fingerprint == new_key
    assert registered.pending_accepted_by == "Бекова Айгүл"
    assert keys.refused == []
    assert [e.kind for e in key_events(desk.database, code)] == ["registered", "accepted"]
    assert keys.events.model.rowCount() == 2
    assert keys.keys.model.rows[0][3] == new_key

    [ready] = _run(desk, qtbot, lambda: desk.packets.check([packet]))
    assert ready.status == Status.DRY_RUN
    [done] = _run(desk, qtbot, desk.packets.import_button.click)
    assert done.status == Status.IMPORTED
    assert office_key(desk.database, code).fingerprint == new_key
    assert [e.kind for e in key_events(desk.database, code)][-1] == "replaced"
    assert keys.events.model.rowCount() == 3


def test_accepting_needs_a_name_and_changes_nothing_without(desk: MkkDesk, world, messages) -> None:
    _source, packet, code, new_key = world
    keys = desk.keys
    assert keys.add_packet(packet) is not None
    before = key_events(desk.database)
    assert not keys.accept_key(code, new_key, "  ")
    assert messages.shown[-1][0] == "error" and "name" in messages.shown[-1][1]
    assert not keys.accept_key(code, "12AB", "Бекова")
    assert "32 hexadecimal digits" in messages.shown[-1][1]
    assert key_events(desk.database) == before
    assert office_key(desk.database, code).pending_fingerprint == ""
    assert len(keys.refused) == 1


def test_a_packet_with_the_registered_key_has_nothing_to_accept(
    desk: MkkDesk, world, messages
) -> None:
    first = next((world[0].parent / "first").iterdir())
    assert desk.keys.add_packet(first) is None
    assert messages.shown[-1][0] == "info" and "nothing to accept" in messages.shown[-1][1]
    assert desk.keys.refused == []


def test_publish_catalogue_shows_version_and_key(desk: MkkDesk, tmp_path: Path, messages):
    panel = desk.catalogue
    mkk_key = fingerprint(load_keys(desk.database, "mkk").box_public)
    assert panel.key.text() == mkk_key
    before = publications(desk.database)
    publication = panel.publish(tmp_path / "out" / "catalogue.json")
    assert publication is not None
    assert publication.version == before[0]["version"] + 1
    assert publication.key_fingerprint == mkk_key
    document = json.loads((tmp_path / "out" / "catalogue.json").read_text(encoding="utf-8"))
    assert document["version"] == publication.version
    assert f"version {publication.version}" in panel.status.text()
    assert mkk_key in panel.status.text()
    assert panel.history.model.rowCount() == len(before) + 1


def test_publish_to_an_unwritable_place_says_so(desk: MkkDesk, tmp_path: Path, messages):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    before = publications(desk.database)
    assert desk.catalogue.publish(blocker / "catalogue.json") is None
    assert messages.shown[-1][0] == "error" and "catalogue.json" in messages.shown[-1][1]
    assert publications(desk.database) == before
