"""Audit trail: who did what to which document, when, on which workstation (issue 19).

One call from each place work happens: :func:`record` (``audit.record("signed", sha256=...,
inputs=[...], details={...})``). Where the journal is and how it is anchored comes from the
``[audit]`` table of the settings file (``$DIGITIZER_CONFIG`` or ``<config dir>/settings.toml``)::

    [audit]
    operator = "Nguyễn Văn A"        # the clerk's name (else $DIGITIZER_OPERATOR, else "")
    journal = "/var/lib/digitizer/audit.sqlite3"   # default <data dir>/audit/journal.sqlite3
    tsa_url = "http://tsa.example.gov.vn/tsa"      # RFC 3161 checkpoints (else Ed25519 key)
    tsa_trust = ["/etc/digitizer/tsa-root.pem"]    # TSA roots checked by `audit verify`
    checkpoint_every = 100                          # records between checkpoints (0: never)

``$DIGITIZER_AUDIT_JOURNAL`` and ``$DIGITIZER_AUDIT_KEY`` override the journal path and the
workstation key (tests, a second profile).

Why a failed append does not stop the work: the journal is a record of the work, and an
unwritable journal (disk full) must not cost a clerk a signed document; it is logged as an error
and the next ``audit verify`` still sees a consistent chain (nothing half-written: each append is
one transaction). ``[audit] required = true`` turns it into a hard error (exit 8) instead.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import DigitizerError
from ..paths import config_dir, data_dir
from .journal import (
    EVENTS,
    AuditError,
    AuditIntegrityError,
    Journal,
    Problem,
    Record,
    VerifyReport,
    export_history,
    sha256_file,
)

log = logging.getLogger(__name__)


def settings_file() -> Path:
    env = os.environ.get("DIGITIZER_CONFIG")
    return Path(env) if env else config_dir() / "settings.toml"


def audit_settings() -> dict:
    try:
        with open(settings_file(), "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AuditError(f"cannot read the settings file for [audit]: {exc}",
                         path=settings_file()) from None
    table = raw.get("audit", {})
    return table if isinstance(table, dict) else {}


def journal_path(cfg: Mapping | None = None) -> Path:
    env = os.environ.get("DIGITIZER_AUDIT_JOURNAL")
    if env:
        return Path(env)
    cfg = audit_settings() if cfg is None else cfg
    if cfg.get("journal"):
        return Path(str(cfg["journal"])).expanduser()
    return data_dir() / "audit" / "journal.sqlite3"


def key_path() -> Path:
    env = os.environ.get("DIGITIZER_AUDIT_KEY")
    return Path(env) if env else config_dir() / "audit-key.pem"


def make_anchor(cfg: Mapping):
    from .anchor import KeyAnchor, TsaAnchor

    if cfg.get("tsa_url"):
        return TsaAnchor(str(cfg["tsa_url"]),
                         trust=tuple(Path(p) for p in cfg.get("tsa_trust", ())))
    return KeyAnchor(key_path())


def open_journal(cfg: Mapping | None = None) -> Journal:
    cfg = audit_settings() if cfg is None else cfg
    operator = str(cfg.get("operator") or os.environ.get("DIGITIZER_OPERATOR", ""))
    return Journal(journal_path(cfg), operator=operator, anchor=make_anchor(cfg),
                   checkpoint_every=int(cfg.get("checkpoint_every", 100)))


def anchor_verifier(cfg: Mapping | None = None):
    """The callable Journal.verify uses to check a checkpoint's token."""
    from .anchor import fingerprint, verify_key_signature, verify_tsa_token

    cfg = audit_settings() if cfg is None else cfg
    trust = tuple(Path(p) for p in cfg.get("tsa_trust", ()))

    def check(kind: str, token: bytes, digest: bytes, signer: str | None) -> str | None:
        if kind == "tsa":
            return verify_tsa_token(token, digest, trust)
        why = verify_key_signature(token, digest, signer or "")
        if why:
            return why
        kp = key_path()
        if kp.exists():
            from .anchor import KeyAnchor

            mine = KeyAnchor(kp).public_hex()
            if mine != signer:
                return (f"signed by key {fingerprint(signer or '00')}, not this workstation's "
                        f"key {fingerprint(mine)}")
        return None

    return check


def record(event: str, *, doc: str | os.PathLike | None = None, sha256: str | None = None,
           inputs: Iterable[str] = (), details: Mapping[str, object] | None = None,
           path: str | os.PathLike | None = None) -> Record | None:
    """Append one event. ``path``: the document file as it is now (its SHA-256 is taken when
    ``sha256`` is not given, and it names the document when ``doc`` is not given)."""
    try:
        cfg = audit_settings()
        if path is not None:
            if sha256 is None:
                sha256 = sha256_file(path)
            if doc is None:
                doc = os.path.abspath(path)
        return open_journal(cfg).append(
            event, doc=os.fspath(doc) if doc is not None else None, sha256=sha256,
            inputs=inputs, details=details,
        )
    except DigitizerError as exc:
        if _required():
            raise
        log.error("audit journal not written: %s", exc)
        return None


def record_many(events: Iterable[Mapping]) -> list[Record]:
    """Several events (dicts with the keyword arguments of :func:`record` but ``path``) in one
    transaction."""
    events = list(events)
    if not events:
        return []
    try:
        return open_journal().append_many(
            [{**e, "doc": os.fspath(e["doc"]) if e.get("doc") is not None else None}
             for e in events])
    except DigitizerError as exc:
        if _required():
            raise
        log.error("audit journal not written: %s", exc)
        return []


def _required() -> bool:
    try:
        return bool(audit_settings().get("required", False))
    except DigitizerError:
        return False


__all__ = [
    "EVENTS", "AuditError", "AuditIntegrityError", "Journal", "Problem", "Record",
    "VerifyReport", "anchor_verifier", "audit_settings", "export_history", "journal_path",
    "open_journal", "record", "record_many", "sha256_file",
]
