"""Schema v2 (Circular 05/2025/TT-BNV): coded values, their validation and labels, derived defaults,
the result / document codes, the owner identifier, and the migration of v1 records (a sidecar and
a PDF written by the code before schema v2: tests/metadata/data/v1-result.pdf[.json])."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pytest

from digitizer.errors import MetadataError
from digitizer.metadata import (
    coerce,
    embed_xmp,
    error_text,
    load_schema,
    read_sidecar,
    read_xmp,
    validate,
    write_sidecar,
)
from digitizer.metadata.record import (
    archival_file_name,
    derive_defaults,
    doc_code,
    migrate_v1,
    result_code,
    retention_for,
)
from digitizer.metadata.schema import DEFAULT_SCHEMA_PATH, V2_SCHEMA_PATH, parse_schema

DATA = Path(__file__).parent / "data"
DOSSIER = "000.35.34.H39-211018-0865"


@pytest.fixture(scope="module")
def schema():
    return load_schema()


def codes(record, schema):
    return {(e.field, e.code) for e in validate(record, schema)}


def test_v2_is_the_default_and_names_the_circular_elements(schema):
    assert DEFAULT_SCHEMA_PATH == V2_SCHEMA_PATH and schema.version == 2
    circular = {f.circular for f in schema.fields if f.circular}
    for name in ("docId", "docCode", "maintenance", "typeName", "codeNumber", "codeNotation",
                 "issuedDate", "organName", "subject", "language", "numberOfPage", "inforSign",
                 "keyword", "mode", "confidenceLevel", "autograph", "format", "riskRecovery",
                 "riskRecoveryStatus", "description", "fileCode", "title", "numberOfPaper",
                 "paperFileCode"):
        assert name in circular, name
    for f in schema.fields:
        assert f.label.get("vi") and f.label.get("en"), f.key
    assert "05/2025" in schema.basis and "118/2025" in schema.basis
    assert "61/2018" not in schema.basis and "107/2021" not in schema.basis


def test_coded_values_labels_and_ranges(schema):
    cl = schema.field("confidence_level")
    assert [c.code for c in cl.codes] == ["01", "02", "03"] and cl.codes_verified
    assert [cl.code_label(c, "vi") for c in ("01", "02", "03")] == ["Gốc điện tử", "Số hóa", "Hỗn hợp"]
    assert [schema.field("format").code_label(c) for c in ("01", "02", "03")] == [
        "Tốt", "Bình thường", "Hỏng"]
    assert schema.field("maintenance").allowed_codes() == tuple(f"0{n}" for n in range(1, 8))
    assert schema.field("type_code").allowed_codes()[-1] == "32"
    assert len(schema.field("type_code").allowed_codes()) == 32
    assert schema.field("language").allowed_codes() == tuple(f"{n:02d}" for n in range(1, 12))
    assert schema.field("mode").allowed_codes() == ("01", "02", "03")
    # the unconfirmed lists say so in the resource file
    raw = json.loads(V2_SCHEMA_PATH.read_text(encoding="utf-8"))
    unverified = {f["key"] for f in raw["fields"] if "codes" in f and not f["codes"]["verified"]}
    assert {"maintenance", "type_code", "mode", "language"} <= unverified
    for f in raw["fields"]:
        if f["key"] in unverified:
            assert "confirm" in f["codes"]["source"], f["key"]
    # the GUI's list shows code and label; what it returns is stored as the code
    assert "02 Số hóa" in cl.suggestions
    assert coerce({"confidence_level": "02 Số hóa"}, schema)["confidence_level"] == "02"


@pytest.mark.parametrize(
    "key,typed,code",
    [
        ("confidence_level", "Số hóa", "02"),
        ("confidence_level", "so hoa", "02"),
        ("confidence_level", "Gốc điện tử", "01"),
        ("confidence_level", "2", "02"),
        ("mode", "Công khai", "01"),
        ("mode", "Tuyệt mật", "03"),
        ("format", "Tốt", "01"),
        ("language", "vi", "01"),
        ("language", "Tiếng Việt", "01"),
        ("maintenance", "Vĩnh viễn", "01"),
        ("maintenance", "70 năm", "02"),
        ("file_maintenance", "10 năm", "06"),
    ],
)
def test_labels_typed_become_codes(schema, key, typed, code):
    rec = coerce({key: typed}, schema)
    assert rec[key] == code
    assert not codes(rec, schema)


@pytest.mark.parametrize(
    "key,value",
    [
        ("confidence_level", "Bản chính"),  # not an allowed value
        ("confidence_level", "04"),
        ("format", "Hư hỏng vừa"),
        ("maintenance", "08"),
        ("type_code", "33"),
        ("language", "12"),
        ("mode", "00"),
    ],
)
def test_values_outside_the_code_lists_are_refused(schema, key, value):
    assert (key, "not_in_list") in codes(coerce({key: value}, schema), schema)


def test_secret_mode_code_is_classified(schema):
    rec = coerce({"mode": "03"}, schema)
    assert rec["classified"] is True
    assert coerce({"mode": "Mật"}, schema)["classified"] is True
    assert "classified" not in coerce({"mode": "01"}, schema)


def test_result_code_rule(schema):
    assert result_code(DOSSIER, 2) == DOSSIER + "-KQ2"
    ok = {"dossier_code": DOSSIER, "result_code": DOSSIER + "-KQ1"}
    assert not codes(ok, schema)
    for bad in (DOSSIER + "-KQ", DOSSIER + "-KQ0", DOSSIER + "KQ1", "H39-999999-0001-KQ1"):
        assert ("result_code", "bad_result_code") in codes({"result_code": bad}, schema), bad
    other = {"dossier_code": DOSSIER, "result_code": "000.35.34.H39-211018-0866-KQ1"}
    assert ("result_code", "bad_result_code") in codes(other, schema)
    with pytest.raises(MetadataError):
        result_code("not-a-dossier")


def test_file_code_doc_code_and_paper_file_code(schema):
    fc = "H39.15.2025.01"
    assert doc_code(fc, 3) == "H39.15.2025.01.0000003"
    good = {"file_code": fc, "doc_ordinal": 3, "doc_code": doc_code(fc, 3),
            "confidence_level": "02", "paper_file_code": "HS-GIAY.2019.15"}
    assert not codes(good, schema)
    assert ("doc_code", "bad_doc_code") in codes({**good, "doc_code": fc + ".3"}, schema)
    assert ("doc_code", "bad_doc_code") in codes({**good, "doc_code": fc + ".0000004"}, schema)
    assert ("doc_code", "bad_doc_code") in codes(
        {**good, "doc_code": "H39.15.2024.01.0000003"}, schema)
    assert ("file_code", "bad_file_code") in codes({"file_code": "HS-01"}, schema)
    # paperFileCode is required for a digitised document filed in an archival file
    no_paper = {k: v for k, v in good.items() if k != "paper_file_code"}
    assert ("paper_file_code", "required") in codes(no_paper, schema)
    assert ("paper_file_code", "required") not in codes({**no_paper, "confidence_level": "01"}, schema)
    assert ("paper_file_code", "required") not in codes({"confidence_level": "02"}, schema)


@pytest.mark.parametrize(
    "kind,value,ok",
    [
        ("01", "056055502988", True),
        ("01", "999055502988", False),  # unknown province code
        ("02", "0312345678", True),
        ("02", "0312345678-001", True),
        ("02", "031234567", False),
        ("03", "0101234567", True),
        ("03", "AB01234567", False),
        ("04", "41H8001234", True),  # legacy household-business registration number
        ("04", "8012345678", True),
        ("04", "41-H8", False),
    ],
)
def test_owner_identifier_checked_by_its_type(schema, kind, value, ok):
    rec = coerce({"owner_id_type": kind, "owner_id": value}, schema)
    assert (("owner_id", "bad_owner_id") in codes(rec, schema)) is (not ok)


def test_owner_type_labels_and_error_texts(schema):
    assert coerce({"owner_id_type": "Mã số thuế"}, schema)["owner_id_type"] == "02"
    errs = validate({"owner_id_type": "02", "owner_id": "12"}, schema)
    text = error_text(errs[0], schema, "vi")
    assert text.startswith("Mã định danh chủ hồ sơ:") and "mã số thuế" in text
    assert "tax" in error_text(errs[0], schema, "en")


def test_derived_defaults(schema):
    rec = derive_defaults(
        {"type_name": "Giấy khai sinh", "dossier_code": DOSSIER, "file_code": "H39.15.2025.01"},
        pages=2, operator="  Lê  Thị Hoa ", schema=schema)
    assert rec["confidence_level"] == "02" and rec["language"] == "01"
    assert rec["page_amount"] == 2
    assert rec["maintenance"] == "01" and rec["file_maintenance"] == "01"
    assert rec["doc_code"] == "H39.15.2025.01.0000001" and rec["doc_id"] == rec["doc_code"]
    assert rec["result_code"] == DOSSIER + "-KQ1"
    assert rec["operator_name"] == "Lê Thị Hoa" and rec["operator_account"]
    # a born-digital input, and the clerk's values are never overwritten
    rec2 = derive_defaults({"language": "02", "maintenance": "07"}, scanned=False, schema=schema)
    assert rec2["confidence_level"] == "01" and rec2["language"] == "02"
    assert rec2["maintenance"] == "07"


def test_retention_table_is_editable(tmp_path, monkeypatch):
    assert retention_for("GIẤY KHAI SINH") == "01"  # case and diacritics folded
    assert retention_for("Công văn") is None  # no row, no default
    table = tmp_path / "retention.khanhhoa.json"
    table.write_text(json.dumps({"catalogue": "digitizer.retention", "version": 1, "default": "04",
                                 "types": [{"type": "Giấy khai sinh", "maintenance": "02"}]}),
                     encoding="utf-8")
    assert retention_for("Giấy khai sinh", table) == "02"
    monkeypatch.setenv("DIGITIZER_RETENTION_TABLE", str(table))
    assert retention_for("Công văn") == "04"


def test_archival_file_name():
    assert archival_file_name({"file_code": "H39.15.2025.01", "doc_ordinal": 12}) == (
        "H39.15.2025.01.0000012.pdf")
    assert archival_file_name({"file_code": "H39.15.2025.01",
                               "doc_code": "H39.15.2025.01.0000005"}) == "H39.15.2025.01.0000005.pdf"
    assert archival_file_name({"dossier_code": DOSSIER}) is None


def test_v1_sidecar_made_by_the_previous_code_still_loads(tmp_path, schema):
    """The fixture was written by the code before schema v2 (git HEAD 7d0bf03)."""
    side = json.loads((DATA / "v1-result.pdf.json").read_text(encoding="utf-8"))
    assert side["schema_version"] == 1 and side["record"]["confidence_level"] == "Bản sao"
    rec = read_sidecar(DATA / "v1-result.pdf.json")
    assert rec["confidence_level"] == "02"  # "Bản sao" of a scan = số hóa
    assert rec["language"] == "01" and rec["mode"] == "01"
    assert rec["format"] == "03" and rec["_v1"]["format"] == "Hư hỏng nhẹ"  # original kept
    assert rec["dossier_code"] == DOSSIER and rec["page_amount"] == 1
    assert validate(rec, schema) == []
    # and the migrated record can be written again as v2
    pdf = tmp_path / "r.pdf"
    shutil.copy(DATA / "v1-result.pdf", pdf)
    out = write_sidecar(pdf, rec, schema=schema)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2 and "_v1" not in data["record"]
    assert read_sidecar(out)["confidence_level"] == "02"


def test_v1_xmp_is_migrated_when_read(tmp_path, schema):
    rec = read_xmp(DATA / "v1-result.pdf", schema=schema)
    assert rec["confidence_level"] == "02" and rec["language"] == "01"
    # v2 written: the code in tthc:, the RFC 5646 tag in dc:language
    out = embed_xmp(DATA / "v1-result.pdf", {k: v for k, v in rec.items() if k != "_v1"},
                    tmp_path / "v2.pdf", schema=schema)
    with pikepdf.open(out) as doc:
        meta = doc.open_metadata()
        assert set(meta["dc:language"]) == {"vi"}
        assert meta["{%s}Language" % schema.xmp_namespace] == "01"
        assert meta["{%s}SchemaVersion" % schema.xmp_namespace] == "2"
    assert read_xmp(out, schema=schema)["confidence_level"] == "02"


def test_migrate_keeps_what_has_no_code():
    rec = migrate_v1({"confidence_level": "Bản gốc", "language": "vi", "subject": "x"})
    assert "confidence_level" not in rec and rec["_v1"]["confidence_level"] == "Bản gốc"
    assert rec["language"] == "01" and rec["subject"] == "x"


def test_bad_codes_block_in_a_schema_file_is_refused():
    base = {"schema": "digitizer.tthc-schema", "version": 2}
    from digitizer.errors import InputError

    for f in ({"key": "a", "codes": {"values": [{"vi": "x"}]}},
              {"key": "a", "codes": {"values": [], "range": ["1", "10"]}},
              {"key": "a", "codes": {"values": []}},
              {"key": "a", "codes_of": "b"}):
        with pytest.raises(InputError):
            parse_schema({**base, "fields": [f]})
