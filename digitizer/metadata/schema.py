"""The TTHC record schema, loaded from a versioned data file.

The schema is data (``resources/metadata/tthc-schema.v2.json``; v1 is kept so old records can be
read and migrated, see :mod:`digitizer.metadata.record`) so a province can add or relabel fields
without code changes: copy the file, edit labels/lengths/patterns, and point ``load_schema(path)``
(or ``--schema`` on the CLI) at it. Named ``rule`` values refer to checks implemented in
:mod:`digitizer.metadata.validate` (dossier code, procedure code, agency e-ID, personal ID, result
code, archival file code, document code, owner identifier); everything else (type, max length,
pattern, min/max, suggestions, coded values) is generic.

Coded fields (schema v2, Circular 05/2025/TT-BNV): ``"codes": {"values": [{"code": "02", "vi":
"Số hóa", "en": "Digitised"}, ...], "verified": bool, "source": str, "range": [lo, hi]}``. The
stored value is the code; :func:`digitizer.metadata.validate.coerce` turns a label (``Số hóa``), a
label with its code (``02 Số hóa``, what the GUI's list shows) or an ``aliases`` entry into the
code. ``range`` widens the accepted codes beyond the labelled ones (a list not yet confirmed
against the annex); ``codes_of`` re-uses another field's list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, MetadataError

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "metadata"
V1_SCHEMA_PATH = RESOURCES / "tthc-schema.v1.json"
V2_SCHEMA_PATH = RESOURCES / "tthc-schema.v2.json"
DEFAULT_SCHEMA_PATH = V2_SCHEMA_PATH
DEFAULT_CATALOGUE_PATH = RESOURCES / "procedures.v1.json"

FIELD_TYPES = {"string", "date", "integer", "boolean", "list"}
KNOWN_RULES = {
    "dossier_code",
    "procedure_code",
    "organ_id",
    "citizen_id",
    "result_code",
    "file_code",
    "doc_code",
    "owner_id",
}


@dataclass(frozen=True)
class Code:
    """One coded value of a field (Circular 05/2025 code lists): code, labels, its standing."""

    code: str
    label: dict[str, str]
    verified: bool = False
    bcp47: str | None = None  # language codes only: the RFC 5646 tag for dc:language

    def label_for(self, lang: str = "vi") -> str:
        return self.label.get(lang) or self.label.get("vi") or self.code


@dataclass(frozen=True)
class FieldSpec:
    """One field of the record: key, type, bilingual labels, constraints, XMP name."""

    key: str
    type: str
    label: dict[str, str]
    max_length: int | None = None
    pattern: str | None = None
    rule: str | None = None
    required: bool = False
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    item_max_length: int | None = None
    max_items: int | None = None
    suggestions: tuple[str, ...] = ()
    enum: tuple[str, ...] = ()
    not_future: bool = False
    after: str | None = None
    group: str = ""
    xmp: str | None = None
    dc: str | None = None
    help: dict[str, str] = field(default_factory=dict)
    circular: str | None = None  # the Circular 05/2025 element name (docCode, confidenceLevel ...)
    level: str = "document"  # "document" or "file" (hồ sơ) level of Circular 05/2025
    codes: tuple[Code, ...] = ()
    code_range: tuple[str, str] | None = None
    codes_verified: bool = False
    codes_source: str = ""
    aliases: dict[str, str] = field(default_factory=dict)
    required_if: dict[str, str] = field(default_factory=dict)

    def label_for(self, lang: str = "vi") -> str:
        return self.label.get(lang) or self.label.get("en") or self.key

    @property
    def coded(self) -> bool:
        return bool(self.codes) or self.code_range is not None

    def allowed_codes(self) -> tuple[str, ...]:
        """Every accepted code: the labelled ones plus the declared range (zero-padded)."""
        out = [c.code for c in self.codes]
        if self.code_range:
            lo, hi = self.code_range
            width = len(lo)
            out += [f"{n:0{width}d}" for n in range(int(lo), int(hi) + 1)]
        return tuple(dict.fromkeys(out))

    def code(self, value: str) -> Code | None:
        for c in self.codes:
            if c.code == value:
                return c
        return None

    def code_label(self, value: str, lang: str = "vi") -> str:
        """``"02"`` -> ``"Số hóa"`` (the value itself when it is not a labelled code)."""
        c = self.code(value) if isinstance(value, str) else None
        return c.label_for(lang) if c else ("" if value is None else str(value))


@dataclass(frozen=True)
class Schema:
    version: int
    fields: tuple[FieldSpec, ...]
    xmp_prefix: str
    xmp_namespace: str
    province_codes: frozenset[str]
    source: str
    title: dict[str, str] = field(default_factory=dict)
    basis: str = ""

    def field(self, key: str) -> FieldSpec | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def defaults(self) -> dict[str, Any]:
        """Default values (e.g. language "vi", classified False) for a fresh record."""
        return {f.key: f.default for f in self.fields if f.default is not None}


def _spec(raw: dict, where: str) -> FieldSpec:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        raise InputError(f"schema field without a 'key': {raw!r}", path=where)
    key = raw["key"]
    if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise InputError(f"schema field key {key!r} must be lower_snake_case", path=where)
    ftype = raw.get("type", "string")
    if ftype not in FIELD_TYPES:
        raise InputError(
            f"field {key!r}: unknown type {ftype!r} (use {sorted(FIELD_TYPES)})", path=where
        )
    rule = raw.get("rule")
    if rule is not None and rule not in KNOWN_RULES:
        raise InputError(
            f"field {key!r}: unknown rule {rule!r} (known: {sorted(KNOWN_RULES)})", path=where
        )
    pattern = raw.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InputError(f"field {key!r}: bad pattern {pattern!r}: {exc}", path=where) from None
    label = raw.get("label") or {}
    if isinstance(label, str):
        label = {"vi": label}
    codes, code_range, verified, source = _codes(raw.get("codes"), key, where)
    suggestions = raw.get("suggestions")
    if suggestions is None:
        # what the GUI's editable list offers: "02 Số hóa" (coerce() keeps the code)
        suggestions = [f"{c.code} {c.label_for('vi')}" for c in codes]
    try:
        return FieldSpec(
            key=key,
            type=ftype,
            label=dict(label),
            max_length=raw.get("max_length"),
            pattern=pattern,
            rule=rule,
            required=bool(raw.get("required", False)),
            default=raw.get("default"),
            minimum=raw.get("min"),
            maximum=raw.get("max"),
            item_max_length=raw.get("item_max_length"),
            max_items=raw.get("max_items"),
            suggestions=tuple(suggestions),
            enum=tuple(raw.get("enum", ())),
            not_future=bool(raw.get("not_future", False)),
            after=raw.get("after"),
            group=raw.get("group", ""),
            xmp=raw.get("xmp"),
            dc=raw.get("dc"),
            help=dict(raw.get("help") or {}),
            circular=raw.get("circular"),
            level=raw.get("level", "document"),
            codes=codes,
            code_range=code_range,
            codes_verified=verified,
            codes_source=source,
            aliases=dict(raw.get("aliases") or {}),
            required_if=dict(raw.get("required_if") or {}),
        )
    except TypeError as exc:
        raise InputError(f"field {key!r}: {exc}", path=where) from None


def _codes(raw, key: str, where: str):
    """Parse a field's ``codes`` block -> (codes, range, verified, source)."""
    if raw is None:
        return (), None, False, ""
    if not isinstance(raw, dict) or not isinstance(raw.get("values", []), list):
        raise InputError(f"field {key!r}: 'codes' must be an object with a 'values' list", path=where)
    verified = bool(raw.get("verified", False))
    out = []
    for v in raw.get("values", []):
        code = v.get("code") if isinstance(v, dict) else None
        if not isinstance(code, str) or not code:
            raise InputError(f"field {key!r}: a coded value without a 'code': {v!r}", path=where)
        out.append(
            Code(
                code=code,
                label={k: v[k] for k in ("vi", "en") if isinstance(v.get(k), str)},
                verified=bool(v.get("verified", verified)),
                bcp47=v.get("bcp47"),
            )
        )
    rng = raw.get("range")
    if rng is not None:
        if not (
            isinstance(rng, list)
            and len(rng) == 2
            and all(isinstance(x, str) and x.isdigit() for x in rng)
            and len(rng[0]) == len(rng[1])
            and int(rng[0]) <= int(rng[1])
        ):
            raise InputError(f"field {key!r}: 'range' must be two equal-width digit codes", path=where)
        rng = (rng[0], rng[1])
    if not out and rng is None:
        raise InputError(f"field {key!r}: 'codes' has no values and no range", path=where)
    return tuple(out), rng, verified, str(raw.get("source", ""))


