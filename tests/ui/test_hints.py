"""Hints in the record form (issue 13): what the extractor read but cannot vouch for is shown
under its empty field as "Gợi ý: … — Lý do: …" (the reason translated from the extractor's
reason code), with a "Dùng gợi ý" button that fills the field; pre-filled values carry a
"tự điền" badge. Fed with the extractor's real output on a real scan's cached OCR (the Prime
Minister's decision 729/QĐ-TTg, whose number and day are written by hand into the template's
blanks), through the same ``suggest_metadata`` -> ``prefill`` path as a finished OCR run."""

from __future__ import annotations

import json
from pathlib import Path

from digitizer.model import DocumentResult
from digitizer.ui.tasks import pools

from .clicks import Clicks

REAL = Path(__file__).resolve().parents[1] / "metadata" / "data" / "real"


def _import(qtbot, win, paths):
    with qtbot.waitSignal(win.importFinished, timeout=20000) as blocker:
        item_id = win.import_files(paths)
    assert blocker.args[1] is None, blocker.args
    return win.model.find(item_id)


def _extracted(doc_id: str) -> dict:
    from digitizer.ui.mainwindow import suggest_metadata

    doc = DocumentResult.from_dict(json.loads((REAL / f"{doc_id}.ocr.json").read_text("utf-8")))
    return suggest_metadata(doc)


def _open_with(qtbot, win, item, suggestions):
    win.meta.prefill(item, suggestions)
    win.persist(item)
    win.meta.set_item(item)
    clicks = Clicks(qtbot)
    clicks.tab(win.tabs, win.meta)
    return clicks


def test_hint_shows_its_reason_and_the_button_fills_the_field(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images[:1])
    sugg = _extracted("real-qd729")
    assert sugg["_hints"]["code_number"]["reason"] == "number_handwritten"
    clicks = _open_with(qtbot, win, item, sugg)
    form = win.meta

    # the handwritten number: not pre-filled, a hint with its reason next to the empty field
    assert form.editors["code_number"].text() == ""
    assert "code_number" not in item.metadata
    row, label = form.hint_rows["code_number"], form.hint_labels["code_number"]
    form.show_widget(row)
    assert row.isVisibleTo(form)
    assert label.text() == (
        "Gợi ý: 729 — Lý do: số viết tay vào chỗ trống trước dấu “/” (đọc được “729”)"
    )
    # the printed notation and organ are pre-filled, with the "tự điền" badge, no hint
    assert form.editors["code_notation"].text() == "QĐ-TTg"
    assert form.markers["code_notation"].isVisibleTo(form)
    assert form.markers["code_notation"].text() == "tự điền"
    assert not form.hint_rows["code_notation"].isVisibleTo(form)
    assert not form.markers["code_number"].isVisibleTo(form)

    clicks.click(form.hint_buttons["code_number"], what="Dùng gợi ý")
    assert form.editors["code_number"].text() == "729"
    assert item.metadata["code_number"] == "729"
    assert not row.isVisibleTo(form)  # taken: the field is filled
    assert "code_number" not in item.suggested  # the clerk's own choice, not "tự điền"
    assert not form.markers["code_number"].isVisibleTo(form)

    # the handwritten day: the date hint is shown and filled as the form writes dates
    date_label = form.hint_labels["issued_date"]
    form.show_widget(form.hint_rows["issued_date"])
    assert form.hint_rows["issued_date"].isVisibleTo(form)
    assert date_label.text().startswith("Gợi ý: 23/04/2026 — Lý do: ngày, tháng không in rõ")
    clicks.click(form.hint_buttons["issued_date"], what="Dùng gợi ý")
    assert form.editors["issued_date"].text() == "23/04/2026"
    assert not form.field_errors.get("issued_date")

    # the hints are kept with the document: clearing the field brings the hint back
    clicks.type_into(form.editors["code_number"], "")
    assert form.hint_rows["code_number"].isVisibleTo(form)
    win.persist(item)
    pools().wait(20000)
    stored = next(x for x in win.store.load_all() if x.id == item.id)
    assert stored.hints["code_number"]["reason"] == "number_handwritten"
    assert stored.hints["code_number"]["params"] == {"read": "729"}


def test_position_hint_under_the_seal_in_english(qtbot, make_window, sample_images):
    """tt21: 'KT. BỘ TRƯỞNG' readable, the position line under the seal is not: the deputy's
    title is a hint inferred from KT., the reason in the interface language."""
    from PySide6.QtWidgets import QApplication

    from digitizer.ui.app import install_translators

    app = QApplication.instance()
    loaded = install_translators(app, "en")
    try:
        _english_position_hint(qtbot, make_window, sample_images)
    finally:
        for t in loaded:
            app.removeTranslator(t)


def _english_position_hint(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False, language="en")
    item = _import(qtbot, win, sample_images[:1])
    clicks = _open_with(qtbot, win, item, _extracted("real-tt21"))
    form = win.meta
    form.show_widget(form.hint_rows["signer_position"])
    assert form.hint_rows["signer_position"].isVisibleTo(form)
    text = form.hint_labels["signer_position"].text()
    assert text == (
        "Suggestion: Thứ trưởng — Reason: the position line is unreadable (under the seal?); "
        "under “KT. BỘ TRƯỞNG” a deputy signs"
    ), text
    assert form.hint_buttons["signer_position"].text() == "Use suggestion"
    clicks.click(form.hint_buttons["signer_position"], what="Use suggestion")
    assert form.editors["signer_position"].text() == "Thứ trưởng"
    assert item.metadata["signer_position"] == "Thứ trưởng"


def test_a_typed_value_is_never_replaced_and_hides_the_hint(qtbot, make_window, sample_images):
    win = make_window(ocr_auto=False)
    item = _import(qtbot, win, sample_images[:1])
    item.metadata["code_number"] = "730"  # typed by the clerk before the OCR finished
    _open_with(qtbot, win, item, _extracted("real-qd729"))
    form = win.meta
    assert form.editors["code_number"].text() == "730"
    assert not form.hint_rows["code_number"].isVisibleTo(form)
    assert item.hints["code_number"]["value"] == "729"  # kept, in case the clerk clears it
