"""The visible signature block, in the two forms Vietnamese rules prescribe, page 1 top right,
text only, one item per line, Times New Roman 10 pt, upright, black:

* ``form="copy"`` — an electronic copy of a paper document (Decree 30/2020/NĐ-CP, Annex I,
  part II: "hình thức sao", the name of the agency making the copy, the signing time)::

      SAO Y                         (or SAO LỤC / TRÍCH SAO; or the attachment form)
      <full name of the copying agency>
      2026-11-25T10:15:30+07:00     (the signature's signing time, ISO 8601, Vietnam offset)

* ``form="agency"`` — the agency signature on a digitised archive document (Circular
  05/2025/TT-BNV, Art. 8): the agency's name and the signing time (ISO 8601, +07:00), no seal
  image::

      <full name of the agency>
      2026-11-25T10:15:30+07:00

The agency is the one *making the copy* (a setting: the commune's or province's
public-administration service centre, UBND xã ...), not the certificate's ``O=`` (on Ban Cơ yếu
certificates often the parent body) and not the body that issued the paper result. Only when no
agency is configured does the certificate's ``O=`` fill in, and :func:`stamp_text` says so
(``agency_from_certificate``) so the pre-sign checklist can show it. :func:`stamp_text` is the one
producer of the lines: the preview and the signature use the same function.

Where Times New Roman is absent a serif that covers Vietnamese is used (Liberation Serif / Tinos
are metric-compatible; else Noto Serif). pyHanko 0.38 mis-scales fonts whose unitsPerEm is not
1000, so such fonts are rescaled to 1000 units once (fontTools) into a cache file before use.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .errors import SigningError

log = logging.getLogger(__name__)

VN_TZ = timezone(timedelta(hours=7), "ICT")
COPY_FORMS = ("SAO Y", "SAO LỤC", "TRÍCH SAO")
# "copy": Decree 30/2020 Annex I part II; "agency": Circular 05/2025/TT-BNV Art. 8
STAMP_FORMS = ("copy", "agency")
FONT_SIZE = 10
LEADING = 12
PAD = 4
TOP_MARGIN = 8.0
RIGHT_MARGIN = 20.0
VIETNAMESE_PROBE = "ẮẰẲẴẶắằẳẵặẤẦẨẪẬấầẩẫậĐđẾỀỂỄỆếềểễệỐỒỔỖỘốồổỗộỚỜỞỠỢớờởỡợỨỪỬỮỰứừửữựỲỴỶỸỳỵỷỹƠơƯư"

# (family shown to the user, candidate file paths)
FONT_CANDIDATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Times New Roman",
        (
            "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
            "/usr/share/fonts/truetype/msttcorefonts/times.ttf",
            "/usr/share/fonts/TTF/times.ttf",
            "C:/Windows/Fonts/times.ttf",
            "/System/Library/Fonts/Supplemental/Times New Roman.ttf",
            "/Library/Fonts/Times New Roman.ttf",
        ),
    ),
    (
        "Liberation Serif (metric-compatible with Times New Roman)",
        (
            "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        ),
    ),
    (
        "Tinos (metric-compatible with Times New Roman)",
        ("/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",),
    ),
    (
        "Noto Serif (Times New Roman not installed; not metric-compatible)",
        ("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",),
    ),
    (
        "Noto Sans (no serif font with Vietnamese found)",
        ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",),
    ),
)


@dataclass(frozen=True)
class StampOptions:
    """What the visible block shows. ``agency`` is the agency that makes the copies (the
    setting); when empty the certificate's O= is used and reported as a fallback."""

    visible: bool = True
    copy_form: str = "SAO Y"  # one of COPY_FORMS (form "copy")
    agency: str | None = None
    form: str = "copy"  # one of STAMP_FORMS
    attachment_number: str | None = None  # set -> attachment form ("Số, ký hiệu" + time)
    seal_image: Path | None = None  # optional red seal image drawn behind the text
    font_file: Path | None = None  # override the font search
    page: int = 0  # 0-based; Decree 30 puts it on page 1


@dataclass(frozen=True)
class StampFont:
    path: Path  # a file pyHanko can use (rescaled copy if needed)
    family: str
    original: Path


@dataclass(frozen=True)
class StampPlacement:
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF user space of the page
    shifted: bool
    warning: str | None


def _covers_vietnamese(path: Path) -> tuple[bool, int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), lazy=True) as f:
            cmap = f.getBestCmap() or {}
            upem = f["head"].unitsPerEm
    except Exception:  # noqa: BLE001 - unreadable font: not a candidate
        return False, 0
    return all(ord(c) in cmap for c in VIETNAMESE_PROBE), upem


