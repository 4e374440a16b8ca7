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


# --------------------------------------------------------------------------- real documents

#: Header fields scored on the real scans (``tests/metadata/data/real/<id>.gt.json``).
REAL_FIELDS = (
    "organ_name",
    "parent_organ",
    "code_number",
    "code_notation",
    "issued_date",
    "type_name",
    "subject",
    "signer_authority",
    "signer_position",
    "signer_name",
)
#: Long free text: right when at most this share of characters differs (the clerk fixes a typo
#: in a 200-character abstract; a wrong or truncated abstract is far below it).
SUBJECT_MIN_RATIO = 0.95


def same_value(key: str, pred: object, truth: object) -> bool:
    """Does a predicted value equal the truth under the scorer's normalisation?"""
    p, t = norm(key, pred), norm(key, truth)
    if p is None or t is None:
        return p is t
    if key == "subject":
        import difflib

        return difflib.SequenceMatcher(None, p, t).ratio() >= SUBJECT_MIN_RATIO
    return p == t


def score_suggestions(sugg, truth: dict, min_confidence: float = 0.5) -> dict[str, dict]:
    """Per field of ``truth``: the best suggestion, whether it is pre-filled (confidence >=
    ``min_confidence``) and a status:

    * ``right``: pre-filled and equal to the truth; ``absent``: nothing on the page and nothing
      pre-filled (counts as right);
    * ``wrong``: pre-filled with a different value, or pre-filled where the page has none;
    * ``missing``: the page has a value, nothing pre-filled (a hint may exist: ``hint_right``).
    """
    out = {}
    for key, t in truth.items():
        s = sugg.get(key)
        pre = s is not None and s.confidence >= min_confidence
        value = s.value if s is not None else None
        ok = s is not None and same_value(key, value, t)
        if pre:
            status = "right" if ok else "wrong"
        else:
            status = "absent" if norm(key, t) is None else "missing"
        out[key] = {
            "status": status,
            "prefilled": pre,
            "value": value,
            "truth": t,
            "confidence": s.confidence if s is not None else None,
            "correct": ok,
            "hint_right": (not pre) and s is not None and ok,
            "note": s.note if s is not None else "",
        }
    return out
