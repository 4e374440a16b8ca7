"""Folder (BagIt) target: real files, real mounts for disk-full and read-only faults."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest

from digitizer.archive import Outbox, TargetConfig, audit, fetch, run_worker
from digitizer.errors import ArchiveIntegrityError, CancelledError, DiskFullError
from digitizer.progress import CancelToken

from .conftest import make_pdf, meta, sha256


def folder_target(path: Path, **kw) -> TargetConfig:
    kw.setdefault("backoff_base", 0.0)
    kw.setdefault("max_attempts", 3)
    return TargetConfig(name="local", kind="folder", path=str(path), **kw)


def test_upload_to_folder_is_a_verified_bag(tmp_path, docs):
    root = tmp_path / "archive"
    root.mkdir()
    ob = Outbox(tmp_path / "ob")
    items = [(ob.enqueue(p, m, ["local"]), p) for p, m in docs(3)]
    shas = {i: sha256(p) for i, p in items}
    events = []
    rep = run_worker(ob, [folder_target(root)], events.append, once=True)
    assert (rep.uploaded, rep.failed, rep.paused) == (3, 0, ())
    assert len(events) == 3 and events[-1].stage == "upload"
    assert (root / "bagit.txt").read_text().startswith("BagIt-Version: 1.0")
    manifest = (root / "manifest-sha256.txt").read_text().splitlines()
    assert len(manifest) == 6  # object + sidecar per document
    for i, _ in items:
        item = ob.get(i)
        assert item.state == "done" and item.blob is None
        obj = root / "data" / item.object_key
        assert sha256(obj) == shas[i]
        assert f"{shas[i]}  data/{item.object_key}" in manifest
        side = obj.with_name(obj.name + ".json")
        assert '"dossier_code": "000.00.12.H17-250312-' in side.read_text(encoding="utf-8")
        assert "Sở Tư pháp tỉnh Đắk Lắk" in side.read_text(encoding="utf-8")
    # a second run has nothing to do; re-enqueueing a done document does not store it again
    p, m = docs(1)[0]
    ob.enqueue(p, m, ["local"])
    rep2 = run_worker(ob, [folder_target(root)], once=True)
    assert (rep2.uploaded, rep2.already_present) == (0, 0)
    assert audit(folder_target(root), ob).ok
    out = fetch(
        folder_target(root), items[0] and ob.get(items[0][0]).object_key, tmp_path / "f.pdf"
    )
    assert sha256(out) == shas[items[0][0]]


def test_existing_different_object_is_never_overwritten(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    ob = Outbox(tmp_path / "ob")
    i = ob.enqueue(make_pdf(tmp_path / "a.pdf", "real"), meta(1), ["local"])
    key = ob.get(i).object_key
    squatter = root / "data" / key
    squatter.parent.mkdir(parents=True)
    squatter.write_bytes(b"%PDF-1.4 something else")
    rep = run_worker(ob, [folder_target(root, max_attempts=5)], once=True)
    assert rep.failed == 1
    d = ob.get(i).delivery("local")
    assert d.state == "failed" and d.attempts == 1  # permanent: no pointless retries
    assert d.error_code == "archive_checksum_mismatch"
    assert "refusing to overwrite" in d.last_error
    assert squatter.read_bytes() == b"%PDF-1.4 something else"


def test_audit_and_fetch_detect_an_altered_file(tmp_path, docs):
    root = tmp_path / "archive"
    root.mkdir()
    ob = Outbox(tmp_path / "ob")
    ids = [ob.enqueue(p, m, ["local"]) for p, m in docs(2)]
    run_worker(ob, [folder_target(root)], once=True)
    victim = root / "data" / ob.get(ids[1]).object_key
    data = bytearray(victim.read_bytes())
    data[100] ^= 0x01  # one flipped bit
    victim.write_bytes(bytes(data))
    (root / "data" / ob.get(ids[0]).object_key).unlink()
    rep = audit(folder_target(root), ob)
    status = {e.key.removeprefix("data/"): e.status for e in rep.problems}
    assert status[ob.get(ids[1]).object_key] == "altered"
    assert status[ob.get(ids[0]).object_key] == "missing"
    with pytest.raises(ArchiveIntegrityError, match="altered"):
        fetch(folder_target(root), ob.get(ids[1]).object_key, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_unreachable_folder_pauses_then_resumes_by_itself(tmp_path, docs):
    share = tmp_path / "share"  # not "mounted" yet
    ob = Outbox(tmp_path / "ob")
    ids = [ob.enqueue(p, m, ["local"]) for p, m in docs(3)]
    rep = run_worker(ob, [folder_target(share)], once=True)
    assert rep.paused == ("local",) and rep.uploaded == 0
    for i in ids:
        d = ob.get(i).delivery("local")
        assert d.state == "pending" and d.attempts == 0  # unreachable spends no attempt
    cancel = CancelToken()
    result: dict = {}

    def worker() -> None:
        try:
            run_worker(
                ob, [folder_target(share)], cancel=cancel, once=False, pause_poll=0.2, idle_poll=0.2
            )
        except CancelledError as exc:
            result["cancelled"] = exc

    th = threading.Thread(target=worker)
    th.start()
    try:
        time.sleep(0.5)
        assert all(ob.get(i).state == "pending" for i in ids)
        share.mkdir()  # the share comes back
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(ob.get(i).state == "done" for i in ids):
            time.sleep(0.1)
        assert all(ob.get(i).state == "done" for i in ids)
        # new work is picked up by the running worker
        p, m = docs(1, start=10)[0]
        j = ob.enqueue(p, m, ["local"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and ob.get(j).state != "done":
            time.sleep(0.1)
        assert ob.get(j).state == "done"
    finally:
        cancel.cancel()
        th.join(30)
    assert "cancelled" in result


def test_one_target_down_does_not_block_the_other(tmp_path, docs):
    up = tmp_path / "up"
    up.mkdir()
    ob = Outbox(tmp_path / "ob")
    ids = [ob.enqueue(p, m, ["a", "b"]) for p, m in docs(2)]
    a = TargetConfig(name="a", kind="folder", path=str(up))
    b = TargetConfig(name="b", kind="folder", path=str(tmp_path / "down"))
    rep = run_worker(ob, {"a": a, "b": b}, once=True)
    assert rep.uploaded == 2 and rep.paused == ("b",)
    for i in ids:
        item = ob.get(i)
        assert item.delivery("a").state == "done" and item.delivery("b").state == "pending"
        assert ob.blob_path(item).exists()  # still needed for b


def _mount_tmpfs(path: Path, opts: str) -> None:
    path.mkdir(exist_ok=True)
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
        check=False,
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({r.stderr.strip()}); needs root")


@pytest.fixture
def small_disk(tmp_path):
    mnt = tmp_path / "small"
    _mount_tmpfs(mnt, "size=96k,mode=0755")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_fails_after_retries_then_user_retry_succeeds(tmp_path, docs, small_disk):
    ob = Outbox(tmp_path / "ob")
    pairs = docs(4, pad=40_000)
    ids = [ob.enqueue(p, m, ["local"]) for p, m in pairs]
    rep = run_worker(ob, [folder_target(small_disk, max_attempts=2)], once=True)
    failed = [i for i in ids if ob.get(i).state == "failed"]
    assert rep.failed == len(failed) >= 1
    for i in failed:
        d = ob.get(i).delivery("local")
        assert d.attempts == 2 and "disk is full" in d.last_error
    # no partial files left behind on the archive disk
    assert not [p for p in small_disk.rglob(".tmp-*")]
    # the archivist frees space (grow the volume) and retries
    subprocess.run(["mount", "-o", "remount,size=4m", str(small_disk)], check=True)
    assert ob.retry_failed() == len(failed)
    rep2 = run_worker(ob, [folder_target(small_disk)], once=True)
    assert rep2.failed == 0
    for (p, _), i in zip(pairs, ids, strict=True):
        assert ob.get(i).state == "done"
        assert sha256(small_disk / "data" / ob.get(i).object_key) == sha256(p)


def test_read_only_archive_is_a_clear_error(tmp_path, docs):
    mnt = tmp_path / "ro"
    _mount_tmpfs(mnt, "size=1m,ro")
    try:
        ob = Outbox(tmp_path / "ob")
        ((p, m),) = docs(1)
        i = ob.enqueue(p, m, ["local"])
        rep = run_worker(ob, [folder_target(mnt, max_attempts=2)], once=True)
        d = ob.get(i).delivery("local")
        # a read-only share pauses the target (it resumes once writable); nothing is lost
        assert rep.paused == ("local",)
        assert (d.state, d.attempts, d.error_code) == ("pending", 0, "archive_unavailable")
        assert "not writable" in d.last_error
        assert ob.blob_path(ob.get(i)).exists()
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_outbox_on_a_full_disk_refuses_cleanly(tmp_path, docs):
    mnt = tmp_path / "obdisk"
    _mount_tmpfs(mnt, "size=400k")
    try:
        ob = Outbox(mnt / "ob")
        pairs = docs(3, pad=150_000)
        first = ob.enqueue(pairs[0][0], pairs[0][1], ["local"])
        with pytest.raises(DiskFullError) as exc:
            for p, m in pairs[1:]:
                ob.enqueue(p, m, ["local"])
        assert exc.value.exit_code == 8
        assert not list((mnt / "ob" / "tmp").iterdir())  # no partial copy left
        item = ob.get(first)
        assert sha256(ob.blob_path(item)) == sha256(pairs[0][0])
        assert all(ob.blob_path(i).exists() for i in ob.items())
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


FOLDER_CHILD = """
import sys
from digitizer.archive import Outbox, TargetConfig, run_worker
run_worker(Outbox(sys.argv[1]), [TargetConfig(name="local", kind="folder", path=sys.argv[2])])
"""


@pytest.mark.parametrize("kill_after", [1, 4])
def test_sigkill_after_store_leaves_a_consistent_bag(tmp_path, docs, kill_after):
    import os
    import sys

    root = tmp_path / "archive"
    root.mkdir()
    ob = Outbox(tmp_path / "ob")
    pairs = docs(4)
    ids = [ob.enqueue(p, m, ["local"]) for p, m in pairs]
    env = {**os.environ, "DIGITIZER_ARCHIVE_FAULT_KILL_AFTER_STORE": str(kill_after)}
    proc = subprocess.run(
        [sys.executable, "-c", FOLDER_CHILD, str(tmp_path / "ob"), str(root)],
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == -9
    done_before = sum(ob.get(i).state == "done" for i in ids)
    assert done_before <= kill_after - 1  # 4 threads: other stores may also be unrecorded
    rep = run_worker(ob, [folder_target(root)], once=True)
    assert rep.failed == 0 and rep.already_present >= 1
    assert rep.already_present + rep.uploaded == 4 - done_before
    manifest = (root / "manifest-sha256.txt").read_text().splitlines()
    assert len(manifest) == len(set(manifest)) == 8  # every object + sidecar listed once
    for i, (p, _) in zip(ids, pairs, strict=True):
        assert sha256(root / "data" / ob.get(i).object_key) == sha256(p)
    assert audit(folder_target(root), ob).ok
