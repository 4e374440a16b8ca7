"""Verification: a verdict per signature and per document, as data (frozen dataclasses).

pyHanko does the cryptography, path building, revocation and difference analysis; this module
decides, under a :class:`~signing.policy.Policy`, what that means in the ETSI EN 319 102-1
vocabulary (PASSED / FAILED / INDETERMINATE + sub-indication) and records every fact a
supervisor needs to explain the verdict (Circular 15/2025/TT-BKHCN list: issuer, signer, signing
time or timestamp, integrity, validity at signing time, the certificate's validity period).

Offline by default: validation data comes from the document (DSS + CMS); online fetching only
when the policy allows it. A certificate that does not chain to an anchor of the trust store is
never PASSED.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from . import certs as _certs
from .certs import CertInfo
from .errors import InputPdfError
from .policy import LEVELS, Policy, load_policy
from .trust import TrustStore

log = logging.getLogger(__name__)


class Indication(str, Enum):
    PASSED = "PASSED"
    FAILED = "FAILED"
    INDETERMINATE = "INDETERMINATE"


# Sub-indications used (ETSI EN 319 102-1 names; NO_SIGNATURE is ours, for unsigned files)
FORMAT_FAILURE = "FORMAT_FAILURE"
HASH_FAILURE = "HASH_FAILURE"
SIG_CRYPTO_FAILURE = "SIG_CRYPTO_FAILURE"
REVOKED = "REVOKED"
REVOKED_NO_POE = "REVOKED_NO_POE"
NO_CERTIFICATE_CHAIN_FOUND = "NO_CERTIFICATE_CHAIN_FOUND"
CERTIFICATE_CHAIN_GENERAL_FAILURE = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
TRY_LATER = "TRY_LATER"
OUT_OF_BOUNDS_NO_POE = "OUT_OF_BOUNDS_NO_POE"
NOT_YET_VALID = "NOT_YET_VALID"
SIG_CONSTRAINTS_FAILURE = "SIG_CONSTRAINTS_FAILURE"
CHAIN_CONSTRAINTS_FAILURE = "CHAIN_CONSTRAINTS_FAILURE"
NO_SIGNING_CERTIFICATE_FOUND = "NO_SIGNING_CERTIFICATE_FOUND"
NO_SIGNATURE = "NO_SIGNATURE"

# How the revision holding a signature was read (SignatureReport.read_mode):
#   strict      pyHanko's strict reader
#   non-strict  pyHanko's non-strict reader (strict parsing failed: hybrid xref, missing
#               objects, wrong xref offsets ...), ISO 32000-2 7.5.8.4 / PDF repair rules
#   revision    only the signed revision (the first bytes the /ByteRange covers) could be
#               read; the later revision(s) are unreadable
READ_MODES = ("strict", "non-strict", "revision")

_ORDER = {Indication.PASSED: 0, Indication.INDETERMINATE: 1, Indication.FAILED: 2}


@dataclass(frozen=True)
class Finding:
    """One fact behind the verdict. ``code`` is stable (reports translate it), ``detail`` is
    English technical text, ``action`` what the policy made of it (FAIL/WARN/INFO)."""

    code: str
    action: str
    detail: str = ""


@dataclass(frozen=True)
class SignatureReport:
    index: int
    field_name: str
    kind: str  # "signature" | "document_timestamp"
    signer: CertInfo | None
    claimed_signing_time: datetime | None
    timestamp_time: datetime | None
    tsa: str | None
    level: str | None  # B-B .. B-LTA, None if not PAdES
    integrity: bool | None  # digest matches the signed bytes
    signature_valid: bool | None  # the cryptographic signature over the attributes
    coverage: str  # ENTIRE_FILE / ENTIRE_REVISION / PARTIAL / UNKNOWN
    revision: int | None  # revision the signature covers (0-based)
    revisions_after: int
    modification_level: str  # NONE / LTA_UPDATES / FORM_FILLING / ANNOTATIONS / OTHER / UNKNOWN
    changes_allowed: bool | None
    trusted: bool
    trust_anchor: str | None
    chain: tuple[str, ...]
    revocation: str  # good / revoked / unknown / not_checked
    revocation_source: str | None  # embedded / online
    revocation_date: datetime | None
    cert_valid_at_signing: bool | None
    key_usage_ok: bool | None
    indication: Indication
    sub_indication: str | None
    findings: tuple[Finding, ...] = ()
    read_mode: str = "strict"  # see READ_MODES
    docmdp: int | None = None  # DocMDP /P in force for the changes after this signature
    visual_diff: tuple = ()  # signing.visual.PageDiff for pages that render differently

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.action == "WARN")


@dataclass(frozen=True)
class VerificationReport:
    path: Path
    sha256: str
    size: int
    verified_at: datetime
    policy: str
    trust_anchors: int
    signatures: tuple[SignatureReport, ...]
    indication: Indication
    sub_indication: str | None
    findings: tuple[Finding, ...] = field(default=())
    read_mode: str = "strict"  # the least strict mode any signature needed (READ_MODES)

    @property
    def signed(self) -> bool:
        return any(s.kind == "signature" for s in self.signatures)


# --------------------------------------------------------------------------------- helpers


def _name(cert) -> str:
    try:
        info = _certs.describe(cert)
        return info.common_name or info.subject
    except Exception:  # noqa: BLE001
        return "?"


def _trailing_garbage(data: bytes) -> int:
    """Bytes after the last %%EOF that are not whitespace (not part of any revision)."""
    i = data.rfind(b"%%EOF")
    if i < 0:
        return 0
    return len(data[i + 5 :].strip(b"\r\n\t \x00"))


def _revision_ends(data: bytes) -> list[int]:
    """Offsets just after each %%EOF marker (and its end-of-line): candidate revision ends."""
    ends = []
    i = data.find(b"%%EOF")
    while i >= 0:
        j = i + 5
        if data[j : j + 2] == b"\r\n":
            j += 2
        elif data[j : j + 1] in (b"\r", b"\n"):
            j += 1
        ends.append(j)
        i = data.find(b"%%EOF", i + 5)
    return ends


class _Unreadable(Exception):
    """No pyHanko reader could open these bytes."""


def _open(data: bytes, strict: bool):
    """A pyHanko reader over ``data`` (root and fields touched, so a broken file fails here).
    An encrypted file is opened with the empty user password, as a viewer does."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=strict)
    if not strict:
        _undefined_refs_are_null(reader)
    if reader.encrypted:
        from pyhanko.pdf_utils.crypt import AuthStatus

        if reader.decrypt(b"").status == AuthStatus.FAILED:
            raise PermissionError("encrypted with a user password")
    _ = reader.root
    _ = reader.total_revisions
    return reader


