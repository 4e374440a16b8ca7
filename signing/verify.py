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
NO_SIGNATURE = "NO_SIGNATURE"

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


def _has_sig_ts(sig) -> bool:
    try:
        ua = sig.signer_info["unsigned_attrs"]
        if ua.native is None:
            return False
        return any(a["type"].native == "signature_time_stamp_token" for a in ua)
    except Exception:  # noqa: BLE001
        return False


def _dss_info(reader):
    """(DSS object or None, revision in which the DSS was last written or None)."""
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


def _modification_ok(reader, sig, later_signed_revisions: set[int]) -> tuple[bool, str]:
    """Per later revision: only DSS/timestamp updates, or a new signature, are allowed."""
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel

    pol = DEFAULT_DIFF_POLICY
    total = reader.total_revisions
    worst = "NONE"
    for r in range(sig.signed_revision + 1, total):
        try:
            res = pol.apply(
                reader.get_historical_resolver(r - 1), reader.get_historical_resolver(r)
            )
            lvl = res.modification_level
        except Exception as exc:  # noqa: BLE001 - SuspiciousModification and parse problems
            return False, f"revision {r}: {type(exc).__name__}: {exc}"
        if lvl <= ModificationLevel.LTA_UPDATES:
            continue
        if lvl == ModificationLevel.FORM_FILLING and r in later_signed_revisions:
            continue
        return False, f"revision {r}: {lvl.name}"
    return True, worst


# --------------------------------------------------------------------------------- main


