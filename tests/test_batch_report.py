"""Issue 18, first step: nothing in SOURCE goes unaccounted for, and the morning report.

Every file of a source folder is a document, a page of one, or listed as skipped with its reason
(terminal summary, journal, HTML report). The report is checked as an archivist would read it:
each document with its state, pages, OCR coverage flags, metadata to review and why, signature
level and archive delivery, and the skipped files. Real tesseract, real signing, a real outbox
drained by the real worker into a folder target; the batch runs through the installed command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pages_util import unreadable_lines_page
from PIL import Image
from testpki import self_signed_p12

from digitizer.batch import batch_status, scan_source

CORPUS = Path(__file__).parent / "data" / "corpus"


def _run(cmd: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False, env=env)


def _row(html_text: str, doc_id: str) -> str:
    """The report's table row of one document (rows carry data-doc="<id>")."""
    m = re.search(rf'<tr data-doc="{re.escape(doc_id)}".*?</tr>', html_text, re.DOTALL)
    assert m, f"no row for {doc_id}"
    return m.group(0)


def _cell(row: str, cls: str) -> str:
    m = re.search(rf'<td class="{cls}">(.*?)</td>', row, re.DOTALL)
    assert m, f"no {cls} cell in {row}"
    return m.group(1)


def test_every_file_of_the_source_is_a_document_a_page_or_skipped_with_its_reason(
    tmp_path, digitizer_cmd
):
    """The new user's folder of issue 18: two TIFFs, two sub-folders of JPEG pages, one loose
    JPEG and one loose PNG are six documents; the stray text file and the hidden file are
    listed as skipped with their reason, in the summary, the journal and the report."""
    src = tmp_path / "backlog"
    src.mkdir()
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / "dev-009.tif")  # 2 frames
    with Image.open(CORPUS / "dev-006" / "p01.png") as im:
        im.save(src / "to-trinh.tif", compression="tiff_lzw")  # 1 frame
    for folder, doc in (("ho-so-1", "dev-001"), ("ho-so-2", "dev-004")):
        (src / folder).mkdir()
        shutil.copyfile(CORPUS / doc / "p01.jpg", src / folder / "p01.jpg")
    shutil.copyfile(CORPUS / "dev-004" / "p01.jpg", src / "scan-0007.jpg")
    shutil.copyfile(CORPUS / "dev-006" / "p01.png", src / "chup-dien-thoai.png")
    (src / "ghi chú.txt").write_text("giao ca: còn 3 hồ sơ chưa quét\n", encoding="utf-8")
    (src / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    out = tmp_path / "out"

    r = _run([*digitizer_cmd, "batch", str(src), "-o", str(out)])
    said = r.stdout + r.stderr
    assert r.returncode in (0, 12), said
    st = batch_status(out)
    pages = {d["id"]: d["pages"] for d in st.documents}
    assert pages == {
        "dev-009": 2,
        "to-trinh": 1,
        "ho-so-1": 1,
        "ho-so-2": 1,
        "scan-0007": 1,
        "chup-dien-thoai": 1,
    }, said
    assert {d["state"] for d in st.documents} <= {"done", "needs_review"}, said
    # the journal lists what was not processed, with a stable code and the reason in words
    skipped = {Path(s.path).name: s for s in st.skipped}
    assert set(skipped) == {"ghi chú.txt", ".DS_Store"}
    assert skipped["ghi chú.txt"].code == "not_a_page"
    assert "not a PDF, JPEG, PNG or TIFF" in skipped["ghi chú.txt"].reason
    assert skipped[".DS_Store"].code == "hidden"
    # the terminal summary says it at the end of the run, with the reasons
    assert "6 document(s)" in r.stdout and "2 file(s) in SOURCE skipped" in r.stdout, said
    assert re.search(r"skipped: ghi chú\.txt: not a PDF, JPEG, PNG or TIFF", said), said
    assert re.search(r"skipped: \.DS_Store: hidden", said), said
    assert "\x1b[K" not in said  # no live progress line into a pipe

    # and so do `batch status` and its report
    report = tmp_path / "sáng.html"
    s = _run([*digitizer_cmd, "batch", "status", str(out), "--report", str(report)])
    assert "skipped: ghi chú.txt" in s.stdout, s.stdout + s.stderr
    page = report.read_text(encoding="utf-8")
    assert "ghi chú.txt" in page and "not a PDF, JPEG, PNG or TIFF" in page
    assert len(re.findall(r'<tr data-doc="', page)) == 6


def test_source_folder_classification_by_content(tmp_path):
    """What becomes a document, a page or a skipped entry, decided by content (the importer's
    sniff) where the name says nothing, and by the name where the content is bad: a broken
    ``.pdf`` is a document that fails with its reason, never silently skipped."""
    from digitizer.batch import survey_source

    src = tmp_path / "src"
    (src / "doc" / "sub").mkdir(parents=True)
    (src / "empty-folder").mkdir()
    (src / "out").mkdir()
    jpeg = (CORPUS / "dev-001" / "p01.jpg").read_bytes()
    (src / "SCAN0001").write_bytes(jpeg)  # a copier's file without an extension
    (src / "broken.pdf").write_bytes(b"")  # claims to be a document: fails later, with a reason
    (src / "readme.md").write_text("# not a scan\n", encoding="utf-8")
    (src / "doc" / "p01.jpg").write_bytes(jpeg)
    (src / "doc" / "p02").write_bytes(jpeg)
    (src / "doc" / "metadata.json").write_text('{"organ_id": "H39.23"}', encoding="utf-8")
    (src / "doc" / "notes.docx").write_bytes(b"PK\x03\x04 word")
    (src / "doc" / ".~lock.p01.jpg#").write_text("x", encoding="utf-8")
    (src / "doc" / "sub" / "p03.jpg").write_bytes(jpeg)

    survey = survey_source(src, exclude=src / "out")
    docs = {d.id: [p.name for p in d.inputs] for d in survey.documents}
    assert docs == {"SCAN0001": ["SCAN0001"], "broken": ["broken.pdf"], "doc": ["p01.jpg", "p02"]}
    assert {d.id: dict(d.metadata) for d in survey.documents}["doc"] == {"organ_id": "H39.23"}
    why = {Path(s.path).relative_to(src).as_posix(): s.code for s in survey.skipped}
    assert why == {
        "doc/.~lock.p01.jpg#": "hidden",
        "doc/notes.docx": "not_a_page",
        "doc/sub": "nested_folder",
        "empty-folder": "no_pages",
        "out": "output_folder",
        "readme.md": "not_a_page",
    }
    assert all(s.reason for s in survey.skipped)
    # the journal keeps the list; a name that is not UTF-8 (a Windows-1258 copier) is stored
    # escaped instead of breaking the run
    from digitizer.batch import Journal
    from digitizer.fsutil import printable

    odd = os.fsdecode(b"bi\xean b\xe3n.txt")
    (src / odd).write_text("x", encoding="utf-8")
    survey = survey_source(src, exclude=src / "out")
    j = Journal(tmp_path / "journal.sqlite3")
    try:
        j.set_skipped(survey.skipped)
        kept = {Path(s.path).name: s.code for s in j.skipped()}
    finally:
        j.close()
    assert len(kept) == len(survey.skipped) == 7
    assert kept[Path(printable(src / odd)).name] == "not_a_page"
    # the old entry point still gives the documents only
    assert [d.id for d in scan_source(src, exclude=src / "out")] == list(docs)


def test_morning_report_html(tmp_path, digitizer_cmd, monkeypatch):
    """One run with signing and enqueueing, the outbox drained, then the morning report: each
    document's state, pages, coverage flags, metadata to review and why, signature level and
    delivery; hostile names escaped; self-contained; the CSV carries level and delivery too."""
    from digitizer.archive import Outbox, load_settings, run_worker

    src = tmp_path / "backlog"
    src.mkdir()
    unreadable_lines_page(tmp_path / "marks.png")
    with Image.open(tmp_path / "marks.png") as im:
        im.save(src / "marks.tif", dpi=(300, 300))
    shutil.copyfile(CORPUS / "dev-009" / "dev-009.tif", src / "dev-009.tif")
    (src / "xem-lai").mkdir()
    shutil.copyfile(CORPUS / "dev-006" / "p01.png", src / "xem-lai" / "p01.png")
    (src / "xem-lai" / "metadata.json").write_text(
        json.dumps({"issued_date": "2099-01-01"}), encoding="utf-8"
    )
    (src / "hỏng <i>&.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    (src / "notes.txt").write_text("not a scan", encoding="utf-8")

    archive_dir = tmp_path / "archive"
    archive_dir.mkdir()
    settings = tmp_path / "settings.toml"
    settings.write_text(
        f'[archive.targets.local]\nkind = "folder"\npath = "{archive_dir}"\n', encoding="utf-8"
    )
    p12 = tmp_path / "signer.p12"
    self_signed_p12(p12, b"pw", valid_from=datetime.now(UTC) - timedelta(minutes=5))
    monkeypatch.setenv("DIGITIZER_CONFIG", str(settings))
    monkeypatch.setenv("DIGITIZER_OUTBOX", str(tmp_path / "outbox"))
    monkeypatch.setenv("BATCH_P12_PW", "pw")
    out = tmp_path / "out"
    night = tmp_path / "night.html"
    csv_path = tmp_path / "night.csv"
    r = _run(
        [
            *digitizer_cmd,
            "batch",
            str(src),
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
            "--report",
            str(night),
            "--csv",
            str(csv_path),
        ]
    )
    assert r.returncode == 12, r.stdout + r.stderr
    page = night.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".night.html.*"))  # written atomically: no temp file left
    row = _row(page, "dev-009")
    assert "B-B" in _cell(row, "level")
    assert "local" in _cell(row, "archive") and "đang chờ" in _cell(row, "archive")

    # the worker delivers overnight; the morning report says so
    rep = run_worker(Outbox(tmp_path / "outbox"), load_settings().targets, once=True)
    assert sum(t.uploaded for t in rep.targets) == 1
    morning = tmp_path / "morning.html"
    s = _run([*digitizer_cmd, "batch", "status", str(out), "--report", str(morning)])
    assert s.returncode == 12, s.stdout + s.stderr
    page = morning.read_text(encoding="utf-8")

    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    for external in ("http://", "https://", "<link", "src="):
        assert external not in page  # self-contained: opens from a USB stick, prints as is
    assert "<script" not in page
    row = _row(page, "dev-009")
    assert _cell(row, "state") == "Xong" and _cell(row, "pages") == "2"
    assert "B-B" in _cell(row, "level")
    assert "local: đã lưu trữ" in _cell(row, "archive")
    row = _row(page, "marks")
    assert _cell(row, "text_review") == "1"  # page 1: text the OCR could not read completely
    row = _row(page, "xem-lai")
    assert _cell(row, "state") == "Cần xem lại"
    fields = _cell(row, "fields")
    assert "issued_date" in fields and "future_date" in fields
    assert "tương lai" in fields  # why, in words (the schema's Vietnamese message)
    assert _cell(row, "archive") == "—"  # never queued: needs review first
    (bad,) = [d["id"] for d in batch_status(out).documents if d["state"] == "failed"]
    row = _row(page, bad)
    assert "corrupt_file" in _cell(row, "error")
    assert "&lt;i&gt;&amp;" in row and "<i>" not in row  # the file name, escaped
    assert "notes.txt" in page  # skipped, with its reason
    counts = re.search(r'<div class="counts">(.*?)</div>', page, re.DOTALL).group(1)
    st = batch_status(out)
    assert st.counts["failed"] == 1 and st.counts["done"] >= 1
    for state, label in (("done", "Xong"), ("failed", "Lỗi"), ("needs_review", "Cần xem lại")):
        assert re.search(rf"<b>{st.counts.get(state, 0)}</b>\s*{label}", counts), counts
    assert re.search(r"<b>1</b>\s*tệp bỏ qua", counts), counts

    header = csv_path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[-2:] == ["signature_level", "archive"]


