"""Signing with real components: certomancer PKI (TSA/OCSP/CRL on 127.0.0.1), SoftHSM2, pdfsig."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime
from pathlib import Path

import pki as pki_mod
import pytest
from pdfsig import pdfsig
from samples import admin_page_pdf

import signing
from signing import errors


def _pyhanko_status(path: Path, pki, *, offline: bool = True, index: int = 0):
    """pyHanko's own validation, offline from the document's DSS (hard-fail revocation)."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    reader = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False)
    sig = reader.embedded_regular_signatures[index]
    root = load_cert_from_pemder(str(pki.root_cert))
    kwargs = {
        "trust_roots": [root],
        "allow_fetching": not offline,
        "revocation_mode": "hard-fail" if offline else "soft-fail",
    }
    dss = DocumentSecurityStore.read_dss(reader) if reader.root.get("/DSS") else None
    vc = (
        dss.as_validation_context(kwargs)
        if dss
        else __import__("pyhanko_certvalidator").ValidationContext(**kwargs)
    )
    return reader, sig, validate_pdf_signature(sig, vc)


@pytest.mark.parametrize("level", ["B-B", "B-T", "B-LT", "B-LTA"])
def test_levels_validate_with_pyhanko(signed, pki, level):
    from pyhanko.sign.diff_analysis import ModificationLevel

    r = signed[level]
    assert r.level == level and not r.needs_augmentation
    assert r.digest_algorithm == "sha256"
    offline = level in ("B-LT", "B-LTA")
    reader, sig, st = _pyhanko_status(r.output, pki, offline=offline)
    assert st.intact and st.valid and st.trusted, st.pretty_print_details()
    if level == "B-B":
        assert st.timestamp_validity is None
    else:
        assert st.timestamp_validity is not None and st.timestamp_validity.valid
    if offline:
        assert "/DSS" in reader.root
        assert st.modification_level == ModificationLevel.LTA_UPDATES
    else:
        assert st.modification_level == ModificationLevel.NONE
        assert st.coverage.name == "ENTIRE_FILE"
    doc_ts = [s for s in reader.embedded_signatures if s.sig_object.get("/Type") == "/DocTimeStamp"]
    assert bool(doc_ts) == (level == "B-LTA")
    # signing time in the signature == the instant shown in the stamp
    m = sig.self_reported_timestamp
    assert m == r.signing_time
    assert r.stamp_lines[-1] == r.signing_time.isoformat()
    assert r.stamp_lines[-1].endswith("+07:00")


def test_output_is_incremental_and_original_untouched(signed, sample_pdf):
    original = sample_pdf.read_bytes()
    for r in signed.values():
        assert r.output.read_bytes().startswith(original)
    assert not signing.is_signed(sample_pdf)
    assert signing.is_signed(signed["B-B"].output)


def test_pdfsig_agrees_valid_and_trusted(signed_plain, nssdb):
    res = pdfsig(signed_plain.output, nssdb)
    assert len(res) == 1, res
    assert res[0].valid is True and res[0].trusted is True and res[0].total_document, res[0].text


def test_pdfsig_valid_on_all_levels(signed, nssdb):
    for level, r in signed.items():
        res = pdfsig(r.output, nssdb)
        assert res and res[0].valid is True, (level, res[0].text if res else "no output")
        # leaves with OCSP/CRL pointers: Debian's poppler may say "Unknown issue" (inconclusive)
        assert res[0].trusted in (True, None), res[0].text


def test_one_byte_tamper_is_detected(signed_plain, nssdb, pki, tmp_path):
    data = bytearray(signed_plain.output.read_bytes())
    i = data.index(b"GIAY CHUNG NHAN")
    data[i] = ord("X")
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    res = pdfsig(bad, nssdb)
    assert res and res[0].valid is False and res[0].digest_mismatch, res[0].text
    _, _, st = _pyhanko_status(bad, pki, offline=False)
    assert not st.intact


