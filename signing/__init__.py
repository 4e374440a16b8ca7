"""PAdES signing and verification for digitised documents. Standalone: never imports ``digitizer``.

Public API (see README.md, "Signing and verification"):
    load_pkcs12(path, password) -> SignerHandle
    open_pkcs11(lib, token_label=..., cert_label=... | cert_id=..., pin=...) -> SignerHandle
    list_tokens(lib) -> list[str]; list_token_certs(lib, token_label=...) -> list[CertInfo]
    list_signing_certs(lib) -> list[(token label, CertInfo)]  (what a signer may pick)
    sign_pdf(input, output, signer, level="B-LT", tsa_url=..., stamp=StampOptions(...)) -> SignResult
    augment_pdf(input, output, level="B-LT"|"B-LTA", tsa_url=...) -> str
    verify_pdf(path, policy=None, trust_store=None) -> VerificationReport
"""

from __future__ import annotations

from .certs import CertInfo, check_signing_cert, describe
from .errors import SigningError
from .sign import LEVELS, SignResult, augment_pdf, is_signed, sign_pdf
from .sources import (
    SignerHandle,
    list_signing_certs,
    list_token_certs,
    list_tokens,
    load_pkcs12,
    open_pkcs11,
)
from .stamp import StampOptions
from .trust import TrustStore
from .verify import Indication, SignatureReport, VerificationReport, verify_pdf

__all__ = [
    "LEVELS",
    "CertInfo",
    "Indication",
    "SignResult",
    "SignatureReport",
    "SignerHandle",
    "SigningError",
    "StampOptions",
    "TrustStore",
    "VerificationReport",
    "augment_pdf",
    "check_signing_cert",
    "describe",
    "is_signed",
    "list_signing_certs",
    "list_token_certs",
    "list_tokens",
    "load_pkcs12",
    "open_pkcs11",
    "sign_pdf",
    "verify_pdf",
]
