"""Per-page work, run in a worker process: load -> analyse -> orient/deskew -> encode -> OCR.

Everything here is a plain function of picklable arguments so it can run in a process pool.
The worker writes its artefacts (page image for the PDF, tesseract's text-only PDF page, TSV)
into the job's work folder and returns a :class:`PageOutcome` describing them.
"""

from __future__ import annotations

import csv
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from ..acquire.importer import PageRef, load_page
from ..imaging.analysis import PageAnalysis, analyse
from ..imaging.profiles import store_mode
from ..model import Barcode, OcrWord, PageResult
from . import coverage, tesseract

log = logging.getLogger(__name__)

LOW_DPI = 200.0
# Resolution tesseract reads at (issue 11, BENCHMARKS.md): pages of 200 dpi and more at their own
# resolution; upsampling them to 300 dpi lost words on real scans (200 dpi uneven/dark variants:
# recall 0.825 vs 0.913 on one page, 0.881 vs 0.894 over the set). Captures under 200 dpi (below
# the archive minimum) are still read at 300 dpi: the evidence on recognition was mixed there,
# and tesseract's text layer from a 150 dpi read breaks phrases apart for PDF viewers
# ("TRÍCH" / "LỤC KHAI SINH" on two lines). The re-read tries the other resolution.
OCR_UPSAMPLE_BELOW = 190.0  # 200 dpi with the usual rounding of scanner resolutions
OCR_UPSAMPLE_TO = 300.0
REREAD_UPSAMPLE_BELOW = 250.0
MAX_REREAD_CLUSTERS = 12
DESKEW_MIN_DEG = 0.15


@dataclass(frozen=True)
class PageJob:
    index: int
    ref: PageRef
    workdir: str
    lang: str = "vie+eng"
    psm: int = 3
    jpeg_quality: int = 75
    colour: str = "auto"  # auto | colour | grey | bilevel
    timeout: float = 180.0
    profile: str = "archive"  # image profile (digitizer.imaging.profiles): archive | compact
    min_dpi: float = 200.0  # capture resolution the profile asks for (300 for maps, drawings)
    deskew: bool = True
    rotate: bool = True
    split: int = 1  # OCR the page as this many horizontal bands at once (idle cores, short documents)


@dataclass(frozen=True)
class PageOutcome:
    result: PageResult
    image_path: str  # file to embed (JPEG or G4 TIFF or PNG), carries its dpi
    # tesseract text-only PDF pages and the band of the page image each covers: (path, y0, y1) in
    # output-image pixels from the top; one band unless the page was split across cores
    text_parts: tuple[tuple[str, int, int], ...]
    # a page kept as it is (its own text layer): (source PDF, 0-based page); image_path is ""
    keep_page: tuple[str, int] | None = None


def _normalise_mode(img: Image.Image) -> Image.Image:
    if img.mode in ("1", "L", "RGB"):
        return img
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGB", rgba.size, (255, 255, 255))
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        return img.point(lambda v: v / 256).convert("L")
    if img.mode == "P":
        return img.convert("RGB")
    return img.convert("RGB")


def _transform(img: Image.Image, rotation_cw: int, skew: float) -> Image.Image:
    if rotation_cw == 90:
        img = img.transpose(Image.Transpose.ROTATE_270)
    elif rotation_cw == 180:
        img = img.transpose(Image.Transpose.ROTATE_180)
    elif rotation_cw == 270:
        img = img.transpose(Image.Transpose.ROTATE_90)
    if abs(skew) >= DESKEW_MIN_DEG:
        # Corners uncovered by the rotation take the paper's colour, not white: a white wedge
        # on grey paper skews tesseract's global threshold (and looks pasted on).
        fill = 1 if img.mode == "1" else _paper_colour(img)
        resample = Image.NEAREST if img.mode == "1" else Image.BICUBIC
        img = img.rotate(-skew, resample=resample, expand=False, fillcolor=fill)
    return img


