"""Visual comparison (signing.visual, poppler pdftoppm): flags a shadow attack, not a
form-filled document, and runs only for doubtful cases."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from signing import visual
from signing.verify import verify_pdf

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "signatures"
needs_eval = pytest.mark.skipif(not EVAL.is_dir(), reason=f"{EVAL} not present")


def _signed_end(path: Path, field: str) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    r = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False)
    sig = next(s for s in r.embedded_signatures if s.field_name == field)
    br = [int(x) for x in sig.byte_range]
    return br[2] + br[3]


@needs_eval
def test_shadow_replace_is_flagged():
    final = (EVAL / "pdf-insecurity/replace-via-overwrite_4_manipulated.pdf").read_bytes()
    signed = (EVAL / "pdf-insecurity/replace-via-overwrite_3_signed.pdf").read_bytes()
    assert final.startswith(signed)  # step 4 = step 3 + an incremental update
    res = visual.compare(signed, final)
    assert [d.page for d in res.differing] == [1]
    assert res.differing[0].signed_png.startswith("data:image/png;base64,")


@needs_eval
def test_form_filled_is_not_flagged():
    path = EVAL / "esig-dss/pades-signed-filled-form.pdf"
    data = path.read_bytes()
    end = _signed_end(path, "Signature1")
    assert end < len(data)  # the form was filled in a later revision
    res = visual.compare(data[:end], data)
    assert not res.differs, res.summary()


@needs_eval
def test_shadow_replace_verdict_names_the_page():
    rep = verify_pdf(
        EVAL / "pdf-insecurity/replace-via-overwrite_4_manipulated.pdf", trust_roots=[]
    )
    s = rep.signatures[0]
    assert s.changes_allowed is False and [d.page for d in s.visual_diff] == [1]
    assert any(f.code == "visual_difference" for f in s.findings)


def test_annotation_overlay_only_over_ink(pki, sample_pdf, tmp_path):
    from attacks import build_issue14_cases

    cases = {c.name: c for c in build_issue14_cases(pki, sample_pdf, tmp_path / "c")}
    over = cases["annotation over signed text (approval signature)"].path.read_bytes()
    margin = cases["annotation in the margin (approval signature)"].path.read_bytes()
    base = (tmp_path / "c" / "b-t.pdf").read_bytes()
    assert visual.compare(base, over, hide_annotations=False, over_ink=True).differs
    assert not visual.compare(base, margin, hide_annotations=False, over_ink=True).differs
    # the margin note is visible, just not over the signed content
    assert visual.compare(base, margin, hide_annotations=False).differs


def test_not_run_for_the_common_case(signed, pki):
    rep = verify_pdf(signed["B-LT"].output, None, pki.trust_dir)
    codes = {f.code for s in rep.signatures for f in s.findings}
    assert not codes & {"visual_same", "visual_difference", "annotation_overlay"}
