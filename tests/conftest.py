"""Shared fixtures: the small copy of the development corpus kept in tests/data/corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


