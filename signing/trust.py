"""The user's trust store: a folder of CA certificates (PEM or DER) that anchor verification.

Nothing is trusted by default — not the demo certificate, not even the Vietnamese roots, which
ship as an optional bundle (``resources/trust/vn``) the user enables with one command
(``digitizer trust add --vn-bundle``). Files are named by SHA-256 fingerprint so adding twice is
harmless and removal by fingerprint prefix is unambiguous.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from . import certs as _certs
from .certs import CertInfo
from .errors import TrustStoreError

VN_BUNDLE_DIR = Path(__file__).resolve().parents[1] / "resources" / "trust" / "vn"
CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def default_trust_dir() -> Path:
    """``$DIGITIZER_TRUST_DIR`` or the platform data dir (``.../digitizer/trust``)."""
    env = os.environ.get("DIGITIZER_TRUST_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("digitizer")) / "trust"


@dataclass(frozen=True)
class TrustEntry:
    path: Path
    info: CertInfo


class TrustStore:
    """A folder of anchor certificates. Unreadable files are reported, not silently skipped."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_trust_dir()

    def entries(self) -> list[TrustEntry]:
        if not self.folder.exists():
            return []
        if not self.folder.is_dir():
            raise TrustStoreError("the trust store is not a folder", path=self.folder)
        out = []
        for p in sorted(self.folder.iterdir()):
            if p.suffix.lower() not in CERT_SUFFIXES or not p.is_file():
                continue
            try:
                for c in _certs.load_cert_file(p):
                    out.append(TrustEntry(p, _certs.describe(c)))
            except (ValueError, OSError) as exc:
                raise TrustStoreError(
                    f"unreadable certificate in the trust store ({exc})", path=p
                ) from None
        return out

    def certificates(self) -> list[x509.Certificate]:
        out = []
        for p in {e.path for e in self.entries()}:
            out.extend(_certs.load_cert_file(p))
        return out

    def add(self, path: str | Path) -> list[CertInfo]:
        """Copy the certificate(s) of ``path`` into the store (as PEM named by fingerprint)."""
        src = Path(path)
        try:
            found = _certs.load_cert_file(src)
        except OSError as exc:
            raise TrustStoreError(f"cannot read ({exc.strerror})", path=src) from None
        except ValueError:
            raise TrustStoreError("not a PEM/DER certificate", path=src) from None
        self.folder.mkdir(parents=True, exist_ok=True)
        added = []
        for c in found:
            info = _certs.describe(c)
            name = info.fingerprint_sha256.replace(":", "")[:32].lower() + ".pem"
            dest = self.folder / name
            tmp = dest.with_suffix(".tmp")
            tmp.write_bytes(c.public_bytes(Encoding.PEM))
            os.replace(tmp, dest)
            added.append(info)
        return added

    def add_vn_bundle(self) -> list[CertInfo]:
        """Trust the Vietnam National Root CA and the government RootCA G2 (+ intermediates)."""
        if not VN_BUNDLE_DIR.is_dir():
            raise TrustStoreError(
                "the Vietnamese trust bundle is not installed", path=VN_BUNDLE_DIR
            )
        added = []
        for p in sorted(VN_BUNDLE_DIR.iterdir()):
            if p.suffix.lower() in CERT_SUFFIXES or p.name.endswith(".pem.crt"):
                added.extend(self.add(p))
        return added

    def remove(self, key: str) -> list[CertInfo]:
        """Remove by fingerprint (prefix, colons optional, at least 8 hex digits) or file name."""
        k = key.replace(":", "").lower()
        hits = []
        for e in self.entries():
            fp = e.info.fingerprint_sha256.replace(":", "").lower()
            if e.path.name == key or (len(k) >= 8 and fp.startswith(k)):
                hits.append(e)
        if not hits:
            raise TrustStoreError(
                f"no certificate matching {key!r} in the trust store", path=self.folder
            )
        for e in hits:
            e.path.unlink(missing_ok=True)
        return [e.info for e in hits]
