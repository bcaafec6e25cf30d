"""The packet container: keys, writing, and reading hostile or broken packets.

Every refusal is a PacketError with its stable code and a message naming the file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import zipfile
import zlib
from pathlib import Path

import nacl.public
import pytest
from helpers.zips import deflated, raw_zip, stored, zeros_bomb_entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdesk.domain.enums import Role
from hrdesk.packets import PacketError, keys
from hrdesk.packets.container import (
    MANIFEST,
    SEALED_HEADER,
    SIGNATURE,
    packet_file_name,
    read_packet,
    verify_packet,
    write_packet,
)
from hrdesk.packets.zipsafe import Limits
from hrdesk.store.database import Database
from hrdesk.store.settings import SettingsRepository

PAYLOAD = json.dumps({"staff": [{"note": "Кыргызча ң ө ү", "n": i} for i in range(200)]}).encode()
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 20
FIELDS = {
    "office_code": "AO-0712",
    "office_name_ky": "Ак-Суу айыл өкмөтү",
    "office_name_ru": "Ак-Суйский АО",
    "office_type": "aiyl_okmotu",
    "oblast": "KG-Y",
    "district": "Ак-Суу",
    "cycle": 2026,
    "counts": {"staff": 200, "education": 0},
}
MEMBERS = {"payload.json": PAYLOAD, "summary.pdf": PDF}
MOMENT = dt.datetime(2026, 3, 8, 9, 30, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def office_key():
    return keys.generate_signing_key()


@pytest.fixture(scope="module")
def mkk_key():
    return keys.generate_box_key()


@pytest.fixture
def packet(tmp_path, office_key, mkk_key) -> Path:
    return write_packet(
        tmp_path, FIELDS, MEMBERS, office_key, mkk_key.public_key, created_at=MOMENT
    )


def refused(path: Path, key=None, code: str = "", limits: Limits | None = None) -> PacketError:
    with pytest.raises(PacketError) as info:
        read_packet(path, key, limits)
    assert info.value.code == code, info.value.message
    assert str(path) in info.value.message
    return info.value


def contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def rewrite(path: Path, members: dict[str, bytes]) -> Path:
    out = path.with_name("changed.hrpacket")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


def resigned(
    path: Path, signing_key, change=lambda m: None, *, replace_signer: bool = False
) -> Path:
    """The packet with its manifest changed by change() and signed again."""
    members = contents(path)
    manifest = json.loads(members[MANIFEST])
    change(manifest)
    if replace_signer:
        public = bytes(signing_key.verify_key)
        manifest["signer"] = {
            "algorithm": "ed25519",
            "public_key": keys.encode_key(public),
            "fingerprint": keys.fingerprint(public),
        }
    members[MANIFEST] = json.dumps(manifest).encode()
    members[SIGNATURE] = keys.sign(signing_key, members[MANIFEST])
    return rewrite(path, members)


# --- keys ---------------------------------------------------------------------------------------


def test_fingerprint_is_readable_and_stable():
    fp = keys.fingerprint(bytes(32))
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){7}", fp)
    assert fp == keys.fingerprint(bytes(32)) != keys.fingerprint(b"\x01" + bytes(31))


def test_sign_and_verify(office_key):
    signature = keys.sign(office_key, b"data")
    public = bytes(office_key.verify_key)
    assert keys.verify(public, b"data", signature)
    assert not keys.verify(public, b"datA", signature)
    assert not keys.verify(bytes(keys.generate_signing_key().verify_key), b"data", signature)
    assert not keys.verify(public, b"data", signature[:10])


def test_office_keys_are_made_once_and_stay_in_the_database(tmp_path):
    with Database.open(tmp_path / "o.sqlite3", create=True) as database:
        first = keys.ensure_keys(database, Role.OFFICE)
        assert first.box is None
        again = keys.ensure_keys(database, "office")
        assert again.signing_public == first.signing_public
        stored_text = SettingsRepository(database).get(keys.SIGNING_PRIVATE)
        assert keys.decode_key(stored_text) == bytes(first.signing)


def test_mkk_gets_an_encryption_key_too(tmp_path):
    with Database.open(tmp_path / "m.sqlite3", create=True) as database:
        pairs = keys.ensure_keys(database, Role.MKK)
        assert pairs.box is not None and len(pairs.box_public) == 32
        assert keys.ensure_keys(database, Role.MKK).box_public == pairs.box_public


def test_bad_key_text_is_refused_and_changes_nothing(tmp_path):
    with Database.open(tmp_path / "o.sqlite3", create=True) as database:
        for text in ("not base64!", keys.encode_key(bytes(31)), ""):
            with pytest.raises(keys.InvalidKey) as info:
                keys.set_mkk_box_public_key(database, text)
            assert "key" in info.value.message
        assert keys.mkk_box_public_key(database) is None
        good = keys.encode_key(bytes(keys.generate_box_key().public_key))
        keys.set_mkk_box_public_key(database, good)
        assert keys.encode_key(bytes(keys.mkk_box_public_key(database))) == good


# --- writing and the round trip -----------------------------------------------------------------


def test_round_trip_encrypted(packet, office_key, mkk_key):
    assert packet.name == "hrdesk-AO-0712-2026-20260308-093005.hrpacket"
    opened = read_packet(packet, mkk_key)
    assert opened.members == MEMBERS
    assert opened.encrypted and opened.decrypted
    assert opened.signer_public_key == bytes(office_key.verify_key)
    for name, value in FIELDS.items():
        assert opened.manifest[name] == value
    assert opened.manifest["format"] == "hrdesk-packet" and opened.manifest["format_version"] == 1
    assert opened.manifest["created_at"] == "2026-03-08T09:30:05Z"
    assert opened.manifest["encryption"]["recipient_fingerprint"] == keys.fingerprint(
        bytes(mkk_key.public_key)
    )
    assert re.fullmatch(r"[0-9a-f-]{36}", opened.packet_id)


def test_encrypted_packet_shows_no_personal_data(packet):
    stored_members = contents(packet)
    assert set(stored_members) == {MANIFEST, SIGNATURE, "payload.json.enc", "summary.pdf.enc"}
    blob = b"".join(stored_members.values())
    assert "Кыргызча".encode() not in blob and b"%PDF" not in blob and b'"note"' not in blob


def test_round_trip_unencrypted(tmp_path, office_key):
    path = write_packet(
        tmp_path, FIELDS, MEMBERS, office_key, None, unencrypted=True, created_at=MOMENT
    )
    assert path.name == "hrdesk-AO-0712-2026-20260308-093005-UNENCRYPTED.hrpacket"
    opened = read_packet(path, None)
    assert opened.members == MEMBERS and not opened.encrypted
    assert opened.manifest["encrypted"] is False and opened.manifest["encryption"] is None


def test_explicit_file_path_and_fresh_ids(tmp_path, office_key, mkk_key):
    a = write_packet(tmp_path / "a.hrpacket", FIELDS, MEMBERS, office_key, mkk_key.public_key)
    b = write_packet(
        tmp_path / "b.hrpacket", FIELDS, MEMBERS, office_key, bytes(mkk_key.public_key)
    )
    assert a.name == "a.hrpacket"
    assert read_packet(a, mkk_key).packet_id != read_packet(b, mkk_key).packet_id


def test_no_mkk_key_needs_an_explicit_unencrypted_choice(tmp_path, office_key):
    with pytest.raises(PacketError) as info:
        write_packet(tmp_path, FIELDS, MEMBERS, office_key, None)
    assert info.value.code == "no_mkk_key"
    assert list(tmp_path.iterdir()) == []


def test_bad_manifest_fields_write_nothing(tmp_path, office_key, mkk_key):
    with pytest.raises(PacketError) as info:
        write_packet(
            tmp_path, {**FIELDS, "office_code": ""}, MEMBERS, office_key, mkk_key.public_key
        )
    assert info.value.code == "bad_manifest" and "office_code" in info.value.message
    with pytest.raises(PacketError) as info:
        write_packet(tmp_path, {**FIELDS, "surprise": 1}, MEMBERS, office_key, mkk_key.public_key)
    assert "surprise" in info.value.message
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError):
        write_packet(tmp_path, {**FIELDS, "format": "x"}, MEMBERS, office_key, mkk_key.public_key)


def test_failed_write_leaves_no_file(tmp_path, office_key, mkk_key, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    with pytest.raises(PacketError) as info:
        write_packet(tmp_path, FIELDS, MEMBERS, office_key, mkk_key.public_key)
    assert info.value.code == "cannot_write" and "No space left" in info.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_packet_file_has_the_users_usual_permissions(tmp_path, office_key, mkk_key, umask):
    # Copied to a USB stick or a shared folder, the packet is readable as any saved file is.
    previous = os.umask(umask)
    try:
        path = write_packet(tmp_path, FIELDS, MEMBERS, office_key, mkk_key.public_key)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no .part file left


def test_packet_file_name():
    moment = dt.datetime(2026, 1, 2, 3, 4, 5)
    assert packet_file_name("AO-1", 2027, moment) == "hrdesk-AO-1-2027-20260102-030405.hrpacket"
    assert packet_file_name("a/b c", 2027, moment, True).endswith(
        "a_b_c-2027-20260102-030405-UNENCRYPTED.hrpacket"
    )
    bishkek = dt.timezone(dt.timedelta(hours=6))
    assert "20260102-030405" in packet_file_name(
        "X", 2027, dt.datetime(2026, 1, 2, 9, 4, 5, tzinfo=bishkek)
    )


# --- verify -------------------------------------------------------------------------------------


def test_verify_without_key_checks_all_but_decryption(packet, mkk_key):
    checked = verify_packet(packet)
    assert checked.encrypted and not checked.decrypted and checked.members == {}
    assert verify_packet(packet, mkk_key).members == MEMBERS
    with pytest.raises(PacketError) as info:
        read_packet(packet, None)
    assert info.value.code == "no_key"


# --- hostile and broken packets -----------------------------------------------------------------


def test_tampered_payload(packet, mkk_key):
    members = contents(packet)
    data = bytearray(members["payload.json.enc"])
    data[len(data) // 2] ^= 0x01
    members["payload.json.enc"] = bytes(data)
    refused(rewrite(packet, members), mkk_key, "checksum_mismatch")


def test_tampered_payload_with_updated_checksum_fails_the_signature(packet, mkk_key):
    members = contents(packet)
    forged = SEALED_HEADER + bytes(
        nacl.public.SealedBox(mkk_key.public_key).encrypt(zlib.compress(b"{}"))
    )
    members["payload.json.enc"] = forged
    manifest = json.loads(members[MANIFEST])
    import hashlib

    manifest["members"][0].update(
        sha256=hashlib.sha256(forged).hexdigest(), stored_size=len(forged), size=2
    )
    members[MANIFEST] = json.dumps(manifest).encode()
    refused(rewrite(packet, members), mkk_key, "bad_signature")


def test_bad_checksum_in_a_signed_manifest(packet, mkk_key, office_key):
    def wrong_sum(manifest):
        manifest["members"][1]["sha256"] = "0" * 64

    refused(resigned(packet, office_key, wrong_sum), mkk_key, "checksum_mismatch")


def test_foreign_signature(packet, mkk_key):
    stranger = keys.generate_signing_key()
    members = contents(packet)
    members[SIGNATURE] = keys.sign(stranger, members[MANIFEST])
    refused(rewrite(packet, members), mkk_key, "bad_signature")
    members[SIGNATURE] = b"short"
    refused(rewrite(packet, members), mkk_key, "bad_signature")


def test_resigned_by_another_key_names_that_key(packet, mkk_key, office_key):
    # A self-consistent packet signed by someone else opens, but carries the other key: the
    # register of office keys at MKK (not the container) refuses it.
    stranger = keys.generate_signing_key()
    opened = read_packet(resigned(packet, stranger, replace_signer=True), mkk_key)
    assert opened.signer_public_key == bytes(stranger.verify_key) != bytes(office_key.verify_key)


def test_signer_fingerprint_must_match_its_key(packet, mkk_key, office_key):
    def wrong_fp(manifest):
        manifest["signer"]["fingerprint"] = keys.fingerprint(b"x")

    refused(resigned(packet, office_key, wrong_fp), mkk_key, "bad_manifest")


def test_encrypted_for_another_key(packet):
    other = keys.generate_box_key()
    error = refused(packet, other, "not_for_this_key")
    assert keys.fingerprint(bytes(other.public_key)) in error.message


def test_undecryptable_member(packet, mkk_key, office_key):
    members = contents(packet)
    data = bytearray(members["summary.pdf.enc"])
    data[-1] ^= 0x01
    members["summary.pdf.enc"] = bytes(data)
    manifest = json.loads(members[MANIFEST])
    import hashlib

    manifest["members"][1]["sha256"] = hashlib.sha256(data).hexdigest()
    members[MANIFEST] = json.dumps(manifest).encode()
    members[SIGNATURE] = keys.sign(office_key, members[MANIFEST])
    refused(rewrite(packet, members), mkk_key, "undecryptable")


def _signed_with_member(packet, office_key, mkk_key, sealed_content: bytes, size: int) -> Path:
    import hashlib

    members = contents(packet)
    data = SEALED_HEADER + bytes(nacl.public.SealedBox(mkk_key.public_key).encrypt(sealed_content))
    members["payload.json.enc"] = data
    manifest = json.loads(members[MANIFEST])
    manifest["members"][0].update(
        sha256=hashlib.sha256(data).hexdigest(), stored_size=len(data), size=size
    )
    members[MANIFEST] = json.dumps(manifest).encode()
    members[SIGNATURE] = keys.sign(office_key, members[MANIFEST])
    return rewrite(packet, members)


def test_member_that_does_not_decompress(packet, office_key, mkk_key):
    refused(
        _signed_with_member(packet, office_key, mkk_key, b"not zlib", 8), mkk_key, "corrupt_member"
    )
    wrong_size = _signed_with_member(packet, office_key, mkk_key, zlib.compress(b"{}"), 3)
    refused(wrong_size, mkk_key, "corrupt_member")


def test_compressed_bomb_inside_the_encryption(packet, office_key, mkk_key):
    bomb = zlib.compress(bytes(8 * 1024 * 1024), 9)
    path = _signed_with_member(packet, office_key, mkk_key, bomb, 100)
    refused(path, mkk_key, "decompressed_too_large", Limits(max_member_size=1024 * 1024))


def test_wrong_format_and_version(packet, mkk_key, office_key):
    def version_2(manifest):
        manifest["format_version"] = 2
        manifest["something_new"] = {"x": 1}

    error = refused(resigned(packet, office_key, version_2), mkk_key, "unsupported_version")
    assert "2" in error.message

    def other_format(manifest):
        manifest["format"] = "odk-submission"

    refused(resigned(packet, office_key, other_format), mkk_key, "wrong_format")

    def text_version(manifest):
        manifest["format_version"] = "1"

    refused(resigned(packet, office_key, text_version), mkk_key, "bad_manifest")


@pytest.mark.parametrize(
    "manifest_bytes",
    [
        b"not json",
        b"[1, 2]",
        b"\xff\xfe",
        b"[" * 100000 + b"]" * 100000,
        b'{"format": "hrdesk-packet", "format_version": 1, "format": "hrdesk-packet"}',
        b'{"format": "hrdesk-packet", "format_version": 1.0}',
        b'{"format": "hrdesk-packet", "format_version": 1}',
    ],
)
def test_bad_manifest(packet, mkk_key, office_key, manifest_bytes):
    members = contents(packet)
    members[MANIFEST] = manifest_bytes
    members[SIGNATURE] = keys.sign(office_key, manifest_bytes)
    refused(rewrite(packet, members), mkk_key, "bad_manifest")


def test_manifest_missing_a_field_names_it(packet, mkk_key, office_key):
    error = refused(resigned(packet, office_key, lambda m: m.pop("cycle")), mkk_key, "bad_manifest")
    assert "cycle" in error.message

    def negative_count(manifest):
        manifest["counts"]["staff"] = -1

    error = refused(resigned(packet, office_key, negative_count), mkk_key, "bad_manifest")
    assert "counts/staff" in error.message


@pytest.mark.parametrize("dropped", [MANIFEST, SIGNATURE, "payload.json.enc"])
def test_missing_member(packet, mkk_key, dropped):
    members = contents(packet)
    del members[dropped]
    error = refused(rewrite(packet, members), mkk_key, "missing_member")
    assert dropped in error.message


def test_unexpected_member(packet, mkk_key):
    members = contents(packet)
    members["readme.txt"] = b"hello"
    error = refused(rewrite(packet, members), mkk_key, "unexpected_member")
    assert "readme.txt" in error.message


def _hostile(packet: Path, entries) -> Path:
    members = contents(packet)
    out = packet.with_name("hostile.hrpacket")
    out.write_bytes(raw_zip([stored(name, data) for name, data in members.items()] + entries))
    return out


@pytest.mark.parametrize(
    "name", ["../payload.json", "/etc/cron.d/x", "C:\\Windows\\x.dll", "a\\..\\..\\x"]
)
def test_unsafe_paths(packet, mkk_key, name):
    refused(_hostile(packet, [stored(name, b"x")]), mkk_key, "unsafe_path")


def test_zip_bomb(packet, mkk_key):
    refused(_hostile(packet, [zeros_bomb_entry()]), mkk_key, "decompressed_too_large")


def test_symlink_member(packet, mkk_key):
    link = stored("link", b"/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16)
    refused(_hostile(packet, [link]), mkk_key, "link_member")


def test_nested_zip(packet, mkk_key):
    refused(
        _hostile(packet, [deflated("inner.zip", packet.read_bytes())]), mkk_key, "nested_archive"
    )


def test_duplicate_names(packet, mkk_key):
    refused(_hostile(packet, [stored("payload.json.enc", b"again")]), mkk_key, "duplicate_member")


def test_too_many_members(packet, mkk_key):
    refused(
        _hostile(packet, [stored(f"x{i}", b"") for i in range(20)]), mkk_key, "too_many_members"
    )


def test_truncated_and_garbage_files(packet, mkk_key, tmp_path):
    cut = tmp_path / "cut.hrpacket"
    cut.write_bytes(packet.read_bytes()[: packet.stat().st_size * 2 // 3])
    refused(cut, mkk_key, "truncated")
    garbage = tmp_path / "garbage.hrpacket"
    garbage.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 40)
    refused(garbage, mkk_key, "not_a_zip")
    refused(tmp_path / "absent.hrpacket", mkk_key, "unreadable")


def test_too_large_file(packet, mkk_key):
    refused(packet, mkk_key, "too_large", Limits(max_file_size=1000))


# --- random corruption --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_packets(tmp_path_factory, office_key, mkk_key) -> list[bytes]:
    folder = tmp_path_factory.mktemp("packets")
    small = {"payload.json": PAYLOAD[:2000], "summary.pdf": PDF[:500]}
    encrypted = write_packet(folder / "e.hrpacket", FIELDS, small, office_key, mkk_key.public_key)
    plain = write_packet(folder / "p.hrpacket", FIELDS, small, office_key, None, unencrypted=True)
    return [encrypted.read_bytes(), plain.read_bytes()]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    which=st.integers(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), max_size=4),
    cut=st.one_of(st.none(), st.floats(0, 1, exclude_max=True)),
    verify_only=st.booleans(),
)
def test_random_corruption_raises_only_packet_errors(
    sample_packets, mkk_key, tmp_path, which, flips, cut, verify_only
):
    data = bytearray(sample_packets[which])
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path / "corrupt.hrpacket"
    path.write_bytes(bytes(data))
    try:
        opened = (verify_packet if verify_only else read_packet)(path, mkk_key)
    except PacketError as exc:
        assert exc.code and exc.message
    else:
        # Only a change the format does not cover can pass: ZIP bookkeeping (timestamps, ...)
        # or the bytes of a member that deflate never reads; the contents are unchanged.
        assert opened.members == {"payload.json": PAYLOAD[:2000], "summary.pdf": PDF[:500]}