def _paper_colour(img: Image.Image):
    a = np.asarray(img.reduce(8))
    if a.ndim == 2:
        return int(np.percentile(a, 90))
    return tuple(int(v) for v in np.percentile(a.reshape(-1, a.shape[2]), 90, axis=0))


def _encode(
    img: Image.Image, colour: bool, job: PageJob, dpi: float, base: Path
) -> tuple[Path, str, bool]:
    """Write the page image to embed: bilevel -> CCITT G4, colour -> RGB JPEG, else grey JPEG.
    The image profile decides which (archive: RGB JPEG for every page)."""
    want = store_mode(job.profile, job.colour, img.mode, colour)
    if want == "bilevel":
        out = base.with_suffix(".tif")
        bw = img if img.mode == "1" else img.convert("L").point(lambda v: 255 if v > 160 else 0, mode="1")
        bw.save(out, format="TIFF", compression="group4", dpi=(dpi, dpi))
        return out, "ccitt-g4", False
    out = base.with_suffix(".jpg")
    im = img.convert("RGB") if want == "colour" else img.convert("L")
    im.save(out, format="JPEG", quality=job.jpeg_quality, optimize=True, dpi=(dpi, dpi),
            subsampling=2 if want == "colour" else 0)
    return out, "jpeg", want == "colour"


def find_barcodes(grey: Image.Image) -> tuple[Barcode, ...]:
    """QR and 1D codes on an upright page (they carry the dossier code). ~0.1 s per A4 page."""
    try:
        import zxingcpp
    except ImportError:  # optional at run time; metadata then relies on text only
        return ()
    out: list[Barcode] = []
    # Full size first; a blurred scan often decodes only at half size (~0.02 s more).
    for factor in (1, 2):
        im = grey if factor == 1 else grey.reduce(2)
        try:
            found = zxingcpp.read_barcodes(im, try_rotate=False, try_downscale=True,
                                           try_invert=False)
        except Exception:  # noqa: BLE001 - a decoder hiccup must not fail the page
            log.warning("barcode detection failed", exc_info=True)
            return ()
        for b in found:
            p = b.position
            xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
            ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
            out.append(Barcode(b.text, str(b.format).split(".")[-1].replace(" ", ""),
                               (min(xs) * factor, min(ys) * factor,
                                max(xs) * factor, max(ys) * factor)))
        if out:
            break
    return tuple(out)