def _undefined_refs_are_null(reader) -> None:
    """ISO 32000-2 7.3.10: a reference to an undefined object is a reference to null, not an
    error. pyHanko's dependency walk (used by the difference analysis) raises KeyError for
    one instead; PDFBox-based signers leave such references in the trailer (a copied
    /AdditionalStreams entry). In the non-strict reader an undefined object counts as
    introduced after every revision, i.e. never part of what was signed."""
    xrefs = reader.xrefs
    orig = xrefs.get_introducing_revision

    def introducing(ref):
        try:
            return orig(ref)
        except KeyError:
            return xrefs.total_revisions

    xrefs.get_introducing_revision = introducing


def _declares_encryption(data: bytes) -> bool:
    """The file's newest trailer has an /Encrypt entry (read without resolving it)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return "/Encrypt" in PdfFileReader(io.BytesIO(data), strict=False).trailer.keys()
    except Exception:  # noqa: BLE001
        return False


class _Readers:
    """The ways to read one file: strict, non-strict, or only a leading part of it."""

    def __init__(self, data: bytes):
        self.data = data
        self._cache: dict = {}
        self.errors: dict[str, str] = {}

    def get(self, mode: str, end: int | None = None):
        key = (mode, end)
        if key not in self._cache:
            chunk = self.data if end is None else self.data[:end]
            try:
                self._cache[key] = _open(chunk, strict=(mode == "strict"))
            except PermissionError:
                raise
            except Exception as exc:  # noqa: BLE001 - any parse problem means "not this way"
                self._cache[key] = None
                self.errors[f"{mode}@{end}" if end else mode] = f"{type(exc).__name__}: {exc}"
        return self._cache[key]

    def primary(self):
        """(reader, mode, end): the whole file if possible, else its longest readable prefix."""
        for mode in ("strict", "non-strict"):
            r = self.get(mode)
            if r is not None:
                return r, mode, None
        for end in reversed(_revision_ends(self.data)[:-1] or []):
            r = self.get("non-strict", end)
            if r is not None:
                return r, "revision", end
        raise _Unreadable(self.errors.get("non-strict") or self.errors.get("strict") or "?")


def _iter_signatures(reader, findings: list[Finding]):
    """Like reader.embedded_signatures but a malformed field does not abort the others."""
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    out = []
    try:
        fields_ = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception as exc:  # noqa: BLE001
        findings.append(Finding("sig_fields_unreadable", "FAIL", str(exc)))
        return out
    for fq_name, sig_obj, sig_field in fields_:
        try:
            out.append((fq_name, EmbeddedPdfSignature(reader, sig_field, fq_name), None))
        except Exception as exc:  # noqa: BLE001 - e.g. /Contents or /ByteRange missing/null
            out.append((fq_name, None, f"{type(exc).__name__}: {exc}"))
    return out


def _find_signature(reader, fq: str):
    for name, sig, err in _iter_signatures(reader, []):
        if name == fq:
            return sig, err
    return None, "signature field not found"


def _byte_range_end(reader, fq: str) -> int | None:
    """End of the bytes a field's /ByteRange covers, read without building the signature."""
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        for name, sig_obj, _f in enumerate_sig_fields(reader, filled_status=True):
            if name == fq:
                br = [int(x) for x in sig_obj["/ByteRange"]]
                return br[2] + br[3] if len(br) == 4 else None
    except Exception:  # noqa: BLE001
        return None
    return None


def _is_doc_ts(sig) -> bool:
    """ISO 32000-2 Table 255 wants /Type /DocTimeStamp; DSS and SiVa also accept a signature
    dictionary whose SubFilter is ETSI.RFC3161 without it (the SubFilter says what it is)."""
    return (
        sig.sig_object.get("/Type") == "/DocTimeStamp"
        or sig.sig_object.get("/SubFilter") == "/ETSI.RFC3161"
    )


def _doc_ts_revisions(entries) -> list[int]:
    out = []
    for _n, s, _e in entries:
        try:
            if s is not None and _is_doc_ts(s):
                out.append(s.signed_revision)
        except Exception:  # noqa: BLE001
            continue
    return sorted(out)


def _has_sig_ts(sig) -> bool:
    try:
        ua = sig.signer_info["unsigned_attrs"]
        if ua.native is None:
            return False
        return any(a["type"].native == "signature_time_stamp_token" for a in ua)
    except Exception:  # noqa: BLE001
        return False


def _dss_info(reader):
    """The DSS object or None."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        if "/DSS" not in reader.root:
            return None
        return DocumentSecurityStore.read_dss(reader)
    except Exception:  # noqa: BLE001 - a broken DSS is just missing validation data
        return None


def _dss_revision(reader) -> int | None:
    try:
        ref = reader.root.raw_get("/DSS")
        if hasattr(ref, "idnum"):
            return reader.xrefs.get_introducing_revision(ref.reference)
        # direct object in the root: root's revision
        return reader.xrefs.get_introducing_revision(reader.trailer.raw_get("/Root").reference)
    except Exception:  # noqa: BLE001
        return None


def _certification(reader) -> tuple[int | None, int | None]:
    """(DocMDP /P of the certification signature, its signed revision) or (None, None)."""
    from pyhanko.sign.validation.pdf_embedded import read_certification_data

    try:
        info = read_certification_data(reader)
        if info is None:
            return None, None
        ref = reader.root["/Perms"].raw_get("/DocMDP")
        rev = reader.xrefs.get_last_change(ref.reference) if hasattr(ref, "reference") else None
        return (int(info.permission.value) if info.permission else 2), rev
    except Exception:  # noqa: BLE001
        return None, None


def _fix_linearized_revision(sig, data_len: int) -> bool:
    """A linearized file's first-page and main cross-reference sections are one revision
    (ISO 32000-2 Annex F), but pyHanko counts them as two and then finds the signature's
    revision "not entirely covered". If the signed bytes end exactly where a later section of
    that kind ends (its startxref/%%EOF) and every section up to it lies inside the signed
    bytes, that section's revision is the signed one."""
    from pyhanko.pdf_utils.reader import process_data_at_eof

    try:
        br = [int(x) for x in sig.byte_range]
        if len(br) != 4 or br[0] != 0 or br[2] != br[1] + len(sig.pkcs7_content) * 2 + 2:
            return False
        end = br[2] + br[3]
        xrefs = sig.reader.xrefs
        stream = sig.reader.stream
        stream.seek(end)
        startxref = process_data_at_eof(stream)
        for rev in range(sig.signed_revision + 1, xrefs.total_revisions):
            if xrefs.get_startxref_for_revision(rev) != startxref:
                continue
            inside = all(
                xrefs.get_xref_container_info(k).end_location <= end
                and not br[1] <= xrefs.get_xref_container_info(k).start_location < br[2]
                for k in range(rev + 1)
            )
            if inside:
                sig.signed_revision = rev
                return True
    except Exception:  # noqa: BLE001
        return False
    return False


