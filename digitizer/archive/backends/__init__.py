"""Archive backends. ``make_backend(target)`` picks the class for ``target.kind``."""

from __future__ import annotations

from ..config import TargetConfig
from .base import AuditEntry, Backend, StoredObject


def make_backend(target: TargetConfig) -> Backend:
    if target.kind == "folder":
        from .folder import FolderBackend

        return FolderBackend(target)
    if target.kind == "s3":
        from .s3 import S3Backend

        return S3Backend(target)
    if target.kind == "http":
        from .http import HttpBackend

        return HttpBackend(target)
    from ...errors import ArchiveConfigError

    raise ArchiveConfigError(f"archive target {target.name!r}: unknown kind {target.kind!r}")


__all__ = ["AuditEntry", "Backend", "StoredObject", "make_backend"]
