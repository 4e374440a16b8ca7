"""``digitizer batch``: a backlog through real OCR (tesseract), metadata, PAdES signing and the
archive outbox, with the journal checked after failures, a SIGKILL and changed inputs.

Documents: dev-006 (two PNG pages, one blank) and dev-009 (a two-frame bilevel TIFF) from
tests/data/corpus; both OCR in a few seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from testpki import pki_module, self_signed_p12

from digitizer import cli
from digitizer.batch import (
    JOURNAL_VERSION,
    BatchOptions,
    batch_status,
    journal_path,
    open_journal,
    run_batch,
    scan_source,
)
from digitizer.errors import OutputError, UsageError

CORPUS = Path(__file__).parent / "data" / "corpus"
REPO = Path(__file__).resolve().parents[1]


def _copy_doc6(dst: Path) -> None:
    (dst / "dev-006").mkdir(parents=True)
    for f in ("p01.png", "p02.png", "gt.json"):  # gt.json: not a page, must be ignored
        shutil.copyfile(CORPUS / "dev-006" / f, dst / "dev-006" / f)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    src = tmp_path / "backlog"
    _copy_doc6(src)
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / "dev-009.tif")
    return src


def _attempts(out: Path, doc: str, stage: str = "ocr") -> list[sqlite3.Row]:
    j = open_journal(out)
    try:
        return j.attempts(doc, stage)
    finally:
        j.close()


def _docs(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in batch_status(out).documents}


# ---------------------------------------------------------------------------------------


def test_folder_batch_corrupt_input_status_resume_and_changed_input(source, tmp_path, capsys):
    (source / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    out = tmp_path / "out"

    # default: two documents OCR at once, finished in order (the SIGKILL test runs --sequential)
    assert cli.main(["batch", str(source), "-o", str(out), "-q"]) == 12
    docs = _docs(out)
    assert {k: v["state"] for k, v in docs.items()} == {
        "broken": "failed",
        "dev-006": "done",
        "dev-009": "done",
    }
    assert docs["broken"]["error_code"] == "corrupt_file"
    assert "broken.pdf" in docs["broken"]["error"]
    assert docs["dev-006"]["pages"] == 2 and docs["dev-009"]["pages"] == 2
    from digitizer.metadata import read_sidecar, read_xmp

    for d in ("dev-006", "dev-009"):
        pdf = out / f"{d}.pdf"

        assert read_xmp(pdf)["dossier_code"]  # extracted from the barcode, embedded as XMP
        side = json.loads((out / f"{d}.pdf.json").read_text(encoding="utf-8"))
        import hashlib

        assert side["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert read_sidecar(out / f"{d}.pdf.json")["dossier_code"] == read_xmp(pdf)["dossier_code"]
    # journal: WAL, explicit schema version, inputs with their hashes and sizes
    conn = sqlite3.connect(journal_path(out))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == JOURNAL_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    inputs = json.loads(
        conn.execute("SELECT inputs FROM documents WHERE id='dev-006'").fetchone()[0]
    )
    conn.close()
    assert [Path(i["path"]).name for i in inputs] == ["p01.png", "p02.png"]  # name order
    assert inputs[0]["size"] == (source / "dev-006" / "p01.png").stat().st_size
    assert len(inputs[0]["sha256"]) == 64

    # status: counts, failed list with reasons, CSV export
    capsys.readouterr()
    csv_path = tmp_path / "report.csv"
    assert cli.main(["batch", "status", str(out), "--csv", str(csv_path)]) == 12
    text = capsys.readouterr().out
    assert "done: 2" in text and "failed: 1" in text and "corrupt_file" in text
    rows = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("id,state,stage,pages")
    assert any(r.startswith("broken,failed") for r in rows)

    # second run: nothing is OCRed again
    first_ocr = {d: _attempts(out, d)[0]["finished_at"] for d in ("dev-006", "dev-009")}
    report = run_batch(source, out)
    assert report.pages_processed == 0
    assert {d.id: d.skipped for d in report.documents} == {
        "broken": True,
        "dev-006": True,
        "dev-009": True,
    }
    for d in ("dev-006", "dev-009"):
        (only,) = _attempts(out, d)
        assert only["finished_at"] == first_ocr[d]

    # the corrupt file is replaced and dev-009 changes: both are (re)done, dev-006 is not
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", source / "broken.tif")
    (source / "broken.pdf").unlink()
    from PIL import Image

    with Image.open(CORPUS / "dev-009" / "dev-009.tif") as im:
        im.save(source / "dev-009.tif", compression="packbits")  # same pages, other bytes
    report = run_batch(source, out)
    by_id = {d.id: d for d in report.documents}
    assert by_id["dev-009"].redone and by_id["dev-009"].state == "done"
    assert len(_attempts(out, "dev-009")) == 2
    assert by_id["dev-006"].skipped and len(_attempts(out, "dev-006")) == 1
    assert by_id["broken"].redone and by_id["broken"].state == "done" and by_id["broken"].pages == 2
    assert report.ok and report.exit_code == 0

    # new metadata for every document: metadata redone on the kept OCR, final PDFs replaced
    report = run_batch(source, out, BatchOptions(meta={"organ_id": "H39.23"}))
    assert report.ok and report.pages_processed == 0
    assert read_xmp(out / "dev-006.pdf")["organ_id"] == "H39.23"
    assert len(_attempts(out, "dev-006")) == 1 and len(_attempts(out, "dev-006", "meta")) == 2
    # a final PDF deleted by hand is rebuilt, also when its OCR work files are gone too
    (out / "dev-009.pdf").unlink()
    for f in (out / ".batch" / "work").glob("dev-009.*"):
        f.unlink()
    report = run_batch(source, out, BatchOptions(meta={"organ_id": "H39.23"}))
    assert report.ok and (out / "dev-009.pdf").is_file()
    assert len(_attempts(out, "dev-009")) == 3


def test_sigkill_after_first_document_then_resume(tmp_path):
    src = tmp_path / "backlog"
    _copy_doc6(src)
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / "dev-009.tif")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "digitizer",
            "batch",
            str(src),
            "-o",
            str(out),
            "--sequential",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    seen = []
    try:
        for line in proc.stdout:  # event-driven: kill as soon as the first document is done
            seen.append(line)
            if "dev-006: done" in line:
                os.killpg(proc.pid, signal.SIGKILL)
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        proc.stdout.close()
    assert any("dev-006: done" in s for s in seen), seen
    assert proc.returncode == -signal.SIGKILL
    assert _docs(out)["dev-006"]["state"] == "done"
    assert _docs(out)["dev-009"]["state"] in ("pending", "running")  # killed before finishing
    (first,) = _attempts(out, "dev-006")

    report = run_batch(src, out)
    by_id = {d.id: d for d in report.documents}
    assert by_id["dev-006"].skipped
    (again,) = _attempts(out, "dev-006")  # not OCRed a second time
    assert again["finished_at"] == first["finished_at"]
    assert by_id["dev-009"].state == "done" and report.ok
    ok = [a for a in _attempts(out, "dev-009") if a["ok"] == 1]
    assert len(ok) == 1
    assert not list(out.glob(".*.part")) and not list((out / ".batch" / "work").glob(".*.part"))
    import pikepdf

    with pikepdf.open(out / "dev-009.pdf") as pdf:
        assert len(pdf.pages) == 2


def _self_signed_p12(path: Path, password: bytes, expired: bool = False) -> None:
    """30 days valid from now, or (``expired``) from 60 days ago: expired a month ago."""
    start = datetime.now(UTC) - timedelta(days=60 if expired else 0, minutes=5)
    self_signed_p12(path, password, valid_from=start)


def test_manifest_sign_enqueue_needs_review_and_classified(tmp_path, monkeypatch):
    import hashlib

    import signing
    from digitizer.archive import Outbox, load_settings, run_worker

    src = tmp_path / "backlog"
    _copy_doc6(src)
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / "dev-009.tif")
    manifest = src / "manifest.json"

    def write_manifest(b_meta: dict) -> None:
        manifest.write_text(
            json.dumps(
                [
                    {"id": "a", "inputs": ["dev-006/p01.png", "dev-006/p02.png"]},
                    {"id": "b", "inputs": ["dev-009.tif"], "metadata": b_meta},
                ],
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )

    write_manifest({"issued_date": "2099-01-01"})  # in the future: invalid -> needs review
    archive_dir = tmp_path / "archive"
    archive_dir.mkdir()
    settings = tmp_path / "settings.toml"
    settings.write_text(
        f'[archive.targets.local]\nkind = "folder"\npath = "{archive_dir}"\n', encoding="utf-8"
    )
    p12 = tmp_path / "signer.p12"
    _self_signed_p12(p12, b"batch-secret")
    monkeypatch.setenv("DIGITIZER_CONFIG", str(settings))
    monkeypatch.setenv("DIGITIZER_OUTBOX", str(tmp_path / "outbox"))
    monkeypatch.setenv("BATCH_P12_PW", "batch-secret")
    out = tmp_path / "out"
    argv = [
        "batch",
        str(manifest),
        "-o",
        str(out),
        "-q",
        "--pkcs12",
        str(p12),
        "--password-env",
        "BATCH_P12_PW",
        "--level",
        "B-B",
        "--enqueue",
        "local",
    ]

    assert cli.main(argv) == 12
    docs = _docs(out)
    assert docs["a"]["state"] == "done" and docs["a"]["stage"] == "queued"
    assert signing.is_signed(out / "a.pdf")
    sha_a = hashlib.sha256((out / "a.pdf").read_bytes()).hexdigest()
    side = json.loads((out / "a.pdf.json").read_text(encoding="utf-8"))
    assert side["sha256"] == sha_a  # sidecar written after signing
    assert (
        docs["b"]["state"] == "needs_review"
        and "issued_date: future_date" in docs["b"]["field_errors"]
    )
    assert not (out / "b.pdf").exists()
    review = json.loads((out / ".batch" / "review" / "b.json").read_text(encoding="utf-8"))
    assert review["errors"][0]["field"] == "issued_date"
    ob = Outbox(tmp_path / "outbox")
    assert [(i.sha256, Path(i.source_path).name) for i in ob.items()] == [(sha_a, "a.pdf")]

    # same command again: nothing re-signed or re-queued
    assert cli.main(argv) == 12
    assert len(_attempts(out, "a", "sign")) == 1
    assert len(ob.items()) == 1

    # metadata for b fixed, but b is classified: signed and kept, never enqueued, not re-OCRed
    write_manifest({"mode": "Mật"})
    assert cli.main(argv) == 0
    docs = _docs(out)
    assert docs["b"]["state"] == "done" and docs["b"]["stage"] == "signed"
    assert signing.is_signed(out / "b.pdf")
    assert len(_attempts(out, "b", "ocr")) == 1 and len(_attempts(out, "b", "meta")) == 2
    assert len(ob.items()) == 1  # the outbox holds each (non-classified) document once

    # draining the outbox puts exactly one PDF into the folder archive
    rep = run_worker(ob, load_settings().targets, once=True)
    assert sum(t.uploaded for t in rep.targets) == 1
    stored = [p for p in archive_dir.rglob("*.pdf")]
    assert len(stored) == 1 and hashlib.sha256(stored[0].read_bytes()).hexdigest() == sha_a


def test_source_manifest_csv_and_usage_errors(tmp_path):
    (tmp_path / "x.tif").write_bytes(b"II*\x00")
    (tmp_path / "m.csv").write_text(
        "id,inputs,dossier_code\nd1,x.tif;y.tif,000.00.23.H39-221005-0001\n", encoding="utf-8"
    )
    (spec,) = scan_source(tmp_path / "m.csv")
    assert spec.id == "d1" and [p.name for p in spec.inputs] == ["x.tif", "y.tif"]
    assert spec.metadata == {"dossier_code": "000.00.23.H39-221005-0001"}
    (tmp_path / "dup.csv").write_text("id,inputs\nd1,x.tif\nd1,x.tif\n", encoding="utf-8")
    with pytest.raises(UsageError, match="twice"):
        scan_source(tmp_path / "dup.csv")
    with pytest.raises(UsageError, match="unknown field"):
        run_batch(tmp_path / "m.csv", tmp_path / "o", BatchOptions(meta={"nope": "1"}))
    # a missing input file fails that document only, before any OCR
    rep = run_batch(tmp_path / "m.csv", tmp_path / "o")
    assert rep.documents[0].state == "failed" and rep.documents[0].error_code == "bad_input"
    assert "y.tif" in rep.documents[0].error and rep.exit_code == 12
    # a journal written by a newer program is refused, not downgraded
    conn = sqlite3.connect(journal_path(tmp_path / "o"))
    conn.execute(f"PRAGMA user_version={JOURNAL_VERSION + 1}")
    conn.close()
    with pytest.raises(OutputError, match="schema version"):
        run_batch(tmp_path / "m.csv", tmp_path / "o")
    assert cli.main(["batch", "status", str(tmp_path / "nothing")]) == 2


def test_credential_failure_stops_the_batch_and_resume_signs_without_new_ocr(tmp_path, monkeypatch):
    """A refused certificate would fail every document: the batch stops (exit 21) with the
    document's OCR and metadata kept; with a valid certificate the rerun only signs."""
    import signing

    src = tmp_path / "backlog"
    src.mkdir()
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / "dev-009.tif")
    out = tmp_path / "out"
    monkeypatch.setenv("BATCH_P12_PW", "pw")
    old, new = tmp_path / "expired.p12", tmp_path / "valid.p12"
    _self_signed_p12(old, b"pw", expired=True)
    _self_signed_p12(new, b"pw")
    base = [
        "batch",
        str(src),
        "-o",
        str(out),
        "-q",
        "--password-env",
        "BATCH_P12_PW",
        "--level",
        "B-B",
    ]
    assert cli.main([*base, "--pkcs12", str(old)]) == 21
    row = _docs(out)["dev-009"]
    assert row["state"] == "pending" and row["stage"] == "meta_done"
    assert not (out / "dev-009.pdf").exists()
    assert cli.main([*base, "--pkcs12", str(new)]) == 0
    assert signing.is_signed(out / "dev-009.pdf")
    assert len(_attempts(out, "dev-009", "ocr")) == 1
    assert [a["ok"] for a in _attempts(out, "dev-009", "sign")] == [0, 1]


