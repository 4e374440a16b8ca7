"""Remote signing through a Cloud Signature Consortium service (CSC API v1), with pyHanko's CSC
client (``pyhanko.sign.signers.csc_signer``).

The key stays with the remote signing service (Vietnamese "ký số từ xa"); we send it the hash of
each signature's signed attributes and embed what it returns, so everything else (the Decree 30
block, PAdES levels, the self-check) is the same as with a PKCS#12 file or a token.

The flow, in CSC terms (API v1.0.4.0, the version pyHanko implements):

1. ``credentials/info``: the credential's certificate and chain, its key algorithms, ``multisign``
   (how many signatures one authorisation may cover) and ``SCAL`` (1: the authorisation is not
   bound to hashes; 2: it is bound to the hashes sent with it). Done by :func:`open_csc`.
2. ``credentials/authorize``: the signature activation data (SAD). This is the step the official
   approves (PIN, OTP or a confirmation on the phone, depending on the service). One request asks
   for ``numSignatures`` signatures: :meth:`SignerHandle.plan_signatures` tells the source how many
   documents are about to be signed, so a batch of N documents needs one approval (or
   ceil(N / multisign) when the service caps it lower), not N.
3. ``signatures/signHash``: one call per document with the SAD, until it is used up or expires
   (then step 2 again).

A credential with SCAL 2 binds the SAD to hashes the client must know when it asks: documents
signed one after the other then need one authorisation each (the hashes of the next documents do
not exist yet), which this module does and says so (:attr:`CscSigner.hash_bound`).

Secrets: the service's access token (OAuth2 bearer, "service authorisation") comes from the caller
(an environment variable named on the command line, or the OS keyring: :func:`token_from_keyring`);
it is sent in the ``Authorization`` header only, never logged or put into an error message.

Errors map to :mod:`signing.errors` (see its docstring for the exit codes): unreachable/failing
service, rate limiting (HTTP 429), unknown credential, refused access or authorisation, wrong OTP
or PIN, expired or no longer accepted authorisation.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509

from .errors import (
    RemoteAccessRefused,
    RemoteAuthorizationExpired,
    RemoteCredentialNotFound,
    RemoteOtpIncorrect,
    RemoteServiceUnavailable,
    SigningError,
)
from .sources import SignerHandle

log = logging.getLogger(__name__)

KEYRING_SERVICE = "digitizer-csc"  # keyring entry: service name, user name = the service URL
DEFAULT_TIMEOUT = 30.0  # seconds for info/list/signHash
APPROVAL_TIMEOUT = 300.0  # seconds for credentials/authorize: the official may approve on a phone
EXPIRY_MARGIN = timedelta(seconds=30)  # a SAD this close to its expiry is not used any more


def token_from_keyring(url: str) -> str | None:
    """The access token stored in the OS keyring for ``url`` (service ``digitizer-csc``), if any.
    A missing or locked keyring backend reads as "no token"."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, url.rstrip("/"))
    except (KeyringError, RuntimeError, OSError):
        log.debug("no usable keyring backend", exc_info=True)
        return None


# ------------------------------------------------------------------------------ HTTP


def _describe_error(body: object) -> tuple[str, str]:
    """(error, error_description) of a CSC error body ({"error": ..., "error_description": ...},
    CSC API section 10); empty strings when the body says nothing."""
    if isinstance(body, dict):
        return str(body.get("error") or ""), str(body.get("error_description") or "")
    return "", ""


