"""S3 target against a real SeaweedFS node (Object Lock, checksums, faults)."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time

import pytest
from botocore.exceptions import ClientError

from digitizer.archive import Outbox, TargetConfig, audit, check_reachable, fetch, run_worker
from digitizer.archive.backends.s3 import S3Backend
from digitizer.errors import ArchiveIntegrityError, CancelledError
from digitizer.progress import CancelToken

from .conftest import make_pdf, meta, sha256


def s3_target(weed, bucket, **kw) -> TargetConfig:
    kw.setdefault("backoff_base", 0.0)
    kw.setdefault("max_attempts", 4)
    kw.setdefault("read_timeout", 5.0)
    kw.setdefault("connect_timeout", 1.0)
    return TargetConfig(name="prov", kind="s3", endpoint_url=weed.endpoint, bucket=bucket, **kw)


def versions(weed, bucket, key):
    r = weed.client().list_object_versions(Bucket=bucket, Prefix=key)
    return [v for v in r.get("Versions", []) if v["Key"] == key]


def assert_exactly_once(weed, bucket, ob, ids, pdf_shas):
    c = weed.client()
    for i in ids:
        item = ob.get(i)
        assert item.delivery("prov").state == "done", item.delivery("prov")
        key = item.delivery("prov").remote["key"]
        assert len(versions(weed, bucket, key)) == 1, key
        body = c.get_object(Bucket=bucket, Key=key)["Body"].read()
        assert hashlib.sha256(body).hexdigest() == pdf_shas[i] == item.sha256
        assert len(versions(weed, bucket, key + ".json")) == 1


def test_upload_with_object_lock_and_checksums(weed, bucket, tmp_path, docs):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    t = s3_target(weed, bucket, lock_mode="COMPLIANCE", lock_days=1)
    assert check_reachable(t)
    rep = run_worker(ob, [t], once=True)
    assert rep.uploaded == 1 and rep.failed == 0
    d = ob.get(i).delivery("prov")
    assert d.remote["lock_mode"] == "COMPLIANCE" and d.remote["locked_until"]
    c = weed.client()
    head = c.head_object(Bucket=bucket, Key=d.remote["key"], ChecksumMode="ENABLED")
    assert head["ContentLength"] == p.stat().st_size
    assert head["Metadata"]["sha256"] == sha256(p)
    assert head["Metadata"]["dossier-code"] == m["dossier_code"]
    assert head["ObjectLockMode"] == "COMPLIANCE"
    assert head["ObjectLockRetainUntilDate"] > dt.datetime.now(dt.UTC)
    side = c.get_object(Bucket=bucket, Key=d.remote["key"] + ".json")["Body"].read()
    assert "Sở Tư pháp tỉnh Đắk Lắk" in side.decode("utf-8")
    # retention is enforced: deleting the locked version is refused
    with pytest.raises(ClientError):
        c.delete_object(Bucket=bucket, Key=d.remote["key"], VersionId=head["VersionId"])
    assert len(versions(weed, bucket, d.remote["key"])) == 1
    # the server rejects bytes that do not match the checksum we send
    with pytest.raises(ClientError, match="BadDigest"):
        c.put_object(
            Bucket=bucket,
            Key="x.pdf",
            Body=b"%PDF-1.4 x",
            ChecksumSHA256="47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        )
    # fetch verifies the SHA-256
    out = fetch(t, d.remote["key"], tmp_path / "back.pdf")
    assert out.read_bytes() == p.read_bytes()
    assert audit(t, ob).ok


def test_multipart_upload_of_a_large_file(weed, bucket, tmp_path):
    ob = Outbox(tmp_path / "ob")
    big = make_pdf(tmp_path / "big.pdf", "big", pad=6 * 1024 * 1024)
    i = ob.enqueue(big, meta(7), ["prov"])
    rep = run_worker(ob, [s3_target(weed, bucket, multipart_threshold_mb=5)], once=True)
    assert rep.uploaded == 1, ob.get(i).delivery("prov")
    key = ob.get(i).delivery("prov").remote["key"]
    body = weed.client().get_object(Bucket=bucket, Key=key)["Body"].read()
    assert hashlib.sha256(body).hexdigest() == sha256(big)


CHILD = """
import sys
from digitizer.archive import Outbox, TargetConfig, run_worker
ob = Outbox(sys.argv[1])
t = TargetConfig(name="prov", kind="s3", endpoint_url=sys.argv[2], bucket=sys.argv[3],
                 lock_mode="GOVERNANCE", lock_days=1, backoff_base=0.0, threads=int(sys.argv[4]))
