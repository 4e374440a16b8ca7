"""Procedure catalogue and OCR-repair vocabulary (both editable data files in resources/metadata).

The procedure catalogue maps a TTHC code to its name and field and lets extraction guess the
procedure from the document title. The vocabulary lists document types, notation abbreviations,
organ-name words, signer positions and common name syllables; extraction snaps noisy OCR text to it.
"""

from __future__ import annotations

import csv
import difflib
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .schema import RESOURCES

DEFAULT_VOCABULARY_PATH = RESOURCES / "vocabulary.v1.json"
DEFAULT_PROCEDURES_PATH = RESOURCES / "procedures.v1.json"


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Upper-case, diacritics removed, đ->D, one output char per input char (keeps offsets).

    Cached: the layout reader folds the same vocabulary entries and lines many times."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        if ch in "đĐ":
            out.append("D")
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.upper() if len(base.upper()) == 1 else base)
    return "".join(out)


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    result_titles: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    verified: bool = False


@dataclass(frozen=True)
class Catalogue:
    procedures: tuple[Procedure, ...]
    source: str

    def by_code(self, code: str) -> Procedure | None:
        base = code[:8]
        for p in self.procedures:
            if p.code == code or p.code == base:
                return p
        return None

    def guess(self, title: str, text: str = "") -> list[tuple[Procedure, float]]:
        """Procedures whose result document title matches ``title`` (best first, score 0..1).

        Keywords found in ``text`` break ties between procedures with the same result title
        (several procedures end in a "Quyết định")."""
        ft, fx = fold(title).strip(), fold(text)
        scored = []
        for p in self.procedures:
            best = max(
                (difflib.SequenceMatcher(None, ft, fold(t)).ratio() for t in p.result_titles),
                default=0.0,
            )
            if best < 0.8:
                continue
            kw = [k for k in p.keywords if fold(k) in fx]
            if p.keywords and not kw:
                best *= 0.5
            scored.append((p, round(best, 3)))
        scored.sort(key=lambda t: -t[1])
        return scored


@dataclass(frozen=True)
class Vocabulary:
    document_types: tuple[tuple[str, str], ...]  # (name, abbreviation)
    notation_parts: dict[str, str]  # folded -> proper
    organ_prefixes: tuple[str, ...]
    organ_words: dict[str, str]  # folded -> proper (upper case)
    signer_positions: tuple[str, ...]
    name_syllables: dict[str, str]  # lower folded -> proper
    surnames: frozenset[str] = frozenset()  # folded upper case (Vietnamese family names)
    surname_forms: frozenset[str] = frozenset()  # as spelled, title case and upper case
    deputy_of: dict[str, str] | None = None  # head position -> its deputy where not "PHÓ <head>"


def _read_json(path: Path, kind: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {kind}: {exc.strerror}", path=path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{kind} is not valid UTF-8 JSON: {exc}", path=path) from None


@lru_cache(maxsize=4)
def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Load a procedure catalogue (JSON as in resources, or CSV code,name,field,result_titles)."""
    p = Path(path) if path else DEFAULT_PROCEDURES_PATH
    rows: list[dict]
    if p.suffix.lower() == ".csv":
        try:
            with p.open(encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise InputError(f"cannot read catalogue: {exc.strerror}", path=p) from None
        for r in rows:
            r["result_titles"] = [
                t.strip() for t in (r.get("result_titles") or "").split(";") if t.strip()
            ]
            r["keywords"] = [t.strip() for t in (r.get("keywords") or "").split(";") if t.strip()]
    else:
        data = _read_json(p, "procedure catalogue")
        if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
            raise InputError("catalogue has no 'procedures' list", path=p)
        rows = data["procedures"]
    procs = []
    for r in rows:
        if not isinstance(r, dict) or not r.get("code") or not r.get("name"):
            raise InputError(f"catalogue entry without code/name: {r!r}", path=p)
        procs.append(
            Procedure(
                code=str(r["code"]).strip(),
                name=unicodedata.normalize("NFC", str(r["name"])),
                field=str(r.get("field", "")),
                result_titles=tuple(r.get("result_titles") or ()),
                keywords=tuple(r.get("keywords") or ()),
                verified=str(r.get("verified")).lower() == "true",
            )
        )
    return Catalogue(tuple(procs), str(p))


@lru_cache(maxsize=4)
def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    p = Path(path) if path else DEFAULT_VOCABULARY_PATH
    d = _read_json(p, "vocabulary")
    try:
        types = tuple((t["name"], t.get("abbr", "")) for t in d.get("document_types", ()))
    except (TypeError, KeyError):
        raise InputError("vocabulary 'document_types' entries need a 'name'", path=p) from None
    parts = {fold(x): x for x in d.get("notation_parts", ())}
    for _, abbr in types:
        if abbr:
            parts.setdefault(fold(abbr), abbr)
    return Vocabulary(
        document_types=types,
        notation_parts=parts,
        organ_prefixes=tuple(d.get("organ_prefixes", ())),
        organ_words={fold(w): w for w in d.get("organ_words", ())},
        signer_positions=tuple(d.get("signer_positions", ())),
        name_syllables={k.lower(): v for k, v in (d.get("name_syllables") or {}).items()},
        surnames=frozenset(fold(x) for x in d.get("surnames", ())),
        surname_forms=frozenset(
            f for x in d.get("surnames", ()) for f in (unicodedata.normalize("NFC", x), x.upper())
        ),
        deputy_of={k: v for k, v in (d.get("deputy_of") or {}).items() if not k.startswith("_")},
    )