def classify_http_error(
    endpoint: str, status: int, body: object, retry_after: str | None, url: str
) -> SigningError:
    """The :mod:`signing.errors` exception for a failed CSC call.

    The rules follow the CSC API's error table (HTTP 400 with ``error``/``error_description``:
    ``invalid_otp``, ``invalid_pin``, "SAD expired", "Invalid parameter credentialID", "Invalid
    parameter SAD"), OAuth2 (RFC 6749/6750: 401 ``invalid_token``, ``access_denied``) and HTTP
    itself (404 on a credential, 429 Too Many Requests with Retry-After (RFC 6585), 5xx)."""
    error, desc = _describe_error(body)
    said = f": {error}" + (f" ({desc})" if desc else "") if error or desc else ""
    low = f"{error} {desc}".lower()
    where = f"{endpoint} at {url}"
    if status == 429:
        wait = None
        try:
            wait = float(retry_after) if retry_after else None
        except ValueError:
            wait = None
        hint = f"; try again in {wait:g} s" if wait is not None else "; try again later"
        return RemoteServiceUnavailable(
            f"the remote signing service is rate-limiting requests (HTTP 429 on {where}){hint}",
            code="csc_rate_limited",
            retry_after=wait,
        )
    if status >= 500:
        return RemoteServiceUnavailable(
            f"the remote signing service failed (HTTP {status} on {where}{said})"
        )
    if error == "invalid_otp" or "otp is invalid" in low:
        return RemoteOtpIncorrect(f"the service refused the OTP (HTTP {status} on {where}{said})")
    if error == "invalid_pin" or "pin is invalid" in low:
        return RemoteOtpIncorrect(
            f"the service refused the PIN of the credential (HTTP {status} on {where}{said})"
        )
    if "locked" in low:
        return RemoteAuthorizationExpired(
            f"the remote credential is locked (HTTP {status} on {where}{said}); ask the service "
            "provider to unlock it",
            code="csc_credential_locked",
        )
    if "sad expired" in low or ("expired" in low and endpoint == "signatures/signHash"):
        return RemoteAuthorizationExpired(
            f"the signature authorisation expired (HTTP {status} on {where}{said}); run again "
            "to approve a new one"
        )
    if "credentialid" in low or (
        status == 404 and endpoint in ("credentials/info", "credentials/authorize")
    ):
        return RemoteCredentialNotFound(
            f"the service does not know this credential (HTTP {status} on {where}{said}); list "
            "the credentials of the account and choose one"
        )
    if status in (401, 403) or error in ("invalid_token", "access_denied", "unauthorized_client"):
        return RemoteAccessRefused(
            f"the service refused the access (HTTP {status} on {where}{said}); check the access "
            "token (named by --csc-auth-env or stored in the keyring)",
            code="csc_access_refused",
        )
    if endpoint == "credentials/authorize":
        return RemoteAccessRefused(
            f"the service refused to authorise signatures with this credential (HTTP {status} "
            f"on {where}{said})"
        )
    if endpoint == "signatures/signHash":
        # the request only carries what we sent before plus the SAD: a SAD the service does not
        # accept (any more) is what the CSC table lists for this call ("Invalid parameter SAD")
        return RemoteAuthorizationExpired(
            f"the service did not accept the signature authorisation (HTTP {status} on "
            f"{where}{said}); run again to approve a new one"
        )
    return SigningError(
        f"the remote signing service refused the request (HTTP {status} on {where}{said})",
        code="csc_refused",
    )


async def _post(session, info, endpoint: str, payload: dict, timeout: float) -> dict:
    import aiohttp

    url = info.endpoint_url(endpoint)
    try:
        async with session.post(
            url,
            json=payload,
            headers=info.auth_headers,
            timeout=aiohttp.ClientTimeout(total=timeout),
        ) as resp:
            if resp.status >= 400:
                try:
                    body = await resp.json(content_type=None)
                except (ValueError, aiohttp.ClientError):
                    body = None
                raise classify_http_error(
                    endpoint, resp.status, body, resp.headers.get("Retry-After"), info.service_url
                )
            try:
                data = await resp.json(content_type=None)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                raise SigningError(
                    f"the remote signing service sent no JSON object ({endpoint} at "
                    f"{info.service_url})",
                    code="csc_bad_response",
                )
            return data
    except SigningError:
        raise
    except asyncio.TimeoutError:
        raise RemoteServiceUnavailable(
            f"the remote signing service did not answer within {timeout:g} s ({endpoint} at "
            f"{info.service_url})"
        ) from None
    except aiohttp.ClientError as exc:
        raise RemoteServiceUnavailable(
            f"cannot reach the remote signing service at {info.service_url} "
            f"({type(exc).__name__}: {exc})"
        ) from None


def _run(coro):
    """Run a coroutine from synchronous code (the CLI, a batch or a GUI worker thread)."""
    return asyncio.run(coro)


# ------------------------------------------------------------------------------ authorisation


@dataclass
class _Sad:
    value: str
    remaining: int
    expires_at: datetime | None


