"""Schema v2 records (Circular 05/2025/TT-BNV): migration of v1 records, derived defaults, the
codes built from other fields (result code, document code, archival file name) and the operator.

- :func:`migrate_v1` turns a v1 record (free-text ``confidence_level`` "Bản sao", ``language``
  "vi", ``mode`` "Công khai", ``format`` "Bình thường"...) into a v2 record (codes "02", "01",
  "01", "02"). A value with no v2 code is kept under ``_v1`` (never lost, ignored by validation).
  :func:`digitizer.metadata.read_sidecar` calls it for sidecars written with schema version 1.
- :func:`derive_defaults` fills what can be derived and the clerk left empty: confidenceLevel 02
  (số hóa) for a scan, language 01, numberOfPage from the pages, the retention period from the
  document type (an editable table, ``resources/metadata/retention.v1.json``), docCode from the
  file code and the ordinal, the result code from the dossier code, the operator.
- :func:`result_code` ``<dossier>-KQ<n>`` (Decree 45/2020 Art 14(3)); :func:`doc_code` and
  :func:`archival_file_name` ``{file code}.{7-digit ordinal}`` (Circular 05/2025 Art 8).
"""

from __future__ import annotations

import getpass
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, MetadataError
from .schema import RESOURCES, Schema, load_schema
from .validate import DOC_CODE_RE, FILE_CODE_RE, _fold, check_dossier_code, coerce_code

DEFAULT_RETENTION_PATH = RESOURCES / "retention.v1.json"
ORDINAL_DIGITS = 7  # docCode: file code + 7-digit ordinal (Circular 05/2025)

# v1 keys that became coded in v2, with the v1 free-text values that have no label match
V1_CODED = ("confidence_level", "mode", "format", "language")


def migrate_v1(record: dict, schema: Schema | None = None) -> dict:
    """A v1 record as a v2 record. Keys are the same; coded fields get their code; a v1 value that
    maps to no code is moved to ``record["_v1"][key]`` and left out (the clerk fills it again)."""
    schema = schema or load_schema()
    out = dict(record)
    kept: dict[str, Any] = {}
    for key in V1_CODED:
        spec = schema.field(key)
        value = out.get(key)
        if spec is None or not spec.coded or not isinstance(value, str) or not value:
            continue
        code = coerce_code(spec, value.strip())
        if code in spec.allowed_codes():
            out[key] = code
            if code != value:
                kept[key] = value
        else:
            kept[key] = value
            del out[key]
    if kept:
        out["_v1"] = {**(out.get("_v1") or {}), **kept}
    return out


def result_code(dossier_code: str, n: int = 1) -> str:
    """``H15.50.05.13-261008-0975`` , 1 -> ``H15.50.05.13-261008-0975-KQ1`` (Decree 45/2020)."""
    if not check_dossier_code(dossier_code or ""):
        raise MetadataError(f"cannot build a result code: {dossier_code!r} is not a dossier code")
    if not isinstance(n, int) or n < 1:
        raise MetadataError(f"result number must be >= 1, not {n!r}")
    return f"{dossier_code}-KQ{n}"


def doc_code(file_code: str, ordinal: int) -> str:
    """``H39.15.2025.01`` , 3 -> ``H39.15.2025.01.0000003`` (file code + 7-digit ordinal)."""
    if not FILE_CODE_RE.match(file_code or ""):
        raise MetadataError(f"{file_code!r} is not an archival file code")
    if not isinstance(ordinal, int) or not 1 <= ordinal < 10**ORDINAL_DIGITS:
        raise MetadataError(f"document ordinal must be 1..{10**ORDINAL_DIGITS - 1}, not {ordinal!r}")
    return f"{file_code}.{ordinal:0{ORDINAL_DIGITS}d}"


def archival_file_name(record: dict, ordinal: int | None = None, ext: str = ".pdf") -> str | None:
    """The file name an archive target uses for a result with an archival file code:
    ``{file code}.{7-digit ordinal}{ext}`` (Circular 05/2025 Art 8); None without a file code.
    The ordinal is the record's ``doc_ordinal`` (or the one given), else the docCode's."""
    fc = record.get("file_code")
    if not fc:
        return None
    n = ordinal or record.get("doc_ordinal")
    if not n and record.get("doc_code"):
        m = DOC_CODE_RE.match(record["doc_code"])
        n = int(m["ordinal"]) if m and m["file"] == fc else None
    return doc_code(fc, int(n or 1)) + ext


