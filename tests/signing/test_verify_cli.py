"""``digitizer verify`` and ``digitizer trust`` as real subprocesses; report formats."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None):
    e = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "digitizer", *args],
        capture_output=True,
        text=True,
        env=e,
        cwd=ROOT,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def folder(signed, signed_plain, sample_pdf, tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    shutil.copy(signed["B-LT"].output, d / "a-lt.pdf")
    (d / "sub").mkdir()
    shutil.copy(signed_plain.output, d / "sub" / "b-plain.pdf")
    data = bytearray(signed_plain.output.read_bytes())
    i = data.index(b"GIAY CHUNG NHAN")
    data[i] = ord("Q")
    (d / "sub" / "c-tampered.pdf").write_bytes(bytes(data))
    return d


def test_verify_single_vietnamese_and_exit_codes(signed, pki):
    r = run("verify", str(signed["B-LT"].output), "--trust", str(pki.trust_dir))
    assert r.returncode == 0, r.stderr
    assert "Kết luận: HỢP LỆ (PASSED)" in r.stdout
    assert "Người ký: Nguyễn Văn Ánh" in r.stdout and "Tổ chức cấp chứng thư" in r.stdout
    assert "Mức PAdES: B-LT" in r.stdout and "chưa bị thu hồi" in r.stdout
    r = run(
        "verify", str(signed["B-LT"].output), "--trust", str(pki.trust_dir / "none"), "--lang", "en"
    )
    assert r.returncode == 2 and "INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND" in r.stdout
    assert "no chain to a trust anchor" in r.stdout


def test_verify_batch_json_csv_html(folder, pki, tmp_path):
    html_out, csv_out = tmp_path / "r.html", tmp_path / "r.csv"
    r = run(
        "verify",
        str(folder),
        "--trust",
        str(pki.trust_dir),
        "--json",
        "--report",
        str(html_out),
        "--csv",
        str(csv_out),
    )
    assert r.returncode == 1, r.stderr  # one tampered file
    doc = json.loads(r.stdout)
    assert doc["schema"] == "digitizer.verify-batch/1" and len(doc["files"]) == 3
    by = {Path(f["file"]).name: f for f in doc["files"]}
    assert by["a-lt.pdf"]["indication"] == "PASSED"
    assert by["a-lt.pdf"]["schema"] == "digitizer.verify/1"
    assert by["c-tampered.pdf"]["sub_indication"] == "HASH_FAILURE"
    sig = by["a-lt.pdf"]["signatures"][0]
    for key in (
        "signer",
        "claimed_signing_time",
        "timestamp_time",
        "tsa",
        "level",
        "integrity",
        "coverage",
        "changes_allowed",
        "trusted",
        "revocation",
        "cert_valid_at_signing",
        "key_usage_ok",
        "indication",
        "sub_indication",
    ):
        assert key in sig
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8"))))
    assert {r["indication"] for r in rows} == {"PASSED", "FAILED"} and len(rows) == 3
    page = html_out.read_text(encoding="utf-8")
    assert "<html lang='vi'>" in page and "KHÔNG HỢP LỆ" in page and "Nguyễn Văn Ánh" in page


def test_verify_input_and_policy_errors(tmp_path, pki):
    bad = tmp_path / "x.pdf"
    bad.write_text("not a pdf")
    r = run("verify", str(bad), "--trust", str(pki.trust_dir))
    assert r.returncode == 3 and "not a PDF" in r.stderr
    pol = tmp_path / "p.toml"
    pol.write_text('[checks]\ntrust = "IGNORE"\n')
    r = run("verify", str(bad), "--policy", str(pol))
    assert r.returncode == 3 and "trust cannot be IGNORE" in r.stderr
    pol.write_text('[checks]\nmodificatons = "WARN"\n')
    r = run("verify", str(bad), "--policy", str(pol))
    assert r.returncode == 3 and "unknown key checks.modificatons" in r.stderr


def test_policy_file_changes_verdict(signed, pki, tmp_path):
    pol = tmp_path / "strict.toml"
    pol.write_text(
        '[revocation]\nmissing_basic = "FAIL"\n[checks]\nmin_level = "B-LT"\nlevel = "FAIL"\n',
        encoding="utf-8",
    )
    r = run(
        "verify",
        str(signed["B-T"].output),
        "--trust",
        str(pki.trust_dir),
        "--policy",
        str(pol),
        "--json",
    )
    assert r.returncode == 2
    assert json.loads(r.stdout)["sub_indication"] in ("TRY_LATER", "SIG_CONSTRAINTS_FAILURE")
    r = run("verify", str(signed["B-T"].output), "--trust", str(pki.trust_dir), "--json")
    assert r.returncode == 0


def test_trust_commands_and_demo_never_trusted(pki, sample_pdf, tmp_path):
    store = tmp_path / "store"
    env = {"DIGITIZER_TRUST_DIR": str(store), "XDG_DATA_HOME": str(tmp_path / "data")}
    r = run("trust", "add", "--vn-bundle", env=env)
    assert r.returncode == 0 and "Vietnam National Root CA" in r.stdout
    assert "BA:C8:BF:60:9A:B4:20:A8" in r.stdout  # published fingerprint of the national root
    r = run("trust", "add", str(pki.root_cert), env=env)
    assert r.returncode == 0
    r = run("trust", "list", "--json", env=env)
    entries = json.loads(r.stdout)
    assert len(entries) == 5
    # the demo certificate: signed, verified with this store -> not trusted
    out = tmp_path / "demo.pdf"
    r = run("sign", str(sample_pdf), "-o", str(out), "--demo", "--level", "B-B", env=env)
    assert r.returncode == 0, r.stderr
    r = run("verify", str(out), env=env)
    assert r.returncode == 2 and "tự ký" in r.stdout
    fp = next(e["fingerprint_sha256"] for e in entries if "Test Root CA" in e["subject"])
    r = run("trust", "remove", fp[:23], env=env)
    assert r.returncode == 0 and "removed" in r.stdout
    r = run("trust", "remove", "DEADBEEF00", env=env)
    assert r.returncode == 41 and "no certificate matching" in r.stderr


def test_pdf_report_text_extractable(signed, pki, sample_pdf, tmp_path):
    out = tmp_path / "report.pdf"
    r = run(
        "verify",
        str(signed["B-LT"].output),
        str(sample_pdf),
        "--trust",
        str(pki.trust_dir),
        "--report",
        str(out),
    )
    assert r.returncode == 1, r.stderr  # the unsigned sample is FAILED/NO_SIGNATURE
    txt = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "Báo cáo kiểm tra chữ ký số" in txt and "Kết luận: HỢP LỆ (PASSED)" in txt
    assert "Nguyễn Văn Ánh" in txt and "tài liệu không có chữ ký số" in txt


def test_verify_archive_listing(folder, pki, tmp_path):
    listing = folder / "listing.txt"
    listing.write_text(
        "# archive export\na-lt.pdf\nsub/b-plain.pdf\nmissing.pdf\n", encoding="utf-8"
    )
    r = run("verify", "--list", str(listing), "--trust", str(pki.trust_dir), "--brief")
    assert r.returncode == 3, r.stdout + r.stderr  # one listed file is missing, none FAILED
    assert "PASSED: 2" in r.stdout and "ERROR: 1" in r.stdout and "missing.pdf" in r.stderr


def test_damaged_signed_pdf_is_a_verdict_not_exit_3(pki, sample_pdf, signed, tmp_path):
    """Issue 14: a signed file whose later revision no reader can open (a spoofed field plus an
    /Encrypt that is not a dictionary) is FAILED (exit 1) with the read mode in the JSON; a
    signed file cut off inside its signature revision is still a verdict, not an error."""
    from attacks import _spoof

    spoofed = _spoof(signed["B-T"].output, tmp_path / "spoof.pdf", break_trailer=True)
    r = run("verify", str(spoofed), "--trust", str(pki.trust_dir), "--json")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    assert doc["indication"] == "FAILED" and doc["read_mode"] == "revision"
    assert doc["signatures"][0]["read_mode"] == "revision"

    data = signed["B-T"].output.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) - 200])  # the last revision's xref and trailer are gone
    r = run("verify", str(cut), "--trust", str(pki.trust_dir), "--json")
    assert r.returncode in (1, 2), (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    assert json.loads(r.stdout)["indication"] in ("FAILED", "INDETERMINATE")
