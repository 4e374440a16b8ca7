"""Run poppler's pdfsig (an independent verifier) and parse its text: it always exits 0."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PdfsigSig:
    valid: bool | None  # signature (digest) valid
    digest_mismatch: bool
    trusted: bool | None  # None: inconclusive
    total_document: bool
    text: str


def pdfsig(path: Path, nssdb: Path) -> list[PdfsigSig]:
    res = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nssdb}", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    text = res.stdout + res.stderr
    blocks = text.split("Signature #")[1:]
    out = []
    for b in blocks:
        if "Signature is Valid" in b:
            valid = True
        elif "Digest Mismatch" in b or "Signature is Invalid" in b:
            valid = False
        else:
            valid = None
        if "Certificate is Trusted" in b:
            trusted = True
        elif "issuer isn't Trusted" in b or "issuer is unknown" in b or "Revoked" in b:
            trusted = False
        else:  # "Unknown issue with Certificate" etc.: inconclusive
            trusted = None
        out.append(
            PdfsigSig(valid, "Digest Mismatch" in b, trusted, "Total document signed" in b, b)
        )
    return out
