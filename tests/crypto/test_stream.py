"""The chunked encryption of vault files (dossier.core.crypto.stream), on real files."""

from __future__ import annotations

import hashlib
import io
import os
import random
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.crypto.stream import (
    HEADER_SIZE,
    TAG_SIZE,
    DamagedFile,
    FileCipher,
    is_encrypted,
)

KEY = bytes(range(32))
NAME = "ab/ab12cd34"
EXP = 8
CHUNK = 1 << EXP


def plaintext(size: int, seed: int = 0) -> bytes:
    return random.Random(seed * 1_000_003 + size).randbytes(size)


def write_encrypted(path: Path, data: bytes, *, name: str = NAME, key: bytes = KEY) -> None:
    with io.BytesIO(data) as source, path.open("wb") as sink:
        assert FileCipher(key, chunk_exponent=EXP).encrypt_stream(source, sink, name) == len(data)


def read_all(path: Path, *, name: str = NAME, key: bytes = KEY) -> bytes:
    with path.open("rb") as handle:
        reader = FileCipher(key).open_reader(handle, name, path.stat().st_size)
        return reader.read()


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 5])
def test_round_trip(tmp_path: Path, size: int) -> None:
    data = plaintext(size)
    path = tmp_path / "file"
    write_encrypted(path, data)
    chunks = max(1, -(-size // CHUNK))  # whole chunks have no empty chunk after them
    assert path.stat().st_size == HEADER_SIZE + size + chunks * TAG_SIZE
    assert is_encrypted(path.read_bytes()[:16])
    with path.open("rb") as handle:
        reader = FileCipher(KEY).open_reader(handle, NAME, path.stat().st_size)
        assert reader.plaintext_size == size
        assert reader.readable() and reader.seekable() and not reader.writable()
        assert reader.read() == data
        assert reader.read() == b""
    assert FileCipher(KEY).decrypt_bytes(path.read_bytes(), NAME) == data


def test_default_chunk_size_and_bytes_helpers() -> None:
    data = plaintext(200_000)
    sealed = FileCipher(KEY).encrypt_bytes(data, NAME)
    assert sealed[8:10] == b"\x01\x10"  # version 1, 64 KiB chunks
    assert len(sealed) == HEADER_SIZE + len(data) + 4 * TAG_SIZE
    assert FileCipher(KEY).decrypt_bytes(sealed, NAME) == data


def test_write_function_as_sink() -> None:
    parts: list[bytes] = []
    cipher = FileCipher(KEY, chunk_exponent=EXP)
    assert cipher.encrypt_stream(io.BytesIO(b"x" * 600), parts.append, NAME) == 600
    assert cipher.decrypt_bytes(b"".join(parts), NAME) == b"x" * 600


def test_is_encrypted() -> None:
    assert is_encrypted(FileCipher(KEY).encrypt_bytes(b"", NAME))
    assert not is_encrypted(b"%PDF-1.7")
    assert not is_encrypted(b"")


def test_bad_keys_and_chunk_sizes() -> None:
    with pytest.raises(ValueError):
        FileCipher(b"short")
    with pytest.raises(ValueError):
        FileCipher(KEY, chunk_exponent=7)
    with pytest.raises(ValueError):
        FileCipher(KEY, chunk_exponent=25)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    size=st.integers(0, 5 * CHUNK + 7),
    steps=st.lists(
        st.tuples(
            st.integers(-2 * CHUNK, 6 * CHUNK),
            st.sampled_from([io.SEEK_SET, io.SEEK_CUR, io.SEEK_END]),
            st.integers(-1, 3 * CHUNK),
            st.booleans(),
        ),
        max_size=8,
    ),
)
def test_random_access_reads_match_the_plaintext(
    tmp_path: Path, size: int, steps: list[tuple[int, int, int, bool]]
) -> None:
    data = plaintext(size)
    path = tmp_path / f"{size}.enc"
    write_encrypted(path, data)
    expected = io.BytesIO(data)
    with path.open("rb") as handle:
        reader = FileCipher(KEY).open_reader(handle, NAME, path.stat().st_size)
        for offset, whence, length, into in steps:
            if (0, expected.tell(), size)[whence] + offset < 0:
                with pytest.raises(ValueError):
                    reader.seek(offset, whence)
                continue
            assert reader.seek(offset, whence) == expected.seek(offset, whence)
            if into:
                buffer = bytearray(max(length, 0))
                got = reader.readinto(buffer)
                assert bytes(buffer[:got]) == expected.read(len(buffer))
            else:
                assert reader.read(length) == expected.read(length)
            assert reader.tell() == expected.tell()


@pytest.fixture
def sealed(tmp_path: Path) -> bytes:
    path = tmp_path / "original"
    write_encrypted(path, plaintext(600))  # 256 + 256 + 88 bytes
    return path.read_bytes()


def assert_unreadable(path: Path, content: bytes, *, name: str = NAME, key: bytes = KEY) -> None:
    path.write_bytes(content)
    with pytest.raises(DamagedFile):
        read_all(path, name=name, key=key)


@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_every_altered_byte_is_caught(tmp_path: Path, sealed: bytes, mask: int) -> None:
    path = tmp_path / "altered"
    for position in range(len(sealed)):
        altered = bytearray(sealed)
        altered[position] ^= mask
        assert_unreadable(path, bytes(altered))


def test_every_truncation_is_caught(tmp_path: Path, sealed: bytes) -> None:
    path = tmp_path / "cut"
    for length in range(len(sealed)):
        assert_unreadable(path, sealed[:length])


def test_truncation_at_a_chunk_boundary_is_caught_on_opening(tmp_path: Path, sealed: bytes) -> None:
    path = tmp_path / "cut"
    path.write_bytes(sealed[: HEADER_SIZE + 2 * (CHUNK + TAG_SIZE)])
    with path.open("rb") as handle, pytest.raises(DamagedFile) as caught:
        FileCipher(KEY).open_reader(handle, NAME, path.stat().st_size)
    assert caught.value.chunk_index == 1


@pytest.mark.parametrize("extra", [b"\x00", bytes(TAG_SIZE), os.urandom(CHUNK + TAG_SIZE)])
def test_appended_bytes_are_caught(tmp_path: Path, sealed: bytes, extra: bytes) -> None:
    assert_unreadable(tmp_path / "longer", sealed + extra)


def test_a_copied_last_chunk_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "f"
    write_encrypted(path, plaintext(2 * CHUNK))
    content = path.read_bytes()
    assert_unreadable(path, content + content[-(CHUNK + TAG_SIZE) :])


def test_swapped_chunks_are_caught(tmp_path: Path, sealed: bytes) -> None:
    step = CHUNK + TAG_SIZE
    first = sealed[HEADER_SIZE : HEADER_SIZE + step]
    second = sealed[HEADER_SIZE + step : HEADER_SIZE + 2 * step]
    swapped = sealed[:HEADER_SIZE] + second + first + sealed[HEADER_SIZE + 2 * step :]
    assert_unreadable(tmp_path / "swapped", swapped)


def test_another_name_or_key_is_refused(tmp_path: Path, sealed: bytes) -> None:
    assert_unreadable(tmp_path / "f", sealed, name="ab/ab12cd35")
    assert_unreadable(tmp_path / "f", sealed, key=bytes(32))
    path = tmp_path / "ok"
    path.write_bytes(sealed)
    assert read_all(path) == plaintext(600)


def test_a_chunk_from_another_file_is_refused(tmp_path: Path, sealed: bytes) -> None:
    other = tmp_path / "other"
    write_encrypted(other, plaintext(600))
    mixed = bytearray(sealed)
    mixed[HEADER_SIZE : HEADER_SIZE + CHUNK + TAG_SIZE] = other.read_bytes()[
        HEADER_SIZE : HEADER_SIZE + CHUNK + TAG_SIZE
    ]
    assert_unreadable(tmp_path / "mixed", bytes(mixed))


def test_same_plaintext_twice_differs() -> None:
    cipher = FileCipher(KEY)
    first, second = cipher.encrypt_bytes(b"same", NAME), cipher.encrypt_bytes(b"same", NAME)
    assert first != second
    assert cipher.decrypt_bytes(first, NAME) == cipher.decrypt_bytes(second, NAME) == b"same"


def test_impossible_sizes_and_headers(tmp_path: Path, sealed: bytes) -> None:
    path = tmp_path / "f"
    for content in [b"", b"SODVAULT", sealed[:HEADER_SIZE], sealed[: HEADER_SIZE + 5]]:
        assert_unreadable(path, content)
    assert_unreadable(path, b"SODVAULT\x02" + sealed[9:])  # a version not known
    assert_unreadable(path, sealed[:9] + b"\x30" + sealed[10:])  # chunks far too large
    assert_unreadable(path, b"NOTVAULT" + sealed[8:])


def test_a_damaged_middle_chunk_fails_only_where_read(tmp_path: Path, sealed: bytes) -> None:
    altered = bytearray(sealed)
    altered[HEADER_SIZE + CHUNK + TAG_SIZE + 3] ^= 1  # in chunk 1
    path = tmp_path / "f"
    path.write_bytes(bytes(altered))
    data = plaintext(600)
    with path.open("rb") as handle:
        reader = FileCipher(KEY).open_reader(handle, NAME, len(altered))
        assert reader.plaintext_size == 600
        assert reader.read(CHUNK) == data[:CHUNK]
        reader.seek(2 * CHUNK)
        assert reader.read() == data[2 * CHUNK :]
        reader.seek(CHUNK + 10)
        with pytest.raises(DamagedFile) as caught:
            reader.read(1)
        assert caught.value.chunk_index == 1


def test_damage_messages() -> None:
    assert DamagedFile().message == "A stored file is damaged or was altered and cannot be read."
    labelled = DamagedFile("scan.pdf", chunk_index=3)
    assert "scan.pdf" in labelled.message and labelled.chunk_index == 3


def test_streaming_twenty_megabytes_keeps_memory_bounded(tmp_path: Path) -> None:
    source, target = tmp_path / "big.bin", tmp_path / "big.enc"
    digest = hashlib.sha256()
    with source.open("wb") as out:
        for _ in range(20):
            piece = os.urandom(1 << 20)
            digest.update(piece)
            out.write(piece)
    cipher = FileCipher(KEY)
    tracemalloc.start()
    try:
        with source.open("rb") as src, target.open("wb") as dst:
            assert cipher.encrypt_stream(src, dst, NAME) == 20 << 20
        _, peak = tracemalloc.get_traced_memory()
        assert peak < 4 << 20
        tracemalloc.reset_peak()
        check = hashlib.sha256()
        with target.open("rb") as handle:
            reader = cipher.open_reader(handle, NAME, target.stat().st_size)
            while piece := reader.read(1 << 20):
                check.update(piece)
        _, peak = tracemalloc.get_traced_memory()
        assert peak < 4 << 20
    finally:
        tracemalloc.stop()
    assert check.digest() == digest.digest()
