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
        return tuple(e for e in self.entries if e.status != "ok")

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


def fetch(target: TargetConfig, key: str, dest: Path) -> Path:
    """Download the object stored at ``key`` to ``dest``, verifying its SHA-256."""
    return make_backend(target).fetch(key, dest)
