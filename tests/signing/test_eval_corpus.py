"""Our verdict on third-party signed PDFs and real government files vs the table in
``eval_expected.py`` (issue 14). Needs ``../shared/eval`` next to the repository (skipped
otherwise); no network, no services: validation data comes from the files."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from eval_expected import ROWS, VN_ROWS

from signing.certs import load_cert_file
from signing.verify import verify_pdf

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
VN_TRUST = Path(__file__).resolve().parents[3] / "shared" / "trust" / "vn"

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason=f"{EVAL} not present")


@pytest.fixture(scope="module")
def roots():
    out = []
    for p in sorted((EVAL / "signatures" / "trust").iterdir()):
        out.extend(load_cert_file(p))
    for p in sorted(VN_TRUST.glob("*.pem*")):
        out.extend(load_cert_file(p))
    return out


def _explain(rep) -> list:
    return [
        (
            s.field_name,
            s.kind,
            s.indication.value,
            s.sub_indication,
            s.changes_allowed,
            [(f.code, f.action, f.detail[:160]) for f in s.findings],
        )
        for s in rep.signatures
    ] + [(f.code, f.action, f.detail[:160]) for f in rep.findings]


@pytest.mark.parametrize("row", ROWS + VN_ROWS, ids=lambda r: r.file)
def test_verdict_matches_table(row, roots):
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    path = EVAL / row.file
    assert path.is_file(), path
    rep = verify_pdf(path, trust_roots=roots)  # never raises for a file holding a signature
    why = _explain(rep)
    assert rep.signatures, why
    assert rep.indication.value in row.indication.split("|"), why
    if row.sub:
        assert rep.sub_indication in row.sub, why
    if row.klass == "INVALID":
        assert rep.indication.value == "FAILED", why
    if row.klass == "TAMPERED":
        assert rep.indication.value != "PASSED", why
    if row.klass == "VALID":
        assert rep.indication.value != "FAILED", why
    by_name = {s.field_name: s for s in rep.signatures}
    for name, ind in row.per_sig.items():
        assert by_name[name].indication.value == ind, why
    for name, ok in row.changes_allowed.items():
        assert by_name[name].changes_allowed is ok, why
