"""A first-run demo certificate so the whole flow works out of the box.

Self-signed, its subject says in Vietnamese and English that it is a test certificate with no
legal value, stored (PKCS#12 without password: it protects nothing) in the app's data dir.
Verification never trusts it unless a user explicitly adds it to the trust store.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

DEMO_CN = "THỬ NGHIỆM - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ (demo)"
DEMO_O = "Cơ quan thử nghiệm (demo)"


def demo_p12_path(data_dir: str | Path | None = None) -> Path:
    if data_dir is None:
        import platformdirs

        data_dir = platformdirs.user_data_dir("digitizer")
    return Path(data_dir) / "demo" / "demo-signer.p12"


def ensure_demo_p12(data_dir: str | Path | None = None) -> Path:
    """Create the demo certificate on first use; return its path."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    path = demo_p12_path(data_dir)
    if path.exists():
        return path
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_O),
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_CN),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=5 * 365))
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
    data = pkcs12.serialize_key_and_certificates(
        b"demo", key, cert, None, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path


def load_demo_signer(data_dir: str | Path | None = None):
    from .sources import load_pkcs12

    return load_pkcs12(ensure_demo_p12(data_dir), None)
