"""Validation policy: a small TOML file saying how each check counts (FAIL / WARN / IGNORE).

Example (all keys optional; these are the defaults)::

    [revocation]
    allow_fetching = false     # fetch OCSP/CRL online when embedded data is missing
    missing_lt = "FAIL"        # B-LT/B-LTA signature without usable revocation data (hard fail)
    missing_basic = "WARN"     # B-B/B-T signature without revocation data (soft fail)

    [checks]
    trust = "FAIL"             # chain to a configured trust anchor; cannot be IGNORE
    modifications = "FAIL"     # content changes after signing (allowed: DSS/timestamp updates)
    validity = "FAIL"          # signer certificate valid at signing time
    key_usage = "FAIL"         # digitalSignature / nonRepudiation present
    timestamp = "WARN"         # a signature timestamp that does not validate
    min_level = "B-B"          # lower PAdES level -> the "level" check's action below
    level = "WARN"

"FAIL" gives the ETSI indication the check calls for (FAILED or INDETERMINATE), "WARN" keeps
the signature PASSED with a warning, "IGNORE" drops the check. The trust check can be WARN at
most for display purposes, but a signature that does not chain to an anchor is never PASSED.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import VerificationSetupError

ACTIONS = ("FAIL", "WARN", "IGNORE")
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


@dataclass(frozen=True)
class Policy:
    allow_fetching: bool = False
    missing_lt: str = "FAIL"
    missing_basic: str = "WARN"
    trust: str = "FAIL"
    modifications: str = "FAIL"
    validity: str = "FAIL"
    key_usage: str = "FAIL"
    timestamp: str = "WARN"
    min_level: str = "B-B"
    level: str = "WARN"
    source: str = "built-in default"

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT_POLICY = Policy()


def load_policy(path: str | Path | None) -> Policy:
    """Read a policy TOML; unknown keys and bad values are errors (a typo must not weaken it)."""
    if path is None:
        return DEFAULT_POLICY
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VerificationSetupError(
            f"cannot read the policy file ({exc.strerror})", path=p, code="policy_unreadable"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise VerificationSetupError(
            f"policy file is not valid TOML ({exc})", path=p, code="policy_invalid"
        ) from None
    values: dict[str, object] = {}
    for section, allowed in (
        ("revocation", {"allow_fetching", "missing_lt", "missing_basic"}),
        (
            "checks",
            {"trust", "modifications", "validity", "key_usage", "timestamp", "min_level", "level"},
        ),
    ):
        sec = data.pop(section, {})
        if not isinstance(sec, dict):
            raise VerificationSetupError(
                f"[{section}] must be a table", path=p, code="policy_invalid"
            )
        for k, v in sec.items():
            if k not in allowed:
                raise VerificationSetupError(
                    f"unknown key {section}.{k}", path=p, code="policy_invalid"
                )
            values[k] = v
    if data:
        raise VerificationSetupError(
            f"unknown section(s): {', '.join(data)}", path=p, code="policy_invalid"
        )
    for k, v in values.items():
        if k == "allow_fetching":
            if not isinstance(v, bool):
                raise VerificationSetupError(
                    "revocation.allow_fetching must be true/false", path=p, code="policy_invalid"
                )
        elif k == "min_level":
            if v not in LEVELS:
                raise VerificationSetupError(
                    f"checks.min_level must be one of {LEVELS}", path=p, code="policy_invalid"
                )
        else:
            if not isinstance(v, str) or v.upper() not in ACTIONS:
                raise VerificationSetupError(
                    f"{k} must be FAIL, WARN or IGNORE", path=p, code="policy_invalid"
                )
            values[k] = v.upper()
    if values.get("trust") == "IGNORE":
        raise VerificationSetupError("checks.trust cannot be IGNORE", path=p, code="policy_invalid")
    return replace(DEFAULT_POLICY, source=str(p), **values)
