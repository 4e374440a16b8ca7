"""Import: every input kind is accepted by content; every bad input gets a clear error and exit code,
and originals are never modified."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from corpus_util import CORPUS, run_cli
from PIL import Image

from digitizer.acquire.importer import load_page, scan_inputs, sniff
from digitizer.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    ImageTooLargeError,
    InputError,
    SignedPdfError,
    UnsupportedFileError,
)


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# --- good inputs -------------------------------------------------------------------------

def test_kinds_are_decided_by_content(tmp_path):
    jpg = CORPUS / "dev-004" / "p01.jpg"
    disguised = tmp_path / "scan.png"  # a JPEG with a PNG name
    disguised.write_bytes(jpg.read_bytes())
    assert sniff(disguised) == "jpeg"
    assert sniff(CORPUS / "dev-002" / "dev-002.pdf") == "pdf"
    assert sniff(CORPUS / "dev-006" / "p01.png") == "png"
    assert sniff(CORPUS / "dev-009" / "dev-009.tif") == "tiff"


def test_pages_listed_in_order_across_files():
    refs = scan_inputs([
        CORPUS / "dev-009" / "dev-009.tif",  # 2 frames
        CORPUS / "dev-002" / "dev-002.pdf",  # 1 page
        CORPUS / "dev-006" / "p01.png",
    ])
    assert [r.source for r in refs] == ["dev-009.tif#1", "dev-009.tif#2", "dev-002.pdf#1", "p01.png"]
    assert [r.index for r in refs] == [0, 1, 0, 0]


def test_image_only_pdf_rasterised_at_native_resolution():
    (ref,) = scan_inputs([CORPUS / "dev-002" / "dev-002.pdf"])
    assert ref.dpi == pytest.approx(200, abs=1)  # a 200 dpi scan is not upsampled to 300
    img = load_page(ref)
    assert img.size == (1653, 2339)  # the embedded image's own pixel size


def test_pdf_with_text_rasterised_at_300(tmp_path):
    # A born-digital page: text, no image.
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET")
    path = tmp_path / "text.pdf"
    pdf.save(path)
    (ref,) = scan_inputs([path])
    assert ref.dpi == 300


def test_tiff_frames_and_dpi():
    refs = scan_inputs([CORPUS / "dev-009" / "dev-009.tif"])
    assert len(refs) == 2 and all(r.dpi == 300 for r in refs)
    img = load_page(refs[1])
    assert img.mode == "1" and img.size == (2480, 3508)


# --- bad inputs: library errors ----------------------------------------------------------

def test_empty_file(tmp_path):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty"):
        scan_inputs([p])


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        scan_inputs([tmp_path / "nope.jpg"])


def test_unsupported_type_by_content(tmp_path):
    p = tmp_path / "letter.pdf"  # the name lies: it is text
    p.write_text("Kính gửi: Ủy ban nhân dân xã\n", encoding="utf-8")
    with pytest.raises(UnsupportedFileError, match="unsupported file type"):
        scan_inputs([p])


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(CorruptFileError, match="damaged|no pages"):
        scan_inputs([p])


def test_truncated_jpeg_is_refused_with_its_name(tmp_path):
    data = (CORPUS / "dev-004" / "p01.jpg").read_bytes()
    p = tmp_path / "cut.jpg"
    p.write_bytes(data[: len(data) // 3])
    refs = scan_inputs([p])  # the header is fine ...
    with pytest.raises(CorruptFileError, match="cut.jpg.*(damaged|truncated)"):
        load_page(refs[0])  # ... decoding is not


def test_corrupt_png_header(tmp_path):
    p = tmp_path / "bad.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(CorruptFileError):
        scan_inputs([p])


def _png_with_size(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (1, 1), 255).save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    ihdr = struct.pack(">II", w, h) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def test_decompression_bomb_guard(tmp_path):
    p = tmp_path / "bomb.png"
    p.write_bytes(_png_with_size(60000, 60000))
    with pytest.raises(ImageTooLargeError, match="implausible"):
        scan_inputs([p])


def test_encrypted_pdf(tmp_path):
    src = CORPUS / "dev-002" / "dev-002.pdf"
    p = tmp_path / "locked.pdf"
    with pikepdf.open(src) as pdf:
        pdf.save(p, encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    with pytest.raises(EncryptedPdfError, match="encrypted"):
        scan_inputs([p])


def make_signed_pdf(path: Path) -> None:
    """A PDF carrying a real (self-signed) PAdES signature, made with pyHanko."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore(),
    )
    with open(CORPUS / "dev-002" / "dev-002.pdf", "rb") as inf:
        w = IncrementalPdfFileWriter(inf)
        with open(path, "wb") as outf:
            signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name="Sig1"), signer=signer,
                             output=outf)


def test_signed_pdf_is_refused(tmp_path):
    p = tmp_path / "signed.pdf"
    make_signed_pdf(p)
    with pytest.raises(SignedPdfError, match="digitally signed.*destroy the signature"):
        scan_inputs([p])


# --- bad inputs through the real CLI: message names the file, documented exit code, no traceback

@pytest.mark.parametrize(
    "name, content, code, words",
    [
        ("e.jpg", b"", 3, "empty"),
        ("t.tif", b"hello", 3, "unsupported file type"),
        ("b.png", _png_with_size(70000, 70000), 3, "implausible"),
        ("c.pdf", b"%PDF-1.4\ngarbage\n%%EOF", 3, "damaged"),
    ],
)
def test_cli_bad_inputs(tmp_path, name, content, code, words):
    bad = tmp_path / name
    bad.write_bytes(content)
    r = run_cli("ocr", str(bad), "-o", str(tmp_path / "out.pdf"))
    assert r.returncode == code, r.stderr
    assert bad.name in r.stderr and words in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_cli_encrypted_and_signed_exit_codes(tmp_path):
    enc = tmp_path / "locked.pdf"
    with pikepdf.open(CORPUS / "dev-002" / "dev-002.pdf") as pdf:
        pdf.save(enc, encryption=pikepdf.Encryption(owner="o", user="u", R=6))
    r = run_cli("ocr", str(enc), "-o", str(tmp_path / "o.pdf"))
    assert r.returncode == 4 and "encrypted" in r.stderr and "Traceback" not in r.stderr

    signed = tmp_path / "signed.pdf"
    make_signed_pdf(signed)
    before = sha(signed)
    r = run_cli("ocr", str(signed), "-o", str(tmp_path / "o.pdf"))
    assert r.returncode == 5 and "digitally signed" in r.stderr
    assert sha(signed) == before


def test_cli_refuses_to_overwrite_input(tmp_path):
    src = tmp_path / "p.png"
    src.write_bytes((CORPUS / "dev-006" / "p02.png").read_bytes())
    before = sha(src)
    r = run_cli("ocr", str(src), "-o", str(src))
    assert r.returncode == 2 and "overwrite an input" in r.stderr
    assert sha(src) == before


def test_cli_missing_language_pack(tmp_path):
    r = run_cli("ocr", str(CORPUS / "dev-006" / "p02.png"), "-o", str(tmp_path / "o.pdf"),
                "--lang", "vie+xyz")
    assert r.returncode == 6
    assert "xyz" in r.stderr and "apt-get install" in r.stderr
