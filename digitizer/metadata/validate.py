"""Field-level validation of a TTHC record against the schema.

Errors are data (:class:`FieldError`) with a stable ``code`` the GUI translates; the English
``message`` is for the CLI. Lengths are counted in Unicode characters after NFC normalisation, so a
Vietnamese name typed with combining marks counts the same as its precomposed form.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..errors import ClassifiedDocumentError, MetadataError
from .schema import FieldSpec, Schema, load_schema

# Stable error codes (GUI message table keys).
REQUIRED = "required"
UNKNOWN_FIELD = "unknown_field"
BAD_TYPE = "bad_type"
TOO_LONG = "too_long"
TOO_MANY = "too_many_items"
BAD_PATTERN = "bad_pattern"
NOT_IN_LIST = "not_in_list"
OUT_OF_RANGE = "out_of_range"
BAD_DATE = "bad_date"
FUTURE_DATE = "future_date"
DATE_ORDER = "date_order"
BAD_DOSSIER_CODE = "bad_dossier_code"
BAD_PROCEDURE_CODE = "bad_procedure_code"
BAD_ORGAN_ID = "bad_organ_id"
BAD_CITIZEN_ID = "bad_citizen_id"
BAD_RESULT_CODE = "bad_result_code"
BAD_FILE_CODE = "bad_file_code"
BAD_DOC_CODE = "bad_doc_code"
BAD_OWNER_ID = "bad_owner_id"
ERROR_CODES = (
    REQUIRED,
    UNKNOWN_FIELD,
    BAD_TYPE,
    TOO_LONG,
    TOO_MANY,
    BAD_PATTERN,
    NOT_IN_LIST,
    OUT_OF_RANGE,
    BAD_DATE,
    FUTURE_DATE,
    DATE_ORDER,
    BAD_DOSSIER_CODE,
    BAD_PROCEDURE_CODE,
    BAD_ORGAN_ID,
    BAD_CITIZEN_ID,
    BAD_RESULT_CODE,
    BAD_FILE_CODE,
    BAD_DOC_CODE,
    BAD_OWNER_ID,
)

# Agency e-ID: Decision 20/2020/QD-TTg form, or the legacy 13-character form.
ORGAN_ID_NEW = r"[A-Y]\d{2}(?:\.[0-9A-Z]+)*"
ORGAN_ID_LEGACY = r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}"
ORGAN_ID_RE = re.compile(rf"^(?:{ORGAN_ID_LEGACY}|{ORGAN_ID_NEW})$")
DOSSIER_RE = re.compile(
    rf"^(?P<agency>{ORGAN_ID_LEGACY}|{ORGAN_ID_NEW})-(?P<date>\d{{6}})-(?P<seq>\d{{4,}}|[A-Z]{{2}}[0-9A-Z]{{4}})$"
)
PROCEDURE_RE = re.compile(r"^\d\.\d{6}(?:\.[0-9A-Z]+)*$")
CITIZEN_ID_RE = re.compile(r"^(?:\d{12}|\d{9})$")
# Decree 45/2020 Art 14(3): an electronic result's code is its dossier code + "-KQ" + its number.
RESULT_CODE_RE = re.compile(r"^(?P<dossier>.+)-KQ(?P<n>[0-9]{1,4})$")
# Archival file code (hồ sơ lưu trữ): {agency e-ID}.{year}.{file number/notation} (the convention
# of Circular 02/2019 kept by Circular 05/2025; the exact form is to be confirmed against its annex).
FILE_CODE_RE = re.compile(
    rf"^(?P<agency>{ORGAN_ID_LEGACY}|{ORGAN_ID_NEW})\.(?P<year>(?:19|20)\d{{2}})\.(?P<file>[0-9A-Za-z][0-9A-Za-z.-]*)$"
)
# docCode = file code + "." + 7-digit ordinal of the document in the file (Circular 05/2025).
DOC_CODE_RE = re.compile(r"^(?P<file>.+)\.(?P<ordinal>[0-9]{7})$")
# Owner identifiers by type (owner_id_type codes of schema v2): 01 personal ID number (12 digits;
# 9 for an old ID card), 02 tax code and 03 enterprise code (10 digits, a branch or dependent unit
# 10-3: Law on Tax Administration 2019 Art 30, Law on Enterprises 2020 Art 29: the enterprise code
# is its tax code), 04 household business (its tax code, or a legacy registration number of the
# district register: letters and digits, up to 15).
OWNER_ID_RES = {
    "01": re.compile(r"^(?:\d{12}|\d{9})$"),
    "02": re.compile(r"^\d{10}(?:-\d{3})?$"),
    "03": re.compile(r"^\d{10}(?:-\d{3})?$"),
    "04": re.compile(r"^(?:\d{10}(?:-\d{3})?|[0-9A-Z]{6,15})$"),
}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field. ``code`` is stable; ``params`` fill a translated message."""

    field: str
    code: str
    message: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.field}: {self.message} [{self.code}]"


