"""Fixtures for the widget tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui.messages import RecordingMessages


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


@pytest.fixture
def qt_language(qapp) -> Iterator[None]:
    """Install hrdesk's Qt translators for the test and put English back afterwards."""
    from ui.language import switch_language

    switch_language("en", remember=False)
    yield
    switch_language("en", remember=False)
