"""Logging to a rotating file in the user's data folder."""

from __future__ import annotations

import logging
import logging.handlers


def setup_logging(level: int = logging.INFO) -> None:
    from hrdesk.paths import log_dir

    root = logging.getLogger()
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir() / "hrdesk.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def log_file_path() -> str:
    from hrdesk.paths import log_dir

    return str(log_dir() / "hrdesk.log")