def _vc(trust_roots, dss, *, extra_certs=(), fetch: bool, mode: str, moment=None):
    from pyhanko_certvalidator import ValidationContext

    kwargs = {
        "trust_roots": list(trust_roots),
        "allow_fetching": fetch,
        "revocation_mode": mode,
        "other_certs": list(extra_certs),
        # empty, not None: "no embedded data" must not be a construction error in hard-fail mode
        "ocsps": [],
        "crls": [],
    }
    if moment is not None:
        kwargs["moment"] = moment
        kwargs["retroactive_revinfo"] = True
    if dss is not None:
        try:
            return dss.as_validation_context(kwargs)
        except Exception:
            log.debug("cannot use DSS", exc_info=True)
    return ValidationContext(**kwargs)


def _indic_name(indic) -> str | None:
    return getattr(indic, "name", None) if indic is not None else None


# --------------------------------------------------------------------------------- main


@dataclass
class _Ctx:
    """What every signature of one file shares."""

    data: bytes
    readers: _Readers
    pol: Policy
    roots: list
    now: datetime
    visual: bool
    garbage: int
    ends: list[int]
    doc_ts_revisions: list[int] | None = None  # of the main reader's document timestamps


MAX_PDF_BYTES = 500 * 1024 * 1024  # a PDF larger than this is refused from its size, unread


def _read_regular(p: Path, max_bytes: int | None) -> bytes:
    """The bytes of ``p`` when it is a regular file of at most ``max_bytes``: a FIFO, a device or
    a link to one is refused without reading (a FIFO would block, /dev/zero never ends), and the
    size comes from fstat of the opened file, before anything is read."""
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputPdfError("file not found", path=p) from None
    except OSError as exc:
        raise InputPdfError(f"cannot read the file ({exc.strerror})", path=p) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else (
                "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a device or special file")
            raise InputPdfError(f"not a regular file: {what}; it is not read", path=p)
        if max_bytes is not None and st.st_size > max_bytes:
            mb = 1024 * 1024
            raise InputPdfError(
                f"the file is {st.st_size / mb:.0f} MB, over the limit of "
                f"{max_bytes / mb:.3g} MB per file (raise it with --max-file-size MB)",
                path=p, code="input_too_large",
            )
        try:
            return fh.read()
        except OSError as exc:
            raise InputPdfError(f"cannot read the file ({exc.strerror})", path=p) from None