def test_progress_line_counts_documents_pages_rate_and_eta():
    import io

    from digitizer.commands.batch import ProgressLine
    from digitizer.progress import Progress

    now = [100.0]
    buf = io.StringIO()
    line = ProgressLine(buf, clock=lambda: now[0])

    def ev(event: str, i: int, **x) -> None:
        line.update(Progress("batch", i, 4, "", extra={"event": event, **x}))

    ev("document", 0, skipped=True)  # unchanged since an earlier run: no time spent
    assert line.text().endswith("ETA --:--")
    now[0] += 30
    ev("page", 1)
    ev("page", 1)
    ev("document", 1)
    now[0] += 30
    ev("page", 2)
    # 2 of 4 documents, 3 pages in 60 s; one document worked on in 60 s, two left: 2 minutes
    assert line.text() == "batch: 2/4 documents, 3 page(s) OCRed, 3.0 pages/min, ETA 2:00"
    assert buf.getvalue().count("\r\x1b[K") == 5  # redrawn in place at every event
    line.clear()
    assert buf.getvalue().endswith("\r\x1b[K") and not line.shown


def test_live_progress_line_on_a_terminal_only(tmp_path, digitizer_cmd):
    """On a terminal the run shows the live line (erased in place, no new dependency); the same
    run into a pipe (a log file, cron) has none of it."""
    import os
    import pty

    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(CORPUS / "dev-001" / "p01.jpg", src / "hs-1.jpg")
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [*digitizer_cmd, "batch", str(src), "-o", str(tmp_path / "o")],
            stdout=subprocess.PIPE,
            stderr=slave,
            text=True,
        )
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        out = proc.communicate(timeout=600)[0]
    finally:
        os.close(master)
    tty = seen.decode("utf-8", "replace")
    assert "\r\x1b[K" in tty and "batch: 1/1 documents, 1 page(s) OCRed" in tty, tty
    assert "pages/min" in tty
    assert "\x1b[K" not in out and "hs-1: " in out  # stdout is a pipe here: plain lines


def test_report_name_is_checked_before_any_work(tmp_path, capsys):
    from digitizer import cli

    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(CORPUS / "dev-001" / "p01.jpg", src / "hs-1.jpg")
    out = tmp_path / "out"
    assert cli.main(["batch", str(src), "-o", str(out), "--report", str(tmp_path / "r.pdf")]) == 2
    assert "--report must end in .html" in capsys.readouterr().err
    assert not out.exists()  # refused before a night's work, not after it