def _mask(grey: Image.Image, barcodes: tuple[Barcode, ...]) -> Image.Image:
    """White out barcodes in the OCR copy: their bars read as garbage words."""
    if not barcodes:
        return grey
    from PIL import ImageDraw

    paper = _paper_colour(grey)  # not white: a white box on grey paper upsets the threshold
    grey = grey.copy()
    d = ImageDraw.Draw(grey)
    for b in barcodes:
        x0, y0, x1, y1 = b.bbox
        m = max(6, (y1 - y0) // 10)
        d.rectangle((x0 - m, y0 - m, x1 + m, y1 + m), fill=paper)
    return grey


def _ocr_grey(img: Image.Image, barcodes: tuple[Barcode, ...] = ()) -> Image.Image:
    """The page as tesseract should see it, at page resolution: grey, barcodes masked.

    Colour pages are reduced to grey by the *brightest* channel rather than luminance: black
    print stays black while red seals and blue signatures turn light, so a seal stamped over
    "CHỦ TỊCH" no longer hides the words from the OCR engine.
    """
    if img.mode == "RGB":
        r, g, b = img.split()
        g = ImageChops.lighter(ImageChops.lighter(r, g), b)
    else:
        g = img.convert("L")
    return _mask(g, barcodes)


def _ocr_scale(dpi: float) -> float:
    return OCR_UPSAMPLE_TO / dpi if dpi < OCR_UPSAMPLE_BELOW else 1.0


def _ocr_image(img: Image.Image, dpi: float, base: Path, barcodes: tuple[Barcode, ...] = ()) -> tuple[Path, float, float]:
    """The image tesseract reads: grey (or bilevel); captures under 200 dpi upsampled to 300.
    Returns (path, dpi, scale)."""
    scale = _ocr_scale(dpi)
    if img.mode == "1" and scale == 1.0 and not barcodes:
        p = base.with_suffix(".pbm")
        img.save(p)
        return p, dpi, 1.0
    g = _ocr_grey(img, barcodes)
    if scale != 1.0:
        g = g.resize((round(g.width * scale), round(g.height * scale)), Image.LANCZOS)
    p = base.with_suffix(".pgm")
    g.save(p)
    return p, dpi * scale, scale


def parse_tsv(tsv_path: Path, scale: float = 1.0) -> tuple[str, tuple[OcrWord, ...], float]:
    """Words (NFC) with boxes in output-image pixels, the page text in reading order, mean confidence."""
    words: list[OcrWord] = []
    with open(tsv_path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if len(row) < 12 or row[0] != "5":
                continue
            text = unicodedata.normalize("NFC", row[11]).strip()
            if not text:
                continue
            left, top, w, h = (int(v) for v in row[6:10])
            conf = float(row[10])
            bbox = (
                round(left / scale),
                round(top / scale),
                round((left + w) / scale),
                round((top + h) / scale),
            )
            words.append(OcrWord(text, conf, bbox, int(row[2]), int(row[3]), int(row[4])))
    text = words_text(words)
    mean_conf = _mean_conf(words)
    return text, tuple(words), mean_conf


def _mean_conf(words) -> float:
    confs = [w.conf for w in words if w.conf >= 0]
    return sum(confs) / len(confs) if confs else 0.0


def words_text(words) -> str:
    """Page text from words in reading order: lines by (block, par, line), a blank line between blocks."""
    lines: list[str] = []
    prev_block = prev_line_key = None
    cur: list[str] = []
    for w in words:
        key = (w.block, w.par, w.line)
        if key != prev_line_key and cur:
            lines.append(" ".join(cur))
            cur = []
            if w.block != prev_block:
                lines.append("")
        cur.append(w.text)
        prev_line_key, prev_block = key, w.block
    if cur:
        lines.append(" ".join(cur))
    return "\n".join(lines).strip()


def _good_words(words: tuple[OcrWord, ...]) -> int:
    return sum(1 for w in words if w.conf >= 60 and len(w.text) >= 2)


def find_cuts(grey: Image.Image, n: int) -> list[int]:
    """Rows (pixels from the top) where the page can be cut into ``n`` bands without cutting
    through a text line: a blank gap between lines near each 1/n of the height. [] if none."""
    if n < 2:
        return []
    f = 4
    a = np.asarray(grey.convert("L").reduce(f), dtype=np.uint8)
    h, w = a.shape
    m = max(1, int(w * 0.03))
    ink = (a[:, m : w - m] < 140).sum(axis=1)
    blank = ink <= 1
    runs = []
    y = 0
    while y < h:
        if blank[y]:
            y1 = y
            while y1 < h and blank[y1]:
                y1 += 1
            runs.append((y, y1))
            y = y1
        else:
            y += 1
    cuts = []
    for k in range(1, n):
        target = h * k / n
        near = [(b - a_, -abs((a_ + b) / 2 - target), (a_ + b) // 2) for a_, b in runs
                if abs((a_ + b) / 2 - target) < 0.12 * h and b - a_ >= 3]
        if not near:
            return []
        # the gap nearest the middle, not the widest: the widest is usually the one above the
        # signature block, and a band holding little more than a seal and a signature loses the
        # context tesseract needs to find the lines in it
        cuts.append(max(near, key=lambda r: r[1])[2] * f)
    cuts = sorted(set(cuts))
    return cuts if len(cuts) == n - 1 else []


def _tess_dpi(job: PageJob, dpi: float) -> int | None:
    """The resolution to tell tesseract: the page's, unless the file did not state one."""
    return None if job.ref.dpi_assumed else round(dpi)


def _run_ocr(img: Image.Image, dpi: float, job: PageJob, base: Path, barcodes=()):
    """OCR one upright page. With ``job.split`` > 1 the page is cut at blank rows into bands that
    tesseract reads at the same time (one process each): a one-page document then uses every core
    instead of one. Returns (text parts, text, words, mean confidence)."""
    ocr_path, ocr_dpi, scale = _ocr_image(img, dpi, base, barcodes)
    ocr_img = Image.open(ocr_path)
    cuts = find_cuts(ocr_img, job.split) if job.split > 1 else []
    if not cuts:
        ocr_img.close()
        pdf_path, tsv_path = tesseract.recognise(
            ocr_path, base, lang=job.lang, dpi=_tess_dpi(job, ocr_dpi), psm=job.psm, timeout=job.timeout
        )
        ocr_path.unlink(missing_ok=True)
        text, words, mean_conf = parse_tsv(tsv_path, scale)
        return ((str(pdf_path), 0, img.height),), text, words, mean_conf

    from concurrent.futures import ThreadPoolExecutor

    edges = [0, *cuts, ocr_img.height]
    bands = []
    for i in range(len(edges) - 1):
        y0, y1 = edges[i], edges[i + 1]
        b_base = base.with_name(f"{base.name}-b{i}")
        b_path = b_base.with_suffix(ocr_path.suffix)
        ocr_img.crop((0, y0, ocr_img.width, y1)).save(b_path)
        bands.append((y0, y1, b_base, b_path))
    ocr_img.close()
    ocr_path.unlink(missing_ok=True)

    def one(band):
        y0, y1, b_base, b_path = band
        out = tesseract.recognise(b_path, b_base, lang=job.lang, dpi=_tess_dpi(job, ocr_dpi), psm=job.psm,
                                  timeout=job.timeout)
        b_path.unlink(missing_ok=True)
        return out

    with ThreadPoolExecutor(len(bands)) as ex:  # tesseract runs in subprocesses: real parallelism
        outs = list(ex.map(one, bands))
    parts, texts, words = [], [], []
    for i, ((y0, y1, _, _), (pdf_path, tsv_path)) in enumerate(zip(bands, outs)):
        t, ws, _ = parse_tsv(tsv_path, scale)
        dy = round(y0 / scale)
        words += [OcrWord(w.text, w.conf, (w.bbox[0], w.bbox[1] + dy, w.bbox[2], w.bbox[3] + dy),
                          w.block + 1000 * i, w.par, w.line) for w in ws]
        if t:
            texts.append(t)
        parts.append((str(pdf_path), dy, min(img.height, round(y1 / scale))))
    mean_conf = _mean_conf(words)
    return tuple(parts), "\n\n".join(texts), tuple(words), mean_conf


REREAD_BLOCK = 5000  # block numbers of words found by a re-read (after the bands' 1000 * i)


def _flatten(grey: Image.Image) -> Image.Image:
    """Divide out the paper's local brightness: uneven light, vignetting and grey paper become
    white paper with dark print (local contrast normalisation before a second reading)."""
    from ..imaging.analysis import background

    a = np.asarray(grey, dtype=np.float32)
    cell = max(16, round(min(grey.size) / 100))
    out = np.clip(a / background(a, cell) * 255.0, 0, 255).astype(np.uint8)
    return Image.fromarray(out)


def _clusters(segs, ch: float) -> list[list]:
    """Unread segments that belong together (lines of one block: overlapping columns, less than
    two lines apart), largest first. Each cluster is read on its own, so the noise of a stamp in
    one place cannot make the reading of a lost title elsewhere look bad."""
    groups = [[s] for s in segs]
    merged = True
    while merged:
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                a, b = _span(groups[i]), _span(groups[j])
                if (a[0] < b[2] + 2 * ch and b[0] < a[2] + 2 * ch
                        and a[1] < b[3] + 2 * ch and b[1] < a[3] + 2 * ch):
                    groups[i] += groups.pop(j)
                    merged = True
                    break
            if merged:
                break
    return sorted(groups, key=lambda g: -sum(s.ink for s in g))


def _span(group):
    return (min(s.box[0] for s in group), min(s.box[1] for s in group),
            max(s.box[2] for s in group), max(s.box[3] for s in group))


def _reread(grey: Image.Image, flat: Image.Image, dpi: float, unread, ch: float, job: PageJob,
            base: Path, read=()):
    """Read unread line segments again, each strategy on a copy of their rows where everything
    else is paper. Returns (strategy, words in page pixels, text part) of the best reading, or
    None when no strategy found mostly confident words there.

    Strategies, after what loses lines on real scans (BENCHMARKS.md, issue 11): tesseract's
    global (Otsu) threshold on unevenly lit paper, and its layout analysis dropping a region:
    (1) the region with the paper's light divided out, read as one block (``--psm 6``, no layout
    analysis); (2) the same with tesseract's adaptive Sauvola threshold; (3) for captures under
    250 dpi, the flattened region at the other resolution (native if the first pass upsampled,
    300 dpi if it did not).
    """
    pad = max(2, round(0.3 * ch))
    boxes = [(max(0, x0 - pad), max(0, y0 - pad), min(grey.width, x1 + pad), min(grey.height, y1 + pad))
             for x0, y0, x1, y1 in (s.box for s in unread)]
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    k0 = _ocr_scale(dpi)
    strategies = [("flat-psm6", flat, k0, ""),
                  ("sauvola-psm6", grey, k0, "-c thresholding_method=2")]
    if dpi < REREAD_UPSAMPLE_BELOW:
        other = 1.0 if k0 != 1.0 else OCR_UPSAMPLE_TO / dpi
        strategies.append(("flat-native-psm6" if other == 1.0 else "flat-300dpi-psm6", flat, other, ""))
    best = None
    for i, (name, src, k, extra) in enumerate(strategies):
        canvas = Image.new("L", (grey.width, bottom - top), 255)
        for x0, y0, x1, y1 in boxes:
            canvas.paste(src.crop((x0, y0, x1, y1)), (x0, y0 - top))
        if read:  # never read twice what the first pass read (its words stay in the text layer)
            d = ImageDraw.Draw(canvas)
            for x0, y0, x1, y1 in read:
                d.rectangle((x0, y0 - top, x1, y1 - top), fill=255)
        if k != 1.0:
            canvas = canvas.resize((round(canvas.width * k), round(canvas.height * k)), Image.LANCZOS)
        b_base = base.with_name(f"{base.name}-{i}")
        path = b_base.with_suffix(".pgm")
        canvas.save(path)
        try:
            pdf_path, tsv_path = tesseract.recognise(path, b_base, lang=job.lang, dpi=_tess_dpi(job, dpi * k),
                                                     psm=6, timeout=job.timeout, extra=extra)
        finally:
            path.unlink(missing_ok=True)
        _, ws, _ = parse_tsv(tsv_path, k)
        ws = tuple(OcrWord(w.text, w.conf, (w.bbox[0], w.bbox[1] + top, w.bbox[2], w.bbox[3] + top),
                           w.block + REREAD_BLOCK, w.par, w.line) for w in ws)
        good = tuple(w for w in ws if w.conf >= coverage.COVER_CONF and _on_any(w.bbox, unread))
        score = _score(good)
        # the whole reading goes into the text layer: take it only when it is mostly confident
        # words on the unread ink, not the noise of a stamp or a scribble
        if score > 0 and len(good) >= 0.6 * len(ws) and (best is None or score > best[0]):
            if best is not None:
                Path(best[3][0]).unlink(missing_ok=True)
            best = (score, name, good, (str(pdf_path), top, bottom))
        else:
            Path(pdf_path).unlink(missing_ok=True)
    return None if best is None else best[1:]


def _insert_words(words: tuple[OcrWord, ...], extra: tuple[OcrWord, ...]) -> tuple[OcrWord, ...]:
    """Put the re-read blocks into reading order: each before the first block that starts below it."""
    if not extra:
        return words
    blocks: list[list[OcrWord]] = []
    for w in words:
        if not blocks or blocks[-1][0].block != w.block:
            blocks.append([])
        blocks[-1].append(w)
    new_blocks: dict[tuple[int, int], list[OcrWord]] = {}
    for w in extra:
        new_blocks.setdefault((w.par, w.line), []).append(w)
    for nb in sorted(new_blocks.values(), key=lambda b: min(w.bbox[1] for w in b)):
        top = min(w.bbox[1] for w in nb)
        at = next((i for i, b in enumerate(blocks) if min(w.bbox[1] for w in b) > top), len(blocks))
        blocks.insert(at, nb)
    return tuple(w for b in blocks for w in b)


def _complete(page: Image.Image, dpi: float, job: PageJob, base: Path, barcodes, parts, words):
    """The coverage guarantee: find text-like ink no recognised word covers, read it again, and
    return what stays unread. Returns (parts, words, lines found, strategy, words added, unread)."""
    grey = _ocr_grey(page, barcodes)
    exclude = [b.bbox for b in barcodes]
    cov = coverage.measure(grey, dpi, words, exclude)
    if not cov.unread:
        return parts, words, len(cov.segments), "", 0, ()
    names, added = set(), 0
    flat = _flatten(grey)
    read = [w.bbox for w in words if w.text.strip()]
    clusters = _clusters(cov.unread, cov.char_height)
    for ci, cluster in enumerate(clusters[:MAX_REREAD_CLUSTERS]):
        got = _reread(grey, flat, dpi, cluster, cov.char_height, job,
                      base.with_name(f"{base.name}-r{ci}"), read)
        if got is not None:
            name, keep, part = got
            words = _insert_words(words, keep)
            parts = (*parts, part)
            names.add(name)
            added += len(keep)
    strategy = "+".join(sorted(names))
    if added:
        cov = coverage.measure(grey, dpi, words, exclude)
    unread = tuple(s.box for s in cov.unread if _worth_review(s, cov.char_height))
    return parts, words, len(cov.segments), strategy, added, unread


def _on_any(bbox, segs) -> bool:
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return any(s.box[0] <= cx <= s.box[2] and s.box[1] <= cy <= s.box[3] for s in segs)


def _worth_review(seg, ch: float) -> bool:
    """A line's worth of unread print (about ten characters or more), not one doubtful word."""
    return seg.n_chars >= 8 and (seg.box[2] - seg.box[0]) >= 8 * ch


def _score(words: tuple[OcrWord, ...]) -> float:
    return sum(w.conf for w in words if w.conf > 0 and len(w.text) >= 2)


def _existing_layer(job: PageJob) -> tuple[PageOutcome | None, str]:
    """A PDF page's own text layer: the outcome that keeps the page as it is, or (None, why not)."""
    import dataclasses

    from ..metadata.pdftext import pdf_text_document
    from . import textlayer

    page = pdf_text_document(job.ref.path, page=job.ref.index).pages[0]
    if job.ref.text_layer == "digital":
        keep, why = True, "born-digital page: its own text is kept"
    else:
        keep, why = textlayer.judge(page.text, job.lang)
    if not keep:
        return None, why
    result = dataclasses.replace(page, index=job.index, source=job.ref.source, text_layer="kept",
                                 text_layer_reason=why)
    return PageOutcome(result=result, image_path="", text_parts=(),
                       keep_page=(job.ref.path, job.ref.index)), why


def process_page(job: PageJob) -> PageOutcome:
    tesseract.limit_threads()
    layer, layer_reason = "ocr", ""
    if job.ref.kind == "pdf" and job.ref.text_layer:
        kept, layer_reason = _existing_layer(job)
        if kept is not None:
            return kept
        layer = "replaced"
    workdir = Path(job.workdir)
    base = workdir / f"p{job.index:05d}"
    src = load_page(job.ref)
    dpi = job.ref.dpi
    src_format = (src.format or "").upper()
    img = _normalise_mode(src)
    an: PageAnalysis = analyse(img, dpi)
    rotation = an.rotation_cw if job.rotate else 0
    skew = an.skew_deg if job.deskew and not an.blank else 0.0
    method = "layout" if job.rotate else "none"
    warnings: list[str] = []

    page = _transform(img, rotation, skew)
    barcodes = () if an.blank else find_barcodes(page.convert("L"))
    parts, text, words, mean_conf = _run_ocr(page, dpi, job, base, barcodes)

    # Weak up/down evidence (little text): let OCR confidence decide between the two readings.
    if job.rotate and not an.blank and an.orientation_confidence < 0.25 and words:
        flipped_rot = (rotation + 180) % 360
        alt = _transform(img, flipped_rot, skew)
        alt_base = workdir / f"p{job.index:05d}-alt"
        alt_codes = find_barcodes(alt.convert("L"))
        alt_parts, alt_text, alt_words, alt_conf = _run_ocr(alt, dpi, job, alt_base, alt_codes)
        if _score(alt_words) > 1.3 * _score(words):
            parts, text, words, mean_conf = alt_parts, alt_text, alt_words, alt_conf
            barcodes = alt_codes
            page, rotation = alt, flipped_rot
        method = "ocr-trial"

    segments_found, reread, reread_words, unread = 0, "", 0, ()
    if not an.blank:
        parts, words, segments_found, reread, reread_words, unread = _complete(
            page, dpi, job, base, barcodes, parts, words)
        if reread_words:
            text = words_text(words)
            mean_conf = _mean_conf(words)
    blank = an.blank and _good_words(words) < 3
    untouched = rotation == 0 and abs(skew) < DESKEW_MIN_DEG
    if (
        untouched
        and src_format == "JPEG"
        and job.ref.kind == "jpeg"
        and job.colour == "auto"
        and not job.ref.dpi_assumed
        and store_mode(job.profile, job.colour, src.mode, an.colour) == {"L": "grey", "RGB": "colour"}.get(src.mode)
    ):
        # Keep the scanner's JPEG bytes as they are: no generation loss, no re-encoding cost.
        image_path = Path(job.ref.path)
        image_format = "jpeg"
        stored_colour = src.mode == "RGB"
    else:
        image_path, image_format, stored_colour = _encode(page, an.colour, job, dpi, base)
    if dpi < LOW_DPI:
        warnings.append(f"resolution {dpi:.0f} dpi is below the 200 dpi minimum for archive copies")
    elif dpi < job.min_dpi - 10:  # 290 dpi and up count as 300 (scanner rounding)
        warnings.append(f"resolution {dpi:.0f} dpi is below the {job.min_dpi:.0f} dpi minimum for maps "
                        "and drawings (Circular 05/2025 Art 8)")
    if job.ref.dpi_assumed:
        warnings.append("the file does not state its resolution; 300 dpi assumed")

    result = PageResult(
        index=job.index,
        source=job.ref.source,
        width_px=page.width,
        height_px=page.height,
        dpi=dpi,
        text=text,
        words=words,
        rotation_applied=rotation,
        orientation_method=method,
        orientation_confidence=an.orientation_confidence,
        deskew_angle=round(skew if abs(skew) >= DESKEW_MIN_DEG else 0.0, 2),
        blank=blank,
        colour=stored_colour,
        low_resolution=dpi < LOW_DPI,
        image_format=image_format,
        image_bytes=Path(image_path).stat().st_size,
        mean_conf=round(mean_conf, 2),
        warnings=tuple(warnings),
        barcodes=barcodes,
        segments_found=segments_found,
        reread=reread,
        reread_words=reread_words,
        unread_regions=unread,
        text_layer=layer,
        text_layer_reason=layer_reason,
    )
    return PageOutcome(
        result=result,
        image_path=str(image_path),
        text_parts=parts,
    )


def image_to_ref(img: Image.Image, workdir: Path, index: int, source: str, dpi: float | None) -> PageRef:
    """Persist an in-memory page (e.g. from the scanner) so a worker process can load it."""
    d = dpi or (img.info.get("dpi") or (300, 300))[0]
    path = workdir / f"in-{index:05d}.png"
    im = _normalise_mode(img)
    im.save(path, format="PNG", dpi=(d, d), compress_level=1)
    return PageRef(str(path), "png", 0, float(d), source)


__all__ = ["PageJob", "PageOutcome", "image_to_ref", "parse_tsv", "process_page"]
