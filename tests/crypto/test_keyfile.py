"""The master key, its wrappings under the passphrase and the recovery key, and the key file
on disk read as someone else's input (issue 18)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dossier.core.crypto.kdf import KdfParams, derive_key, tuned_params
from dossier.core.crypto.keyfile import (
    KEY_FILE,
    DamagedKeyFile,
    WrongPassphrase,
    WrongRecoveryKey,
    is_protected,
    new_key_file,
    read_key_file,
    to_json,
    write_key_file,
)
from dossier.core.crypto.keys import MasterKey, new_master_key
from dossier.core.crypto.recovery import new_recovery_key, parse_recovery_key

# Cheap parameters: the tests are about the wrapping, not the cost of guessing.
FAST = KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=b"s" * 16)
PASSPHRASE = "Ма́ма מרגרט Weiß 2026"


def fresh(salt: bytes = b"") -> KdfParams:
    return KdfParams(FAST.passes, FAST.memory_kib, FAST.lanes, salt or os.urandom(16))


def test_the_passphrase_and_the_recovery_key_each_open_the_master_key(tmp_path: Path) -> None:
    master = new_master_key()
    recovery = new_recovery_key()
    write_key_file(tmp_path, new_key_file(master, PASSPHRASE, fresh(), recovery))
    assert is_protected(tmp_path)
    key_file = read_key_file(tmp_path)
    assert key_file.unlock(PASSPHRASE) == master
    # The recovery key as a person types it back from the sheet.
    typed = parse_recovery_key(" ".join(recovery.groups))
    assert key_file.unlock_with_recovery(typed) == master
    assert key_file.key_id == master.key_id()
    # Nothing of the key, the passphrase or the recovery key is in the file as it is.
    on_disk = (tmp_path / KEY_FILE).read_bytes()
    for secret in (master.raw, master.raw.hex().encode(), recovery.text.encode()):
        assert secret not in on_disk
    assert PASSPHRASE.encode() not in on_disk
    assert oct((tmp_path / KEY_FILE).stat().st_mode & 0o777) == "0o600"


def test_the_same_passphrase_typed_in_another_unicode_form_opens_it() -> None:
    master = new_master_key()
    key_file = new_key_file(master, "café", fresh(), None)
    assert key_file.unlock("cafe\u0301") == master


def test_a_wrong_passphrase_is_said_as_such_and_is_not_damage(tmp_path: Path) -> None:
    master = new_master_key()
    write_key_file(tmp_path, new_key_file(master, PASSPHRASE, fresh(), new_recovery_key()))
    key_file = read_key_file(tmp_path)
    for wrong in ("", PASSPHRASE.upper(), PASSPHRASE + " ", "x" * 5000):
        with pytest.raises(WrongPassphrase) as raised:
            key_file.unlock(wrong)
        assert "Wrong passphrase" in raised.value.message
        assert not isinstance(raised.value, DamagedKeyFile)
    with pytest.raises(WrongRecoveryKey):
        key_file.unlock_with_recovery(new_recovery_key())


def test_a_new_passphrase_rewraps_the_same_master_key(tmp_path: Path) -> None:
    master = new_master_key()
    recovery = new_recovery_key()
    key_file = new_key_file(master, PASSPHRASE, fresh(), recovery)
    changed = key_file.with_passphrase(master, "a new one", fresh())
    write_key_file(tmp_path, changed)
    again = read_key_file(tmp_path)
    assert again.unlock("a new one") == master
    with pytest.raises(WrongPassphrase):
        again.unlock(PASSPHRASE)
    assert again.unlock_with_recovery(recovery) == master  # the sheet still works
    renewed = again.with_recovery(master, new_recovery_key())
    with pytest.raises(WrongRecoveryKey):
        renewed.unlock_with_recovery(recovery)


def test_the_derived_keys_differ_from_each_other_and_from_the_master() -> None:
    master = MasterKey(bytes(range(32)))
    keys = {master.raw, master.database_key, master.file_key}
    assert len(keys) == 3
    name = master.vault_name("ab" * 32)
    assert len(name) == 64 and name != "ab" * 32
    assert MasterKey(bytes(range(1, 33))).vault_name("ab" * 32) != name
    assert repr(master) == "MasterKey(…)" and master.raw.hex() not in repr(master)
    assert master.sqlcipher_key() == f"\"x'{master.database_key.hex()}'\""


def wrote(tmp_path: Path, change: object) -> Path:
    data = to_json(new_key_file(new_master_key(), PASSPHRASE, fresh(), new_recovery_key()))
    data = change(data) if callable(change) else change
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    raw = text.encode() if isinstance(text, str) else text
    (tmp_path / KEY_FILE).write_bytes(raw)
    return tmp_path


def _set(path: tuple[str, ...], value: object):  # type: ignore[no-untyped-def]
    def change(data: dict) -> dict:  # type: ignore[type-arg]
        where = data
        for key in path[:-1]:
            where = where[key]
        where[path[-1]] = value
        return data

    return change


@pytest.mark.parametrize(
    "change",
    [
        b"",
        b"\x00" * 100,
        "{" * 10_000,
        "[" + "1," * 50_000 + "1]",
        json.dumps({"format": "something else"}),
        _set(("version",), 2),
        _set(("key_id",), "zz" * 8),
        _set(("wrappings", "passphrase", "kdf"), "pbkdf2"),
        # Parameters that would make opening take minutes, gigabytes, or nothing at all.
        _set(("wrappings", "passphrase", "memory_kib"), 64 * 1024 * 1024),
        _set(("wrappings", "passphrase", "passes"), 10_000_000),
        _set(("wrappings", "passphrase", "passes"), 0),
        _set(("wrappings", "passphrase", "lanes"), 1_000),
        _set(("wrappings", "passphrase", "passes"), 2.5),
        _set(("wrappings", "passphrase", "passes"), True),
        _set(("wrappings", "passphrase", "salt"), "not base64!"),
        _set(("wrappings", "passphrase", "salt"), "QUFB"),  # 3 bytes
        _set(("wrappings", "passphrase", "wrapped"), "A" * 100_000),
        _set(("wrappings", "recovery", "nonce"), None),
        _set(("wrappings", "other"), {}),
        _set(("wrappings",), []),
    ],
)
def test_a_damaged_or_hostile_key_file_is_refused_before_any_work(
    tmp_path: Path, change: object
) -> None:
    with pytest.raises(DamagedKeyFile) as raised:
        read_key_file(wrote(tmp_path, change))
    assert "is damaged" in raised.value.message and KEY_FILE in raised.value.message


def test_an_altered_wrapping_does_not_open(tmp_path: Path) -> None:
    def flip(data: dict) -> dict:  # type: ignore[type-arg]
        wrapping = data["wrappings"]["passphrase"]
        wrapped = bytearray(__import__("base64").b64decode(wrapping["wrapped"]))
        wrapped[3] ^= 1
        wrapping["wrapped"] = __import__("base64").b64encode(bytes(wrapped)).decode()
        return data

    with pytest.raises(WrongPassphrase):
        read_key_file(wrote(tmp_path, flip)).unlock(PASSPHRASE)


def test_a_link_or_a_folder_in_place_of_the_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "target.json").write_text("{}")
    (tmp_path / KEY_FILE).symlink_to(tmp_path / "target.json")
    assert is_protected(tmp_path)
    with pytest.raises(DamagedKeyFile):
        read_key_file(tmp_path)
    (tmp_path / KEY_FILE).unlink()
    (tmp_path / KEY_FILE).mkdir()
    with pytest.raises(DamagedKeyFile):
        read_key_file(tmp_path)


def test_tuning_chooses_passes_for_the_target_time() -> None:
    ticks = iter([0.0, 0.05])  # one pass timed at 50 ms: 10 passes make half a second
    params = tuned_params(0.5, memory_kib=8 * 1024, clock=lambda: next(ticks))
    assert (params.passes, params.memory_kib) == (10, 8 * 1024)
    assert len(params.salt) == 16
    slow = iter([0.0, 2.0])  # a slow machine still gets at least two passes
    assert tuned_params(0.5, memory_kib=8 * 1024, clock=lambda: next(slow)).passes == 2


def test_derivation_depends_on_every_parameter() -> None:
    base = derive_key(PASSPHRASE, FAST)
    for other in (
        KdfParams(2, FAST.memory_kib, 1, FAST.salt),
        KdfParams(1, 16 * 1024, 1, FAST.salt),
        KdfParams(1, FAST.memory_kib, 2, FAST.salt),
        KdfParams(1, FAST.memory_kib, 1, b"t" * 16),
    ):
        assert derive_key(PASSPHRASE, other) != base
    with pytest.raises(ValueError):
        derive_key(PASSPHRASE, KdfParams(1, 1024 * 1024 * 1024, 1, FAST.salt))
