"""Issue 19: the audit trail. A hash-chained, append-only SQLite journal; ``digitizer audit verify``
finds an edited, a deleted, a reordered and an out-of-chain record, and a chain rewritten from
some record on (every hash recomputed) through the checkpoints (workstation key or a real RFC
3161 TSA: certomancer's, from tests/testpki.py). ``audit show`` / ``export`` follow one document
from its scan through OCR, signing, verification, queueing and upload (real commands, a real
folder archive).

Tampering is done the way an attacker would: straight on the SQLite file (triggers dropped).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_util import CORPUS
from testpki import self_signed_p12

from digitizer import audit
from digitizer.audit.journal import FIELDS, record_hash

SCAN = CORPUS / "dev-006" / "p02.png"


def cli(*args, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "digitizer", *map(str, args)], capture_output=True, text=True,
        timeout=timeout, check=False, env={**os.environ, **(env or {})},
    )


@pytest.fixture
def journal(tmp_path, monkeypatch):
    """Six records through the public helper, in the journal the conftest fixture set up."""
    monkeypatch.setenv("DIGITIZER_CONFIG", str(tmp_path / "settings.toml"))
    (tmp_path / "settings.toml").write_text('[audit]\noperator = "Nguyễn Văn A"\n'
                                            "checkpoint_every = 0\n", encoding="utf-8")
    for i in range(6):
        assert audit.record("ocr.run", doc=f"doc-{i}", sha256=f"{i:064x}", details={"n": i})
    return Path(os.environ["DIGITIZER_AUDIT_JOURNAL"])


def raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS records_no_update")
    conn.execute("DROP TRIGGER IF EXISTS records_no_delete")
    return conn


def verify_problems(expect_rc: int = 34) -> list[dict]:
    r = cli("audit", "verify", "--json")
    assert r.returncode == expect_rc, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    return json.loads(r.stdout)["problems"]


def test_a_clean_journal_verifies_and_records_who_where_when(journal):
    assert verify_problems(0) == []
    recs = audit.open_journal().records()
    assert [r.seq for r in recs] == [1, 2, 3, 4, 5, 6]
    r = recs[0]
    assert r.operator == "Nguyễn Văn A" and r.os_user and r.workstation
    assert r.time[-6] in "+-" and r.time[-3] == ":"  # local time with its UTC offset
    assert r.prev == "0" * 64 and recs[1].prev == r.hash


def test_the_journal_refuses_update_and_delete_through_sqlite(journal):
    conn = sqlite3.connect(journal, isolation_level=None)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE records SET details='{}' WHERE seq=2")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM records WHERE seq=2")


def test_verify_detects_an_edited_record(journal):
    raw(journal).execute("""UPDATE records SET details='{"n": 99}' WHERE seq=3""")
    probs = verify_problems()
    assert [(p["seq"], p["kind"]) for p in probs] == [(3, "edited")]


def test_verify_detects_a_deleted_record(journal):
    raw(journal).execute("DELETE FROM records WHERE seq=4")
    probs = verify_problems()
    assert [(p["seq"], p["kind"]) for p in probs] == [(5, "deleted")]
    assert "4..4" in probs[0]["message"]


def test_verify_detects_reordered_records(journal):
    conn = raw(journal)
    conn.execute("UPDATE records SET seq=-1 WHERE seq=2")
    conn.execute("UPDATE records SET seq=2 WHERE seq=3")
    conn.execute("UPDATE records SET seq=3 WHERE seq=-1")
    probs = verify_problems()
    kinds = {(p["seq"], p["kind"]) for p in probs}
    assert (2, "reordered") in kinds and (3, "reordered") in kinds, probs
    assert {p["kind"] for p in probs} == {"reordered"}


def test_verify_detects_an_out_of_chain_record(journal):
    """A forged record with a correct hash of its own, appended with a prev that is not the
    newest record's hash (as a tool that does not know the chain would write it)."""
    conn = raw(journal)
    row = dict(zip(("seq", "hash"), conn.execute("SELECT seq, hash FROM records WHERE seq=2")
                   .fetchone()))
    forged = {"seq": 7, "time": "2026-01-01T00:00:00+07:00", "event": "signed", "doc": "doc-x",
              "sha256": "f" * 64, "inputs": [], "operator": "X", "os_user": "x",
              "workstation": "x", "details": {}, "prev": row["hash"]}
    conn.execute(
        "INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*[json.dumps(forged[k]) if k in ("inputs", "details") else forged[k] for k in FIELDS],
         record_hash(forged)),
    )
    probs = verify_problems()
    assert [(p["seq"], p["kind"]) for p in probs] == [(7, "reordered")] or [
        (p["seq"], p["kind"]) for p in probs] == [(7, "out_of_chain")]
    # and one whose prev is no record at all
    conn.execute("DELETE FROM records WHERE seq=7")
    forged["prev"] = hashlib.sha256(b"elsewhere").hexdigest()
    conn.execute(
        "INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*[json.dumps(forged[k]) if k in ("inputs", "details") else forged[k] for k in FIELDS],
         record_hash(forged)),
    )
    assert [(p["seq"], p["kind"]) for p in verify_problems()] == [(7, "out_of_chain")]


