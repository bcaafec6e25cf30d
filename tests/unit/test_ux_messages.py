"""Messages found English, or confusing, in the walk through the program in Kyrgyz and Russian."""

from __future__ import annotations

import pytest

from hrdesk import errors
from hrdesk.domain.catalogue import read_catalogue_file


def test_broken_json_names_no_english_reason(tmp_path):
    """json's own reason ("Expecting value") is English inside a Kyrgyz or Russian message."""
    path = tmp_path / "packet.hrpacket"
    path.write_bytes(b"PK\x03\x04 not a catalogue")
    with pytest.raises(errors.InputFileError) as caught:
        read_catalogue_file(path)
    assert "Expecting" not in caught.value.message and "line 1, column 1." in caught.value.message