def os_user() -> str:
    """The OS account running the program (recorded next to the clerk's name)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def operator_fields(name: str | None) -> dict:
    """``operator_name`` (the clerk's name: a setting or ``--operator``) and ``operator_account``
    (the OS user), for the record (sidecar + XMP) and the package's PREMIS agent (Law 20/2023
    Art 12(1): the converting person is recorded)."""
    out = {"operator_account": os_user()}
    if name and name.strip():
        out["operator_name"] = " ".join(name.split())
    return {k: v for k, v in out.items() if v}


@lru_cache(maxsize=4)
def _retention(path: str, mtime: float) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read retention table: {exc.strerror}", path=p) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"retention table is not valid UTF-8 JSON: {exc}", path=p) from None
    if not isinstance(data, dict) or data.get("catalogue") != "digitizer.retention":
        raise InputError('not a retention table ("catalogue": "digitizer.retention")', path=p)
    rows = []
    for row in data.get("types", []):
        if not isinstance(row, dict) or not row.get("type") or not row.get("maintenance"):
            raise InputError(f"retention row needs 'type' and 'maintenance': {row!r}", path=p)
        rows.append((_fold(row["type"]), str(row["maintenance"])))
    rows.sort(key=lambda r: -len(r[0]))  # longest match first
    return data.get("default"), tuple(rows)


def retention_for(type_name: str | None, table: str | Path | None = None) -> str | None:
    """The retention (maintenance) code for a document type from the editable table; None when
    nothing matches and the table has no default. ``DIGITIZER_RETENTION_TABLE`` names a
    province's copy."""
    p = Path(table or os.environ.get("DIGITIZER_RETENTION_TABLE") or DEFAULT_RETENTION_PATH)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise InputError("retention table not found", path=p) from None
    default, rows = _retention(str(p.resolve()), mtime)
    if type_name:
        folded = _fold(type_name)
        for prefix, code in rows:
            if folded.startswith(prefix):
                return code
    return default


def derive_defaults(
    record: dict,
    *,
    pages: int | None = None,
    scanned: bool = True,
    operator: str | None = None,
    result_number: int | None = None,
    schema: Schema | None = None,
    retention_table: str | Path | None = None,
) -> dict:
    """The record with derived values where the clerk left a field empty (never overwrites):
    confidenceLevel 02 số hóa (``scanned``) or 01 gốc điện tử, language 01, numberOfPage =
    ``pages``, maintenance from the type (retention table), file-level maintenance = the
    document's, docCode/docId from the file code + ordinal, result code from the dossier code
    (``result_number``, default 1), the operator (clerk's name + OS user)."""
    schema = schema or load_schema()
    rec = dict(record)

    def empty(key: str) -> bool:
        return rec.get(key) in (None, "", [])

    def put(key: str, value: Any) -> None:
        if schema.field(key) is not None and empty(key) and value not in (None, ""):
            rec[key] = value

    put("confidence_level", "02" if scanned else "01")
    put("language", "01")
    if pages:
        put("page_amount", int(pages))
    put("maintenance", retention_for(rec.get("type_name"), retention_table))
    put("file_maintenance", rec.get("maintenance"))
    if rec.get("file_code") and FILE_CODE_RE.match(rec["file_code"]):
        put("doc_ordinal", 1)
        put("doc_code", doc_code(rec["file_code"], int(rec["doc_ordinal"])))
    put("doc_id", rec.get("doc_code"))
    if rec.get("dossier_code") and check_dossier_code(rec["dossier_code"]):
        put("result_code", result_code(rec["dossier_code"], result_number or 1))
    for k, v in operator_fields(operator).items():
        put(k, v)
    if schema.field("type_code") is not None and empty("type_code") and rec.get("type_name"):
        spec = schema.field("type_code")
        code = coerce_code(spec, rec["type_name"])
        if code in spec.allowed_codes():
            rec["type_code"] = code
    return rec
