"""Archive upload throughput: the outbox + worker vs plain boto3 ``put_object``, same run.

    .venv/bin/python benchmarks/upload_bench.py [--n 200] [--size-kb 350] [--threads 4]

Starts a real SeaweedFS (``weed mini``) on 127.0.0.1 with free ports, makes N PDFs of realistic
signed-PDF size (incompressible payload), and times, in the same run:
  raw-1   plain ``put_object`` of every file, one after the other;
  raw-T   plain ``put_object`` with T threads;
  outbox  ``Outbox.enqueue`` (private copy + fsync + SQLite) of every file, then
          ``run_worker(once=True)`` with T threads: conditional PUT with Content-MD5 + SHA-256,
          read-back HEAD, JSON sidecar object, SQLite state updates.
A second worker run skips the JSON sidecar object (``sidecar_object = false``) to show its cost.
Prints MB/s and the ratios outbox/raw-1 and outbox/raw-T (the issue's target is >= 0.9).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digitizer.archive import Outbox, TargetConfig, run_worker
from tests.archive.conftest import ACCESS, SECRET, Weed, make_pdf, meta


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--size-kb", type=int, default=350)
    ap.add_argument("--threads", type=int, default=4)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    weed = Weed(work / "weed")
    weed.start()
    os.environ["ARCHIVE_S3_ACCESS_KEY"] = ACCESS
    os.environ["ARCHIVE_S3_SECRET_KEY"] = SECRET
    try:
        files = []
        for i in range(args.n):
            p = make_pdf(work / f"doc{i:04d}.pdf", f"doc {i}")
            body = p.read_bytes()
            p.write_bytes(
                body[:9]
                + b"%"
                + os.urandom(args.size_kb * 1024).hex().encode()[: args.size_kb * 1024]
                + b"\n"
                + body[9:]
            )
            files.append(p)
        total_mb = sum(f.stat().st_size for f in files) / 1e6
        c = weed.client()
        for b in ("raw1", "rawt", "outbox"):
            c.create_bucket(Bucket=f"{b}-bench")
        c.put_object(Bucket="raw1-bench", Key="warmup", Body=b"x")

        def put(bucket: str, f: Path) -> None:
            c.put_object(Bucket=bucket, Key=f"{uuid.uuid4().hex}/{f.name}", Body=f.read_bytes())

        t0 = time.perf_counter()
        for f in files:
            put("raw1-bench", f)
        raw1 = time.perf_counter() - t0

        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.threads) as pool:
            list(pool.map(lambda f: put("rawt-bench", f), files))
        rawt = time.perf_counter() - t0

        ob = Outbox(work / "outbox")
        t0 = time.perf_counter()
        for i, f in enumerate(files):
            ob.enqueue(f, meta(i), ["s3"])
        enq = time.perf_counter() - t0
        target = TargetConfig(
            name="s3",
            kind="s3",
            endpoint_url=weed.endpoint,
            bucket="outbox-bench",
            threads=args.threads,
        )
        t0 = time.perf_counter()
        rep = run_worker(ob, [target], once=True)
        run = time.perf_counter() - t0
        assert rep.uploaded == args.n and rep.failed == 0, rep
        # the same without the JSON sidecar object (metadata only as S3 object metadata)
        ob2 = Outbox(work / "outbox2")
        for i, f in enumerate(files):
            ob2.enqueue(f, meta(i), ["s3"])
        c.create_bucket(Bucket="outbox2-bench")
        target2 = TargetConfig(
            name="s3",
            kind="s3",
            endpoint_url=weed.endpoint,
            bucket="outbox2-bench",
            threads=args.threads,
            sidecar_object=False,
        )
        t0 = time.perf_counter()
        rep = run_worker(ob2, [target2], once=True)
        run2 = time.perf_counter() - t0
        assert rep.uploaded == args.n and rep.failed == 0, rep
    finally:
        weed.stop()
        shutil.rmtree(work, ignore_errors=True)

    def line(name: str, secs: float) -> str:
        return f"{name:28} {secs:7.2f} s  {total_mb / secs:7.1f} MB/s  {args.n / secs:6.1f} docs/s"

    print(f"{args.n} PDFs, {total_mb:.1f} MB total, {args.threads} threads, SeaweedFS on 127.0.0.1")
    print(line("raw put_object, 1 thread", raw1))
    print(line(f"raw put_object, {args.threads} threads", rawt))
    print(line("outbox enqueue (copy+fsync)", enq))
    print(line("outbox worker run", run))
    print(line("outbox enqueue + run", enq + run))
    print(line("worker run, no sidecar", run2))
    print(f"ratio worker/raw-1        {raw1 / run:5.2f}x")
    print(f"ratio worker/raw-{args.threads}        {rawt / run:5.2f}x")
    print(f"ratio (enqueue+run)/raw-1 {raw1 / (enq + run):5.2f}x")
    print(f"ratio no-sidecar/raw-1    {raw1 / run2:5.2f}x")
    print(f"ratio no-sidecar/raw-{args.threads}    {rawt / run2:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