def verify_pdf(
    path: str | Path,
    policy: Policy | str | Path | None = None,
    trust_store: TrustStore | str | Path | None = None,
    *,
    trust_roots: list | None = None,
) -> VerificationReport:
    """Verify every signature of ``path``. Raises only for unreadable/non-PDF input (exit 3);
    every problem of a signature becomes data in the report."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    p = Path(path)
    pol = policy if isinstance(policy, Policy) else load_policy(policy)
    if trust_roots is None:
        store = trust_store if isinstance(trust_store, TrustStore) else TrustStore(trust_store)
        roots = [_certs.to_asn1(c) for c in store.certificates()]
    else:
        roots = [_certs.to_asn1(c) for c in trust_roots]
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputPdfError("file not found", path=p) from None
    except OSError as exc:
        raise InputPdfError(f"cannot read the file ({exc.strerror})", path=p) from None
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
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            doc_findings.append(Finding("encrypted", "FAIL", "encrypted PDFs are not verified"))
            return VerificationReport(
                **base,
                signatures=(),
                indication=Indication.INDETERMINATE,
                sub_indication=FORMAT_FAILURE,
                findings=tuple(doc_findings),
            )
        _ = reader.root
    except Exception as exc:  # noqa: BLE001
        raise InputPdfError(f"damaged PDF ({type(exc).__name__}: {exc})", path=p) from None

    garbage = _trailing_garbage(data)
    if garbage:
        doc_findings.append(
            Finding(
                "bytes_appended",
                pol.modifications,
                f"{garbage} bytes after the last revision are not covered by any signature",
            )
        )
    entries = _iter_signatures(reader, doc_findings)
    dss = _dss_info(reader)
    dss_rev = _dss_revision(reader) if dss is not None else None
    has_revinfo = bool(dss is not None and (dss.ocsps or dss.crls))
    sig_revisions = {}
    for fq, sig, err in entries:
        if sig is not None:
            try:
                sig_revisions[fq] = sig.signed_revision
            except Exception:  # noqa: BLE001
                pass
    doc_ts_revisions = sorted(
        sig_revisions[fq]
        for fq, sig, err in entries
        if sig is not None
        and fq in sig_revisions
        and sig.sig_object.get("/Type") == "/DocTimeStamp"
    )
    total_revisions = reader.total_revisions
    reports = []
    for i, (fq, sig, err) in enumerate(entries):
        later_signed = {r for f2, r in sig_revisions.items() if f2 != fq}
        reports.append(
            _verify_one(
                i,
                fq,
                sig,
                err,
                reader,
                pol,
                roots,
                dss,
                dss_rev,
                has_revinfo,
                doc_ts_revisions,
                total_revisions,
                later_signed,
                garbage,
            )
        )
    if not any(r.kind == "signature" for r in reports):
        doc_findings.append(Finding("no_signature", "FAIL", "the document carries no signature"))
        ind, sub = Indication.FAILED, NO_SIGNATURE
    else:
        worst = max(reports, key=lambda r: _ORDER[r.indication])
        ind, sub = worst.indication, worst.sub_indication
    return VerificationReport(
        **base,
        signatures=tuple(reports),
        indication=ind,
        sub_indication=sub,
        findings=tuple(doc_findings),
    )


def _verify_one(
    i,
    fq,
    sig,
    err,
    reader,
    pol: Policy,
    roots,
    dss,
    dss_rev,
    has_revinfo,
    doc_ts_revisions,
    total_revisions,
    later_signed,
    garbage,
) -> SignatureReport:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp

    findings: list[Finding] = []
    blank = dict(
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
    if sig is None:
        findings.append(Finding("malformed_signature", "FAIL", err or "unreadable"))
        return SignatureReport(
            **blank,
            indication=Indication.FAILED,
            sub_indication=FORMAT_FAILURE,
            findings=tuple(findings),
        )
    is_doc_ts = sig.sig_object.get("/Type") == "/DocTimeStamp"
    blank["kind"] = "document_timestamp" if is_doc_ts else "signature"
    try:
        signer_cert = sig.signer_cert
        blank["signer"] = _certs.describe(signer_cert)
    except Exception as exc:  # noqa: BLE001
        findings.append(Finding("no_signing_certificate", "FAIL", str(exc)))
        return SignatureReport(
            **blank,
            indication=Indication.FAILED,
            sub_indication=FORMAT_FAILURE,
            findings=tuple(findings),
        )
    try:
        blank["revision"] = sig.signed_revision
        blank["revisions_after"] = max(0, total_revisions - 1 - sig.signed_revision)
        sig.compute_integrity_info()
    except Exception as exc:  # noqa: BLE001 - wrapped/forged ByteRange, bad /Contents ...
        findings.append(Finding("malformed_signature", "FAIL", f"{type(exc).__name__}: {exc}"))
        return SignatureReport(
            **blank,
            indication=Indication.FAILED,
            sub_indication=FORMAT_FAILURE,
            findings=tuple(findings),
        )

    def run(mode: str, moment=None):
        vc = _vc(roots, dss, fetch=pol.allow_fetching, mode=mode, moment=moment)
        if is_doc_ts:
            return validate_pdf_timestamp(sig, validation_context=vc)
        # the signature timestamp is checked against the same context (as pyHanko does)
        return validate_pdf_signature(sig, signer_validation_context=vc)

    # level (structure) first: it decides how missing revocation data counts
    level = None
    subfilter = str(sig.sig_object.get("/SubFilter", ""))
    if is_doc_ts:
        level = None
    elif subfilter == "/ETSI.CAdES.detached":
        level = "B-B"
        has_sig_ts = _has_sig_ts(sig)
        later_doc_ts = [r for r in doc_ts_revisions if r > sig.signed_revision]
        if has_sig_ts or later_doc_ts:
            level = "B-T"
            if has_revinfo and dss_rev is not None and dss_rev > sig.signed_revision:
                level = "B-LT"
                if any(r > dss_rev or r >= dss_rev for r in later_doc_ts):
                    level = "B-LTA"
    else:
        findings.append(Finding("not_pades", "INFO", f"SubFilter {subfilter or '?'}"))
    blank["level"] = level
    lt = level in ("B-LT", "B-LTA") or is_doc_ts
    missing_action = pol.missing_lt if lt else pol.missing_basic

    try:
        status = run("hard-fail")
    except Exception as exc:  # noqa: BLE001 - pyHanko raises on structurally bad signatures
        findings.append(Finding("validation_error", "FAIL", f"{type(exc).__name__}: {exc}"))
        return SignatureReport(
            **blank,
            indication=Indication.FAILED,
            sub_indication=FORMAT_FAILURE,
            findings=tuple(findings),
        )
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
    mod = status.modification_level
    blank["modification_level"] = mod.name if mod is not None else "UNKNOWN"

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
    # coverage / later changes
    changes_ok = True
    detail = ""
    if cov not in ("ENTIRE_FILE", "ENTIRE_REVISION"):
        changes_ok, detail = False, f"signature covers {cov}"
    elif mod is None or mod > ModificationLevel.LTA_UPDATES:
        changes_ok, detail = _modification_ok(reader, sig, later_signed)
    if garbage:
        changes_ok, detail = False, f"{garbage} unsigned bytes appended after the last revision"
    blank["changes_allowed"] = changes_ok
    if not changes_ok:
        findings.append(
            Finding(
                "modified_after_signing",
                pol.modifications,
                f"content changed after signing ({detail})",
            )
        )
        if pol.modifications == "FAIL":
            worse(Indication.FAILED, SIG_CONSTRAINTS_FAILURE)
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
    return SignatureReport(
        **blank,
        indication=ind,
        sub_indication=sub,
        findings=tuple(f for f in findings if f.action != "IGNORE"),
    )


def exit_code(reports: list[VerificationReport]) -> int:
    """CLI exit code: 0 all PASSED, 1 any FAILED, 2 any INDETERMINATE (none FAILED)."""
    inds = {r.indication for r in reports}
    if Indication.FAILED in inds:
        return 1
    if Indication.INDETERMINATE in inds:
        return 2
    return 0
