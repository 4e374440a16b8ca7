"""Where the signing key lives: a PKCS#12 file or a PKCS#11 token (USB token, SoftHSM2); a remote
signing service (CSC API) is opened by ``signing.csc.open_csc`` into the same handle.

Both return a :class:`SignerHandle` that wraps a pyHanko signer plus the facts we check before
signing. Secrets (password, PIN) are passed in by the caller (prompt or a named environment
variable) and are never stored on the handle, logged or put into error messages.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12

from . import certs as _certs
from .certs import CertInfo
from .errors import (
    InputPdfError,
    KeyNotFoundError,
    PinAttemptRiskError,
    PinIncorrectError,
    PinLockedError,
    SigningError,
    TokenNotFoundError,
    WrongPasswordError,
)

log = logging.getLogger(__name__)

# Where a key can live, and the function that opens it into a SignerHandle ("module:function").
# A proprietary remote-signing service (VNPT SmartCA, MISA eSign, ...) is one more entry: a module
# that implements the flow of signing.remote.RemoteSigningService and returns a SignerHandle
# (README, "Remote signing (CSC)").
SIGNER_SOURCES: dict[str, str] = {
    "pkcs12": "signing.sources:load_pkcs12",
    "pkcs11": "signing.sources:open_pkcs11",
    "csc": "signing.csc:open_csc",
}


def source_opener(kind: str):
    """The opening function of a signer source kind (see :data:`SIGNER_SOURCES`)."""
    import importlib

    try:
        target = SIGNER_SOURCES[kind]
    except KeyError:
        raise SigningError(
            f"unknown signer source {kind!r} (known: {', '.join(SIGNER_SOURCES)})", code="usage"
        ) from None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass
class SignerHandle:
    """An opened signing credential. Close it (or use ``with``) to end a token session."""

    signer: object  # pyhanko.sign.signers.Signer
    cert: x509.Certificate
    pool: tuple[x509.Certificate, ...]  # other certificates that came with the key
    source: str  # "pkcs12:<path>" or "pkcs11:<token label>/<key>"
    pss_available: bool = True
    _session: object = field(default=None, repr=False)

    @property
    def info(self) -> CertInfo:
        return _certs.describe(self.cert)

    def plan_signatures(self, n: int) -> None:
        """Tell the source that ``n`` documents are about to be signed with this handle. A remote
        source (CSC) then asks for one authorisation covering all of them instead of one per
        document; for a PKCS#12 file or a token (one PIN per session already) it does nothing."""
        planner = getattr(self.signer, "plan_signatures", None)
        if planner is not None:
            planner(n)

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception:
                log.debug("closing PKCS#11 session failed", exc_info=True)
            self._session = None

    def __enter__(self) -> SignerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_pkcs12(
    path: str | Path,
    password: str | bytes | None,
    *,
    extra_certs: tuple[x509.Certificate, ...] = (),
) -> SignerHandle:
    """Open a .p12/.pfx file. A wrong password raises :class:`WrongPasswordError` (exit 22)."""
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputPdfError(f"cannot read the PKCS#12 file ({exc.strerror})", path=p) from None
    pw = password.encode("utf-8") if isinstance(password, str) else password
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, pw or None)
    except ValueError:
        # cryptography does not distinguish "wrong password" from "corrupt"; test which one.
        try:
            pkcs12.load_key_and_certificates(data, None)
        except ValueError:
            pass
        else:  # pragma: no cover - opened without password: then the password was superfluous
            raise WrongPasswordError("the PKCS#12 file is not password protected", path=p) from None
        if pw:
            raise WrongPasswordError(
                "wrong PKCS#12 password (or the file is damaged)", path=p
            ) from None
        raise WrongPasswordError("the PKCS#12 file needs a password", path=p) from None
    if key is None or cert is None:
        raise KeyNotFoundError("the PKCS#12 file holds no private key with a certificate", path=p)
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    )
    pool = tuple(others or ()) + tuple(extra_certs)
    registry = SimpleCertificateStore.from_certs([_certs.to_asn1(c) for c in pool])
    signer = SimpleSigner(
        signing_cert=_certs.to_asn1(cert), signing_key=key_info, cert_registry=registry
    )
    return SignerHandle(signer=signer, cert=cert, pool=pool, source=f"pkcs12:{p}")


