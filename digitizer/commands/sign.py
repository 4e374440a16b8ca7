"""CLI for signing: ``digitizer sign`` (and ``sign --augment``) and ``digitizer certs``.

Secrets never appear on the command line: the PKCS#12 password / token PIN are prompted for, or
read from an environment variable whose NAME is given (``--password-env VAR``, ``--pin-env VAR``).

Exit codes (from signing.errors): 0 signed; 2 usage; 3 bad input PDF or credential file;
4 encrypted PDF; 20 signing failed; 21 certificate refused (expired, key usage, weak key, no
chain, revoked); 22 wrong PKCS#12 password; 23 wrong PIN; 24 PIN locked; 25 token/module not
found; 26 key/certificate not on the token; 27 TSA unreachable; 28 OCSP/CRL unreachable;
29 output failed its self-check.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from ..errors import UsageError


def _secret(env_name: str | None, prompt: str, what: str, flag: str) -> str | None:
    if env_name:
        if env_name not in os.environ:
            raise UsageError(f"environment variable {env_name} (named by {flag}) is not set")
        return os.environ[env_name]
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise UsageError(
        f"no {what}: run in a terminal to be prompted, or name an environment "
        f"variable with {flag} VAR"
    )


def _credential_args(p: argparse.ArgumentParser, *, demo: bool = True) -> None:
    g = p.add_argument_group("certificate source (one of)")
    g.add_argument("--pkcs12", type=Path, metavar="FILE", help=".p12/.pfx file")
    g.add_argument(
        "--password-env",
        metavar="VAR",
        help="environment variable holding the PKCS#12 password (else prompted)",
    )
    g.add_argument("--pkcs11-lib", metavar="LIB", help="PKCS#11 module of the USB token")
    g.add_argument("--token-label", metavar="L", help="token label")
    g.add_argument("--slot", type=int, metavar="N", help="slot number (instead of --token-label)")
    g.add_argument("--cert-label", metavar="C", help="certificate label on the token")
    g.add_argument("--cert-id", metavar="HEX", help="certificate/key CKA_ID on the token")
    g.add_argument("--cert-fingerprint", metavar="SHA256", help="certificate SHA-256 fingerprint")
    g.add_argument(
        "--pin-env",
        metavar="VAR",
        help="environment variable holding the token PIN (else prompted)",
    )
    g.add_argument(
        "--csc-url",
        metavar="URL",
        help="remote signing service (Cloud Signature Consortium API), the base URL before /csc/v1",
    )
    g.add_argument("--csc-credential", metavar="ID", help="credential ID at the CSC service")
    g.add_argument(
        "--csc-auth-env",
        metavar="VAR",
        help="environment variable holding the CSC service's access token (else the OS keyring "
        "entry 'digitizer-csc' for the URL, else none)",
    )
    if demo:
        g.add_argument(
            "--demo",
            action="store_true",
            help="use the built-in demo certificate (self-signed, never trusted)",
        )


def _extra_certs(args) -> tuple:
    from signing.certs import load_cert_file
    from signing.trust import TrustStore

    extra = []
    for f in getattr(args, "chain", None) or []:
        try:
            extra.extend(load_cert_file(f))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{f}: cannot read certificate chain file ({exc})") from None
    extra.extend(TrustStore(getattr(args, "trust", None)).certificates())
    return tuple(extra)


def open_signer(args):
    """Build a SignerHandle from the parsed credential options."""
    import signing
    from signing.demo import load_demo_signer

    extra = _extra_certs(args)
    csc = getattr(args, "csc_url", None)
    chosen = [
        bool(args.pkcs12),
        bool(args.pkcs11_lib),
        bool(csc),
        bool(getattr(args, "demo", False)),
    ]
    if sum(chosen) != 1:
        raise UsageError(
            "choose exactly one certificate source: --pkcs12 FILE, --pkcs11-lib LIB, "
            "--csc-url URL or --demo"
        )
    if csc:
        return _open_csc(args, extra)
    if args.pkcs12:
        pw = _secret(args.password_env, "PKCS#12 password: ", "PKCS#12 password", "--password-env")
        return signing.load_pkcs12(args.pkcs12, pw, extra_certs=extra)
    if args.pkcs11_lib:
        pin = _secret(args.pin_env, "Token PIN: ", "token PIN", "--pin-env")
        return signing.open_pkcs11(
            args.pkcs11_lib,
            token_label=args.token_label,
            slot=args.slot,
            cert_label=args.cert_label,
            cert_id=args.cert_id,
            fingerprint=args.cert_fingerprint,
            pin=pin,
            extra_certs=extra,
            confirm_pin_risk=bool(getattr(args, "pin_confirm_risk", False)),
        )
    return load_demo_signer()


def _open_csc(args, extra):
    """The CSC source: the access token from the variable named by --csc-auth-env, else the OS
    keyring; never from an argument or a file."""
    from signing.csc import open_csc, token_from_keyring

    if not args.csc_credential:
        raise UsageError("--csc-url needs --csc-credential ID (the credential at the service)")
    if args.csc_auth_env:
        if args.csc_auth_env not in os.environ:
            raise UsageError(
                f"environment variable {args.csc_auth_env} (named by --csc-auth-env) is not set"
            )
        token = os.environ[args.csc_auth_env]
    else:
        token = token_from_keyring(args.csc_url)
    return open_csc(args.csc_url, args.csc_credential, access_token=token, extra_certs=extra)


def _sign(args) -> int:
    import signing

    if args.augment:
        from signing.trust import TrustStore

        level = args.level if args.level in ("B-LT", "B-LTA") else "B-LT"
        done = signing.augment_pdf(
            args.input,
            args.output,
            level=level,
            tsa_url=args.tsa,
            trust_roots=tuple(TrustStore(args.trust).certificates()),
        )
        from .. import audit

        audit.record("signed", path=args.output, inputs=[audit.sha256_file(args.input)],
                     details={"augmented_to": done, "tsa": args.tsa})
        if args.json:
            print(json.dumps({"output": str(args.output), "level": done}))
        else:
            print(f"{args.output}: augmented to {done}")
        return 0
    source, record, tmp = _with_metadata(args)
    try:
        stamp = stamp_from_args(args, record if record is not None else _own_record(source))
        with open_signer(args) as handle:
            result = signing.sign_pdf(
                source,
                args.output,
                handle,
                level=args.level,
                tsa_url=args.tsa,
                stamp=stamp,
                reason=args.reason,
                location=args.location,
                fallback=not args.strict_level,
                digest=args.digest,
                pss=args.pss,
                extra_certs=_extra_certs(args),
            )
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    if record is not None:
        from ..metadata import write_sidecar

        write_sidecar(args.output, record)  # hash of the signed file
    from .. import audit

    audit.record("signed", path=args.output, inputs=[audit.sha256_file(args.input)], details={
        "level": result.level, "requested_level": result.requested_level,
        "certificate_sha256": result.signer.fingerprint_sha256,
        "signer": result.signer.common_name, "tsa": result.tsa_url,
        "metadata": record})
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(
            f"{result.output}: signed {result.level} by {result.signer.common_name} "
            f"at {result.stamp_lines[-1] if result.stamp_lines else result.signing_time}"
        )
        if result.stamp_font:
            print(f"  stamp: {' | '.join(result.stamp_lines)} (font: {result.stamp_font})")
        if result.needs_augmentation:
            print(
                f"  needs augmentation to {result.requested_level}: run "
                f"'digitizer sign --augment {result.output} -o OUT.pdf --level "
                f"{result.requested_level} --tsa URL' when online"
            )
        for w in result.warnings:
            print(f"  warning: {w}", file=sys.stderr)
    return 0


def add_stamp_arguments(p: argparse.ArgumentParser) -> None:
    """The block and algorithm options shared by ``sign`` and ``batch``."""
    from signing.stamp import STAMP_FORMS

    p.add_argument(
        "--copy-agency",
        "--agency",
        dest="copy_agency",
        metavar="TEXT",
        help="the agency that makes the copies, named in the block (default: the setting "
        "copy_agency in signing.toml; else the certificate's O=, reported as a fallback)",
    )
    p.add_argument(
        "--stamp-form",
        choices=STAMP_FORMS,
        help="copy: SAO Y/SAO LỤC/TRÍCH SAO + agency + time (Decree 30/2020); agency: agency + "
        "time, no seal (Circular 05/2025/TT-BNV Art. 8, archive digitisation). Default: "
        "[stamp.forms] for the document type, else [stamp] form in signing.toml, else copy",
    )
    p.add_argument(
        "--copy-form",
        default=None,
        help="SAO Y (default), SAO LỤC or TRÍCH SAO (the copy form)",
    )
    p.add_argument(
        "--rsa-pss",
        "--pss",
        dest="pss",
        action="store_true",
        help="RSASSA-PSS instead of RSA PKCS#1 v1.5 (if the key/token supports it)",
    )
    p.add_argument(
        "--pin-confirm-risk",
        action="store_true",
        help="try the PIN even when the token reports earlier wrong PINs or only one try left "
        "(a wrong PIN may then lock the token); without it signing stops before the attempt",
    )


def stamp_from_args(args, record=None):
    """StampOptions from the flags and signing.toml; ``record`` (metadata) gives the document
    type whose form [stamp.forms] may set."""
    return stamp_for_records(args)(record)


def stamp_for_records(args):
    """For ``batch``: a function record -> StampOptions, so each document gets the form of its
    type ([stamp.forms] in signing.toml) unless --stamp-form chose one for all."""
    from .. import signing_settings

    settings = signing_settings.load()  # read once, before the night's work

    def make(record):
        return signing_settings.stamp_options(
            settings,
            doc_type=(record or {}).get("type_name"),
            form=getattr(args, "stamp_form", None),
            copy_agency=getattr(args, "copy_agency", None),
            copy_form=getattr(args, "copy_form", None),
            visible=not args.invisible,
            attachment_number=getattr(args, "attachment_number", None),
            seal_image=getattr(args, "seal", None),
        )

    make(None)  # a bad --stamp-form is a usage error now, not in document 1
    return make


def _own_record(path) -> dict:
    """The metadata record already in the PDF's XMP (its document type), {} if none."""
    try:
        from ..metadata import read_xmp

        return read_xmp(path)
    except Exception:  # noqa: BLE001 - no record: the settings' default form applies
        return {}


