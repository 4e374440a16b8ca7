#!/usr/bin/env python3
"""OCR benchmark on the development corpus: our pipeline vs raw tesseract vs OCRmyPDF, same
inputs, same run, same machine. Prints pages/min, CER (with and without diacritics), pages
upright, KB/page, and our ratios to each other tool.

    .venv/bin/python benchmarks/ocr_bench.py [--tools ours,tesseract,ocrmypdf,ocrmypdf-t2]
        [--corpus ../shared/eval/corpus/dev] [--out benchmarks/_out] [--jobs N] [--docs dev-001,...]

Raw tesseract runs one process per page on all cores (OMP_THREAD_LIMIT=1), pages as given
(PDF pages rasterised at their native resolution with pdftoppm first, timed). OCRmyPDF runs
`-l vie+eng --rotate-pages --deskew --jobs N` on a PDF of the pages (img2pdf for images), once
with its default rotation threshold and once with `--rotate-pages-threshold 2`.
Blank back sides are dropped by our pipeline (--drop-blank); the other tools keep them, which the
scorer reports but which does not change their CER.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "corpus" / "dev"
ENV1 = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def load_scorer(corpus: Path):
    score_py = corpus.parents[1] / "score.py"
    spec = importlib.util.spec_from_file_location("eval_score", score_py)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_ours(docs, corpus: Path, out: Path, jobs: int, lang: str) -> None:
    sys.path.insert(0, str(REPO))
    from digitizer.pipeline import OcrOptions, ocr_document

    opts = OcrOptions(lang=lang, jobs=jobs, drop_blank=True)
    for d in docs:
        ocr_document([corpus / p for p in d["inputs"]], out / f"{d['id']}.pdf", opts,
                     sidecar=out / f"{d['id']}.ocr.json")


def run_tesseract(docs, corpus: Path, out: Path, jobs: int, lang: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-tess-"))
    try:
        tasks = []  # (doc id, order, image path)
        for d in docs:
            k = 0
            for rel in d["inputs"]:
                src = corpus / rel
                if src.suffix.lower() == ".pdf":
                    dpi = str(d.get("dpi", 300))
                    prefix = tmp / f"{d['id']}-{k:03d}"
                    subprocess.run(["pdftoppm", "-r", dpi, "-png", str(src), str(prefix)], check=True)
                    for png in sorted(tmp.glob(f"{prefix.name}-*.png")):
                        tasks.append((d["id"], k, png))
                        k += 1
                else:
                    tasks.append((d["id"], k, src))
                    k += 1

        def one(t):
            did, k, img = t
            base = tmp / f"{did}-out-{k:03d}"
            subprocess.run(["tesseract", str(img), str(base), "-l", lang, "pdf"], check=True,
                           env=ENV1, capture_output=True)
            return did, k, base.with_suffix(".pdf")

        with ThreadPoolExecutor(jobs) as ex:
            done = list(ex.map(one, tasks))
        for d in docs:
            parts = [str(p) for did, k, p in sorted(done) if did == d["id"]]
            subprocess.run(["qpdf", "--empty", "--pages", *parts, "--", str(out / f"{d['id']}.pdf")],
                           check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_ocrmypdf(docs, corpus: Path, out: Path, jobs: int, lang: str, threshold: float | None) -> None:
    import img2pdf

    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).parent / "ocrmypdf")
    tmp = Path(tempfile.mkdtemp(prefix="bench-omp-"))
    try:
        for d in docs:
            ins = [corpus / p for p in d["inputs"]]
            if len(ins) == 1 and ins[0].suffix.lower() == ".pdf":
                src = ins[0]
            else:
                src = tmp / f"{d['id']}.pdf"
                src.write_bytes(img2pdf.convert([str(p) for p in ins]))
            cmd = [exe, "-q", "-l", lang, "--rotate-pages", "--deskew", "--jobs", str(jobs)]
            if threshold is not None:
                cmd += ["--rotate-pages-threshold", str(threshold)]
            subprocess.run([*cmd, str(src), str(out / f"{d['id']}.pdf")], check=True, env=ENV1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


TOOLS = {
    "ours": lambda docs, c, o, j, l: run_ours(docs, c, o, j, l),
    # the same pipeline with Debian's Vietnamese *script* model instead of the small `vie` model
    "ours-script": lambda docs, c, o, j, l: run_ours(docs, c, o, j, l.replace("vie", "Vietnamese")),
    # Vietnamese alone (no English model): fewer confusions on these documents, but English words
    # (foreign names, "Code", URLs) are then read with the Vietnamese model only
    "ours-vie": lambda docs, c, o, j, l: run_ours(docs, c, o, j, "vie"),
    "tesseract": lambda docs, c, o, j, l: run_tesseract(docs, c, o, j, l),
    "ocrmypdf": lambda docs, c, o, j, l: run_ocrmypdf(docs, c, o, j, l, None),
    "ocrmypdf-t2": lambda docs, c, o, j, l: run_ocrmypdf(docs, c, o, j, l, 2),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tools", default="ours,tesseract,ocrmypdf,ocrmypdf-t2")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "_out")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--lang", default="vie+eng")
    ap.add_argument("--docs", default="", help="comma-separated ids (default: all)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--verbose", action="store_true", help="print the scorer's per-document rows")
    args = ap.parse_args()

    manifest = json.loads((args.corpus / "manifest.json").read_text())
    if args.docs:
        wanted = set(args.docs.split(","))
        manifest = [d for d in manifest if d["id"] in wanted]
    n_pages = sum(d["n_pages"] for d in manifest)
    scorer = load_scorer(args.corpus)
    rows = {}
    for tool in args.tools.split(","):
        out = args.out / tool
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        t0 = time.perf_counter()
        TOOLS[tool](manifest, args.corpus, out, args.jobs, args.lang)
        wall = time.perf_counter() - t0
        res = [r for r in scorer.score_dir(args.corpus, out) if r["id"] in {d["id"] for d in manifest}]
        summ = scorer.summary(res)
        if args.verbose:
            for r in res:
                print(f"  {tool:12s} {r['id']} CER={r['cer']:.4f} upright={r.get('upright')} "
                      f"blank={r.get('blank')} kbpp={r.get('kb_per_page')}")
        rows[tool] = dict(
            wall_s=round(wall, 2),
            pages_per_min=round(n_pages / wall * 60, 1),
            cer_micro=summ.get("cer"),
            cer_mean_doc=round(statistics.mean(r["cer"] for r in res), 4),
            cer_nd=summ.get("cer_nd"),
            upright=f"{summ['upright']}/{summ['content_pages']}",
            kb_per_page=round(summ["kb_per_page"], 1),
            summary=scorer.fmt_summary(summ),
        )
        print(f"{tool}: {rows[tool]['summary']}  [{wall:.1f} s]", flush=True)

    print()
    print(f"corpus: {args.corpus} ({len(manifest)} documents, {n_pages} input pages), jobs={args.jobs}")
    print(f"{'tool':12s} {'pages/min':>9s} {'CER mean/doc':>12s} {'CER micro':>9s} {'CER no-diac':>11s} "
          f"{'upright':>8s} {'KB/page':>8s}")
    for tool, r in rows.items():
        print(f"{tool:12s} {r['pages_per_min']:9.1f} {r['cer_mean_doc'] * 100:11.2f}% "
              f"{(r['cer_micro'] or 0) * 100:8.2f}% {(r['cer_nd'] or 0) * 100:10.2f}% "
              f"{r['upright']:>8s} {r['kb_per_page']:8.1f}")
    if "ours" in rows:
        o = rows["ours"]
        for tool, r in rows.items():
            if tool.startswith("ours"):
                continue
            print(f"ours vs {tool}: speed x{o['pages_per_min'] / r['pages_per_min']:.2f}, "
                  f"CER x{o['cer_mean_doc'] / max(r['cer_mean_doc'], 1e-9):.2f}, "
                  f"size x{o['kb_per_page'] / max(r['kb_per_page'], 1e-9):.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