# ----------------------------------------------------------------------------------- PKCS#11


def _load_module(lib_path: str):
    import pkcs11

    if not Path(lib_path).exists():
        raise TokenNotFoundError(f"PKCS#11 module not found: {lib_path}")
    try:
        return pkcs11.lib(lib_path)
    except Exception as exc:  # noqa: BLE001 - the C loader raises assorted errors
        raise TokenNotFoundError(
            f"cannot load the PKCS#11 module {lib_path} ({type(exc).__name__}: {exc})"
        ) from None


def _find_token(lib, token_label: str | None, slot: int | None):
    """The token, after one rescan of the module when it is not found at first: a module loaded
    once per process keeps the slot list it saw at C_Initialize, so a token plugged in (or
    swapped) while the app runs is only seen after the module is initialised again."""
    try:
        return _find_token_once(lib, token_label, slot)
    except TokenNotFoundError:
        if not _reinitialize(lib):
            raise
        return _find_token_once(lib, token_label, slot)


def _reinitialize(lib) -> bool:
    """C_Finalize + C_Initialize, so the module lists its slots afresh; False if it cannot."""
    if not hasattr(lib, "reinitialize"):
        return False
    try:
        lib.reinitialize()
    except Exception:  # noqa: BLE001 - the caller's own error is the clearer one
        log.debug("PKCS#11 module re-initialisation failed", exc_info=True)
        return False
    return True


def _present_tokens(lib) -> list[tuple[int, object, object]]:
    """(index, slot, token) of every slot with a token present, in slot order."""
    import pkcs11.exceptions as p11e

    try:
        slots = lib.get_slots(token_present=True)
    except p11e.PKCS11Error as exc:
        raise TokenNotFoundError(f"cannot list PKCS#11 slots ({type(exc).__name__})") from None
    tokens = []
    for i, s in enumerate(slots):
        try:
            tokens.append((i, s, s.get_token()))
        except p11e.PKCS11Error:
            continue
    return tokens


def _initialised(token) -> bool:
    """Not a blank slot (SoftHSM2 always keeps one; a reader may show an empty card)."""
    from pkcs11 import TokenFlag

    return TokenFlag.TOKEN_INITIALIZED in token.flags


def _find_token_once(lib, token_label: str | None, slot: int | None):
    tokens = _present_tokens(lib)
    if not tokens:
        raise TokenNotFoundError("no token is present: plug in the USB token and try again")
    if slot is not None:
        match = [t for t in tokens if t[1].slot_id == slot or t[0] == slot]
    elif token_label is not None:
        match = [t for t in tokens if t[2].label == token_label]
    else:  # "the token": a blank slot is not a candidate
        match = [t for t in tokens if _initialised(t[2])]
    if not match:
        present = ", ".join(repr(t[2].label) for t in tokens) or "none"
        what = f"slot {slot}" if slot is not None else f"label {token_label!r}"
        raise TokenNotFoundError(f"no token with {what} is present (tokens present: {present})")
    if len(match) > 1:
        present = ", ".join(repr(t[2].label) for t in match)
        raise TokenNotFoundError(
            f"several tokens present ({present}); choose one with --token-label"
        )
    return match[0][2]


# PKCS#11 v2.40 CK_TOKEN_INFO flags (section 3.2 of the base specification). A token sets
# COUNT_LOW after a wrong user PIN since the last successful login, FINAL_TRY when one more wrong
# PIN locks it, LOCKED when it is locked. Not every token sets them (SoftHSM2 does not); their
# absence says nothing, so the check can only ever add a warning, never remove one.
CKF_USER_PIN_COUNT_LOW = 0x00010000
CKF_USER_PIN_FINAL_TRY = 0x00020000
CKF_USER_PIN_LOCKED = 0x00040000