def test_stamp_text_and_rendering(signed, tmp_path):
    r = signed["B-T"]
    assert r.stamp_lines[0] == "SAO Y"
    assert r.stamp_lines[1] == "Sở Tư pháp tỉnh Thử nghiệm"
    x1, y1, x2, y2 = r.stamp_box
    # top right of page 1 (A4 595x842) and not on the national heading (y 776..801)
    assert x2 > 500 and y2 < 776 and y1 > 600
    # text extraction of page 1's top-right region (poppler, independent of pyHanko)
    txt = subprocess.run(
        [
            "pdftotext",
            "-f",
            "1",
            "-l",
            "1",
            "-x",
            str(int(x1) - 2),
            "-y",
            str(int(842 - y2) - 2),
            "-W",
            str(int(x2 - x1) + 4),
            "-H",
            str(int(y2 - y1) + 4),
            str(r.output),
            "-",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "SAO Y" in txt and "Sở Tư pháp tỉnh Thử nghiệm" in txt
    assert r.signing_time.isoformat() in txt
    # render and check the stamp area carries ink; the rest of the top-right corner is paper
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-f",
            "1",
            "-l",
            "1",
            "-gray",
            "-png",
            str(r.output),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    from PIL import Image

    img = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    crop = img.crop((int(x1), int(842 - y2), int(x2), int(842 - y1)))
    dark = sum(1 for v in crop.tobytes() if v < 128)
    assert dark > 100, "stamp area is blank"


def test_heading_not_covered_and_plain_page_default(pki, p12_signer, tmp_path):
    plain = admin_page_pdf(tmp_path / "noheading.pdf", heading=False)
    r = signing.sign_pdf(plain, tmp_path / "o.pdf", p12_signer, level="B-B")
    assert r.stamp_box[3] == pytest.approx(842 - 8, abs=0.5)  # top margin, nothing shifted


def test_copy_form_attachment_and_invisible(pki, p12_signer, sample_pdf, tmp_path):
    r = signing.sign_pdf(
        sample_pdf,
        tmp_path / "a.pdf",
        p12_signer,
        level="B-B",
        stamp=signing.StampOptions(copy_form="trích sao", agency="UBND xã Thử"),
    )
    assert r.stamp_lines[:2] == ("TRÍCH SAO", "UBND xã Thử")
    r = signing.sign_pdf(
        sample_pdf,
        tmp_path / "b.pdf",
        p12_signer,
        level="B-B",
        stamp=signing.StampOptions(attachment_number="Số: 12/QĐ-UBND"),
    )
    assert r.stamp_lines[1] == "Số: 12/QĐ-UBND"
    r = signing.sign_pdf(
        sample_pdf,
        tmp_path / "c.pdf",
        p12_signer,
        level="B-B",
        stamp=signing.StampOptions(visible=False),
    )
    assert r.stamp_box is None and r.stamp_lines == ()
    with pytest.raises(signing.SigningError, match="unknown copy form"):
        signing.sign_pdf(
            sample_pdf,
            tmp_path / "d.pdf",
            p12_signer,
            level="B-B",
            stamp=signing.StampOptions(copy_form="BẢN CHÍNH"),
        )


def test_seal_image(pki, p12_signer, sample_pdf, tmp_path):
    seal = Path(__file__).parents[2] / "resources" / "stamp" / "demo-seal.png"
    r = signing.sign_pdf(
        sample_pdf,
        tmp_path / "s.pdf",
        p12_signer,
        level="B-B",
        stamp=signing.StampOptions(seal_image=seal),
    )
    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", str(r.output), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    from PIL import Image

    img = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    x1, y1, x2, y2 = r.stamp_box
    crop = img.crop((int(x1), int(842 - y2), int(x2), int(842 - y1)))
    px = crop.tobytes()
    red = sum(
        1 for i in range(0, len(px), 3) if px[i] > 150 and px[i + 1] < 110 and px[i + 2] < 110
    )
    assert red > 50


def test_second_signature_appends(pki, signed, p12_signer, tmp_path):
    first = signed["B-T"].output
    r = signing.sign_pdf(first, tmp_path / "two.pdf", p12_signer, level="B-T", tsa_url=pki.tsa_url)
    assert r.field_name == "Signature2"
    assert r.output.read_bytes().startswith(first.read_bytes())
    _, _, st0 = _pyhanko_status(r.output, pki, offline=False, index=0)
    _, _, st1 = _pyhanko_status(r.output, pki, offline=False, index=1)
    assert st0.intact and st0.valid and st1.intact and st1.valid


def test_pss_and_ecdsa(pki, sample_pdf, tmp_path):
    h = signing.load_pkcs12(pki.p12_path("signer"), pki_mod.P12_PASSWORD)
    r = signing.sign_pdf(
        sample_pdf, tmp_path / "pss.pdf", h, level="B-T", tsa_url=pki.tsa_url, pss=True
    )
    assert r.signature_mechanism == "rsassa_pss"
    _, _, st = _pyhanko_status(r.output, pki, offline=False)
    assert st.intact and st.valid
    h.signer.prefer_pss = False
    ec = signing.load_pkcs12(pki.p12_path("signer-ec"), pki_mod.P12_PASSWORD)
    r = signing.sign_pdf(sample_pdf, tmp_path / "ec.pdf", ec, level="B-B", pss=True)
    assert "ecdsa" in r.signature_mechanism and any("PSS" in w for w in r.warnings)
    _, _, st = _pyhanko_status(r.output, pki, offline=False)
    assert st.intact and st.valid


def test_sha1_refused(p12_signer, sample_pdf, tmp_path):
    with pytest.raises(errors.CertificateRejected, match="SHA-256 or stronger"):
        signing.sign_pdf(sample_pdf, tmp_path / "x.pdf", p12_signer, level="B-B", digest="sha1")


# ------------------------------------------------------------------------- PKCS#11 / SoftHSM2


def test_pkcs11_sign_b_lt(pki, token, sample_pdf, tmp_path):
    with signing.open_pkcs11(
        token.lib,
        token_label=token.label,
        cert_label="signer",
        pin=token.pin,
        extra_certs=(_root(pki),),
    ) as h:
        assert h.source.startswith("pkcs11:")
        r = signing.sign_pdf(
            sample_pdf, tmp_path / "p11.pdf", h, level="B-LT", tsa_url=pki.tsa_url, pss=True
        )
    assert r.level == "B-LT" and r.signature_mechanism == "rsassa_pss"
    _, _, st = _pyhanko_status(r.output, pki, offline=True)
    assert st.intact and st.valid and st.trusted


def test_pkcs11_by_id_and_pdfsig(pki, token, sample_pdf, tmp_path, nssdb):
    with signing.open_pkcs11(
        token.lib, token_label=token.label, cert_id="02", pin=token.pin, extra_certs=(_root(pki),)
    ) as h:
        assert h.info.common_name == "Trần Thị Bích"
        r = signing.sign_pdf(sample_pdf, tmp_path / "p11b.pdf", h, level="B-T", tsa_url=pki.tsa_url)
    res = pdfsig(r.output, nssdb)
    assert res[0].valid is True and res[0].trusted is True, res[0].text


def test_pkcs11_wrong_pin(token):
    with pytest.raises(errors.PinIncorrectError) as ei:
        signing.open_pkcs11(token.lib, token_label=token.label, cert_label="signer", pin="000000")
    assert ei.value.exit_code == 23 and "wrong PIN" in str(ei.value)
    # SoftHSM2 now reports CKF_USER_PIN_COUNT_LOW: the next attempt needs a confirmation, and
    # the good login clears the flag for the tests that share this token
    signing.open_pkcs11(
        token.lib, token_label=token.label, cert_label="signer", pin=token.pin,
        confirm_pin_risk=True,
    ).close()


def test_pkcs11_token_absent_and_key_missing(token):
    with pytest.raises(errors.TokenNotFoundError) as ei:
        signing.open_pkcs11(token.lib, token_label="no-such-token", pin=token.pin)
    assert ei.value.exit_code == 25 and "digitizer-test" in str(ei.value)
    with pytest.raises(errors.KeyNotFoundError) as ei:
        signing.open_pkcs11(token.lib, token_label=token.label, cert_label="nobody", pin=token.pin)
    assert ei.value.exit_code == 26 and "'signer'" in str(ei.value)
    with pytest.raises(errors.KeyNotFoundError, match="several certificates"):
        signing.open_pkcs11(token.lib, token_label=token.label, pin=token.pin)
    with pytest.raises(errors.TokenNotFoundError, match="module not found"):
        signing.open_pkcs11("/nonexistent/libp11.so", token_label="x", pin="1")


def test_token_plugged_in_while_the_app_runs_is_found(pki, token, tmp_path, monkeypatch):
    """The module is loaded once per process and keeps the slot list it first saw; a token
    inserted later (here: a second SoftHSM2 token directory) is found after one rescan, and the
    first token again after it comes back."""
    with signing.open_pkcs11(
        token.lib, token_label=token.label, cert_label="signer", pin=token.pin
    ):
        pass  # the module now knows only the session token
    late = pki_mod.init_softhsm(
        pki, tmp_path / "late", labels=("signer-plain",), token_label="digitizer-late"
    )
    monkeypatch.setenv("SOFTHSM2_CONF", str(late.conf_path))
    with signing.open_pkcs11(token.lib, token_label="digitizer-late", pin=late.pin) as h:
        assert h.info.common_name == "Trần Thị Bích"
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf_path))
    with signing.open_pkcs11(
        token.lib, token_label=token.label, cert_label="signer", pin=token.pin
    ) as h:
        assert h.source.startswith("pkcs11:")
    with pytest.raises(errors.TokenNotFoundError, match="digitizer-late"):  # unplugged again
        signing.open_pkcs11(token.lib, token_label="digitizer-late", pin=late.pin)