def test_encrypted_and_signed_inputs_fail_with_their_reason(tmp_path):
    import pikepdf

    src = tmp_path / "backlog"
    src.mkdir()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.save(src / "locked.pdf", encryption=pikepdf.Encryption(user="u", owner="o"))
    pdf.save(src / "plain.pdf")
    import signing

    _self_signed_p12(tmp_path / "s.p12", b"pw")
    with signing.load_pkcs12(tmp_path / "s.p12", "pw") as h:
        signing.sign_pdf(src / "plain.pdf", src / "signed.pdf", h, level="B-B")
    rep = run_batch(src, tmp_path / "out", BatchOptions(required=()))
    by_id = {d.id: d for d in rep.documents}
    assert by_id["locked"].state == "failed" and by_id["locked"].error_code == "encrypted_pdf"
    assert "locked.pdf" in by_id["locked"].error
    assert by_id["signed"].state == "failed" and by_id["signed"].error_code == "signed_pdf"
    assert by_id["plain"].state == "done", by_id["plain"]  # the batch went on
    assert rep.exit_code == 12


def test_ctrl_c_in_default_overlapped_mode_exits_130_and_resumes(tmp_path):
    src = tmp_path / "backlog"
    _copy_doc6(src)
    for name in ("dev-009.tif", "dev-009b.tif"):
        shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / name)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "digitizer", "batch", str(src), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        for line in proc.stdout:
            if "dev-006: done" in line:
                proc.send_signal(signal.SIGINT)
                break
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    states = {k: v["state"] for k, v in _docs(out).items()}
    assert states["dev-006"] == "done" and states["dev-009b"] != "done"
    report = run_batch(src, out)
    assert report.ok and len(_attempts(out, "dev-006")) == 1


