"""GUI test environment: offscreen Qt, a temp config dir and database per test, errors collected
instead of modal boxes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"  # small copy kept in the repo


def corpus_file(doc: str, name: str) -> Path:
    return CORPUS / doc / name


@pytest.fixture
def env_dirs(tmp_path, monkeypatch):
    cfg = tmp_path / "config"
    data = tmp_path / "data"
    monkeypatch.setenv("DIGITIZER_CONFIG_DIR", str(cfg))
    monkeypatch.setenv("DIGITIZER_DATA_DIR", str(data))
    # the signing trust store ("Tin cậy chứng thư này" writes there): never the real one
    monkeypatch.setenv("DIGITIZER_TRUST_DIR", str(data / "trust"))
    # a private SANE config with no backends: a machine without a scanner, probed quickly
    sane = tmp_path / "sane"
    sane.mkdir()
    (sane / "dll.conf").write_text("")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(sane))
    return cfg, data


@pytest.fixture
def errors(monkeypatch):
    from digitizer.ui import dialogs

    sink: list = []
    monkeypatch.setattr(dialogs, "_sink", sink)
    return sink


@pytest.fixture
def make_window(qtbot, env_dirs, errors):
    """Build main windows on the per-test dirs; waits for background work before teardown."""
    from digitizer.ui import scanning
    from digitizer.ui.app import create_window
    from digitizer.ui.settings import Settings
    from digitizer.ui.tasks import pools

    scanning.reset()
    made = []

    def make(settings: Settings | None = None, **kw):
        s = settings or Settings(**kw)
        w = create_window(s)
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    from PySide6.QtWidgets import QApplication

    for w in made:
        for tok in list(w._ocr_tokens.values()):
            tok.cancel()
        w.queue.shutdown()
    for _ in range(5):  # results delivered on the GUI thread may queue more (persist) work
        pools().wait(60000)
        QApplication.processEvents()
    pools().wait(60000)
    for w in made:
        w.store.close()


@pytest.fixture
def sample_images(tmp_path):
    """Three single-page images copied from the corpus (originals stay untouched)."""
    out = []
    for doc, name in (("dev-001", "p01.jpg"), ("dev-006", "p01.png"), ("dev-006", "p02.png")):
        dest = tmp_path / "in" / f"{doc}-{name}"
        dest.parent.mkdir(exist_ok=True)
        shutil.copy2(CORPUS / doc / name, dest)
        out.append(dest)
    return out


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """The test PKI (tests/signing/pki.py) with its TSA/OCSP services running."""
    from testpki import pki_module

    mod = pki_module()
    p = mod.build_pki(tmp_path_factory.mktemp("pki"))
    mod.start_animator(p)
    p.password = mod.P12_PASSWORD
    yield p
    p.stop()


@pytest.fixture
def doc_pdf(tmp_path):
    """The one-page corpus result dev-002 (a household business certificate), copied."""
    dest = tmp_path / "in" / "dev-002.pdf"
    dest.parent.mkdir(exist_ok=True)
    shutil.copy2(corpus_file("dev-002", "dev-002.pdf"), dest)
    return dest