def nfc(value: Any) -> Any:
    """NFC-normalise strings (recursively in lists); other values unchanged."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, (list, tuple)):
        return [nfc(v) for v in value]
    return value


def parse_date(value: Any) -> _dt.date | None:
    """ISO ``YYYY-MM-DD`` (optionally with a time part) -> date, else None."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", value.strip())
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def is_real_yymmdd(s: str) -> bool:
    try:
        _dt.date(2000 + int(s[:2]), int(s[2:4]), int(s[4:6]))
    except ValueError:
        return False
    return True


def check_dossier_code(value: str) -> bool:
    m = DOSSIER_RE.match(value)
    return bool(m) and is_real_yymmdd(m["date"])


def check_citizen_id(value: str, province_codes: frozenset[str] = frozenset()) -> bool:
    if not CITIZEN_ID_RE.match(value):
        return False
    return not (len(value) == 12 and province_codes and value[:3] not in province_codes)


def _rule_error(
    spec: FieldSpec, value: str, schema: Schema, record: dict | None = None
) -> FieldError | None:
    rule = spec.rule
    if rule == "dossier_code" and not check_dossier_code(value):
        m = DOSSIER_RE.match(value)
        why = (
            "YYMMDD part is not a real date"
            if m
            else "expected {agency e-ID}-{YYMMDD}-{sequence of >= 4 digits}"
        )
        return FieldError(spec.key, BAD_DOSSIER_CODE, f"{value!r}: {why}", {"value": value})
    if rule == "procedure_code" and not PROCEDURE_RE.match(value):
        return FieldError(
            spec.key,
            BAD_PROCEDURE_CODE,
            f"{value!r}: expected d.dddddd (e.g. 1.001193), optionally .AGENCY suffix",
            {"value": value},
        )
    if rule == "organ_id" and (not ORGAN_ID_RE.match(value) or len(value) > 35):
        return FieldError(
            spec.key,
            BAD_ORGAN_ID,
            f"{value!r}: expected an agency e-ID like H39.15 (Decision 20/2020) or "
            "000.00.00.H41 (legacy)",
            {"value": value},
        )
    if rule == "citizen_id" and not check_citizen_id(value, schema.province_codes):
        why = (
            ("unknown province code " + value[:3])
            if CITIZEN_ID_RE.match(value)
            else "expected 12 digits (personal ID number) or 9 digits (old ID card)"
        )
        return FieldError(spec.key, BAD_CITIZEN_ID, f"{value!r}: {why}", {"value": value})
    if rule == "result_code":
        m = RESULT_CODE_RE.match(value)
        if not m or not check_dossier_code(m["dossier"]) or int(m["n"]) < 1:
            return FieldError(
                spec.key,
                BAD_RESULT_CODE,
                f"{value!r}: expected {{dossier code}}-KQ{{n}} (Decree 45/2020 Art 14(3)), n >= 1",
                {"value": value},
            )
        if record is not None and record.get("dossier_code") and m["dossier"] != record["dossier_code"]:
            return FieldError(
                spec.key,
                BAD_RESULT_CODE,
                f"{value!r}: does not start with the dossier code {record['dossier_code']!r}",
                {"value": value},
            )
    if rule == "file_code" and not FILE_CODE_RE.match(value):
        return FieldError(
            spec.key,
            BAD_FILE_CODE,
            f"{value!r}: expected {{agency e-ID}}.{{year}}.{{file number}}, e.g. H39.15.2025.01",
            {"value": value},
        )
    if rule == "doc_code":
        m = DOC_CODE_RE.match(value)
        fc = (record or {}).get("file_code")
        if not m or not FILE_CODE_RE.match(m["file"]) or int(m["ordinal"]) < 1:
            return FieldError(
                spec.key,
                BAD_DOC_CODE,
                f"{value!r}: expected {{file code}}.{{7-digit ordinal}}, e.g. H39.15.2025.01.0000001",
                {"value": value},
            )
        if fc and m["file"] != fc:
            return FieldError(
                spec.key,
                BAD_DOC_CODE,
                f"{value!r}: does not start with the file code {fc!r}",
                {"value": value},
            )
        ordn = (record or {}).get("doc_ordinal")
        if isinstance(ordn, int) and not isinstance(ordn, bool) and int(m["ordinal"]) != ordn:
            return FieldError(
                spec.key,
                BAD_DOC_CODE,
                f"{value!r}: ordinal differs from doc_ordinal {ordn}",
                {"value": value},
            )
    if rule == "owner_id":
        kind = (record or {}).get("owner_id_type") or "01"
        rx = OWNER_ID_RES.get(kind)
        ok = bool(rx and rx.match(value))
        if ok and kind == "01":
            ok = check_citizen_id(value, schema.province_codes)
        if not ok:
            return FieldError(
                spec.key,
                BAD_OWNER_ID,
                f"{value!r}: not a valid identifier of type {kind} (01 personal ID: 12 digits; "
                "02 tax / 03 enterprise code: 10 digits or 10-3; 04 household business: tax code "
                "or registration number)",
                {"value": value, "type": kind},
            )
    return None


