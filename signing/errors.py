"""Errors of the signing library. Each carries a CLI ``exit_code`` and a stable ``code`` string.

``signing`` must not import ``digitizer``; the CLI maps any exception with an integer
``exit_code`` attribute to that exit code, and the GUI keys its Vietnamese messages on ``code``.

Exit codes: 3 bad input PDF, 4 encrypted PDF, 20 signing failed (other), 21 certificate refused
(see ``code``), 22 wrong PKCS#12 password, 23 wrong PIN, 24 PIN/token locked (or not tried: one
more wrong PIN could lock it, ``pin_final_try`` / ``pin_count_low``), 25 token or PKCS#11
module not found, 26 key/certificate not found on the token, 27 TSA unreachable or refused,
28 OCSP/CRL unreachable (cannot embed validation data), 29 the signed output failed its self-check,
40 verification could not run (e.g. bad policy file), 41 trust-store error.

Remote signing (CSC, ``signing.csc``) uses the same numbers for the same kind of trouble, each with
its own ``code``: 22 the service refused the access or the authorisation (``csc_access_refused``,
``csc_authorization_refused``), 23 wrong OTP or PIN of the remote credential
(``csc_otp_incorrect``), 24 the authorisation (SAD) expired or is no longer accepted, or the remote
credential is locked (``csc_authorization_expired``, ``csc_credential_locked``), 25 the service is
unreachable, failing or rate-limiting (``csc_unreachable``, ``csc_rate_limited``), 26 the
credential ID is unknown to the service or disabled (``csc_credential_unknown``). Like their
token counterparts they stop a batch (the documents keep their stage; the rerun resumes).
"""

from __future__ import annotations

from pathlib import Path


class SigningError(Exception):
    """Base class. ``message`` is a factual English sentence; ``path`` names the file if any."""

    exit_code: int = 20
    code: str = "signing_failed"

    def __init__(self, message: str, *, path: str | Path | None = None, code: str | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        if code is not None:
            self.code = code
        super().__init__(f"{self.path}: {message}" if self.path else message)


class InputPdfError(SigningError):
    """The PDF to sign/verify cannot be read (missing, not a PDF, corrupt)."""

    exit_code = 3
    code = "bad_input"


class EncryptedInputError(SigningError):
    exit_code = 4
    code = "encrypted_pdf"


class CertificateRejected(SigningError):
    """The signing certificate is unusable. ``code``: cert_expired, cert_not_yet_valid,
    cert_key_usage, cert_weak_key, cert_no_chain, cert_revoked, cert_algorithm."""

    exit_code = 21
    code = "cert_rejected"


class WrongPasswordError(SigningError):
    exit_code = 22
    code = "p12_wrong_password"


class PinIncorrectError(SigningError):
    exit_code = 23
    code = "pin_incorrect"


class PinLockedError(SigningError):
    """The token's user PIN is locked (CKF_USER_PIN_LOCKED seen before any attempt, or
    CKR_PIN_LOCKED on login): only the SO PIN / PUK unlocks it."""

    exit_code = 24
    code = "pin_locked"


class PinAttemptRiskError(SigningError):
    """Not tried: the token reports earlier wrong PINs (CKF_USER_PIN_COUNT_LOW, code
    ``pin_count_low``) or only one try left (CKF_USER_PIN_FINAL_TRY, ``pin_final_try``), so a
    wrong PIN now could lock it; the caller must confirm (``--pin-confirm-risk``). Exit 24 like
    the lock itself: a person has to look at the token."""

    exit_code = 24
    code = "pin_final_try"


class TokenNotFoundError(SigningError):
    exit_code = 25
    code = "token_not_found"


class KeyNotFoundError(SigningError):
    exit_code = 26
    code = "key_not_found"


class TsaError(SigningError):
    exit_code = 27
    code = "tsa_unavailable"


class RevocationUnavailableError(SigningError):
    exit_code = 28
    code = "revocation_unavailable"


class SelfCheckError(SigningError):
    exit_code = 29
    code = "self_check_failed"


class VerificationSetupError(SigningError):
    """Verification could not start (bad policy file, unreadable trust store...)."""

    exit_code = 40
    code = "verify_setup"


class TrustStoreError(SigningError):
    exit_code = 41
    code = "trust_store"


# ------------------------------------------------------------------ remote signing (CSC)


class RemoteAccessRefused(SigningError):
    """The CSC service refused the access token or the signature authorisation (the official
    declined it, or the service does not allow this credential)."""

    exit_code = 22
    code = "csc_authorization_refused"


class RemoteOtpIncorrect(SigningError):
    exit_code = 23
    code = "csc_otp_incorrect"


class RemoteAuthorizationExpired(SigningError):
    """The signature activation data (SAD) expired or is no longer accepted: authorise again."""

    exit_code = 24
    code = "csc_authorization_expired"


class RemoteServiceUnavailable(SigningError):
    """The CSC service cannot be reached or fails (connection, timeout, HTTP 5xx); with
    ``code="csc_rate_limited"`` it refuses requests for now (HTTP 429): ``retry_after`` seconds
    if the service said so."""

    exit_code = 25
    code = "csc_unreachable"

    def __init__(self, message: str, *, retry_after: float | None = None, **kw):
        super().__init__(message, **kw)
        self.retry_after = retry_after


class RemoteCredentialNotFound(SigningError):
    exit_code = 26
    code = "csc_credential_unknown"
