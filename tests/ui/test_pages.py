"""Page strip editing (reorder / rotate / delete / insert / undo) and crash recovery, without OCR."""

from __future__ import annotations

from pathlib import Path

from digitizer.model import DocState


def _import(qtbot, win, paths):
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        item_id = win.import_files(paths)
    assert blocker.args[1] is None, blocker.args
    return win.model.find(item_id)


def test_import_lists_pages_and_keeps_originals(qtbot, make_window, sample_images):
    before = [p.read_bytes() for p in sample_images]
    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images)
    assert item.state == DocState.SCANNED
    assert [p.label for p in item.pages] == [
        "dev-001-p01.jpg",
        "dev-006-p01.png",
        "dev-006-p02.png",
    ]
    # pages are copies in the work folder; the originals are untouched
    assert all(Path(p.file).parent.parent.parent.name == "work" for p in item.pages)
    assert [p.read_bytes() for p in sample_images] == before
    assert win.strip.count() == 3
    qtbot.waitUntil(lambda: all(win.strip.thumbnail_ready(i) for i in range(3)), timeout=20000)
    qtbot.waitUntil(win.view.has_image, timeout=20000)


def test_reorder_rotate_delete_and_undo(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images)
    ids = [p.id for p in item.pages]

    win.move_page(0, 2)  # same path as a drag in the strip
    assert [p.id for p in item.pages] == [ids[1], ids[2], ids[0]]
    assert win.strip.page_ids() == [ids[1], ids[2], ids[0]]

    win.strip.setCurrentRow(1)
    win.act_rot_right.trigger()
    assert item.pages[1].rotation == 90
    win.act_rot_left.trigger()
    win.act_rot_left.trigger()
    assert item.pages[1].rotation == 270

    win.strip.setCurrentRow(0)
    win.act_delete.trigger()
    assert [p.id for p in item.pages] == [ids[2], ids[0]]
    assert win.strip.count() == 2

    for _ in range(4):
        win.act_undo.trigger()
    assert [p.id for p in item.pages] == [ids[1], ids[2], ids[0]]
    assert all(p.rotation == 0 for p in item.pages)
    win.act_undo.trigger()
    assert [p.id for p in item.pages] == ids
    win.act_redo.trigger()
    assert [p.id for p in item.pages] == [ids[1], ids[2], ids[0]]


def test_insert_and_replace_page(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images[:2])
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.insert_files(item, [sample_images[2]], at=1, replace=False)
    a, b, c = (p.name for p in sample_images)
    assert [p.label for p in item.pages] == [a, c, b]
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.insert_files(item, [sample_images[0]], at=2, replace=True)
    assert [p.label for p in item.pages] == [a, c, a]
    win.act_undo.trigger()
    assert [p.label for p in item.pages] == [a, c, b]


def test_bad_file_is_explained_in_vietnamese(qtbot, make_window, tmp_path, errors):
    bad = tmp_path / "note.pdf"
    bad.write_text("not a pdf at all")
    win = make_window(ocr_auto=False)
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        item_id = win.import_files([bad])
    assert blocker.args[1] is not None
    item = win.model.find(item_id)
    assert item.state == DocState.ERROR and item.error_code == "unsupported_type"
    kind, code, what, todo, detail = errors[-1]
    assert kind == "error" and code == "unsupported_type"
    assert what == "Loại tệp này không được hỗ trợ." and "PDF" in todo
    assert "note.pdf" in detail


def test_crash_recovery_reopens_same_documents(qtbot, make_window, sample_images):
    from digitizer.ui.tasks import pools

    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images)
    win.strip.setCurrentRow(2)
    win.act_rot_right.trigger()
    win.move_page(2, 0)
    item.metadata["applicant_name"] = "Hồ Văn Hải"
    win.persist(item)
    pools().write.waitForDone(10000)
    expected = [(p.id, p.rotation) for p in item.pages]
    # "crash": the first window never closes cleanly; a new one opens on the same data dir
    win2 = make_window(ocr_auto=False)
    assert len(win2.model.items) == 1
    again = win2.model.items[0]
    assert again.id == item.id and again.state == DocState.SCANNED
    assert [(p.id, p.rotation) for p in again.pages] == expected
    assert again.metadata["applicant_name"] == "Hồ Văn Hải"
    assert win2.strip.count() == 3


def test_drop_files_onto_the_window_imports_them(qtbot, make_window, sample_images):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    win = make_window(ocr_auto=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in sample_images[:2]])
    ev = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        win.dropEvent(ev)
    item = win.model.find(blocker.args[0])
    assert len(item.pages) == 2 and item.state == DocState.SCANNED


def test_crash_during_ocr_restarts_it_on_reopen(qtbot, make_window, sample_images):
    """A power cut while OCR runs: the reopened window shows the document and OCRs it again."""
    from digitizer.ui.tasks import pools

    win = make_window()
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        item_id = win.import_files(sample_images[:1])
    qtbot.waitUntil(lambda: win.model.find(item_id).state == DocState.OCR_RUNNING, timeout=30000)
    pools().write.waitForDone(10000)
    from digitizer.ui.workitem import WipStore

    saved = {i.id: i for i in WipStore(win.store.root).load_all()}
    assert saved[item_id].state == DocState.OCR_RUNNING  # what a crash would leave behind
    for tok in list(win._ocr_tokens.values()):
        tok.cancel()  # the first "process" dies; its OCR never finishes
    win._ocr_gen[item_id] = -1
    win2 = make_window()
    with qtbot.waitSignal(win2.ocrFinished, timeout=240000) as blocker:
        pass
    assert blocker.args == [item_id, None]
    again = win2.model.find(item_id)
    assert again.state == DocState.READY_TO_SIGN and item_id in win2.results
