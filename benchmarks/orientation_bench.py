#!/usr/bin/env python3
"""Orientation check beyond the corpus as scanned: every content page of the development corpus,
first turned upright with its ground truth, then presented in all four turns (0/90/180/270) to
our layout analysis. Prints the wrong decisions, the count, and the analysis time per page next
to tesseract OSD's time on the same pages (the alternative we did not take).

    .venv/bin/python benchmarks/orientation_bench.py [--corpus ../shared/eval/corpus/dev] [--osd]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digitizer.imaging.analysis import analyse  # noqa: E402


def pages(corpus: Path):
    from pdf2image import convert_from_path

    for d in json.loads((corpus / "manifest.json").read_text()):
        gt = json.loads((corpus / "gt" / f"{d['id']}.json").read_text())
        imgs = []
        for rel in d["inputs"]:
            p = corpus / rel
            if p.suffix.lower() == ".pdf":
                imgs += [(im, d["dpi"]) for im in convert_from_path(str(p), dpi=d["dpi"])]
            else:
                im = Image.open(p)
                for i in range(getattr(im, "n_frames", 1)):
                    im.seek(i)
                    c = im.copy()
                    imgs.append((c, (c.info.get("dpi") or (300, 300))[0]))
        for i, (im, dpi) in enumerate(imgs):
            g = gt["pages"][i]
            if not g["blank"]:
                upright = im.rotate(-((360 - g["rotation_cw"]) % 360), expand=True)
                yield f"{d['id']}#{i + 1}", upright, dpi


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "eval" / "corpus" / "dev")
    ap.add_argument("--osd", action="store_true", help="also time tesseract --psm 0 on each upright page")
    args = ap.parse_args()
    wrong = total = 0
    t_ours = t_osd = 0.0
    n_osd = osd_fail = 0
    for name, up, dpi in pages(args.corpus):
        for turn in (0, 90, 180, 270):
            img = up.rotate(-turn, expand=True)
            t0 = time.perf_counter()
            a = analyse(img, dpi)
            t_ours += time.perf_counter() - t0
            total += 1
            if a.rotation_cw != (360 - turn) % 360:
                wrong += 1
                print(f"WRONG {name} turned {turn}: got rotation {a.rotation_cw}")
        if args.osd:
            with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
                up.convert("L").save(tmp.name)
                t0 = time.perf_counter()
                r = subprocess.run(["tesseract", tmp.name, "-", "--psm", "0", "--dpi", str(int(dpi))],
                                   capture_output=True, text=True,
                                   env={**os.environ, "OMP_THREAD_LIMIT": "1"})
                t_osd += time.perf_counter() - t0
                n_osd += 1
                osd_fail += "Orientation in degrees" not in (r.stdout + r.stderr)
    print(f"layout analysis: {total - wrong}/{total} turns right, "
          f"{t_ours / total * 1000:.0f} ms per page")
    if n_osd:
        print(f"tesseract OSD: {t_osd / n_osd * 1000:.0f} ms per page, gave no answer on "
              f"{osd_fail}/{n_osd} upright pages; ratio OSD/ours x{(t_osd / n_osd) / (t_ours / total):.1f}")
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
