"""Named scan profiles ("Kết quả A4 màu 300 dpi"), stored as versioned TOML in the config dir.

Why profiles: a clerk picks one name instead of five settings, so every result of a procedure is
scanned the same way. Built-in profiles always exist; saved ones with the same name override
them. The file lives in ``platformdirs.user_config_path("digitizer")/scan_profiles.toml``
(``DIGITIZER_CONFIG_DIR`` overrides the folder, e.g. for tests) and is written atomically.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, OutputError, UsageError
from ..fsutil import write_atomic
from .scanner import ScanSettings
from .separators import MODES as SEPARATOR_MODES

SCHEMA_VERSION = 1
FILE_NAME = "scan_profiles.toml"


@dataclass(frozen=True)
class ScanProfile:
    name: str
    settings: ScanSettings = field(default_factory=ScanSettings)
    device: str | None = None  # None: the first scanner found
    separator: str | None = None  # one of separators.MODES, or None (one document per run)

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > 120:
            raise UsageError("a scan profile needs a name of 1 to 120 characters")
        if self.separator is not None and self.separator not in SEPARATOR_MODES:
            raise UsageError(
                f"unknown separator kind {self.separator!r}: use one of {', '.join(SEPARATOR_MODES)}"
            )


BUILTIN_PROFILES: tuple[ScanProfile, ...] = (
    ScanProfile(
        "Kết quả A4 màu 300 dpi", ScanSettings(mode="color", resolution=300, page_size="A4")
    ),
    ScanProfile(
        "Kết quả A4 xám 300 dpi", ScanSettings(mode="gray", resolution=300, page_size="A4")
    ),
    ScanProfile(
        "Khay nạp giấy A4 màu 300 dpi (nhiều hồ sơ, tờ phân cách mã QR)",
        ScanSettings(source="adf", batch=True, mode="color", resolution=300, page_size="A4"),
        separator="barcode",
    ),
)


def profiles_path() -> Path:
    override = os.environ.get("DIGITIZER_CONFIG_DIR")
    if override:
        return Path(override) / FILE_NAME
    import platformdirs

    return platformdirs.user_config_path("digitizer", appauthor=False) / FILE_NAME


def _to_toml(profile: ScanProfile) -> dict[str, Any]:
    s = asdict(profile.settings)
    s["device_options"] = {k: v for k, v in profile.settings.device_options}
    if s["max_pages"] is None:
        del s["max_pages"]
    out: dict[str, Any] = {k: v for k, v in s.items() if not (k == "device_options" and not v)}
    if profile.device:
        out["device"] = profile.device
    if profile.separator:
        out["separator"] = profile.separator
    return out


def _from_toml(name: str, data: dict[str, Any], path: Path) -> ScanProfile:
    try:
        d = dict(data)
        device = d.pop("device", None)
        separator = d.pop("separator", None)
        opts = d.pop("device_options", {}) or {}
        allowed = set(ScanSettings.__dataclass_fields__)
        unknown = set(d) - allowed
        if unknown:
            raise UsageError(f"unknown setting(s) {', '.join(sorted(unknown))}")
        settings = ScanSettings(**d, device_options=tuple(opts.items()))
        return ScanProfile(name, settings, device, separator)
    except (UsageError, TypeError) as exc:
        raise InputError(f"scan profile {name!r} is invalid: {exc}", path=path) from None


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"version": SCHEMA_VERSION, "profiles": {}}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"the scan profiles file is not valid TOML ({exc}); fix it or delete it", path=path
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the scan profiles file ({exc.strerror})", path=path
        ) from None
    version = data.get("version", 1)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise InputError(
            f"the scan profiles file has version {version!r}, newer than this program "
            f"understands ({SCHEMA_VERSION}); update the program",
            path=path,
        )
    # Upgrade steps go here (version N -> N+1) when the schema changes.
    if not isinstance(data.get("profiles", {}), dict):
        raise InputError("the scan profiles file has no [profiles] table", path=path)
    data.setdefault("profiles", {})
    return data


def load_profiles(path: Path | None = None) -> dict[str, ScanProfile]:
    """Built-in profiles, then saved ones (saved override built-ins of the same name)."""
    path = path or profiles_path()
    profiles = {p.name: p for p in BUILTIN_PROFILES}
    for name, data in _read(path)["profiles"].items():
        if not isinstance(data, dict):
            raise InputError(f"scan profile {name!r} is not a table", path=path)
        profiles[name] = _from_toml(name, data, path)
    return profiles


def get_profile(name: str, path: Path | None = None) -> ScanProfile:
    profiles = load_profiles(path)
    try:
        return profiles[name]
    except KeyError:
        raise UsageError(
            f"no scan profile named {name!r}; known profiles: " + "; ".join(profiles)
        ) from None


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    import tomli_w

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, tomli_w.dumps(data))
    except OSError as exc:
        raise OutputError(f"cannot save scan profiles ({exc.strerror or exc})", path=path) from None


def save_profile(profile: ScanProfile, path: Path | None = None) -> Path:
    """Add or replace one saved profile; other profiles in the file are kept as they are."""
    path = path or profiles_path()
    data = _read(path)
    data["version"] = SCHEMA_VERSION
    data["profiles"][profile.name] = _to_toml(profile)
    _write_atomic(path, data)
    return path


def delete_profile(name: str, path: Path | None = None) -> bool:
    """Remove a saved profile. Built-ins cannot be deleted (returns False if nothing was saved)."""
    path = path or profiles_path()
    data = _read(path)
    if name not in data["profiles"]:
        return False
    del data["profiles"][name]
    _write_atomic(path, data)
    return True