def verify_pdf(
    path: str | Path,
    policy: Policy | str | Path | None = None,
    trust_store: TrustStore | str | Path | None = None,
    *,
    trust_roots: list | None = None,
    visual: bool = True,
    max_bytes: int | None = MAX_PDF_BYTES,
) -> VerificationReport:
    """Verify every signature of ``path``. Raises only for unreadable/non-PDF input (exit 3);
    every problem of a file that is a PDF becomes data in the report: a damaged later
    revision, a signature pyHanko cannot parse, a forged structure. ``visual=False`` skips the
    rendering comparison of doubtful cases (:mod:`signing.visual`). Only a regular file of at
    most ``max_bytes`` is read (checked from its stat before reading)."""
    p = Path(path)
    pol = policy if isinstance(policy, Policy) else load_policy(policy)
    if trust_roots is None:
        store = trust_store if isinstance(trust_store, TrustStore) else TrustStore(trust_store)
        roots = [_certs.to_asn1(c) for c in store.certificates()]
    else:
        roots = [_certs.to_asn1(c) for c in trust_roots]
    data = _read_regular(p, max_bytes)
    if b"%PDF-" not in data[:1024]:
        raise InputPdfError("not a PDF file (no %PDF- header)", path=p)
    doc_findings: list[Finding] = []
    now = datetime.now(UTC)
    base = dict(
        path=p,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        verified_at=now,
        policy=pol.source,
        trust_anchors=len(roots),
    )
    readers = _Readers(data)
    try:
        reader, mode, prefix_end = readers.primary()
    except PermissionError:
        doc_findings.append(
            Finding("encrypted", "FAIL", "encrypted with a user password: cannot be verified")
        )
        return VerificationReport(
            **base,
            signatures=(),
            indication=Indication.INDETERMINATE,
            sub_indication=FORMAT_FAILURE,
            findings=tuple(doc_findings),
        )
    except _Unreadable as exc:
        # a PDF header but no revision pyHanko can read: a finding, not an input error
        seen = b"/ByteRange" in data
        doc_findings.append(
            Finding("unreadable_pdf", "FAIL", f"no revision of the file can be read ({exc})")
        )
        return VerificationReport(
            **base,
            signatures=(_unreadable_signature(0, readers),) if seen else (),
            indication=Indication.INDETERMINATE if seen else Indication.FAILED,
            sub_indication=FORMAT_FAILURE,
            findings=tuple(doc_findings),
            read_mode="revision",
        )
    if mode != "strict":
        doc_findings.append(
            Finding(
                "read_mode",
                "INFO",
                f"read in {mode} mode"
                + (f" (first {prefix_end} of {len(data)} bytes)" if prefix_end else "")
                + f"; strict parsing failed: {readers.errors.get('strict', '?')}",
            )
        )
    if reader.encrypted:
        doc_findings.append(
            Finding("encrypted", "INFO", "encrypted; opened with the empty user password")
        )
    if mode == "revision" and not reader.encrypted and _declares_encryption(data):
        # ISO 32000-2 7.6.1: encryption applies to every string and stream of the file; an
        # update cannot switch it on without changing how each signed object reads (pyHanko
        # refuses to write such an update). The signed content no longer means what was signed.
        doc_findings.append(
            Finding(
                "encryption_added",
                "FAIL",
                "a revision after the signed one declares encryption (/Encrypt) the signed "
                "revision did not have",
            )
        )
    ends = _revision_ends(data)
    garbage = _trailing_garbage(data)
    if garbage:
        doc_findings.append(
            Finding(
                "bytes_appended",
                pol.modifications,
                f"{garbage} bytes after the last revision are not covered by any signature",
            )
        )
    ctx = _Ctx(data, readers, pol, roots, now, visual, garbage, ends)
    entries = _iter_signatures(reader, doc_findings)
    if mode != "revision":
        ctx.doc_ts_revisions = _doc_ts_revisions(entries)
    reports = []
    for i, (fq, sig, err) in enumerate(entries):
        reports.append(_verify_field(ctx, i, fq, sig, err, reader, mode, prefix_end))
    if not any(r.kind == "signature" for r in reports):
        if not reports and mode == "revision":
            # a damaged file: where a signature dictionary is visible in the bytes, the
            # signature exists but cannot be evaluated (EN 319 102-1: INDETERMINATE)
            seen = b"/ByteRange" in data
            doc_findings.append(
                Finding(
                    "unreadable_pdf",
                    "FAIL",
                    "the readable part holds no signature"
                    + (", but the damaged part does: it cannot be evaluated" if seen else ""),
                )
            )
            ind = Indication.INDETERMINATE if seen else Indication.FAILED
            sub = FORMAT_FAILURE
            if seen:
                reports.append(_unreadable_signature(len(reports), readers))
        else:
            doc_findings.append(
                Finding("no_signature", "FAIL", "the document carries no signature")
            )
            ind, sub = Indication.FAILED, NO_SIGNATURE
    else:
        worst = max(reports, key=lambda r: _ORDER[r.indication])
        ind, sub = worst.indication, worst.sub_indication
        if any(f.code == "encryption_added" for f in doc_findings):
            ind, sub = Indication.FAILED, FORMAT_FAILURE
    modes = [mode] + [r.read_mode for r in reports]
    return VerificationReport(
        **base,
        signatures=tuple(reports),
        indication=ind,
        sub_indication=sub,
        findings=tuple(doc_findings),
        read_mode=max(modes, key=READ_MODES.index),
    )


def _unreadable_signature(i: int, readers: _Readers) -> SignatureReport:
    """A signature dictionary is in the bytes but in no revision pyHanko can read."""
    why = "; ".join(f"{k}: {v}" for k, v in readers.errors.items())[:600]
    return SignatureReport(
        **_blank(i, "?"),
        indication=Indication.INDETERMINATE,
        sub_indication=FORMAT_FAILURE,
        findings=(
            Finding(
                "unreadable_signature",
                "FAIL",
                f"the file holds a signature (/ByteRange) in a damaged part ({why})",
            ),
        ),
        read_mode="revision",
    )


def _blank(i: int, fq: str) -> dict:
    return dict(
        index=i,
        field_name=fq,
        kind="signature",
        signer=None,
        claimed_signing_time=None,
        timestamp_time=None,
        tsa=None,
        level=None,
        integrity=None,
        signature_valid=None,
        coverage="UNKNOWN",
        revision=None,
        revisions_after=0,
        modification_level="UNKNOWN",
        changes_allowed=None,
        trusted=False,
        trust_anchor=None,
        chain=(),
        revocation="not_checked",
        revocation_source=None,
        revocation_date=None,
        cert_valid_at_signing=None,
        key_usage_ok=None,
    )


def _verify_field(ctx: _Ctx, i, fq, sig, err, reader, mode, prefix_end) -> SignatureReport:
    """One signature field, retried with a less strict reader where reading fails: strict,
    then non-strict, then only the bytes its /ByteRange covers (the signed revision)."""
    attempts = []
    if sig is not None:
        attempts.append((sig, reader, mode, prefix_end))
    errors = [err] if err else []
    tried = {(mode, prefix_end)}

    def more():
        if mode == "strict" and ("non-strict", None) not in tried:
            tried.add(("non-strict", None))
            r = ctx.readers.get("non-strict")
            if r is not None:
                s, e = _find_signature(r, fq)
                yield s, e, r, "non-strict", None
        # only the signed revision: where its /ByteRange says it ends, else at each earlier
        # %%EOF (a later revision may have redefined the very objects that say it)
        ends = []
        end = _byte_range_end(reader, fq)
        if end is None and ctx.readers.get("non-strict") is not None:
            end = _byte_range_end(ctx.readers.get("non-strict"), fq)
        if end is not None:
            ends.append(end)
        ends += [e for e in reversed(ctx.ends) if e < len(ctx.data) - 2][:8]
        for end in dict.fromkeys(ends):
            if end >= len(ctx.data) or ("revision", end) in tried:
                continue
            tried.add(("revision", end))
            r = ctx.readers.get("non-strict", end)
            if r is None:
                continue
            s, e = _find_signature(r, fq)
            if s is not None:
                yield s, e, r, "revision", end
                return
            errors.append(e or "unreadable")

    gen = more()
    while True:
        if attempts:
            s, r, m, end = attempts.pop()
            try:
                return _verify_one(ctx, i, fq, s, r, m, end)
            except _Structural as exc:
                errors.append(str(exc))
                ctx.readers.errors[f"{fq} ({m})"] = str(exc)
        nxt = next(gen, None)
        if nxt is None:
            break
        s, e, r, m, end = nxt
        if s is None:
            errors.append(e or "unreadable")
            ctx.readers.errors[f"{fq} ({m})"] = e or "unreadable"
            continue
        attempts.append((s, r, m, end))
    rep = _blank(i, fq)
    detail = "; ".join(dict.fromkeys(x for x in errors if x)) or "unreadable"
    return SignatureReport(
        **rep,
        indication=Indication.FAILED,
        sub_indication=FORMAT_FAILURE,
        findings=(Finding("malformed_signature", "FAIL", detail[:600]),),
        read_mode=mode,
    )


