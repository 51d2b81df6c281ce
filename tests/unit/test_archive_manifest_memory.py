"""A huge crafted ``manifest.json`` is refused with bounded memory (issue 11).

90 MB of ``{}`` (30 million empty objects) once took 2.3 GB before it was refused: the
whole manifest was parsed first. The archive here is made by the test, the manifest
streamed into it unpacked (so no zip-bomb check stops it first), and rebuilt by the real
``dossier import-archive`` in a child process, whose peak memory is read with
``getrusage(RUSAGE_CHILDREN)`` in a small process of its own and compared with that of a
trivial run of the program. No time is measured.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dossier.core.archive.format import FORMAT_NAME, MANIFEST_NAME, README_NAME

resource = pytest.importorskip("resource")  # POSIX only

# Runs the command given as arguments, then says how it ended and its peak memory.
_PROBE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "stderr": done.stderr, "peak_kb": peak}))
"""


def peak_of(*args: str) -> dict[str, Any]:
    """``dossier ARGS…`` in a process of its own: exit status, stderr, peak memory (kB)."""
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE, sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result: dict[str, Any] = json.loads(probe.stdout)
    return result


def write_huge_archive(path: Path, empty_objects: int) -> int:
    """An archive whose manifest lists ``empty_objects`` ``{}`` as rows; its size in bytes."""
    head = json.dumps({"format": FORMAT_NAME, "format_version": 1})[:-1].encode()
    head += b', "tables": {"note": {"rows": ['
    chunk_objects = 1_000_000
    written = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as out:
        info = zipfile.ZipInfo(MANIFEST_NAME)
        with out.open(info, "w", force_zip64=True) as entry:
            entry.write(head)
            left = empty_objects
            while left:
                count = min(left, chunk_objects)
                entry.write(b"{}," * (count - 1) + (b"{}," if left > count else b"{}"))
                written += 3 * count
                left -= count
            entry.write(b"]}}}")
        out.writestr(README_NAME, "A crafted archive.\n")
    return written


def test_a_90_mb_manifest_of_empty_objects_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    archive = tmp_path / "huge.zip"
    size = write_huge_archive(archive, 30_000_000)
    assert size >= 90_000_000 and archive.stat().st_size >= 90_000_000

    trivial = peak_of("--version")
    assert trivial["code"] == 0
    refused = peak_of("import-archive", str(archive), str(tmp_path / "new"))
    assert refused["code"] == 1, refused["stderr"]
    assert "This archive cannot be used" in refused["stderr"]
    assert "more than 2,000,000 values" in refused["stderr"]
    assert "Traceback" not in refused["stderr"]
    assert not (tmp_path / "new").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["huge.zip"]
    # Reading the archive, the program and its checks: a few tens of MB more than a
    # trivial run at most; parsing it whole took 2,300 MB.
    extra_mb = (refused["peak_kb"] - trivial["peak_kb"]) / 1024
    assert extra_mb < 100, (refused["peak_kb"], trivial["peak_kb"])
