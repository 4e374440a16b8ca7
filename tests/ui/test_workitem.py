from __future__ import annotations

import sqlite3

from digitizer.model import DocState
from digitizer.ui.workitem import PageRef, WipStore, new_item


def test_store_round_trip_and_wal(tmp_path):
    store = WipStore(tmp_path)
    item = new_item("Giấy phép xây dựng")
    item.pages = [PageRef(file="/x/a.pdf", index=1, rotation=90, label="a.pdf#2")]
    item.metadata = {"applicant_name": "Hồ Văn Hải"}
    item.suggested = ["applicant_name"]
    item.state = DocState.READY_TO_SIGN
    store.save(item)
    assert sqlite3.connect(store.db_path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # a second connection (as after a crash: the first one never closed) sees the same data
    again = WipStore(tmp_path).load_all()
    assert len(again) == 1
    got = again[0]
    assert got.title == "Giấy phép xây dựng" and got.state == DocState.READY_TO_SIGN
    assert got.pages[0].rotation == 90 and got.pages[0].index == 1
    assert got.metadata == {"applicant_name": "Hồ Văn Hải"} and got.suggested == ["applicant_name"]
    store.delete(item.id)
    assert WipStore(tmp_path).load_all() == []


def test_newer_schema_is_refused(tmp_path):
    from digitizer.errors import OutputError

    WipStore(tmp_path).close()
    db = sqlite3.connect(tmp_path / "wip.sqlite3")
    db.execute("PRAGMA user_version = 99")
    db.close()
    try:
        WipStore(tmp_path)
    except OutputError as exc:
        assert "newer" in str(exc)
    else:
        raise AssertionError("a newer schema must be refused")


def test_locked_after_signing():
    item = new_item("x")
    assert not item.locked
    item.state = DocState.SIGNED
    assert item.locked
