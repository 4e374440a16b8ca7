from __future__ import annotations

import json
from pathlib import Path

import pytest

from digitizer.model import DocumentResult, OcrWord, PageResult

DATA = Path(__file__).parent / "data"
CORPUS = Path("/work/shared/eval/corpus/dev")


def build_page(lines, index=0, width=2480, height=3508, conf=95.0, char_w=24, line_h=50):
    """A PageResult from (text, x_frac, y_frac) lines: words get boxes as a 300-dpi scan would."""
    words = []
    for n, item in enumerate(lines, 1):
        text, xf, yf = item[:3]
        c = item[3] if len(item) > 3 else conf
        x, y = int(xf * width), int(yf * height)
        for t in text.split():
            w = max(char_w, len(t) * char_w)
            words.append(OcrWord(t, c, (x, y, x + w, y + line_h), n, 1, 1))
            x += w + char_w
    text = "\n".join(item[0] for item in lines)
    return PageResult(
        index=index,
        source=f"synthetic#{index + 1}",
        width_px=width,
        height_px=height,
        dpi=300.0,
        text=text,
        words=tuple(words),
        rotation_applied=0,
        orientation_method="none",
        orientation_confidence=1.0,
        deskew_angle=0.0,
        blank=not words,
        colour=False,
        low_resolution=False,
        image_format="png",
        image_bytes=0,
        mean_conf=conf,
    )


@pytest.fixture
def make_doc():
    def make(*pages, output="synthetic.pdf"):
        return DocumentResult(
            output=output, pages=tuple(build_page(p, i) for i, p in enumerate(pages))
        )

    return make


@pytest.fixture(scope="session")
def fixture_docs():
    return {
        p.name.split(".")[0]: DocumentResult.from_dict(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(DATA.glob("dev-*.ocr.json"))
    }


@pytest.fixture(scope="session")
def corpus():
    if not (CORPUS / "manifest.json").is_file():
        pytest.skip("evaluation corpus not present at /work/shared/eval/corpus/dev")
    return CORPUS


def corpus_page_images(corpus: Path, entry: dict):
    from PIL import Image, ImageSequence

    from digitizer.metadata.barcodes import pdf_page_images

    out = []
    for rel in entry["inputs"]:
        p = corpus / rel
        if p.suffix == ".pdf":
            out.extend(pdf_page_images(p))
        else:
            out.extend(fr.copy() for fr in ImageSequence.Iterator(Image.open(p)))
    return out


@pytest.fixture(scope="session")
def corpus_barcodes(corpus):
    from digitizer.metadata.barcodes import read_barcodes_pages

    manifest = json.loads((corpus / "manifest.json").read_text())
    return {e["id"]: read_barcodes_pages(corpus_page_images(corpus, e)) for e in manifest}
