"""MKK publishes the catalogue file: the catalogue in force with MKK's public encryption key in
it, under a version newer than anything MKK published before and than the built-in default, so
that every office accepts it. Each publication is recorded (catalogue_publications).

The office side of the key: store_mkk_key_from_catalogue() keeps the key a catalogue file
carries (called by the catalogue import in hrdesk.assessment).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hrdesk import errors
from hrdesk.domain.catalogue import builtin_catalogue, parse_catalogue
from hrdesk.domain.enums import Role
from hrdesk.i18n import _
from hrdesk.packets.keys import (
    InvalidKey,
    box_public_key_from_text,
    encode_key,
    ensure_keys,
    fingerprint,
    set_mkk_box_public_key,
)
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database
from hrdesk.store.settings import SettingsRepository

KEY_FIELD = "mkk_public_key"
FINGERPRINT_FIELD = "mkk_public_key_fingerprint"


@dataclass(frozen=True)
class Publication:
    path: Path
    version: int
    cycle: int
    key_fingerprint: str


def next_catalogue_version(database: Database) -> int:
    """max(versions MKK published, the built-in default's, the one in force) + 1."""
    published = int(database.query_value("SELECT max(version) FROM catalogue_publications") or 0)
    info = CatalogueRepository(database).info()
    current = info.version if info is not None else 0
    return max(published, builtin_catalogue().info.version, current) + 1


def publish_catalogue(database: Database, out: str | os.PathLike[str]) -> Publication:
    """Write the catalogue file for the offices to out and record the publication. MKK only;
    MKK's keys are made on first need."""
    if SettingsRepository(database).get("role") != Role.MKK.value:
        raise errors.HrdeskError(
            _(
                "Only MKK publishes the catalogue; the database {path} is not set up for MKK."
            ).format(path=database.path)
        )
    keys = ensure_keys(database, Role.MKK)
    assert keys.box_public is not None
    repository = CatalogueRepository(database)
    document: dict[str, Any] = copy.deepcopy(repository.document())
    if not document:
        document = copy.deepcopy(builtin_catalogue().document)
    version = next_catalogue_version(database)
    key_text = encode_key(keys.box_public)
    document["version"] = version
    document[KEY_FIELD] = key_text
    document[FINGERPRINT_FIELD] = fingerprint(keys.box_public)
    parse_catalogue(document, str(out))  # what MKK sends must be what offices accept
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    path = Path(out)
    _write_atomically(path, data)
    try:
        with database.transaction():
            database.execute(
                "INSERT INTO catalogue_publications(version, cycle, published_at, file_name, "
                "sha256, key_fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    version,
                    document["cycle"],
                    now_utc(),
                    path.name,
                    hashlib.sha256(data).hexdigest(),
                    document[FINGERPRINT_FIELD],
                ),
            )
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return Publication(path, version, int(document["cycle"]), document[FINGERPRINT_FIELD])


def publications(database: Database) -> list[dict[str, Any]]:
    rows = database.execute(
        "SELECT version, cycle, published_at, file_name, sha256, key_fingerprint "
        "FROM catalogue_publications ORDER BY version DESC"
    ).fetchall()
    keys = ("version", "cycle", "published_at", "file_name", "sha256", "key_fingerprint")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise errors.InputFileError(
            _("The file {file} cannot be written: {reason}").format(
                file=path, reason=exc.strerror or exc
            )
        ) from exc


# --- the office side ------------------------------------------------------------------------


def store_mkk_key_from_catalogue(database: Database, document: dict[str, Any]) -> None:
    """Keep MKK's public key from an imported catalogue document (nothing when it has none).
    A key that is not a key, or whose fingerprint is not the one the file states, refuses the
    import (ValidationFailed)."""
    from hrdesk.domain.rules import Problem

    text = document.get(KEY_FIELD)
    if text is None:
        return
    try:
        key = box_public_key_from_text(str(text))
    except InvalidKey as exc:
        raise errors.ValidationFailed(
            [
                Problem(
                    KEY_FIELD,
                    _("MKK's public key in the catalogue file is not valid: {detail}").format(
                        detail=exc.message
                    ),
                )
            ]
        ) from exc
    stated = document.get(FINGERPRINT_FIELD)
    if stated is not None and stated != fingerprint(bytes(key)):
        raise errors.ValidationFailed(
            [
                Problem(
                    KEY_FIELD,
                    _(
                        "MKK's public key in the catalogue file does not match the "
                        "fingerprint stated next to it; the file was changed."
                    ),
                )
            ]
        )
    set_mkk_box_public_key(database, str(text))