def test_the_only_token_is_used_without_a_label(token):
    """Without --token-label the one initialised token is used; SoftHSM2's blank slot (like an
    empty reader) is neither a candidate nor a reason for "several tokens present"."""
    assert signing.list_tokens(token.lib) == [token.label]
    with signing.open_pkcs11(token.lib, cert_label="signer", pin=token.pin) as h:
        assert h.source.startswith("pkcs11:")


def test_list_token_certs_vietnamese(token):
    certs = signing.list_token_certs(token.lib, token_label=token.label)
    names = {c.common_name for c in certs}
    assert {"Nguyễn Văn Ánh", "Trần Thị Bích", "Test Intermediate CA"} <= names
    signer = next(c for c in certs if c.label == "signer")
    assert signer.key_id == "01" and "non_repudiation" in signer.key_usage
    assert len(signer.fingerprint_sha256) == 95 and signer.serial


# -------------------------------------------------------------------------- refusals


def _root(pki):
    from cryptography import x509

    return x509.load_pem_x509_certificate(pki.root_cert.read_bytes())


def test_wrong_p12_password(pki):
    with pytest.raises(errors.WrongPasswordError) as ei:
        signing.load_pkcs12(pki.p12_path("signer"), "wrong")
    assert ei.value.exit_code == 22 and "wrong" not in str(ei.value).split(":")[-1][:0]
    assert "password" in str(ei.value)


