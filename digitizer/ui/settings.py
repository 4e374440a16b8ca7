"""Typed, versioned workstation settings stored as TOML in the platform config dir.

Kept free of Qt so it can be unit-tested and read by tools. ``DIGITIZER_CONFIG_DIR`` and
``DIGITIZER_DATA_DIR`` override the platformdirs locations (tests use a temp dir each).
Older files are upgraded step by step, after a backup copy ``settings.toml.v<N>.bak``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import platformdirs
import tomli_w

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2
APP_NAME = "digitizer"


def config_dir() -> Path:
    env = os.environ.get("DIGITIZER_CONFIG_DIR")
    return Path(env) if env else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    env = os.environ.get("DIGITIZER_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


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
    cert_source: str = "pkcs12"  # pkcs12 | pkcs11
    pkcs12_path: str = ""
    pkcs11_module: str = "/usr/lib/softhsm/libsofthsm2.so"
    pkcs11_token: str = ""
    pkcs11_key_label: str = ""
    tsa_url: str = ""
    archive_kind: str = "folder"  # folder | s3
    archive_folder: str = ""
    s3_endpoint: str = ""
    s3_bucket: str = ""
    s3_access_key: str = ""
    s3_secret_key: str = ""
    trust_roots: tuple[str, ...] = field(default_factory=tuple)  # extra trusted root certs (PEM/DER)

    def to_toml_dict(self) -> dict:
        d = asdict(self)
        d["trust_roots"] = list(self.trust_roots)
        return {"version": SETTINGS_VERSION, "settings": d}


def _upgrade(raw: dict) -> dict:
    """Upgrade steps, one per version. v1 had a flat table and ``archive_dir``."""
    version = int(raw.get("version", 1))
    if version < 2:
        flat = {k: v for k, v in raw.items() if k != "version"}
        if "archive_dir" in flat:
            flat["archive_folder"] = flat.pop("archive_dir")
        raw = {"version": 2, "settings": flat}
    return raw


def settings_path() -> Path:
    return config_dir() / "settings.toml"


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
    version = int(raw.get("version", 1)) if isinstance(raw.get("version", 1), int) else 1
    if version < SETTINGS_VERSION:
        try:
            shutil.copy2(path, path.with_name(f"{path.name}.v{version}.bak"))
        except OSError as exc:
            log.warning("could not back up %s before upgrade: %s", path, exc)
        raw = _upgrade(raw)
    values = raw.get("settings", {})
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
        save_settings(s, path)
    return s


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Atomic write: temp file, fsync, rename."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = tomli_w.dumps(settings.to_toml_dict()).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
