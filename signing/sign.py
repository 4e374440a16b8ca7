"""PAdES baseline signing (B-B, B-T, B-LT, B-LTA) with pyHanko, plus later augmentation.

The work is pyHanko's; this module adds what an agency needs around it: checks before signing
(certificate, algorithms, TSA and revocation reachability) with errors a clerk can act on, the
Decree 30 visible block with the same instant as the signature's signing time, incremental
writing only, and a self-check of the output before it replaces anything.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography import x509

from . import certs as _certs
from .certs import CertInfo
from .errors import (
    CertificateRejected,
    EncryptedInputError,
    InputPdfError,
    RevocationUnavailableError,
    SelfCheckError,
    SigningError,
    TsaError,
)
from .sources import SignerHandle
from .stamp import (
    VN_TZ,
    StampOptions,
    build_style,
    find_stamp_font,
    format_signing_time,
    place_stamp,
    stamp_size,
    stamp_text,
)

log = logging.getLogger(__name__)

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")
DIGESTS = ("sha256", "sha384", "sha512")
FIELD_PREFIX = "Signature"


# Warn this long before the signing certificate expires: renewing a token certificate with a
# Vietnamese CA takes days, and an expired one stops the office's signing altogether.
EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class SignResult:
    """What happened. ``needs_augmentation`` is True when a lower level than asked was produced
    (offline fallback): run ``augment_pdf`` / ``digitizer sign --augment`` later."""

    output: Path
    level: str
    requested_level: str
    needs_augmentation: bool
    signing_time: datetime
    signer: CertInfo
    field_name: str
    digest_algorithm: str
    signature_mechanism: str
    tsa_url: str | None
    stamp_lines: tuple[str, ...] = ()
    stamp_box: tuple[float, float, float, float] | None = None
    stamp_font: str | None = None
    stamp_form: str | None = None  # "copy" (Decree 30) or "agency" (Circular 05/2025 Art. 8)
    agency_from_certificate: bool = False  # no copying agency set: the certificate's O= stamped
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["output"] = str(self.output)
        d["signing_time"] = format_signing_time(self.signing_time)
        d["signer"] = self.signer.to_dict()
        d["stamp_lines"] = list(self.stamp_lines)
        d["warnings"] = list(self.warnings)
        return d


def _check_input(path: Path):
    """Open the PDF with pyHanko's reader; clear errors for missing/not-PDF/encrypted files."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except FileNotFoundError:
        raise InputPdfError("file not found", path=path) from None
    except OSError as exc:
        raise InputPdfError(f"cannot read the file ({exc.strerror})", path=path) from None
    if b"%PDF-" not in head:
        raise InputPdfError("not a PDF file (no %PDF- header)", path=path)
    try:
        reader = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False)
        if reader.encrypted:
            raise EncryptedInputError(
                "the PDF is encrypted; remove the encryption before signing", path=path
            )
        _ = reader.root["/Pages"]
    except SigningError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds on broken files
        raise InputPdfError(f"damaged PDF ({type(exc).__name__}: {exc})", path=path) from None


