"""The signer-source interface for proprietary remote-signing services (VNPT SmartCA, MISA eSign,
Viettel MySign, ...): what a module for one of them has to provide, so that it plugs into
:data:`signing.sources.SIGNER_SOURCES` like the CSC source does.

Nothing here talks to any of those services: their hash-signing APIs are documented to their
customers, not publicly, and this project does not implement against guesses. The interface is
the flow they share with the CSC API (``signing.csc`` implements it for CSC):

1. **obtain the credential**: the official's account (user ID at the service) and the chosen
   credential give the signing certificate and its chain (CSC: ``credentials/info``);
2. **send the hashes**: the digests of the signed attributes of every document to sign, in one
   request, with a short description the official sees (CSC: ``credentials/authorize`` with
   ``numSignatures``/``hash``);
3. **wait for the approval on the phone**: the service notifies the official's app; the request
   comes back at once with a transaction ID;
4. **poll** the transaction until it is approved, refused or expired (a bounded wait, with the
   service's own interval; a cancel token stops it);
5. **embed**: the returned raw signatures go into each document's CMS signature (pyHanko does
   this through a :class:`pyhanko.sign.signers.Signer` whose ``async_sign_raw`` returns them).

Failures map to :mod:`signing.errors` like the CSC ones: refused approval -> ``RemoteAccessRefused``
(22), expired transaction -> ``RemoteAuthorizationExpired`` (24), service unreachable or
rate-limited -> ``RemoteServiceUnavailable`` (25), unknown account/credential ->
``RemoteCredentialNotFound`` (26).

A module for such a service provides an ``open_<name>(...) -> SignerHandle`` (registered in
``SIGNER_SOURCES``) whose signer implements ``plan_signatures(n)`` and drives an object of the
protocol below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from cryptography import x509


@dataclass(frozen=True)
class RemoteCredential:
    """Step 1's result."""

    credential_id: str
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    max_signatures_per_approval: int = 1  # the service's cap on one approval


@dataclass(frozen=True)
class PendingApproval:
    """Step 3's result: the transaction the official approves on the phone."""

    transaction_id: str
    poll_interval_s: float
    expires_in_s: float


@dataclass(frozen=True)
class ApprovalState:
    """Step 4's answer. ``signatures`` (raw, in the order of the hashes sent) once approved."""

    status: str  # "pending" | "approved" | "refused" | "expired"
    signatures: tuple[bytes, ...] = ()


class RemoteSigningService(Protocol):
    """What a proprietary remote-signing module implements (see the module docstring)."""

    def credential(self, user_id: str, credential_id: str | None) -> RemoteCredential:
        """Step 1."""
        ...

    def request_signatures(
        self, credential: RemoteCredential, hashes: Sequence[bytes], digest: str, description: str
    ) -> PendingApproval:
        """Step 2 (and 3: the service notifies the official)."""
        ...

    def poll(self, approval: PendingApproval) -> ApprovalState:
        """Step 4, one poll; the caller waits ``poll_interval_s`` between polls."""
        ...