def _cache_dir() -> Path:
    import platformdirs

    d = Path(platformdirs.user_cache_dir("digitizer")) / "fonts"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _rescaled(path: Path, upem: int) -> Path:
    """A copy of ``path`` scaled to 1000 units/em (pyHanko 0.38 assumes 1000)."""
    if upem == 1000:
        return path
    h = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    out = _cache_dir() / f"{path.stem}-upem1000-{h}.ttf"
    if not out.exists():
        from fontTools.ttLib import TTFont
        from fontTools.ttLib.scaleUpem import scale_upem

        f = TTFont(str(path))
        scale_upem(f, 1000)
        if "FFTM" in f:  # FontForge timestamp: the subsetter warns about it on every stamp
            del f["FFTM"]
        tmp = out.with_suffix(".tmp")
        f.save(str(tmp))
        tmp.replace(out)
    return out


@functools.lru_cache(maxsize=8)
def find_stamp_font(override: Path | None = None) -> StampFont:
    """The first candidate font that has all Vietnamese glyphs (see module doc). Cached."""
    cands = [("custom font", (str(override),))] if override else list(FONT_CANDIDATES)
    for family, paths in cands:
        for p in paths:
            path = Path(p)
            if not path.is_file():
                continue
            ok, upem = _covers_vietnamese(path)
            if not ok:
                log.debug("font %s lacks Vietnamese glyphs", path)
                continue
            return StampFont(path=_rescaled(path, upem), family=family, original=path)
    raise SigningError(
        "no font with Vietnamese glyphs found for the signature stamp (install fonts-noto-core "
        "or Times New Roman, or pass a font file)",
        code="stamp_font_missing",
    )


def format_signing_time(t: datetime) -> str:
    """ISO 8601 with the Vietnam offset, e.g. 2026-11-25T10:15:30+07:00."""
    return t.astimezone(VN_TZ).replace(microsecond=0).isoformat()


def stamp_lines(opts: StampOptions, agency: str, signing_time: datetime) -> list[str]:
    """The block's lines for ``agency`` (already chosen) at ``signing_time``."""
    ts = format_signing_time(signing_time)
    form = (opts.form or "copy").strip().lower()
    if form not in STAMP_FORMS:
        raise SigningError(
            f"unknown stamp form {opts.form!r}; use one of: {', '.join(STAMP_FORMS)}",
            code="stamp_bad_option",
        )
    if form == "agency":
        if opts.attachment_number:
            raise SigningError(
                "the attachment number belongs to the copy form (Decree 30), not to the "
                "agency-signature form",
                code="stamp_bad_option",
            )
        if opts.seal_image is not None:
            raise SigningError(
                "the agency-signature form of a digitised archive document shows no seal image "
                "(Circular 05/2025/TT-BNV, Art. 8)",
                code="stamp_bad_option",
            )
        lines = [agency, ts]
    elif opts.attachment_number:
        lines = [agency, opts.attachment_number, ts]
    else:
        copy_form = opts.copy_form.strip().upper()
        if copy_form not in COPY_FORMS:
            raise SigningError(
                f"unknown copy form {opts.copy_form!r}; use one of: {', '.join(COPY_FORMS)}",
                code="stamp_bad_option",
            )
        lines = [copy_form, agency, ts]
    return [unicodedata.normalize("NFC", line) for line in lines]


@dataclass(frozen=True)
class StampText:
    """What the block will show, and where its agency came from (for the pre-sign checklist)."""

    lines: tuple[str, ...]
    form: str  # "copy" or "agency"
    agency: str
    agency_from_certificate: bool  # True: no copying agency set, the certificate's O= is used
    signing_time: datetime

    def to_dict(self) -> dict:
        return {
            "lines": list(self.lines),
            "form": self.form,
            "agency": self.agency,
            "agency_from_certificate": self.agency_from_certificate,
            "signing_time": format_signing_time(self.signing_time),
        }


def resolve_agency(opts: StampOptions, cert_info=None) -> tuple[str, bool]:
    """(agency, from_certificate): the configured copying agency, else the certificate's O=
    (else its CN, for a personal certificate without O=)."""
    configured = " ".join((opts.agency or "").split())
    if configured:
        return configured, False
    fallback = ""
    if cert_info is not None:
        fallback = " ".join((cert_info.organization or cert_info.common_name or "").split())
    if not fallback:
        raise SigningError(
            "no agency for the signature block: set the agency that makes copies "
            "(--copy-agency) or use a certificate with an organisation (O=)",
            code="stamp_no_agency",
        )
    return fallback, True