class _Structural(Exception):
    """Reading the signature's revision failed: try a less strict reader."""


def _verify_one(ctx: _Ctx, i, fq, sig, reader, mode: str, prefix_end) -> SignatureReport:
    """Verify one signature with one reader. Raises :class:`_Structural` when the reader
    cannot read what the signature needs; everything else is data in the report."""
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data

    pol = ctx.pol
    findings: list[Finding] = []
    blank = _blank(i, fq)
    total_revisions = reader.total_revisions
    is_doc_ts = _is_doc_ts(sig)
    blank["kind"] = "document_timestamp" if is_doc_ts else "signature"
    subfilter = str(sig.sig_object.get("/SubFilter", ""))

    def done(ind, sub, **extra):
        return SignatureReport(
            **blank,
            indication=ind,
            sub_indication=sub,
            findings=tuple(f for f in findings if f.action != "IGNORE"),
            read_mode=mode,
            **extra,
        )

    if mode != "strict":
        findings.append(
            Finding(
                "read_mode",
                "INFO",
                f"read with pyHanko's {mode} reader"
                + (f" (the signed revision only: first {prefix_end} bytes)" if prefix_end else ""),
            )
        )
    try:
        signer_cert = sig.signer_cert
    except Exception as exc:  # noqa: BLE001
        sub = _indic_name(getattr(exc, "ades_subindication", None))
        if sub == NO_SIGNING_CERTIFICATE_FOUND or "not included" in str(exc):
            # EN 319 102-1 5.2.3: the signing certificate cannot be identified
            findings.append(Finding("no_signing_certificate", "FAIL", str(exc)))
            return done(Indication.INDETERMINATE, NO_SIGNING_CERTIFICATE_FOUND)
        raise _Structural(f"{type(exc).__name__}: {exc}") from None
    try:
        blank["signer"] = _certs.describe(signer_cert)
    except Exception as exc:  # noqa: BLE001 - certificate cryptography cannot even parse
        findings.append(Finding("no_signing_certificate", "FAIL", f"unreadable: {exc}"))
        return done(Indication.FAILED, FORMAT_FAILURE)
    if subfilter == "/adbe.pkcs7.sha1":
        # deprecated (ISO 32000-2 12.8.3.3.1) and not supported by pyHanko: not processable
        findings.append(
            Finding("unsupported_subfilter", "FAIL", "adbe.pkcs7.sha1 (deprecated) not verified")
        )
        return done(Indication.INDETERMINATE, FORMAT_FAILURE)
    try:
        blank["revision"] = sig.signed_revision
        # skip pyHanko's own diff: signing.mdp judges the later revisions below
        sig.compute_integrity_info(skip_diff=True)
        if sig.coverage is not None and sig.coverage.name == "CONTIGUOUS_BLOCK_FROM_START":
            if _fix_linearized_revision(sig, len(ctx.data)):
                sig.compute_integrity_info(skip_diff=True)
                blank["revision"] = sig.signed_revision
                findings.append(
                    Finding(
                        "linearized",
                        "INFO",
                        "linearized file: its first two cross-reference sections are one "
                        "revision (ISO 32000-2 Annex F)",
                    )
                )
    except Exception as exc:  # noqa: BLE001 - a reading problem: another reader may do
        raise _Structural(f"{type(exc).__name__}: {exc}") from None
    signed_end = None
    try:
        br = [int(x) for x in sig.byte_range]
        signed_end = br[2] + br[3] if len(br) == 4 else None
    except Exception:  # noqa: BLE001
        pass
    later_in_file = [e for e in ctx.ends if signed_end is not None and e > signed_end + 2]
    blank["revisions_after"] = (
        max(0, total_revisions - 1 - sig.signed_revision)
        if prefix_end is None
        else len(later_in_file)
    )

    dss = _dss_info(reader)
    dss_rev = _dss_revision(reader) if dss is not None else None
    has_revinfo = bool(dss is not None and (dss.ocsps or dss.crls))

    def run(mode_: str, moment=None):
        vc = _vc(ctx.roots, dss, fetch=pol.allow_fetching, mode=mode_, moment=moment)
        if is_doc_ts:
            if sig.sig_object.get("/Type") == "/DocTimeStamp":
                return validate_pdf_timestamp(sig, validation_context=vc, skip_diff=True)
            # no /Type: pyHanko's wrapper refuses; validate the token as it does
            import asyncio

            from pyhanko.sign.validation.status import DocumentTimestampStatus

            kw = asyncio.run(validate_tst_signed_data(sig.signed_data, vc, sig.compute_digest))
            kw["coverage"] = sig.coverage
            kw["diff_result"] = None
            return DocumentTimestampStatus(**kw)
        # the signature timestamp is checked against the same context (as pyHanko does)
        return validate_pdf_signature(sig, signer_validation_context=vc, skip_diff=True)

    # level (structure) first: it decides how missing revocation data counts
    level = None
    if is_doc_ts:
        level = None
        if sig.sig_object.get("/Type") != "/DocTimeStamp":
            findings.append(
                Finding(
                    "doc_timestamp_without_type",
                    "INFO",
                    "document timestamp recognised by SubFilter ETSI.RFC3161 (no /Type)",
                )
            )
    elif subfilter == "/ETSI.CAdES.detached":
        level = "B-B"
        has_sig_ts = _has_sig_ts(sig)
        if prefix_end is None and ctx.doc_ts_revisions is not None:
            doc_ts = ctx.doc_ts_revisions
        else:  # another reader than the file's main one: ask it
            doc_ts = _doc_ts_revisions(_iter_signatures(reader, []))
        later_doc_ts = [r for r in doc_ts if r > sig.signed_revision]
        if has_sig_ts or later_doc_ts:
            level = "B-T"
            if has_revinfo and dss_rev is not None and dss_rev > sig.signed_revision:
                level = "B-LT"
                if any(r >= dss_rev for r in later_doc_ts):
                    level = "B-LTA"
    else:
        findings.append(Finding("not_pades", "INFO", f"SubFilter {subfilter or '?'}"))
    blank["level"] = level
    lt = level in ("B-LT", "B-LTA") or is_doc_ts
    missing_action = pol.missing_lt if lt else pol.missing_basic

    try:
        status = run("hard-fail")
    except Exception as exc:  # noqa: BLE001 - pyHanko raises on structurally bad signatures
        if _reading_error(exc):
            raise _Structural(f"{type(exc).__name__}: {exc}") from None
        findings.append(Finding("validation_error", "FAIL", f"{type(exc).__name__}: {exc}"))
        return done(Indication.FAILED, FORMAT_FAILURE)
    indic = _indic_name(status.trust_problem_indic)
    revocation, rev_source = "good", ("online" if pol.allow_fetching else "embedded")
    ts_status = None if is_doc_ts else status.timestamp_validity
    ts_time = ts_status.timestamp if ts_status is not None else None
    if is_doc_ts:
        ts_time = status.timestamp
    ts_ok = ts_status is not None and ts_status.intact and ts_status.valid and ts_status.trusted
    moment = None
    retry = (
        "TRY_LATER",
        "CERTIFICATE_CHAIN_GENERAL_FAILURE",
        "REVOCATION_OUT_OF_BOUNDS_NO_POE",
        "OUT_OF_BOUNDS_NO_POE",
        "OUT_OF_BOUNDS_NOT_REVOKED",
        "EXPIRED",
    )
    if not status.trusted and status.revocation_details is None and indic in retry and ts_ok:
        # Long-term validation: the timestamp proves the signature existed at ts_time, so the
        # chain is judged at that time with the embedded (possibly since expired) OCSP/CRL.
        # Without this, every B-LT file turns INDETERMINATE once its OCSP nextUpdate passes.
        try:
            at_ts = run("hard-fail", moment=ts_time)
        except Exception:  # noqa: BLE001
            at_ts = None
        if at_ts is not None and (at_ts.trusted or at_ts.revocation_details is not None):
            status, indic, moment = at_ts, _indic_name(at_ts.trust_problem_indic), ts_time
            findings.append(
                Finding(
                    "validated_at_timestamp",
                    "INFO",
                    f"validated at the timestamp time {ts_time.isoformat()}",
                )
            )
    if not status.trusted and status.revocation_details is None and indic in retry[:3]:
        # was it only missing revocation data? then soft-fail mode trusts the path
        try:
            soft = run("soft-fail", moment=moment)
        except Exception:  # noqa: BLE001
            soft = None
        if soft is not None and soft.trusted:
            revocation = "unknown"
            findings.append(
                Finding(
                    "revocation_unknown",
                    missing_action,
                    "no usable OCSP/CRL for the certificate chain"
                    + ("" if pol.allow_fetching else " (offline)"),
                )
            )
            if missing_action != "FAIL":
                status, indic = soft, None
            else:
                indic = TRY_LATER
        elif soft is not None:
            # the path fails for another reason than revocation data (expired, no chain,
            # weak algorithm): that reason is the sub-indication (EN 319 102-1 5.2.6)
            soft_indic = _indic_name(soft.trust_problem_indic)
            if soft_indic and soft_indic not in retry[:3]:
                indic = soft_indic
    blank["integrity"] = bool(status.intact)
    blank["signature_valid"] = bool(status.valid)
    blank["trusted"] = bool(status.trusted)
    path_ = status.validation_path
    if path_ is not None:
        try:
            blank["chain"] = tuple(_name(c) for c in path_.iter_certs(include_root=True))
            blank["trust_anchor"] = (
                _name(path_.trust_anchor.authority.certificate)
                if hasattr(path_.trust_anchor, "authority")
                else blank["chain"][0]
            )
        except Exception:  # noqa: BLE001
            pass
    if not is_doc_ts:
        blank["claimed_signing_time"] = status.signer_reported_dt
        if ts_status is not None:
            blank["timestamp_time"] = ts_status.timestamp
            blank["tsa"] = _name(ts_status.signing_cert)
            if not (ts_status.intact and ts_status.valid):
                findings.append(
                    Finding(
                        "timestamp_invalid",
                        pol.timestamp,
                        "the signature timestamp does not verify",
                    )
                )
            elif not ts_status.trusted:
                findings.append(
                    Finding(
                        "timestamp_untrusted",
                        pol.timestamp,
                        "the TSA does not chain to a trust anchor",
                    )
                )
    else:
        blank["timestamp_time"] = status.timestamp
        blank["tsa"] = _name(status.signing_cert)
    best_time = ts_time or blank["claimed_signing_time"]
    if best_time is not None:
        blank["cert_valid_at_signing"] = (
            signer_cert.not_valid_before <= best_time <= signer_cert.not_valid_after
        )
    ku = set(blank["signer"].key_usage)
    blank["key_usage_ok"] = (
        (not ku) or bool({"digital_signature", "non_repudiation"} & ku) if not is_doc_ts else True
    )
    rd = status.revocation_details
    if rd is not None:
        revocation = "revoked"
        blank["revocation_date"] = rd.revocation_date
    if revocation == "good" and not status.trusted:
        revocation = "not_checked"
    blank["revocation"] = revocation
    blank["revocation_source"] = rev_source if revocation != "not_checked" else None
    cov = status.coverage.name if status.coverage is not None else "UNKNOWN"
    blank["coverage"] = cov

    # ---- decide, most severe first
    ind, sub = Indication.PASSED, None

    def worse(i2, s2):
        nonlocal ind, sub
        if _ORDER[i2] > _ORDER[ind]:
            ind, sub = i2, s2

    if not status.intact:
        findings.append(
            Finding("digest_mismatch", "FAIL", "the signed bytes were changed (digest mismatch)")
        )
        worse(Indication.FAILED, HASH_FAILURE)
    elif not status.valid:
        findings.append(
            Finding("signature_invalid", "FAIL", "the cryptographic signature does not verify")
        )
        worse(Indication.FAILED, SIG_CRYPTO_FAILURE)

    # ---- structure: the /ByteRange, the field that holds the signature
    if cov not in ("ENTIRE_FILE", "ENTIRE_REVISION"):
        # ISO 32000-2 12.8.1: the byte range covers the whole revision except /Contents
        findings.append(
            Finding(
                "malformed_byte_range",
                "FAIL",
                f"the /ByteRange does not cover its revision (coverage {cov})",
            )
        )
        worse(Indication.FAILED, FORMAT_FAILURE)
    spoof = _field_added_later(reader, sig)
    if spoof:
        findings.append(Finding("signature_spoofing", "FAIL", spoof))
        worse(Indication.FAILED, FORMAT_FAILURE)

    # ---- later changes (signing.mdp), and what they look like (signing.visual)
    extra = _judge_changes(ctx, reader, sig, mode, prefix_end, signed_end, cov, blank, findings)
    if blank["changes_allowed"] is False:
        if pol.modifications == "FAIL":
            worse(Indication.FAILED, SIG_CONSTRAINTS_FAILURE)
    elif blank["changes_allowed"] is None and cov in ("ENTIRE_FILE", "ENTIRE_REVISION"):
        # the signed revision is sound, what follows it cannot be judged
        worse(Indication.INDETERMINATE, FORMAT_FAILURE)

    # revocation
    if revocation == "revoked":
        when = blank["revocation_date"]
        if ts_time is not None and when is not None and ts_time < when:
            findings.append(
                Finding(
                    "revoked_after_signing",
                    "WARN",
                    f"certificate revoked on {when.isoformat()}, after the timestamp",
                )
            )
        elif ts_time is not None:
            findings.append(
                Finding(
                    "revoked",
                    "FAIL",
                    f"certificate revoked on {when.isoformat() if when else '?'}"
                    ", before the signature's timestamp",
                )
            )
            worse(Indication.FAILED, REVOKED)
        else:
            findings.append(
                Finding(
                    "revoked",
                    "FAIL",
                    "certificate revoked and no timestamp proves an earlier signing time",
                )
            )
            worse(Indication.INDETERMINATE, REVOKED_NO_POE)
    elif revocation == "unknown" and missing_action == "FAIL":
        worse(Indication.INDETERMINATE, TRY_LATER)
    # trust
    if not status.trusted and revocation != "revoked":
        sub_t = indic or NO_CERTIFICATE_CHAIN_FOUND
        if sub_t == CERTIFICATE_CHAIN_GENERAL_FAILURE and _anchor_did_not_issue(path_):
            # the path ends at an anchor that merely has the issuer's name (another
            # generation of a test root): there is no chain to any anchor
            sub_t = NO_CERTIFICATE_CHAIN_FOUND
        elif sub_t == CERTIFICATE_CHAIN_GENERAL_FAILURE and _chain_expired(
            path_, moment or ctx.now
        ):
            # pyHanko names an expired CA certificate a general failure; EN 319 102-1 5.2.6
            # (X.509 validation) calls any expired certificate of the chain without proof
            # of existence OUT_OF_BOUNDS_NO_POE, as for the signer's own
            sub_t = OUT_OF_BOUNDS_NO_POE
        if blank["signer"].self_signed:
            sub_t = NO_CERTIFICATE_CHAIN_FOUND  # a self-signed leaf has no chain to an anchor
        if sub_t in ("TRY_LATER",) and missing_action != "FAIL":
            sub_t = NO_CERTIFICATE_CHAIN_FOUND
        if sub_t not in ("TRY_LATER",):
            findings.append(
                Finding(
                    "untrusted",
                    pol.trust if sub_t == NO_CERTIFICATE_CHAIN_FOUND else "FAIL",
                    f"certificate path not trusted ({sub_t})",
                )
            )
        # never PASSED without a chain to an anchor, whatever the policy says
        worse(Indication.INDETERMINATE, sub_t)
    elif status.trusted and not is_doc_ts and moment is None:
        # the signer's own certificate must be valid now unless a trusted timestamp inside
        # its validity proves earlier existence (EN 319 102-1 5.2.6) - also when it is itself
        # the trust anchor, where path validation does not look at it
        expired = ctx.now > signer_cert.not_valid_after
        poe = ts_ok and ts_time is not None and ts_time <= signer_cert.not_valid_after
        if expired and not poe:
            findings.append(
                Finding(
                    "cert_expired",
                    "FAIL",
                    f"the signer's certificate expired on {signer_cert.not_valid_after:%Y-%m-%d}"
                    " and no trusted timestamp proves the signature existed before",
                )
            )
            worse(Indication.INDETERMINATE, OUT_OF_BOUNDS_NO_POE)
    # validity at signing time / key usage
    if blank["cert_valid_at_signing"] is False and pol.validity != "IGNORE":
        findings.append(
            Finding(
                "cert_not_valid_at_signing",
                pol.validity,
                "the certificate was not valid at the signing time",
            )
        )
        if pol.validity == "FAIL":
            worse(Indication.INDETERMINATE, OUT_OF_BOUNDS_NO_POE)
    if blank["key_usage_ok"] is False and pol.key_usage != "IGNORE":
        findings.append(
            Finding(
                "key_usage", pol.key_usage, "the certificate's key usage does not allow signatures"
            )
        )
        if pol.key_usage == "FAIL":
            worse(Indication.INDETERMINATE, CHAIN_CONSTRAINTS_FAILURE)
    # level
    if not is_doc_ts and pol.level != "IGNORE":
        have = LEVELS.index(level) if level in LEVELS else -1
        if have < LEVELS.index(pol.min_level):
            findings.append(
                Finding(
                    "level_too_low",
                    pol.level,
                    f"PAdES level {level or 'none'} below {pol.min_level}",
                )
            )
            if pol.level == "FAIL":
                worse(Indication.INDETERMINATE, SIG_CONSTRAINTS_FAILURE)
    if blank["signer"].self_signed and not status.trusted:
        findings.append(
            Finding("self_signed", "WARN", "self-signed certificate (demo/test certificate?)")
        )
    return done(ind, sub, **extra)