def test_batch_signs_with_a_usb_token_and_a_wrong_pin_stops_it_first(tmp_path, monkeypatch, capsys):
    """An archivist's unattended run with the agency's PKCS#11 token (SoftHSM2): a wrong PIN stops
    the batch before any document is signed (exit 23, no PIN in the message); the right PIN signs
    with the token's certificate, the root completing the chain from --chain."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    import signing

    pki_mod = pki_module()
    pki = pki_mod.build_pki(tmp_path / "pki")  # certificates only: B-B needs no servers
    tok = pki_mod.init_softhsm(pki, tmp_path / "token", labels=("signer",), token_label="luu-tru")
    monkeypatch.setenv("SOFTHSM2_CONF", str(tok.conf_path))

    src = tmp_path / "backlog"
    src.mkdir()
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / "dev-009.tif")
    out = tmp_path / "out"
    base = [
        "batch",
        str(src),
        "-o",
        str(out),
        "-q",
        "--pkcs11-lib",
        tok.lib,
        "--token-label",
        "luu-tru",
        "--cert-label",
        "signer",
        "--pin-env",
        "BATCH_PIN",
        "--chain",
        str(pki.root_cert),
        "--level",
        "B-B",
    ]
    monkeypatch.setenv("BATCH_PIN", "999999")
    assert cli.main(base) == 23
    err = capsys.readouterr().err
    assert "wrong PIN" in err and "999999" not in err
    assert not (out / "dev-009.pdf").exists()

    # SoftHSM2 now reports CKF_USER_PIN_COUNT_LOW: an unattended run does not spend another
    # attempt without --pin-confirm-risk (exit 24, no login tried), and signs with it
    monkeypatch.setenv("BATCH_PIN", tok.pin)
    assert cli.main(base) == 24
    assert "--pin-confirm-risk" in capsys.readouterr().err
    assert not (out / "dev-009.pdf").exists()
    assert cli.main([*base, "--pin-confirm-risk"]) == 0
    signed = out / "dev-009.pdf"
    assert signing.is_signed(signed)
    root = x509.load_pem_x509_certificate(Path(pki.root_cert).read_bytes())
    report = signing.verify_pdf(signed, trust_roots=[root])
    want = x509.load_pem_x509_certificate(pki.cert_path("signer").read_bytes())
    cn = want.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    sig = report.signatures[0]
    assert sig.signer.common_name == cn
    assert sig.integrity is True
