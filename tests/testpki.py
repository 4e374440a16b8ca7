"""Test-only certificate helpers shared across test folders: the test PKI module
(``tests/signing/pki.py``, loaded once under one name, since ``signing`` is also the package under
test) and a quick self-signed PKCS#12 for cases that need no CA (batch, expiry warnings)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

PKI_PY = Path(__file__).parent / "signing" / "pki.py"
_NAME = "digitizer_tests_pki"


def pki_module():
    """``tests/signing/pki.py`` as a module (build_pki, start_animator, init_softhsm, ...)."""
    mod = sys.modules.get(_NAME)
    if mod is None:
        spec = importlib.util.spec_from_file_location(_NAME, PKI_PY)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[_NAME] = mod
        spec.loader.exec_module(mod)
    return mod


def self_signed_p12(
    path: Path,
    password: bytes,
    *,
    common_name: str = "Batch test signer",
    valid_from: datetime | None = None,
    valid_days: float = 30,
) -> Path:
    """A self-signed signing certificate (digitalSignature + nonRepudiation, RSA 2048) with its
    key, as PKCS#12 at ``path``; valid from ``valid_from`` (default: 5 minutes ago)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sở Tư pháp (thử nghiệm)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    start = valid_from or datetime.now(UTC) - timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, None, serialization.BestAvailableEncryption(password)
        )
    )
    return path
