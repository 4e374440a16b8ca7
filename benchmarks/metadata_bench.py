"""Field-level accuracy of metadata extraction, per source: dev corpus, degraded variants, real scans.

    .venv/bin/python benchmarks/metadata_bench.py [--source dev|degraded|real|all] [--show]
        [--corpus DIR] [--fresh-ocr] [--noise P] [--seeds N] [--signer] [--calibration]

* ``dev``: the synthetic development corpus (10 documents), cached OCR sidecars in
  tests/metadata/data (real tesseract output of the project pipeline; ``--fresh-ocr`` re-runs
  the pipeline), barcodes read from the corpus page images. Fields: the corpus ground truth
  (organ, type, number, notation, date, applicant, citizen ID, dossier and procedure codes), plus
  signer name/position from the ground-truth text with ``--signer``.
* ``degraded``: the same documents with synthetic OCR faults (``digitizer.metadata.noise``:
  diacritics dropped/swapped on a share P of the words, O/0 and l/1 in numbers, numeric dates),
  ``--seeds`` variants each, no barcodes (codes come from the printed text).
* ``real``: the real scans of tests/metadata/data/real (cached pipeline OCR of
  /work/shared/eval/real), header fields of ``<id>.gt.json`` (organ, parent organ, number,
  notation, date, type, abstract, signer authority, position, name).

Per source: fields right (``absent`` = neither truth nor pre-fill has a value, counted right, as in
the corpus scorer), values pre-filled (confidence >= 0.5), pre-filled but wrong. ``--calibration``
prints, for the real scans, how often the best suggestion is right per confidence band.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digitizer.metadata.barcodes import read_barcodes_pages
from digitizer.metadata.evaluate import (
    REAL_FIELDS,
    gt_signer,
    gt_to_record,
    score_fields,
    score_suggestions,
)
from digitizer.metadata.extract import extract
from digitizer.metadata.noise import perturb
from digitizer.model import DocumentResult

FIXTURES = ROOT / "tests" / "metadata" / "data"
REAL = FIXTURES / "real"
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def corpus_images(corpus: Path, entry: dict):
    from PIL import Image, ImageSequence

    out = []
    for rel in entry["inputs"]:
        p = corpus / rel
        if p.suffix == ".pdf":
            from digitizer.metadata.barcodes import pdf_page_images

            out.extend(pdf_page_images(p))
        else:
            im = Image.open(p)
            out.extend(fr.copy() for fr in ImageSequence.Iterator(im))
    return out


def load_doc(corpus: Path, entry: dict, fresh: bool, tmp: Path) -> DocumentResult:
    if fresh:
        from digitizer.pipeline import OcrOptions, ocr_document

        return ocr_document(
            [corpus / r for r in entry["inputs"]],
            tmp / f"{entry['id']}.pdf",
            OcrOptions(lang="vie+eng"),
        )
    return DocumentResult.from_dict(json.loads((FIXTURES / f"{entry['id']}.ocr.json").read_text()))


def _table(
    title: str,
    per_field: dict[str, Counter],
    pre: Counter,
    n_docs: int,
    hints: Counter | None = None,
) -> dict:
    print(f"\n== {title}")
    print(
        f"{'field':17} {'right':>5} {'wrong':>5} {'miss':>5} {'absent':>6}  {'right%':>6}"
        f"  {'pre-filled':>10} {'pre-wrong':>9}" + ("  hint-right" if hints is not None else "")
    )
    tot_ok = tot = tot_pre = tot_prew = 0
    for k, c in per_field.items():
        ok = c["right"] + c["absent"]
        n = sum(c.values())
        wrong = c["wrong"] + c["spurious"]
        tot_ok, tot, tot_pre, tot_prew = tot_ok + ok, tot + n, tot_pre + pre[k], tot_prew + wrong
        print(
            f"{k:17} {c['right']:5} {wrong:5} {c['missing']:5} {c['absent']:6}  {ok / n:6.1%}"
            f"  {pre[k]:10} {wrong:9}" + (f"  {hints[k]:10}" if hints is not None else "")
        )
    share = tot_prew / tot_pre if tot_pre else 0.0
    print(
        f"{'OVERALL':17} fields right {tot_ok}/{tot} = {tot_ok / tot:.1%}; pre-filled {tot_pre}, "
        f"pre-filled but wrong {tot_prew} = {share:.1%} of pre-filled ({n_docs} documents)"
    )
    return {"right": tot_ok, "fields": tot, "prefilled": tot_pre, "prefilled_wrong": tot_prew}


def run_dev(corpus: Path, fresh: bool, show: bool, signer: bool, noise: float, seeds: int) -> dict:
    import tempfile

    manifest = json.loads((corpus / "manifest.json").read_text())
    per_field: dict[str, Counter] = defaultdict(Counter)
    pre: Counter = Counter()
    rows = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as td:
        for entry in manifest:
            gt_doc = json.loads((corpus / "gt" / f"{entry['id']}.json").read_text())
            gt = gt_to_record(gt_doc["metadata"])
            if signer:
                gt.update(gt_signer(gt_doc))
            doc = load_doc(corpus, entry, fresh, Path(td))
            codes = [] if noise else read_barcodes_pages(corpus_images(corpus, entry))
            for seed in range(seeds if noise else 1):
                d = perturb(doc, seed=seed, p_marks=noise, p_digit=0.3) if noise else doc
                rec = extract(d, barcodes=codes).record()
                res = score_fields(rec, gt)
                for k, v in res.items():
                    per_field[k][v] += 1
                    pre[k] += k in rec
                rows.append((f"{entry['id']}#{seed}" if noise else entry["id"], res, rec, gt))
    title = (
        f"degraded: dev corpus with synthetic OCR noise p={noise}, {seeds} seeds, no barcodes"
        if noise
        else "dev corpus (cached pipeline OCR, barcodes from the page images)"
    )
    out = _table(title, per_field, pre, len(rows))
    print(f"   {time.perf_counter() - t0:.1f} s")
    if show:
        for did, res, rec, gt in rows:
            bad = {k: (rec.get(k), gt[k]) for k, v in res.items() if v not in ("right", "absent")}
            if bad:
                print("  ", did, bad)
    return out


def run_real(show: bool, calibration: bool, real_dir: Path = REAL) -> dict:
    per_field: dict[str, Counter] = defaultdict(Counter)
    pre: Counter = Counter()
    hints: Counter = Counter()  # missing, but the hint (not pre-filled) has the right value
    points = []  # (field, confidence, correct)
    t0 = time.perf_counter()
    gts = sorted(REAL.glob("*.gt.json"))
    for g in gts:
        gt = json.loads(g.read_text(encoding="utf-8"))
        side = real_dir / f"{gt['id']}.ocr.json"
        doc = DocumentResult.from_dict(json.loads(side.read_text(encoding="utf-8")))
        sugg = extract(doc, barcodes=[])
        res = score_suggestions(sugg, {k: gt["fields"][k] for k in REAL_FIELDS})
        for k, r in res.items():
            per_field[k][r["status"]] += 1
            pre[k] += r["prefilled"]
            hints[k] += r["hint_right"]
            if r["confidence"] is not None:
                points.append((k, r["confidence"], r["correct"]))
        if show:
            for k, r in res.items():
                if r["status"] not in ("right", "absent") or r["hint_right"]:
                    print(
                        f"   {gt['id']:14} {k:16} {r['status']:7} conf={r['confidence']} "
                        f"got={r['value']!r} truth={r['truth']!r} {r['note']}"
                    )
    src = "cached pipeline OCR" if real_dir == REAL else f"OCR sidecars from {real_dir}"
    out = _table(f"real scans ({len(gts)} documents, {src})", per_field, pre, len(gts), hints)
    print(f"   {time.perf_counter() - t0:.1f} s")
    if calibration:
        print("\n   calibration (best suggestion per field, real scans)")
        print(f"   {'confidence':12} {'values':>6} {'right':>6} {'right%':>7}")
        for lo, hi in BANDS:
            xs = [c for _k, conf, c in points if lo <= conf < hi]
            if xs:
                print(
                    f"   {lo:.2f}–{min(hi, 1.0):.2f}    {len(xs):6} {sum(xs):6} {sum(xs) / len(xs):7.1%}"
                )
        hi_pts = [c for _k, conf, c in points if conf >= 0.5]
        if hi_pts:
            print(
                f"   >= 0.50       {len(hi_pts):6} {sum(hi_pts):6} {sum(hi_pts) / len(hi_pts):7.1%}"
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", choices=("dev", "degraded", "real", "all"), default="all")
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/eval/corpus/dev"))
    ap.add_argument("--fresh-ocr", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the fields not right per document")
    ap.add_argument(
        "--noise", type=float, default=0.25, metavar="P", help="degraded: share of noisy words"
    )
    ap.add_argument("--seeds", type=int, default=3, help="degraded: noisy variants per document")
    ap.add_argument(
        "--signer",
        action="store_true",
        help="dev/degraded: also score signer_name/signer_position against values derived "
        "from the ground-truth text (they are not part of the corpus metadata)",
    )
    ap.add_argument("--calibration", action="store_true", help="real: confidence bands")
    ap.add_argument(
        "--real-ocr",
        type=Path,
        default=REAL,
        metavar="DIR",
        help="real: read <id>.ocr.json from DIR instead of the cached sidecars (e.g. a fresh "
        "run of make_fixtures.py --real written elsewhere)",
    )
    a = ap.parse_args()
    if a.source in ("dev", "all"):
        run_dev(a.corpus, a.fresh_ocr, a.show, a.signer, 0.0, 1)
    if a.source in ("degraded", "all"):
        run_dev(a.corpus, False, a.show, a.signer, a.noise, a.seeds)
    if a.source in ("real", "all"):
        run_real(a.show, a.calibration or a.source == "all", a.real_ocr)


if __name__ == "__main__":
    main()