def _existing_sig_count(data: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return len(PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures)
    except Exception:  # noqa: BLE001
        return 0


def _pick_field_name(data: bytes) -> str:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        names = {name for name, _, _ in enumerate_sig_fields(reader)}
    except Exception:  # noqa: BLE001
        names = set()
    i = 1
    while f"{FIELD_PREFIX}{i}" in names:
        i += 1
    return f"{FIELD_PREFIX}{i}"


def _validation_context(
    chain: Sequence[x509.Certificate], extra: Sequence[x509.Certificate], *, fetch: bool
):
    from pyhanko_certvalidator import ValidationContext

    root = chain[-1]
    return ValidationContext(
        trust_roots=[_certs.to_asn1(root)],
        other_certs=[_certs.to_asn1(c) for c in list(chain[:-1]) + list(extra)],
        allow_fetching=fetch,
        revocation_mode="hard-fail",
    )


def _check_revocation(handle: SignerHandle, chain, vc) -> None:
    """Fetch OCSP/CRL for the signer now: a revoked or unverifiable certificate is refused
    before anything is written (B-LT needs this data anyway; pyHanko caches it in ``vc``)."""
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator import errors as cv_errors

    validator = CertificateValidator(
        _certs.to_asn1(handle.cert),
        intermediate_certs=[_certs.to_asn1(c) for c in chain[1:]],
        validation_context=vc,
    )
    try:
        import asyncio

        asyncio.run(validator.async_validate_usage(set(), extended_optional=True))
    except cv_errors.RevokedError as exc:
        raise CertificateRejected(
            f"the signing certificate is revoked ({exc})", code="cert_revoked"
        ) from None
    except cv_errors.InsufficientRevinfoError as exc:
        raise RevocationUnavailableError(
            "cannot obtain revocation status (OCSP/CRL) for the signing certificate; the "
            f"responder may be unreachable ({exc}). Sign at level B-T and augment later, "
            "or retry when online"
        ) from None
    except cv_errors.PathValidationError as exc:
        raise CertificateRejected(
            f"certificate path does not validate: {exc}", code="cert_no_chain"
        ) from None
    except cv_errors.PathBuildingError as exc:
        raise CertificateRejected(
            f"cannot build certificate path: {exc}", code="cert_no_chain"
        ) from None


def _check_tsa(timestamper, md: str, url: str) -> None:
    import asyncio

    from pyhanko.sign.timestamps import TimestampRequestError

    try:
        asyncio.run(timestamper.async_dummy_response(md))
    except TimestampRequestError as exc:
        raise TsaError(f"the timestamp server {url} did not answer correctly ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - network errors come in many types
        raise TsaError(
            f"the timestamp server {url} is unreachable ({type(exc).__name__}: {exc})"
        ) from None


def _make_timestamper(url: str, timeout: float):
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=int(timeout))


def _self_check(out_bytes: bytes, in_bytes: bytes, field_name: str, path: Path) -> None:
    """The output must extend the input (incremental update) and our signature must be intact."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    if not out_bytes.startswith(in_bytes):
        raise SelfCheckError(
            "the signed output does not extend the original byte for byte", path=path
        )
    reader = PdfFileReader(io.BytesIO(out_bytes), strict=False)
    sig = next((s for s in reader.embedded_signatures if s.field_name == field_name), None)
    if sig is None:
        raise SelfCheckError("the new signature is missing from the output", path=path)
    sig.compute_integrity_info()
    intact, valid = validate_sig_integrity(
        sig.signer_info,
        sig.signer_cert,
        expected_content_type="data",
        actual_digest=sig.compute_digest(),
    )
    cov = sig.coverage
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not (intact and valid):
        raise SelfCheckError("the new signature does not verify", path=path)
    if cov not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
        raise SelfCheckError(f"the new signature does not cover its revision ({cov})", path=path)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise SigningError(
            f"cannot write the signed file ({exc.strerror})", path=path, code="output_error"
        ) from None


def sign_pdf(
    input_path: str | Path,
    output_path: str | Path,
    signer: SignerHandle,
    *,
    level: str = "B-LT",
    tsa_url: str | None = None,
    stamp: StampOptions | None = None,
    reason: str | None = None,
    location: str | None = None,
    fallback: bool = False,
    digest: str = "sha256",
    pss: bool = False,
    extra_certs: Sequence[x509.Certificate] = (),
    tsa_timeout: float = 15.0,
    progress: Callable[[str], None] | None = None,
    document_meta: dict | None = None,
) -> SignResult:
    """Sign ``input_path`` into ``output_path`` (never in place) at a PAdES baseline ``level``.

    ``fallback=True`` produces the highest lower level that is possible offline (B-LT -> B-T when
    OCSP/CRL are unreachable, -> B-B when the TSA is) and sets ``needs_augmentation``.
    ``stamp=None`` gives the default visible Decree 30 block; ``StampOptions(visible=False)`` an
    invisible signature. ``pss=True`` asks for RSASSA-PSS (used if the key/token supports it).
    ``document_meta`` (title, author, subject, keywords, creator) is written in the signed
    revision, so the signature covers it.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    inp, outp = Path(input_path), Path(output_path)
    level = level.upper()
    if level not in LEVELS:
        raise SigningError(
            f"unknown PAdES level {level!r}; use one of {', '.join(LEVELS)}", code="usage"
        )
    digest = digest.lower().replace("-", "")
    if digest not in DIGESTS:
        raise CertificateRejected(
            f"digest {digest!r} is not allowed; use SHA-256 or stronger", code="cert_algorithm"
        )
    if inp.exists() and outp.exists() and inp.resolve() == outp.resolve():
        raise SigningError(
            "refusing to sign in place: choose another output file (originals are never modified)",
            path=inp,
            code="usage",
        )
    if level != "B-B" and not tsa_url:
        if not fallback:
            raise TsaError(
                f"level {level} needs a timestamp server (--tsa URL)", code="tsa_missing"
            )
    _check_input(inp)
    in_bytes = inp.read_bytes()
    in_hash = hashlib.sha256(in_bytes).digest()
    warnings: list[str] = []
    say = progress or (lambda _m: None)

    # 1. certificate checks
    now = datetime.now(VN_TZ).replace(microsecond=0)
    chain = _certs.check_signing_cert(
        handle_cert := signer.cert, list(signer.pool) + list(extra_certs), at=now
    )
    if chain[-1] == handle_cert:
        warnings.append(
            "the certificate is self-signed (demo/test certificate?): verifiers "
            "will report it as untrusted"
        )
    days_left = (handle_cert.not_valid_after_utc - now).days
    if days_left < EXPIRY_WARNING_DAYS:
        expires = handle_cert.not_valid_after_utc.astimezone(VN_TZ)
        warnings.append(
            f"the signing certificate expires on {expires:%Y-%m-%d} (in {max(days_left, 0)} "
            "days): ask the certification authority to renew it"
        )

    # 2. level feasibility: TSA, then revocation
    achieved = level
    timestamper = None
    if level != "B-B":
        if not tsa_url:
            achieved = "B-B"
            warnings.append("no timestamp server configured: signed at B-B")
        else:
            say("tsa")
            timestamper = _make_timestamper(tsa_url, tsa_timeout)
            try:
                _check_tsa(timestamper, digest, tsa_url)
            except TsaError as exc:
                if not fallback:
                    raise
                achieved, timestamper = "B-B", None
                warnings.append(f"{exc.message}: signed at B-B")
    vc = None
    if achieved in ("B-LT", "B-LTA"):
        say("revocation")
        vc = _validation_context(chain, extra_certs, fetch=True)
        try:
            _check_revocation(signer, chain, vc)
        except RevocationUnavailableError as exc:
            if not fallback:
                raise
            achieved, vc = "B-T", None
            warnings.append(f"{exc.message.split(';')[0]}: signed at B-T")

    # 3. algorithm: PSS only if asked and possible
    use_pss = bool(pss)
    if use_pss and (not signer.pss_available or _certs.key_description(signer.cert)[0] != "RSA"):
        warnings.append(
            "RSASSA-PSS requested but not supported by this key/token: PKCS#1 v1.5 used"
        )
        use_pss = False
    signer.signer.prefer_pss = use_pss
    try:
        mech = signer.signer.get_signature_mechanism_for_digest(digest).signature_algo
    except Exception:  # noqa: BLE001 - introspection only
        mech = "unknown"

    # 4. the visible block
    stamp = stamp or StampOptions()
    field_name = _pick_field_name(in_bytes)
    style = None
    box = None
    lines: list[str] = []
    font_family = None
    text = None
    if stamp.visible:
        text = stamp_text(stamp, signer.info, now)
        lines = list(text.lines)
        if text.agency_from_certificate:
            warnings.append(
                f"no agency that makes copies is set: the block names the certificate's "
                f"organisation ({text.agency}); set it (--copy-agency) if that is not the "
                "copying agency"
            )
        font = find_stamp_font(stamp.font_file)
        font_family = font.family
        w, h = stamp_size(font, lines, stamp.seal_image is not None)
        placement = place_stamp(inp, w, h, stamp.page)
        if placement.warning:
            warnings.append(placement.warning)
        box = tuple(round(v, 2) for v in placement.box)
        style = build_style(font, lines, stamp.seal_image)

    # 5. sign (pyHanko), with our instant as the signing time
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=digest,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        embed_validation_info=achieved in ("B-LT", "B-LTA"),
        use_pades_lta=achieved == "B-LTA",
        validation_context=vc,
    )
    spec = fields.SigFieldSpec(
        sig_field_name=field_name,
        on_page=stamp.page,
        box=tuple(int(round(v)) for v in box) if box else None,
    )
    pdf_signer = _FixedTimePdfSigner(
        now,
        meta,
        signer=signer.signer,
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=spec,
    )
    say("sign")
    out = io.BytesIO()
    try:
        w = IncrementalPdfFileWriter(io.BytesIO(in_bytes), strict=False)
        for key, value in (document_meta or {}).items():
            # written in the signed revision, so covered by the signature
            if key not in ("title", "author", "subject", "keywords", "creator"):
                raise SigningError(f"unsupported document_meta key {key!r}", code="usage")
            setattr(w.document_meta, key, list(value) if key == "keywords" else value)
        pdf_signer.sign_pdf(w, output=out)
    except SigningError:
        raise
    except Exception as exc:  # noqa: BLE001 - map what we can, name the rest
        raise _map_sign_error(exc) from None
    out_bytes = out.getvalue()

    # 6. self-check, and the original must not have changed meanwhile
    say("check")
    if hashlib.sha256(inp.read_bytes()).digest() != in_hash:
        raise SelfCheckError(
            "the input file changed while it was being signed; nothing written", path=inp
        )
    _self_check(out_bytes, in_bytes, field_name, outp)
    _atomic_write(outp, out_bytes)
    return SignResult(
        output=outp,
        level=achieved,
        requested_level=level,
        needs_augmentation=LEVELS.index(achieved) < LEVELS.index(level),
        signing_time=now,
        signer=signer.info,
        field_name=field_name,
        digest_algorithm=digest,
        signature_mechanism=mech,
        tsa_url=tsa_url if timestamper else None,
        stamp_lines=tuple(lines),
        stamp_box=box,
        stamp_font=font_family,
        stamp_form=text.form if text else None,
        agency_from_certificate=bool(text and text.agency_from_certificate),
        warnings=tuple(warnings),
    )