@pytest.mark.parametrize(
    "label, code",
    [
        ("signer-expired", "cert_expired"),
        ("signer-nousage", "cert_key_usage"),
        ("signer-weak", "cert_weak_key"),
    ],
)
def test_certificate_refused(pki, sample_pdf, tmp_path, label, code):
    h = signing.load_pkcs12(pki.p12_path(label), pki_mod.P12_PASSWORD)
    with pytest.raises(errors.CertificateRejected) as ei:
        signing.sign_pdf(sample_pdf, tmp_path / "x.pdf", h, level="B-B")
    assert ei.value.code == code and ei.value.exit_code == 21
    assert not (tmp_path / "x.pdf").exists()


def test_revoked_refused_at_b_lt(pki, sample_pdf, tmp_path):
    h = signing.load_pkcs12(pki.p12_path("signer-revoked"), pki_mod.P12_PASSWORD)
    with pytest.raises(errors.CertificateRejected) as ei:
        signing.sign_pdf(sample_pdf, tmp_path / "x.pdf", h, level="B-LT", tsa_url=pki.tsa_url)
    assert ei.value.code == "cert_revoked" and "revoked" in str(ei.value)


def test_no_chain_refused(pki, token, sample_pdf, tmp_path):
    # the token holds signer + intermediate but not the root: without the trust store no chain
    with (
        signing.open_pkcs11(
            token.lib, token_label=token.label, cert_label="signer", pin=token.pin
        ) as h,
        pytest.raises(errors.CertificateRejected) as ei,
    ):
        signing.sign_pdf(sample_pdf, tmp_path / "x.pdf", h, level="B-B")
    assert ei.value.code == "cert_no_chain" and "Test Root CA" in str(ei.value)


