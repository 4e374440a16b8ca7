"""Outbox, keys, config and backoff: no server needed."""

from __future__ import annotations

import sqlite3

import pytest

from digitizer.archive import (
    Outbox,
    TargetConfig,
    backoff_delay,
    load_settings,
    object_key,
    settings_from_dict,
)
from digitizer.archive.outbox import SCHEMA_VERSION
from digitizer.errors import (
    ArchiveConfigError,
    ArchiveError,
    ClassifiedDocumentError,
    EmptyFileError,
    InputError,
    UnsupportedFileError,
)

from .conftest import make_pdf, meta, sha256


def test_enqueue_takes_a_private_copy(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", "original")
    original_sha = sha256(pdf)
    ob = Outbox(tmp_path / "ob")
    item_id = ob.enqueue(pdf, meta(1), ["local", "s3"])
    # the clerk edits, then deletes, their copy: the outbox still has the enqueued bytes
    pdf.write_bytes(b"%PDF-1.7 changed")
    pdf.unlink()
    item = ob.get(item_id)
    assert item.sha256 == original_sha
    assert sha256(ob.blob_path(item)) == original_sha
    assert item.size == ob.blob_path(item).stat().st_size
    assert {d.target: d.state for d in item.deliveries} == {"local": "pending", "s3": "pending"}
    assert item.object_key == f"000.00.12.H17/2025/000.00.12.H17-250312-0001/{original_sha}.pdf"
    assert item.metadata["organ_name"] == "Sở Tư pháp tỉnh Đắk Lắk"
    assert not list((tmp_path / "ob" / "tmp").iterdir())


def test_database_is_wal_with_schema_version(tmp_path):
    Outbox(tmp_path / "ob")
    conn = sqlite3.connect(tmp_path / "ob" / "outbox.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="newer"):
        Outbox(tmp_path / "ob")


def test_state_survives_reopen(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", "x")
    ob = Outbox(tmp_path / "ob")
    i = ob.enqueue(pdf, meta(1), ["t"])
    ob.mark_error(i, "t", "boom", "archive_error", retry_at=None)
    ob.close()
    again = Outbox(tmp_path / "ob")
    d = again.get(i).delivery("t")
    assert (d.state, d.attempts, d.last_error) == ("failed", 1, "boom")
    assert again.retry(i) == 1
    d = again.get(i).delivery("t")
    assert (d.state, d.attempts) == ("pending", 0)


@pytest.mark.parametrize("flag", [True, "true", "Có", 1])
def test_classified_is_refused(tmp_path, flag):
    pdf = make_pdf(tmp_path / "secret.pdf", "mat")
    ob = Outbox(tmp_path / "ob")
    with pytest.raises(ClassifiedDocumentError) as exc:
        ob.enqueue(pdf, meta(1, classified=flag), ["t"])
    assert exc.value.exit_code == 11
    assert ob.items() == []
    assert not list(ob.blobs.iterdir())


def test_secret_access_regime_is_refused_even_without_the_flag(tmp_path):
    # metadata's rule: mode "Mật"/"Tối mật"/"Tuyệt mật" makes a document classified
    pdf = make_pdf(tmp_path / "secret.pdf", "mat")
    ob = Outbox(tmp_path / "ob")
    with pytest.raises(ClassifiedDocumentError):
        ob.enqueue(pdf, {**meta(1, classified=False), "mode": "Tối mật"}, ["t"])
    assert ob.items() == []


def test_bad_inputs(tmp_path):
    ob = Outbox(tmp_path / "ob")
    with pytest.raises(InputError, match="not found"):
        ob.enqueue(tmp_path / "missing.pdf", meta(1), ["t"])
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(EmptyFileError):
        ob.enqueue(tmp_path / "empty.pdf", meta(1), ["t"])
    (tmp_path / "x.pdf").write_bytes(b"\x89PNG....")
    with pytest.raises(UnsupportedFileError):
        ob.enqueue(tmp_path / "x.pdf", meta(1), ["t"])
    pdf = make_pdf(tmp_path / "a.pdf", "x")
    with pytest.raises(ArchiveError, match="no archive target"):
        ob.enqueue(pdf, meta(1), [])
    assert ob.items() == []
    assert not list(ob.blobs.iterdir())


def test_enqueue_twice_is_one_item(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", "x")
    ob = Outbox(tmp_path / "ob")
    a = ob.enqueue(pdf, meta(1), ["local"])
    b = ob.enqueue(pdf, meta(1), ["local", "s3"])
    assert a == b
    assert [d.target for d in ob.get(a).deliveries] == ["local", "s3"]
    assert len(list(ob.blobs.iterdir())) == 1
    ob.mark_error(a, "s3", "boom", "archive_error", retry_at=None)
    ob.mark_done(a, "local", {"key": "k"})
    assert ob.enqueue(pdf, meta(1), ["local", "s3"]) == a  # again: failed -> pending, done stays
    assert {d.target: (d.state, d.attempts) for d in ob.get(a).deliveries} == {
        "local": ("done", 0),
        "s3": ("pending", 0),
    }
    c = ob.enqueue(pdf, meta(2), ["local"])  # other dossier -> other key -> other item
    assert c != a
    assert ob.counts()["local"] == {"pending": 1, "uploading": 0, "done": 1, "failed": 0}


def test_blob_removed_when_all_targets_done(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", "x")
    ob = Outbox(tmp_path / "ob")
    i = ob.enqueue(pdf, meta(1), ["a", "b"])
    blob = ob.blob_path(ob.get(i))
    ob.mark_done(i, "a", {"key": "k"})
    assert blob.exists()
    ob.mark_done(i, "b", {"key": "k"})
    assert not blob.exists()
    assert ob.get(i).state == "done"
    # enqueue again for a new target: a fresh copy is attached
    ob.enqueue(pdf, meta(1), ["c"])
    assert ob.blob_path(ob.get(i)).exists()


def test_worker_lock_is_exclusive(tmp_path):
    ob = Outbox(tmp_path / "ob")
    with (
        ob.worker_lock(),
        pytest.raises(ArchiveError, match="already running"),
        Outbox(tmp_path / "ob").worker_lock(),
    ):
        pass


def test_object_key_is_stable_and_safe():
    sha = "ab" * 32
    m = {"organ_id": "Sở Tư pháp/../Đà Nẵng", "issued_date": "12/03/2024", "dossier_code": "H17 01"}
    assert object_key(m, sha) == object_key(dict(m), sha)
    assert object_key(m, sha) == f"So-Tu-phap-..-Da-Nang/2024/H17-01/{sha}.pdf"
    assert all(seg not in ("", ".", "..") for seg in object_key(m, sha).split("/"))
    assert object_key({}, sha) == f"unknown-organ/unknown-year/no-dossier/{sha}.pdf"
    assert (
        object_key({"organ_id": "X"}, sha, prefix="prov/")
        == f"prov/X/unknown-year/no-dossier/{sha}.pdf"
    )
    with pytest.raises(ArchiveError):
        object_key({}, "not-a-sha")


def test_config_refuses_secrets_and_validates(tmp_path):
    with pytest.raises(ArchiveConfigError, match="must not be stored"):
        settings_from_dict(
            {
                "archive": {
                    "targets": {
                        "s": {
                            "kind": "s3",
                            "endpoint_url": "http://x",
                            "bucket": "b",
                            "secret_key": "hunter2",
                        }
                    }
                }
            }
        )
    with pytest.raises(ArchiveConfigError, match="kind"):
        settings_from_dict({"archive": {"targets": {"s": {"kind": "ftp"}}}})
    with pytest.raises(ArchiveConfigError, match="path"):
        settings_from_dict({"archive": {"targets": {"s": {"kind": "folder"}}}})
    with pytest.raises(ArchiveConfigError, match="unknown target"):
        settings_from_dict({"archive": {"default_targets": ["nope"], "targets": {}}})
    toml = tmp_path / "settings.toml"
    toml.write_text(
        '[archive]\ndefault_targets = ["local"]\n'
        '[archive.targets.local]\nkind = "folder"\npath = "/srv/a"\n'
        '[archive.targets.prov]\nkind = "s3"\nendpoint_url = "http://127.0.0.1:1"\n'
        'bucket = "b"\nlock_mode = "compliance"\nlock_days = 30\n',
        encoding="utf-8",
    )
    s = load_settings(toml)
    assert s.default_targets == ("local",)
    assert s.get("prov").lock_mode == "COMPLIANCE"
    with pytest.raises(ArchiveConfigError, match="unknown archive target"):
        s.get("x")
    toml.write_text("[archive\n")
    with pytest.raises(ArchiveConfigError, match="cannot read settings"):
        load_settings(toml)


def test_backoff_grows_with_jitter_and_cap():
    import random

    t = TargetConfig(name="t", kind="folder", path="/x", backoff_base=2, backoff_max=60)
    rng = random.Random(1)
    d = [backoff_delay(t, n, rng) for n in (1, 2, 3, 4, 10)]
    assert 1 <= d[0] <= 2 and 2 <= d[1] <= 4 and 4 <= d[2] <= 8 and 8 <= d[3] <= 16
    assert 30 <= d[4] <= 60
    assert len({round(backoff_delay(t, 3, rng), 6) for _ in range(20)}) > 1  # jitter


def test_enqueue_records_the_md5_of_the_copy(tmp_path):
    import hashlib

    pdf = make_pdf(tmp_path / "a.pdf", "md5", pad=3000)
    ob = Outbox(tmp_path / "ob")
    item = ob.get(ob.enqueue(pdf, meta(1), ["t"]))
    assert item.md5 == hashlib.md5(pdf.read_bytes()).hexdigest()


V1_SCHEMA = """
CREATE TABLE items(id INTEGER PRIMARY KEY, created_at REAL NOT NULL, source_path TEXT NOT NULL,
    blob TEXT, sha256 TEXT NOT NULL, size INTEGER NOT NULL, metadata TEXT NOT NULL,
    object_key TEXT NOT NULL, UNIQUE(sha256, object_key));
CREATE TABLE deliveries(item_id INTEGER NOT NULL REFERENCES items(id), target TEXT NOT NULL,
    state TEXT NOT NULL CHECK(state IN ('pending','uploading','done','failed')),
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL DEFAULT 0,
    last_error TEXT, error_code TEXT, remote TEXT, updated_at REAL NOT NULL,
    PRIMARY KEY(item_id, target));
CREATE INDEX deliveries_due ON deliveries(target, state, next_attempt_at);
PRAGMA user_version=1;
"""


def make_v1_outbox(root, pdf) -> int:
    """An outbox as the previous release (schema 1, no md5 column) left it, one item queued."""
    import json

    (root / "blobs").mkdir(parents=True)
    digest = sha256(pdf)
    (root / "blobs" / f"{digest}-old.pdf").write_bytes(pdf.read_bytes())
    conn = sqlite3.connect(root / "outbox.sqlite3")
    conn.executescript(V1_SCHEMA)
    m = meta(1)
    conn.execute(
        "INSERT INTO items VALUES (1, 0, ?, ?, ?, ?, ?, ?)",
        (
            str(pdf),
            f"{digest}-old.pdf",
            digest,
            pdf.stat().st_size,
            json.dumps(m, ensure_ascii=False),
            object_key(m, digest),
        ),
    )
    conn.execute(
        "INSERT INTO deliveries(item_id, target, state, updated_at) VALUES (1,'t','pending',0)"
    )
    conn.commit()
    conn.close()
    return 1


def test_schema_1_outbox_is_migrated_keeping_its_queue(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", "old", pad=2000)
    i = make_v1_outbox(tmp_path / "ob", pdf)
    ob = Outbox(tmp_path / "ob")
    conn = sqlite3.connect(tmp_path / "ob" / "outbox.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    conn.close()
    item = ob.get(i)
    assert item.md5 is None and item.delivery("t").state == "pending"
    assert sha256(ob.blob_path(item)) == item.sha256
    # enqueueing the same document again fills in the MD5, still one item
    assert ob.enqueue(pdf, meta(1), ["t"]) == i and ob.get(i).md5 is not None


def test_claim_record_and_release(tmp_path):
    from digitizer.archive.outbox import Outcome

    ob = Outbox(tmp_path / "ob")
    ids = [ob.enqueue(make_pdf(tmp_path / f"{n}.pdf", f"d{n}"), meta(n), ["t"]) for n in range(4)]
    ob.claim(ids, "t")
    assert [ob.get(i).delivery("t").state for i in ids] == ["uploading"] * 4
    blob0 = ob.blob_path(ob.get(ids[0]))
    drops = ob.record(
        "t",
        [
            Outcome(ids[0], remote={"key": "k0"}),
            Outcome(ids[1], error="boom", code="archive_error", retry_at=123.0),
            Outcome(ids[2], error="bad", code="archive_checksum_mismatch"),
            Outcome(ids[3], release=True),
        ],
        unlink=False,
    )
    d = [ob.get(i).delivery("t") for i in ids]
    assert (d[0].state, d[0].remote) == ("done", {"key": "k0"})
    assert (d[1].state, d[1].attempts, d[1].next_attempt_at) == ("pending", 1, 123.0)
    assert (d[2].state, d[2].attempts, d[2].error_code) == (
        "failed",
        1,
        "archive_checksum_mismatch",
    )
    assert (d[3].state, d[3].attempts, d[3].last_error) == ("pending", 0, None)
    # the copy nobody needs any more is handed back, not yet deleted (the worker deletes it)
    assert drops == [blob0] and blob0.exists() and ob.get(ids[0]).blob is None