class _FixedTimePdfSigner:
    """pyHanko's PdfSigner whose signing session uses our instant (so the visible block and the
    signature's /M and signing time are the same)."""

    def __new__(cls, when: datetime, *args, **kwargs):
        from pyhanko.sign.signers import PdfSigner

        class _Signer(PdfSigner):
            def init_signing_session(self, pdf_out, existing_fields_only=False):
                session = super().init_signing_session(pdf_out, existing_fields_only)
                session.system_time = when
                return session

        return _Signer(*args, **kwargs)


def _map_sign_error(exc: Exception) -> SigningError:
    import pkcs11.exceptions as p11e
    from pyhanko.sign.timestamps import TimestampRequestError

    from .errors import PinIncorrectError, TokenNotFoundError

    if isinstance(exc, TimestampRequestError):
        return TsaError(f"the timestamp server failed during signing ({exc})")
    if isinstance(
        exc,
        (p11e.TokenNotPresent, p11e.DeviceRemoved, p11e.SessionHandleInvalid, p11e.SessionClosed),
    ):
        return TokenNotFoundError("the token was removed or its session closed during signing")
    if isinstance(exc, p11e.UserNotLoggedIn):
        return PinIncorrectError("the token is not logged in (PIN missing)")
    if isinstance(exc, p11e.PKCS11Error):
        return SigningError(f"the token refused to sign ({type(exc).__name__})", code="token_error")
    msg = str(exc) or type(exc).__name__
    return SigningError(f"signing failed: {msg}")