def test_tsa_unreachable(pki, p12_signer, sample_pdf, tmp_path):
    with pytest.raises(errors.TsaError) as ei:
        signing.sign_pdf(
            sample_pdf,
            tmp_path / "x.pdf",
            p12_signer,
            level="B-T",
            tsa_url=pki.dead_url,
            tsa_timeout=3,
        )
    assert ei.value.exit_code == 27 and pki.dead_url in str(ei.value)
    r = signing.sign_pdf(
        sample_pdf,
        tmp_path / "y.pdf",
        p12_signer,
        level="B-LT",
        tsa_url=pki.dead_url,
        tsa_timeout=3,
        fallback=True,
    )
    assert r.level == "B-B" and r.needs_augmentation and r.requested_level == "B-LT"


def test_ocsp_unreachable_then_fallback_and_augment(pki, sample_pdf, tmp_path):
    h = signing.load_pkcs12(pki.p12_path("signer-deadocsp"), pki_mod.P12_PASSWORD)
    with pytest.raises(errors.RevocationUnavailableError) as ei:
        signing.sign_pdf(sample_pdf, tmp_path / "x.pdf", h, level="B-LT", tsa_url=pki.tsa_url)
    assert ei.value.exit_code == 28 and "OCSP" in str(ei.value)
    r = signing.sign_pdf(
        sample_pdf, tmp_path / "y.pdf", h, level="B-LT", tsa_url=pki.tsa_url, fallback=True
    )
    assert r.level == "B-T" and r.needs_augmentation


def test_augment_b_t_to_b_lta(pki, signed, tmp_path):
    out = tmp_path / "aug.pdf"
    level = signing.augment_pdf(
        signed["B-T"].output, out, level="B-LTA", tsa_url=pki.tsa_url, trust_roots=(_root(pki),)
    )
    assert level == "B-LTA"
    assert out.read_bytes().startswith(signed["B-T"].output.read_bytes())
    reader, _, st = _pyhanko_status(out, pki, offline=True)
    assert st.intact and st.valid and st.trusted
    assert any(s.sig_object.get("/Type") == "/DocTimeStamp" for s in reader.embedded_signatures)


