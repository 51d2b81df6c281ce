"""The program never opens a network connection: proved on a real run in a subprocess.

The run builds the example dossier, imports files (the sandboxed workers included), searches,
prints a brief and a packet to PDF, then starts the window offscreen with ``run_app``,
visits every page, searches from the header, opens a document and quits after about a
second and a half. Meanwhile every Python process of the run (the workers too, through a
``sitecustomize`` on ``PYTHONPATH``) records the audit events of network use: an internet
socket made, connected, bound or sent to, a name looked up, a URL request, PySide6.QtNetwork
imported. The main process also watches its file descriptors for an internet socket (the
kernel's /proc/self/net tables against /proc/self/fd), which catches sockets made by C code
such as Qt, and, where ``strace`` is installed, the whole process tree runs under it and no
socket, connect, bind or send system call may use an internet address family.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SITECUSTOMIZE = textwrap.dedent(
    '''
    """Installed by tests/unit/test_no_network.py: log every use of the network."""
    import os
    import socket
    import sys

    _LOG = os.environ.get("DOSSIER_NO_NET_LOG")
    _WATCHED = ("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "imaplib.", "poplib.",
                "nntplib.", "telnetlib.", "webbrowser.")
    _ON_A_SOCKET = ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg")

    def _note(text):
        fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, ("%d %s\\n" % (os.getpid(), text)).encode("utf-8", "replace"))
        finally:
            os.close(fd)

    def _hook(event, args):
        if event == "import":
            if str(args[0]).startswith(("PySide6.QtNetwork", "PySide6.QtWebEngine")):
                _note("import %s" % args[0])
            return
        if not event.startswith(_WATCHED):
            return
        if event in _ON_A_SOCKET:
            if getattr(args[0], "family", None) == socket.AF_UNIX:
                return
        elif event == "socket.__new__":
            if args[1] in (socket.AF_UNIX, -1):  # -1: adopted from a descriptor
                return
        elif event in ("socket.sethostname",):
            return
        on_socket = event in _ON_A_SOCKET or event == "socket.__new__"
        _note("%s %r" % (event, args[1:] if on_socket else args))

    if _LOG:
        sys.addaudithook(_hook)
    '''
)

SCENARIO = textwrap.dedent(
    """
    import json, os, sys, threading, time
    from pathlib import Path

    work = Path(sys.argv[1])
    INET_TABLES = ("tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6")

    def socket_inodes():
        found = set()
        for name in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{name}")
            except OSError:
                continue
            if target.startswith("socket:["):
                found.add(target[8:-1])
        return found

    def inet_inodes():
        found = set()
        for table in INET_TABLES:
            try:
                lines = Path(f"/proc/self/net/{table}").read_text().splitlines()[1:]
            except OSError:
                continue
            found.update(line.split()[9] for line in lines if len(line.split()) > 9)
        return found

    inet_seen, checked, stop = [], set(), threading.Event()

    def watch():
        while True:
            new = socket_inodes() - checked
            if new:
                checked.update(new)
                inet_seen.extend(sorted(new & inet_inodes()))
            if stop.wait(0.02):
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()

    from dossier import cli
    from tests.corpus import make_pdf, make_photo

    demo = work / "demo"
    assert cli.main(["demo", str(demo)]) == 0
    files = work / "files"
    files.mkdir()
    make_pdf(files / "letter.pdf", pages=3, seed=11)
    make_photo(files / "photo.jpg", size=(320, 240), seed=12)
    (files / "note.txt").write_text("Biopsy results, written down after the call.\\n")
    assert cli.main(["import", "--dossier", str(demo), str(files)]) == 0
    assert cli.main(["search", "--dossier", str(demo), "biopsy"]) == 0
    from dossier.core import records
    from dossier.core.opening import open_dossier
    with open_dossier(demo) as opened:
        case = records.list_records(opened, "case")[0]["id"]
        document = records.list_records(opened, "document")[0]["id"]
    for report in ("brief", "packet"):
        out = work / f"{report}.pdf"
        args = ["print", report, "--case", str(case), "--out", str(out), "--dossier", str(demo)]
        assert cli.main(args) in (0, 1)
        assert out.stat().st_size > 0

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from dossier.app import run_app
    from dossier.ui.main_window import MainWindow

    visited = []

    def use_the_window():
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        view = window.view
        for key in list(view.pages):
            view.show_page(key)
            visited.append(key)
        view.search.line.setText("biopsy")
        view.open_document(document, 1)

    QTimer.singleShot(100, use_the_window)
    QTimer.singleShot(1500, QApplication.closeAllWindows)
    assert run_app(demo) == 0
    time.sleep(0.1)
    stop.set()
    watcher.join()
    inet_seen.extend(sorted((socket_inodes() - checked) & inet_inodes()))
    print(json.dumps({
        "visited": visited,
        "qtnetwork": sorted(m for m in sys.modules if "QtNetwork" in m),
        "inet_sockets": inet_seen,
        "sockets_seen": len(checked),
    }))
    """
)


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")
def test_the_program_opens_no_network_connection(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network.log"
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hooks), str(root)]),
        "DOSSIER_NO_NET_LOG": str(log),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    command = [sys.executable, "-c", SCENARIO, str(tmp_path)]
    strace = shutil.which("strace")
    trace = tmp_path / "strace.log"
    if strace is not None:
        calls = "socket,socketpair,connect,bind,sendto,sendmsg"
        command = [strace, "-f", "-qq", "-e", f"trace={calls}", "-e", "signal=none",
                   "-o", str(trace), *command]  # fmt: skip
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert log.exists() is False or log.read_text() == "", log.read_text()
    assert report["qtnetwork"] == []
    assert report["inet_sockets"] == []
    assert {"overview", "documents", "trash"} <= set(report["visited"])
    assert report["sockets_seen"] > 0  # the watch saw the worker pipes (AF_UNIX), so it works
    if strace is not None:
        traced = trace.read_text().splitlines()
        assert any("socketpair(AF_UNIX" in line for line in traced)  # strace saw the workers
        internet = [line for line in traced if "AF_INET" in line or "AF_PACKET" in line]
        assert internet == []