def augment_pdf(
    input_path: str | Path,
    output_path: str | Path,
    *,
    level: str = "B-LT",
    tsa_url: str | None = None,
    trust_roots: Sequence[x509.Certificate] = (),
    extra_certs: Sequence[x509.Certificate] = (),
) -> str:
    """Raise the last signature of a signed PDF to B-LT (add DSS: certificates, OCSP/CRL) or
    B-LTA (DSS + document timestamp). Incremental update only. Returns the level written."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import add_validation_info
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator import errors as cv_errors

    inp, outp = Path(input_path), Path(output_path)
    level = level.upper()
    if level not in ("B-LT", "B-LTA"):
        raise SigningError("augmentation target must be B-LT or B-LTA", code="usage")
    if inp.exists() and outp.exists() and inp.resolve() == outp.resolve():
        raise SigningError(
            "refusing to augment in place: choose another output file", path=inp, code="usage"
        )
    _check_input(inp)
    data = inp.read_bytes()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    sigs = [s for s in reader.embedded_signatures if s.sig_object.get("/Type") != "/DocTimeStamp"]
    if not sigs:
        raise InputPdfError("the PDF has no signature to augment", path=inp)
    sig = sigs[-1]
    signer_cert = _certs.to_crypto(sig.signer_cert)
    embedded = [
        _certs.to_crypto(c.chosen)
        for c in (sig.signed_data["certificates"] or ())
        if c.name == "certificate"
    ]
    pool = list(embedded) + list(extra_certs) + list(trust_roots)
    chain = _certs.build_chain(signer_cert, pool)
    vc = ValidationContext(
        trust_roots=[_certs.to_asn1(chain[-1])] + [_certs.to_asn1(c) for c in trust_roots],
        other_certs=[_certs.to_asn1(c) for c in pool],
        allow_fetching=True,
        revocation_mode="hard-fail",
    )
    buf = io.BytesIO()
    try:
        add_validation_info(sig, vc, in_place=False, output=buf)
    except (cv_errors.InsufficientRevinfoError, cv_errors.PathValidationError) as exc:
        raise RevocationUnavailableError(f"cannot collect validation data ({exc})") from None
    except Exception as exc:  # noqa: BLE001
        raise RevocationUnavailableError(
            f"cannot collect validation data ({type(exc).__name__}: {exc})"
        ) from None
    result = buf.getvalue()
    if level == "B-LTA":
        if not tsa_url:
            raise TsaError("B-LTA needs a timestamp server (--tsa URL)", code="tsa_missing")
        ts = _make_timestamper(tsa_url, 15)
        _check_tsa(ts, "sha256", tsa_url)
        out2 = io.BytesIO()
        try:
            signers.PdfTimeStamper(ts).timestamp_pdf(
                IncrementalPdfFileWriter(io.BytesIO(result), strict=False),
                "sha256",
                validation_context=vc,
                output=out2,
            )
        except Exception as exc:  # noqa: BLE001
            raise _map_sign_error(exc) from None
        result = out2.getvalue()
    if not result.startswith(data):
        raise SelfCheckError("augmented output does not extend the original", path=outp)
    _atomic_write(outp, result)
    return level


def is_signed(path: str | Path) -> bool:
    """True if the PDF carries any signature (the pipeline must then only append to it)."""
    p = Path(path)
    try:
        return _existing_sig_count(p.read_bytes()) > 0
    except OSError as exc:
        raise InputPdfError(f"cannot read the file ({exc.strerror})", path=p) from None
