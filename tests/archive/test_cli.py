"""The CLI end to end as a user runs it (subprocesses, real folder + real SeaweedFS targets)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ACCESS, SECRET, make_pdf, meta, sha256


def cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "digitizer", *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setup(tmp_path: Path, weed, bucket: str) -> dict:
    (tmp_path / "folder").mkdir()
    cfg = tmp_path / "settings.toml"
    cfg.write_text(
        '[archive]\ndefault_targets = ["local", "prov"]\n'
        f'[archive.targets.local]\nkind = "folder"\npath = "{tmp_path / "folder"}"\n'
        f'[archive.targets.prov]\nkind = "s3"\nendpoint_url = "{weed.endpoint}"\n'
        f'bucket = "{bucket}"\nlock_mode = "GOVERNANCE"\nlock_days = 1\nbackoff_base = 0.0\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DIGITIZER_CONFIG": str(cfg),
        "DIGITIZER_OUTBOX": str(tmp_path / "ob"),
        "ARCHIVE_S3_ACCESS_KEY": ACCESS,
        "ARCHIVE_S3_SECRET_KEY": SECRET,
    }
    return env


def test_upload_run_status_fetch_audit(weed, bucket, tmp_path):
    env = setup(tmp_path, weed, bucket)
    pdfs = []
    for i in (1, 2):
        p = make_pdf(tmp_path / f"qd{i}.pdf", f"quyet dinh {i}", 5000)
        p.with_suffix(".json").write_text(json.dumps(meta(i), ensure_ascii=False), encoding="utf-8")
        pdfs.append(p)
    r = cli(env, "upload", *map(str, pdfs))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("queued #") == 2
    r = cli(env, "queue", "status")
    assert "local: pending 2, done 0, failed 0" in r.stdout
    assert "prov: pending 2, done 0, failed 0" in r.stdout
    r = cli(env, "queue", "run", "--once")
    assert r.returncode == 0, r.stderr
    assert "prov: uploaded 2" in r.stdout and "local: uploaded 2" in r.stdout
    r = cli(env, "queue", "status", "--check")
    assert "prov: pending 0, done 2, failed 0, reachable" in r.stdout
    r = cli(env, "queue", "list", "--json")
    items = json.loads(r.stdout)
    assert [it["state"] for it in items] == ["done", "done"]
    key = next(d["remote"]["key"] for d in items[0]["deliveries"] if d["target"] == "prov")
    out = tmp_path / "back.pdf"
    r = cli(env, "archive", "fetch", key, "--target", "prov", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert sha256(out) == sha256(pdfs[0])
    r = cli(env, "archive", "targets", "--check")
    assert "local" in r.stdout and "prov" in r.stdout and "UNREACHABLE" not in r.stdout
    r = cli(env, "archive", "audit")
    assert r.returncode == 0, r.stdout + r.stderr
    # alter the folder copy: the audit reports it with exit code 32
    victim = tmp_path / "folder" / "data" / items[1]["object_key"]
    victim.write_bytes(victim.read_bytes().replace(b"quyet dinh 2", b"quyet dinh 9"))
    r = cli(env, "archive", "audit", "--target", "local")
    assert r.returncode == 32
    assert "ALTERED" in r.stdout and items[1]["object_key"] in r.stdout


def test_cli_errors_have_exit_codes(weed, bucket, tmp_path):
    env = setup(tmp_path, weed, bucket)
    p = make_pdf(tmp_path / "mat.pdf", "mat")
    m = tmp_path / "m.json"
    m.write_text(json.dumps(meta(1, classified=True)))
    r = cli(env, "upload", str(p), "--metadata", str(m))
    assert r.returncode == 11 and "classified" in r.stderr
    r = cli(env, "upload", str(p))  # no metadata beside it
    assert r.returncode == 10 and "metadata file not found" in r.stderr
    m.write_text(json.dumps(meta(1)))
    r = cli(env, "upload", str(p), "--metadata", str(m), "--target", "nope")
    assert r.returncode == 33 and "unknown archive target" in r.stderr
    # S3 down (wrong port): the run pauses with exit 31, the folder copy still goes through
    cfg = Path(env["DIGITIZER_CONFIG"])
    cfg.write_text(cfg.read_text().replace(weed.endpoint, "http://127.0.0.1:9"))
    r = cli(env, "upload", str(p), "--metadata", str(m), "--run")
    assert r.returncode == 31, r.stdout + r.stderr
    assert "local: uploaded 1" in r.stdout and "PAUSED" in r.stdout
    r = cli(env, "queue", "list", "--state", "pending")
    assert "prov: pending" in r.stdout and "not reachable" in r.stdout
    # a secret in the settings file is refused
    cfg.write_text(cfg.read_text() + 'secret_key = "x"\n')
    r = cli(env, "queue", "status")
    assert r.returncode == 33 and "must not be stored" in r.stderr


def test_credentials_from_the_keyring(weed, bucket, tmp_path):
    """Secrets stored with `archive credentials` in a real keyring backend (keyrings.alt file
    keyring, selected through keyring's own PYTHON_KEYRING_BACKEND switch), none in the env."""
    env = setup(tmp_path, weed, bucket)
    del env["ARCHIVE_S3_ACCESS_KEY"], env["ARCHIVE_S3_SECRET_KEY"]
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    p = make_pdf(tmp_path / "k.pdf", "keyring")
    (tmp_path / "k.json").write_text(json.dumps(meta(3)))
    r = cli(env, "upload", str(p), "--target", "prov", "--run")
    assert r.returncode == 33 and "no credentials" in r.stdout + r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "digitizer", "archive", "credentials", "prov"],
        input=f"{ACCESS}\n{SECRET}\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert SECRET not in r.stdout + r.stderr
    stored = list((tmp_path / "xdg").rglob("*.cfg"))
    assert stored and "digitizer_2Darchive_3Aprov" in stored[0].read_text()  # escaped name
    assert SECRET not in Path(env["DIGITIZER_CONFIG"]).read_text()
    r = cli(env, "queue", "run", "--once", "--target", "prov")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "prov: uploaded 1" in r.stdout


def test_failed_item_is_listed_and_retried(weed, bucket, tmp_path):
    env = setup(tmp_path, weed, bucket)
    p = make_pdf(tmp_path / "r.pdf", "retry me")
    (tmp_path / "r.json").write_text(json.dumps(meta(4)))
    r = cli(env, "upload", str(p), "--target", "local")
    assert r.returncode == 0, r.stderr
    item = json.loads(cli(env, "queue", "list", "--json").stdout)[0]
    squatter = tmp_path / "folder" / "data" / item["object_key"]
    squatter.parent.mkdir(parents=True)
    squatter.write_bytes(b"%PDF-1.4 someone else's file")
    r = cli(env, "queue", "run", "--once", "--target", "local")
    assert r.returncode == 30 and "failed 1" in r.stdout
    r = cli(env, "queue", "list", "--state", "failed")
    assert f"#{item['id']} failed" in r.stdout and "refusing to overwrite" in r.stdout
    squatter.unlink()  # the archivist investigates and removes the wrong file
    r = cli(env, "queue", "retry", str(item["id"]))
    assert r.returncode == 0 and "re-queued 1" in r.stdout
    r = cli(env, "queue", "run", "--once", "--target", "local")
    assert r.returncode == 0 and "local: uploaded 1" in r.stdout
    assert sha256(squatter) == sha256(p)
