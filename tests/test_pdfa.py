"""PDF/A-2b output (issue 16): the OCR output is PDF/A-2b before signing and stays so after a
PAdES signature with its visible stamp (B-B, and B-LT with the DSS from the test PKI's OCSP/CRL
and TSA); image imports and born-digital PDF imports too. Proved with veraPDF (one JVM for all
files) and PyPI ``page-validation`` as the light check; the files also verify as signed.

And the image profiles: archive stores every page as >= 24-bit colour, compact keeps today's
grey / bilevel; the profile is recorded; a drawing-type result asks 300 dpi of the capture."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import page as page_validation  # PyPI page-validation
import pikepdf
import pytest
from fpdf import FPDF
from pages_util import draw_lines
from PIL import Image

import signing
from digitizer.ocr import pdfa
from digitizer.pipeline import OcrOptions, ocr_document
from testpki import pki_module

VERAPDF = Path(__file__).resolve().parents[2] / "shared" / "tools" / "verapdf" / "verapdf.sh"
TTF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

needs_verapdf = pytest.mark.skipif(
    not VERAPDF.exists() or shutil.which("java") is None,
    reason="veraPDF (../shared/tools/verapdf) or java missing",
)


def verapdf(*files: Path) -> dict[str, str]:
    """veraPDF PDF/A-2b verdicts, all files in one JVM: {path: 'PASS' | 'FAIL ...'} + the log."""
    r = subprocess.run(["bash", str(VERAPDF), "-f", "2b", *map(str, files)],
                       capture_output=True, text=True, timeout=600)
    verdicts, current = {}, None
    for line in r.stdout.splitlines():
        if line.startswith(("PASS ", "FAIL ", "ERROR ")):
            word, rest = line.split(" ", 1)
            current = next(str(f) for f in files if rest.startswith(str(f)))
            verdicts[current] = word
        elif current and line.startswith("  "):
            verdicts[current] += "\n" + line
    assert set(verdicts) == {str(f) for f in files}, r.stdout + r.stderr
    return verdicts


def light_check(path: Path) -> list[str]:
    r = page_validation.validate_pdf(str(path), profile="2b")
    return [] if r.is_compliant else [f.rule_id for f in r.failures]


def pdfa_id(path: Path) -> tuple[str | None, str | None]:
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        return meta.get("pdfaid:part"), meta.get("pdfaid:conformance")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    mod = pki_module()
    p = mod.build_pki(tmp_path_factory.mktemp("pki"))
    mod.start_animator(p)
    yield p
    p.stop()


@pytest.fixture(scope="module")
def made(tmp_path_factory, corpus):
    """The OCR outputs every test below looks at, made once through the real pipeline."""
    d = tmp_path_factory.mktemp("pdfa")
    out = {}
    # a real scan (dev corpus JPEG, colour) through the library (the CLI: test_cli_default...)
    scan = corpus / "dev-004" / "p01.jpg"
    out["scan"] = d / "scan.pdf"
    res = ocr_document([scan], out["scan"], OcrOptions(jobs=2), sidecar=d / "scan.ocr.json")
    out["scan_result"] = res
    # an image import: a grey PNG page and a bilevel TIFF page, one document
    grey, _ = draw_lines(14)
    grey.save(d / "grey.png", dpi=(300, 300))
    grey.point(lambda v: 255 if v > 128 else 0, mode="1").save(
        d / "bw.tif", compression="group4", dpi=(300, 300))
    out["images"] = d / "images.pdf"
    out["images_result"] = ocr_document([d / "grey.png", d / "bw.tif"], out["images"], OcrOptions(jobs=2))
    out["images_compact"] = d / "images-compact.pdf"
    out["images_compact_result"] = ocr_document(
        [d / "grey.png", d / "bw.tif"], out["images_compact"], OcrOptions(jobs=2, profile="compact"))
    # a born-digital PDF (embedded TrueType font): the page is kept as it is
    doc = FPDF(format="A4")
    doc.add_page()
    doc.add_font("DejaVu", fname=TTF)
    doc.set_font("DejaVu", size=12)
    for i in range(1, 16):
        doc.cell(0, 8, f"Dòng {i}: Ủy ban nhân dân xã Sông Cầu cấp giấy phép xây dựng",
                 new_x="LMARGIN", new_y="NEXT")
    doc.output(str(d / "digital.pdf"))
    out["digital"] = d / "digital-out.pdf"
    out["digital_result"] = ocr_document([d / "digital.pdf"], out["digital"], OcrOptions(jobs=2))
    # the same scan as a plain PDF (--output-type pdf): the validators must fail it
    out["plain"] = d / "plain.pdf"
    out["plain_result"] = ocr_document([scan], out["plain"], OcrOptions(jobs=2, output_type="pdf"))
    return out


@pytest.fixture(scope="module")
def signed(made, pki, tmp_path_factory):
    """The scan with its metadata embedded, signed B-B (self-check in sign_pdf) and B-LT
    (certomancer TSA + OCSP/CRL: DSS), both with the visible stamp."""
    from digitizer.metadata import embed_xmp

    d = tmp_path_factory.mktemp("signed")
    meta = d / "scan-meta.pdf"
    embed_xmp(made["scan"], {"type_name": "Giấy khai sinh", "organ_name": "UBND xã Sông Cầu",
                             "signer_name": "Nguyễn Văn A", "subject": "Đăng ký khai sinh",
                             "keywords": ["khai sinh"]}, meta, check=False)
    h = signing.load_pkcs12(pki.p12_path("signer"), pki_module().P12_PASSWORD)
    out = {"meta": meta}
    for level in ("B-B", "B-LT"):
        res = signing.sign_pdf(meta, d / f"{level}.pdf", h, level=level, tsa_url=pki.tsa_url)
        assert res.level == level and res.stamp_lines
        out[level] = d / f"{level}.pdf"
    out["images-B-B"] = d / "images-B-B.pdf"
    signing.sign_pdf(made["images"], out["images-B-B"], h, level="B-B")
    return out


@needs_verapdf
def test_veraPDF_passes_the_outputs_before_and_after_signing(made, signed, pki):
    files = [made["scan"], made["images"], made["images_compact"], made["digital"], made["plain"],
             signed["meta"], signed["B-B"], signed["B-LT"], signed["images-B-B"]]
    v = verapdf(*files)
    for f in files:
        if f == made["plain"]:
            # the check can fail: a plain PDF lacks the identification and the OutputIntent
            assert v[str(f)].startswith("FAIL") and "6.6.4-1" in v[str(f)] and "6.2.4.3" in v[str(f)]
        else:
            assert v[str(f)] == "PASS", v[str(f)]
    # and the signed files are signed: integrity, signature and trust; B-LT from its own DSS
    for level in ("B-B", "B-LT"):
        rep = signing.verify_pdf(signed[level], None, pki.trust_dir)
        s = rep.signatures[0]
        assert s.integrity and s.signature_valid and s.trusted, (level, s)
        assert s.level == level
    rep = signing.verify_pdf(signed["B-LT"], None, pki.trust_dir)
    assert rep.signatures[0].revocation_source == "embedded"
    with pikepdf.open(signed["B-LT"]) as pdf:
        assert "/DSS" in pdf.Root  # the DSS is part of the file veraPDF passed


def test_light_check_agrees_on_the_unsigned_outputs(made, signed):
    for key in ("scan", "images", "images_compact", "digital"):
        assert light_check(made[key]) == [], key
    assert light_check(signed["meta"]) == []  # after the metadata is embedded too
    failed = light_check(made["plain"])
    assert "PDFA2B-ID-SCHEMA-001" in failed


def test_the_result_says_pdfa_and_the_file_carries_it(made):
    assert made["scan_result"].pdfa == "2b"
    assert pdfa_id(made["scan"]) == ("2", "B")
    assert made["plain_result"].pdfa is None and pdfa_id(made["plain"]) == (None, None)
    side = json.loads((made["scan"].parent / "scan.ocr.json").read_text(encoding="utf-8"))
    assert side["pdfa"] == "2b" and side["profile"] == "archive"
    with pikepdf.open(made["scan"]) as pdf:
        assert pdf.pdf_version == "1.7"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        assert intent.DestOutputProfile.read_bytes() == pdfa.SRGB_ICC.read_bytes()
        assert len(pdf.trailer.ID) == 2
        meta = pdf.open_metadata()
        assert meta["{http://ns.digitizer.vn/ocr/1.0/}ImageProfile"] == "archive"
        # the XMP written before is kept (merged, not replaced)
        assert meta["xmp:CreatorTool"].startswith("digitizer") and set(meta["dc:language"]) == {"vi"}  # an rdf:Bag: read back as a set


def test_a_kept_page_without_embedded_fonts_is_not_claimed_as_pdfa(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "signing"))
    import samples

    src = samples.admin_page_pdf(tmp_path / "helvetica.pdf")  # Type1 Helvetica, not embedded
    out = tmp_path / "out.pdf"
    res = ocr_document([src], out, OcrOptions(jobs=1))
    assert res.pages[0].text_layer == "kept"
    assert res.pdfa is None and pdfa_id(out) == (None, None)
    assert any("not written as PDF/A-2b" in w and "Helvetica" in w for w in res.warnings)


def _images(pdf_path: Path) -> list[tuple[str, int, str]]:
    """(colour space, bits per component, filter) of each page's image."""
    out = []
    with pikepdf.open(pdf_path) as pdf:
        for p in pdf.pages:
            for _name, im in p.images.items():
                f = im.Filter
                f = f[0] if isinstance(f, pikepdf.Array) and len(f) == 1 else f  # [/F] == /F
                out.append((str(im.ColorSpace), int(im.BitsPerComponent), str(f)))
    return out


