"""Examining one packet alone (hrdesk.packets.examine)."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from hrdesk.packets.examine import examine_packet


@pytest.mark.parametrize("enabled", [True, False])
def test_examining_leaves_the_cycle_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    broken = tmp_path / "broken.hrpacket"
    broken.write_bytes(b"not a zip")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        examined = examine_packet(broken, None, [], set(), dt.date(2026, 3, 1))
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert examined.error is not None and examined.split is None
