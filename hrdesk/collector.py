"""Pausing Python's cycle collector through bulk work.

Reading and writing packets makes hundreds of thousands of lists, dicts and tuples, none of them
in a cycle; the collector would walk them again and again as they pile up (7% of checking a
packet, 5% of a country's import). Garbage cycles made meanwhile wait until the block ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Only the call that paused the collector starts it again, so nested or concurrent calls
    leave it as they found it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
