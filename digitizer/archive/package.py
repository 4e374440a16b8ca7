"""E-ARK CSIP-based archive packages (SIP / AIP) of signed results, per Circular 05/2025/TT-BNV.

``build_package(pdfs, "PACKAGE.zip", kind="sip")`` makes one zipped information package per
archival file code (hồ sơ lưu trữ): the signed PDFs with their metadata sidecars, laid out as the
E-ARK Common Specification for Information Packages (CSIP 2.1) describes::

    <OBJID>/METS.xml                                root METS: header (software agent, the
                                                    agency, the clerk), dmdSec -> EAD, amdSec ->
                                                    PREMIS, fileSec, structMap (CSIP), SHA-256
    <OBJID>/metadata/descriptive/ead.xml           EAD3: the file (archdesc level="file") and one
                                                    <c level="item"> per document with every
                                                    Circular 05/2025 field
    <OBJID>/metadata/preservation/premis.xml       PREMIS 3: objects (SHA-256 fixity, size,
                                                    format), agents (clerk = operator, OS
                                                    account, software, signer), events
                                                    (digitization, OCR, digital signature
                                                    generation, message digest calculation)
    <OBJID>/metadata/other/<name>.json             the metadata sidecars as written by digitizer
    <OBJID>/representations/rep1/METS.xml          the representation's METS (its files)
    <OBJID>/representations/rep1/data/<name>.pdf   the signed PDFs, named {file code}.{ordinal:07d}

Every date carries +07:00 (Vietnam). The OBJID is the archival file code (or, without one, the
dossier code). The zip holds the single root folder (CSIPSTR1/3). Classified documents are
refused (exit 11), unsigned PDFs and PDFs whose sidecar does not describe them (SHA-256) too.
Nothing is written at ``output`` unless the whole package was built (temp file + rename).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError, MetadataError, OutputError, UsageError
from ..fsutil import fsync_dir

KINDS = ("sip", "aip")
VN_TZ = _dt.timezone(_dt.timedelta(hours=7), "+07:00")

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIPNS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
EAD = "http://ead3.archivists.org/schema/"
PREMIS = "http://www.loc.gov/premis/v3"
PROFILES = {
    "sip": "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml",
    "aip": "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml",
}
SCHEMA_LOCATIONS = {
    METS: "http://www.loc.gov/standards/mets/mets.xsd",
    XLINK: "http://www.loc.gov/standards/mets/xlink.xsd",
    CSIP: "https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd",
    SIPNS: "https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd",
}
ORDINAL_DIGITS = 7


@dataclass(frozen=True)
class PackagedDocument:
    source: str  # the PDF given
    name: str  # its name in the package (representations/rep1/data/<name>)
    sha256: str
    size: int
    record: dict


@dataclass(frozen=True)
class PackageResult:
    path: Path
    objid: str
    kind: str
    documents: tuple[PackagedDocument, ...]
    sha256: str
    size: int
    operator: str
    files: tuple[str, ...]  # every file in the package (relative to the root folder), with SHA-256


def _now() -> _dt.datetime:
    return _dt.datetime.now(VN_TZ).replace(microsecond=0)


def _iso(t: _dt.datetime) -> str:
    return t.astimezone(VN_TZ).replace(microsecond=0).isoformat()


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_PDF_DATE = re.compile(
    r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?"
)


def pdf_date(value) -> _dt.datetime | None:
    """A PDF date string (``D:20261202103700+07'00'``) as an aware datetime, else None."""
    m = _PDF_DATE.match(str(value or ""))
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) if x else dflt for x, dflt in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0), strict=True))
    tz = _dt.timezone.utc
    if m[8]:
        off = _dt.timedelta(hours=int(m[9]), minutes=int(m[10] or 0))
        tz = _dt.timezone(off if m[8] == "+" else -off)
    try:
        return _dt.datetime(y, mo, d, h, mi, s, tzinfo=tz)
    except ValueError:
        return None


def _pdf_facts(pdf: Path) -> dict:
    """Creation time, producer, signing time and signer of a signed PDF (best effort, read only)."""
    import pikepdf

    from ..metadata.xmp import is_signed

    facts: dict = {}
    try:
        with pikepdf.open(pdf) as doc:
            facts["signed"] = is_signed(doc)
            info = doc.docinfo
            facts["created"] = pdf_date(info.get("/CreationDate"))
            facts["producer"] = str(info.get("/Producer", "") or "")
            facts["pages"] = len(doc.pages)
            for obj in doc.objects:
                if isinstance(obj, pikepdf.Dictionary) and "/ByteRange" in obj:
                    t = pdf_date(obj.get("/M"))
                    if t and (facts.get("signed_at") is None or t > facts["signed_at"]):
                        facts["signed_at"] = t
                        facts["signer"] = str(obj.get("/Name", "") or "")
    except pikepdf.PasswordError:
        raise InputError("PDF is encrypted", path=pdf) from None
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise InputError(f"cannot open PDF: {exc}", path=pdf) from None
    if not facts.get("signer"):
        facts["signer"] = _signer_from_cert(pdf)
    return facts


def _signer_from_cert(pdf: Path) -> str:
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader

        with open(pdf, "rb") as fh:
            sigs = PdfFileReader(fh, strict=False).embedded_signatures
            if sigs:
                subj = sigs[-1].signer_cert.subject.native
                return str(subj.get("common_name") or subj.get("organization_name") or "")
    except Exception:  # noqa: BLE001 - the signer's name is descriptive only
        return ""
    return ""


def _software_version() -> str:
    try:
        from importlib.metadata import version

        return version("digitizer")
    except Exception:  # noqa: BLE001
        return "0"


def _safe_id(text: str) -> str:
    t = re.sub(r"[^0-9A-Za-z._-]+", "-", text).strip("-.")
    return t or "package"


def _ordinal(rec: dict, default: int) -> int:
    from ..metadata.validate import DOC_CODE_RE

    n = rec.get("doc_ordinal")
    if isinstance(n, int) and not isinstance(n, bool) and n >= 1:
        return n
    m = DOC_CODE_RE.match(str(rec.get("doc_code") or ""))
    if m and m["file"] == rec.get("file_code"):
        return int(m["ordinal"])
    return default


def collect(pdfs: Sequence[str | os.PathLike]) -> list[tuple[Path, dict, dict]]:
    """(pdf, record, sidecar document) for each input, checked: a file, signed, with a sidecar
    that describes it (same SHA-256), not classified."""
    from ..metadata import read_sidecar, refuse_if_classified, sidecar_path

    if not pdfs:
        raise UsageError("no PDF given")
    out = []
    seen = set()
    for p in map(Path, pdfs):
        if not p.is_file():
            raise InputError("PDF not found", path=p)
        real = p.resolve()
        if real in seen:
            raise UsageError(f"{p} is given twice")
        seen.add(real)
        side = sidecar_path(p)
        if not side.is_file():
            raise InputError(
                f"no metadata sidecar {side.name} next to the PDF (digitizer sign --meta writes it)",
                path=p,
            )
        try:
            doc = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the metadata sidecar: {exc}", path=side) from None
        sha = _sha(p)
        if doc.get("sha256") and doc["sha256"] != sha:
            raise InputError(
                f"the sidecar {side.name} describes another version of the PDF (sha256 "
                f"{doc['sha256'][:12]}…, the PDF is {sha[:12]}…): write it again after signing",
                path=p,
            )
        rec = read_sidecar(side)
        refuse_if_classified(rec, what="packaging for the archive")
        out.append((p, rec, doc))
    return out


def build_package(
    pdfs: Sequence[str | os.PathLike],
    output: str | os.PathLike,
    *,
    kind: str = "sip",
    operator: str | None = None,
    now: _dt.datetime | None = None,
) -> PackageResult:
    """Build the zipped E-ARK package of ``pdfs`` (signed, each with its sidecar) at ``output``."""
    from ..metadata.record import archival_file_name, os_user

    kind = kind.lower()
    if kind not in KINDS:
        raise UsageError(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")
    output = Path(output)
    items = collect(pdfs)
    now = now or _now()
    file_codes = {r.get("file_code") for _, r, _ in items}
    if len(file_codes) > 1:
        raise UsageError(
            "one package per archival file code: the PDFs have "
            + ", ".join(sorted(repr(c) if c else "no file code" for c in file_codes))
        )
    file_code = next(iter(file_codes))
    if file_code:
        objid = file_code
    else:
        dossiers = {r.get("dossier_code") for _, r, _ in items}
        if len(dossiers) != 1 or not next(iter(dossiers)):
            raise MetadataError(
                "the PDFs have no archival file code (file_code) and not one common dossier code: "
                "set file_code to say which archival file they belong to"
            )
        objid = "dossier-" + next(iter(dossiers))
    objid = _safe_id(objid)

    facts = {}
    docs: list[PackagedDocument] = []
    names = set()
    for n, (p, rec, _doc) in enumerate(items, 1):
        f = _pdf_facts(p)
        if not f.get("signed"):
            raise InputError("PDF is not signed: package signed results (digitizer sign)", path=p)
        ordinal = _ordinal(rec, n)
        if file_code:
            name = archival_file_name({**rec, "doc_ordinal": ordinal}) or f"{objid}.{ordinal:07d}.pdf"
        else:
            stem = rec.get("result_code") or f"{rec.get('dossier_code')}-KQ{n}"
            name = _safe_id(str(stem)) + ".pdf"
        if name in names:
            raise MetadataError(
                f"two documents would both be named {name} in the package: give them different "
                "doc_ordinal values"
            )
        names.add(name)
        docs.append(PackagedDocument(str(p), name, _sha(p), p.stat().st_size, rec))
        facts[name] = f
    op_name = (operator or "").strip() or next(
        (r.get("operator_name") for _, r, _ in items if r.get("operator_name")), ""
    )
    op_account = next(
        (r.get("operator_account") for _, r, _ in items if r.get("operator_account")), ""
    ) or os_user()

    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".package-", dir=output.parent))
    try:
        root = work / objid
        data = root / "representations" / "rep1" / "data"
        data.mkdir(parents=True)
        (root / "metadata" / "descriptive").mkdir(parents=True)
        (root / "metadata" / "preservation").mkdir(parents=True)
        (root / "metadata" / "other").mkdir(parents=True)
        (root / "documentation").mkdir()
        (root / "schemas").mkdir()
        from ..metadata.schema import load_schema

        schema_src = Path(load_schema().source)
        shutil.copyfile(schema_src, root / "schemas" / schema_src.name)
        (root / "documentation" / "README.txt").write_text(
            _readme(objid, kind, docs, schema_src.name), encoding="utf-8"
        )
        for d, (p, _rec, _doc) in zip(docs, items, strict=True):
            shutil.copyfile(p, data / d.name)
            if _sha(data / d.name) != d.sha256:
                raise OutputError("the copied PDF differs from its source", path=data / d.name)
            shutil.copyfile(Path(str(p) + ".json"), root / "metadata" / "other" / (d.name + ".json"))
        ctx = _Ctx(objid, kind, now, file_code, docs, facts, op_name, op_account)
        _write_xml(root / "metadata" / "descriptive" / "ead.xml", _ead(ctx))
        _write_xml(root / "metadata" / "preservation" / "premis.xml", _premis(ctx, root))
        _write_xml(root / "representations" / "rep1" / "METS.xml", _rep_mets(ctx, root))
        _write_xml(root / "METS.xml", _root_mets(ctx, root))
        files = []
        fd, tmp = tempfile.mkstemp(prefix=".package-", suffix=".zip.tmp", dir=output.parent)
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(root.rglob("*")):
                    rel = path.relative_to(work).as_posix()
                    if path.is_dir():
                        zf.writestr(zipfile.ZipInfo(rel + "/", _zip_time(now)), b"")
                        continue
                    zi = zipfile.ZipInfo(rel, _zip_time(now))
                    zi.compress_type = zipfile.ZIP_STORED if path.suffix == ".pdf" else zipfile.ZIP_DEFLATED
                    zf.writestr(zi, path.read_bytes())
                    files.append(f"{_sha(path)}  {path.relative_to(root).as_posix()}")
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, output)
            fsync_dir(output.parent)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise OutputError(f"cannot write the package: {exc.strerror or exc}", path=output) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return PackageResult(
        path=output,
        objid=objid,
        kind=kind,
        documents=tuple(docs),
        sha256=_sha(output),
        size=output.stat().st_size,
        operator=op_name,
        files=tuple(files),
    )


def _zip_time(t: _dt.datetime) -> tuple:
    t = t.astimezone(VN_TZ)
    return (max(t.year, 1980), t.month, t.day, t.hour, t.minute, t.second)


@dataclass
class _Ctx:
    objid: str
    kind: str
    now: _dt.datetime
    file_code: str | None
    docs: list[PackagedDocument]
    facts: dict
    operator: str
    account: str

    @property
    def first(self) -> dict:
        return self.docs[0].record


def _write_xml(path: Path, root: etree._Element) -> None:
    path.write_bytes(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    )


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    e = etree.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        e.text = str(text)
    return e


# --- EAD3 --------------------------------------------------------------------------------------

_LANG3 = {"vi": "vie", "en": "eng", "fr": "fra", "ru": "rus", "zh": "zho", "ja": "jpn",
          "ko": "kor", "de": "deu"}


def _lang3(rec: dict) -> str:
    from ..metadata import load_schema
    from ..metadata.xmp import _bcp47

    return _LANG3.get(_bcp47(load_schema(), rec.get("language")).split("-")[0], "vie")


def _ead(ctx: _Ctx) -> etree._Element:
    from ..metadata import load_schema

    schema = load_schema()
    E = "{%s}" % EAD
    ead = etree.Element(E + "ead", nsmap={None: EAD})
    control = _el(ead, E + "control")
    _el(control, E + "recordid", ctx.objid)
    fd = _el(control, E + "filedesc")
    ts = _el(fd, E + "titlestmt")
    first = ctx.first
    title = first.get("file_title") or first.get("subject") or first.get("type_name") or ctx.objid
    _el(ts, E + "titleproper", title)
    _el(control, E + "maintenancestatus", value="new")
    ma = _el(control, E + "maintenanceagency")
    if first.get("organ_id"):
        _el(ma, E + "agencycode", first["organ_id"])
    _el(ma, E + "agencyname", first.get("organ_name") or "digitizer")
    ld = _el(control, E + "languagedeclaration")
    _el(ld, E + "language", "Tiếng Việt", langcode="vie")
    _el(ld, E + "script", "Latin", scriptcode="Latn")
    mh = _el(control, E + "maintenancehistory")
    me = _el(mh, E + "maintenanceevent")
    _el(me, E + "eventtype", value="created")
    _el(me, E + "eventdatetime", _iso(ctx.now), standarddatetime=_iso(ctx.now))
    _el(me, E + "agenttype", value="human" if ctx.operator else "machine")
    _el(me, E + "agent", ctx.operator or "digitizer")

    arch = _el(ead, E + "archdesc", level="file")
    did = _el(arch, E + "did")
    _el(did, E + "unitid", ctx.file_code or ctx.objid, localtype="fileCode")
    if first.get("paper_file_code"):
        _el(did, E + "unitid", first["paper_file_code"], localtype="paperFileCode")
    _el(did, E + "unittitle", title)
    pages = sum(int(d.record.get("page_amount") or ctx.facts[d.name].get("pages") or 0) for d in ctx.docs)
    pd = _el(did, E + "physdescstructured", physdescstructuredtype="materialtype", coverage="whole")
    _el(pd, E + "quantity", first.get("file_page_amount") or pages)
    _el(pd, E + "unittype", "trang")
    file_fields = [f for f in schema.fields if f.level == "file" and first.get(f.key) not in (None, "", [])]
    if file_fields:
        _deflist(arch, E, schema, first, file_fields)
    dsc = _el(arch, E + "dsc")
    for d in ctx.docs:
        rec = d.record
        c = _el(dsc, E + "c", level="item", id="doc-" + _safe_id(d.name.removesuffix(".pdf")))
        cdid = _el(c, E + "did")
        for key, lt in (("doc_code", "docCode"), ("doc_id", "docId"), ("result_code", "resultCode"),
                        ("dossier_code", "dossierCode")):
            if rec.get(key):
                _el(cdid, E + "unitid", rec[key], localtype=lt)
        label = rec.get("type_name") or "Văn bản"
        if rec.get("code_number") and rec.get("code_notation"):
            label = f"{label} số {rec['code_number']}/{rec['code_notation']}"
        _el(cdid, E + "unittitle", label)
        if rec.get("issued_date"):
            _el(cdid, E + "unitdate", rec["issued_date"], normal=rec["issued_date"])
        if rec.get("organ_name"):
            _el(_el(_el(cdid, E + "origination"), E + "corpname"), E + "part", rec["organ_name"])
        if rec.get("subject"):
            _el(cdid, E + "abstract", rec["subject"])
        lm = _el(cdid, E + "langmaterial")
        _el(lm, E + "language", langcode=_lang3(rec))
        _el(cdid, E + "dao", daotype="derived", href="representations/rep1/data/" + d.name,
            linktitle=d.name)
        fields = [f for f in schema.fields if f.level != "file" and rec.get(f.key) not in (None, "", [])]
        _deflist(c, E, schema, rec, fields)
    return ead


def _deflist(parent, E: str, schema, rec: dict, fields) -> None:
    """Every field as label / value: ``odd localtype="circular-05-2025"`` (the element name of the
    Circular as the label's ``localtype`` where it has one, else the record key)."""
    odd = _el(parent, E + "odd", localtype="circular-05-2025")
    lst = _el(odd, E + "list", listtype="deflist")
    for f in fields:
        v = rec[f.key]
        if isinstance(v, bool):
            text = "true" if v else "false"
        elif isinstance(v, (list, tuple)):
            text = "; ".join(map(str, v))
        else:
            text = str(v)
        if f.coded and f.code(text):
            text = f"{text} {f.code_label(text, 'vi')}"
        di = _el(lst, E + "defitem")
        _el(di, E + "label", f.label_for("vi"), localtype=f.circular or f.key)
        _el(di, E + "item", text)


# --- PREMIS 3 ----------------------------------------------------------------------------------


def _premis(ctx: _Ctx, root: Path) -> etree._Element:
    P = "{%s}" % PREMIS
    pr = etree.Element(P + "premis", nsmap={"premis": PREMIS, "xsi": XSI}, version="3.0")
    pr.set("{%s}schemaLocation" % XSI, PREMIS + " http://www.loc.gov/standards/premis/premis.xsd")
    for d in ctx.docs:
        obj = _el(pr, P + "object")
        obj.set("{%s}type" % XSI, "premis:file")
        oid = _el(obj, P + "objectIdentifier")
        _el(oid, P + "objectIdentifierType", "local")
        _el(oid, P + "objectIdentifierValue", "representations/rep1/data/" + d.name)
        ch = _el(obj, P + "objectCharacteristics")
        _el(ch, P + "compositionLevel", "0")
        fx = _el(ch, P + "fixity")
        _el(fx, P + "messageDigestAlgorithm", "SHA-256")
        _el(fx, P + "messageDigest", d.sha256)
        _el(fx, P + "messageDigestOriginator", "digitizer")
        _el(ch, P + "size", d.size)
        fmt = _el(_el(ch, P + "format"), P + "formatDesignation")
        _el(fmt, P + "formatName", "application/pdf")
        _el(obj, P + "originalName", Path(d.source).name)

    def agent(aid: str, name: str, atype: str, note: str | None = None):
        a = _el(pr, P + "agent")
        ai = _el(a, P + "agentIdentifier")
        _el(ai, P + "agentIdentifierType", "local")
        _el(ai, P + "agentIdentifierValue", aid)
        _el(a, P + "agentName", name)
        _el(a, P + "agentType", atype)
        if note:
            _el(a, P + "agentNote", note)

    def event(etype: str, when: _dt.datetime, detail: str, agents: list[tuple[str, str]], obj: str):
        e = _el(pr, P + "event")
        ei = _el(e, P + "eventIdentifier")
        _el(ei, P + "eventIdentifierType", "UUID")
        _el(ei, P + "eventIdentifierValue", str(uuid.uuid4()))
        _el(e, P + "eventType", etype)
        _el(e, P + "eventDateTime", _iso(when))
        _el(_el(e, P + "eventDetailInformation"), P + "eventDetail", detail)
        _el(_el(e, P + "eventOutcomeInformation"), P + "eventOutcome", "success")
        for aid, role in agents:
            la = _el(e, P + "linkingAgentIdentifier")
            _el(la, P + "linkingAgentIdentifierType", "local")
            _el(la, P + "linkingAgentIdentifierValue", aid)
            _el(la, P + "linkingAgentRole", role)
        lo = _el(e, P + "linkingObjectIdentifier")
        _el(lo, P + "linkingObjectIdentifierType", "local")
        _el(lo, P + "linkingObjectIdentifierValue", obj)

    # events first: PREMIS 3 orders object, event, agent, rights
    agents_after: list[tuple] = []
    op_id = "agent-operator"
    sw_id = "agent-digitizer"
    for d in ctx.docs:
        f = ctx.facts[d.name]
        obj = "representations/rep1/data/" + d.name
        rec = d.record
        made = f.get("created") or ctx.now
        who = [(sw_id, "executing program")]
        if ctx.operator or ctx.account:
            who.append((op_id, "implementer"))
        pages = rec.get("page_amount") or f.get("pages")
        event("digitization", made,
              f"scan of the paper result into {pages} page image(s); confidence level "
              f"{rec.get('confidence_level', '02')} (số hóa)", who, obj)
        event("creation", made, "OCR text layer (tesseract, vie+eng) over the page images"
              + (f"; producer {f['producer']}" if f.get("producer") else ""), who, obj)
        if f.get("signed_at") or f.get("signed"):
            signer_id = "agent-signer-" + _safe_id(d.name.removesuffix(".pdf"))
            event("digital signature generation", f.get("signed_at") or ctx.now,
                  "PAdES signature of the digitised result", [(signer_id, "signer"), *who], obj)
            agents_after.append((signer_id, f.get("signer") or rec.get("signer_name") or "signer",
                                 "person", "certificate holder of the signature"))
        event("message digest calculation", ctx.now,
              f"SHA-256 computed when packaging ({ctx.kind.upper()} {ctx.objid})", who, obj)
    pr.extend([])  # (agents below)
    agent(sw_id, "digitizer", "software", f"version {_software_version()}")
    if ctx.operator or ctx.account:
        agent(op_id, ctx.operator or ctx.account, "person",
              f"clerk who digitised the document (Law 20/2023 Art 12(1)); OS account: {ctx.account}")
    seen = set()
    for aid, name, atype, note in agents_after:
        if aid not in seen:
            seen.add(aid)
            agent(aid, name, atype, note)
    return pr


# --- METS --------------------------------------------------------------------------------------


def _nsmap() -> dict:
    return {"mets": METS, "xlink": XLINK, "xsi": XSI, "csip": CSIP, "sip": SIPNS}


def _mets_root(ctx: _Ctx, objid: str, label: str) -> etree._Element:
    M = "{%s}" % METS
    root = etree.Element(M + "mets", nsmap=_nsmap())
    root.set("OBJID", objid)
    root.set("LABEL", label)
    root.set("TYPE", "Text")
    root.set("{%s}CONTENTINFORMATIONTYPE" % CSIP, "OTHER")
    root.set("{%s}OTHERCONTENTINFORMATIONTYPE" % CSIP, "Circular 05/2025/TT-BNV digitised archive documents")
    root.set("PROFILE", PROFILES[ctx.kind])
    root.set(
        "{%s}schemaLocation" % XSI,
        " ".join(f"{ns} {loc}" for ns, loc in SCHEMA_LOCATIONS.items()),
    )
    hdr = _el(root, M + "metsHdr", CREATEDATE=_iso(ctx.now), LASTMODDATE=_iso(ctx.now),
              RECORDSTATUS="NEW")
    hdr.set("{%s}OAISPACKAGETYPE" % CSIP, ctx.kind.upper())
    sw = _el(hdr, M + "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _el(sw, M + "name", "digitizer")
    n = _el(sw, M + "note", _software_version())
    n.set("{%s}NOTETYPE" % CSIP, "SOFTWARE VERSION")
    first = ctx.first
    if first.get("organ_name"):
        org = _el(hdr, M + "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
        _el(org, M + "name", first["organ_name"])
        if first.get("organ_id"):
            n = _el(org, M + "note", first["organ_id"])
            n.set("{%s}NOTETYPE" % CSIP, "IDENTIFICATIONCODE")
    if ctx.operator or ctx.account:
        op = _el(hdr, M + "agent", ROLE="OTHER", OTHERROLE="SUBMITTER", TYPE="INDIVIDUAL")
        _el(op, M + "name", ctx.operator or ctx.account)
        if ctx.account:
            n = _el(op, M + "note", ctx.account)
            n.set("{%s}NOTETYPE" % CSIP, "IDENTIFICATIONCODE")
    return root


def _file(parent, fid: str, path: Path, rel: str, mime: str, when: _dt.datetime) -> None:
    M = "{%s}" % METS
    f = _el(parent, M + "file", ID=fid, MIMETYPE=mime, SIZE=path.stat().st_size,
            CREATED=_iso(when), CHECKSUM=_sha(path).upper(), CHECKSUMTYPE="SHA-256")
    loc = _el(f, M + "FLocat", LOCTYPE="URL")
    loc.set("{%s}type" % XLINK, "simple")
    loc.set("{%s}href" % XLINK, rel)


def _mdref(parent, path: Path, rel: str, mdtype: str, when: _dt.datetime, other: str | None = None):
    M = "{%s}" % METS
    r = _el(parent, M + "mdRef", LOCTYPE="URL", MDTYPE=mdtype, OTHERMDTYPE=other,
            MIMETYPE="text/xml" if rel.endswith(".xml") else "application/json",
            SIZE=path.stat().st_size, CREATED=_iso(when), CHECKSUM=_sha(path).upper(),
            CHECKSUMTYPE="SHA-256")
    r.set("{%s}type" % XLINK, "simple")
    r.set("{%s}href" % XLINK, rel)
    return r


CONTENT_TYPE = "Circular 05/2025/TT-BNV digitised archive documents"


def _grp(parent, gid: str, use: str):
    """A fileGrp with the content information type (the validator checks it on every group)."""
    M = "{%s}" % METS
    g = _el(parent, M + "fileGrp", ID=gid, USE=use)
    g.set("{%s}CONTENTINFORMATIONTYPE" % CSIP, "OTHER")
    g.set("{%s}OTHERCONTENTINFORMATIONTYPE" % CSIP, CONTENT_TYPE)
    return g


def _readme(objid: str, kind: str, docs, schema_name: str) -> str:
    lines = [
        f"Gói {kind.upper()} {objid} — tài liệu số hóa (Thông tư 05/2025/TT-BNV), tạo bởi digitizer",
        f"{kind.upper()} package {objid}: digitised results (Circular 05/2025/TT-BNV), made by digitizer",
        "",
        "METS.xml                          root METS (E-ARK CSIP 2.1)",
        "metadata/descriptive/ead.xml      EAD3 description: the archival file and its documents",
        "metadata/preservation/premis.xml  PREMIS 3: fixity (SHA-256), agents, events",
        "metadata/other/*.json             digitizer metadata sidecars, schema: schemas/" + schema_name,
        "representations/rep1/data/        the signed PDFs ({file code}.{7-digit ordinal}.pdf)",
        "",
    ]
    lines += [f"- {d.name}  sha256 {d.sha256}" for d in docs]
    return "\n".join(lines) + "\n"


def _rep_mets(ctx: _Ctx, root: Path) -> etree._Element:
    M = "{%s}" % METS
    rep = root / "representations" / "rep1"
    mets = _mets_root(ctx, f"{ctx.objid}-rep1", "rep1")
    fs = _el(mets, M + "fileSec", ID="filesec-rep1")
    grp = _grp(fs, "grp-rep1-data", "Data")
    for i, d in enumerate(ctx.docs, 1):
        _file(grp, f"file-rep1-{i}", rep / "data" / d.name, "data/" + d.name, "application/pdf", ctx.now)
    sm = _el(mets, M + "structMap", ID="structmap-rep1", TYPE="PHYSICAL", LABEL="CSIP")
    top = _el(sm, M + "div", ID="div-rep1", LABEL=f"{ctx.objid}-rep1")
    data = _el(top, M + "div", ID="div-rep1-data", LABEL="Data")
    _el(data, M + "fptr", FILEID="grp-rep1-data")
    return mets


def _root_mets(ctx: _Ctx, root: Path) -> etree._Element:
    M = "{%s}" % METS
    first = ctx.first
    label = first.get("file_title") or first.get("subject") or ctx.objid
    mets = _mets_root(ctx, ctx.objid, label)
    dmd = _el(mets, M + "dmdSec", ID="dmd-ead", CREATED=_iso(ctx.now), STATUS="CURRENT")
    _mdref(dmd, root / "metadata/descriptive/ead.xml", "metadata/descriptive/ead.xml", "EAD", ctx.now)
    amd = _el(mets, M + "amdSec", ID="amd")
    dp = _el(amd, M + "digiprovMD", ID="digiprov-premis", STATUS="CURRENT")
    _mdref(dp, root / "metadata/preservation/premis.xml", "metadata/preservation/premis.xml",
           "PREMIS", ctx.now)
    fs = _el(mets, M + "fileSec", ID="filesec")
    other = _grp(fs, "grp-metadata-other", "Metadata/Other")
    for i, d in enumerate(ctx.docs, 1):
        rel = f"metadata/other/{d.name}.json"
        _file(other, f"file-sidecar-{i}", root / rel, rel, "application/json", ctx.now)
    doc = _grp(fs, "grp-documentation", "Documentation")
    _file(doc, "file-readme", root / "documentation/README.txt", "documentation/README.txt",
          "text/plain", ctx.now)
    sch = _grp(fs, "grp-schemas", "Schemas")
    for i, path in enumerate(sorted((root / "schemas").iterdir()), 1):
        _file(sch, f"file-schema-{i}", path, "schemas/" + path.name, "application/json", ctx.now)
    grp = _grp(fs, "grp-rep1", "Representations/rep1")
    _file(grp, "file-rep1-mets", root / "representations/rep1/METS.xml",
          "representations/rep1/METS.xml", "application/xml", ctx.now)
    sm = _el(mets, M + "structMap", ID="structmap", TYPE="PHYSICAL", LABEL="CSIP")
    top = _el(sm, M + "div", ID="div-root", LABEL=ctx.objid)
    md = _el(top, M + "div", ID="div-metadata", LABEL="Metadata", DMDID="dmd-ead", ADMID="digiprov-premis")
    _el(md, M + "fptr", FILEID="grp-metadata-other")
    _el(_el(top, M + "div", ID="div-documentation", LABEL="Documentation"), M + "fptr",
        FILEID="grp-documentation")
    _el(_el(top, M + "div", ID="div-schemas", LABEL="Schemas"), M + "fptr", FILEID="grp-schemas")
    _el(_el(top, M + "div", ID="div-representations", LABEL="Representations"), M + "fptr",
        FILEID="grp-rep1")
    rep = _el(top, M + "div", ID="div-rep1", LABEL="Representations/rep1")
    mp = _el(rep, M + "mptr", LOCTYPE="URL")
    mp.set("{%s}type" % XLINK, "simple")
    mp.set("{%s}href" % XLINK, "representations/rep1/METS.xml")
    mp.set("{%s}title" % XLINK, "grp-rep1")
    return mets


def store_package(target_name: str, package: PackageResult, *, config=None):
    """Store a built package on a configured archive target (folder or S3) as
    ``{organ}/{year}/{OBJID}/{OBJID}.{kind}.zip`` with its JSON sidecar; read back and verified
    by the backend like a PDF. Returns the backend's StoredObject."""
    from . import config as cfgmod
    from .backends import make_backend
    from .keys import _segment, document_year

    cfg = config or cfgmod.load_config()
    target = cfg.target(target_name) if hasattr(cfg, "target") else cfg.targets[target_name]
    backend = make_backend(target)
    rec = package.documents[0].record
    key = "/".join([
        _segment(rec.get("organ_id"), "unknown-organ"),
        document_year(rec),
        _segment(package.objid, "package"),
        f"{_segment(package.objid, 'package')}.{package.kind}.zip",
    ])
    meta = {
        "package": package.kind,
        "objid": package.objid,
        "file_code": rec.get("file_code"),
        "documents": [d.name for d in package.documents],
        "operator": package.operator,
    }
    return backend.store(key, package.path, package.sha256, package.size, meta)
