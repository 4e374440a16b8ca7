"""ETSI TS 119 102-2 validation report (XML), the format EU DSS emits, from our
:class:`~signing.verify.VerificationReport`, so a verdict can be exchanged with other
validators.

Built with pyHanko's bindings of the ETSI schema (``pyhanko.generated.etsi.ts_11910202``,
generated from the XSD of TS 119 102-2 v1.2.1) and serialised by xsdata, so element names,
namespaces and their order are the schema's. Per signature: SignatureIdentifier (the field
name as DAIdentifier), ValidationTimeInfo (validation time, best signature time: the trusted
timestamp, else the validation time), SignatureAttributes (claimed signing time),
SignerInformation (a reference to the signer's certificate, listed in
SignatureValidationObjects by its SHA-256 digest), SignatureValidationProcess (Basic, LTVM or
LTA) and SignatureValidationStatus (main indication, sub-indication, and our findings as
AssociatedValidationReportData). A file without any signature has no report of its own in
TS 119 102-2; we emit one status-only report (total-failed) so the XML is never empty.
"""

from __future__ import annotations

import hashlib

from .verify import Indication, SignatureReport, VerificationReport

NS = "http://uri.etsi.org/19102/v1.2.1#"
NAMESPACES = {"vr": NS, "ds": "http://www.w3.org/2000/09/xmldsig#"}
MAIN = {
    Indication.PASSED: "urn:etsi:019102:mainindication:total-passed",
    Indication.FAILED: "urn:etsi:019102:mainindication:total-failed",
    Indication.INDETERMINATE: "urn:etsi:019102:mainindication:indeterminate",
}
SUB_PREFIX = "urn:etsi:019102:subindication:"
# sub-indications of ours that are not in EN 319 102-1 are left out of the status
OURS_ONLY = {"NO_SIGNATURE"}
PROCESS = {
    None: "urn:etsi:019102:validationprocess:Basic",
    "B-B": "urn:etsi:019102:validationprocess:Basic",
    "B-T": "urn:etsi:019102:validationprocess:LTVM",
    "B-LT": "urn:etsi:019102:validationprocess:LTVM",
    "B-LTA": "urn:etsi:019102:validationprocess:LTA",
}
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
CERT_VO = "urn:etsi:019102:validationObject:certificate"
POE_VALIDATION = "urn:etsi:019102:poetype:validation"


def _dt(d):
    from xsdata.models.datatype import XmlDateTime

    return XmlDateTime.from_datetime(d)


def _signature_report(s: SignatureReport, rep: VerificationReport, vo_ids: dict):
    from pyhanko.generated.etsi import ts_11910202 as vr

    # a timestamp is a proof of existence only if it verified and its TSA is trusted
    ts_doubt = any(f.code in ("timestamp_invalid", "timestamp_untrusted") for f in s.findings)
    ts_ok = s.timestamp_time is not None and not ts_doubt
    if s.kind == "document_timestamp":
        ts_ok = s.timestamp_time is not None and s.trusted
    best = s.timestamp_time if ts_ok else rep.verified_at
    attrs = None
    if s.claimed_signing_time is not None:
        attrs = vr.SignatureAttributesType(
            signing_time=(vr.SASigningTimeType(time=_dt(s.claimed_signing_time), signed=True),)
        )
    signer = None
    if s.signer is not None:
        signer = vr.SignerInformationType(
            signer_certificate=vr.VOReferenceType(
                voreference=(vo_ids[s.signer.fingerprint_sha256],)
            ),
            signer=s.signer.common_name or s.signer.subject,
        )
    subs = () if s.sub_indication in (None, *OURS_ONLY) else (SUB_PREFIX + s.sub_indication,)
    details = tuple(
        vr.ValidationReportDataType(
            additional_validation_report_data=vr.AdditionalValidationReportDataType(
                report_data=(
                    vr.TypedDataType(type_value=f"urn:digitizer:finding:{f.code}", value=f.action),
                )
            )
        )
        for f in s.findings
        if f.action in ("FAIL", "WARN")
    )
    return vr.SignatureValidationReportType(
        signature_identifier=vr.SignatureIdentifierType(
            id=f"S-{s.index + 1}",
            hash_only=False,
            doc_hash_only=False,
            daidentifier=s.field_name,
        ),
        validation_time_info=vr.ValidationTimeInfoType(
            validation_time=_dt(rep.verified_at),
            best_signature_time=vr.POEType(poetime=_dt(best), type_of_proof=POE_VALIDATION),
        ),
        signature_attributes=attrs,
        signer_information=signer,
        signature_validation_process=vr.SignatureValidationProcessType(
            signature_validation_process_id=PROCESS.get(s.level, PROCESS[None])
        ),
        signature_validation_status=vr.ValidationStatusType(
            main_indication=MAIN[s.indication],
            sub_indication=subs,
            associated_validation_report_data=details,
        ),
    )


def to_etsi_xml(rep: VerificationReport) -> str:
    """The TS 119 102-2 ``ValidationReport`` of one verified file, as XML text."""
    from pyhanko.generated.etsi import ts_11910202 as vr
    from pyhanko.generated.etsi import xades
    from pyhanko.generated.w3c import xmldsig_core
    from xsdata.formats.dataclass.serializers import XmlSerializer
    from xsdata.formats.dataclass.serializers.config import SerializerConfig

    vo_ids: dict[str, str] = {}
    objects = []
    for s in rep.signatures:
        if s.signer is None or s.signer.fingerprint_sha256 in vo_ids:
            continue
        fp = s.signer.fingerprint_sha256
        vo_ids[fp] = f"C-{fp.replace(':', '')[:16]}"
        objects.append(
            vr.ValidationObjectType(
                id=vo_ids[fp],
                object_type=CERT_VO,
                validation_object_representation=vr.ValidationObjectRepresentationType(
                    digest_alg_and_value=xades.DigestAlgAndValueType(
                        digest_method=xmldsig_core.DigestMethod(algorithm=SHA256),
                        digest_value=xmldsig_core.DigestValue(bytes.fromhex(fp.replace(":", ""))),
                    )
                ),
            )
        )
    reports = tuple(_signature_report(s, rep, vo_ids) for s in rep.signatures)
    if not reports:
        subs = (
            () if rep.sub_indication in (None, *OURS_ONLY) else (SUB_PREFIX + rep.sub_indication,)
        )
        reports = (
            vr.SignatureValidationReportType(
                signature_identifier=vr.SignatureIdentifierType(
                    id="S-0",
                    hash_only=False,
                    doc_hash_only=False,
                    daidentifier=hashlib.sha256(str(rep.path).encode()).hexdigest()[:16],
                ),
                signature_validation_status=vr.ValidationStatusType(
                    main_indication=MAIN[rep.indication], sub_indication=subs
                ),
            ),
        )
    doc = vr.ValidationReport(
        signature_validation_report=reports,
        signature_validation_objects=vr.ValidationObjectListType(tuple(objects))
        if objects
        else None,
    )
    return XmlSerializer(config=SerializerConfig(indent="  ")).render(doc, ns_map=NAMESPACES)
