"""``digitizer batch`` with a remote signing service (CSC): one authorisation for the whole batch,
counted in the server's access log; a service failure in document k stops the batch with 1..k-1
signed and k..N untouched, and the rerun resumes with one new authorisation.

Real components: tesseract (the batch OCRs every document), certomancer-csc-dummy on 127.0.0.1
(tests/signing/csc_server.py) holding the test PKI's keys."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from csc_server import CscServer
from cryptography import x509

import signing
from digitizer import cli
from digitizer.batch import BatchOptions, journal_path, run_batch
from signing.csc import open_csc
from signing.errors import RemoteServiceUnavailable

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
CRED = "testing/signer"


@pytest.fixture
def server(pki, tmp_path):
    srv = CscServer(config=pki.root_dir / "pki.yml", key_dir=pki.root_dir, log=tmp_path / "a.log")
    yield srv
    srv.stop()


def _backlog(path: Path, n: int) -> Path:
    path.mkdir()
    for i in range(1, n + 1):  # a two-page bilevel TIFF that OCRs in seconds, n times
        shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", path / f"ho-so-{i:02d}.tif")
    return path


def _rows(out: Path) -> dict[str, sqlite3.Row]:
    con = sqlite3.connect(journal_path(out))
    con.row_factory = sqlite3.Row
    try:
        return {r["id"]: r for r in con.execute("SELECT * FROM documents")}
    finally:
        con.close()


def _sign_attempts(out: Path, doc: str) -> int:
    con = sqlite3.connect(journal_path(out))
    try:
        return con.execute(
            "SELECT COUNT(*) FROM attempts WHERE doc_id = ? AND stage = 'sign'", (doc,)
        ).fetchone()[0]
    finally:
        con.close()


def test_batch_of_20_signs_with_one_authorisation(server, pki, tmp_path, monkeypatch):
    srv = server.start(multisign=50)
    src = _backlog(tmp_path / "backlog", 20)
    out = tmp_path / "out"
    monkeypatch.setenv("CSC_TOKEN", "token-of-the-office")
    argv = [
        "batch", str(src), "-o", str(out), "-q",
        "--csc-url", srv.url, "--csc-credential", CRED, "--csc-auth-env", "CSC_TOKEN",
        "--level", "B-B",
    ]  # fmt: skip
    assert cli.main(argv) == 0
    assert srv.requests("credentials/authorize") == 1
    assert srv.requests("signatures/signHash") == 20
    root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
    for i in range(1, 21):
        f = out / f"ho-so-{i:02d}.pdf"
        assert signing.is_signed(f), f
    rep = signing.verify_pdf(out / "ho-so-20.pdf", trust_roots=[root])
    assert rep.signatures[0].integrity is True
    assert rep.signatures[0].indication.name == "PASSED"
    # the same command again: nothing left to sign, no new authorisation asked for
    assert cli.main(argv) == 0
    assert srv.requests("credentials/authorize") == 1
    assert srv.requests("signatures/signHash") == 20


def test_service_failure_in_document_k_stops_and_the_rerun_resumes(server, tmp_path):
    srv = server.start(multisign=50)
    n, k = 6, 4
    src = _backlog(tmp_path / "backlog", n)
    out = tmp_path / "out"
    ids = [f"ho-so-{i:02d}" for i in range(1, n + 1)]

    def stop_after_k_minus_1(ev):
        if ev.extra.get("event") == "document" and ev.extra.get("doc") == ids[k - 2]:
            srv.stop()  # the service goes away while document k is next

    with open_csc(srv.url, CRED) as h:
        opts = BatchOptions(signer=h, level="B-B", overlap=False)
        with pytest.raises(RemoteServiceUnavailable) as e:
            run_batch(src, out, opts, progress=stop_after_k_minus_1)
    assert e.value.exit_code == 25
    rows = _rows(out)
    for doc in ids[: k - 1]:
        assert rows[doc]["state"] == "done" and rows[doc]["stage"] == "signed", dict(rows[doc])
        assert signing.is_signed(out / f"{doc}.pdf")
    for doc in ids[k - 1 :]:
        assert not (out / f"{doc}.pdf").exists()
        assert doc not in rows or rows[doc]["state"] == "pending", dict(rows[doc])
    assert srv.requests("credentials/authorize") == 1
    first_hashes = {d: (out / f"{d}.pdf").read_bytes() for d in ids[: k - 1]}

    srv.clear_log()
    srv.start()
    with open_csc(srv.url, CRED) as h:
        report = run_batch(src, out, BatchOptions(signer=h, level="B-B", overlap=False))
    assert report.counts().get("done") == n
    assert srv.requests("credentials/authorize") == 1  # one approval for documents k..N
    assert srv.requests("signatures/signHash") == n - k + 1
    for doc in ids:
        assert signing.is_signed(out / f"{doc}.pdf")
    for doc, data in first_hashes.items():  # 1..k-1 were not signed again
        assert (out / f"{doc}.pdf").read_bytes() == data
        assert _sign_attempts(out, doc) == 1
