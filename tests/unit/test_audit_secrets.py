"""The trail records that the installation's private keys were made or changed, but whoever
reads it (the changes log, the packet to MKK) never sees a key."""

from __future__ import annotations

from hrdesk.packets import keys
from hrdesk.store.audit import SECRET_MARK, AuditRepository
from hrdesk.store.settings import SettingsRepository


def test_private_keys_are_masked_for_every_reader(office_database):
    made = keys.ensure_keys(office_database, "mkk")
    settings = SettingsRepository(office_database)
    secrets = [settings.get(keys.SIGNING_PRIVATE), settings.get(keys.BOX_PRIVATE)]
    settings.set(keys.SIGNING_PRIVATE, keys.encode_key(bytes(keys.generate_signing_key())))
    secrets.append(settings.get(keys.SIGNING_PRIVATE))
    assert made is not None and all(secrets)

    entries = AuditRepository(office_database).query(table="settings", limit=1000)
    private = [e for e in entries if str(e.record_id).endswith("_private")]
    assert {e.kind for e in private} == {"insert", "update"}  # still recorded
    for entry in private:
        for values in (entry.old, entry.new):
            if "value" in values:
                assert values["value"] == SECRET_MARK
    shown = repr(entries)
    assert not any(secret in shown for secret in secrets)
    # Other settings keep their values.
    assert any(e.record_id == "role" and e.new.get("value") for e in entries)
