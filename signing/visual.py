"""Visual comparison of a signed revision with the final file (poppler ``pdftoppm``).

The difference analysis (:mod:`signing.mdp`) judges objects; this judges what a reader sees.
It runs only for doubtful cases (a later revision that pyHanko cannot read, changes the
analysis cannot explain, new annotations): the signed revision — the file's first
``signed_end`` bytes, a complete PDF — and the final file are rendered page by page at low
resolution, annotations hidden (form fields and signature widgets legitimately change), and
pages whose pixels differ are reported, with a thumbnail pair for the HTML report. EU DSS does
the same ("visual difference" in its PDF modification detection). Poppler rebuilds a damaged
cross-reference table, so the final file is rendered as a reader would show it even where
pyHanko refuses to parse it (shadow attacks with broken xref offsets).

``pdftoppm`` is wrapped here once: version probe, timeout, errors mapped to
:class:`VisualUnavailable` (the caller records a finding instead of a verdict).
"""

from __future__ import annotations

import base64
import functools
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

DPI = 36  # enough for a shadow attack (text, images); ~300x420 px per A4 page
MAX_PAGES = 50
TIMEOUT_S = 60.0
# a page differs when more than this share of its pixels changed by more than PIXEL_DELTA
PIXEL_DELTA = 48
AREA_SHARE = 0.0005


class VisualUnavailable(Exception):
    """pdftoppm missing, too slow, or the file cannot be rendered."""


@dataclass(frozen=True)
class PageDiff:
    page: int  # 1-based
    changed_share: float  # share of pixels that changed (0..1); 1.0 for added/removed pages
    note: str  # "content differs" / "page added" / "page removed"
    signed_png: str = ""  # data: URIs of the thumbnails (HTML report)
    final_png: str = ""


@dataclass(frozen=True)
class VisualResult:
    pages_signed: int
    pages_final: int
    differing: tuple[PageDiff, ...]

    @property
    def differs(self) -> bool:
        return bool(self.differing)

    def summary(self) -> str:
        if not self.differing:
            return f"{self.pages_final} page(s) render identically"
        return "page(s) " + ", ".join(f"{d.page} ({d.note})" for d in self.differing)


@functools.lru_cache(maxsize=1)
def probe() -> str:
    """The pdftoppm version, or raise :class:`VisualUnavailable`."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise VisualUnavailable("pdftoppm (poppler-utils) is not installed")
    try:
        out = subprocess.run([exe, "-v"], check=False, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VisualUnavailable(f"pdftoppm does not start ({exc})") from None
    m = re.search(r"version\s+([\d.]+)", out.stderr + out.stdout)
    return m.group(1) if m else "?"


def _render(pdf: bytes, tmp: Path, name: str, *, hide_annotations: bool) -> list:
    """Grey images (numpy arrays) of the first MAX_PAGES pages."""
    import numpy as np
    from PIL import Image

    probe()
    src = tmp / f"{name}.pdf"
    src.write_bytes(pdf)
    cmd = ["pdftoppm", "-gray", "-r", str(DPI), "-l", str(MAX_PAGES)]
    if hide_annotations:
        cmd.append("-hide-annotations")
    cmd += [str(src), str(tmp / name)]
    try:
        res = subprocess.run(cmd, check=False, capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise VisualUnavailable(f"pdftoppm took longer than {TIMEOUT_S:.0f} s") from None
    except OSError as exc:
        raise VisualUnavailable(f"pdftoppm failed to start ({exc})") from None
    files = sorted(tmp.glob(f"{name}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not files:
        err = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise VisualUnavailable(f"pdftoppm rendered nothing ({err[-1] if err else res.returncode})")
    return [np.asarray(Image.open(f).convert("L"), dtype=np.int16) for f in files]


def _png(img) -> str:
    import numpy as np
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype("uint8")).save(buf, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _ink(img):
    """Dark pixels of a page (text, lines, images), grown by one pixel each way."""
    import numpy as np

    ink = img < 160
    grown = ink.copy()
    grown[1:, :] |= ink[:-1, :]
    grown[:-1, :] |= ink[1:, :]
    grown[:, 1:] |= ink[:, :-1]
    grown[:, :-1] |= ink[:, 1:]
    return np.asarray(grown)


def compare(
    signed: bytes, final: bytes, *, hide_annotations: bool = True, over_ink: bool = False
) -> VisualResult:
    """Render both and list the pages that differ. ``over_ink``: count only changed pixels
    where the signed page has ink, i.e. something drawn *over* signed content (an
    annotation covering text), not beside it. Raises :class:`VisualUnavailable`."""
    import numpy as np

    with tempfile.TemporaryDirectory(prefix="digitizer-visual-") as d:
        tmp = Path(d)
        a = _render(signed, tmp, "signed", hide_annotations=hide_annotations)
        b = _render(final, tmp, "final", hide_annotations=hide_annotations)
    diffs = []
    for i in range(max(len(a), len(b))):
        if i >= len(a):
            diffs.append(PageDiff(i + 1, 1.0, "page added", "", _png(b[i])))
            continue
        if i >= len(b):
            diffs.append(PageDiff(i + 1, 1.0, "page removed", _png(a[i]), ""))
            continue
        x, y = a[i], b[i]
        if x.shape != y.shape:
            diffs.append(PageDiff(i + 1, 1.0, "page size differs", _png(x), _png(y)))
            continue
        changed = np.abs(x - y) > PIXEL_DELTA
        if over_ink:
            changed &= _ink(x)
        share = float(np.count_nonzero(changed)) / x.size
        if share > AREA_SHARE:
            note = "signed content covered" if over_ink else "content differs"
            diffs.append(PageDiff(i + 1, share, note, _png(x), _png(y)))
    return VisualResult(len(a), len(b), tuple(diffs))
