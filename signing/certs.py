"""Certificate facts and the pre-signing checks (validity, key usage, key strength, chain).

Why here and not left to pyHanko: pyHanko signs with whatever key it is given; an agency must be
told *before* signing that its certificate is expired or unfit, in words it understands.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.serialization import Encoding as _Enc
from cryptography.x509.oid import NameOID

from .errors import CertificateRejected

MIN_RSA_BITS = 2048
MIN_EC_BITS = 256


@dataclass(frozen=True)
class CertInfo:
    """What a clerk or supervisor needs to recognise a certificate (all strings are Unicode)."""

    subject: str
    common_name: str
    organization: str
    issuer: str
    serial: str  # hex, upper case
    not_before: datetime
    not_after: datetime
    key_usage: tuple[str, ...]
    key_algorithm: str  # e.g. "RSA 2048", "EC P-256"
    fingerprint_sha256: str  # colon-separated hex
    self_signed: bool
    label: str | None = None  # PKCS#11 object label
    key_id: str | None = None  # PKCS#11 CKA_ID, hex

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["not_before"] = self.not_before.isoformat()
        d["not_after"] = self.not_after.isoformat()
        d["key_usage"] = list(self.key_usage)
        return d


def to_crypto(cert: x509.Certificate | asn1_x509.Certificate | bytes) -> x509.Certificate:
    if isinstance(cert, x509.Certificate):
        return cert
    if isinstance(cert, asn1_x509.Certificate):
        return x509.load_der_x509_certificate(cert.dump())
    if cert.lstrip().startswith(b"-----"):
        return x509.load_pem_x509_certificate(cert)
    return x509.load_der_x509_certificate(cert)


def to_asn1(cert: x509.Certificate | asn1_x509.Certificate) -> asn1_x509.Certificate:
    if isinstance(cert, asn1_x509.Certificate):
        return cert
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _name_attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    vals = name.get_attributes_for_oid(oid)
    return str(vals[0].value) if vals else ""


def format_name(name: x509.Name) -> str:
    """RFC 4514-like but with Unicode kept as is (Vietnamese names must read correctly)."""
    parts = []
    for rdn in reversed(name.rdns):
        for attr in rdn:
            key = {
                NameOID.COMMON_NAME: "CN",
                NameOID.ORGANIZATION_NAME: "O",
                NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
                NameOID.COUNTRY_NAME: "C",
                NameOID.LOCALITY_NAME: "L",
                NameOID.STATE_OR_PROVINCE_NAME: "ST",
                NameOID.EMAIL_ADDRESS: "E",
                NameOID.SERIAL_NUMBER: "SERIALNUMBER",
            }.get(attr.oid, attr.oid.dotted_string)
            val = attr.value if isinstance(attr.value, str) else attr.value.hex()
            parts.append(f"{key}={val}")
    return ", ".join(parts)


def key_usage_names(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return ()
    names = []
    for attr in (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
    ):
        if getattr(ku, attr):
            names.append("non_repudiation" if attr == "content_commitment" else attr)
    return tuple(names)


def key_description(cert: x509.Certificate) -> tuple[str, int]:
    pub = cert.public_key()
    if isinstance(pub, rsa.RSAPublicKey):
        return "RSA", pub.key_size
    if isinstance(pub, ec.EllipticCurvePublicKey):
        return f"EC {pub.curve.name}", pub.curve.key_size
    if isinstance(pub, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(pub, ed448.Ed448PublicKey):
        return "Ed448", 448
    if isinstance(pub, dsa.DSAPublicKey):
        return "DSA", pub.key_size
    return type(pub).__name__, 0


def fingerprint(cert: x509.Certificate) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding

    h = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest().upper()
    return ":".join(h[i : i + 2] for i in range(0, len(h), 2))


def describe(
    cert: x509.Certificate | asn1_x509.Certificate | bytes,
    *,
    label: str | None = None,
    key_id: str | None = None,
) -> CertInfo:
    try:
        c = to_crypto(cert)
        alg, bits = key_description(c)
        ku = key_usage_names(c)
    except ValueError:
        # an old certificate cryptography refuses to parse (e.g. a UserNotice as
        # VisibleString): describe it with asn1crypto, which is lenient
        return _describe_asn1(cert, label=label, key_id=key_id)
    return CertInfo(
        subject=format_name(c.subject),
        common_name=_name_attr(c.subject, NameOID.COMMON_NAME),
        organization=_name_attr(c.subject, NameOID.ORGANIZATION_NAME),
        issuer=format_name(c.issuer),
        serial=format(c.serial_number, "X"),
        not_before=c.not_valid_before_utc,
        not_after=c.not_valid_after_utc,
        key_usage=ku,
        key_algorithm=f"{alg} {bits}" if alg == "RSA" or alg == "DSA" else alg,
        fingerprint_sha256=fingerprint(c),
        self_signed=c.issuer == c.subject,
        label=label,
        key_id=key_id,
    )


def _describe_asn1(cert, *, label=None, key_id=None) -> CertInfo:
    c = (
        cert
        if isinstance(cert, asn1_x509.Certificate)
        else asn1_x509.Certificate.load(
            cert.public_bytes(_Enc.DER) if isinstance(cert, x509.Certificate) else cert
        )
    )

    def attr(name, key):
        try:
            return str(name.native.get(key, "") or "")
        except Exception:  # noqa: BLE001
            return ""

    pub = c.public_key
    alg = {"rsa": "RSA", "ec": "EC", "dsa": "DSA"}.get(pub.algorithm, pub.algorithm)
    bits = pub.bit_size if alg in ("RSA", "DSA") else 0
    h = hashlib.sha256(c.dump()).hexdigest().upper()
    ku = (
        tuple(
            "non_repudiation" if k == "non_repudiation" else k
            for k in sorted(c.key_usage_value.native)
        )
        if c.key_usage_value is not None
        else ()
    )
    return CertInfo(
        subject=c.subject.human_friendly,
        common_name=attr(c.subject, "common_name"),
        organization=attr(c.subject, "organization_name"),
        issuer=c.issuer.human_friendly,
        serial=format(c.serial_number, "X"),
        not_before=c.not_valid_before,
        not_after=c.not_valid_after,
        key_usage=ku,
        key_algorithm=f"{alg} {bits}" if bits else alg,
        fingerprint_sha256=":".join(h[i : i + 2] for i in range(0, len(h), 2)),
        self_signed=c.self_issued,
        label=label,
        key_id=key_id,
    )


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:  # noqa: BLE001 - any failure means "not this issuer"
        return False
    return True


def build_chain(cert: x509.Certificate, pool: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    """Chain from ``cert`` up to a self-signed root using ``pool``; raises if it stops short."""
    pool = list(pool)
    chain = [cert]
    current = cert
    for _ in range(10):
        if current.issuer == current.subject and issued_by(current, current):
            return chain
        issuer = next((c for c in pool if c not in chain and issued_by(current, c)), None)
        if issuer is None:
            raise CertificateRejected(
                "cannot build a certificate chain: the issuer certificate "
                f"'{format_name(current.issuer)}' is missing (add it to the PKCS#12 file, the "
                "token, --chain FILE or the trust store)",
                code="cert_no_chain",
            )
        chain.append(issuer)
        current = issuer
    raise CertificateRejected("certificate chain is too long or loops", code="cert_no_chain")


def check_signing_cert(
    cert: x509.Certificate | asn1_x509.Certificate,
    pool: Sequence[x509.Certificate | asn1_x509.Certificate] = (),
    *,
    at: datetime | None = None,
) -> list[x509.Certificate]:
    """Refuse a certificate unfit for signing; return its chain (leaf first) on success."""
    c = to_crypto(cert)
    at = at or datetime.now(UTC)
    info = describe(c)
    if at < c.not_valid_before_utc:
        raise CertificateRejected(
            f"certificate '{info.common_name}' is not valid before "
            f"{c.not_valid_before_utc:%Y-%m-%d %H:%M} UTC",
            code="cert_not_yet_valid",
        )
    if at > c.not_valid_after_utc:
        raise CertificateRejected(
            f"certificate '{info.common_name}' expired on {c.not_valid_after_utc:%Y-%m-%d %H:%M} UTC",
            code="cert_expired",
        )
    ku = info.key_usage
    if ku and not ({"digital_signature", "non_repudiation"} & set(ku)):
        raise CertificateRejected(
            f"certificate '{info.common_name}' may not be used for signatures (key usage: "
            f"{', '.join(ku)}; digitalSignature or nonRepudiation is required)",
            code="cert_key_usage",
        )
    alg, bits = key_description(c)
    if (alg == "RSA" and bits < MIN_RSA_BITS) or (alg.startswith("EC") and bits < MIN_EC_BITS):
        raise CertificateRejected(
            f"certificate '{info.common_name}' has a {alg} {bits}-bit key; at least RSA "
            f"{MIN_RSA_BITS} or ECDSA P-256 is required",
            code="cert_weak_key",
        )
    if alg == "DSA":
        raise CertificateRejected("DSA keys are not accepted for signing", code="cert_weak_key")
    sig_hash = c.signature_hash_algorithm
    if sig_hash is not None and sig_hash.name in ("sha1", "md5"):
        raise CertificateRejected(
            f"certificate '{info.common_name}' is itself signed with {sig_hash.name.upper()}, "
            "which is no longer accepted",
            code="cert_algorithm",
        )
    return build_chain(c, [to_crypto(p) for p in pool])


def load_cert_file(path) -> list[x509.Certificate]:
    """All certificates in a PEM (one or many) or DER file."""
    from pathlib import Path

    data = Path(path).read_bytes()
    if b"-----BEGIN" in data:
        return list(x509.load_pem_x509_certificates(data))
    return [x509.load_der_x509_certificate(data)]