@dataclass(frozen=True)
class PinRisk:
    """What a PIN attempt on this token risks, from its flags (before any attempt).

    ``level``: "none", "count_low" (earlier wrong PINs, tries are running out), "final_try"
    (a wrong PIN now locks the token) or "locked" (no attempt possible). ``needs_confirmation``
    for count_low and final_try: the GUI asks, the CLI wants ``--pin-confirm-risk``."""

    level: str
    token_label: str = ""

    @property
    def needs_confirmation(self) -> bool:
        return self.level in ("count_low", "final_try")

    @property
    def locked(self) -> bool:
        return self.level == "locked"

    @property
    def code(self) -> str | None:
        return {
            "count_low": "pin_count_low",
            "final_try": "pin_final_try",
            "locked": "pin_locked",
        }.get(self.level)

    def message(self) -> str:
        t = repr(self.token_label)
        return {
            "none": f"token {t}: no earlier wrong PIN reported",
            "count_low": f"token {t} reports a wrong PIN since its last successful login: the "
            "tries left are running out and wrong PINs will lock it",
            "final_try": f"token {t} has one PIN try left: a wrong PIN now locks it",
            "locked": f"the PIN of token {t} is locked; unlock it with the token's "
            "administration tool (SO PIN / PUK)",
        }[self.level]


def pin_attempt_risk(flags: int, token_label: str = "") -> PinRisk:
    """The decision from the token flags alone (the most severe flag wins)."""
    f = int(flags)
    if f & CKF_USER_PIN_LOCKED:
        level = "locked"
    elif f & CKF_USER_PIN_FINAL_TRY:
        level = "final_try"
    elif f & CKF_USER_PIN_COUNT_LOW:
        level = "count_low"
    else:
        level = "none"
    return PinRisk(level, token_label)


def check_pin_risk(risk: PinRisk, *, confirmed: bool = False) -> None:
    """Raise before the attempt: :class:`PinLockedError` for a locked token (always),
    :class:`PinAttemptRiskError` for a risky one unless the user ``confirmed``."""
    if risk.locked:
        raise PinLockedError(risk.message())
    if risk.needs_confirmation and not confirmed:
        raise PinAttemptRiskError(
            risk.message() + "; check the PIN and confirm to try it (--pin-confirm-risk)",
            code=risk.code,
        )


def token_pin_risk(lib: str, *, token_label: str | None = None, slot: int | None = None):
    """The :class:`PinRisk` of a token as it is now (fresh C_GetTokenInfo), for asking the user
    before the PIN is typed (the GUI's confirmation)."""
    token = _find_token(_load_module(lib), token_label, slot)
    return pin_attempt_risk(token.flags, token.label)


def _fresh_risk(token) -> PinRisk:
    """The token's flags read again (after a failed login they have changed)."""
    try:
        return pin_attempt_risk(token.slot.get_token().flags, token.label)
    except Exception:  # noqa: BLE001 - only used to word a message
        return PinRisk("none", token.label)


def _open_session(token, pin: str | None):
    import pkcs11.exceptions as p11e

    try:
        return token.open(user_pin=pin) if pin is not None else token.open()
    except p11e.PinIncorrect:
        # python-pkcs11 gives an empty message here; say what happened, and what is left.
        after = _fresh_risk(token)
        left = {
            "final_try": "one try left: a wrong PIN now locks the token",
            "locked": "the token is now locked",
        }.get(after.level, "repeated wrong PINs will lock the token")
        raise PinIncorrectError(f"wrong PIN for token {token.label!r} ({left})") from None
    except p11e.PinLocked:
        raise PinLockedError(
            f"the PIN of token {token.label!r} is locked; unlock it with the token's "
            "administration tool (SO PIN / PUK)"
        ) from None
    except p11e.PinExpired:
        raise PinLockedError(
            f"the PIN of token {token.label!r} has expired; change it first", code="pin_expired"
        ) from None
    except (p11e.PinLenRange, p11e.PinInvalid):
        raise PinIncorrectError(
            f"the PIN has an invalid length or characters for token {token.label!r}"
        ) from None
    except (p11e.TokenNotPresent, p11e.DeviceRemoved, p11e.TokenNotRecognised):
        raise TokenNotFoundError(f"token {token.label!r} was removed") from None
    except p11e.PKCS11Error as exc:
        raise TokenNotFoundError(
            f"cannot open a session on token {token.label!r} ({type(exc).__name__})"
        ) from None


