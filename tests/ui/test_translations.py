"""Vietnamese by default, English selectable; every string translated; committed .qm up to date."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TR = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
VI_ONLY = re.compile(
    r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõãĩũ]", re.IGNORECASE
)


def _messages(ts: Path):
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            yield ctx.find("name").text, m


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_string_is_translated(lang):
    msgs = list(_messages(TR / f"digitizer_{lang}.ts"))
    assert len(msgs) > 250
    for ctx, m in msgs:
        tr = m.find("translation")
        assert tr.get("type") is None, (ctx, m.find("source").text, tr.get("type"))
        assert (tr.text or "").strip() or len(tr), (ctx, m.find("source").text)
        if lang == "en":
            text = tr.text or " ".join(f.text for f in tr)
            assert not VI_ONLY.search(text), (ctx, text)


def test_ts_sources_match_the_code(tmp_path):
    """Running lupdate on the code adds nothing new: no string escaped translation."""
    ts = tmp_path / "check.ts"
    shutil.copy2(TR / "digitizer_en.ts", ts)
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *map(str, sorted((ROOT / "digitizer" / "ui").glob("*.py"))),
            "-source-language",
            "vi_VN",
            "-target-language",
            "en",
            "-locations",
            "none",
            "-no-obsolete",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert ts.read_text(encoding="utf-8") == (TR / "digitizer_en.ts").read_text(encoding="utf-8"), (
        "run resources/translations/build.sh and translate the new strings"
    )


@pytest.mark.parametrize("name", ["digitizer_en", "digitizer_vi", "qt_vi"])
def test_committed_qm_is_built_from_ts(tmp_path, name):
    out = tmp_path / f"{name}.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(TR / f"{name}.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert out.read_bytes() == (TR / f"{name}.qm").read_bytes(), (
        "run resources/translations/build.sh"
    )


def _visible_texts(win) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget

    texts = [a.text() for a in win.findChildren(type(win.act_scan)) if a.text()]
    texts += [a.toolTip() for a in win.findChildren(type(win.act_scan)) if a.toolTip()]
    texts += [
        m.title() for m in win.menuBar().findChildren(type(win.menuBar().actions()[0].menu()))
    ]
    for w in win.findChildren(QLabel):
        if w.text() and not w.text().startswith("<"):
            texts.append(w.text())
    texts += [b.text() for b in win.findChildren(QAbstractButton) if b.text()]
    texts += [g.title() for g in win.findChildren(QGroupBox)]
    for t in win.findChildren(QTabWidget):
        texts += [t.tabText(i) for i in range(t.count())]
    texts.append(win.windowTitle())
    return texts


def test_english_screen_has_no_vietnamese(qtbot, make_window):
    from PySide6.QtWidgets import QApplication

    from digitizer.ui.app import install_translators

    app = QApplication.instance()
    loaded = install_translators(app, "en")
    try:
        win = make_window(language="en", ocr_auto=False)
        texts = _visible_texts(win)
        assert "Import" in texts and "Sign" in texts and "Verify signature" in texts
        mixed = [t for t in texts if VI_ONLY.search(t)]
        assert not mixed, mixed
    finally:
        for t in loaded:
            app.removeTranslator(t)


def test_vietnamese_is_the_default(qtbot, make_window):
    win = make_window(ocr_auto=False)
    texts = _visible_texts(win)
    assert "Nhập tệp" in texts and "Ký số" in texts and "Kiểm tra chữ ký" in texts
    # labels of the metadata form come from the schema in the UI language
    assert any("Mã hồ sơ" == t for t in texts)


def test_language_switch_applies_at_once_and_keeps_the_documents(qtbot, make_window, sample_images):
    """Settings → Interface → English: the window comes back in English at once, with the same
    document open and its metadata; switching back gives Vietnamese again."""
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    from digitizer.ui.app import install_translators

    win = make_window(ocr_auto=False)
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        item_id = win.import_files(sample_images[:2])
    win.model.find(item_id).metadata["applicant_name"] = "Hồ Văn Hải"
    win.persist(win.model.find(item_id))
    windows = []
    win.replaced.connect(windows.append)
    try:
        win.apply_settings(replace(win.settings, language="en"))
        assert len(windows) == 1
        en = windows[0]
        qtbot.addWidget(en)
        assert not win.isVisible() and en.isVisible()
        texts = _visible_texts(en)
        assert "Import" in texts and "Sign" in texts and "Verify signature" in texts
        mixed = [t for t in texts if VI_ONLY.search(t)]
        assert not mixed, mixed
        assert en.current_item().id == item_id and len(en.current_item().pages) == 2
        assert en.current_item().metadata["applicant_name"] == "Hồ Văn Hải"
        assert en.strip.count() == 2

        en.replaced.connect(windows.append)
        en.apply_settings(replace(en.settings, language="vi"))
        vi = windows[1]
        qtbot.addWidget(vi)
        texts = _visible_texts(vi)
        assert "Nhập tệp" in texts and "Ký số" in texts and "Mã hồ sơ" in texts
        assert vi.current_item().id == item_id
    finally:
        for w in windows:
            w.queue.shutdown()
        install_translators(QApplication.instance(), "vi")


def test_language_switch_waits_while_ocr_runs(qtbot, make_window, sample_images, monkeypatch):
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    win = make_window()
    with qtbot.waitSignal(win.importFinished, timeout=20000):
        win.import_files(sample_images[:1])
    assert win._ocr_tokens and not win.is_idle()
    windows = []
    win.replaced.connect(windows.append)
    win.apply_settings(replace(win.settings, language="en"))
    assert windows == [] and win.isVisible()
    assert shown and "Đang có việc chạy" in shown[0]