def _check_field(
    spec: FieldSpec, value: Any, schema: Schema, today: _dt.date, record: dict | None = None
) -> list[FieldError]:
    k = spec.key
    t = spec.type
    if t == "boolean":
        if not isinstance(value, bool):
            return [FieldError(k, BAD_TYPE, "must be true or false", {"expected": "boolean"})]
        return []
    if t == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return [FieldError(k, BAD_TYPE, "must be a whole number", {"expected": "integer"})]
        if (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            return [
                FieldError(
                    k,
                    OUT_OF_RANGE,
                    f"{value} is outside {spec.minimum}..{spec.maximum}",
                    {"min": spec.minimum, "max": spec.maximum, "value": value},
                )
            ]
        return []
    if t == "list":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return [FieldError(k, BAD_TYPE, "must be a list of texts", {"expected": "list"})]
        errs = []
        if spec.max_items is not None and len(value) > spec.max_items:
            errs.append(
                FieldError(
                    k,
                    TOO_MANY,
                    f"{len(value)} items, at most {spec.max_items}",
                    {"max": spec.max_items, "length": len(value)},
                )
            )
        for item in value:
            n = len(unicodedata.normalize("NFC", item))
            if spec.item_max_length is not None and n > spec.item_max_length:
                errs.append(
                    FieldError(
                        k,
                        TOO_LONG,
                        f"item {item[:20]!r}... has {n} characters, at most {spec.item_max_length}",
                        {"max": spec.item_max_length, "length": n},
                    )
                )
        return errs
    if not isinstance(value, str):
        return [FieldError(k, BAD_TYPE, "must be text", {"expected": t})]
    value = unicodedata.normalize("NFC", value)
    if t == "date":
        d = parse_date(value)
        if d is None:
            return [
                FieldError(
                    k,
                    BAD_DATE,
                    f"{value!r} is not a real date in ISO form YYYY-MM-DD",
                    {"value": value},
                )
            ]
        if spec.not_future and d > today:
            return [FieldError(k, FUTURE_DATE, f"{value} is in the future", {"value": value})]
        return []
    errs = []
    if spec.max_length is not None and len(value) > spec.max_length:
        errs.append(
            FieldError(
                k,
                TOO_LONG,
                f"{len(value)} characters, at most {spec.max_length}",
                {"max": spec.max_length, "length": len(value)},
            )
        )
    if spec.coded and value not in spec.allowed_codes():
        errs.append(
            FieldError(
                k,
                NOT_IN_LIST,
                f"{value!r} is not one of the codes {list(spec.allowed_codes())}",
                {"allowed": list(spec.allowed_codes())},
            )
        )
    elif spec.enum and value not in spec.enum:
        errs.append(
            FieldError(
                k,
                NOT_IN_LIST,
                f"{value!r} is not one of {list(spec.enum)}",
                {"allowed": list(spec.enum)},
            )
        )
    if spec.rule:
        e = _rule_error(spec, value, schema, record)
        if e:
            errs.append(e)
    elif spec.pattern and not re.search(spec.pattern, value):
        errs.append(
            FieldError(
                k,
                BAD_PATTERN,
                f"{value!r} does not match {spec.pattern}",
                {"pattern": spec.pattern, "value": value},
            )
        )
    return errs


def validate(
    record: dict,
    schema: Schema | None = None,
    *,
    allow_unknown: bool = False,
    today: _dt.date | None = None,
) -> list[FieldError]:
    """Check a record; empty list = valid. Keys starting with ``_`` (``_sources`` …) are ignored."""
    schema = schema or load_schema()
    today = today or _dt.date.today()
    if not isinstance(record, dict):
        return [FieldError("", BAD_TYPE, "record must be a JSON object", {"expected": "object"})]
    errs: list[FieldError] = []
    for key in record:
        if not key.startswith("_") and schema.field(key) is None and not allow_unknown:
            errs.append(
                FieldError(
                    key,
                    UNKNOWN_FIELD,
                    f"no field {key!r} in schema v{schema.version}",
                    {"key": key},
                )
            )
    for spec in schema.fields:
        value = record.get(spec.key)
        if value is None or value == "" or value == []:
            if spec.required or _required_by(spec, record):
                errs.append(FieldError(spec.key, REQUIRED, "is required", {}))
            continue
        errs.extend(_check_field(spec, value, schema, today, record))
    for spec in schema.fields:
        if spec.after and spec.type == "date":
            a, b = parse_date(record.get(spec.after)), parse_date(record.get(spec.key))
            if a and b and b < a:
                errs.append(
                    FieldError(
                        spec.key,
                        DATE_ORDER,
                        f"{b.isoformat()} is before {spec.after} {a.isoformat()}",
                        {"other": spec.after},
                    )
                )
    return errs


def _required_by(spec: FieldSpec, record: dict) -> bool:
    """``required_if``: {"present": KEY, OTHER: VALUE...}: required when KEY has a value and every
    OTHER field has VALUE (e.g. paperFileCode for a digitised document filed in an archival file)."""
    cond = spec.required_if
    if not cond:
        return False
    for k, v in cond.items():
        if k == "present":
            if record.get(v) in (None, "", []):
                return False
        elif record.get(k) != v:
            return False
    return True


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return " ".join(s.encode("ascii", "ignore").decode().lower().split())


def coerce_code(spec: FieldSpec, value: str) -> str:
    """A coded field's input -> its code: ``"02"``, ``"02 Số hóa"``, ``"Số hóa"``, ``"so hoa"``,
    an alias (``"Bản sao"``) or, for languages, the RFC 5646 tag (``"vi"``). Unknown text is
    returned unchanged (validation then names it)."""
    allowed = spec.allowed_codes()
    if value in allowed:
        return value
    m = re.match(r"^(\d{1,2})(?:\s*[-–.:]?\s+\S.*)?$", value)
    if m:
        code = m[1].zfill(len(allowed[0]) if allowed else 2)
        if code in allowed:
            return code
    folded = _fold(value)
    for c in spec.codes:
        if folded in {_fold(x) for x in c.label.values()} or (c.bcp47 and value == c.bcp47):
            return c.code
    for alias, code in spec.aliases.items():
        if folded == _fold(alias):
            return code
    return value


_TRUE = {"true", "1", "yes", "có", "co", "x"}
_FALSE = {"false", "0", "no", "không", "khong", ""}


def coerce(record: dict, schema: Schema | None = None) -> dict:
    """Normalise user input: NFC, trimmed text, "5" -> 5 for integers, "true" -> True,
    ``05/10/2022`` -> ``2022-10-05``, comma-separated keywords -> list; a secret ``mode`` ("Mật")
    sets ``classified`` to True so the archive and export see one flag. Unknown keys pass through."""
    schema = schema or load_schema()
    out: dict = {}
    for key, value in record.items():
        spec = schema.field(key)
        value = nfc(value)
        if isinstance(value, str):
            value = " ".join(value.split())
        if spec is None or value is None:
            out[key] = value
            continue
        if spec.type == "integer" and isinstance(value, str) and re.fullmatch(r"\d+", value):
            value = int(value)
        elif spec.type == "boolean" and isinstance(value, str) and value.lower() in _TRUE | _FALSE:
            value = value.lower() in _TRUE
        elif spec.type == "date" and isinstance(value, str):
            m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
            if m:
                value = f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
        elif spec.type == "list" and isinstance(value, str):
            value = [v.strip() for v in re.split(r"[;,]", value) if v.strip()]
        elif spec.rule in ("citizen_id", "owner_id") and isinstance(value, str):
            value = re.sub(r"[\s.]", "", value)
        elif spec.coded and isinstance(value, str) and value:
            value = coerce_code(spec, value)
        out[key] = value
    # one flag for every consumer: an access regime naming a secrecy level sets "classified"
    if out.get("classified") is not True and is_classified({"mode": out.get("mode")}):
        out["classified"] = True
    return out


def check(record: dict, schema: Schema | None = None) -> dict:
    """Coerce and validate; raise MetadataError listing every field error (CLI/pipeline use)."""
    rec = coerce(record, schema)
    errs = validate(rec, schema)
    if errs:
        raise MetadataError("invalid metadata: " + "; ".join(str(e) for e in errs), errors=errs)
    return rec


def is_classified(record: dict) -> bool:
    """True for a classified ("mật") document: never upload or export it.

    Either the ``classified`` flag is set, or the access regime ``mode`` names a secrecy level
    (Mật, Tối mật, Tuyệt mật)."""
    flag = record.get("classified")
    if flag is True or (isinstance(flag, str) and flag.strip().lower() in _TRUE - {""}):
        return True
    mode = record.get("mode")
    if mode == "03":  # schema v2's coded access regime: 03 = Mật
        return True
    if isinstance(mode, str):
        folded = unicodedata.normalize("NFD", mode).encode("ascii", "ignore").decode().lower()
        if re.search(r"\bmat\b", folded.replace("đ", "d")):
            return True
    return False


def refuse_if_classified(record: dict, what: str = "upload") -> None:
    """Raise ClassifiedDocumentError (exit 11) for a classified record (archive/export guard)."""
    if is_classified(record):
        raise ClassifiedDocumentError(
            f"document is classified (mật); {what} refused", dossier_code=record.get("dossier_code")
        )


# Field error texts for the GUI (Vietnamese first) and the CLI. ``{label}`` is the field's label
# in that language; other placeholders come from ``FieldError.params``.
MESSAGES: dict[str, dict[str, str]] = {
    "vi": {
        REQUIRED: "{label}: bắt buộc phải nhập",
        UNKNOWN_FIELD: "Trường «{field}» không có trong lược đồ",
        BAD_TYPE: "{label}: sai kiểu dữ liệu",
        TOO_LONG: "{label}: dài {length} ký tự, tối đa {max} ký tự",
        TOO_MANY: "{label}: có {length} mục, tối đa {max} mục",
        BAD_PATTERN: "{label}: sai định dạng",
        NOT_IN_LIST: "{label}: giá trị không có trong danh mục",
        OUT_OF_RANGE: "{label}: phải từ {min} đến {max}",
        BAD_DATE: "{label}: ngày không có thật hoặc sai định dạng (năm-tháng-ngày)",
        FUTURE_DATE: "{label}: ngày ở tương lai",
        DATE_ORDER: "{label}: sớm hơn ngày bắt đầu",
        BAD_DOSSIER_CODE: "{label}: phải có dạng mã cơ quan-YYMMDD-số thứ tự (ít nhất 4 chữ số), "
        "ngày phải có thật",
        BAD_PROCEDURE_CODE: "{label}: phải có dạng d.dddddd, ví dụ 1.001193",
        BAD_ORGAN_ID: "{label}: không đúng mã định danh cơ quan (ví dụ H39.15 hoặc 000.00.00.H41)",
        BAD_CITIZEN_ID: "{label}: số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số), "
        "mã tỉnh phải hợp lệ",
        BAD_RESULT_CODE: "{label}: phải có dạng mã hồ sơ-KQ số thứ tự, ví dụ "
        "H15.50.05.13-261008-0975-KQ1, và bắt đầu bằng mã hồ sơ",
        BAD_FILE_CODE: "{label}: phải có dạng mã định danh cơ quan.năm.số hồ sơ, ví dụ H39.15.2025.01",
        BAD_DOC_CODE: "{label}: phải là mã hồ sơ lưu trữ và số thứ tự 7 chữ số, ví dụ "
        "H39.15.2025.01.0000001",
        BAD_OWNER_ID: "{label}: không đúng với loại mã định danh (cá nhân: 12 chữ số; mã số thuế, "
        "mã số doanh nghiệp: 10 chữ số hoặc 10-3; hộ kinh doanh: mã số thuế hoặc số đăng ký)",
    },
    "en": {
        REQUIRED: "{label}: required",
        UNKNOWN_FIELD: "Field '{field}' is not in the schema",
        BAD_TYPE: "{label}: wrong type",
        TOO_LONG: "{label}: {length} characters, at most {max}",
        TOO_MANY: "{label}: {length} items, at most {max}",
        BAD_PATTERN: "{label}: wrong format",
        NOT_IN_LIST: "{label}: not one of the allowed values",
        OUT_OF_RANGE: "{label}: must be between {min} and {max}",
        BAD_DATE: "{label}: not a real date in the form YYYY-MM-DD",
        FUTURE_DATE: "{label}: date is in the future",
        DATE_ORDER: "{label}: earlier than the start date",
        BAD_DOSSIER_CODE: "{label}: expected agency e-ID-YYMMDD-sequence (>= 4 digits) with a real date",
        BAD_PROCEDURE_CODE: "{label}: expected d.dddddd, e.g. 1.001193",
        BAD_ORGAN_ID: "{label}: not an agency e-ID (e.g. H39.15 or 000.00.00.H41)",
        BAD_CITIZEN_ID: "{label}: a personal ID number has 12 digits (old ID card: 9) and a valid "
        "province code",
        BAD_RESULT_CODE: "{label}: expected dossier code-KQ number, e.g. H15.50.05.13-261008-0975-KQ1, "
        "starting with the dossier code",
        BAD_FILE_CODE: "{label}: expected agency e-ID.year.file number, e.g. H39.15.2025.01",
        BAD_DOC_CODE: "{label}: expected the archival file code and a 7-digit ordinal, e.g. "
        "H39.15.2025.01.0000001",
        BAD_OWNER_ID: "{label}: does not fit the identifier type (personal ID: 12 digits; tax or "
        "enterprise code: 10 digits or 10-3; household business: tax code or registration number)",
    },
}


def error_text(err: FieldError, schema: Schema | None = None, lang: str = "vi") -> str:
    """Human text for a FieldError in ``lang`` (vi/en), with the field's label from the schema."""
    schema = schema or load_schema()
    spec = schema.field(err.field)
    label = spec.label_for(lang) if spec else err.field
    table = MESSAGES.get(lang, MESSAGES["en"])
    tpl = table.get(err.code)
    if tpl is None:
        return f"{label}: {err.message}"
    try:
        return tpl.format(label=label, field=err.field, **err.params)
    except (KeyError, IndexError, ValueError):
        return f"{label}: {err.message}"
