"""Qt must never leak into the core: import every module outside digitizer/ui with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    from pathlib import Path

    class BlockQt:
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
                raise ImportError(f"Qt imported outside digitizer.ui: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())
    root = Path(sys.argv[1])
    names = []
    for pkg in ("digitizer", "signing"):
        for f in sorted((root / pkg).rglob("*.py")):
            rel = f.relative_to(root).with_suffix("")
            parts = list(rel.parts)
            if parts[:2] == ["digitizer", "ui"] or parts[-1] == "__main__":
                continue  # the GUI itself; __main__ runs the CLI on import
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names.append(".".join(parts))
    bad = []
    for n in names:
        try:
            importlib.import_module(n)
        except ImportError as exc:
            if "Qt imported" in str(exc):
                bad.append(f"{n}: {exc}")
            else:
                raise
    print(len(names))
    if bad:
        print("\\n".join(bad))
        sys.exit(1)
    """
)


def test_core_imports_without_qt():
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert int(proc.stdout.split()[0]) >= 10  # really imported the core's modules


def test_blocker_catches_a_qt_import(tmp_path):
    """The guard itself works: a module importing PySide6 is reported."""
    pkg = tmp_path / "digitizer"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "leaky.py").write_text("import PySide6.QtCore\n")
    (tmp_path / "signing").mkdir()
    (tmp_path / "signing" / "__init__.py").write_text("")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1 and "digitizer.leaky" in proc.stdout
