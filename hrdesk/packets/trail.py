"""The audit trail as a needs-assessment packet carries it, so MKK can see how the data came to
be: who entered, imported or changed what, and when.

Every entry of the office's trail goes, oldest first, as it is stored, with three changes: the
person is named by their uid; database ids stay home, as everywhere in the payload (the record
is named by its uid, code or name in record_key; columns "id" and "..._id" are left out of the
values); and private keys are masked (hrdesk.store.audit does that for every reader).

One kind of entry stays home: the adding of an assessment's ratings and answers, which are
entered with the assessment (its own entry says who and when) and would otherwise make up two
thirds of the trail; their later changes and removals go.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from hrdesk.i18n import _
from hrdesk.store.audit import AuditKind, AuditRepository
from hrdesk.store.database import Database

PARTS_OF_ASSESSMENTS = frozenset({"ratings", "answers"})

# The fields of one entry, in the order they are written (the schema's "audit_entry").
TRAIL_FIELDS = (
    "at",
    "clerk",
    "os_user",
    "operation",
    "record",
    "record_id",
    "record_key",
    "staff_uid",
    "kind",
    "old",
    "new",
)


def payload_trail(database: Database, uid_of: dict[int, str]) -> list[dict[str, Any]]:
    """The trail of the database, oldest first. uid_of maps staff ids to the uids the packet
    uses; a person not in it (none in an office database) is left unnamed."""
    trail = []
    for entry in AuditRepository(database).query(limit=None, newest_first=False):
        if entry.kind == AuditKind.INSERT and entry.table in PARTS_OF_ASSESSMENTS:
            continue
        trail.append(
            {
                "at": entry.at.isoformat(),
                "clerk": entry.clerk,
                "os_user": entry.os_user,
                "operation": entry.operation,
                "record": entry.table,
                "record_id": entry.record_id if isinstance(entry.record_id, str) else None,
                "record_key": entry.record_key,
                "staff_uid": uid_of.get(entry.staff_id) if entry.staff_id is not None else None,
                "kind": str(entry.kind),
                "old": _without_ids(entry.old),
                "new": _without_ids(entry.new),
            }
        )
    return trail


def _without_ids(values: dict[str, Any]) -> dict[str, Any] | None:
    kept = {k: v for k, v in values.items() if k != "id" and not k.endswith("_id")}
    return kept or None


def packet_payload(database: Database, path: str | os.PathLike[str]) -> dict[str, Any]:
    """MKK: the payload of a packet, read with MKK's key after every check of the packet
    (PacketError otherwise), for looking at its trail (payload["audit"]; absent in a packet
    made before the trail was carried). Nothing is written."""
    from hrdesk.domain.enums import Role
    from hrdesk.packets import PacketError
    from hrdesk.packets.container import read_packet
    from hrdesk.packets.keys import load_keys
    from hrdesk.packets.payload import PAYLOAD_MEMBER, load_payload

    keys = load_keys(database, Role.MKK)
    opened = read_packet(path, keys.box if keys is not None else None)
    if PAYLOAD_MEMBER not in opened.members:
        raise PacketError(
            "missing_member",
            _("The packet {path} has no {member}.").format(path=path, member=PAYLOAD_MEMBER),
        )
    return load_payload(opened.members[PAYLOAD_MEMBER], str(path))


def filtered(
    trail: list[dict[str, Any]],
    staff_uids: set[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The entries of some people (by uid) and between two days (UTC, both included)."""
    return [
        e
        for e in trail
        if (staff_uids is None or e.get("staff_uid") in staff_uids)
        and (since is None or e["at"][:10] >= since.isoformat())
        and (until is None or e["at"][:10] <= until.isoformat())
    ]
