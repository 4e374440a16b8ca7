"""Field-level accuracy of metadata extraction on the evaluation corpus.

    .venv/bin/python benchmarks/metadata_bench.py [--corpus DIR] [--fresh-ocr] [--show]

By default it uses the cached OCR sidecars in tests/metadata/data (real tesseract output, pages
turned upright with the manifest's rotation); ``--fresh-ocr`` re-runs OCR through
``digitizer.pipeline.ocr_document`` when it exists. Barcodes are always read from the corpus page
images. ``--noise P`` adds synthetic OCR faults (seeded) to measure robustness beyond these pages. Prints per-field right/wrong/missing/spurious and overall accuracy; ``absent`` (neither the
truth nor the extraction has a value) counts as right, as in the corpus scorer.
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
from digitizer.metadata.evaluate import gt_signer, gt_to_record, score_fields
from digitizer.metadata.extract import extract
from digitizer.metadata.noise import perturb
from digitizer.model import DocumentResult

FIXTURES = ROOT / "tests" / "metadata" / "data"


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


def run(
    corpus: Path,
    fresh: bool = False,
    show: bool = False,
    noise: float = 0.0,
    seeds: int = 1,
    signer: bool = False,
) -> dict:
    import tempfile

    manifest = json.loads((corpus / "manifest.json").read_text())
    per_field: dict[str, Counter] = defaultdict(Counter)
    rows = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as td:
        for entry in manifest:
            gt_doc = json.loads((corpus / "gt" / f"{entry['id']}.json").read_text())
            gt = gt_to_record(gt_doc["metadata"])
            if signer:
                gt.update(gt_signer(gt_doc))
            doc = load_doc(corpus, entry, fresh, Path(td))
            codes = read_barcodes_pages(corpus_images(corpus, entry))
            for seed in range(seeds if noise else 1):
                d = perturb(doc, seed=seed, p_marks=noise, p_digit=0.3) if noise else doc
                rec = extract(d, barcodes=codes).record()
                res = score_fields(rec, gt)
                for k, v in res.items():
                    per_field[k][v] += 1
                rows.append((f"{entry['id']}#{seed}" if noise else entry["id"], res, rec, gt))
    elapsed = time.perf_counter() - t0
    print(f"{'field':16} {'right':>5} {'wrong':>5} {'miss':>5} {'spur':>5} {'absent':>6}  accuracy")
    tot_ok = tot = 0
    for k, c in per_field.items():
        ok = c["right"] + c["absent"]
        n = sum(c.values())
        tot_ok += ok
        tot += n
        print(
            f"{k:16} {c['right']:5} {c['wrong']:5} {c['missing']:5} {c['spurious']:5} {c['absent']:6}"
            f"  {ok / n:6.1%}"
        )
    print(
        f"{'OVERALL':16} {tot_ok}/{tot} = {tot_ok / tot:.1%}   ({len(rows)} documents"
        f"{f', synthetic noise p={noise}' if noise else ''}, "
        f"{elapsed:.1f} s incl. barcode reading{' and OCR' if fresh else ''})"
    )
    if show:
        for did, res, rec, gt in rows:
            bad = {k: (rec.get(k), gt[k]) for k, v in res.items() if v not in ("right", "absent")}
            print(did, "OK" if not bad else bad)
    return {k: dict(c) for k, c in per_field.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/eval/corpus/dev"))
    ap.add_argument("--fresh-ocr", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the wrong fields per document")
    ap.add_argument(
        "--noise",
        type=float,
        default=0.0,
        metavar="P",
        help="add synthetic OCR noise: share of words with dropped/swapped diacritics "
        "(plus O/0, l/1 in numbers and numeric dates); see digitizer.metadata.noise",
    )
    ap.add_argument("--seeds", type=int, default=3, help="noisy variants per document")
    ap.add_argument(
        "--signer",
        action="store_true",
        help="also score signer_name/signer_position against values derived from the "
        "ground-truth text (they are not part of the corpus metadata)",
    )
    a = ap.parse_args()
    run(a.corpus, a.fresh_ocr, a.show, a.noise, a.seeds, a.signer)


if __name__ == "__main__":
    main()
