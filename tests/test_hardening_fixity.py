"""Issue 19: a batch notices a final PDF that was changed after it wrote it (the journal holds its
SHA-256): ``batch status`` says so, a re-run refuses to skip it as done and never overwrites it
(the changed file may be evidence); once it is moved aside the re-run rebuilds it. The batch's
stages are audit events."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from corpus_util import CORPUS

from digitizer import audit


def cli(*args, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "digitizer", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, check=False)


META = ("--meta", "dossier_code=000.00.12.H17-250312-0001", "--meta", "type_name=Giấy phép",
        "--meta", "issued_date=2025-03-12", "--meta", "organ_name=Sở Tư pháp tỉnh Đắk Lắk")


def test_an_altered_final_output_is_noticed_by_status_and_a_rerun(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CORPUS / "dev-006" / "p02.png", src / "giay-phep.png")
    out = tmp_path / "out"
    r = cli("batch", src, "-o", out, "-q", *META)
    assert r.returncode == 0, r.stdout + r.stderr
    final = out / "giay-phep.pdf"
    assert final.is_file()
    data = bytearray(final.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit somewhere in the page
    final.write_bytes(bytes(data))
    altered = hashlib.sha256(final.read_bytes()).hexdigest()

    r = cli("batch", "status", out)
    assert "altered: giay-phep" in r.stdout and "changed after the batch wrote it" in r.stdout, \
        r.stdout
    r = cli("batch", src, "-o", out, "-q", *META)
    assert r.returncode == 12, (r.returncode, r.stdout, r.stderr)
    assert hashlib.sha256(final.read_bytes()).hexdigest() == altered  # left as evidence
    r = cli("batch", "status", out)
    assert "failed: giay-phep" in r.stdout and "[output_altered]" in r.stdout, r.stdout

    final.rename(tmp_path / "evidence.pdf")  # moved aside: rebuilt by the next run
    r = cli("batch", src, "-o", out, "-q", "--retry-failed", *META)
    assert r.returncode in (0, 12) and final.is_file(), r.stderr
    assert "altered" not in cli("batch", "status", out).stdout

    events = [x.event for x in audit.open_journal().records()]
    assert events[:3] == ["document.created", "ocr.run", "metadata.set"], events
    assert "failed" in events
    assert cli("audit", "verify").returncode == 0
    assert os.environ["DIGITIZER_AUDIT_JOURNAL"].startswith(str(Path(tmp_path).parents[1]))