def _anchor_did_not_issue(path_) -> bool:
    """The certificate just below the path's trust anchor is not signed by the anchor's key."""
    if path_ is None:
        return False
    try:
        certs = list(path_.iter_certs(include_root=True))
        if len(certs) < 2:
            return False
        return not _certs.issued_by(_certs.to_crypto(certs[1]), _certs.to_crypto(certs[0]))
    except Exception:  # noqa: BLE001
        return False


def _chain_expired(path_, when) -> bool:
    """A certificate of the path below its anchor was not valid at ``when``."""
    if path_ is None:
        return False
    try:
        certs = list(path_.iter_certs(include_root=False))
        return any(not (c.not_valid_before <= when <= c.not_valid_after) for c in certs)
    except Exception:  # noqa: BLE001
        return False


def _reading_error(exc: Exception) -> bool:
    """A problem of reading the file (another reader may succeed), not of the signature."""
    from pyhanko.pdf_utils.misc import PdfReadError

    if isinstance(exc, (PdfReadError, KeyError)):
        return True
    return "hybrid-reference" in str(exc)


def _field_added_later(reader, sig) -> str | None:
    """A signature field created after the revision its signature covers: the signature does
    not cover its own field (signature spoofing: an old signature dictionary referenced from
    a new field). A genuine field is created or filled in the revision it signs."""
    try:
        ref = sig.sig_field.container_ref
        if ref is None or not hasattr(ref, "idnum"):
            return None
        intro = reader.xrefs.get_introducing_revision(ref)
    except Exception:  # noqa: BLE001
        return None
    if intro > sig.signed_revision:
        return (
            f"the field was created in revision {intro}, after revision {sig.signed_revision} "
            "that the signature covers: it re-uses an earlier signature"
        )
    return None