def parse_schema(data: dict, source: str = "<memory>") -> Schema:
    """Build a :class:`Schema` from its JSON form; raises InputError naming the problem."""
    if not isinstance(data, dict) or data.get("schema") != "digitizer.tthc-schema":
        raise InputError(
            'not a TTHC schema file (expected "schema": "digitizer.tthc-schema")', path=source
        )
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise InputError("schema 'version' must be a positive integer", path=source)
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise InputError("schema has no 'fields' list", path=source)
    fields = _resolve_codes_of(raw_fields, tuple(_spec(r, source) for r in raw_fields), source)
    keys = [f.key for f in fields]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise InputError(f"duplicate field keys in schema: {sorted(dup)}", path=source)
    xmp = data.get("xmp") or {}
    return Schema(
        version=version,
        fields=fields,
        xmp_prefix=xmp.get("prefix", "tthc"),
        xmp_namespace=xmp.get("namespace", "http://ns.digitizer.vn/tthc/1.0/"),
        province_codes=frozenset(data.get("province_codes", ())),
        source=source,
        title=dict(data.get("title") or {}),
        basis=str(data.get("basis", "")),
    )


def _resolve_codes_of(raw_fields: list, fields: tuple, source: str) -> tuple:
    """``"codes_of": "maintenance"``: the field shares another field's code list."""
    from dataclasses import replace

    by_key = {f.key: f for f in fields}
    out = []
    for raw, f in zip(raw_fields, fields, strict=True):
        other = raw.get("codes_of")
        if other:
            src = by_key.get(other)
            if src is None or not src.coded:
                raise InputError(f"field {f.key!r}: codes_of {other!r} is not a coded field", path=source)
            f = replace(
                f,
                codes=src.codes,
                code_range=src.code_range,
                codes_verified=src.codes_verified,
                codes_source=src.codes_source,
                aliases={**src.aliases, **f.aliases},
                suggestions=f.suggestions or src.suggestions,
            )
        out.append(f)
    return tuple(out)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Schema:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read schema: {exc.strerror}", path=p) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"schema is not valid UTF-8 JSON: {exc}", path=p) from None
    return parse_schema(data, str(p))