class BatchAuthorization:
    """Asks ``credentials/authorize`` for as many signatures as planned (at most ``multisign``)
    and hands the same SAD to the following signatures until it is used up or about to expire.

    pyHanko's :class:`CSCAuthorizationManager` interface (``authorize_signature``), with the
    session of the current event loop set by the signer before each call."""

    def __init__(self, session_info, credential_info, *, otp=None, pin=None, description=None):
        from pyhanko.sign.signers.csc_signer import CSCAuthorizationManager

        class _Manager(CSCAuthorizationManager):
            async def authorize_signature(inner, hash_b64s):
                return await self._authorize(inner, hash_b64s)

        self.manager = _Manager(session_info, credential_info)
        self._otp, self._pin = otp, pin
        self.description = description
        self.session = None  # aiohttp session of the running loop (set by CscSigner)
        self.planned = 1  # signatures still expected in this run
        self.authorizations = 0  # credentials/authorize calls made (approvals asked for)
        self._sad: _Sad | None = None

    @property
    def hash_bound(self) -> bool:
        return self.manager.credential_info.hash_pinning_required

    @property
    def max_per_authorization(self) -> int:
        return max(1, int(self.manager.credential_info.max_batch_size or 1))

    def plan(self, n: int) -> None:
        self.planned = max(1, int(n))
        if self._sad is not None and self._sad.remaining < self.planned:
            self._sad = None  # too small for the run ahead: ask once for all of it

    def _usable(self, n: int) -> bool:
        s = self._sad
        if s is None or s.remaining < n or self.hash_bound:
            return False
        return s.expires_at is None or datetime.now(UTC) + EXPIRY_MARGIN < s.expires_at

    def discard(self) -> None:
        """Forget the SAD (the service refused it)."""
        self._sad = None

    async def _authorize(self, manager, hash_b64s: list[str]):
        from pyhanko.sign.signers.csc_signer import CSCAuthorizationInfo

        n = len(hash_b64s)
        if self._usable(n):
            self._sad.remaining -= n
            self.planned = max(1, self.planned - n)
            return CSCAuthorizationInfo(sad=self._sad.value, expires_at=self._sad.expires_at)
        if self.hash_bound:  # SCAL 2: the SAD covers exactly these hashes
            count = n
            payload = manager.format_csc_auth_request(
                hash_b64s=hash_b64s, otp=self._otp, pin=self._pin, description=self.description
            )
        else:
            count = max(n, min(self.planned, self.max_per_authorization))
            payload = manager.format_csc_auth_request(
                num_signatures=count, otp=self._otp, pin=self._pin, description=self.description
            )
        self.authorizations += 1
        data = await _post(
            self.session,
            manager.csc_session_info,
            "credentials/authorize",
            payload,
            APPROVAL_TIMEOUT,
        )
        if "SAD" not in data:
            raise SigningError(
                "the remote signing service sent no SAD in its authorisation answer",
                code="csc_bad_response",
            )
        try:
            lifetime = int(data.get("expiresIn", 3600))  # CSC default: 3600 s
        except (TypeError, ValueError):
            lifetime = 3600
        expires = datetime.now(UTC) + timedelta(seconds=lifetime)
        self._sad = _Sad(str(data["SAD"]), count - n, expires)
        self.planned = max(1, self.planned - n)
        return CSCAuthorizationInfo(sad=self._sad.value, expires_at=expires)


