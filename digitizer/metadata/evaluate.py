"""Compare extracted records with the ground truth of the evaluation corpus (field level).

The corpus ground truth (``eval/corpus/dev/gt/<id>.json`` ``metadata``) uses its own keys; this
module maps them to our record and scores each field as right / wrong / missing / spurious with the
same normalisation as the corpus scorer (NFC, case-insensitive, unified dashes, "UBND" expanded,
digits only for the personal ID).
"""

from __future__ import annotations

import re
import unicodedata

STATUSES = ("right", "wrong", "missing", "spurious", "absent")
_PUNCT = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "−": "-", "\u00a0": " "})
_TONE = re.compile(r"(?i)(o(?=[ae])|u(?=y))([aey])([\u0300\u0301\u0303\u0309\u0323])(?!\w)")


def gt_to_record(meta: dict) -> dict:
    """Ground-truth metadata (corpus keys) -> our record keys."""
    rec = {
        "organ_name": meta.get("issuing_agency"),
        "type_name": meta.get("title"),
        "issued_date": meta.get("issue_date"),
        "applicant_name": meta.get("applicant_name"),
        "citizen_id": meta.get("citizen_id"),
        "dossier_code": meta.get("dossier_code"),
        "procedure_code": meta.get("procedure_code"),
        "code_number": None,
        "code_notation": None,
    }
    num = meta.get("document_number")
    if num and "/" in num:
        rec["code_number"], rec["code_notation"] = num.split("/", 1)
    return rec


def record_to_gt(rec: dict) -> dict:
    """Our record -> corpus keys (for ``score.py``'s OUT/<id>.json)."""
    num = None
    if rec.get("code_number") and rec.get("code_notation"):
        num = f"{rec['code_number']}/{rec['code_notation']}"
    return {
        "issuing_agency": rec.get("organ_name"),
        "title": rec.get("type_name"),
        "document_number": num,
        "issue_date": rec.get("issued_date"),
        "applicant_name": rec.get("applicant_name"),
        "citizen_id": rec.get("citizen_id"),
        "dossier_code": rec.get("dossier_code"),
        "procedure_code": rec.get("procedure_code"),
    }


def norm(key: str, v: object) -> str | None:
    if v in (None, ""):
        return None
    s = str(v)
    if key == "citizen_id":
        return re.sub(r"\D", "", s)
    s = unicodedata.normalize("NFC", s).translate(_PUNCT)
    s = unicodedata.normalize(
        "NFC", _TONE.sub(lambda m: m[1] + m[3] + m[2], unicodedata.normalize("NFD", s))
    )
    s = " ".join(s.split()).casefold().strip(" .;:,")
    return re.sub(r"\bubnd\b", "ủy ban nhân dân", s)


def score_fields(pred: dict, gt: dict) -> dict[str, str]:
    """Per field of ``gt``: right / wrong (different value) / missing (no value) /
    spurious (value where the truth has none) / absent (neither has one: counts as right)."""
    out = {}
    for k, truth in gt.items():
        t, p = norm(k, truth), norm(k, pred.get(k))
        if t is None:
            out[k] = "absent" if p is None else "spurious"
        elif p is None:
            out[k] = "missing"
        else:
            out[k] = "right" if p == t else "wrong"
    return out


_NAME_ROW = re.compile(r"^(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]+ ){1,4}[A-ZÀ-ỸĐ][a-zà-ỹđ]+$")


def gt_signer(gt_doc: dict) -> dict:
    """Signer name and position derived from the ground-truth *text* (the corpus metadata has no
    signer fields): the last name-like row of the content pages, and the nearest capitalised
    position row above it (the right-hand part of a row shared with "Nơi nhận")."""
    rows = [
        r.strip() for p in gt_doc["pages"] if not p["blank"] for r in p["text_rows"].splitlines()
    ]
    for i in range(len(rows) - 1, -1, -1):
        if _NAME_ROW.match(rows[i]):
            position = None
            for j in range(i - 1, max(-1, i - 6), -1):
                tail = rows[j].split(";")[-1].strip()
                if tail and tail.isupper() and not re.match(r"(TM|KT|TL|TUQ)\.", tail):
                    position = tail
                    break
            return {"signer_name": rows[i], "signer_position": position}
    return {"signer_name": None, "signer_position": None}
