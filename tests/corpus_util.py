"""Helpers for tests that use the small corpus copy in tests/data/corpus and the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).parent / "data" / "corpus"


def corpus_inputs(doc_id: str) -> list[Path]:
    gt = json.loads((CORPUS / doc_id / "gt.json").read_text(encoding="utf-8"))
    return [CORPUS / doc_id / Path(p).name for p in gt["inputs"]]


def corpus_gt(doc_id: str) -> dict:
    return json.loads((CORPUS / doc_id / "gt.json").read_text(encoding="utf-8"))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 600):
    """Run the real ``digitizer`` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "digitizer", *args],
        capture_output=True, text=True, cwd=cwd, timeout=timeout,
        env={**os.environ, **(env or {})},
    )
