"""The core never imports PySide6: every module under dossier/core imports, and a small
end-to-end run works, in a Python where importing PySide6 (or shiboken6) fails."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib
    import importlib.abc
    import json
    import pkgutil
    import sys
    import tempfile
    from pathlib import Path

    BLOCKED = ("PySide6", "shiboken6")


    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked: the core must not import Qt")
            return None


    sys.meta_path.insert(0, NoQt())
    for name in BLOCKED:
        sys.modules[name] = None  # "import PySide6" now raises ImportError

    for name in BLOCKED:  # the block works
        try:
            importlib.import_module(name)
        except ImportError:
            pass
        else:
            raise SystemExit(f"{name} could still be imported")

    import dossier.core

    modules = sorted(
        info.name for info in pkgutil.walk_packages(dossier.core.__path__, "dossier.core.")
    )
    for module in modules:
        importlib.import_module(module)

    from dossier.core import records, search
    from dossier.core.importer.pipeline import import_paths
    from dossier.core.opening import create_dossier, open_dossier

    if __name__ == "__main__":
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "dossier"
            with create_dossier(folder, name="No Qt", born="1970-01-01") as made:
                case = records.create(made, "case", {"title": "Headless lymphadenopathy"})
                letter = Path(tmp) / "letter.txt"
                letter.write_text("Referral letter about the lymph nodes", encoding="utf-8")
                [result] = import_paths(made, [letter], case_id=case.id)
                assert result.status == "imported", result
            with open_dossier(folder) as opened:
                hits = {(h.kind, h.id) for h in search.search(opened, "lymph")}
                assert ("case", case.id) in hits, hits
                assert ("document", result.document_id) in hits, hits

        loaded = sorted(
            name for name, module in sys.modules.items()
            if name.split(".")[0] in BLOCKED and module is not None
        )
        assert loaded == [], loaded
        print(json.dumps(modules))
    """
)


def test_core_imports_and_runs_without_qt(tmp_path: Path) -> None:
    script = tmp_path / "no_qt.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    expected = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "dossier" / "core").rglob("*.py")
    )
    assert imported == [name for name in expected if name != "dossier.core"]
