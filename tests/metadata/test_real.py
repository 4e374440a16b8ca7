"""Extraction on real scans (issue 13): cached pipeline OCR of /work/shared/eval/real and the
header fields read from the page images (tests/metadata/data/real/<id>.gt.json).

The figures asserted here are today's floor and the issue's hard limits (nothing wrong
pre-filled for the signer's position, at most 5 % of pre-filled values wrong); the issue's
90 % target for header fields is not reached (BENCHMARKS.md says why) and is not asserted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from digitizer.metadata import extract, validate
from digitizer.metadata.evaluate import REAL_FIELDS, score_suggestions
from digitizer.model import DocumentResult

REAL = Path(__file__).parent / "data" / "real"
IDS = sorted(p.name.split(".")[0] for p in REAL.glob("*.gt.json"))


@pytest.fixture(scope="module")
def real():
    """id -> (ground truth, suggestions)."""
    out = {}
    for did in IDS:
        gt = json.loads((REAL / f"{did}.gt.json").read_text(encoding="utf-8"))
        doc = DocumentResult.from_dict(
            json.loads((REAL / f"{did}.ocr.json").read_text(encoding="utf-8"))
        )
        out[did] = (gt, extract(doc, barcodes=[]))
    return out


def test_every_real_document_has_ground_truth_and_a_sidecar():
    manifest = json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))
    ids = [d["id"] for d in manifest["documents"]]
    assert sorted(ids) == IDS and len(ids) == 14
    for did in ids:
        gt = json.loads((REAL / f"{did}.gt.json").read_text(encoding="utf-8"))
        assert set(gt["fields"]) == set(REAL_FIELDS)
        assert (REAL / f"{did}.ocr.json").is_file()


def test_real_scans_prefilled_values_are_right(real):
    """Calibration: what is pre-filled (confidence >= 0.5) is right at least 95 % of the time,
    and no signer position is ever pre-filled wrong; header fields right stay above today's
    floor (93/140 on 2026-12-02)."""
    status = Counter()
    pre = wrong = 0
    for did, (gt, sugg) in real.items():
        res = score_suggestions(sugg, gt["fields"])
        for key, r in res.items():
            status[r["status"]] += 1
            pre += r["prefilled"]
            wrong += r["prefilled"] and r["status"] == "wrong"
            if key == "signer_position":
                assert r["status"] != "wrong", (did, r)
        rec = sugg.record()
        assert validate(rec, today=dt.date(2026, 12, 2)) == [], (did, validate(rec))
    right = status["right"] + status["absent"]
    assert pre >= 60, status
    assert wrong / pre <= 0.05, (wrong, pre)
    assert right >= 90, status


def test_numbers_and_dates_cited_in_the_body_are_never_the_documents_own(real):
    """Every real document cites other documents with their numbers and dates ("Căn cứ Quyết
    định số 2545/QĐ-TTg ngày 30/12/2016", "Công văn số 8339/BCT-TCCB ngày 24/10/2025"): no
    suggestion for the number, notation or date, not even a hint, may come from there."""
    for did, (gt, sugg) in real.items():
        for key in ("code_number", "code_notation", "issued_date"):
            for s in sugg.alternatives(key):
                assert s.page == 0 and s.bbox is not None, (did, s)
                assert s.bbox[1] < 0.3 * _page_height(did), (did, s)
    ct05 = real["real-qn-ct05"][1]
    assert "2545" not in {s.value for s in ct05.alternatives("code_number")}
    assert "2016-12-30" not in {s.value for s in ct05.alternatives("issued_date")}


def _page_height(did: str) -> int:
    side = json.loads((REAL / f"{did}.ocr.json").read_text(encoding="utf-8"))
    return side["pages"][0]["height_px"]


def test_handwritten_number_and_day_are_hints_with_their_reason(real):
    """Decree 30 templates leave the number and the day blank for the registry clerk, who
    fills them in by hand; tesseract reads handwriting with high confidence and often wrong
    ('445' for 115), so these are hints, never pre-filled, and say why."""
    sugg = real["real-qd729"][1]
    rec = sugg.record()
    assert "code_number" not in rec and "issued_date" not in rec
    hints = sugg.hints()
    assert hints["code_number"].value == "729" and hints["code_number"].reason == "number_handwritten"
    assert hints["code_number"].params == {"read": "729"}
    assert hints["issued_date"].value == "2026-04-23"
    assert hints["issued_date"].reason == "date_handwritten"
    assert "handwritten" in hints["issued_date"].note  # the CLI's English sentence
    out = sugg.to_json()
    assert out["_hints"]["code_number"]["reason"] == "number_handwritten"
    assert out["_hints"]["code_number"]["params"] == {"read": "729"}
    assert out["_hints"]["code_number"]["note"] == hints["code_number"].note
    nq = real["real-nq115"][1]
    assert nq.hints()["code_number"].value == "445"  # what OCR read: wrong, so not pre-filled
    assert "code_number" not in nq.record()
    # a typed number (no blank before "/") is pre-filled with its notation
    cv = real["real-cv3722"][1].record()
    assert (cv["code_number"], cv["code_notation"]) == ("3722", "VPCP-CN")


def test_position_hidden_by_the_seal_is_a_hint_not_invented(real):
    sugg = real["real-tt21"][1]
    assert "signer_position" not in sugg.record()
    hint = sugg.hints()["signer_position"]
    assert hint.value == "Thứ trưởng" and hint.reason == "position_from_kt"  # Annex I
    assert hint.params == {"authority": "BỘ TRƯỞNG"}
    assert sugg.header()["signer_authority"].value == "KT. BỘ TRƯỞNG"
    # a page without a signer block gives no signer at all
    tt37 = real["real-tt37"][1]
    assert not [s for s in tt37.items if s.field.startswith("signer")]


def test_agency_block_parent_body_is_kept_apart(real):
    sugg = real["real-dhdl01"][1]
    rec = sugg.record()
    assert rec["organ_name"] == "TRƯỜNG ĐẠI HỌC ĐIỆN LỰC"
    assert "parent_organ" not in rec  # not a record field: a header fact
    assert sugg.header()["parent_organ"].value == "BỘ CÔNG THƯƠNG"
    assert sugg.to_json()["_header"]["parent_organ"]["value"] == "BỘ CÔNG THƯƠNG"
    # one body on two lines ("ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI") is not split
    ct07 = real["real-qn-ct07"][1]
    assert ct07.record()["organ_name"] == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
    assert ct07.get("parent_organ") is None


def test_signer_is_taken_before_the_attachments(real):
    """dl0009's pages 3-5 are blank forms with their own header and signature lines (CHỦ TRÌ,
    TRƯỞNG KHOA, NGƯỜI LẬP): the signer is the one of page 2, under 'TL. HIỆU TRƯỞNG'."""
    sugg = real["real-dl0009"][1]
    rec = sugg.record()
    assert rec["signer_position"] == "Trưởng phòng CTSV"
    assert rec["signer_name"] == "Phùng Thị Xuân Bình"
    assert sugg.get("signer_name").page == 1
    assert sugg.header()["signer_authority"].value == "TL. HIỆU TRƯỞNG"
    # the notation shares its OCR word with the handwritten number: a hint, with a reason
    assert sugg.hints()["code_notation"].value == "TB-ĐHĐL"
    assert sugg.hints()["code_notation"].reason


def test_official_letter_has_no_type_line(real):
    rec = real["real-cv3722"][1].record()
    assert rec["type_name"] == "Công văn" and rec["organ_name"] == "VĂN PHÒNG CHÍNH PHỦ"
    assert rec["issued_date"] == "2026-04-28"
    hint = real["real-cv3722"][1].get("subject")
    assert hint.value.startswith("V/v cơ chế đặc thù") and hint.confidence < 0.5 and hint.reason


def test_every_hint_says_why(real):
    """Each hint carries a reason code the GUI can translate (extract.REASONS), with the
    parameters its sentence needs."""
    import string

    from digitizer.metadata.extract import REASONS

    for did, (_gt, sugg) in real.items():
        for key, s in sugg.hints().items():
            assert s.reason in REASONS, (did, key, s)
            needed = {f for _t, f, _s, _c in string.Formatter().parse(REASONS[s.reason]) if f}
            assert needed == set(s.params), (did, key, s)
