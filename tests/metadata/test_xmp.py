"""XMP/docinfo embedding and the JSON sidecar, read back by independent tools (pypdf, XML parser);
signed, encrypted and corrupt PDFs refused; the input never modified."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
import xml.etree.ElementTree as ET

import pikepdf
import pypdf
import pytest

from digitizer.errors import (
    CorruptFileError,
    EncryptedPdfError,
    InputError,
    MetadataError,
    SignedPdfError,
)
from digitizer.metadata import (
    embed_xmp,
    load_schema,
    read_sidecar,
    read_xmp,
    sidecar_path,
    write_sidecar,
)

RECORD = {
    "dossier_code": "000.35.34.H39-211018-0865",
    "procedure_code": "1.012345",
    "type_name": "Quyết định",
    "code_number": "140",
    "code_notation": "QĐ-UBND",
    "issued_date": "2021-10-18",
    "organ_name": "ỦY BAN NHÂN DÂN HUYỆN KHÁNH VĨNH",
    "subject": "Về việc cho phép chuyển mục đích sử dụng đất",
    "signer_position": "Chủ tịch",
    "signer_name": "Trương Văn Phúc",
    "language": "01",  # schema v2 code (Circular 05/2025): Tiếng Việt
    "page_amount": 2,
    "keywords": ["đất đai", "chuyển mục đích"],
    "applicant_name": "Nguyễn Hữu Cường",
    "citizen_id": "056055502988",
    "confidence_level": "02",  # schema v2 code: số hóa
    "classified": False,
}
NS = load_schema().xmp_namespace
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def plain_pdf(tmp_path):
    p = tmp_path / "in.pdf"
    doc = pikepdf.new()
    doc.add_blank_page()
    doc.add_blank_page()
    doc.save(p)
    return p


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def xmp_tree(pdf):
    reader = pypdf.PdfReader(pdf)
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    return reader, ET.fromstring(raw[raw.index(b"<x:xmpmeta") : raw.rindex(b"</x:xmpmeta>") + 12])


def test_embed_and_read_back_with_independent_tools(plain_pdf, tmp_path):
    before = sha(plain_pdf)
    out = embed_xmp(plain_pdf, RECORD, tmp_path / "out.pdf")
    assert sha(plain_pdf) == before  # input untouched
    reader, root = xmp_tree(out)
    desc = {el.tag: el for d in root.iter(RDF + "Description") for el in d}
    # project namespace, one element per field
    assert desc[f"{{{NS}}}DossierCode"].text == RECORD["dossier_code"]
    assert desc[f"{{{NS}}}CitizenId"].text == "056055502988"
    assert desc[f"{{{NS}}}OrganName"].text == "ỦY BAN NHÂN DÂN HUYỆN KHÁNH VĨNH"
    assert desc[f"{{{NS}}}Classified"].text == "False"
    assert desc[f"{{{NS}}}PageAmount"].text == "2"
    # Dublin Core, read through pypdf's own XMP API
    x = reader.xmp_metadata
    assert x.dc_title["x-default"] == "Quyết định số 140/QĐ-UBND"
    assert x.dc_description["x-default"] == RECORD["subject"]
    assert x.dc_language == ["vi"]
    assert x.dc_publisher == [RECORD["organ_name"]]
    assert x.dc_creator == [RECORD["signer_name"]]
    assert sorted(x.dc_subject) == sorted(RECORD["keywords"])
    # document info dictionary
    info = reader.metadata
    assert info.title == "Quyết định số 140/QĐ-UBND"
    assert info.subject == RECORD["subject"]
    assert info.author == RECORD["organ_name"]
    assert RECORD["dossier_code"] in info["/Keywords"]
    # our reader returns the typed record
    assert read_xmp(out) == RECORD
    assert len(reader.pages) == 2


def test_reembedding_replaces_old_values(plain_pdf, tmp_path):
    a = embed_xmp(plain_pdf, RECORD, tmp_path / "a.pdf")
    rec = {k: v for k, v in RECORD.items() if k != "subject"} | {"classified": True}
    embed_xmp(a, rec, a)  # in place (our own OCR output, not an original)
    got = read_xmp(a)
    assert "subject" not in got and got["classified"] is True


def test_sidecar(plain_pdf, tmp_path):
    out = embed_xmp(plain_pdf, RECORD, tmp_path / "out.pdf")
    nfd = dict(RECORD, applicant_name=unicodedata.normalize("NFD", RECORD["applicant_name"]))
    side = write_sidecar(out, nfd)
    assert side == sidecar_path(out) == tmp_path / "out.pdf.json"
    raw = side.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw)
    data = json.loads(raw)
    assert data["sha256"] == sha(out) and data["bytes"] == out.stat().st_size
    assert data["file"] == "out.pdf" and data["schema"] == "digitizer.tthc/1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", data["written"])
    assert dt.datetime.fromisoformat(data["written"]).utcoffset() == dt.timedelta(hours=7)
    assert data["record"]["issued_date"] == "2021-10-18"
    assert data["classified"] is False
    assert read_sidecar(side) == RECORD


def test_invalid_record_refused_and_nothing_written(plain_pdf, tmp_path):
    out = tmp_path / "out.pdf"
    with pytest.raises(MetadataError, match="citizen_id"):
        embed_xmp(plain_pdf, dict(RECORD, citizen_id="12345"), out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [plain_pdf]


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory):
    """A PDF really signed with pyHanko (self-signed test certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    d = tmp_path_factory.mktemp("signed")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    (d / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (d / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    src = d / "unsigned.pdf"
    doc = pikepdf.new()
    doc.add_blank_page()
    doc.save(src)
    signer = signers.SimpleSigner.load(str(d / "key.pem"), str(d / "cert.pem"))
    out = d / "signed.pdf"
    with open(src, "rb") as inf, open(out, "wb") as outf:
        signers.sign_pdf(
            IncrementalPdfFileWriter(inf),
            signers.PdfSignatureMetadata(field_name="Sig1"),
            signer=signer,
            output=outf,
        )
    return out


def test_signed_pdf_refused(signed_pdf, tmp_path):
    before = sha(signed_pdf)
    with pytest.raises(SignedPdfError) as ei:
        embed_xmp(signed_pdf, RECORD, tmp_path / "x.pdf")
    assert ei.value.exit_code == 5
    with pytest.raises(SignedPdfError):
        embed_xmp(signed_pdf, RECORD, signed_pdf)
    assert sha(signed_pdf) == before
    assert not (tmp_path / "x.pdf").exists()
    assert read_xmp(signed_pdf) == {}  # reading a signed PDF is fine


def test_encrypted_corrupt_missing(tmp_path, plain_pdf):
    enc = tmp_path / "enc.pdf"
    with pikepdf.open(plain_pdf) as doc:
        doc.save(enc, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(EncryptedPdfError):
        embed_xmp(enc, RECORD, tmp_path / "o.pdf")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nnot really")
    with pytest.raises(CorruptFileError):
        embed_xmp(bad, RECORD, tmp_path / "o.pdf")
    with pytest.raises(InputError):
        embed_xmp(tmp_path / "missing.pdf", RECORD, tmp_path / "o.pdf")


def test_pdfa_extension_schema_describes_every_custom_property(plain_pdf, tmp_path):
    out = embed_xmp(plain_pdf, RECORD, tmp_path / "out.pdf")
    embed_xmp(out, RECORD, out)  # twice: still exactly one description of our namespace
    _reader, root = xmp_tree(out)
    sch = "{http://www.aiim.org/pdfa/ns/schema#}"
    prp = "{http://www.aiim.org/pdfa/ns/property#}"
    ours = [li for li in root.iter(RDF + "li") if li.findtext(sch + "namespaceURI") == NS]
    assert len(ours) == 1
    assert ours[0].findtext(sch + "prefix") == "tthc"
    described = {
        li.findtext(prp + "name"): li.findtext(prp + "valueType")
        for li in ours[0].iter(RDF + "li")
        if li.find(prp + "name") is not None
    }
    used = {el.tag[len(NS) + 2 :] for el in root.iter() if el.tag.startswith("{" + NS + "}")}
    assert used and used <= set(described)
    assert described["Classified"] == "Boolean" and described["PageAmount"] == "Integer"
    assert described["IssuedDate"] == "Date" and described["Keywords"] == "seq Text"  # pikepdf writes rdf:Seq; a declared bag failed veraPDF (ISO 19005-2 6.6.2.3.1)
    assert read_xmp(out) == RECORD