def test_bad_inputs(pki, p12_signer, sample_pdf, tmp_path):
    txt = tmp_path / "x.pdf"
    txt.write_text("hello")
    with pytest.raises(errors.InputPdfError, match="not a PDF") as ei:
        signing.sign_pdf(txt, tmp_path / "o.pdf", p12_signer, level="B-B")
    assert ei.value.exit_code == 3
    with pytest.raises(errors.InputPdfError, match="not found"):
        signing.sign_pdf(tmp_path / "missing.pdf", tmp_path / "o.pdf", p12_signer, level="B-B")
    with pytest.raises(signing.SigningError, match="in place"):
        signing.sign_pdf(sample_pdf, sample_pdf, p12_signer, level="B-B")
    import pikepdf

    enc = tmp_path / "enc.pdf"
    with pikepdf.open(sample_pdf) as pdf:
        pdf.save(enc, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(errors.EncryptedInputError) as ei:
        signing.sign_pdf(enc, tmp_path / "o.pdf", p12_signer, level="B-B")
    assert ei.value.exit_code == 4
    with pytest.raises(errors.TsaError, match="needs a timestamp server"):
        signing.sign_pdf(sample_pdf, tmp_path / "o.pdf", p12_signer, level="B-T")
    assert not (tmp_path / "o.pdf").exists()


def test_signing_time_is_now_vietnam(signed):
    t = signed["B-B"].signing_time
    assert t.utcoffset().total_seconds() == 7 * 3600
    assert abs((datetime.now(t.tzinfo) - t).total_seconds()) < 3600


def test_document_meta_is_covered(pki, p12_signer, sample_pdf, tmp_path):
    from pypdf import PdfReader

    r = signing.sign_pdf(
        sample_pdf,
        tmp_path / "m.pdf",
        p12_signer,
        level="B-T",
        tsa_url=pki.tsa_url,
        document_meta={"title": "Giấy chứng nhận", "keywords": ["TTHC", "SAO Y"]},
    )
    assert PdfReader(str(r.output)).metadata.title == "Giấy chứng nhận"
    _, _, st = _pyhanko_status(r.output, pki, offline=False)
    assert st.intact and st.valid and st.coverage.name == "ENTIRE_FILE"


def test_font_with_2048_units_is_rescaled(p12_signer, sample_pdf, tmp_path, monkeypatch):
    """pyHanko 0.38 mis-scales fonts whose unitsPerEm != 1000: such fonts are rescaled first."""
    from fontTools.ttLib import TTFont

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    assert TTFont(str(dejavu))["head"].unitsPerEm == 2048
    r = signing.sign_pdf(
        sample_pdf,
        tmp_path / "f.pdf",
        p12_signer,
        level="B-B",
        stamp=signing.StampOptions(font_file=dejavu),
    )
    font = signing.stamp.find_stamp_font(dejavu)
    assert font.path != dejavu and TTFont(str(font.path))["head"].unitsPerEm == 1000
    x1, y1, x2, y2 = r.stamp_box
    txt = subprocess.run(
        [
            "pdftotext",
            "-f",
            "1",
            "-l",
            "1",
            "-x",
            str(int(x1) - 2),
            "-y",
            str(int(842 - y2) - 2),
            "-W",
            str(int(x2 - x1) + 4),
            "-H",
            str(int(y2 - y1) + 4),
            str(r.output),
            "-",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    # glyph widths right: the whole agency line fits the box computed from the font's metrics
    assert "Sở Tư pháp tỉnh Thử nghiệm" in txt and r.signing_time.isoformat() in txt


@pytest.mark.parametrize(("days", "warned"), [(10, True), (400, False)])
def test_certificate_expiring_soon_is_warned(sample_pdf, tmp_path, days, warned):
    from datetime import UTC, timedelta

    from testpki import self_signed_p12

    start = datetime.now(UTC) - timedelta(days=300)
    p12 = self_signed_p12(
        tmp_path / "c.p12", b"pw", valid_from=start, valid_days=300 + days + 1 / 24
    )
    h = signing.load_pkcs12(p12, "pw")
    r = signing.sign_pdf(sample_pdf, tmp_path / "s.pdf", h, level="B-B")
    expiring = [w for w in r.warnings if "expires on" in w]
    assert bool(expiring) is warned, r.warnings
    if warned:
        assert f"(in {days} days)" in expiring[0] and "renew" in expiring[0]
