"""Archive upload: a durable outbox drained to folder and S3 archive targets.

Public API (used by the CLI and the GUI)::

    from digitizer.archive import Outbox, run_worker, check_reachable, load_settings, audit, fetch
    ob = Outbox(path)
    item_id = ob.enqueue(pdf_path, metadata_dict, ["local", "province-s3"])
    ob.items(state="failed"); ob.retry(item_id)
    report = run_worker(ob, settings.targets, progress=cb, cancel=tok, once=True)
"""

from __future__ import annotations

from .audit import AuditReport, audit, fetch
from .backends import AuditEntry, StoredObject, make_backend
from .config import (
    ArchiveSettings,
    TargetConfig,
    default_outbox_path,
    load_settings,
    settings_from_dict,
    target_from_dict,
)
from .credentials import store as store_credentials
from .keys import object_key
from .outbox import Delivery, Outbox, OutboxItem, is_classified
from .worker import TargetReport, WorkerReport, backoff_delay, check_reachable, run_worker

__all__ = [
    "ArchiveSettings",
    "AuditEntry",
    "AuditReport",
    "Delivery",
    "Outbox",
    "OutboxItem",
    "StoredObject",
    "TargetConfig",
    "TargetReport",
    "WorkerReport",
    "audit",
    "backoff_delay",
    "check_reachable",
    "default_outbox_path",
    "fetch",
    "is_classified",
    "load_settings",
    "make_backend",
    "object_key",
    "run_worker",
    "settings_from_dict",
    "store_credentials",
    "target_from_dict",
]