def _token_certs(session) -> list[tuple[x509.Certificate, str | None, bytes | None]]:
    from pkcs11 import Attribute, ObjectClass

    out = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            der = obj[Attribute.VALUE]
        except Exception:  # noqa: BLE001 - unreadable object: skip it
            continue
        try:
            cert = x509.load_der_x509_certificate(bytes(der))
        except ValueError:
            continue
        label = _attr(obj, Attribute.LABEL)
        cid = _attr(obj, Attribute.ID)
        out.append((cert, label, bytes(cid) if cid is not None else None))
    return out


def _attr(obj, attr):
    try:
        return obj[attr]
    except Exception:  # noqa: BLE001 - attribute absent on this object
        return None


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return cert.issuer == cert.subject


def list_tokens(lib: str, *, rescan: bool = False) -> list[str]:
    """Labels of the (initialised) tokens present, in slot order. The module is initialised
    again first when ``rescan`` (an explicit "read the token" by the user: a token swapped since
    start-up is seen), and otherwise once when it sees none, like ``open_pkcs11``. A rescan
    invalidates sessions other threads hold on the same module: do not ask for one while
    signing."""
    module = _load_module(lib)

    def labels() -> list[str]:
        return [t.label for _i, _s, t in _present_tokens(module) if _initialised(t)]

    if rescan:
        _reinitialize(module)
    found = labels()
    if not found and not rescan and _reinitialize(module):
        found = labels()
    return found


def list_signing_certs(lib: str, *, rescan: bool = False) -> list[tuple[str, CertInfo]]:
    """(token label, CertInfo) of every certificate that can sign, on every token present: CA
    certificates carried for the chain and certificates whose key usage forbids signing are left
    out; valid ones first. One unreadable token does not hide the others (its error is raised
    only when nothing at all could be listed)."""
    module = _load_module(lib)
    out: list[tuple[str, CertInfo]] = []
    first_error: Exception | None = None
    for label in list_tokens(lib, rescan=rescan):
        try:
            token = _find_token_once(module, label, None)
            with _open_session(token, None) as session:
                certs = _token_certs(session)
        except Exception as exc:  # noqa: BLE001 - PKCS#11 modules raise assorted errors
            first_error = first_error or exc
            continue
        for cert, cert_label, cid in certs:
            info = _certs.describe(cert, label=cert_label, key_id=cid.hex() if cid else None)
            usage = set(info.key_usage)
            if _is_ca(cert) or (usage and not usage & {"digital_signature", "non_repudiation"}):
                continue
            out.append((label, info))
    if not out and first_error is not None:
        raise first_error
    now = datetime.now(UTC)
    out.sort(key=lambda e: (e[1].not_after < now, e[1].common_name))
    return out


def list_token_certs(
    lib: str, *, token_label: str | None = None, slot: int | None = None, pin: str | None = None
) -> list[CertInfo]:
    """Certificates on a token (public objects; ``pin`` only needed by tokens that hide them)."""
    module = _load_module(lib)
    token = _find_token(module, token_label, slot)
    with _open_session(token, pin) as session:
        return [
            _certs.describe(c, label=label, key_id=cid.hex() if cid else None)
            for c, label, cid in _token_certs(session)
        ]


