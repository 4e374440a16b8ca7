"""Schema file and field validation: one test per rule, Vietnamese lengths counted after NFC."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest

from digitizer.errors import ClassifiedDocumentError, InputError, MetadataError
from digitizer.metadata import (
    ERROR_CODES,
    check,
    coerce,
    is_classified,
    load_schema,
    output_name,
    refuse_if_classified,
    validate,
)
from digitizer.metadata.schema import V1_SCHEMA_PATH as DEFAULT_SCHEMA_PATH


@pytest.fixture(scope="module")
def schema():
    # the v1 schema's rules (v2, the default since issue 16, is tested in test_schema_v2.py;
    # v1 stays loadable for old records)
    return load_schema(DEFAULT_SCHEMA_PATH)


def codes(record, schema, **kw):
    return {(e.field, e.code) for e in validate(record, schema, **kw)}


def test_builtin_schema_has_issue_fields_with_both_labels(schema):
    for key in (
        "dossier_code",
        "procedure_code",
        "organ_id",
        "type_name",
        "code_number",
        "code_notation",
        "issued_date",
        "organ_name",
        "subject",
        "signer_position",
        "signer_name",
        "language",
        "page_amount",
        "description",
        "keywords",
        "confidence_level",
        "mode",
        "format",
        "valid_from",
        "valid_to",
        "applicant_name",
        "citizen_id",
        "address",
        "classified",
    ):
        f = schema.field(key)
        assert f is not None, key
        assert f.label.get("vi") and f.label.get("en"), key
    assert schema.field("language").default == "vi"
    assert schema.defaults()["classified"] is False
    # Decree 30 Annex VI maximum lengths
    lengths = {
        "type_name": 100,
        "code_number": 11,
        "code_notation": 30,
        "organ_name": 200,
        "subject": 500,
        "signer_position": 100,
        "signer_name": 50,
        "description": 500,
        "organ_id": 35,
    }
    for k, n in lengths.items():
        assert schema.field(k).max_length == n, k


def test_valid_full_record(schema):
    rec = {
        "dossier_code": "H15.50.05.13-261008-0975",
        "procedure_code": "1.001193",
        "organ_id": "H39.15",
        "type_name": "Quyết định",
        "code_number": "106",
        "code_notation": "QĐ-UBND",
        "issued_date": "2022-10-05",
        "organ_name": "ỦY BAN NHÂN DÂN XÃ KHÁNH HIỆP",
        "subject": "Về việc trợ cấp",
        "signer_position": "Chủ tịch",
        "signer_name": "Nguyễn Văn A",
        "language": "vi",
        "page_amount": 2,
        "keywords": ["hộ tịch", "khai sinh"],
        "confidence_level": "Bản sao",
        "mode": "Công khai",
        "format": "Bình thường",
        "valid_from": "2022-10-05",
        "valid_to": "2023-10-05",
        "applicant_name": "Đinh Ngọc Yến",
        "citizen_id": "056143055244",
        "address": "thôn Lập Định, xã Khánh Bình",
        "classified": False,
    }
    assert validate(rec, schema, today=dt.date(2026, 1, 1)) == []


@pytest.mark.parametrize(
    "code,ok",
    [
        ("H15.50.05.13-261008-0975", True),
        ("000.00.23.H39-221005-0001", True),
        ("000.00.23.H39-221005-12345", True),  # longer sequence
        ("G01.999-240229-AB1234", True),  # national-central variant, leap day
        ("000.00.23.H39-221305-0001", False),  # month 13
        ("000.00.23.H39-230229-0001", False),  # 29 Feb 2023 does not exist
        ("000.00.23.H39-221005-001", False),  # sequence < 4 digits
        ("Z15.50-221005-0001", False),  # Z is not an e-ID letter
        ("000.00.23.H39 221005 0001", False),
    ],
)
def test_dossier_code(schema, code, ok):
    assert (("dossier_code", "bad_dossier_code") not in codes({"dossier_code": code}, schema)) is ok


@pytest.mark.parametrize(
    "code,ok",
    [
        ("1.001193", True),
        ("2.000635", True),
        ("1.004873.000.00.00.H14", True),
        ("1.00119", False),
        ("1001193", False),
        ("1.001193-H14", False),
        ("a.001193", False),
    ],
)
def test_procedure_code(schema, code, ok):
    assert (
        ("procedure_code", "bad_procedure_code") not in codes({"procedure_code": code}, schema)
    ) is ok


@pytest.mark.parametrize(
    "code,ok",
    [
        ("H39", True),
        ("H39.15", True),
        ("G01.003.A05", True),
        ("000.00.00.H41", True),
        ("h39.15", False),
        ("Z39.15", False),
        ("00.00.00.H41", False),
        ("H39." + ".".join(["1234567"] * 5), False),  # > 35 characters
    ],
)
def test_organ_id(schema, code, ok):
    assert (("organ_id", "bad_organ_id") not in codes({"organ_id": code}, schema)) is ok


@pytest.mark.parametrize(
    "value,ok",
    [
        ("056143055244", True),
        ("001099012345", True),
        ("123456789", True),  # 9-digit legacy card
        ("05614305524", False),
        ("0561430552441", False),
        ("999143055244", False),  # bad province
        ("05614305524a", False),
    ],
)
def test_citizen_id(schema, value, ok):
    assert (("citizen_id", "bad_citizen_id") not in codes({"citizen_id": value}, schema)) is ok


def test_lengths_are_counted_in_nfc_characters(schema):
    name = "Nguyễn Thị Hồng Ngọc " * 3  # Vietnamese letters with stacked marks
    name = (name * 3)[:50]
    nfd = unicodedata.normalize("NFD", name)
    assert len(nfd) > 50  # decomposed form is longer ...
    assert validate({"signer_name": nfd}, schema) == []  # ... but it is 50 characters
    too_long = validate({"signer_name": name + "ễ"}, schema)
    assert [(e.field, e.code, e.params["length"]) for e in too_long] == [
        ("signer_name", "too_long", 51)
    ]
    assert validate({"subject": "Về việc " + "ạ" * 492}, schema) == []
    assert codes({"subject": "Về việc " + "ạ" * 493}, schema) == {("subject", "too_long")}
    assert codes({"code_number": "123456789012"}, schema) == {("code_number", "too_long")}
    assert codes({"code_notation": "QĐ-" + "Đ" * 28}, schema) == {("code_notation", "too_long")}
    assert codes({"type_name": "Ê" * 101}, schema) == {("type_name", "too_long")}
    assert codes({"organ_name": "Ủ" * 201}, schema) == {("organ_name", "too_long")}
    assert codes({"keywords": ["ứ" * 101]}, schema) == {("keywords", "too_long")}


def test_dates(schema):
    today = dt.date(2026, 1, 1)
    assert codes({"issued_date": "2022-02-30"}, schema, today=today) == {
        ("issued_date", "bad_date")
    }
    assert codes({"issued_date": "05/10/2022"}, schema, today=today) == {
        ("issued_date", "bad_date")
    }
    assert codes({"issued_date": "2026-01-02"}, schema, today=today) == {
        ("issued_date", "future_date")
    }
    assert codes({"valid_from": "2024-01-02", "valid_to": "2024-01-01"}, schema) == {
        ("valid_to", "date_order")
    }


def test_types_patterns_and_unknown_fields(schema):
    got = codes(
        {
            "page_amount": "3",
            "classified": "yes",
            "keywords": "a",
            "code_number": "12/3",
            "language": "Vietnamese",
            "nonsense": 1,
            "page": 0,
        },
        schema,
    )
    assert got == {
        ("page_amount", "bad_type"),
        ("classified", "bad_type"),
        ("keywords", "bad_type"),
        ("code_number", "bad_pattern"),
        ("language", "bad_pattern"),
        ("nonsense", "unknown_field"),
        ("page", "unknown_field"),
    }
    assert codes({"page_amount": 0}, schema) == {("page_amount", "out_of_range")}
    assert codes({"_sources": {}, "_confidence": {}}, schema) == set()
    assert all(e.code in ERROR_CODES for e in validate({"page_amount": "x", "zz": 1}, schema))


def test_coerce_and_check(schema):
    rec = coerce(
        {
            "page_amount": "3",
            "classified": "false",
            "issued_date": "5/10/2022",
            "keywords": "hộ tịch; khai sinh",
            "citizen_id": "056 143 055 244",
            "signer_name": unicodedata.normalize("NFD", "  Trương   Ngọc Hà "),
        },
        schema,
    )
    assert rec == {
        "page_amount": 3,
        "classified": False,
        "issued_date": "2022-10-05",
        "keywords": ["hộ tịch", "khai sinh"],
        "citizen_id": "056143055244",
        "signer_name": "Trương Ngọc Hà",
    }
    assert unicodedata.is_normalized("NFC", rec["signer_name"])
    with pytest.raises(MetadataError) as ei:
        check({"citizen_id": "12", "dossier_code": "x"}, schema)
    assert {e.field for e in ei.value.details["errors"]} == {"citizen_id", "dossier_code"}
    assert "citizen_id" in str(ei.value) and "bad_dossier_code" in str(ei.value)


def test_classified_flag(schema):
    assert not is_classified({})
    assert not is_classified({"classified": False, "mode": "Công khai"})
    assert is_classified({"classified": True})
    assert is_classified({"classified": "true"})
    assert is_classified({"mode": "Mật"})
    assert is_classified({"mode": "Tối mật"})
    assert not is_classified({"mode": "Sử dụng có điều kiện"})
    with pytest.raises(ClassifiedDocumentError) as ei:
        refuse_if_classified({"classified": True, "dossier_code": "H39-221005-0001"}, "export")
    assert ei.value.exit_code == 11 and "export" in str(ei.value)
    refuse_if_classified({"classified": False})


def test_output_name():
    assert (
        output_name({"dossier_code": "000.00.23.H39-221005-0001"})
        == "000.00.23.H39-221005-0001.1.pdf"
    )
    assert output_name({"dossier_code": "H15-261008-0975"}, ordinal=3) == "H15-261008-0975.3.pdf"
    assert (
        output_name({"type_name": "Quyết định", "code_number": "106", "issued_date": "2022-10-05"})
        == "Quyết_định-106-2022-10-05.pdf"
    )
    assert output_name({}) == "document.1.pdf"
    assert output_name({"code_notation": "QĐ/UBND"}, "{code_notation}.pdf") == "QĐ_UBND.pdf"


def test_province_schema_relabel_and_new_field(tmp_path):
    data = json.loads(DEFAULT_SCHEMA_PATH.read_text(encoding="utf-8"))
    data["version"] = 2
    for f in data["fields"]:
        if f["key"] == "applicant_name":
            f["label"]["vi"] = "Người yêu cầu"
            f["required"] = True
    data["fields"].append(
        {
            "key": "land_parcel",
            "type": "string",
            "max_length": 20,
            "pattern": "^[0-9]+/[0-9]+$",
            "label": {"vi": "Thửa/tờ", "en": "Parcel"},
            "xmp": "LandParcel",
        }
    )
    p = tmp_path / "tthc-schema.khanhhoa.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    s = load_schema(p)
    assert s.version == 2 and s.field("applicant_name").label["vi"] == "Người yêu cầu"
    assert codes({"land_parcel": "177/35"}, s) == {("applicant_name", "required")}
    assert codes({"applicant_name": "A B", "land_parcel": "177-35"}, s) == {
        ("land_parcel", "bad_pattern")
    }


@pytest.mark.parametrize(
    "content,msg",
    [
        ("{", "not valid UTF-8 JSON"),
        ('{"schema": "other"}', "not a TTHC schema"),
        (
            '{"schema": "digitizer.tthc-schema", "version": 1, "fields": [{"key": "a", "type": "blob"}]}',
            "unknown type",
        ),
        (
            '{"schema": "digitizer.tthc-schema", "version": 1, "fields": [{"key": "a", "rule": "magic"}]}',
            "unknown rule",
        ),
        (
            '{"schema": "digitizer.tthc-schema", "version": 1, "fields": [{"key": "a"}, {"key": "a"}]}',
            "duplicate",
        ),
        (
            '{"schema": "digitizer.tthc-schema", "version": 1, "fields": [{"key": "a", "pattern": "("}]}',
            "bad pattern",
        ),
    ],
)
def test_bad_schema_files(tmp_path, content, msg):
    p = tmp_path / "s.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=msg):
        load_schema(p)
    with pytest.raises(InputError, match="not found"):
        load_schema(tmp_path / "missing.json")


def test_error_texts_in_vietnamese_and_english(schema):
    from digitizer.metadata.validate import MESSAGES, error_text

    assert set(MESSAGES["vi"]) == set(MESSAGES["en"]) == set(ERROR_CODES)
    rec = {
        "citizen_id": "1",
        "signer_name": "Ư" * 51,
        "page_amount": 0,
        "issued_date": "x",
        "dossier_code": "x",
        "procedure_code": "x",
        "organ_id": "x",
        "keywords": ["a"] * 21,
        "valid_from": "2024-01-02",
        "valid_to": "2024-01-01",
        "zz": 1,
        "classified": "x",
        "language": "??",
    }
    errs = validate(rec, schema)
    assert len({e.code for e in errs}) >= 12
    for e in errs:
        vi, en = error_text(e, schema, "vi"), error_text(e, schema, "en")
        assert "{" not in vi and "{" not in en
        assert vi != en
    too_long = next(e for e in errs if e.code == "too_long")
    assert error_text(too_long, schema, "vi") == "Họ tên người ký: dài 51 ký tự, tối đa 50 ký tự"


def test_secret_mode_sets_the_classified_flag(schema):
    assert coerce({"mode": "Tối mật"}, schema)["classified"] is True
    assert coerce({"mode": "Mật", "classified": False}, schema)["classified"] is True
    assert "classified" not in coerce({"mode": "Công khai"}, schema)
    assert coerce({"classified": "false"}, schema)["classified"] is False
