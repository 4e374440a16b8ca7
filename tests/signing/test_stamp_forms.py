"""The visible block: the copying agency (a setting; the certificate's O= only as a reported
fallback), both forms (Decree 30/2020 copy form; Circular 05/2025/TT-BNV Art. 8 agency form),
and the preview's lines equal to what poppler reads back from the signed file."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import signing
from signing import errors
from signing.stamp import StampOptions, stamp_text

ROOT = Path(__file__).resolve().parents[2]
AGENCY = "Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm"
CERT_O = "Sở Tư pháp tỉnh Thử nghiệm"  # the test signer's O=


def stamped_lines(pdf: Path, box) -> list[str]:
    """The text poppler reads inside the block's box on page 1 (A4, 842 pt high)."""
    x1, y1, x2, y2 = box
    txt = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-x", str(int(x1) - 2), "-y", str(int(842 - y2) - 2),
         "-W", str(int(x2 - x1) + 4), "-H", str(int(y2 - y1) + 4), str(pdf), "-"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
    return [line.strip() for line in txt.replace("\f", "").splitlines() if line.strip()]


def appearance_stream(pdf: Path) -> bytes:
    """The content of the signature widget's normal appearance (and its form XObjects)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf.read_bytes()), strict=False)
    sig = reader.embedded_regular_signatures[-1]
    ap = sig.sig_field["/Kids"][0]["/AP"]["/N"] if "/Kids" in sig.sig_field else (
        sig.sig_field["/AP"]["/N"]
    )
    out = [ap.data]

    def walk(xobj, depth=0):
        res = xobj.get("/Resources")
        if not res or depth > 4:
            return
        for _name, sub in (res.get("/XObject") or {}).items():
            sub = sub.get_object()
            if sub.get("/Subtype") == "/Image":
                out.append(b"%IMAGE-XOBJECT")  # a picture (a seal) in the block
                continue
            out.append(sub.data)
            walk(sub, depth + 1)

    walk(ap)
    return b"\n".join(out)


@pytest.mark.parametrize(
    "opts, expected_first",
    [
        (StampOptions(agency=AGENCY), ["SAO Y", AGENCY]),
        (StampOptions(agency=AGENCY, copy_form="trích sao"), ["TRÍCH SAO", AGENCY]),
        (StampOptions(agency=AGENCY, form="agency"), [AGENCY]),
    ],
)
def test_preview_lines_are_what_is_stamped(pki, p12_signer, sample_pdf, tmp_path, opts,
                                           expected_first):
    before = stamp_text(opts, p12_signer.info)  # the preview, before signing
    r = signing.sign_pdf(sample_pdf, tmp_path / "o.pdf", p12_signer, level="B-B", stamp=opts)
    assert r.stamp_form == opts.form and r.agency_from_certificate is False
    assert not any("no agency that makes copies" in w for w in r.warnings)
    # the preview with the signature's own instant: exactly the stamped lines ...
    preview = stamp_text(opts, p12_signer.info, r.signing_time)
    assert list(preview.lines) == list(r.stamp_lines)
    assert list(preview.lines) == expected_first + [r.signing_time.isoformat()]
    # ... and exactly what poppler reads back from the signed file
    assert stamped_lines(r.output, r.stamp_box) == list(preview.lines)
    # the preview made before signing differs at most in the time line
    assert before.lines[:-1] == preview.lines[:-1]


def test_agency_form_is_circular_05_2025(pki, p12_signer, sample_pdf, tmp_path):
    """Agency name + ISO 8601 time with +07:00, Times New Roman or a metric-compatible serif at
    10 pt, black, top right of page 1, no seal image."""
    r = signing.sign_pdf(
        sample_pdf, tmp_path / "a.pdf", p12_signer, level="B-B",
        stamp=StampOptions(agency=AGENCY, form="agency"),
    )
    assert r.stamp_lines == (AGENCY, r.signing_time.isoformat())
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", r.stamp_lines[1])
    assert r.stamp_font.startswith(("Times New Roman", "Liberation Serif", "Tinos"))
    x1, y1, x2, y2 = r.stamp_box
    assert x2 > 500 and y1 > 600  # top right of A4 page 1
    ap = appearance_stream(r.output)
    assert re.search(rb"/F\w*\s+10(\.0+)?\s+Tf", ap), ap[:400]  # 10 pt
    assert re.search(rb"\b0(\.0+)? 0(\.0+)? 0(\.0+)? rg", ap)  # black fill for the text
    assert b"%IMAGE-XOBJECT" not in ap  # no seal image
    fonts = subprocess.run(
        ["pdffonts", "-f", "1", "-l", "1", str(r.output)], capture_output=True, text=True,
        check=True, timeout=60,
    ).stdout
    assert re.search(r"(TimesNewRoman|Times|LiberationSerif|Tinos)", fonts), fonts
    with pytest.raises(errors.SigningError, match="no seal image") as ei:
        signing.sign_pdf(
            sample_pdf, tmp_path / "b.pdf", p12_signer, level="B-B",
            stamp=StampOptions(agency=AGENCY, form="agency", seal_image=tmp_path / "seal.png"),
        )
    assert ei.value.code == "stamp_bad_option" and not (tmp_path / "b.pdf").exists()


def test_certificate_o_only_as_a_reported_fallback(p12_signer, sample_pdf, tmp_path):
    t = stamp_text(StampOptions(), p12_signer.info)
    assert t.agency == CERT_O and t.agency_from_certificate is True
    assert stamp_text(StampOptions(agency="  " + AGENCY + " "), p12_signer.info).agency == AGENCY
    assert stamp_text(StampOptions(agency=AGENCY)).agency_from_certificate is False  # no cert
    with pytest.raises(errors.SigningError) as ei:
        stamp_text(StampOptions())  # neither a setting nor a certificate
    assert ei.value.code == "stamp_no_agency"
    r = signing.sign_pdf(sample_pdf, tmp_path / "o.pdf", p12_signer, level="B-B")
    assert r.agency_from_certificate is True and r.stamp_lines[1] == CERT_O
    assert any("no agency that makes copies" in w and CERT_O in w for w in r.warnings)
    assert r.to_dict()["agency_from_certificate"] is True
    with pytest.raises(errors.SigningError, match="unknown stamp form"):
        stamp_text(StampOptions(agency=AGENCY, form="seal"))


def test_settings_file_and_form_per_document_type(tmp_path, monkeypatch):
    from digitizer import signing_settings as ss
    from digitizer.commands.sign import stamp_for_records
    from digitizer.errors import InputError, UsageError

    monkeypatch.setenv("DIGITIZER_CONFIG_DIR", str(tmp_path / "cfg"))
    assert ss.load() == ss.StampSettings()  # no file: defaults
    saved = ss.StampSettings(
        copy_agency=AGENCY, form="copy", copy_form="SAO LỤC",
        forms={"Tài liệu lưu trữ số hóa": "agency"},
    )
    path = ss.save(saved)
    assert path == tmp_path / "cfg" / "signing.toml" and ss.load() == saved
    assert ss.form_for(saved, "tài liệu lưu trữ  số hóa") == "agency"  # case, spaces
    assert ss.form_for(saved, "Giấy chứng nhận") == "copy"
    assert ss.form_for(saved, "Tài liệu lưu trữ số hóa", explicit="copy") == "copy"
    o = ss.stamp_options(saved)
    assert (o.agency, o.form, o.copy_form) == (AGENCY, "copy", "SAO LỤC")
    assert ss.stamp_options(saved, copy_agency="UBND xã A").agency == "UBND xã A"
    with pytest.raises(UsageError):
        ss.form_for(saved, explicit="seal")
    # batch: one options builder, each document's form from its type
    args = argparse.Namespace(stamp_form=None, copy_agency=None, copy_form=None, invisible=False)
    make = stamp_for_records(args)
    assert make({"type_name": "Tài liệu lưu trữ số hóa"}).form == "agency"
    assert make({"type_name": "Giấy phép"}).form == "copy" and make({}).agency == AGENCY
    (tmp_path / "cfg" / "signing.toml").write_text('[stamp]\nform = "dấu"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown stamp form"):
        ss.load()


def _cli(args, env):
    return subprocess.run(
        [sys.executable, "-m", "digitizer", *args], capture_output=True, text=True,
        env={**os.environ, **env}, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL,
    )


def test_cli_copy_agency_stamp_form_and_settings(pki, sample_pdf, tmp_path):
    import pki as pki_mod

    cfg = tmp_path / "cfg"
    env = {"P12_PW": pki_mod.P12_PASSWORD, "DIGITIZER_CONFIG_DIR": str(cfg),
           "DIGITIZER_TRUST_DIR": str(tmp_path / "trust")}
    base = ["sign", str(sample_pdf), "--pkcs12", str(pki.p12_path("signer")), "--password-env",
            "P12_PW", "--level", "B-B", "--json"]
    r = _cli(base + ["-o", str(tmp_path / "a.pdf"), "--copy-agency", AGENCY,
                     "--stamp-form", "agency"], env)
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["stamp_lines"][:-1] == [AGENCY] and res["stamp_form"] == "agency"
    assert res["agency_from_certificate"] is False
    assert stamped_lines(tmp_path / "a.pdf", res["stamp_box"]) == res["stamp_lines"]
    # nothing set: the certificate's O=, reported
    r = _cli(base + ["-o", str(tmp_path / "b.pdf")], env)
    res = json.loads(r.stdout)
    assert res["stamp_lines"][:2] == ["SAO Y", CERT_O] and res["agency_from_certificate"]
    # the setting drives the block; the document type picks the form
    cfg.mkdir()
    (cfg / "signing.toml").write_text(
        f'[stamp]\ncopy_agency = "{AGENCY}"\n\n[stamp.forms]\n"Tài liệu lưu trữ số hóa" = '
        '"agency"\n',
        encoding="utf-8",
    )
    r = _cli(base + ["-o", str(tmp_path / "c.pdf")], env)
    res = json.loads(r.stdout)
    assert res["stamp_lines"][:2] == ["SAO Y", AGENCY] and not res["agency_from_certificate"]
    r = _cli(base + ["-o", str(tmp_path / "d.pdf"), "--meta", "type_name=Tài liệu lưu trữ số hóa"],
             env)
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["stamp_form"] == "agency" and res["stamp_lines"][:-1] == [AGENCY]
    r = _cli(base + ["-o", str(tmp_path / "e.pdf"), "--stamp-form", "dấu"], env)
    assert r.returncode == 2