run_worker(ob, [t], once=True)
"""


def _child(ob_path, weed, bucket, threads=1, env_extra=None):
    import os
    import subprocess
    import sys

    env = {**os.environ, **(env_extra or {})}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ob_path), weed.endpoint, bucket, str(threads)], env=env
    )


@pytest.mark.parametrize("kill_after", [1, 3, 6])
def test_sigkill_between_upload_and_mark_done(weed, bucket, tmp_path, docs, kill_after):
    """The worker process dies (SIGKILL) right after an upload, before recording it."""
    ob = Outbox(tmp_path / "ob")
    pairs = docs(6)
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in pairs]
    proc = _child(
        tmp_path / "ob",
        weed,
        bucket,
        env_extra={"DIGITIZER_ARCHIVE_FAULT_KILL_AFTER_STORE": str(kill_after)},
    )
    assert proc.wait(120) == -9
    states = [ob.get(i).delivery("prov").state for i in ids]
    # outcomes are group-committed: the stores before the kill may be unrecorded too
    recorded = states.count("done")
    assert recorded <= kill_after - 1 and "uploading" in states
    stored = [
        o["Key"]
        for o in weed.client().list_objects_v2(Bucket=bucket).get("Contents", [])
        if o["Key"].endswith(".pdf")
    ]
    assert len(stored) == kill_after  # one thread: exactly N verified stores happened
    rep = run_worker(ob, [s3_target(weed, bucket, lock_mode="GOVERNANCE", lock_days=1)], once=True)
    assert rep.already_present == kill_after - recorded
    assert rep.uploaded == 6 - kill_after and rep.failed == 0
    assert_exactly_once(weed, bucket, ob, ids, {i: sha256(p) for i, (p, _) in zip(ids, pairs)})


@pytest.mark.parametrize("kill_at", [0, 2, 5])
def test_sigkill_while_draining_at_several_points(weed, bucket, tmp_path, docs, kill_at):
    """Kill the draining process from outside once ``kill_at`` objects are in the bucket."""
    import signal

    ob = Outbox(tmp_path / "ob")
    pairs = docs(8, pad=200_000)
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in pairs]
    c = weed.client()
    proc = _child(tmp_path / "ob", weed, bucket, threads=2)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        n = sum(
            1
            for o in c.list_objects_v2(Bucket=bucket).get("Contents", [])
            if o["Key"].endswith(".pdf")
        )
        if n >= kill_at:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    rep = run_worker(ob, [s3_target(weed, bucket, lock_mode="GOVERNANCE", lock_days=1)], once=True)
    assert rep.failed == 0
    assert_exactly_once(weed, bucket, ob, ids, {i: sha256(p) for i, (p, _) in zip(ids, pairs)})


def test_different_object_at_key_is_refused(weed, plain_bucket, tmp_path, docs):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    key = ob.get(i).object_key
    weed.client().put_object(
        Bucket=plain_bucket, Key=key, Body=b"%PDF-1.4 tampered", Metadata={"sha256": "0" * 64}
    )
    rep = run_worker(ob, [s3_target(weed, plain_bucket)], once=True)
    d = ob.get(i).delivery("prov")
    assert rep.failed == 1 and d.state == "failed" and d.attempts == 1
    assert "refusing to overwrite" in d.last_error
    body = weed.client().get_object(Bucket=plain_bucket, Key=key)["Body"].read()
    assert body == b"%PDF-1.4 tampered"  # not overwritten


def test_audit_detects_an_altered_object(weed, plain_bucket, tmp_path, docs):
    ob = Outbox(tmp_path / "ob")
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in docs(3)]
    t = s3_target(weed, plain_bucket)
    run_worker(ob, [t], once=True)
    assert audit(t, ob).ok
    c = weed.client()
    key = ob.get(ids[1]).delivery("prov").remote["key"]
    body = bytearray(c.get_object(Bucket=plain_bucket, Key=key)["Body"].read())
    body[200] ^= 0x20
    head = c.head_object(Bucket=plain_bucket, Key=key)
    c.put_object(Bucket=plain_bucket, Key=key, Body=bytes(body), Metadata=head["Metadata"])
    gone = ob.get(ids[2]).delivery("prov").remote["key"]
    c.delete_object(Bucket=plain_bucket, Key=gone)
    rep = audit(t, ob)
    problems = {e.key: e.status for e in rep.problems}
    assert problems == {key: "altered", gone: "missing"}
    with pytest.raises(ArchiveIntegrityError):
        fetch(t, key, tmp_path / "x.pdf")


def test_wrong_credentials_pause_without_losing_anything(weed, bucket, tmp_path, docs, monkeypatch):
    ob = Outbox(tmp_path / "ob")
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in docs(2)]
    monkeypatch.setenv("ARCHIVE_S3_SECRET_KEY", "wrong-secret")
    t = s3_target(weed, bucket)
    assert not check_reachable(t)
    rep = run_worker(ob, [t], once=True)
    assert rep.paused == ("prov",) and rep.uploaded == 0
    for i in ids:
        d = ob.get(i).delivery("prov")
        assert (d.state, d.attempts, d.error_code) == ("pending", 0, "archive_config")
        assert "credentials rejected" in d.last_error
        assert "wrong-secret" not in d.last_error
    monkeypatch.undo()
    from .conftest import ACCESS, SECRET

    monkeypatch.setenv("ARCHIVE_S3_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("ARCHIVE_S3_SECRET_KEY", SECRET)
    rep = run_worker(ob, [t], once=True)
    assert rep.uploaded == 2


def test_server_down_before_and_during_then_back(weed, bucket, tmp_path, docs):
    """Stopped before the run: paused. Killed while the worker runs: it waits, then resumes."""
    ob = Outbox(tmp_path / "ob")
    pairs = docs(12)
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in pairs]
    shas = {i: sha256(p) for i, (p, _) in zip(ids, pairs)}
    t = s3_target(weed, bucket, threads=2)
    weed.stop()
    try:
        rep = run_worker(ob, [t], once=True)
        assert rep.paused == ("prov",)
        assert all(ob.get(i).delivery("prov").state == "pending" for i in ids)
        assert all(ob.get(i).delivery("prov").attempts == 0 for i in ids)
    finally:
        weed.start()
    # now a long-running worker; kill the server right after the 4th store, bring it back
    cancel = CancelToken()
    out: dict = {}
    lock = threading.Lock()

    class KillAfterFourth(S3Backend):
        stores = 0

        def store(self, *a, **kw):
            res = super().store(*a, **kw)
            with lock:
                KillAfterFourth.stores += 1
                if KillAfterFourth.stores == 4:
                    out["killed"] = True
                    weed.kill()
            return res

    def run():
        try:
            run_worker(
                ob,
                [t],
                cancel=cancel,
                once=False,
                pause_poll=0.3,
                idle_poll=0.3,
                backends={"prov": KillAfterFourth(t)},
            )
        except CancelledError:
            out["cancelled"] = True

    th = threading.Thread(target=run)
    th.start()
    try:
        deadline = time.monotonic() + 60
        while "killed" not in out and time.monotonic() < deadline:
            time.sleep(0.05)
        assert out.get("killed")
        time.sleep(1.0)
        waiting = [i for i in ids if ob.get(i).delivery("prov").state != "done"]
        assert waiting, "server was killed, some items must still be waiting"
        assert not [i for i in ids if ob.get(i).delivery("prov").state == "failed"]
        weed.start()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not all(
            ob.get(i).delivery("prov").state == "done" for i in ids
        ):
            time.sleep(0.2)
    finally:
        cancel.cancel()
        th.join(60)
        if weed.proc is None:
            weed.start()
    assert out.get("cancelled")
    assert_exactly_once(weed, bucket, ob, ids, shas)
    # and after the uploads: a crash of the server loses nothing that was reported done
    weed.kill()
    weed.start()
    assert_exactly_once(weed, bucket, ob, ids, shas)
    assert audit(t, ob).ok


def test_server_errors_are_retried_with_backoff_then_capped(
    weed, bucket, fault_proxy, tmp_path, docs
):
    ob = Outbox(tmp_path / "ob")
    pairs = docs(2)
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in pairs]
    t = TargetConfig(
        name="prov",
        kind="s3",
        endpoint_url=fault_proxy.endpoint,
        bucket=bucket,
        backoff_base=0.0,
        max_attempts=3,
        read_timeout=5.0,
        threads=1,
    )
    # a short outage: the first PUTs get 503 (botocore retries once itself), then it recovers
    fault_proxy.fail_puts = 3
    rep = run_worker(ob, [t], once=True)
    assert fault_proxy.failed == 3
    assert rep.uploaded == 2 and rep.failed == 0 and rep.targets[0].retried_later >= 1
    attempts = [ob.get(i).delivery("prov") for i in ids]
    assert all(d.state == "done" for d in attempts)
    assert_exactly_once(weed, bucket, ob, ids, {i: sha256(p) for i, (p, _) in zip(ids, pairs)})

    # a persistent 5xx: capped at max_attempts -> failed with the last error; user retry works
    ((p3, m3),) = docs(1, start=50)
    j = ob.enqueue(p3, m3, ["prov"])
    fault_proxy.fail_puts = 10_000
    t_slow = TargetConfig(
        name="prov",
        kind="s3",
        endpoint_url=fault_proxy.endpoint,
        bucket=bucket,
        backoff_base=30.0,
        max_attempts=3,
        read_timeout=5.0,
    )
    rep = run_worker(ob, [t_slow], once=True)
    d = ob.get(j).delivery("prov")
    assert (d.state, d.attempts) == ("pending", 1)  # waiting for its backoff, not hammering
    assert d.next_attempt_at - time.time() > 10
    assert "server error 503" in d.last_error
    with ob._tx() as conn:  # let the backoff time pass
        conn.execute("UPDATE deliveries SET next_attempt_at=0 WHERE item_id=?", (j,))
    rep = run_worker(ob, [t], once=True)  # backoff 0 now: the remaining attempts run out
    d = ob.get(j).delivery("prov")
    assert (d.state, d.attempts, rep.failed) == ("failed", 3, 1)
    assert "503" in d.last_error
    fault_proxy.fail_puts = 0
    assert ob.retry(j) == 1
    rep = run_worker(ob, [t], once=True)
    assert rep.uploaded == 1 and ob.get(j).state == "done"


def test_missing_bucket_is_a_config_pause(weed, s3_env, tmp_path, docs):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    rep = run_worker(ob, [s3_target(weed, "no-such-bucket-here")], once=True)
    assert rep.targets[0].paused_code == "archive_config"
    d = ob.get(i).delivery("prov")
    assert d.state == "pending" and "does not exist" in d.last_error


def test_read_back_mismatch_is_an_error_not_a_success(weed, bucket, fault_proxy, tmp_path, docs):
    """The server (here: a gateway in front of it) reports another SHA-256 than we sent."""
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    fault_proxy.tamper_heads = fault_proxy.tamper_puts = True
    t = TargetConfig(
        name="prov",
        kind="s3",
        endpoint_url=fault_proxy.endpoint,
        bucket=bucket,
        backoff_base=0.0,
        max_attempts=3,
        read_timeout=5.0,
    )
    events = []
    rep = run_worker(ob, [t], events.append, once=True)
    d = ob.get(i).delivery("prov")
    assert rep.uploaded == 0 and rep.failed == 1 and not events
    assert d.state == "failed" and d.error_code == "archive_checksum_mismatch"
    assert "server checksum" in d.last_error
    assert ob.blob_path(ob.get(i)).exists()  # the outbox keeps its copy
    # once the read-back is honest again, a user retry verifies the object and marks it done
    fault_proxy.tamper_heads = fault_proxy.tamper_puts = False
    ob.retry(i)
    rep = run_worker(ob, [t], once=True)
    assert rep.already_present == 1 and ob.get(i).state == "done"
    assert len(versions(weed, bucket, ob.get(i).delivery("prov").remote["key"])) == 1


def _proxy_target(fault_proxy, bucket, **kw) -> TargetConfig:
    return TargetConfig(
        name="prov",
        kind="s3",
        endpoint_url=fault_proxy.endpoint,
        bucket=bucket,
        backoff_base=0.0,
        read_timeout=5.0,
        **kw,
    )


def _pdf_requests(fault_proxy, method):
    return [p for m, p in fault_proxy.seen if m == method and p.endswith(".pdf")]


def test_put_response_is_the_read_back_no_head_needed(weed, bucket, fault_proxy, tmp_path, docs):
    """SeaweedFS returns its MD5 (ETag) and SHA-256 in the PutObject response: no HEAD."""
    ob = Outbox(tmp_path / "ob")
    pairs = docs(3)
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in pairs]
    rep = run_worker(ob, [_proxy_target(fault_proxy, bucket)], once=True)
    assert rep.uploaded == 3 and rep.failed == 0
    assert len(_pdf_requests(fault_proxy, "PUT")) == 3
    assert _pdf_requests(fault_proxy, "HEAD") == []
    for i in ids:
        remote = ob.get(i).delivery("prov").remote
        assert remote["verified_by"] == "put-response" and remote["version_id"]
    assert_exactly_once(weed, bucket, ob, ids, {i: sha256(p) for i, (p, _) in zip(ids, pairs)})


def test_small_puts_skip_the_100_continue_round_trip(weed, bucket, fault_proxy, tmp_path, docs):
    """A typical result PDF and its JSON sidecar go out without "Expect: 100-continue" (one round
    trip each instead of two over the office link); a large single PUT still asks first."""
    ob = Outbox(tmp_path / "ob")
    ((small, m),) = docs(1)
    big = make_pdf(tmp_path / "big.pdf", "big", pad=3 * 1024 * 1024)
    ids = [ob.enqueue(small, m, ["prov"]), ob.enqueue(big, meta(9), ["prov"])]
    rep = run_worker(ob, [_proxy_target(fault_proxy, bucket, multipart_threshold_mb=16)], once=True)
    assert rep.uploaded == 2 and rep.failed == 0
    keys = {i: "/" + bucket + "/" + ob.get(i).delivery("prov").remote["key"] for i in ids}
    sidecars = [p for p in fault_proxy.expect if p.endswith(".json")]
    assert len(sidecars) == 2 and all(fault_proxy.expect[p] is None for p in sidecars)
    assert fault_proxy.expect[keys[ids[0]]] is None
    assert (fault_proxy.expect[keys[ids[1]]] or "").lower() == "100-continue"
    assert_exactly_once(weed, bucket, ob, ids, {ids[0]: sha256(small), ids[1]: sha256(big)})


def test_response_without_checksums_falls_back_to_head(weed, bucket, fault_proxy, tmp_path, docs):
    """A gateway that drops ETag/checksums from the PUT response: the worker HEADs instead."""
    ob = Outbox(tmp_path / "ob")
    pairs = docs(2)
    ids = [ob.enqueue(p, m, ["prov"]) for p, m in pairs]
    fault_proxy.strip_puts = True
    rep = run_worker(ob, [_proxy_target(fault_proxy, bucket)], once=True)
    assert rep.uploaded == 2 and rep.failed == 0
    assert sorted(_pdf_requests(fault_proxy, "HEAD")) == sorted(_pdf_requests(fault_proxy, "PUT"))
    assert all(ob.get(i).delivery("prov").remote["verified_by"] == "head" for i in ids)
    assert_exactly_once(weed, bucket, ob, ids, {i: sha256(p) for i, (p, _) in zip(ids, pairs)})


def test_fallback_head_still_catches_a_wrong_checksum(weed, bucket, fault_proxy, tmp_path, docs):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    fault_proxy.strip_puts = fault_proxy.tamper_heads = True
    rep = run_worker(ob, [_proxy_target(fault_proxy, bucket, max_attempts=1)], once=True)
    d = ob.get(i).delivery("prov")
    assert rep.failed == 1 and d.state == "failed"
    assert d.error_code == "archive_checksum_mismatch" and "server checksum" in d.last_error


def test_wrong_checksum_in_put_response_is_failed_not_done(
    weed, bucket, fault_proxy, tmp_path, docs
):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    fault_proxy.tamper_puts = True
    t = _proxy_target(fault_proxy, bucket, max_attempts=1)
    rep = run_worker(ob, [t], once=True)
    d = ob.get(i).delivery("prov")
    assert rep.uploaded == 0 and rep.failed == 1 and d.state == "failed"
    assert d.error_code == "archive_checksum_mismatch" and "upload response" in d.last_error
    assert ob.blob_path(ob.get(i)).exists()
    # the user's retry: the conditional PUT is refused (412, no second version), HEAD verifies
    fault_proxy.tamper_puts = False
    ob.retry(i)
    rep = run_worker(ob, [t], once=True)
    d = ob.get(i).delivery("prov")
    assert rep.already_present == 1 and d.state == "done" and d.remote["verified_by"] == "head"
    assert len(_pdf_requests(fault_proxy, "HEAD")) == 1
    assert_exactly_once(weed, bucket, ob, [i], {i: sha256(p)})


def test_sidecar_object_can_be_switched_off(weed, plain_bucket, tmp_path, docs):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    rep = run_worker(ob, [s3_target(weed, plain_bucket, sidecar_object=False)], once=True)
    assert rep.uploaded == 1
    keys = [o["Key"] for o in weed.client().list_objects_v2(Bucket=plain_bucket)["Contents"]]
    assert keys == [ob.get(i).delivery("prov").remote["key"]]


def test_lock_requested_on_a_bucket_without_object_lock(weed, plain_bucket, tmp_path, docs, caplog):
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    t = s3_target(weed, plain_bucket, lock_mode="COMPLIANCE", lock_days=1)
    rep = run_worker(ob, [t], once=True)
    remote = ob.get(i).delivery("prov").remote
    assert rep.uploaded == 1 and "lock_mode" not in remote and "locked_until" not in remote
    assert "has no Object Lock" in caplog.text


def test_item_from_a_schema_1_outbox_uploads_and_verifies(weed, bucket, tmp_path):
    """No MD5 recorded (enqueued by the previous release): the backend computes it."""
    from .test_outbox import make_v1_outbox

    pdf = make_pdf(tmp_path / "old.pdf", "old release", pad=30_000)
    i = make_v1_outbox(tmp_path / "ob", pdf)
    ob = Outbox(tmp_path / "ob")
    assert ob.get(i).md5 is None
    t = TargetConfig(
        name="t", kind="s3", endpoint_url=weed.endpoint, bucket=bucket, backoff_base=0.0
    )
    rep = run_worker(ob, [t], once=True)
    d = ob.get(i).delivery("t")
    assert rep.uploaded == 1 and d.state == "done" and d.remote["verified_by"] == "put-response"
    body = weed.client().get_object(Bucket=bucket, Key=d.remote["key"])["Body"].read()
    assert body == pdf.read_bytes()


def test_local_copy_damaged_after_enqueue_is_refused_by_the_server(
    weed, plain_bucket, tmp_path, docs
):
    """Content-MD5 and SHA-256 are those of the bytes taken at enqueue: if the outbox copy rots
    on disk afterwards, the server rejects the upload; nothing wrong is stored."""
    ob = Outbox(tmp_path / "ob")
    ((p, m),) = docs(1)
    i = ob.enqueue(p, m, ["prov"])
    blob = ob.blob_path(ob.get(i))
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x01
    blob.write_bytes(bytes(data))
    rep = run_worker(ob, [s3_target(weed, plain_bucket, max_attempts=1)], once=True)
    d = ob.get(i).delivery("prov")
    assert rep.failed == 1 and d.state == "failed" and d.error_code == "archive_checksum_mismatch"
    assert "server rejected the checksum" in d.last_error
    assert "Contents" not in weed.client().list_objects_v2(Bucket=plain_bucket)
