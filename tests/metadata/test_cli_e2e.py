"""CLI (`digitizer extract`, `digitizer metadata ...`) and one real end-to-end run:
corpus scan -> real tesseract through the OCR pipeline -> extraction -> XMP -> read back."""

from __future__ import annotations

import json
import os
import shutil

import pikepdf
import pytest

from digitizer.cli import main
from digitizer.metadata import read_xmp


@pytest.fixture
def fixture_json():
    from pathlib import Path

    return Path(__file__).parent / "data" / "dev-009.ocr.json"


def test_extract_json(fixture_json, tmp_path, capsys):
    out = tmp_path / "meta.json"
    assert main(["extract", str(fixture_json), "--json", "-o", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(out.read_text(encoding="utf-8"))
    assert data["citizen_id"] == "056055502988"
    assert data["issued_date"] == "2021-10-18"
    assert data["code_number"] == "140" and data["code_notation"] == "QĐ-UBND"
    assert data["_sources"]["citizen_id"] == "ocr"
    assert 0.5 <= data["_confidence"]["citizen_id"] <= 1


def test_validate_embed_show_cycle(fixture_json, tmp_path, capsys):
    meta = tmp_path / "meta.json"
    assert main(["extract", str(fixture_json), "-o", str(meta)]) == 0
    assert main(["metadata", "validate", str(meta)]) == 0
    pdf = tmp_path / "scan.pdf"
    doc = pikepdf.new()
    doc.add_blank_page()
    doc.save(pdf)
    capsys.readouterr()
    # default output name from the metadata (archive style), sidecar next to it
    assert main(["metadata", "embed", str(pdf), str(meta), "--meta", "classified=false"]) == 0
    out = tmp_path / "000.35.34.H39-211018-0865.1.pdf"  # dossier code printed in the text
    assert out.is_file() and (tmp_path / (out.name + ".json")).is_file()
    assert read_xmp(out)["applicant_name"] == "Nguyễn Hữu Cường"
    capsys.readouterr()
    assert main(["metadata", "show", str(out), "--lang", "vi"]) == 0
    assert "Số định danh cá nhân" in capsys.readouterr().out


def test_validation_errors_name_field_and_rule(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"citizen_id": "0561", "issued_date": "2022-02-30", "signer_name": "Ư" * 51}),
        encoding="utf-8",
    )
    assert main(["metadata", "validate", str(bad)]) == 10
    err = capsys.readouterr().err
    assert "citizen_id" in err and "bad_citizen_id" in err
    assert "issued_date" in err and "bad_date" in err
    assert "signer_name" in err and "too_long" in err
    pdf = tmp_path / "x.pdf"
    pikepdf.new().save(pdf)
    assert (
        main(["metadata", "embed", str(pdf), "--meta", "nope=1", "-o", str(tmp_path / "o.pdf")])
        == 2
    )
    assert (
        main(
            ["metadata", "embed", str(pdf), "--meta", "page_amount", "-o", str(tmp_path / "o.pdf")]
        )
        == 2
    )
    assert (
        main(
            ["metadata", "embed", str(pdf), "--meta", "citizen_id=1", "-o", str(tmp_path / "o.pdf")]
        )
        == 10
    )
    assert not (tmp_path / "o.pdf").exists()
    assert main(["extract", str(tmp_path / "missing.json")]) == 3
    garbage = tmp_path / "g.json"
    garbage.write_text("[1, 2]")
    assert main(["extract", str(garbage)]) == 3


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_end_to_end_real_tesseract(corpus, tmp_path, capsys):
    """dev-007 (bilevel G4 TIFF): real OCR, then `digitizer extract` on the searchable PDF's text
    layer and barcode, then embed and read back."""
    pipeline = pytest.importorskip("digitizer.pipeline")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gt = json.loads((corpus / "gt" / "dev-007.json").read_text())["metadata"]
    pdf = tmp_path / "dev-007.pdf"
    result = pipeline.ocr_document(
        [corpus / "input/dev-007/dev-007.tif"], pdf, pipeline.OcrOptions(lang="vie+eng", jobs=1)
    )
    from digitizer.metadata import embed_xmp, extract

    sug = extract(result)  # barcodes from the images inside the output PDF
    rec = sug.record()
    assert rec["dossier_code"] == gt["dossier_code"] and sug.get("dossier_code").source == "barcode"
    assert rec["citizen_id"] == gt["citizen_id"]
    assert rec["issued_date"] == gt["issue_date"]
    assert f"{rec['code_number']}/{rec['code_notation']}" == gt["document_number"]
    assert rec["applicant_name"] == gt["applicant_name"]
    # the CLI on the searchable PDF (text layer via pdftotext, no second OCR run)
    assert main(["extract", str(pdf), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["citizen_id"] == gt["citizen_id"] and data["dossier_code"] == gt["dossier_code"]
    final = embed_xmp(pdf, rec, tmp_path / "final.pdf")
    assert read_xmp(final)["dossier_code"] == gt["dossier_code"]


def test_apply_meta_args_for_other_commands(tmp_path, fixture_json):
    """What `digitizer ocr ... --meta K=V --meta-file F` does after OCR (helper for the lead)."""
    import argparse

    from digitizer.commands.metadata import add_meta_arguments, apply_meta_args
    from digitizer.model import DocumentResult

    p = argparse.ArgumentParser()
    add_meta_arguments(p)
    mf = tmp_path / "m.json"
    mf.write_text(
        json.dumps({"mode": "Sử dụng có điều kiện", "code_number": "999"}), encoding="utf-8"
    )
    args = p.parse_args(
        ["--meta-file", str(mf), "--meta", "code_number=141", "--meta", "page_amount=2"]
    )
    pdf = tmp_path / "out.pdf"
    pikepdf.new().save(pdf)
    doc = DocumentResult.from_dict(json.loads(fixture_json.read_text(encoding="utf-8")))
    rec = apply_meta_args(args, pdf, doc)
    assert rec["code_number"] == "141"  # --meta beats --meta-file beats extraction ("140")
    # schema v2: coded values (the label typed is stored as its Circular 05/2025 code)
    assert rec["mode"] == "02" and rec["language"] == "01"
    assert rec["citizen_id"] == "056055502988"  # from extraction
    assert read_xmp(pdf)["code_number"] == "141"
    side = json.loads((tmp_path / "out.pdf.json").read_text(encoding="utf-8"))
    assert side["_sources"]["citizen_id"] == "ocr"
    assert apply_meta_args(p.parse_args([]), pdf, doc) is None
    assert side["_sources"]["code_number"] == "manual" and side["_sources"]["language"] == "default"