def _with_metadata(args):
    """With --meta/--meta-file: the record (existing XMP < --meta-file < --meta), validated and
    embedded into a temporary copy that is then signed, so the signature covers it."""
    if not (args.meta or args.meta_file):
        return args.input, None, None
    import tempfile

    from ..metadata import embed_xmp, load_schema, read_xmp
    from .metadata import meta_from_args

    schema = load_schema(args.schema)
    base = {**schema.defaults(), **read_xmp(args.input, schema=schema)}
    record = meta_from_args(args, base)
    fd, name = tempfile.mkstemp(prefix=".sign-meta-", suffix=".pdf", dir=args.output.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        embed_xmp(args.input, record, tmp, schema=schema)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, record, tmp


def _certs(args) -> int:
    import signing

    if args.pkcs11_lib:
        pin = os.environ.get(args.pin_env) if args.pin_env else None
        if args.pin_env and pin is None:
            raise UsageError(f"environment variable {args.pin_env} (named by --pin-env) is not set")
        infos = signing.list_token_certs(
            args.pkcs11_lib, token_label=args.token_label, slot=args.slot, pin=pin
        )
    elif args.pkcs12:
        pw = _secret(args.password_env, "PKCS#12 password: ", "PKCS#12 password", "--password-env")
        h = signing.load_pkcs12(args.pkcs12, pw)
        infos = [h.info] + [signing.describe(c) for c in h.pool]
    else:
        raise UsageError("give --pkcs11-lib LIB or --pkcs12 FILE")
    if args.json:
        print(json.dumps([i.to_dict() for i in infos], ensure_ascii=False, indent=2))
        return 0
    for i in infos:
        print(f"{i.label or '-'} (ID {i.key_id or '-'}): {i.subject}")
        print(f"    issuer:      {i.issuer}")
        print(f"    valid:       {i.not_before:%Y-%m-%d} .. {i.not_after:%Y-%m-%d}")
        print(f"    key usage:   {', '.join(i.key_usage) or '-'}   key: {i.key_algorithm}")
        print(f"    serial:      {i.serial}")
        print(f"    SHA-256:     {i.fingerprint_sha256}")
    if not infos:
        print("no certificates on the token")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "sign",
        help="sign a PDF (PAdES B-B/B-T/B-LT/B-LTA) with a PKCS#12 file or a USB token",
        description="Sign IN.pdf into OUT.pdf (never in place) with a PAdES baseline signature "
        "and the Decree 30 visible block (SAO Y / agency / time) on page 1. When the TSA or "
        "OCSP/CRL are unreachable a lower level is produced and reported (use --strict-level to "
        "fail instead); raise it later with --augment.",
    )
    p.add_argument("input", type=Path, metavar="IN.pdf")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    _credential_args(p)
    p.add_argument("--level", default="B-LT", choices=["B-B", "B-T", "B-LT", "B-LTA"])
    p.add_argument(
        "--tsa",
        metavar="URL",
        default=os.environ.get("DIGITIZER_TSA_URL"),
        help="RFC 3161 timestamp server (default: $DIGITIZER_TSA_URL)",
    )
    p.add_argument(
        "--strict-level",
        action="store_true",
        help="fail instead of signing at a lower level when offline",
    )
    p.add_argument(
        "--augment",
        action="store_true",
        help="raise the signature of IN.pdf to --level B-LT or B-LTA (incremental)",
    )
    vis = p.add_mutually_exclusive_group()
    vis.add_argument("--visible", action="store_true", default=True, help="visible block (default)")
    vis.add_argument("--invisible", action="store_true", help="no visible block")
    add_stamp_arguments(p)
    p.add_argument(
        "--attachment-number",
        metavar="TEXT",
        help="attachment form: document number/notation instead of the copy form",
    )
    p.add_argument("--seal", type=Path, metavar="IMG", help="red seal image behind the block")
    p.add_argument("--reason")
    p.add_argument("--location")
    p.add_argument("--digest", default="sha256", choices=["sha256", "sha384", "sha512"])
    p.add_argument(
        "--chain",
        type=Path,
        action="append",
        metavar="FILE",
        help="extra CA certificates for the chain (repeatable)",
    )
    p.add_argument(
        "--trust",
        type=Path,
        metavar="DIR",
        help="trust store folder (default: $DIGITIZER_TRUST_DIR or platform data dir)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    from .metadata import add_meta_arguments

    # --meta/--meta-file: set or correct metadata; written into the PDF *before* it is signed
    add_meta_arguments(p)
    p.set_defaults(func=_sign)

    c = subparsers.add_parser(
        "certs",
        help="list the certificates on a USB token (or in a PKCS#12 file)",
        description="Show subject, issuer, validity, key usage, serial and SHA-256 fingerprint.",
    )
    _credential_args(c, demo=False)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_certs)
