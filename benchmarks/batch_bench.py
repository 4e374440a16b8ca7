#!/usr/bin/env python3
"""Batch benchmark on the development corpus (10 documents, 16 pages), same machine, same run:

* baseline: ``digitizer ocr`` once per document (what a shell loop over a backlog does: one
  process, one worker-pool start-up and one tesseract probe per document);
* ``digitizer batch MANIFEST -o OUT --sequential`` (OCR + metadata extraction/validation + XMP +
  sidecar, one process, the warm worker pool reused), documents one after another;
* ``digitizer batch`` (default): two documents OCR at once, sharing the page workers, and are
  finished (metadata ...) in order on the main thread;
* resume cost: the sequential command run again over its finished output (seconds).

Prints pages/min and the ratio batch / per-document ocr. The batch does *more* work per
document than ``ocr`` (metadata extraction, XMP embed, sidecar, journal, hashing the inputs).

    .venv/bin/python benchmarks/batch_bench.py [--corpus ../shared/eval/corpus/dev] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "corpus" / "dev"
DIGITIZER = [sys.executable, "-m", "digitizer"]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run(cmd: list[str], ok=(0,)) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(
        cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    dt = time.perf_counter() - t0
    if p.returncode not in ok:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    return dt


def per_document_ocr(corpus: Path, docs: list[dict], out: Path) -> float:
    out.mkdir(parents=True, exist_ok=True)
    t = 0.0
    for d in docs:
        t += run(
            [
                *DIGITIZER,
                "ocr",
                *[str(corpus / i) for i in d["inputs"]],
                "-o",
                str(out / f"{d['id']}.pdf"),
                "-q",
            ]
        )
    return t


def stage_sums(out: Path) -> dict[str, float]:
    conn = sqlite3.connect(out / ".batch" / "journal.sqlite3")
    sums: dict[str, float] = {}
    for (timings,) in conn.execute("SELECT timings FROM documents"):
        for k, v in json.loads(timings or "{}").items():
            sums[k] = sums.get(k, 0.0) + float(v)
    states = dict(conn.execute("SELECT state, count(*) FROM documents GROUP BY state").fetchall())
    conn.close()
    return {**{k: round(v, 1) for k, v in sums.items()}, "states": states}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=1)
    a = ap.parse_args()
    manifest = a.corpus / "manifest.json"
    docs = json.loads(manifest.read_text(encoding="utf-8"))
    pages = sum(d["n_pages"] for d in docs)
    rows: dict[str, list[float]] = {"ocr": [], "batch": [], "overlap": [], "resume": []}
    extra = {}
    for _ in range(a.rounds):
        tmp = Path(tempfile.mkdtemp(prefix="batch-bench-"))
        try:
            rows["ocr"].append(per_document_ocr(a.corpus, docs, tmp / "ocr"))
            # exit 12 is fine: documents whose metadata is incomplete need review
            rows["batch"].append(
                run(
                    [
                        *DIGITIZER,
                        "batch",
                        str(manifest),
                        "-o",
                        str(tmp / "b"),
                        "-q",
                        "--sequential",
                    ],
                    ok=(0, 12),
                )
            )
            rows["resume"].append(
                run([*DIGITIZER, "batch", str(manifest), "-o", str(tmp / "b"), "-q"], ok=(0, 12))
            )
            extra["sequential"] = stage_sums(tmp / "b")
            rows["overlap"].append(
                run([*DIGITIZER, "batch", str(manifest), "-o", str(tmp / "o"), "-q"], ok=(0, 12))
            )
            extra["overlap"] = stage_sums(tmp / "o")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    best = {k: min(v) for k, v in rows.items()}
    ppm = {k: pages / best[k] * 60 for k in ("ocr", "batch", "overlap")}
    print(
        f"corpus: {len(docs)} documents, {pages} pages, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f}, best of {a.rounds} round(s)"
    )
    print(f"{'run':40} {'s':>7} {'pages/min':>10} {'vs ocr loop':>12}")
    print(
        f"{'digitizer ocr, once per document':40} {best['ocr']:7.1f} {ppm['ocr']:10.1f} {1.0:12.2f}"
    )
    print(
        f"{'digitizer batch --sequential':40} {best['batch']:7.1f} {ppm['batch']:10.1f} "
        f"{ppm['batch'] / ppm['ocr']:12.2f}"
    )
    print(
        f"{'digitizer batch (default, 2 docs in OCR)':40} {best['overlap']:7.1f} "
        f"{ppm['overlap']:10.1f} "
        f"{ppm['overlap'] / ppm['ocr']:12.2f}"
    )
    print(
        f"resume over the finished batch (nothing to do): {best['resume']:.2f} s "
        f"(process start, hashing {len(docs)} documents' inputs, journal)"
    )
    print(f"stage sums (s): sequential {extra['sequential']}; overlap {extra['overlap']}")


if __name__ == "__main__":
    main()
