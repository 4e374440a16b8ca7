"""The one place that runs tesseract (through pytesseract): version/language probe, timeout,
error mapping, one thread per process.

``OMP_THREAD_LIMIT=1``: tesseract's OpenMP threads fight the process pool; on a 2-core machine a
page took 5.0 s with them instead of 1.3 s without.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytesseract

from ..errors import MissingDependencyError, OcrEngineError, OcrTimeoutError

log = logging.getLogger(__name__)

APT_HINT = "install it with: sudo apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd"


@dataclass(frozen=True)
class TesseractInfo:
    version: str
    languages: frozenset[str]


@lru_cache(maxsize=1)
def probe() -> TesseractInfo:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependencyError(f"the tesseract OCR program was not found; {APT_HINT}")
    try:
        version = str(pytesseract.get_tesseract_version())
        # Not pytesseract.get_languages(): its pattern drops script models such as "Vietnamese".
        out = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
            capture_output=True, text=True, timeout=30,
        ).stdout
        langs = frozenset(
            line.strip() for line in out.splitlines()[1:] if line.strip() and " " not in line.strip()
        )
    except Exception as exc:
        raise MissingDependencyError(f"tesseract does not run ({exc}); {APT_HINT}") from exc
    return TesseractInfo(version=version, languages=langs)


def check_languages(lang: str) -> None:
    """Raise MissingDependencyError naming the apt package for each missing language pack."""
    info = probe()
    missing = [code for code in lang.split("+") if code and code not in info.languages]
    if missing:
        pkgs = " ".join(_apt_package(m) for m in missing)
        raise MissingDependencyError(
            f"tesseract language data missing: {', '.join(missing)}; "
            f"install it with: sudo apt-get install {pkgs}"
        )


_SCRIPT_PACKAGES = {"Vietnamese": "viet", "Latin": "latn", "Cyrillic": "cyrl", "Han": "hans"}


def _apt_package(code: str) -> str:
    """Debian package holding a tesseract model: 'vie' -> tesseract-ocr-vie,
    'Vietnamese' (script model) -> tesseract-ocr-script-viet."""
    name = code.split("/")[-1]
    if name[:1].isupper():
        return "tesseract-ocr-script-" + _SCRIPT_PACKAGES.get(name, name[:4].lower())
    return "tesseract-ocr-" + name.replace("_", "-").lower()


def limit_threads() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def recognise(
    image_path: Path,
    out_base: Path,
    *,
    lang: str,
    dpi: int | None,
    psm: int = 3,
    pdf: bool = True,
    timeout: float = 180.0,
    extra: str = "",
) -> tuple[Path | None, Path]:
    """One tesseract pass writing a text-only PDF page (optional) and TSV words with boxes."""
    # no --dpi when the file does not state it: tesseract then estimates the resolution from the
    # text size, which beats a guess (a 200 dpi scan told "300" reads worse)
    config = (f"--dpi {int(dpi)} " if dpi else "") + f"--psm {psm} -c tessedit_create_tsv=1"
    if pdf:
        config += " -c textonly_pdf=1"
    if extra:
        config += " " + extra
    limit_threads()
    try:
        pytesseract.pytesseract.run_tesseract(
            str(image_path), str(out_base), "pdf" if pdf else "", lang, config, 0, timeout
        )
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise OcrTimeoutError(
                f"tesseract did not finish within {timeout:.0f} s", path=image_path
            ) from exc
        raise OcrEngineError(f"tesseract failed: {exc}", path=image_path) from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependencyError(f"the tesseract OCR program was not found; {APT_HINT}") from exc
    except pytesseract.TesseractError as exc:
        msg = f"tesseract failed (exit {exc.status}): {exc.message}"
        if "Failed loading language" in str(exc.message):
            raise MissingDependencyError(msg + f"; {APT_HINT}") from exc
        raise OcrEngineError(msg, path=image_path) from exc
    tsv = out_base.with_suffix(".tsv")
    pdf_path = out_base.with_suffix(".pdf") if pdf else None
    if not tsv.exists() or (pdf and not pdf_path.exists()):
        raise OcrEngineError("tesseract produced no output", path=image_path)
    return pdf_path, tsv
