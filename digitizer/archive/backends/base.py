"""What every archive backend provides, and the results it returns."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..config import TargetConfig


@dataclass(frozen=True)
class StoredObject:
    """Outcome of ``Backend.store``: where the verified object is and whether we created it."""

    key: str
    size: int
    sha256: str
    created: bool  # False = it was already there with the same bytes (idempotent retry)
    location: str
    version_id: str | None = None
    locked_until: str | None = None
    lock_mode: str | None = None
    verified_by: str | None = None  # how the read-back was done (e.g. "put-response", "head")

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class AuditEntry:
    """One object checked by an audit. ``status``: ok | altered | missing | unlisted | stray
    (a leftover partial write: reported, not a problem of the archived documents)."""

    key: str
    status: str
    expected_sha256: str | None
    actual_sha256: str | None
    detail: str = ""


class Backend(Protocol):
    target: TargetConfig

    def check_reachable(self) -> None:
        """Raise ArchiveUnavailableError (network/share down) or ArchiveConfigError (auth)."""

    def store(
        self,
        key: str,
        path: Path,
        sha256: str,
        size: int,
        metadata: Mapping[str, object],
        *,
        maybe_exists: bool = False,
        md5: str | None = None,
    ) -> StoredObject:
        """Store without overwriting; verify by reading back size and checksum. ``md5``: hex MD5
        of the file if already known (computed at enqueue), else the backend computes it."""

    def fetch(self, key: str, dest: Path) -> Path:
        """Download an object to ``dest`` (atomic), verifying its SHA-256."""

    def audit(self) -> Iterator[AuditEntry]:
        """Re-read every object and compare with its recorded SHA-256."""

    def full_key(self, key: str) -> str:
        """The key as stored (with the target's prefix)."""


def sha256_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def sidecar_document(key: str, sha256: str, size: int, metadata: Mapping[str, object]) -> bytes:
    """The JSON sidecar stored next to each object (stable bytes for the same inputs)."""
    doc = {
        "key": key,
        "sha256": sha256,
        "size": size,
        "content_type": "application/pdf",
        "metadata": dict(metadata),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2, default=str).encode(
        "utf-8"
    )


def sha_from_key(key: str) -> str | None:
    """The SHA-256 embedded in our keys (``.../<sha256>.pdf``), if any."""
    name = key.rsplit("/", 1)[-1]
    stem = name.removesuffix(".pdf")
    if len(stem) == 64 and all(c in "0123456789abcdef" for c in stem):
        return stem
    return None