def rewrite_chain(path: Path, from_seq: int, details: dict) -> None:
    """The attacker's best move without the key: edit a record and recompute every hash after."""
    conn = raw(path)
    recs = audit.open_journal().records()
    prev = recs[from_seq - 2].hash if from_seq > 1 else "0" * 64
    for r in recs[from_seq - 1:]:
        d = r.to_dict()
        if r.seq == from_seq:
            d["details"] = details
        d["prev"] = prev
        h = record_hash(d)
        conn.execute("UPDATE records SET details=?, prev=?, hash=? WHERE seq=?",
                     (json.dumps(d["details"], sort_keys=True), prev, h, r.seq))
        prev = h


def test_a_rewritten_chain_is_caught_by_the_key_checkpoint(journal):
    r = cli("audit", "checkpoint")
    assert r.returncode == 0 and "checkpoint at record 6" in r.stdout, r.stderr
    assert oct(Path(os.environ["DIGITIZER_AUDIT_KEY"]).stat().st_mode & 0o777) == "0o600"
    assert verify_problems(0) == []
    rewrite_chain(journal, 3, {"n": 42})
    probs = verify_problems()
    assert [p["kind"] for p in probs] == ["checkpoint"], probs  # the chain itself is consistent


def test_removing_the_newest_records_is_caught_once_a_checkpoint_covers_them(journal):
    assert cli("audit", "checkpoint").returncode == 0
    raw(journal).execute("DELETE FROM records WHERE seq>=5")
    kinds = [p["kind"] for p in verify_problems()]
    assert "checkpoint" in kinds and "deleted" in kinds


def test_a_checkpoint_signed_with_another_key_is_refused(journal, tmp_path):
    assert cli("audit", "checkpoint").returncode == 0
    rewrite_chain(journal, 2, {"n": 7})
    conn = raw(journal)
    conn.execute("DELETE FROM checkpoints")
    # the attacker re-anchors with a key of their own
    r = cli("audit", "checkpoint", env={"DIGITIZER_AUDIT_KEY": str(tmp_path / "mine.pem")})
    assert r.returncode == 0
    probs = verify_problems()
    assert [p["kind"] for p in probs] == ["checkpoint"]
    assert "not this workstation's key" in probs[0]["message"]


@pytest.fixture(scope="module")
def tsa(tmp_path_factory):
    from testpki import pki_module

    mod = pki_module()
    pki = mod.build_pki(tmp_path_factory.mktemp("pki"))
    mod.start_animator(pki)
    yield pki
    pki.stop()


def test_tsa_checkpoints_verify_and_catch_a_rewrite(journal, tsa, tmp_path):
    (tmp_path / "settings.toml").write_text(
        f'[audit]\ntsa_url = "{tsa.tsa_url}"\ntsa_trust = ["{tsa.root_cert}"]\n'
        "checkpoint_every = 3\n", encoding="utf-8")
    for i in range(3):  # record 7 is the first 3 past the last checkpoint (none): anchored
        audit.record("signed", doc=f"doc-s{i}", sha256=f"{i + 100:064x}")
    cps = audit.open_journal().checkpoints()
    assert [(c[1], c[4]) for c in cps] == [(7, "tsa")]
    assert verify_problems(0) == []
    r = cli("audit", "verify")
    assert "anchored up to record 7 (2 newer record(s) only chained)" in r.stderr
    rewrite_chain(journal, 5, {"forged": True})
    probs = verify_problems()
    assert [p["kind"] for p in probs] == ["checkpoint"]


def test_a_tampered_tsa_token_is_refused(journal, tsa, tmp_path):
    (tmp_path / "settings.toml").write_text(
        f'[audit]\ntsa_url = "{tsa.tsa_url}"\ncheckpoint_every = 0\n', encoding="utf-8")
    assert cli("audit", "checkpoint").returncode == 0
    conn = raw(journal)
    token = bytearray(conn.execute("SELECT token FROM checkpoints").fetchone()[0])
    token[-20] ^= 0xFF  # inside the TSA's signature value
    conn.execute("UPDATE checkpoints SET token=?", (bytes(token),))
    probs = verify_problems()
    assert [p["kind"] for p in probs] == ["checkpoint"], probs