def stamp_text(opts: StampOptions, cert_info=None, signing_time: datetime | None = None) -> StampText:
    """The lines of the block, as the preview shows them and as :func:`signing.sign_pdf` stamps
    them (``signing_time`` defaults to now; the signature uses its own signing time).
    ``cert_info`` is a :class:`signing.certs.CertInfo` (the fallback's O=), may be None when a
    copying agency is configured."""
    agency, from_cert = resolve_agency(opts, cert_info)
    when = signing_time or datetime.now(VN_TZ)
    lines = stamp_lines(opts, agency, when)
    return StampText(
        lines=tuple(lines),
        form=(opts.form or "copy").strip().lower(),
        agency=unicodedata.normalize("NFC", agency),
        agency_from_certificate=from_cert,
        signing_time=when,
    )


@functools.lru_cache(maxsize=8)
def _metrics(path: Path) -> tuple[dict, dict, int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as f:
        cmap = dict(f.getBestCmap())
        hmtx = {name: f["hmtx"][name][0] for name in set(cmap.values())}
        return cmap, hmtx, f["head"].unitsPerEm


def text_width(font: StampFont, text: str, size: float = FONT_SIZE) -> float:
    cmap, hmtx, upem = _metrics(font.path)
    total = 0
    for ch in text:
        g = cmap.get(ord(ch))
        total += hmtx.get(g, upem // 2) if g else upem // 2
    return total * size / upem


def _text_rects(
    pdf_path: Path, page_index: int
) -> tuple[list[tuple[float, float, float, float]], tuple[float, float, float, float]]:
    """Approximate rectangles of text on a page (also invisible OCR text), and the media box."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    page = reader.pages[page_index]
    mb = page.mediabox
    media = (float(mb.left), float(mb.bottom), float(mb.right), float(mb.top))
    rects: list[tuple[float, float, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or not text.strip():
            return
        # text space -> user space: tm then cm
        a = tm[0] * cm[0] + tm[1] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = abs(font_size * (d or 1))
        width = len(text.strip()) * abs(font_size * (a or 1)) * 0.5
        rects.append((x, y - 0.2 * size, x + width, y + size))

    try:
        page.extract_text(visitor_text=visit)
    except Exception:
        log.debug("text extraction for stamp placement failed", exc_info=True)
        return [], media
    return rects, media


def _overlaps(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def place_stamp(pdf_path: Path, width: float, height: float, page_index: int = 0) -> StampPlacement:
    """Top right of the page, moved down (never onto more than the top quarter) or left if it
    would cover text such as the national heading; warn if no free spot is found."""
    rects, (x0, y0, x1, y1) = _text_rects(pdf_path, page_index)
    right = x1 - RIGHT_MARGIN
    top = y1 - TOP_MARGIN
    default = (right - width, top - height, right, top)
    if not rects:
        return StampPlacement(default, False, None)
    page_h = y1 - y0
    step = 4.0
    for dx in (0.0, 40.0, 80.0):
        dy = 0.0
        while dy <= page_h / 4:
            box = (right - dx - width, top - dy - height, right - dx, top - dy)
            if not any(_overlaps(box, r) for r in rects):
                return StampPlacement(box, (dx, dy) != (0.0, 0.0), None)
            dy += step
    return StampPlacement(
        default,
        False,
        "the signature block overlaps text at the top right of page 1 (national heading?); "
        "no free spot found nearby",
    )


def build_style(font: StampFont, lines: list[str], seal_image: Path | None = None):
    """A pyHanko TextStampStyle: black upright text, no border, embedded subset font."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    kwargs = {}
    if seal_image is not None:
        from PIL import Image
        from pyhanko.pdf_utils.images import PdfImage

        try:
            img = Image.open(seal_image)
            img.load()
        except OSError as exc:
            raise SigningError(
                f"cannot read the seal image ({exc})", path=seal_image, code="stamp_bad_option"
            ) from None
        kwargs["background"] = PdfImage(img)
        kwargs["background_opacity"] = 1.0
        kwargs["background_layout"] = SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(1),
        )
    text = "\n".join(line.replace("%", "%%") for line in lines)
    return TextStampStyle(
        stamp_text=text,
        border_width=0,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(font.path), font_size=FONT_SIZE),
            font_size=FONT_SIZE,
            leading=LEADING,
            text_color=(0, 0, 0),
        ),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MAX,
            y_align=AxisAlignment.ALIGN_MAX,
            margins=Margins.uniform(PAD),
        ),
        **kwargs,
    )


def stamp_size(font: StampFont, lines: list[str], seal: bool) -> tuple[float, float]:
    w = max(text_width(font, line) for line in lines) + 2 * PAD + 2
    h = LEADING * len(lines) + 2 * PAD + 2
    if seal:
        w += h  # room for a round seal left of the text
    return w, h
