"""End to end with the real tesseract (vie+eng): every input type becomes one searchable, upright
PDF with an aligned text layer, a sidecar, blank-page handling and progress/cancel."""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
import unicodedata
from pathlib import Path

import pikepdf
import pytest
from corpus_util import CORPUS, corpus_gt, corpus_inputs, run_cli
from PIL import Image

from digitizer.errors import CancelledError, OutputError
from digitizer.model import DocumentResult
from digitizer.pipeline import OcrOptions, OcrSession, ocr_document
from digitizer.progress import CancelToken


def pdftext(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def images(pdf: Path) -> list[dict]:
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        f = line.split()
        rows.append({"page": int(f[0]), "w": int(f[3]), "h": int(f[4]), "color": f[5], "enc": f[8],
                     "xppi": int(f[12])})
    return rows


def words_of(s: str) -> set[str]:
    return set(unicodedata.normalize("NFC", s).split())


@pytest.fixture(scope="module")
def jpeg_doc(tmp_path_factory):
    """dev-004: colour JPEG with a red seal, scanned upside down and skewed 1 degree."""
    out = tmp_path_factory.mktemp("jpeg") / "dev-004.pdf"
    side = out.with_suffix(".json")
    events = []
    r = ocr_document(corpus_inputs("dev-004"), out, OcrOptions(), progress=events.append, sidecar=side)
    return r, out, side, events


def test_jpeg_page_upright_searchable_and_aligned(jpeg_doc):
    r, out, side, events = jpeg_doc
    (p,) = r.pages
    assert p.rotation_applied == 180
    assert 0.5 < p.deskew_angle < 1.5
    text = pdftext(out)
    for w in ["QUYẾT", "ĐỊNH", "284/QĐ-UBND", "Khánh", "Bình"]:
        assert w in text
    assert text == unicodedata.normalize("NFC", text)  # copies out as NFC Vietnamese
    # Text layer aligned with the image: the title sits in the top third, centred.
    bbox = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True).stdout
    line = next(line for line in bbox.splitlines() if ">QUYẾT<" in line)
    x0 = float(line.split('xMin="')[1].split('"')[0])
    y0 = float(line.split('yMin="')[1].split('"')[0])
    assert 200 < x0 < 330 and 100 < y0 < 250, line
    # The word boxes in the sidecar agree with the PDF text layer (pixels vs points at 300 dpi)
    side_words = [w for w in p.words if w.text == "QUYẾT"]
    assert side_words and abs(side_words[0].bbox[0] * 72 / 300 - x0) < 4


def test_jpeg_page_keeps_colour_physical_size_and_pdf_version(jpeg_doc):
    r, out, *_ = jpeg_doc
    (img,) = images(out)
    assert img["color"] == "rgb" and img["enc"] == "jpeg"  # red seal -> colour kept
    assert img["xppi"] == 300 and (img["w"], img["h"]) == (2480, 3508)
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version >= "1.4"
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[2] == pytest.approx(595.3, abs=0.5) and box[3] == pytest.approx(841.9, abs=0.5)
    assert r.pages[0].image_bytes > 0 and r.pages[0].colour


def test_sidecar_and_progress(jpeg_doc):
    r, out, side, events = jpeg_doc
    data = json.loads(side.read_text(encoding="utf-8"))
    again = DocumentResult.from_dict(data)
    assert again.pages[0].words == r.pages[0].words
    assert data["pages"][0]["rotation_applied"] == 180
    assert any(w["conf"] > 80 for w in data["pages"][0]["words"])
    done = [e for e in events if e.extra.get("event") == "done"]
    assert len(done) == 1 and done[0].page == 1 and done[0].total == 1
    assert events[-1].stage == "done"


def test_multipage_tiff_bilevel_stays_g4(tmp_path):
    # the compact profile (asked for); the archive default stores RGB: tests/test_pdfa.py
    out = tmp_path / "dev-009.pdf"
    r = ocr_document(corpus_inputs("dev-009"), out, OcrOptions(profile="compact"))
    assert len(r.pages) == 2 and not any(p.blank for p in r.pages)
    assert [i["enc"] for i in images(out)] == ["ccitt", "ccitt"]
    gt = corpus_gt("dev-009")
    assert "Mã thủ tục: 1.012345" in pdftext(out, 1)
    assert any(b.text == gt["metadata"]["dossier_code"] for b in r.pages[0].barcodes)