def test_a_document_history_from_scan_to_archive(tmp_path):
    """Real commands: ocr -> sign -> verify -> upload -> queue run; `audit show` on the signed
    file follows the inputs' hashes back to the scan, `audit export` writes the same as JSON."""
    scan = tmp_path / "scan.png"
    shutil.copy(SCAN, scan)
    p12 = self_signed_p12(tmp_path / "signer.p12", b"pw-123")
    (tmp_path / "archive").mkdir()
    cfg = tmp_path / "settings.toml"
    cfg.write_text('[audit]\noperator = "Trần Thị B"\n\n[archive]\ndefault_targets = ["local"]\n'
                   f'[archive.targets.local]\nkind = "folder"\npath = "{tmp_path / "archive"}"\n',
                   encoding="utf-8")
    env = {"DIGITIZER_CONFIG": str(cfg), "DIGITIZER_OUTBOX": str(tmp_path / "outbox"),
           "SIGN_PW": "pw-123"}
    assert cli("ocr", scan, "-o", tmp_path / "ocr.pdf", "-q", env=env).returncode == 0
    r = cli("sign", tmp_path / "ocr.pdf", "-o", tmp_path / "signed.pdf", "--pkcs12", p12,
            "--password-env", "SIGN_PW", "--level", "B-B", env=env)
    assert r.returncode == 0, r.stderr
    cli("verify", tmp_path / "signed.pdf", env=env)  # self-signed: not trusted, still a verdict
    meta = {"dossier_code": "000.00.12.H17-250312-0001", "procedure_code": "1.001234",
            "organ_id": "000.00.12.H17", "code_number": "1/QĐ-STP", "issued_date": "2025-03-12"}
    (tmp_path / "signed.json").write_text(json.dumps(meta), encoding="utf-8")
    r = cli("upload", tmp_path / "signed.pdf", env=env)
    assert r.returncode == 0, r.stderr
    r = cli("queue", "run", "--once", env=env)
    assert r.returncode == 0, r.stderr

    r = cli("audit", "show", tmp_path / "signed.pdf", "--json", env=env)
    assert r.returncode == 0, r.stderr
    hist = json.loads(r.stdout)
    events = [x["event"] for x in hist["records"]]
    assert events == ["document.created", "ocr.run", "signed", "verified", "queued", "uploaded"]
    created, signed, uploaded = hist["records"][0], hist["records"][2], hist["records"][-1]
    assert created["details"]["sources"][0]["sha256"] == hashlib.sha256(
        scan.read_bytes()).hexdigest()
    signed_sha = hashlib.sha256((tmp_path / "signed.pdf").read_bytes()).hexdigest()
    assert signed["sha256"] == signed_sha and signed["inputs"] == [created["sha256"]]
    assert signed["details"]["level"] == "B-B" and signed["details"]["certificate_sha256"]
    assert uploaded["details"]["target"] == "local" and uploaded["details"]["key"]
    assert uploaded["details"]["server_sha256"] == signed_sha
    assert all(x["operator"] == "Trần Thị B" for x in hist["records"])
    # the same history by hash, and exported to a file
    out = tmp_path / "history.json"
    assert cli("audit", "export", signed_sha, "-o", out, env=env).returncode == 0
    assert [x["event"] for x in json.loads(out.read_text())["records"]] == events
    assert cli("audit", "verify", env=env).returncode == 0


def test_a_failed_command_is_an_audit_event(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    r = cli("ocr", bad, "-o", tmp_path / "out.pdf")
    assert r.returncode == 3
    recs = audit.open_journal().records()
    assert [(x.event, x.details["command"], x.details["exit_code"]) for x in recs] == [
        ("failed", "ocr", 3)]


def test_show_of_an_unknown_document_is_a_clear_error(tmp_path):
    r = cli("audit", "show", "0" * 64)
    assert r.returncode == 3 and "no record of this document" in r.stderr


def test_a_tsa_outside_tsa_trust_is_refused(journal, tsa, tmp_path):
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    other = self_signed_p12(tmp_path / "other.p12", b"x")
    _, cert, _ = pkcs12.load_key_and_certificates(other.read_bytes(), b"x")
    (tmp_path / "other.pem").write_bytes(cert.public_bytes(Encoding.PEM))
    (tmp_path / "settings.toml").write_text(
        f'[audit]\ntsa_url = "{tsa.tsa_url}"\ntsa_trust = ["{tmp_path / "other.pem"}"]\n'
        "checkpoint_every = 0\n", encoding="utf-8")
    assert cli("audit", "checkpoint").returncode == 0
    probs = verify_problems()
    assert [p["kind"] for p in probs] == ["checkpoint"] and "tsa_trust" in probs[0]["message"]
