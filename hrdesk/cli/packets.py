"""hrdesk keys show|list|accept, hrdesk packet export|verify|import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrdesk import errors
from hrdesk.cli import EXIT_OK, EXIT_PROBLEMS
from hrdesk.cli.common import add_db_argument, open_database, print_json
from hrdesk.domain.enums import Role
from hrdesk.i18n import _
from hrdesk.packets import PacketError


def register(sub: argparse._SubParsersAction) -> None:
    keys = sub.add_parser("keys", help=_("this installation's keys and the offices' keys"))
    keys_sub = keys.add_subparsers(dest="keys_command", metavar=_("COMMAND"), required=True)
    show = keys_sub.add_parser("show", help=_("show the public keys and their fingerprints"))
    add_db_argument(show)
    show.set_defaults(func=run_keys_show)
    listing = keys_sub.add_parser(
        "list",
        help=_("MKK: the register of the offices' keys, with keys accepted but not used yet"),
    )
    add_db_argument(listing)
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(func=run_keys_list)
    accept = keys_sub.add_parser(
        "accept", help=_("MKK: accept an office's new key (after checking it by phone)")
    )
    add_db_argument(accept)
    accept.add_argument("--office", required=True, metavar=_("CODE"), help=_("office code"))
    accept.add_argument(
        "--fingerprint", required=True, help=_("fingerprint of the office's new key")
    )
    accept.add_argument("--by", required=True, help=_("name of the MKK user who accepts it"))
    accept.set_defaults(func=run_keys_accept)

    packet = sub.add_parser("packet", help=_("needs-assessment packets"))
    packet_sub = packet.add_subparsers(dest="packet_command", metavar=_("COMMAND"), required=True)
    export = packet_sub.add_parser("export", help=_("write the office's packet for a cycle"))
    add_db_argument(export)
    export.add_argument("--cycle", type=int, required=True, metavar=_("YEAR"), help=_("cycle year"))
    export.add_argument(
        "--out", type=Path, required=True, metavar=_("DIR_OR_FILE"), help=_("folder or file")
    )
    export.add_argument(
        "--unencrypted",
        action="store_true",
        help=_("write the packet without encryption (when MKK's key is not set up)"),
    )
    export.set_defaults(func=run_export)

    verify = packet_sub.add_parser("verify", help=_("check a packet without importing it"))
    verify.add_argument("file", type=Path, metavar=_("FILE"))
    add_db_argument(verify, required=False)
    verify.set_defaults(func=run_verify)

    imp = packet_sub.add_parser("import", help=_("MKK: import packets (files or folders)"))
    add_db_argument(imp)
    imp.add_argument("--dry-run", action="store_true", help=_("check and count, write nothing"))
    imp.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    imp.add_argument("paths", type=Path, nargs="+", metavar=_("FILE_OR_DIR"))
    imp.set_defaults(func=run_import)


# --- keys -----------------------------------------------------------------------------------


def run_keys_show(args: argparse.Namespace) -> int:
    from hrdesk.packets.keys import encode_key, ensure_keys, fingerprint, mkk_box_public_key
    from hrdesk.store.settings import SettingsRepository

    with open_database(args.db) as database:
        role = SettingsRepository(database).get("role")
        if not role:
            raise errors.NotSetUp(args.db)
        keys = ensure_keys(database, role)
        print(_("Signing key (Ed25519): {key}").format(key=encode_key(keys.signing_public)))
        print(_("Fingerprint: {fingerprint}").format(fingerprint=fingerprint(keys.signing_public)))
        if keys.box_public is not None:
            print(_("Encryption key (X25519): {key}").format(key=encode_key(keys.box_public)))
            print(_("Fingerprint: {fingerprint}").format(fingerprint=fingerprint(keys.box_public)))
        if role == Role.OFFICE.value:
            mkk = mkk_box_public_key(database)
            if mkk is None:
                print(_("MKK's key: not received yet (import MKK's catalogue file)."))
            else:
                print(
                    _("MKK's key fingerprint: {fingerprint}").format(
                        fingerprint=fingerprint(bytes(mkk))
                    )
                )
    return EXIT_OK


def run_keys_list(args: argparse.Namespace) -> int:
    from hrdesk.packets.importer import NotMkkDatabase
    from hrdesk.packets.registry import office_keys
    from hrdesk.store.settings import SettingsRepository

    with open_database(args.db) as database:
        if SettingsRepository(database).get("role") != Role.MKK.value:
            raise NotMkkDatabase(args.db)
        registered = office_keys(database)
    if args.json:
        print_json(
            [
                {
                    "office_code": k.office_code,
                    "fingerprint": k.fingerprint,
                    "registered_at": k.registered_at,
                    "accepted_fingerprint": k.pending_fingerprint or None,
                    "accepted_by": k.pending_accepted_by or None,
                    "accepted_at": k.pending_accepted_at,
                }
                for k in registered
            ]
        )
        return EXIT_OK
    if not registered:
        print(_("No office key is registered yet: an office's first packet registers its key."))
    for k in registered:
        print(
            _("{office}: {fingerprint} (registered {at})").format(
                office=k.office_code, fingerprint=k.fingerprint, at=k.registered_at
            )
        )
        if k.pending_fingerprint:
            print(
                "  "
                + _("new key {fingerprint} accepted by {by} on {at}, not used yet").format(
                    fingerprint=k.pending_fingerprint,
                    by=k.pending_accepted_by,
                    at=k.pending_accepted_at,
                )
            )
    return EXIT_OK


def run_keys_accept(args: argparse.Namespace) -> int:
    from hrdesk.packets.registry import accept_new_key

    with open_database(args.db) as database:
        accept_new_key(database, args.office, args.fingerprint, args.by)
    print(
        _(
            "The key {fingerprint} of the office {office} is accepted; its next packet signed "
            "with it replaces the registered key."
        ).format(fingerprint=args.fingerprint, office=args.office)
    )
    return EXIT_OK


# --- packets --------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    from hrdesk.packets.export import export_packet

    with open_database(args.db) as database:
        result = export_packet(database, args.cycle, args.out, unencrypted=args.unencrypted)
    # Only the path on stdout (scripts read it); what the clerk may want to fix on stderr.
    for warning in result.warnings:
        print(_("Warning: {message}").format(message=warning.message), file=sys.stderr)
    print(result.path)
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from hrdesk.packets.container import verify_packet

    if not args.file.exists():
        raise errors.InputFileError(
            _("The file or folder {path} does not exist.").format(path=args.file)
        )
    if args.file.is_dir():
        raise errors.InputFileError(
            _("{path} is a folder; give one packet file to check.").format(path=args.file)
        )
    if args.db is None:
        try:
            opened = verify_packet(args.file)
        except PacketError as exc:
            print(exc.message, file=sys.stderr)
            return EXIT_PROBLEMS
        print(
            _(
                "Valid: packet {id} of the office {office} for the cycle {cycle}, signed by the "
                "key {fingerprint}."
            ).format(
                id=opened.packet_id,
                office=opened.manifest["office_code"],
                cycle=opened.manifest["cycle"],
                fingerprint=opened.signer_fingerprint,
            )
        )
        return EXIT_OK
    from hrdesk.packets.importer import NotMkkDatabase, plan_import

    with open_database(args.db) as database:
        try:
            result = plan_import(database, [args.file])[0]
        except NotMkkDatabase:
            # An office checks the container only: it cannot open what is encrypted for MKK.
            try:
                opened = verify_packet(args.file)
            except PacketError as exc:
                print(exc.message, file=sys.stderr)
                return EXIT_PROBLEMS
            print(
                _("Valid: packet {id}, signed by the key {fingerprint}.").format(
                    id=opened.packet_id, fingerprint=opened.signer_fingerprint
                )
            )
            return EXIT_OK
    if not result.accepted:
        for conflict in result.conflicts:
            print(conflict.message, file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        _("Valid: packet {id} of the office {office} for the cycle {cycle}.").format(
            id=result.packet_id, office=result.office_code, cycle=result.cycle
        )
    )
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from hrdesk.packets.importer import apply_import, import_report, plan_import

    with open_database(args.db) as database:
        run = plan_import if args.dry_run else apply_import
        results = run(database, args.paths)
    if args.json:
        print_json(import_report(results))
    else:
        _print_results(results, dry_run=args.dry_run)
    return EXIT_OK if all(r.accepted for r in results) else EXIT_PROBLEMS


def _print_results(results: list, dry_run: bool) -> None:
    from hrdesk.packets.importer import Status
    from hrdesk.packets.payload import RECORD_TYPE_LABELS, RECORD_TYPES

    texts = {
        Status.IMPORTED: _("imported"),
        Status.UNCHANGED: _("unchanged (already imported)"),
        Status.REJECTED: _("REJECTED"),
        Status.DRY_RUN: _("would be imported"),
    }
    for r in results:
        print(
            _("{file}: {status} (office {office}, cycle {cycle})").format(
                file=r.file,
                status=texts[r.status],
                office=r.office_code or "?",
                cycle=r.cycle or "?",
            )
        )
        if r.supersedes:
            print("  " + _("replaces the packet {id}").format(id=r.supersedes))
        for kind in RECORD_TYPES:
            c = r.counts[kind]
            if any(c.values()):
                print(
                    "  "
                    + _(
                        "{kind}: {created} new, {updated} changed, {unchanged} unchanged, "
                        "{rejected} rejected"
                    ).format(kind=_(RECORD_TYPE_LABELS[kind]), **c)
                )
        for conflict in r.conflicts:
            print(f"  [{conflict.code}] {conflict.record}: {conflict.message}")
    if dry_run:
        print(_("Dry run: nothing was written."))