def load_schema(path: str | Path | None = None) -> Schema:
    """Load the record schema; ``None`` = the built-in default (``resources/metadata``)."""
    p = Path(path) if path is not None else DEFAULT_SCHEMA_PATH
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise InputError("schema file not found", path=p) from None
    return _load_cached(str(p.resolve()), mtime)


def output_name(
    record: dict,
    template: str = "{dossier_code}.{ordinal}.pdf",
    *,
    ordinal: int = 1,
    fallback: str = "{type_name}-{code_number}-{issued_date}.pdf",
) -> str:
    """File name for a result from its metadata (archive style ``{dossier_code}.{ordinal}.pdf``).

    Placeholders are record keys plus ``ordinal``; when the template needs a key the record lacks,
    ``fallback`` is tried, then ``document.{ordinal}.pdf``. Characters unsafe in file names are
    replaced by ``_``.
    """
    values = {k: ("" if v is None else str(v)) for k, v in record.items()}
    values["ordinal"] = str(ordinal)
    for tpl in (template, fallback, "document.{ordinal}.pdf"):
        try:
            name = tpl.format_map(_Strict(values))
        except (KeyError, IndexError, ValueError):
            continue
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .")
        name = re.sub(r"\s+", "_", name)
        if name and not name.startswith("."):
            return name
    raise MetadataError(f"cannot build a file name from template {template!r}")


class _Strict(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)

    def __getitem__(self, key: str) -> str:
        v = super().__getitem__(key)
        if v == "":
            raise KeyError(key)
        return v
