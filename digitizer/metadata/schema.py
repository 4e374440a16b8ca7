"""The TTHC record schema, loaded from a versioned data file.

The schema is data (``resources/metadata/tthc-schema.v1.json``) so a province can add or relabel
fields without code changes: copy the file, edit labels/lengths/patterns, and point
``load_schema(path)`` (or ``--schema`` on the CLI) at it. Named ``rule`` values refer to checks
implemented in :mod:`digitizer.metadata.validate` (dossier code, procedure code, agency e-ID,
personal ID); everything else (type, max length, pattern, min/max, suggestions) is generic.
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
DEFAULT_SCHEMA_PATH = RESOURCES / "tthc-schema.v1.json"
DEFAULT_CATALOGUE_PATH = RESOURCES / "procedures.v1.json"

FIELD_TYPES = {"string", "date", "integer", "boolean", "list"}
KNOWN_RULES = {"dossier_code", "procedure_code", "organ_id", "citizen_id"}


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

    def label_for(self, lang: str = "vi") -> str:
        return self.label.get(lang) or self.label.get("en") or self.key


@dataclass(frozen=True)
class Schema:
    version: int
    fields: tuple[FieldSpec, ...]
    xmp_prefix: str
    xmp_namespace: str
    province_codes: frozenset[str]
    source: str
    title: dict[str, str] = field(default_factory=dict)

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
            suggestions=tuple(raw.get("suggestions", ())),
            enum=tuple(raw.get("enum", ())),
            not_future=bool(raw.get("not_future", False)),
            after=raw.get("after"),
            group=raw.get("group", ""),
            xmp=raw.get("xmp"),
            dc=raw.get("dc"),
            help=dict(raw.get("help") or {}),
        )
    except TypeError as exc:
        raise InputError(f"field {key!r}: {exc}", path=where) from None


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
    fields = tuple(_spec(r, source) for r in raw_fields)
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
    )


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
