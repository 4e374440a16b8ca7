"""Issue 19 (hardening), first step: outputs never touch inputs, only regular files are read and
their size and page count are checked before any work, and non-UTF-8 names never crash.

Every case runs the installed ``digitizer`` command in a subprocess with a timeout and asserts the
exit code, the message, the wall time and that the input is unchanged. FIFOs and links are real
ones made in tmp_path.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pikepdf
import pytest
from corpus_util import CORPUS
from PIL import Image

SCAN = CORPUS / "dev-006" / "p02.png"  # a small one-page scan: quick to OCR
PDF = CORPUS / "dev-002" / "dev-002.pdf"  # an unsigned one-page scan PDF


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def run(
    cmd: list[str], *args: str | bytes | os.PathLike, timeout: float = 60, env: dict | None = None
):
    """Run the installed command; returns (exit code, stdout, stderr, seconds)."""
    t0 = time.monotonic()
    r = subprocess.run(
        [*cmd, *map(os.fsencode, args)],
        capture_output=True,
        check=False,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    err = r.stderr.decode("utf-8", "replace")
    return r.returncode, r.stdout.decode("utf-8", "replace"), err, time.monotonic() - t0


def no_internals(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


# --------------------------------------------------------------------- 1. outputs never touch inputs


def test_ocr_sidecar_over_the_input_is_refused_and_nothing_written(tmp_path, digitizer_cmd):
    scan = tmp_path / "scan.png"
    shutil.copy(SCAN, scan)
    before = sha(scan)
    rc, _, err, _ = run(digitizer_cmd, "ocr", scan, "-o", tmp_path / "out.pdf", "--sidecar", scan)
    assert rc == 2, err
    assert "--sidecar" in err and "input" in err
    no_internals(err)
    assert sha(scan) == before
    assert not (tmp_path / "out.pdf").exists()


def test_ocr_sidecar_over_the_output_and_links_to_inputs_are_refused(tmp_path, digitizer_cmd):
    scan = tmp_path / "scan.png"
    shutil.copy(SCAN, scan)
    before = sha(scan)
    out = tmp_path / "out.pdf"
    rc, _, err, _ = run(digitizer_cmd, "ocr", scan, "-o", out, "--sidecar", out)
    assert rc == 2 and "--sidecar" in err and "-o" in err, err
    assert not out.exists()
    soft = tmp_path / "side.json"
    soft.symlink_to(scan)
    rc, _, err, _ = run(digitizer_cmd, "ocr", scan, "-o", out, "--sidecar", soft)
    assert rc == 2 and "input" in err, err
    hard = tmp_path / "hard.pdf"
    os.link(scan, hard)
    rc, _, err, _ = run(digitizer_cmd, "ocr", scan, "-o", hard)
    assert rc == 2 and "input" in err, err
    assert sha(scan) == before and soft.is_symlink() and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "hard.pdf",
        "home",
        "scan.png",
        "side.json",
    ]


@pytest.mark.parametrize("where", ["same", "inside", "link"])
def test_batch_output_in_its_source_is_refused_before_anything_is_written(
    tmp_path, digitizer_cmd, where
):
    src = tmp_path / "src"
    (src / "doc").mkdir(parents=True)
    shutil.copy(SCAN, src / "doc" / "p.png")
    out = {"same": src, "inside": src / "doc" / "out", "link": tmp_path / "out"}[where]
    if where == "link":
        out.symlink_to(src)
    listing = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    rc, _, err, secs = run(digitizer_cmd, "batch", src, "-o", out, "-q")
    assert rc == 2, err
    assert "output folder" in err and "input folder" in err
    no_internals(err)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == listing
    assert secs < 10


def test_verify_report_over_or_inside_an_input_is_refused(tmp_path, digitizer_cmd):
    folder = tmp_path / "signed"
    folder.mkdir()
    doc = folder / "a.pdf"
    shutil.copy(PDF, doc)
    before = sha(doc)
    for args in (
        [doc, "--report", doc],
        [folder, "--report", folder / "report.pdf"],
        [folder, "--report", folder / "sub" / "report.html"],
        [doc, "--csv", doc],
    ):
        rc, _, err, secs = run(digitizer_cmd, "verify", *args)
        assert rc == 2, (args, err)
        assert "input" in err, err
        no_internals(err)
        assert secs < 20
    assert sha(doc) == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.pdf"]
    # a report beside the folder is fine
    rc, _, err, _ = run(digitizer_cmd, "verify", folder, "--report", tmp_path / "report.html")
    assert rc == 1 and (tmp_path / "report.html").is_file(), err  # unsigned: FAILED


# ------------------------------------------------- 2. only regular files, sizes and pages checked first


@pytest.fixture
def odd_files(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.pdf"
    zero.symlink_to("/dev/zero")
    to_fifo = tmp_path / "to-pipe.pdf"
    to_fifo.symlink_to(fifo)
    return {"fifo": fifo, "device link": zero, "link to fifo": to_fifo}


@pytest.mark.parametrize("kind", ["fifo", "device link", "link to fifo"])
def test_ocr_and_verify_refuse_what_is_not_a_regular_file(tmp_path, digitizer_cmd, odd_files, kind):
    path = odd_files[kind]
    for args in (["ocr", path, "-o", tmp_path / "o.pdf"], ["verify", path]):
        rc, _, err, secs = run(digitizer_cmd, *args, timeout=30)
        assert rc == 3, (args, err)
        assert "not a regular file" in err and path.name in err, err
        no_internals(err)
        assert secs < 5, secs
    assert not (tmp_path / "o.pdf").exists()


def test_verify_folder_reports_odd_entries_without_reading_them(tmp_path, digitizer_cmd, odd_files):
    shutil.copy(PDF, tmp_path / "good.pdf")
    rc, out, err, secs = run(digitizer_cmd, "verify", tmp_path, "--brief", timeout=60)
    assert rc == 1, err  # the real PDF is unsigned (FAILED); the odd entries are listed as errors
    for p in odd_files.values():
        assert f"{p.name}: not a regular file" in err, err
    assert "ERROR: 3" in out
    no_internals(err)
    assert secs < 20


def test_batch_manifest_with_a_fifo_fails_that_document_quickly(tmp_path, digitizer_cmd, odd_files):
    manifest = tmp_path / "m.json"
    manifest.write_text(
        json.dumps(
            [
                {"id": "pipe", "inputs": [str(odd_files["fifo"])]},
                {"id": "zero", "inputs": [str(odd_files["device link"])]},
            ]
        )
    )
    rc, _, err, secs = run(digitizer_cmd, "batch", manifest, "-o", tmp_path / "out", timeout=60)
    assert rc == 12, err
    no_internals(err)
    assert secs < 15
    con = sqlite3.connect(tmp_path / "out" / ".batch" / "journal.sqlite3")
    rows = dict(con.execute("SELECT id, error FROM documents").fetchall())
    assert "not a regular file" in rows["pipe"] and "not a regular file" in rows["zero"], rows


def test_file_size_is_checked_before_reading(tmp_path, digitizer_cmd):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:  # sparse: 600 MB on paper, a few bytes on disk
        fh.write(b"%PDF-1.4\n")
        fh.truncate(600 * 1024 * 1024)
    for args in (["ocr", big, "-o", tmp_path / "o.pdf"], ["verify", big]):
        rc, _, err, secs = run(digitizer_cmd, *args, timeout=30)
        assert rc == 3, (args, err)
        assert "600 MB" in err and "500 MB" in err and "--max-file-size" in err, err
        no_internals(err)
        assert secs < 5, secs
    # the limit is raised by the option: a real scan over a tiny limit is refused, then accepted
    scan = tmp_path / "scan.png"
    shutil.copy(SCAN, scan)
    rc, _, err, _ = run(
        digitizer_cmd, "ocr", scan, "-o", tmp_path / "o.pdf", "--max-file-size", "0.001"
    )
    assert rc == 3 and "limit of 0.001 MB" in err, err
    assert not (tmp_path / "o.pdf").exists()


def test_pages_per_document_are_capped_before_the_work_starts(tmp_path, digitizer_cmd):
    many = tmp_path / "many.pdf"
    pdf = pikepdf.new()
    for _ in range(2001):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(many)
    rc, _, err, secs = run(digitizer_cmd, "ocr", many, "-o", tmp_path / "o.pdf", timeout=60)
    assert rc == 3, err
    assert "2001 pages" in err and "limit of 2000" in err and "--max-pages" in err, err
    no_internals(err)
    assert secs < 20
    # TIFF frames count as pages; the cap is checked while listing the frames
    tif = tmp_path / "frames.tif"
    frames = [Image.new("L", (40, 40), 255) for _ in range(5)]
    frames[0].save(tif, save_all=True, append_images=frames[1:])
    rc, _, err, secs = run(
        digitizer_cmd, "ocr", tif, SCAN, "-o", tmp_path / "o.pdf", "--max-pages", "5"
    )
    assert rc == 3 and "more than 5 pages" in err, err
    assert secs < 10
    assert not (tmp_path / "o.pdf").exists()
    rc, _, err, _ = run(digitizer_cmd, "ocr", tif, "-o", tmp_path / "o.pdf", "--max-pages", "0")
    assert rc == 2, err


# ----------------------------------------------------------------------------- 3. names are bytes


BAD = b"h\xf4 s\xff"  # Latin-1 bytes: not UTF-8


def test_ocr_with_non_utf8_names_writes_a_valid_sidecar(tmp_path, digitizer_cmd):
    src = os.path.join(os.fsencode(tmp_path), BAD + b".png")
    shutil.copy(SCAN, src)
    out = os.path.join(os.fsencode(tmp_path), BAD + b".pdf")
    side = tmp_path / "s.json"
    strict = {"PYTHONIOENCODING": "utf-8:strict"}  # a UTF-8 locale (not C.UTF-8) prints strictly
    rc, _, err, _ = run(
        digitizer_cmd, "ocr", src, "-o", out, "--sidecar", side, env=strict, timeout=180
    )
    assert rc == 0, err
    no_internals(err)
    data = json.loads(side.read_bytes().decode("utf-8"))  # valid UTF-8
    assert data["inputs"] == ["h\\xf4 s\\xff.png"], data["inputs"]
    assert os.path.exists(out)
    # a refusal names the file with its bytes escaped
    bad = os.path.join(os.fsencode(tmp_path), BAD + b".tif")
    with open(bad, "wb") as fh:
        fh.write(b"junk")
    rc, _, err, _ = run(digitizer_cmd, "ocr", bad, "-o", tmp_path / "o.pdf", env=strict)
    assert rc == 3 and "h\\xf4 s\\xff.tif" in err, err


def test_verify_with_non_utf8_names_prints_and_reports(tmp_path, digitizer_cmd):
    doc = os.path.join(os.fsencode(tmp_path), BAD + b".pdf")
    shutil.copy(PDF, doc)
    strict = {"PYTHONIOENCODING": "utf-8:strict"}
    for extra in (
        [],
        ["--json"],
        ["--report", tmp_path / "r.pdf"],
        ["--report", tmp_path / "r.html"],
    ):
        rc, out, err, _ = run(digitizer_cmd, "verify", doc, *extra, env=strict)
        assert rc == 1, (extra, err)  # unsigned: FAILED, not an internal error
        no_internals(err)
        if not extra:
            assert "h\\xf4 s\\xff.pdf" in out
    assert "h\\xf4 s\\xff.pdf" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_batch_with_a_non_utf8_folder_and_a_long_vietnamese_name_processes_every_document(
    tmp_path, digitizer_cmd
):
    src = tmp_path / "src"
    src.mkdir()
    bad = os.path.join(os.fsencode(src), BAD)
    os.mkdir(bad)
    shutil.copy(SCAN, os.path.join(bad, b"p\xe9.png"))
    long_name = ("Giấy chứng nhận quyền sử dụng đất " * 8)[:200].strip()
    while len(long_name.encode()) > 253:
        long_name = long_name[:-1]
    long_name = long_name.rstrip()
    assert len(long_name.encode()) > 240
    (src / long_name).mkdir()
    shutil.copy(SCAN, src / long_name / "p.png")
    (src / "good").mkdir()
    shutil.copy(SCAN, src / "good" / "p.png")
    out = tmp_path / "out"
    strict = {"PYTHONIOENCODING": "utf-8:strict"}
    rc, _, err, _ = run(
        digitizer_cmd, "batch", src, "-o", out, "--sequential", env=strict, timeout=300
    )
    no_internals(err)
    assert rc == 12, err  # every document OCRed; they need review (no metadata given)
    con = sqlite3.connect(out / ".batch" / "journal.sqlite3")
    rows = con.execute("SELECT id, state, stage, error FROM documents").fetchall()
    assert len(rows) == 3, rows
    assert {r[1] for r in rows} == {"needs_review"}, rows
    assert all(r[2] == "ocr_done" for r in rows), rows
    for doc_id, *_ in rows:
        assert len(doc_id.encode()) <= 180, doc_id
        assert (out / ".batch" / "review" / f"{doc_id}.json").is_file()
    rc, _, err, _ = run(
        digitizer_cmd, "batch", "status", out, "--csv", tmp_path / "r.csv", env=strict
    )
    assert rc == 12, err
    no_internals(err)
    assert "h\\xf4 s\\xff" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")


def test_verify_listing_that_is_a_fifo_is_refused(tmp_path, digitizer_cmd, odd_files):
    rc, _, err, secs = run(digitizer_cmd, "verify", "--list", odd_files["fifo"], timeout=20)
    assert rc == 3 and "not a regular file" in err, err
    no_internals(err)
    assert secs < 5


def test_batch_output_folder_with_a_non_utf8_name_is_refused_before_writing(
    tmp_path, digitizer_cmd
):
    src = tmp_path / "src"
    (src / "doc").mkdir(parents=True)
    shutil.copy(SCAN, src / "doc" / "p.png")
    out = os.path.join(os.fsencode(tmp_path), BAD)
    rc, _, err, secs = run(digitizer_cmd, "batch", src, "-o", out, "-q", timeout=60)
    assert rc == 2 and "not valid UTF-8" in err and "h\\xf4 s\\xff" in err, err
    no_internals(err)
    assert not os.path.exists(out)
    assert secs < 10


def test_batch_manifest_naming_a_file_inside_the_output_folder_is_refused(tmp_path, digitizer_cmd):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(PDF, out / "old.pdf")  # e.g. a final PDF of an earlier run
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"id,inputs\nagain,{out / 'old.pdf'}\n", encoding="utf-8")
    rc, _, err, secs = run(digitizer_cmd, "batch", manifest, "-o", out, "-q", timeout=60)
    assert rc == 2, err
    assert "again" in err and "inside the output folder" in err, err
    no_internals(err)
    assert sorted(p.name for p in out.iterdir()) == ["old.pdf"]
    assert secs < 10