def test_pdf_input_keeps_native_200_dpi_and_png_sideways_with_blank_back(tmp_path):
    out = tmp_path / "mixed.pdf"
    inputs = corpus_inputs("dev-002") + corpus_inputs("dev-006")  # 1 PDF page + 2 PNG pages
    hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs]
    r = ocr_document(inputs, out, OcrOptions(drop_blank=True, profile="compact"))
    assert r.dropped_blank == (2,)  # the blank back of dev-006, and only it
    assert [p.source for p in r.pages] == ["dev-002.pdf#1", "p01.png"]
    imgs = images(out)
    assert imgs[0]["xppi"] == 200 and (imgs[0]["w"], imgs[0]["h"]) == (1653, 2339)
    assert r.pages[1].rotation_applied == 90 and imgs[1]["enc"] == "ccitt"
    assert "GIẤY CHỨNG NHẬN" in pdftext(out, 1).upper() or "HỘ KINH DOANH" in pdftext(out, 1).upper()
    assert hashes == [hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs]  # originals untouched


def test_blank_pages_kept_and_flagged_without_flag(tmp_path):
    out = tmp_path / "keep.pdf"
    r = ocr_document(corpus_inputs("dev-006"), out, OcrOptions())
    assert len(r.pages) == 2 and [p.blank for p in r.pages] == [False, True]
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2


def test_low_resolution_is_flagged(tmp_path):
    out = tmp_path / "low.pdf"
    r = ocr_document(corpus_inputs("dev-001"), out, OcrOptions())
    (p,) = r.pages
    assert p.dpi == 150 and p.low_resolution
    assert any("200 dpi" in w for w in r.warnings)
    assert images(out)[0]["xppi"] == 150  # never upscaled in the output
    assert "TRÍCH LỤC KHAI SINH" in pdftext(out).upper()


def test_streaming_session_and_cancel(tmp_path):
    img = Image.open(CORPUS / "dev-006" / "p01.png")
    with OcrSession(OcrOptions(jobs=1)) as s:
        s.add_image(img, source="scan#1", dpi=300)
        r = s.finish(tmp_path / "s.pdf")
    assert r.pages[0].rotation_applied == 90 and r.pages[0].source == "scan#1"

    token = CancelToken()
    first = threading.Event()

    def progress(ev):
        if ev.extra.get("event") == "queued":
            first.set()
            token.cancel()

    with pytest.raises(CancelledError):
        ocr_document(corpus_inputs("dev-009"), tmp_path / "c.pdf", OcrOptions(jobs=1),
                     progress=progress, cancel=token)
    assert first.is_set()
    assert not (tmp_path / "c.pdf").exists()


