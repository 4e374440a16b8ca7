#!/usr/bin/env python3
"""Degraded variants of pages we have ground truth for: material *unlike* the development corpus.

    .venv/bin/python benchmarks/degrade.py [--out benchmarks/_out/degraded] [--seed 7]

Writes two scorable sets (never committed; benchmarks/_out is ignored by git):

* ``<out>/dev/``: every page of the development corpus (``../shared/eval/corpus/dev``) given a
  second, different degradation and wrapped in an image-only PDF per document (JPEG inside the
  PDF, as a copier's "scan to PDF" does). Same layout as the corpus (``manifest.json``, ``gt/``
  with the thumbnails), so ``score.py <out>/dev OUT`` scores it.
* ``<out>/real/``: the six real scans with transcriptions (``../shared/eval/real/nom-vn``), each in
  three variants: ``uneven`` (illumination gradient + vignetting + 2-3° skew + JPEG 65),
  ``lowres`` (downsampled to 100-150 dpi + 1 px blur + JPEG 70), ``dark`` (grey paper, darker,
  noise, 1.2-1.5 px blur, skew, JPEG 60). Inputs are one-page PDFs ``pdf/<stem>.pdf``; the tree
  ``nom-vn/gt``, ``nom-vn/pages`` and ``noise.json`` let ``score_real.py --root <out>/real OUT``
  score them, with the original page's ignore list.

The degradations follow what the issue measured on held-out material (skew up to ~2.6°, blur
~1.2 px, JPEG quality 60-70 inside PDFs, illumination gradients and vignetting, 100-150 dpi
captures); each variant draws its parameters from a seeded generator, so a run is repeatable.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import img2pdf
import numpy as np
from PIL import Image, ImageFilter

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
DEV = SHARED / "corpus" / "dev"
REAL = SHARED / "real"

KINDS = ("uneven", "lowres", "dark")


def _grey_or_rgb(img: Image.Image) -> Image.Image:
    if img.mode == "1":
        # a bilevel scan becomes the grey capture it was made from: soften the edges slightly
        return img.convert("L").filter(ImageFilter.GaussianBlur(0.6))
    return img.convert("RGB") if img.mode not in ("L", "RGB") else img


def _illumination(a: np.ndarray, rng: random.Random, strength: float, vignette: float) -> np.ndarray:
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    n = (abs(gx) + abs(gy)) or 1.0
    ramp = ((xx / w - 0.5) * gx + (yy / h - 0.5) * gy) / n  # -0.5..0.5 across the page
    light = 1.0 - strength * (ramp + 0.5)
    r2 = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) / 0.5
    light *= 1.0 - vignette * r2
    if a.ndim == 3:
        light = light[..., None]
    return a * light


def degrade(img: Image.Image, dpi: float, kind: str, rng: random.Random) -> tuple[Image.Image, float, int]:
    """Return (degraded image, its dpi, JPEG quality to store it with)."""
    img = _grey_or_rgb(img)
    if kind == "lowres":
        target = rng.uniform(100, 150)
        if dpi > target:
            k = target / dpi
            img = img.resize((round(img.width * k), round(img.height * k)), Image.BOX)
            dpi = target
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.1)))
        a = np.asarray(img, dtype=np.float32)
        a = _illumination(a, rng, rng.uniform(0.05, 0.15), 0.05)
        quality = rng.randint(66, 72)
    else:
        skew = rng.choice((-1, 1)) * rng.uniform(2.0, 2.9)
        fill = 255 if img.mode == "L" else (255, 255, 255)
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=fill)
        a = np.asarray(img, dtype=np.float32)
        if kind == "uneven":
            a = _illumination(a, rng, rng.uniform(0.35, 0.5), rng.uniform(0.15, 0.3))
            quality = rng.randint(62, 68)
        else:  # dark
            paper = rng.uniform(0.68, 0.8)
            a = a * paper
            a = _illumination(a, rng, rng.uniform(0.1, 0.2), 0.1)
            a = a + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(5, 8), a.shape)
            quality = rng.randint(58, 62)
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        if kind == "dark":
            img = img.filter(ImageFilter.GaussianBlur(rng.uniform(1.2, 1.5)))
        return img, dpi, quality
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return img, dpi, quality


def _jpeg_pdf(pages: list[tuple[Image.Image, float, int]], path: Path) -> None:
    blobs = []
    for im, dpi, q in pages:
        b = io.BytesIO()
        im.save(b, format="JPEG", quality=q, dpi=(round(dpi), round(dpi)))
        blobs.append(b.getvalue())
    path.write_bytes(img2pdf.convert(blobs))


def _pages_of(path: Path, dpi: int, tmp: Path) -> list[Image.Image]:
    if path.suffix.lower() == ".pdf":
        prefix = tmp / path.stem
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
        return [Image.open(p) for p in sorted(tmp.glob(f"{path.stem}-*.png"))]
    im = Image.open(path)
    out = []
    for i in range(getattr(im, "n_frames", 1)):
        im.seek(i)
        out.append(im.copy())
    return out


def make_dev(out: Path, rng: random.Random) -> int:
    dst = out / "dev"
    shutil.rmtree(dst, ignore_errors=True)
    (dst / "input").mkdir(parents=True)
    shutil.copytree(DEV / "gt", dst / "gt")
    manifest = json.loads((DEV / "manifest.json").read_text())
    n = 0
    with tempfile.TemporaryDirectory() as t:
        for d in manifest:
            pages = []
            for rel in d["inputs"]:
                for im in _pages_of(DEV / rel, d.get("dpi", 300), Path(t)):
                    kind = KINDS[n % len(KINDS)]
                    n += 1
                    pages.append(degrade(im, float(d.get("dpi", 300)), kind, rng))
            pdf = dst / "input" / d["id"] / f"{d['id']}.pdf"
            pdf.parent.mkdir(parents=True)
            _jpeg_pdf(pages, pdf)
            d["inputs"] = [f"input/{d['id']}/{d['id']}.pdf"]
            d["input_format"] = "pdf"
    (dst / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return n


def make_real(out: Path, rng: random.Random) -> int:
    dst = out / "real"
    shutil.rmtree(dst, ignore_errors=True)
    for sub in ("nom-vn/gt", "nom-vn/pages", "pdf"):
        (dst / sub).mkdir(parents=True)
    noise = json.loads((REAL / "noise.json").read_text(encoding="utf-8"))
    new_noise = {}
    n = 0
    for png in sorted((REAL / "nom-vn" / "pages").glob("*.png")):
        stem = png.stem
        im = Image.open(png)
        dpi = 200.0  # the MANIFEST: effective 200 dpi (no dpi tag in the PNGs)
        for kind in KINDS:
            vstem = f"{stem}__{kind}"
            page = degrade(im, dpi, kind, rng)
            _jpeg_pdf([page], dst / "pdf" / f"{vstem}.pdf")
            page[0].save(dst / "nom-vn" / "pages" / f"{vstem}.png")
            shutil.copy(REAL / "nom-vn" / "gt" / f"{stem}.gt.txt", dst / "nom-vn" / "gt" / f"{vstem}.gt.txt")
            if stem in noise:
                new_noise[vstem] = noise[stem]
            n += 1
    (dst / "noise.json").write_text(json.dumps(new_noise, ensure_ascii=False, indent=1), encoding="utf-8")
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "_out" / "degraded")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sets", default="dev,real")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    a.out.mkdir(parents=True, exist_ok=True)
    if "dev" in a.sets:
        print(f"dev: {make_dev(a.out, rng)} degraded pages in {a.out / 'dev'}")
    if "real" in a.sets:
        print(f"real: {make_real(a.out, rng)} degraded pages in {a.out / 'real'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
