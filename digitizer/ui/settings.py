"""Typed, versioned workstation settings stored as TOML in the platform config dir.

Kept free of Qt so it can be unit-tested and read by tools. The file is shared with the
archive package: the GUI's options live in the ``[ui]`` table; the archive targets the clerk
edits (one folder target ``local``, one S3 target ``s3``) are written to ``[archive]`` in the
form :mod:`digitizer.archive.config` reads (credentials only as environment-variable names,
never the secrets). Other tables are preserved. ``DIGITIZER_CONFIG`` (a file) or
``DIGITIZER_CONFIG_DIR`` and ``DIGITIZER_DATA_DIR`` override the platformdirs locations (tests
use a temp dir each). Older files are upgraded step by step, after a backup copy
``settings.toml.v<N>.bak``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import platformdirs
import tomli_w

from ..fsutil import write_atomic
from ..paths import APP_NAME, config_dir, data_dir

log = logging.getLogger(__name__)

SETTINGS_VERSION = 4
BUILTIN_TARGET = "builtin"  # the archive folder on this computer, there from the first run
_OLD_P11_DEFAULT = "/usr/lib/softhsm/libsofthsm2.so"  # SoftHSM2's test library: not a default




def builtin_archive_dir() -> Path:
    """“Lưu trữ trên máy này”: a folder archive under the user data dir, so a document signed
    on the first day is archived somewhere before anyone has configured a server."""
    return data_dir() / "archive"


def log_dir() -> Path:
    env = os.environ.get("DIGITIZER_DATA_DIR")
    return Path(env) / "log" if env else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Settings:
    """All user-visible options. Field defaults are the factory settings."""

    language: str = "vi"  # "vi" | "en"
    ocr_lang: str = "vie+eng"
    ocr_jobs: int = 0  # 0 = automatic
    ocr_auto: bool = True  # start OCR as soon as pages arrive (and again after page edits)
    scanner_device: str = ""  # "" = first found
    scanner_dpi: int = 300
    scanner_mode: str = "color"  # color | gray | lineart
    scanner_source: str = "auto"  # auto | flatbed | adf | adf-duplex
    cert_source: str = "pkcs12"  # pkcs12 | pkcs11 | demo (signing.demo, never trusted)
    pkcs12_path: str = ""
    pkcs11_module: str = ""  # the token vendor's library; chosen in Settings
    pkcs11_token: str = ""
    pkcs11_key_label: str = ""
    tsa_url: str = ""
    builtin_archive: bool = True  # -> [archive.targets.builtin] at builtin_archive_dir()
    archive_folder: str = ""  # -> [archive.targets.local]
    s3_endpoint: str = ""  # -> [archive.targets.s3]
    s3_bucket: str = ""
    s3_access_key_env: str = "ARCHIVE_S3_ACCESS_KEY"
    s3_secret_key_env: str = "ARCHIVE_S3_SECRET_KEY"
    trust_roots: tuple[str, ...] = field(
        default_factory=tuple
    )  # extra trusted root certs (PEM/DER)

    def ui_table(self) -> dict:
        d = asdict(self)
        d["trust_roots"] = list(self.trust_roots)
        for k in ARCHIVE_FIELDS:
            d.pop(k, None)
        return {"version": SETTINGS_VERSION, **d}

    def archive_table(self, existing: dict | None = None) -> dict:
        """The ``[archive]`` table: our two managed targets, other targets kept as they were."""
        arch = dict(existing or {})
        ours = ("local", "s3", BUILTIN_TARGET)
        targets = {k: v for k, v in dict(arch.get("targets", {})).items() if k not in ours}
        managed = []
        if self.archive_folder:
            targets["local"] = {"kind": "folder", "path": self.archive_folder}
            managed.append("local")
        if self.s3_endpoint and self.s3_bucket:
            targets["s3"] = {
                "kind": "s3",
                "endpoint_url": self.s3_endpoint,
                "bucket": self.s3_bucket,
                "access_key_env": self.s3_access_key_env,
                "secret_key_env": self.s3_secret_key_env,
            }
            managed.append("s3")
        if self.builtin_archive:
            targets[BUILTIN_TARGET] = {"kind": "folder", "path": str(builtin_archive_dir())}
            managed.append(BUILTIN_TARGET)
        old_defaults = [
            d for d in arch.get("default_targets", []) if d in targets and d not in ours
        ]
        arch["targets"] = targets
        arch["default_targets"] = managed + old_defaults
        return arch


ARCHIVE_FIELDS = (
    "archive_folder",
    "s3_endpoint",
    "s3_bucket",
    "s3_access_key_env",
    "s3_secret_key_env",
)


def _upgrade(raw: dict) -> dict:
    """Upgrade steps, one per version.

    v1: flat keys and ``archive_dir``; v2: a ``[settings]`` table with ``archive_kind``/S3 keys
    (secrets in the file: dropped); v3: ``[ui]`` plus the archive package's ``[archive]``.
    """
    version = int(raw.get("version", 1)) if "ui" not in raw else int(raw["ui"].get("version", 3))
    if version < 2:
        flat = {k: v for k, v in raw.items() if k != "version" and not isinstance(v, dict)}
        if "archive_dir" in flat:
            flat["archive_folder"] = flat.pop("archive_dir")
        raw = {k: v for k, v in raw.items() if isinstance(v, dict)} | {
            "version": 2,
            "settings": flat,
        }
    if version < 3:
        old = dict(raw.pop("settings", {}))
        raw.pop("version", None)
        for secret in ("s3_access_key", "s3_secret_key"):
            old.pop(secret, None)  # never keep secrets in the settings file
        old.pop("archive_kind", None)
        ui = {k: v for k, v in old.items() if k not in ARCHIVE_FIELDS}
        ui["version"] = 3
        s = Settings(**{k: v for k, v in old.items() if k in ARCHIVE_FIELDS and isinstance(v, str)})
        raw["ui"] = ui
        raw["archive"] = s.archive_table(raw.get("archive"))
    if version < 4:
        # v4: the archive on this computer, on for those who had no archive yet; the PKCS#11
        # library is no longer SoftHSM2's test library by default
        ui = raw.setdefault("ui", {})
        arch = raw.get("archive", {})
        before = arch.get("default_targets", []) if isinstance(arch, dict) else []
        ui["builtin_archive"] = not [d for d in before if d != BUILTIN_TARGET]
        if ui.get("pkcs11_module") == _OLD_P11_DEFAULT and ui.get("cert_source") != "pkcs11":
            ui["pkcs11_module"] = ""
        ui["version"] = 4
    return raw


def settings_path() -> Path:
    env = os.environ.get("DIGITIZER_CONFIG")
    return Path(env) if env else config_dir() / "settings.toml"


def _file_version(raw: dict) -> int:
    if isinstance(raw.get("ui"), dict):
        v = raw["ui"].get("version", 3)
    else:
        v = raw.get("version", 1)
    return v if isinstance(v, int) and not isinstance(v, bool) else 1


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; unknown keys are ignored, a broken file falls back to defaults (kept aside)."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, exc)
        try:
            shutil.copy2(path, path.with_suffix(".toml.broken"))
        except OSError:
            pass
        return Settings()
    version = _file_version(raw)
    if version < SETTINGS_VERSION:
        try:
            shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
        except OSError as exc:
            log.warning("could not back up %s before upgrade: %s", path, exc)
        raw = _upgrade(raw)
    values = dict(raw.get("ui", {}))
    values.update(_archive_values(raw.get("archive", {})))
    known = {f.name: f for f in fields(Settings)}
    kwargs = {}
    defaults = Settings()
    for key, value in values.items():
        if key not in known:
            continue
        default = getattr(defaults, key)
        if isinstance(default, tuple):
            if isinstance(value, list):
                kwargs[key] = tuple(str(v) for v in value)
        elif isinstance(default, bool):
            if isinstance(value, bool):
                kwargs[key] = value
        elif isinstance(default, int):
            if isinstance(value, int) and not isinstance(value, bool):
                kwargs[key] = value
        elif isinstance(value, str):
            kwargs[key] = value
    s = replace(defaults, **kwargs)
    if version < SETTINGS_VERSION:
        raw["ui"] = s.ui_table()
        raw["archive"] = s.archive_table(raw.get("archive"))
        _write(path, raw)
    return s


def _archive_values(arch: dict) -> dict:
    out = {}
    targets = arch.get("targets", {}) if isinstance(arch, dict) else {}
    local = targets.get("local", {}) if isinstance(targets, dict) else {}
    if isinstance(local, dict) and local.get("kind") == "folder":
        out["archive_folder"] = local.get("path", "")
    s3 = targets.get("s3", {}) if isinstance(targets, dict) else {}
    if isinstance(s3, dict) and s3.get("kind") == "s3":
        out["s3_endpoint"] = s3.get("endpoint_url", "")
        out["s3_bucket"] = s3.get("bucket", "")
        for k in ("access_key_env", "secret_key_env"):
            if isinstance(s3.get(k), str):
                out["s3_" + k] = s3[k]
    return out


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write ``[ui]`` and the managed ``[archive]`` targets; keep every other table."""
    path = path or settings_path()
    raw: dict = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            raw = {}
    if "ui" not in raw:
        raw.pop("settings", None)
        raw.pop("version", None)
    raw["ui"] = settings.ui_table()
    raw["archive"] = settings.archive_table(raw.get("archive"))
    return _write(path, raw)


def _write(path: Path, raw: dict) -> Path:
    """Atomic, durable write (digitizer.fsutil)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, tomli_w.dumps(raw))
    return path
