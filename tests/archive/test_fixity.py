"""Issue 19: the folder archive's fixity does not trust its own manifest. A file edited together
with its line in manifest-sha256.txt, two documents swapped with their lines, a file replaced and
renamed to its new SHA-256: each is found by ``archive audit`` and refused by ``archive fetch``,
through the SHA-256 in the object's name and the one the outbox recorded at upload. Leftover
``.tmp-*`` files are reported as strays without failing the audit."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digitizer.archive import Outbox, TargetConfig, audit, fetch, run_worker
from digitizer.errors import ArchiveIntegrityError

from .conftest import make_pdf, meta


def target(root: Path) -> TargetConfig:
    return TargetConfig(name="local", kind="folder", path=str(root), backoff_base=0.0)


@pytest.fixture
def archived(tmp_path):
    """Three documents uploaded to a folder archive; returns (root, outbox, [object paths])."""
    root = tmp_path / "archive"
    root.mkdir()
    ob = Outbox(tmp_path / "ob")
    ids = []
    for i in (1, 2, 3):
        p = make_pdf(tmp_path / f"d{i}.pdf", f"quyet dinh so {i}", 3000)
        ids.append(ob.enqueue(p, meta(i), ["local"]))
    assert run_worker(ob, [target(root)], once=True).uploaded == 3
    objs = [root / "data" / ob.get(i).object_key for i in ids]
    assert audit(target(root), ob).ok
    return root, ob, objs


def relist(root: Path, path: Path, new_sha: str) -> None:
    """What someone covering their tracks does: put the file's new SHA-256 on its manifest line."""
    man = root / "manifest-sha256.txt"
    rel = path.relative_to(root).as_posix()
    lines = [f"{new_sha}  {rel}" if ln.endswith(f"  {rel}") else ln
             for ln in man.read_text(encoding="utf-8").splitlines()]
    man.write_text("\n".join(lines) + "\n", encoding="utf-8")


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def tamper(path: Path) -> None:
    data = bytearray(path.read_bytes())
    i = data.index(b"quyet dinh so")
    data[i : i + 5] = b"QUYET"
    path.write_bytes(bytes(data))


def test_a_file_edited_together_with_its_manifest_line_is_found(archived, tmp_path):
    root, ob, objs = archived
    tamper(objs[1])
    relist(root, objs[1], sha(objs[1]))
    for outbox in (None, ob):  # the object's name alone catches it; the outbox says so too
        rep = audit(target(root), outbox)
        assert [(e.key.rsplit("/", 1)[-1], e.status) for e in rep.problems] == [
            (objs[1].name, "altered")]
        assert rep.problems[0].actual_sha256 == sha(objs[1])
    with pytest.raises(ArchiveIntegrityError, match="manifest line was changed"):
        fetch(target(root), ob.get(2).object_key, tmp_path / "got.pdf")
    assert not (tmp_path / "got.pdf").exists()
    # and the command a clerk runs
    cfg = tmp_path / "settings.toml"
    cfg.write_text(f'[archive.targets.local]\nkind = "folder"\npath = "{root}"\n',
                   encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "digitizer", "archive", "audit", "--config",
                        str(cfg), "--outbox", str(tmp_path / "ob")], capture_output=True,
                       text=True, timeout=120, check=False)
    assert r.returncode == 32 and "ALTERED" in r.stdout and "manifest line" in r.stdout, r.stdout


def test_two_documents_swapped_with_their_lines_are_found(archived):
    root, ob, objs = archived
    a, b = objs[0].read_bytes(), objs[2].read_bytes()
    objs[0].write_bytes(b)
    objs[2].write_bytes(a)
    relist(root, objs[0], sha(objs[0]))
    relist(root, objs[2], sha(objs[2]))
    rep = audit(target(root), ob)
    assert sorted(e.key.rsplit("/", 1)[-1] for e in rep.problems if e.status == "altered") == \
        sorted([objs[0].name, objs[2].name])


def test_a_replaced_document_renamed_to_its_new_sha_is_missing_for_the_outbox(archived, tmp_path):
    """The forger also renames the file to the new content's SHA-256 and relists it: the name
    check passes, but the outbox knows what it delivered."""
    root, ob, objs = archived
    tamper(objs[0])
    new = objs[0].with_name(f"{sha(objs[0])}.pdf")
    os.rename(objs[0], new)
    man = root / "manifest-sha256.txt"
    old_rel, new_rel = objs[0].relative_to(root).as_posix(), new.relative_to(root).as_posix()
    man.write_text("".join(
        f"{sha(new)}  {new_rel}\n" if ln.endswith(f"  {old_rel}") else ln + "\n"
        for ln in man.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    assert not [e for e in audit(target(root)).problems if e.key.endswith(new.name)]
    rep = audit(target(root), ob)
    assert any(e.status == "missing" and e.key.endswith(objs[0].name) for e in rep.problems)


def test_a_file_edited_without_its_manifest_line_is_still_found(archived):
    root, ob, objs = archived
    tamper(objs[2])
    rep = audit(target(root), ob)
    assert [e.status for e in rep.problems] == ["altered"]


def test_a_sidecar_swapped_with_its_manifest_line_is_found(archived):
    root, ob, objs = archived
    s0 = objs[0].with_name(objs[0].name + ".json")
    s1 = objs[1].with_name(objs[1].name + ".json")
    d0, d1 = s0.read_bytes(), s1.read_bytes()
    s0.write_bytes(d1)
    s1.write_bytes(d0)
    relist(root, s0, sha(s0))
    relist(root, s1, sha(s1))
    rep = audit(target(root), ob)
    assert sorted(e.key.rsplit("/", 1)[-1] for e in rep.problems) == sorted([s0.name, s1.name])
    assert all("sidecar describes another document" in e.detail for e in rep.problems)


def test_old_partial_writes_are_reported_as_strays_not_as_problems(archived):
    root, ob, objs = archived
    stray = objs[0].parent / ".tmp-0123456789abcdef"
    stray.write_bytes(b"half a copy")
    fresh = objs[0].parent / ".tmp-fedcba9876543210"
    fresh.write_bytes(b"a write in progress")
    old = time.time() - 2 * 3600
    os.utime(stray, (old, old))
    rep = audit(target(root), ob)
    assert rep.ok
    assert [e.key.rsplit("/", 1)[-1] for e in rep.strays] == [stray.name]