def open_pkcs11(
    lib: str,
    *,
    token_label: str | None = None,
    slot: int | None = None,
    cert_label: str | None = None,
    cert_id: str | bytes | None = None,
    fingerprint: str | None = None,
    pin: str | None,
    extra_certs: tuple[x509.Certificate, ...] = (),
    confirm_pin_risk: bool = False,
) -> SignerHandle:
    """Log in to a token and select the signing certificate (by label, CKA_ID hex or SHA-256
    fingerprint; if none given, the only end-entity certificate on the token).

    Before the PIN is tried the token's flags are read: a locked PIN raises
    :class:`PinLockedError` without an attempt; earlier wrong PINs or a final try raise
    :class:`PinAttemptRiskError` unless ``confirm_pin_risk`` (see :func:`pin_attempt_risk`)."""
    import pkcs11.exceptions as p11e
    from pkcs11 import Mechanism, ObjectClass
    from pyhanko.sign.pkcs11 import PKCS11Signer

    module = _load_module(lib)
    token = _find_token(module, token_label, slot)
    if pin is not None:  # the flags as the token reports them now, before the attempt
        check_pin_risk(pin_attempt_risk(token.flags, token.label), confirmed=confirm_pin_risk)
    session = _open_session(token, pin)
    try:
        entries = _token_certs(session)
        if isinstance(cert_id, str):
            try:
                cert_id = bytes.fromhex(cert_id)
            except ValueError:
                raise KeyNotFoundError(f"certificate ID must be hex, got {cert_id!r}") from None
        cands = entries
        if cert_label is not None:
            cands = [e for e in cands if e[1] == cert_label]
        if cert_id is not None:
            cands = [e for e in cands if e[2] == cert_id]
        if fingerprint is not None:
            want = fingerprint.replace(":", "").lower()
            cands = [e for e in cands if hashlib.sha256(_der(e[0])).hexdigest() == want]
        if cert_label is None and cert_id is None and fingerprint is None:
            cands = [e for e in cands if not _is_ca(e[0])]
        described = "; ".join(f"{e[1]!r} (ID {e[2].hex() if e[2] else '-'})" for e in entries)
        if not cands:
            raise KeyNotFoundError(
                f"no matching certificate on token {token.label!r} (certificates: "
                f"{described or 'none'})"
            )
        if len(cands) > 1:
            raise KeyNotFoundError(
                f"several certificates on token {token.label!r} ({described}); choose one with "
                "--cert-label or --cert-id"
            )
        cert, label, cid = cands[0]
        # the private key must be there too (matched by ID, else by label)
        try:
            if cid:
                session.get_key(object_class=ObjectClass.PRIVATE_KEY, id=cid)
            else:
                session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label)
        except (p11e.NoSuchKey, p11e.MultipleObjectsReturned) as exc:
            raise KeyNotFoundError(
                f"token {token.label!r} has no unique private key for certificate {label!r} "
                f"({type(exc).__name__})"
            ) from None
        others = tuple(e[0] for e in entries if e[0] != cert) + tuple(extra_certs)
        try:
            mechs = set(token.slot.get_mechanisms())
        except p11e.PKCS11Error:
            mechs = set()
        pss = Mechanism.RSA_PKCS_PSS in mechs or Mechanism.SHA256_RSA_PKCS_PSS in mechs
        kwargs = (
            {"cert_id": cid, "key_id": cid} if cid else {"cert_label": label, "key_label": label}
        )
        signer = PKCS11Signer(
            session,
            signing_cert=_certs.to_asn1(cert),
            ca_chain=[_certs.to_asn1(c) for c in others],
            **kwargs,
        )
        return SignerHandle(
            signer=signer,
            cert=cert,
            pool=others,
            source=f"pkcs11:{token.label}/{label or (cid.hex() if cid else '?')}",
            pss_available=pss,
            _session=session,
        )
    except SigningError:
        session.close()
        raise
    except p11e.PKCS11Error as exc:
        session.close()
        raise TokenNotFoundError(f"token {token.label!r} failed: {type(exc).__name__}") from None


def _der(cert: x509.Certificate) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return cert.public_bytes(Encoding.DER)