def test_archive_profile_stores_every_page_in_24_bit_colour(made):
    # a grey PNG and a bilevel G4 TIFF: both RGB JPEG (8 bits x 3) under the archive profile
    assert _images(made["images"]) == [("/DeviceRGB", 8, "/DCTDecode")] * 2
    assert [p.colour for p in made["images_result"].pages] == [True, True]
    assert made["images_result"].profile == "archive"
    # compact (asked for): grey JPEG and CCITT G4, as before
    assert _images(made["images_compact"]) == [("/DeviceGray", 8, "/DCTDecode"),
                                               ("/DeviceGray", 1, "/CCITTFaxDecode")]
    assert made["images_compact_result"].profile == "compact"
    with pikepdf.open(made["images_compact"]) as pdf:
        assert pdf.open_metadata()["{http://ns.digitizer.vn/ocr/1.0/}ImageProfile"] == "compact"


def test_drawing_type_results_ask_300_dpi(tmp_path):
    im, _ = draw_lines(10)
    small = im.resize((im.width * 2 // 3, im.height * 2 // 3))  # 300 -> 200 dpi
    small.save(tmp_path / "p.png", dpi=(200, 200))
    permit = ocr_document([tmp_path / "p.png"], tmp_path / "permit.pdf", OcrOptions(jobs=2, drawing=True))
    other = ocr_document([tmp_path / "p.png"], tmp_path / "other.pdf", OcrOptions(jobs=2))
    assert any("300 dpi minimum for maps and drawings" in w for w in permit.warnings)
    assert not any("300 dpi" in w for w in other.warnings)
    from digitizer.imaging.profiles import is_drawing, is_drawing_record

    assert is_drawing("GIẤY PHÉP XÂY DỰNG") and is_drawing("Trích lục bản đồ địa chính")
    assert is_drawing(procedure_code="1.009994")  # catalogue field "Hoạt động xây dựng"
    assert not is_drawing("Giấy khai sinh") and not is_drawing(procedure_code="1.001193")
    assert is_drawing_record({"type_name": "Giấy phép xây dựng"}) and not is_drawing_record({})


def test_cli_default_is_pdfa_and_options_are_checked(tmp_path, corpus, digitizer_cmd):
    src = corpus / "dev-001" / "p01.jpg"
    out = tmp_path / "o.pdf"
    r = subprocess.run([*digitizer_cmd, "ocr", str(src), "-o", str(out), "--jobs", "2",
                        "--meta", "type_name=Giấy phép xây dựng"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "PDF/A-2b, archive profile" in r.stderr
    assert "300 dpi minimum for maps and drawings" in r.stderr or "200 dpi minimum" in r.stderr
    assert pdfa_id(out) == ("2", "B")
    r = subprocess.run([*digitizer_cmd, "ocr", str(src), "-o", str(tmp_path / "g.pdf"),
                        "--colour", "grey"], capture_output=True, text=True)
    assert r.returncode == 2 and "--profile compact" in r.stderr
    assert not (tmp_path / "g.pdf").exists()
    r = subprocess.run([*digitizer_cmd, "ocr", str(src), "-o", str(tmp_path / "p.pdf"), "-q",
                        "--output-type", "pdf", "--profile", "compact", "--colour", "grey"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert pdfa_id(tmp_path / "p.pdf") == (None, None)
    assert _images(tmp_path / "p.pdf")[0][0] == "/DeviceGray"


def test_forbidden_actions_are_removed_from_kept_pages(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.AA = pikepdf.Dictionary()
    pdf.pages[0].obj.AA = pikepdf.Dictionary()
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
        A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")))]))
    removed = pdfa.strip_forbidden(pdf)
    assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root and "/AA" not in pdf.pages[0].obj
    assert "/A" not in pdf.pages[0].obj.Annots[0]
    assert len(removed) == 4 and any("Launch" in r for r in removed)