def _make_signer(auth: BatchAuthorization, timeout: float, prefer_pss: bool = False):
    from pyhanko.sign.signers.csc_signer import CSCSigner, base64_digest

    class CscSigner(CSCSigner):
        """pyHanko's CSC signer, one ``signHash`` call per signature, with an aiohttp session
        opened in the event loop that pyHanko runs for each document (a session cannot move
        between loops), and our error mapping instead of a bare "signature request failed"."""

        authorization = auth

        @property
        def hash_bound(self) -> bool:
            return auth.hash_bound

        def plan_signatures(self, n: int) -> None:
            auth.plan(n)

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False):
            import aiohttp

            if dry_run:
                return bytes(self.est_raw_signature_size)
            tbs = base64_digest(data, digest_algorithm)
            async with aiohttp.ClientSession() as session:
                auth.session = session
                try:
                    req = await self.format_csc_signing_req([tbs], digest_algorithm)
                    try:
                        res = await _post(
                            session,
                            auth.manager.csc_session_info,
                            "signatures/signHash",
                            req,
                            timeout,
                        )
                    except RemoteAuthorizationExpired:
                        auth.discard()
                        raise
                finally:
                    auth.session = None
            sigs = res.get("signatures")
            if not isinstance(sigs, list) or len(sigs) != 1:
                raise SigningError(
                    "the remote signing service did not return one signature value",
                    code="csc_bad_response",
                )
            try:
                return base64.b64decode(sigs[0], validate=True)
            except (ValueError, TypeError):
                raise SigningError(
                    "the remote signing service returned a signature that is not base64",
                    code="csc_bad_response",
                ) from None

    return CscSigner(
        session=None,  # replaced per call (see async_sign_raw)
        auth_manager=auth.manager,
        sign_timeout=int(timeout),
        prefer_pss=prefer_pss,
    )


# ------------------------------------------------------------------------------ public API


def _session_info(url: str, credential_id: str, access_token: str | None):
    from pyhanko.sign.signers.csc_signer import CSCServiceSessionInfo

    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SigningError(f"the CSC service URL must start with https:// ({url!r})", code="usage")
    if not credential_id:
        raise SigningError("no CSC credential ID given", code="usage")
    return CSCServiceSessionInfo(url, credential_id, oauth_token=access_token or None)


def list_credentials(
    url: str, *, access_token: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[str]:
    """The credential IDs of the account (``credentials/list``), for a user to pick one."""
    import aiohttp

    info = _session_info(url, "-", access_token)

    async def go():
        async with aiohttp.ClientSession() as session:
            return await _post(session, info, "credentials/list", {}, timeout)

    data = _run(go())
    ids = data.get("credentialIDs")
    if not isinstance(ids, list):
        raise SigningError(
            "the remote signing service sent no credential list", code="csc_bad_response"
        )
    return [str(i) for i in ids]


def open_csc(
    url: str,
    credential_id: str,
    *,
    access_token: str | None = None,
    otp: str | None = None,
    pin: str | None = None,
    description: str | None = "digitizer",
    extra_certs: Sequence[x509.Certificate] = (),
    timeout: float = DEFAULT_TIMEOUT,
) -> SignerHandle:
    """Open a CSC credential: fetch its certificate and chain (``credentials/info``) and return a
    :class:`SignerHandle` whose signer asks the service for signatures. No authorisation is asked
    for yet: that happens at the first signature, for as many as :meth:`SignerHandle.
    plan_signatures` announced."""
    import aiohttp
    from pyhanko.sign.signers.csc_signer import _process_certificate_info_response

    from . import certs as _certs

    info = _session_info(url, credential_id, access_token)
    req = {"credentialID": credential_id, "certificates": "chain", "certInfo": False}

    async def go():
        async with aiohttp.ClientSession() as session:
            return await _post(session, info, "credentials/info", req, timeout)

    data = _run(go())
    key = data.get("key") if isinstance(data.get("key"), dict) else {}
    if key.get("status") == "disabled":
        raise RemoteCredentialNotFound(
            f"the credential {credential_id!r} is disabled at {info.service_url}",
            code="csc_credential_disabled",
        )
    try:
        cred = _process_certificate_info_response(data)
    except Exception as exc:  # noqa: BLE001 - pyHanko raises its SigningError with a reason
        raise SigningError(
            f"the remote signing service sent an unusable credential description ({exc})",
            code="csc_bad_response",
        ) from None
    cert = x509.load_der_x509_certificate(cred.signing_cert.dump())
    chain = tuple(x509.load_der_x509_certificate(c.dump()) for c in cred.chain)
    auth = BatchAuthorization(info, cred, otp=otp, pin=pin, description=description)
    signer = _make_signer(auth, timeout)
    rsa = _certs.key_description(cert)[0] == "RSA"
    return SignerHandle(
        signer=signer,
        cert=cert,
        pool=chain + tuple(extra_certs),
        source=f"csc:{info.service_url}#{credential_id}",
        pss_available=rsa and "rsassa_pss" in cred.supported_mechanisms,
    )