def test_cli_ocr_with_sidecar_and_drop_blank(tmp_path):
    out = tmp_path / "out.pdf"
    side = tmp_path / "out.json"
    r = run_cli("ocr", *map(str, corpus_inputs("dev-006")), "-o", str(out), "--sidecar", str(side),
                "--drop-blank", "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "dropped blank pages: 2" in r.stderr
    data = json.loads(side.read_text(encoding="utf-8"))
    assert data["dropped_blank"] == [1] and len(data["pages"]) == 1
    assert "Traceback" not in r.stderr


def test_cli_output_folder_missing(tmp_path):
    r = run_cli("ocr", str(CORPUS / "dev-006" / "p02.png"), "-o", str(tmp_path / "no" / "out.pdf"))
    assert r.returncode == 8 and "output folder does not exist" in r.stderr


def test_killed_mid_work_leaves_no_partial_output(tmp_path):
    import os
    import signal
    import sys
    import time

    out = tmp_path / "k.pdf"
    proc = subprocess.Popen(
        [sys.executable, "-m", "digitizer", "ocr", *map(str, corpus_inputs("dev-009")), "-o", str(out),
         "--jobs", "1"],
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    line = proc.stderr.readline()  # first finished page
    assert line.startswith("page ")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(0.2)
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_scanned_pages_survive_a_failed_write(tmp_path, monkeypatch):
    # A scan streamed into a session whose output cannot be written: the pages must be kept.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    img = Image.open(CORPUS / "dev-006" / "p02.png")
    target = tmp_path / "share"
    target.mkdir()
    with OcrSession(OcrOptions(jobs=1)) as s:
        s.add_image(img, source="scan#1", dpi=300)
        target.rmdir()  # the network share went away while the pages were being OCRed
        with pytest.raises(OutputError) as info:
            s.finish(target / "out.pdf")
    assert "scanned page(s) were kept in" in str(info.value)
    kept = list((tmp_path / "data" / "digitizer" / "recovered").glob("*/in-*.png"))
    assert len(kept) == 1 and Image.open(kept[0]).size == img.size


def test_cli_ocr_with_metadata_prefilled_from_page_and_barcode(tmp_path):
    out = tmp_path / "m.pdf"
    r = run_cli("ocr", *map(str, corpus_inputs("dev-009")), "-o", str(out),
                "--meta", "mode=Công khai")
    assert r.returncode == 0, r.stderr
    rec = json.loads((tmp_path / "m.pdf.json").read_text(encoding="utf-8"))["record"]
    gt = corpus_gt("dev-009")["metadata"]
    assert rec["dossier_code"] == gt["dossier_code"]  # from the QR code read during OCR
    assert rec["citizen_id"] == gt["citizen_id"]
    from digitizer.metadata import read_xmp

    assert read_xmp(out)["dossier_code"] == gt["dossier_code"]
    bad = run_cli("ocr", *map(str, corpus_inputs("dev-009")), "-o", str(tmp_path / "x.pdf"),
                  "--meta", "nope=1")
    assert bad.returncode == 2 and "known field" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_one_page_document_split_across_cores_stays_aligned(tmp_path):
    """A one-page document on two workers is read as two bands at once; the bands' text layers
    must land exactly over their halves and no word may straddle the cut."""
    from digitizer.acquire.importer import scan_inputs
    from digitizer.ocr.page import PageJob, process_page

    (ref,) = scan_inputs(corpus_inputs("dev-004"))
    o = process_page(PageJob(0, ref, str(tmp_path), split=2))
    assert len(o.text_parts) == 2
    (_, t0, cut), (_, c2, bottom) = o.text_parts
    assert t0 == 0 and cut == c2 and bottom == o.result.height_px
    assert 0.35 * bottom < cut < 0.65 * bottom
    assert all(w.bbox[3] <= cut + 2 or w.bbox[1] >= cut - 2 for w in o.result.words)
    assert {w.block >= 1000 for w in o.result.words} == {False, True}

    out = tmp_path / "s.pdf"
    r = ocr_document(corpus_inputs("dev-004"), out, OcrOptions(jobs=2))
    bbox = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True,
                          text=True).stdout
    for word in ("QUYẾT", "Trương"):  # one word from each band
        line = next(x for x in bbox.splitlines() if f">{word}<" in x)
        y_pdf = float(line.split('yMin="')[1].split('"')[0])
        w = next(w for w in r.pages[0].words if w.text == word)
        assert abs(w.bbox[1] * 72 / 300 - y_pdf) < 4, (word, line, w.bbox)


def test_exif_orientation_tag_does_not_turn_the_page_under_its_text(tmp_path):
    # Pixels upright, but the file claims (EXIF Orientation=6) it must be turned 90 degrees:
    # orientation is decided by content, and the embedded JPEG must not be turned by the viewer.
    img = Image.open(CORPUS / "dev-001" / "p01.jpg")
    exif = Image.Exif()
    exif[0x0112] = 6
    src = tmp_path / "exif.jpg"
    img.save(src, format="JPEG", quality=90, dpi=(150, 150), exif=exif)
    out = tmp_path / "exif.pdf"
    r = ocr_document([src], out, OcrOptions(jobs=1, deskew=False))
    assert r.pages[0].rotation_applied == 0
    with pikepdf.open(out) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[3] > box[2]  # portrait, like the pixels
        assert int(pdf.pages[0].get("/Rotate", 0)) == 0
    assert "TRÍCH LỤC KHAI SINH" in pdftext(out).upper()


def test_cancelling_one_document_does_not_break_another_on_the_shared_pool(tmp_path):
    """The GUI OCRs several documents at once on one warm pool: the clerk cancelling (or closing)
    one of them must not kill the workers that are reading the other."""
    opts = OcrOptions(jobs=2)
    token = CancelToken()
    with OcrSession(opts) as other:
        other.add_files(corpus_inputs("dev-001"))
        with OcrSession(opts, cancel=token) as doomed:
            doomed.add_files(corpus_inputs("dev-009"))
            token.cancel()
            with pytest.raises(CancelledError):
                doomed.results()
        r = other.finish(tmp_path / "other.pdf")
    assert len(r.pages) == len(corpus_inputs("dev-001"))
    assert "CỘNG HÒA" in unicodedata.normalize("NFC", pdftext(tmp_path / "other.pdf")).upper()
