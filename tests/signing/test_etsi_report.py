"""ETSI TS 119 102-2 XML report: structure checked against pyHanko's bindings of the ETSI
schema (xsdata refuses unknown or misplaced elements) and against the XSD's element order;
the XSD itself is not shipped (see signing/etsi.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from signing.etsi import NS, to_etsi_xml
from signing.verify import verify_pdf

V = "{" + NS + "}"
# xs:sequence of SignatureValidationReportType in TS 119 102-2 v1.2.1
ORDER = [
    "SignatureIdentifier",
    "ValidationConstraintsEvaluationReport",
    "ValidationTimeInfo",
    "SignersDocument",
    "SignatureAttributes",
    "SignerInformation",
    "SignatureQuality",
    "SignatureValidationProcess",
    "SignatureValidationStatus",
]


def _check(xml: str, rep) -> ET.Element:
    from pyhanko.generated.etsi import ts_11910202 as vr
    from xsdata.formats.dataclass.parsers import XmlParser
    from xsdata.formats.dataclass.parsers.config import ParserConfig

    parsed = XmlParser(ParserConfig(fail_on_unknown_properties=True)).from_string(
        xml, vr.ValidationReport
    )
    assert parsed.signature_validation_report
    root = ET.fromstring(xml)
    assert root.tag == V + "ValidationReport"
    svrs = root.findall(V + "SignatureValidationReport")
    assert len(svrs) == max(1, len(rep.signatures))
    for el in svrs:
        names = [c.tag.removeprefix(V) for c in el]
        assert names == sorted(names, key=ORDER.index), names
        assert names[-1] == "SignatureValidationStatus"
    vo_ids = {o.get("id") for o in root.iter(V + "ValidationObject")}
    for ref in root.iter(V + "SignerCertificate"):
        assert ref.get("VOReference") in vo_ids
    return root


def test_passed_b_lt(signed, pki):
    rep = verify_pdf(signed["B-LT"].output, None, pki.trust_dir)
    root = _check(to_etsi_xml(rep), rep)
    st = root.find(f"{V}SignatureValidationReport/{V}SignatureValidationStatus")
    assert st.findtext(V + "MainIndication") == "urn:etsi:019102:mainindication:total-passed"
    assert st.find(V + "SubIndication") is None
    svr = root.find(V + "SignatureValidationReport")
    assert svr.findtext(f"{V}SignatureIdentifier/{V}DAIdentifier") == rep.signatures[0].field_name
    assert svr.findtext(f"{V}SignerInformation/{V}Signer") == "Nguyễn Văn Ánh"
    assert (
        svr.findtext(f"{V}SignatureValidationProcess/{V}SignatureValidationProcessID")
        == "urn:etsi:019102:validationprocess:LTVM"
    )
    # the signature timestamp (trusted) is the best signature time, not the validation time
    poe = svr.findtext(f"{V}ValidationTimeInfo/{V}BestSignatureTime/{V}POETime")
    assert poe and poe != svr.findtext(f"{V}ValidationTimeInfo/{V}ValidationTime")


def test_failed_hash(signed, pki, tmp_path):
    data = bytearray(signed["B-T"].output.read_bytes())
    i = data.index(b"GIAY CHUNG NHAN")
    data[i + 1] = ord("X")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    rep = verify_pdf(bad, None, pki.trust_dir)
    root = _check(to_etsi_xml(rep), rep)
    st = root.find(f"{V}SignatureValidationReport/{V}SignatureValidationStatus")
    assert st.findtext(V + "MainIndication") == "urn:etsi:019102:mainindication:total-failed"
    assert st.findtext(V + "SubIndication") == "urn:etsi:019102:subindication:HASH_FAILURE"
    codes = {t.text for t in st.iter(V + "Type")}
    assert "urn:digitizer:finding:digest_mismatch" in codes


def test_unsigned_file_still_has_a_report(sample_pdf, pki):
    rep = verify_pdf(sample_pdf, None, pki.trust_dir)
    root = _check(to_etsi_xml(rep), rep)
    st = root.find(f"{V}SignatureValidationReport/{V}SignatureValidationStatus")
    assert st.findtext(V + "MainIndication") == "urn:etsi:019102:mainindication:total-failed"


@pytest.mark.parametrize("lang", ["vi"])
def test_cli_writes_xml(signed, pki, tmp_path, lang):
    import subprocess
    import sys

    out = tmp_path / "r.xml"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "digitizer",
            "verify",
            str(signed["B-LT"].output),
            "--trust",
            str(pki.trust_dir),
            "--report",
            str(out),
            "--lang",
            lang,
            "--brief",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag == V + "ValidationReport"
