"""Embed the record in the PDF (XMP + document info) before signing, read it back, JSON sidecar.

The PDF is rewritten with pikepdf, which would break a signature: a PDF that already carries a
signature (a /Sig field with a value, or any /ByteRange) is refused with SignedPdfError. The
output is written to a temporary file in the target folder and renamed into place, so a failure
never leaves a half-written PDF and the input is never modified (unless the caller asks for
``pdf_out == pdf_in``, which replaces it atomically).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from ..errors import (
    CorruptFileError,
    EncryptedPdfError,
    InputError,
    MetadataError,
    OutputError,
    SignedPdfError,
)
from ..fsutil import write_atomic
from .schema import Schema, load_schema
from .validate import coerce, nfc, validate

SIDECAR_SCHEMA = "digitizer.tthc/1"
VN_TZ = _dt.timezone(_dt.timedelta(hours=7), "+07:00")


def _register(schema: Schema) -> None:
    from pikepdf.models.metadata import XmpDocument

    XmpDocument.register_xml_namespace(schema.xmp_namespace, schema.xmp_prefix)


def _open(pdf: str | Path):
    import pikepdf

    p = Path(pdf)
    if not p.is_file():
        raise InputError("PDF not found", path=p)
    try:
        return pikepdf.open(p)
    except pikepdf.PasswordError:
        raise EncryptedPdfError("PDF is encrypted; cannot add metadata", path=p) from None
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise CorruptFileError(f"cannot open PDF: {exc}", path=p) from None


def is_signed(doc) -> bool:
    """True when the open pikepdf document carries a digital signature."""
    import pikepdf

    acro = doc.Root.get("/AcroForm")
    if acro is not None:
        stack = list(acro.get("/Fields", []))
        while stack:
            f = stack.pop()
            if not isinstance(f, pikepdf.Dictionary):
                continue
            if f.get("/FT") == pikepdf.Name.Sig and f.get("/V") is not None:
                return True
            stack.extend(f.get("/Kids", []))
    if doc.Root.get("/Perms") is not None:
        return True
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Dictionary) and "/ByteRange" in obj:
            return True
    return False


def _now() -> _dt.datetime:
    return _dt.datetime.now(VN_TZ).replace(microsecond=0)


def _xmp_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def embed_xmp(
    pdf_in: str | Path,
    record: dict,
    pdf_out: str | Path,
    *,
    schema: Schema | None = None,
    check: bool = True,
) -> Path:
    """Write ``record`` into ``pdf_out`` (a copy of ``pdf_in``) as XMP and document info.

    Dublin Core: dc:title (type_name + number), dc:description (subject), dc:language,
    dc:publisher (organ), dc:creator (signer), dc:date, dc:subject (keywords); every schema field
    also goes into the project namespace (``tthc:DossierCode`` …). Refuses signed PDFs
    (SignedPdfError) and, with ``check``, invalid records (MetadataError listing the fields).
    """
    schema = schema or load_schema()
    rec = coerce(record, schema)
    if check:
        errs = validate(rec, schema)
        if errs:
            raise MetadataError("invalid metadata: " + "; ".join(str(e) for e in errs), errors=errs)
    src, dst = Path(pdf_in), Path(pdf_out)
    _register(schema)
    doc = _open(src)
    with doc:
        if is_signed(doc):
            raise SignedPdfError(
                "PDF is already signed; metadata must be embedded before signing", path=src
            )
        ns = "{" + schema.xmp_namespace + "}"
        title = rec.get("type_name") or ""
        if rec.get("code_number") and rec.get("code_notation"):
            title = f"{title} số {rec['code_number']}/{rec['code_notation']}".strip()
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            # drop our old values so removed fields do not linger
            for key in list(meta.keys()):
                if key.startswith(ns):
                    del meta[key]
            for spec in schema.fields:
                v = rec.get(spec.key)
                if v is None or v == "" or v == [] or not spec.xmp:
                    continue
                meta[ns + spec.xmp] = _xmp_value(v)
            meta[ns + "SchemaVersion"] = str(schema.version)
            if title:
                meta["dc:title"] = title
            if rec.get("subject") or rec.get("description"):
                meta["dc:description"] = rec.get("subject") or rec.get("description")
            meta["dc:language"] = [_bcp47(schema, rec.get("language"))]
            if rec.get("organ_name"):
                meta["dc:publisher"] = [rec["organ_name"]]
            if rec.get("signer_name"):
                meta["dc:creator"] = [rec["signer_name"]]
            if rec.get("issued_date"):
                meta["dc:date"] = [rec["issued_date"]]
            if rec.get("keywords"):
                meta["dc:subject"] = list(rec["keywords"])
            if rec.get("dossier_code"):
                meta["dc:identifier"] = rec["dossier_code"]
            meta["xmp:MetadataDate"] = _now().isoformat()
            meta["xmp:CreatorTool"] = "digitizer"
        _add_pdfa_extension_schema(doc, schema)
        info = doc.docinfo
        if title:
            info["/Title"] = title
        if rec.get("subject"):
            info["/Subject"] = rec["subject"]
        if rec.get("organ_name"):
            info["/Author"] = rec["organ_name"]
        kw = [rec.get("dossier_code"), rec.get("procedure_code"), *(rec.get("keywords") or [])]
        if any(kw):
            info["/Keywords"] = "; ".join(k for k in kw if k)
        _save_atomic(doc, dst, overwrite_input=(dst.resolve() == src.resolve()))
    return dst


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_EXT = "http://www.aiim.org/pdfa/ns/extension/"
_SCH = "http://www.aiim.org/pdfa/ns/schema#"
_PRP = "http://www.aiim.org/pdfa/ns/property#"
_XMP_TYPES = {
    "string": "Text",
    "date": "Date",
    "integer": "Integer",
    "boolean": "Boolean",
    "list": "seq Text",  # pikepdf writes a list as rdf:Seq (a declared bag failed ISO 19005-2 6.6.2.3.1)
}


def _bcp47(schema: Schema, value: Any) -> str:
    """dc:language is an RFC 5646 tag: a v2 language code ("01") becomes its tag ("vi")."""
    spec = schema.field("language")
    code = spec.code(value) if spec is not None and isinstance(value, str) else None
    if code is not None and code.bcp47:
        return code.bcp47
    return value if isinstance(value, str) and value and not value.isdigit() else "vi"


def _add_pdfa_extension_schema(doc, schema: Schema) -> None:
    """Describe the project namespace in a PDF/A extension schema (ISO 19005-1 6.7.2.2), so a
    PDF/A file stays valid with our custom XMP properties. Replaces an older description."""
    import pikepdf
    from lxml import etree

    raw = doc.Root.Metadata.read_bytes()
    start, end = raw.find(b"<x:xmpmeta"), raw.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        return
    root = etree.fromstring(raw[start : end + len(b"</x:xmpmeta>")])
    rdf = root.find(f"{{{_RDF}}}RDF")
    if rdf is None:
        return
    # drop an existing description of our namespace
    for li in rdf.iter(f"{{{_RDF}}}li"):
        uri = li.find(f"{{{_SCH}}}namespaceURI")
        if uri is not None and uri.text == schema.xmp_namespace:
            li.getparent().remove(li)
    for desc in list(rdf.findall(f"{{{_RDF}}}Description")):
        schemas = desc.find(f"{{{_EXT}}}schemas")
        if schemas is not None and not list(schemas.iter(f"{{{_RDF}}}li")):
            desc.remove(schemas)
            if len(desc) == 0:
                rdf.remove(desc)
    from ..ocr.pdfa import extension_bag

    # into the file's one pdfaExtension:schemas bag: the OCR output describes its own namespace
    # there already, and a second schemas property would make the XMP invalid
    li = etree.SubElement(extension_bag(rdf), f"{{{_RDF}}}li")
    li.set(f"{{{_RDF}}}parseType", "Resource")
    etree.SubElement(li, f"{{{_SCH}}}schema").text = "TTHC result metadata (digitizer)"
    etree.SubElement(li, f"{{{_SCH}}}namespaceURI").text = schema.xmp_namespace
    etree.SubElement(li, f"{{{_SCH}}}prefix").text = schema.xmp_prefix
    seq = etree.SubElement(etree.SubElement(li, f"{{{_SCH}}}property"), f"{{{_RDF}}}Seq")
    props = [
        (f.xmp, _XMP_TYPES.get(f.type, "Text"), f.label_for("en")) for f in schema.fields if f.xmp
    ]
    props.append(("SchemaVersion", "Text", "Version of the record schema"))
    for name, vtype, label in props:
        p = etree.SubElement(seq, f"{{{_RDF}}}li")
        p.set(f"{{{_RDF}}}parseType", "Resource")
        etree.SubElement(p, f"{{{_PRP}}}name").text = name
        etree.SubElement(p, f"{{{_PRP}}}valueType").text = vtype
        etree.SubElement(p, f"{{{_PRP}}}category").text = "external"
        etree.SubElement(p, f"{{{_PRP}}}description").text = label
    body = etree.tostring(root, encoding="utf-8")
    packet = (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        + body
        + b'\n<?xpacket end="w"?>'
    )
    doc.Root.Metadata = doc.make_stream(
        packet, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
    )


def _save_atomic(doc, dst: Path, overwrite_input: bool) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".meta-", suffix=".pdf", dir=dst.parent)
    os.close(fd)
    try:
        doc.save(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        if overwrite_input:
            doc.close()
        os.replace(tmp, dst)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write PDF: {exc.strerror or exc}", path=dst) from None
    except Exception:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_xmp(pdf: str | Path, *, schema: Schema | None = None) -> dict:
    """The record stored in a PDF's XMP (project namespace), typed per the schema; {} if none.

    Works on signed PDFs too (reading only)."""
    schema = schema or load_schema()
    _register(schema)
    doc = _open(pdf)
    ns = "{" + schema.xmp_namespace + "}"
    with doc:
        meta = doc.open_metadata()
        raw = {k[len(ns) :]: meta[k] for k in meta if k.startswith(ns)}
    legacy = str(raw.get("SchemaVersion", "")) == "1" and schema.version >= 2
    rec: dict[str, Any] = {}
    for spec in schema.fields:
        if not spec.xmp or spec.xmp not in raw:
            continue
        v = raw[spec.xmp]
        if spec.type == "boolean":
            v = str(v).strip().lower() == "true"
        elif spec.type == "integer":
            try:
                v = int(str(v))
            except ValueError:
                pass
        elif spec.type == "list":
            v = (
                sorted(v)
                if isinstance(v, (set, frozenset))
                else list(v)
                if isinstance(v, list)
                else [str(v)]
            )
        else:
            v = str(v)
        rec[spec.key] = nfc(v)
    if legacy:  # embedded before schema v2: coded values migrated
        from .record import migrate_v1

        rec = migrate_v1(rec, schema)
    return rec


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sidecar_path(pdf: str | Path) -> Path:
    """``result.pdf`` -> ``result.pdf.json`` (the metadata sidecar next to the PDF)."""
    p = Path(pdf)
    return p.with_name(p.name + ".json")


def write_sidecar(
    pdf: str | Path,
    record: dict,
    *,
    suggestions: Any = None,
    path: str | Path | None = None,
    schema: Schema | None = None,
) -> Path:
    """Write the JSON sidecar for ``pdf`` (UTF-8, NFC, ISO 8601 +07:00 timestamps, SHA-256 of the
    PDF as it is now). Call it again after signing so the hash is the final PDF's."""
    schema = schema or load_schema()
    p = Path(pdf)
    if not p.is_file():
        raise InputError("PDF not found", path=p)
    rec = coerce(record, schema)
    out: dict[str, Any] = {
        "schema": SIDECAR_SCHEMA,
        "schema_version": schema.version,
        "file": p.name,
        "sha256": sha256_file(p),
        "bytes": p.stat().st_size,
        "written": _now().isoformat(),
        "classified": bool(rec.get("classified", False)),
        "record": {
            k: rec[k]
            for k in sorted(
                (k for k in rec if not k.startswith("_")),
                key=lambda k: (schema.keys.index(k) if k in schema.keys else len(schema.keys), k),
            )
        },
    }
    if suggestions is not None:
        sources, confidence = {}, {}
        for k, v in out["record"].items():
            sug = suggestions.get(k)
            spec = schema.field(k)
            if sug is not None and sug.value == v:
                sources[k], confidence[k] = sug.source, sug.confidence
            elif spec is not None and spec.default == v:
                sources[k], confidence[k] = "default", 1.0
            else:
                sources[k], confidence[k] = "manual", 1.0
        out["_sources"], out["_confidence"] = sources, confidence
    dst = Path(path) if path else sidecar_path(p)
    text = unicodedata.normalize("NFC", json.dumps(out, ensure_ascii=False, indent=2)) + "\n"
    try:
        write_atomic(dst, text)
    except OSError as exc:
        raise OutputError(
            f"cannot write metadata sidecar: {exc.strerror or exc}", path=dst
        ) from None
    return dst


def read_sidecar(path: str | Path) -> dict:
    """Load a sidecar (or a bare record JSON) and return the record."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read metadata file: {exc.strerror}", path=p) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"metadata file is not valid UTF-8 JSON: {exc}", path=p) from None
    if not isinstance(data, dict):
        raise InputError("metadata file must hold a JSON object", path=p)
    if data.get("schema") == SIDECAR_SCHEMA:
        rec = dict(data.get("record") or {})
        if data.get("schema_version") == 1:  # written before schema v2: coded values migrated
            from .record import migrate_v1

            rec = migrate_v1(rec)
        return rec
    return {k: v for k, v in data.items() if not k.startswith("_")}