def _judge_changes(ctx, reader, sig, mode, prefix_end, signed_end, cov, blank, findings) -> dict:
    """Fill modification_level / changes_allowed / docmdp; return extra report fields."""
    from . import mdp

    extra: dict = {}
    docmdp, cert_rev = _certification(reader)
    if docmdp is not None and cert_rev is not None and cert_rev > sig.signed_revision:
        docmdp = None  # certification came later (not allowed, but not ours to judge here)
    extra["docmdp"] = docmdp
    if ctx.garbage:
        blank["modification_level"] = "OTHER"
        blank["changes_allowed"] = False
        findings.append(
            Finding(
                "modified_after_signing",
                ctx.pol.modifications,
                f"content changed after signing ({ctx.garbage} unsigned bytes appended after "
                "the last revision)",
            )
        )
        return extra
    if cov == "ENTIRE_FILE" and prefix_end is None:
        blank["modification_level"] = "NONE"
        blank["changes_allowed"] = True
        return extra
    if cov not in ("ENTIRE_FILE", "ENTIRE_REVISION"):
        blank["modification_level"] = "UNKNOWN"
        blank["changes_allowed"] = False
        return extra
    doubtful = False
    if prefix_end is not None:
        # only the signed revision could be read: the later ones cannot be analysed
        blank["modification_level"] = "UNKNOWN"
        blank["changes_allowed"] = None
        why = "; ".join(
            f"{k}: {v}" for k, v in ctx.readers.errors.items() if not k.startswith("revision")
        )
        findings.append(
            Finding(
                "later_revision_unreadable",
                "FAIL",
                f"{blank['revisions_after']} later revision(s) cannot be read ({why[:300]})",
            )
        )
        doubtful = True
    else:
        fieldmdp = None
        try:
            fieldmdp = sig.fieldmdp
        except Exception:  # noqa: BLE001
            pass
        try:
            rv = mdp.review(reader, sig.signed_revision, docmdp=docmdp, fieldmdp=fieldmdp)
        except Exception as exc:  # noqa: BLE001
            if _reading_error(exc):
                raise _Structural(f"{type(exc).__name__}: {exc}") from None
            rv = mdp.Review(False, "OTHER", docmdp, f"{type(exc).__name__}: {exc}")
        blank["modification_level"] = rv.level
        blank["changes_allowed"] = rv.allowed
        if not rv.allowed:
            findings.append(
                Finding(
                    "modified_after_signing",
                    ctx.pol.modifications,
                    f"content changed after signing ({rv.detail})",
                )
            )
            doubtful = True
        elif rv.level == "ANNOTATIONS" and ctx.visual and signed_end is not None:
            # permitted kinds of change, but an annotation may be drawn over signed content
            extra["visual_diff"] = _visual(ctx, signed_end, blank, findings, overlay=True)
        if rv.changed_fields:
            findings.append(
                Finding("form_filled", "INFO", "fields changed: " + ", ".join(rv.changed_fields))
            )
    if doubtful and ctx.visual and signed_end is not None:
        extra["visual_diff"] = _visual(ctx, signed_end, blank, findings)
    return extra


