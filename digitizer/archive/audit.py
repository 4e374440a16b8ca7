"""Audit (re-read and re-hash every archived object) and fetch (download one, verified)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..progress import CancelToken, Progress, ProgressFn, no_progress
from .backends import AuditEntry, make_backend
from .config import TargetConfig
from .outbox import Outbox


@dataclass(frozen=True)
class AuditReport:
    target: str
    entries: tuple[AuditEntry, ...]

    @property
    def problems(self) -> tuple[AuditEntry, ...]:
        return tuple(e for e in self.entries if e.status not in ("ok", "stray"))

    @property
    def strays(self) -> tuple[AuditEntry, ...]:
        return tuple(e for e in self.entries if e.status == "stray")

    @property
    def ok(self) -> bool:
        return not self.problems


def audit(
    target: TargetConfig,
    outbox: Outbox | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> AuditReport:
    """Check every object of ``target``; with ``outbox``, also that every delivered item exists."""
    backend = make_backend(target)
    entries: list[AuditEntry] = []
    seen: set[str] = set()
    for n, entry in enumerate(backend.audit(), 1):
        if cancel:
            cancel.check()
        entries.append(entry)
        seen.add(entry.key.removeprefix("data/"))
        progress(Progress("audit", n, 0, f"{entry.status}: {entry.key}"))
    if outbox is not None and hasattr(backend, "audit_keys"):
        # no listing API (HTTP document store): re-check what the outbox delivered there
        delivered = [
            ((d.remote or {}).get("key"), item.sha256)
            for item in outbox.items(state="done", target=target.name)
            if (d := item.delivery(target.name)) and d.state == "done"
        ]
        for n, entry in enumerate(backend.audit_keys([k for k in delivered if k[0]]), 1):
            if cancel:
                cancel.check()
            entries.append(entry)
            seen.add(entry.key)
            progress(Progress("audit", n, len(delivered), f"{entry.status}: {entry.key}"))
    if outbox is not None:
        entries = _check_against_outbox(entries, outbox, target, backend)
        for item in outbox.items(state=None, target=target.name):
            d = item.delivery(target.name)
            if d and d.state == "done":
                key = (d.remote or {}).get("key") or backend.full_key(item.object_key)
                if key not in seen:
                    entries.append(
                        AuditEntry(
                            key,
                            "missing",
                            item.sha256,
                            None,
                            f"outbox item {item.id} was delivered here",
                        )
                    )
    return AuditReport(target.name, tuple(entries))


def _uploaded(outbox: Outbox, target: TargetConfig, backend) -> dict[str, tuple[int, str]]:
    """``{full key: (item id, SHA-256 recorded when it was enqueued)}`` of what the outbox
    delivered to ``target``."""
    out = {}
    for item in outbox.items(state=None, target=target.name):
        d = item.delivery(target.name)
        if d and d.state == "done":
            key = (d.remote or {}).get("key") or backend.full_key(item.object_key)
            out[key] = (item.id, item.sha256)
    return out


def _check_against_outbox(entries: list[AuditEntry], outbox: Outbox, target: TargetConfig,
                          backend) -> list[AuditEntry]:
    """An object the outbox delivered must still have the SHA-256 recorded at upload — a record
    kept on the workstation, not beside the object (issue 19: the folder's manifest can be
    edited together with the file)."""
    uploaded = _uploaded(outbox, target, backend)
    out = []
    for e in entries:
        rec = uploaded.get(e.key.removeprefix("data/"))
        if rec and e.status == "ok" and e.actual_sha256 and e.actual_sha256 != rec[1]:
            e = AuditEntry(e.key, "altered", rec[1], e.actual_sha256,
                           f"differs from the SHA-256 recorded at upload (outbox item {rec[0]})")
        out.append(e)
    return out


def fetch(target: TargetConfig, key: str, dest: Path, outbox: Outbox | None = None) -> Path:
    """Download the object stored at ``key`` to ``dest``, verifying its SHA-256 (against the
    object's name / manifest in the backend, and with ``outbox`` against the SHA-256 recorded
    when it was uploaded). An altered object is never left at ``dest``."""
    from ..errors import ArchiveIntegrityError
    from .backends.base import sha256_file

    backend = make_backend(target)
    got = backend.fetch(key, dest)
    if outbox is not None:
        rec = _uploaded(outbox, target, backend).get(key)
        if rec is not None:
            sha, _ = sha256_file(got)
            if sha != rec[1]:
                Path(got).unlink(missing_ok=True)
                raise ArchiveIntegrityError(
                    f"object {key!r} is altered: sha256 {sha}, recorded at upload (outbox item "
                    f"{rec[0]}) {rec[1]}", path=str(dest))
    return got
