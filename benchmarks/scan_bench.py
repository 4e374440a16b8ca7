"""Streaming scan->OCR vs scan-then-OCR, same device, same pages, same run.

Measures, for a feeder batch (default 5 pages), the time from the last page leaving the scanner
to the searchable PDF being ready, plus the total time. The SANE ``test`` device is made to
scan at a realistic speed with its ``read-delay`` option (default ~2.5 s per page at 300 dpi
colour, i.e. a 25 ppm office feeder) so OCR has something to overlap with.

    .venv/bin/python benchmarks/scan_bench.py [--pages 5] [--rounds 1] [--delay-us 200000]

Prints both figures per round and the ratios streaming / scan-then-OCR (lower is better).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digitizer.acquire.sane_backend import SaneBackend
from digitizer.acquire.scanner import ScanSettings, scan_batch, scan_to_pdf
from digitizer.pipeline import OcrOptions, OcrSession


def _device(backend: SaneBackend, delay_us: int):
    dev = backend.open("test:0")
    if delay_us:
        dev.set_option("read-delay", True)
        dev.set_option("read-delay-duration", delay_us)
    return dev


def run_streaming(backend, settings, opts, delay_us, out: Path) -> tuple[float, float, float]:
    marks: dict[str, float] = {}

    def progress(ev):
        if ev.stage == "scan" and ev.extra.get("scanned"):
            marks["last"] = time.monotonic()
            marks.setdefault("first", marks["last"])

    dev = _device(backend, delay_us)
    t0 = time.monotonic()
    try:
        scan_to_pdf(dev, settings, out, opts, progress=progress)
    finally:
        dev.close()
    t_end = time.monotonic()
    return t_end - marks["last"], t_end - t0, marks["last"] - t0


def run_scan_then_ocr(backend, settings, opts, delay_us, out: Path) -> tuple[float, float, float]:
    pages = []
    dev = _device(backend, delay_us)
    t0 = time.monotonic()
    try:
        scan_batch(dev, settings, pages.append)
    finally:
        dev.close()
    t_last = pages[-1].scanned_at
    with OcrSession(opts) as s:
        for p in pages:
            s.add_image(p.image, source=p.source)
        s.finish(out)
    t_end = time.monotonic()
    return t_end - t_last, t_end - t0, t_last - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--delay-us", type=int, default=200000, help="SANE test read-delay per buffer")
    ap.add_argument("--mode", default="color", choices=["color", "gray"])
    ap.add_argument("--resolution", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--sane-config-dir", help="dir with dll.conf enabling 'test' (default: temp)")
    a = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        tmp_path = Path(tmp)
        cfg = a.sane_config_dir
        if cfg is None:
            cfg = tmp_path / "sane"
            cfg.mkdir()
            (cfg / "dll.conf").write_text("test\n")
        backend = SaneBackend(cfg)
        settings = ScanSettings(
            batch=True,
            max_pages=a.pages,
            mode=a.mode,
            resolution=a.resolution,
            device_options=(("test-picture", "Grid"),),
        )
        opts = OcrOptions(jobs=a.jobs)
        results: dict[str, list[tuple[float, float, float]]] = {"stream": [], "batch": []}
        for r in range(a.rounds):
            order = ("stream", "batch") if r % 2 == 0 else ("batch", "stream")
            for kind in order:
                fn = run_streaming if kind == "stream" else run_scan_then_ocr
                res = fn(backend, settings, opts, a.delay_us, tmp_path / f"{kind}{r}.pdf")
                results[kind].append(res)
                print(
                    f"round {r + 1} {kind:6s}: last page -> PDF {res[0]:6.2f} s, "
                    f"total {res[1]:6.2f} s (scanning {res[2]:5.2f} s, "
                    f"{res[2] / a.pages:.2f} s/page)",
                    flush=True,
                )
        s_lat = statistics.median(x[0] for x in results["stream"])
        b_lat = statistics.median(x[0] for x in results["batch"])
        s_tot = statistics.median(x[1] for x in results["stream"])
        b_tot = statistics.median(x[1] for x in results["batch"])
        print(
            f"\n{a.pages}-page feeder batch, {a.resolution} dpi {a.mode}, "
            f"median of {a.rounds} round(s):"
        )
        print(
            f"  last page -> searchable PDF: streaming {s_lat:.2f} s, scan-then-OCR {b_lat:.2f} s,"
            f" ratio {s_lat / b_lat:.2f}"
        )
        print(
            f"  total time:                  streaming {s_tot:.2f} s, scan-then-OCR {b_tot:.2f} s,"
            f" ratio {s_tot / b_tot:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