def _visual(ctx, signed_end, blank, findings, *, overlay: bool = False) -> tuple:
    """Render the signed revision and the final file (signing.visual). ``overlay``: with
    annotations shown, count only pixels drawn over the signed page's ink (an annotation
    covering text - DSS checks annotation overlap too; we make it the modifications check)."""
    from . import visual

    try:
        res = visual.compare(
            ctx.data[:signed_end], ctx.data, hide_annotations=not overlay, over_ink=overlay
        )
    except visual.VisualUnavailable as exc:
        findings.append(Finding("visual_unavailable", "INFO", str(exc)))
        return ()
    except Exception as exc:  # noqa: BLE001 - rendering is a second opinion, never a crash
        findings.append(Finding("visual_unavailable", "INFO", f"{type(exc).__name__}: {exc}"))
        return ()
    if not res.differs:
        findings.append(Finding("visual_same", "INFO", res.summary()))
        return ()
    if overlay:
        findings.append(
            Finding(
                "annotation_overlay",
                ctx.pol.modifications,
                "annotations added after signing are drawn over signed content: " + res.summary(),
            )
        )
    else:
        findings.append(
            Finding(
                "visual_difference",
                ctx.pol.modifications,
                "pages render differently from the signed revision (annotations hidden): "
                + res.summary(),
            )
        )
    if blank["changes_allowed"] is not False:
        blank["changes_allowed"] = False
        if blank["modification_level"] in ("UNKNOWN", "NONE"):
            blank["modification_level"] = "OTHER"
    return res.differing


def exit_code(reports: list[VerificationReport]) -> int:
    """CLI exit code: 0 all PASSED, 1 any FAILED, 2 any INDETERMINATE (none FAILED)."""
    inds = {r.indication for r in reports}
    if Indication.FAILED in inds:
        return 1
    if Indication.INDETERMINATE in inds:
        return 2
    return 0
