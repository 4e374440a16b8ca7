"""Archive credentials: from environment variables, else the OS keyring. Never from settings.

Why both: an unattended archivist's batch job gets its secrets from the service environment;
a clerk's desktop keeps them in the OS keyring (Secret Service, KWallet, macOS Keychain, Windows
Credential Locker via the ``keyring`` package), entered once through the GUI or
``digitizer archive credentials NAME``. The keyring entry is ``service = keyring_service`` (default
``digitizer-archive:<target name>``), usernames ``access_key``/``secret_key`` (S3) or ``token``
(HTTP).
"""

from __future__ import annotations

import os

from ..errors import ArchiveConfigError
from .config import TargetConfig

FIELDS = {"s3": ("access_key", "secret_key"), "http": ("token",)}


def keyring_service(target: TargetConfig) -> str:
    return target.keyring_service or f"digitizer-archive:{target.name}"


def _env_names(target: TargetConfig) -> dict[str, str]:
    if target.kind == "s3":
        return {"access_key": target.access_key_env, "secret_key": target.secret_key_env}
    if target.kind == "http":
        return {"token": target.token_env}
    return {}


def _from_keyring(target: TargetConfig, names: tuple[str, ...]) -> dict[str, str] | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        values = {n: keyring.get_password(keyring_service(target), n) for n in names}
    except KeyringError:
        return None  # no usable keyring on this machine (e.g. a headless server)
    except Exception as exc:  # noqa: BLE001 - backends raise their own types (D-Bus, ...)
        raise ArchiveConfigError(
            f"archive target {target.name!r}: OS keyring unavailable ({type(exc).__name__})"
        ) from None
    return values if all(values.values()) else None


def resolve(target: TargetConfig) -> dict[str, str]:
    """The target's secrets (``access_key``/``secret_key`` or ``token``)."""
    names = FIELDS.get(target.kind, ())
    env = _env_names(target)
    values = {n: os.environ.get(env[n], "") for n in names}
    if names and all(values.values()):
        return values
    found = _from_keyring(target, names)
    if found:
        return found
    env_list = " and ".join(env[n] for n in names)
    raise ArchiveConfigError(
        f"archive target {target.name!r}: no credentials; set the environment variable(s) "
        f"{env_list} or store them in the OS keyring (digitizer archive credentials "
        f"{target.name})"
    )


def store(target: TargetConfig, values: dict[str, str]) -> None:
    """Save secrets in the OS keyring (for the GUI's settings dialog and the CLI)."""
    names = FIELDS.get(target.kind, ())
    missing = [n for n in names if not values.get(n)]
    if not names or missing:
        raise ArchiveConfigError(
            f"archive target {target.name!r}: needs {', '.join(missing or names) or 'nothing'}"
        )
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise ArchiveConfigError("the 'keyring' package is not installed") from None
    try:
        for n in names:
            keyring.set_password(keyring_service(target), n, values[n])
    except KeyringError as exc:
        raise ArchiveConfigError(f"cannot store credentials in the OS keyring: {exc}") from None


def has_stored(target: TargetConfig) -> bool:
    """Whether the OS keyring already holds every secret of the target (values not returned)."""
    try:
        return _from_keyring(target, FIELDS.get(target.kind, ())) is not None
    except ArchiveConfigError:
        return False
