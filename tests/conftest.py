"""Shared fixtures: the small copy of the development corpus kept in tests/data/corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(autouse=True)
def _private_audit_journal(tmp_path_factory, monkeypatch):
    """Every command and library call appends to the audit journal (issue 19): each test gets its
    own, outside the real data folder (and outside tmp_path, which some tests list)."""
    d = tmp_path_factory.mktemp("audit")
    monkeypatch.setenv("DIGITIZER_AUDIT_JOURNAL", str(d / "journal.sqlite3"))
    monkeypatch.setenv("DIGITIZER_AUDIT_KEY", str(d / "audit-key.pem"))
    return d


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS




@pytest.fixture
def digitizer_cmd(tmp_path, monkeypatch) -> list[str]:
    """The installed ``digitizer`` command (the venv's console script), run with a fresh home."""
    import shutil
    import sys

    exe = Path(sys.executable).with_name("digitizer")
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    for var, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):
        monkeypatch.setenv(var, str(home / sub) if sub else str(home))
    return [str(exe)] if exe.exists() else [shutil.which("digitizer") or "digitizer"]
