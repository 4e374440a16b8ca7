"""Archive targets from the app's TOML settings.

Settings file: ``$DIGITIZER_CONFIG`` or ``<platform config dir>/digitizer/settings.toml``::

    [archive]
    default_targets = ["local", "province-s3"]

    [archive.targets.local]
    kind = "folder"
    path = "/srv/archive"

    [archive.targets.province-s3]
    kind = "s3"
    endpoint_url = "https://s3.example.gov.vn"
    bucket = "luu-tru"
    region = "us-east-1"
    access_key_env = "ARCHIVE_S3_ACCESS_KEY"     # names of environment variables ...
    secret_key_env = "ARCHIVE_S3_SECRET_KEY"
    # ... else the OS keyring, service "digitizer-archive:<name>" unless keyring_service is set
    # (store them with `digitizer archive credentials province-s3`)
    lock_mode = "COMPLIANCE"                      # or "GOVERNANCE"; omit for none
    lock_days = 3650

    [archive.targets.ministry]
    kind = "http"
    base_url = "https://lgsp.example.gov.vn"
    token_env = "ARCHIVE_HTTP_TOKEN"             # Bearer token from the environment / keyring

Why credentials never live here: the settings file is plain text that gets copied, backed up and
attached to bug reports. A config containing a secret value is refused.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import ArchiveConfigError

KINDS = ("folder", "s3", "http")
_SECRET_FIELDS = {
    "secret_key",
    "secret_access_key",
    "aws_secret_access_key",
    "access_key",
    "aws_access_key_id",
    "password",
    "token",
    "session_token",
}


@dataclass(frozen=True)
class TargetConfig:
    """One archive target. Only names of credential sources are stored, never the secrets."""

    name: str
    kind: str  # "folder" | "s3"
    # folder
    path: str | None = None
    # s3
    endpoint_url: str | None = None
    bucket: str | None = None
    region: str = "us-east-1"
    prefix: str = ""
    access_key_env: str = "ARCHIVE_S3_ACCESS_KEY"
    secret_key_env: str = "ARCHIVE_S3_SECRET_KEY"
    keyring_service: str | None = None
    lock_mode: str | None = None  # "COMPLIANCE" | "GOVERNANCE" | None
    lock_days: int = 0
    multipart_threshold_mb: int = 64
    sidecar_object: bool = True  # also store <key>.json (metadata); False = object metadata only
    verify_download: bool = False  # also GET and hash the object after upload (slower)
    connect_timeout: float = 3.0
    read_timeout: float = 30.0
    # http (document-store API, e.g. the ministry's /api/v1/documents or a provincial LGSP)
    base_url: str | None = None
    import_path: str = "/api/v1/documents/import"
    document_path: str = "/api/v1/documents/{doc_code}"
    download_path: str = "/api/v1/documents/download/{doc_code}"
    token_env: str = "ARCHIVE_HTTP_TOKEN"
    doc_code_template: str = "{dossier_code}-{sha16}"
    sha256_field: str = "sha256"
    size_field: str = "size"
    ca_file: str | None = None
    # worker policy
    max_attempts: int = 8
    backoff_base: float = 2.0  # seconds; delay = base * 2**(attempt-1) * jitter, capped
    backoff_max: float = 900.0
    threads: int = 4
    extra: dict = field(default_factory=dict)

    def __repr__(self) -> str:  # never shows anything secret anyway, but keep it short
        where = {"folder": self.path, "http": self.base_url}.get(
            self.kind, f"{self.endpoint_url}/{self.bucket}"
        )
        return f"TargetConfig({self.name!r}, {self.kind}, {where})"


def default_settings_path() -> Path:
    env = os.environ.get("DIGITIZER_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("digitizer")) / "settings.toml"


def target_from_dict(name: str, raw: Mapping[str, object]) -> TargetConfig:
    """Validate one ``[archive.targets.NAME]`` table."""
    if not isinstance(raw, Mapping):
        raise ArchiveConfigError(f"archive target {name!r}: expected a table")
    secrets = sorted(k for k in raw if k.lower() in _SECRET_FIELDS)
    if secrets:
        raise ArchiveConfigError(
            f"archive target {name!r}: {', '.join(secrets)} must not be stored in the settings "
            "file; name environment variables (access_key_env/secret_key_env) or a "
            "keyring_service instead"
        )
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ArchiveConfigError(
            f"archive target {name!r}: kind must be one of {KINDS}, got {kind!r}"
        )
    known = {f.name for f in fields(TargetConfig)} - {"name", "extra"}
    values: dict[str, object] = {}
    extra: dict[str, object] = {}
    for key, value in raw.items():
        (values if key in known else extra)[key] = value
    if kind == "folder" and not values.get("path"):
        raise ArchiveConfigError(f"archive target {name!r}: folder target needs 'path'")
    if kind == "http" and not values.get("base_url"):
        raise ArchiveConfigError(f"archive target {name!r}: http target needs 'base_url'")
    if kind == "s3":
        for req in ("endpoint_url", "bucket"):
            if not values.get(req):
                raise ArchiveConfigError(f"archive target {name!r}: s3 target needs {req!r}")
    mode = values.get("lock_mode")
    if mode is not None:
        mode = str(mode).upper()
        if mode not in ("COMPLIANCE", "GOVERNANCE"):
            raise ArchiveConfigError(
                f"archive target {name!r}: lock_mode must be COMPLIANCE or GOVERNANCE"
            )
        values["lock_mode"] = mode
    try:
        cfg = TargetConfig(name=name, extra=extra, **values)  # type: ignore[arg-type]
        for num in ("lock_days", "max_attempts", "threads", "multipart_threshold_mb"):
            int(getattr(cfg, num))
        for num in ("backoff_base", "backoff_max", "connect_timeout", "read_timeout"):
            float(getattr(cfg, num))
    except (TypeError, ValueError) as exc:
        raise ArchiveConfigError(f"archive target {name!r}: {exc}") from None
    if cfg.max_attempts < 1 or cfg.threads < 1:
        raise ArchiveConfigError(f"archive target {name!r}: max_attempts and threads must be >= 1")
    if cfg.lock_mode and cfg.lock_days < 1:
        raise ArchiveConfigError(f"archive target {name!r}: lock_mode needs lock_days >= 1")
    return cfg


@dataclass(frozen=True)
class ArchiveSettings:
    targets: dict[str, TargetConfig]
    default_targets: tuple[str, ...]
    outbox: str | None = None  # path of the outbox directory; None = platform data dir

    def get(self, name: str) -> TargetConfig:
        try:
            return self.targets[name]
        except KeyError:
            known = ", ".join(sorted(self.targets)) or "none configured"
            raise ArchiveConfigError(f"unknown archive target {name!r} (known: {known})") from None


def settings_from_dict(data: Mapping[str, object]) -> ArchiveSettings:
    arch = data.get("archive", {})
    if not isinstance(arch, Mapping):
        raise ArchiveConfigError("[archive] must be a table")
    raw_targets = arch.get("targets", {})
    if not isinstance(raw_targets, Mapping):
        raise ArchiveConfigError("[archive.targets] must be a table")
    targets = {name: target_from_dict(name, raw) for name, raw in raw_targets.items()}
    defaults = arch.get("default_targets", list(targets))
    if not isinstance(defaults, list) or not all(isinstance(d, str) for d in defaults):
        raise ArchiveConfigError("archive.default_targets must be a list of target names")
    for d in defaults:
        if d not in targets:
            raise ArchiveConfigError(f"archive.default_targets names unknown target {d!r}")
    outbox = arch.get("outbox")
    return ArchiveSettings(targets, tuple(defaults), str(outbox) if outbox else None)


def load_settings(path: Path | None = None) -> ArchiveSettings:
    """Read the archive part of the TOML settings (missing file = no targets)."""
    path = path or default_settings_path()
    if not path.exists():
        return ArchiveSettings({}, ())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ArchiveConfigError(f"cannot read settings: {exc}", path=path) from None
    return settings_from_dict(data)


def default_outbox_path(settings: ArchiveSettings | None = None) -> Path:
    env = os.environ.get("DIGITIZER_OUTBOX")
    if env:
        return Path(env)
    if settings and settings.outbox:
        return Path(settings.outbox)
    from ..paths import data_dir

    return data_dir() / "outbox"
