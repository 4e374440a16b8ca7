"""The clerk's main window: documents in progress, page strip, page view, OCR text, metadata,
signature panel and the archive queue. Drives the core only through public functions and
``run_task``; every state change of a document is persisted for crash recovery."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from digitizer.errors import CancelledError
from digitizer.model import DocState, DocumentResult
from digitizer.progress import CancelToken

from ..fsutil import copy_atomic
from . import features, icons
from .dialogs import show_error
from .doclist import DocListModel, ItemRole, display_name
from .ocrtext import OcrTextView
from .pages import PageStrip, PageView
from .render import count_pages
from .settings import Settings
from .tasks import run_task
from .workitem import PageRef, WipStore, WorkItem, new_item

log = logging.getLogger(__name__)


def suggest_metadata(result: DocumentResult) -> dict:
    """Worker: the metadata package's suggestions for this OCR result ({} if absent): the
    confident values, plus ``_hints`` (value, reason code, parameters) the form shows apart."""
    extract = features.metadata_extractor()
    if extract is None:
        return {}
    try:
        return extract(result).to_json()
    except Exception as exc:  # noqa: BLE001 - a failed suggestion must not stop the flow
        log.warning("metadata extraction failed: %s", exc)
        return {}


def ocr_pages(pl, inputs: list[tuple[Path, bool]], job, progress) -> DocumentResult:
    """``pipeline.ocr_document`` with one difference: a page the clerk turned by hand is not
    auto-oriented (NAPS2: the manual rotation wins), the others are. Same checks first (the
    output is none of the inputs, every input readable within the limits)."""
    from digitizer.fsutil import refuse_output_over_inputs

    paths = [p for p, _t in inputs]
    turned = {p.resolve() for p, t in inputs if t}
    refuse_output_over_inputs({"the output": job.out, "the sidecar": job.sidecar}, paths)
    o = job.options
    refs = pl.scan_inputs(paths, max_pages=o.max_pages, max_file_bytes=o.max_file_bytes)
    with pl.OcrSession(o, progress, job.token) as session:
        jobs = session.options.jobs or pl.default_jobs()
        split = jobs // len(refs) if len(refs) < jobs else 1
        for ref in refs:
            manual = Path(ref.path).resolve() in turned
            session.add_ref(ref, split=split, rotate=False if manual else None)
        return session.finish(job.out, job.sidecar)


@dataclass
class OcrJob:
    """One OCR run of a document; results of superseded runs (older ``gen``) are dropped."""

    item: WorkItem
    gen: int
    token: CancelToken
    out: Path
    sidecar: Path
    options: object


class SetPages(QUndoCommand):
    """Undoable change of a document's page list (reorder, rotate, delete, insert, replace)."""

    def __init__(self, win: MainWindow, item: WorkItem, new: list[PageRef], text: str):
        super().__init__(text)
        self._win = win
        self._id = item.id
        self._old = list(item.pages)
        self._new = list(new)

    def redo(self) -> None:
        self._win._apply_pages(self._id, self._new)

    def undo(self) -> None:
        self._win._apply_pages(self._id, self._old)


class MainWindow(QMainWindow):
    """Signals let tests and panels follow the flow without polling widgets."""

    itemChanged = Signal(str)
    ocrFinished = Signal(str, object)  # item id, error or None
    importFinished = Signal(str, object)
    scanFinished = Signal(str, object)
    signFinished = Signal(str, object)
    pinDialogShown = Signal(object)
    pinRiskAsked = Signal(object)  # the QMessageBox asking to confirm a risky PIN attempt
    warmed = Signal()
    replaced = Signal(object)  # the new window, after a language switch rebuilt the UI
    copySaved = Signal(str)  # path of a copy of a signed document saved by the clerk
    signaturesShown = Signal(str, object)  # item id, verification report of its signed copy

    def __init__(self, store: WipStore, settings: Settings, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.results: dict[str, DocumentResult] = {}
        self._ocr_tokens: dict[str, CancelToken] = {}
        self._ocr_gen: dict[str, int] = {}
        self._undo = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._reocr = QTimer(self, singleShot=True, interval=700)
        self._reocr.timeout.connect(self._reocr_due)
        self._reocr_ids: set[str] = set()
        self._scan_reason = ""
        self._imports_running = 0

        self.setWindowTitle(self.tr("Số hóa hồ sơ – Quầy một cửa"))
        self.setAcceptDrops(True)
        self.resize(1360, 860)

        self.model = DocListModel(self)
        self.docs = QListView()
        self.docs.setModel(self.model)
        self.docs.setAlternatingRowColors(True)
        self.docs.setWordWrap(True)
        self.docs.setSpacing(2)
        self.docs.selectionModel().currentChanged.connect(lambda *_: self._on_current_doc())

        self.strip = PageStrip()
        self.strip.currentRowChanged.connect(lambda *_: self._on_current_page())
        self.strip.reordered.connect(self._on_reordered)
        self.view = PageView()
        self.text = OcrTextView()

        self._after_warm: list = []
        self._build_panels()
        self._build_actions()
        self.sign.add_signed_actions(
            (self.act_send_archive, self.act_save_copy, self.act_open_folder)
        )
        self._build_layout()
        self._restore()
        self._update_actions()
        run_task(features.warm_up, self._on_warm)

    def _on_warm(self, _res, err) -> None:
        """Optional pieces are imported (off the GUI thread): enable what they offer."""
        from . import scanning

        if err is not None:
            log.error("warm-up failed: %s", err)
        self.queue.settings_changed()
        scanning.probe(self)
        pending, self._after_warm = self._after_warm, []
        for fn in pending:
            fn()
        self._update_actions()
        self.sign.refresh()
        self.sign.refresh_certificate()
        self.warmed.emit()

    # ---------------------------------------------------------------- layout
    def _build_panels(self) -> None:
        from .metaform import MetadataForm
        from .signpanel import SignPanel

        self.meta = MetadataForm(self)
        self.meta.changed.connect(self._on_metadata_edited)
        self.sign = SignPanel(self)
        from .sigpanel import SignaturePanel

        self.sigpanel = SignaturePanel(self, lang=self.settings.language)
        self.sigpanel.clear(self.tr("Tài liệu đang mở chưa được ký."))
        self.sigpanel.trusted.connect(lambda _info: self.show_signatures(force=True))
        self._sig_seen: tuple | None = None  # (path, mtime) last verified for the panel
        self.signFinished.connect(lambda _id, err: err is None and self.show_signatures())
        self.meta.edited.connect(lambda _id: self.sign.refresh())  # checklist follows each key
        self.model.ready = lambda item: all(ok is not False for ok, _ in self.sign.checklist(item))

    def _build_layout(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(4, 4, 4, 4)
        title = QLabel(self.tr("Tài liệu đang xử lý"))
        title.setStyleSheet("font-weight:bold")
        lv.addWidget(title)
        lv.addWidget(self.docs)
        self.empty_hint = QLabel(self.guide_text())  # the first-run guide: three steps
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color:#555")
        lv.addWidget(self.empty_hint)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, self.tr("Văn bản OCR"))
        self.tabs.addTab(self.meta, self.tr("Thông tin hồ sơ"))
        self.tabs.addTab(self.sign, self.tr("Ký số"))  # scrolls inside, sign button below
        self._sign_tab = self.sign
        self.tabs.addTab(self.sigpanel, self.tr("Chữ ký"))  # as Acrobat's signature panel

        # Acrobat's banner above the page: the verdict of the open signed document
        centre = QWidget()
        cv = QVBoxLayout(centre)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.setSpacing(2)
        self.sig_banner = QWidget()
        bl = QHBoxLayout(self.sig_banner)
        bl.setContentsMargins(6, 2, 6, 2)
        self.sig_banner_label = QLabel()
        self.sig_banner_label.setWordWrap(True)
        bl.addWidget(self.sig_banner_label, 1)
        self.sig_banner_btn = QPushButton(self.tr("Bảng chữ ký"))
        self.sig_banner_btn.clicked.connect(
            lambda _checked=False: self.tabs.setCurrentWidget(self.sigpanel)
        )
        bl.addWidget(self.sig_banner_btn)
        self.sig_banner.setVisible(False)
        cv.addWidget(self.sig_banner)
        cv.addWidget(self.view, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.strip)
        split.addWidget(centre)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(2, 3)
        split.setStretchFactor(3, 2)
        split.setSizes([250, 176, 560, 420])
        split.setChildrenCollapsible(False)
        self.setCentralWidget(split)
        QWidget.setTabOrder(self.docs, self.strip)
        QWidget.setTabOrder(self.strip, self.view)
        QWidget.setTabOrder(self.view, self.tabs)

        from .queuepanel import QueuePanel

        self.queue = QueuePanel(self)
        dock = QDockWidget(self.tr("Hàng đợi lưu trữ"), self)
        dock.setObjectName("queue")
        dock.setWidget(self.queue)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [170], Qt.Orientation.Vertical)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoomChanged.connect(
            lambda z: self.zoom_label.setText(
                self.tr("Thu phóng: %1%").replace("%1", str(round(z * 100)))
            )
        )

    def _act(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setToolTip(tip or text)
        a.setStatusTip(tip or text)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        K = QKeySequence
        self.act_scan = self._act(self.tr("Quét"), self.scan, "F2", self.tr("Quét tài liệu (F2)"))
        self.act_import = self._act(
            self.tr("Nhập tệp"),
            self.import_dialog,
            K.StandardKey.Open,
            self.tr("Nhập tệp PDF hoặc ảnh (Ctrl+O)"),
        )
        self.act_prev = self._act(
            self.tr("Trang trước"), lambda: self._step_page(-1), [K("PgUp"), K("Alt+Left")]
        )
        self.act_next = self._act(
            self.tr("Trang sau"), lambda: self._step_page(1), [K("PgDown"), K("Alt+Right")]
        )
        self.act_rot_left = self._act(
            self.tr("Xoay trái"),
            lambda: self.rotate_page(-90),
            "Ctrl+L",
            self.tr("Xoay trang sang trái (Ctrl+L)"),
        )
        self.act_rot_right = self._act(
            self.tr("Xoay phải"),
            lambda: self.rotate_page(90),
            "Ctrl+R",
            self.tr("Xoay trang sang phải (Ctrl+R)"),
        )
        self.act_delete = self._act(
            self.tr("Xóa trang"), self.delete_page, "Del", self.tr("Xóa trang đang chọn (Delete)")
        )
        self.act_insert = self._act(
            self.tr("Chèn trang"),
            self.insert_pages_dialog,
            "Ctrl+I",
            self.tr("Chèn trang từ tệp sau trang đang chọn (Ctrl+I)"),
        )
        self.act_replace = self._act(
            self.tr("Thay trang"),
            self.replace_page_dialog,
            "Ctrl+Shift+I",
            self.tr("Thay trang đang chọn bằng tệp khác (Ctrl+Shift+I)"),
        )
        self.act_scan_insert = self._act(
            self.tr("Quét chèn trang"),
            lambda: self.scan_into_current(replace=False),
            "Ctrl+F2",
            self.tr("Quét thêm trang, chèn sau trang đang chọn (Ctrl+F2)"),
        )
        self.act_scan_replace = self._act(
            self.tr("Quét thay trang"),
            lambda: self.scan_into_current(replace=True),
            "Shift+F2",
            self.tr("Quét lại trang đang chọn để thay thế (Shift+F2)"),
        )
        self.act_undo = self._undo.createUndoAction(self, self.tr("Hoàn tác"))
        self.act_undo.setShortcut(K.StandardKey.Undo)
        self.act_redo = self._undo.createRedoAction(self, self.tr("Làm lại"))
        self.act_redo.setShortcut(K.StandardKey.Redo)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_zoom_in = self._act(
            self.tr("Phóng to"), self.view.zoom_in, [K("Ctrl++"), K("Ctrl+=")]
        )
        self.act_zoom_out = self._act(self.tr("Thu nhỏ"), self.view.zoom_out, "Ctrl+-")
        self.act_fit = self._act(self.tr("Vừa khung"), self.view.fit, "Ctrl+0")
        self.act_sign = self._act(
            self.tr("Ký số"), self.sign_current, "F9", self.tr("Ký số tài liệu (F9)")
        )
        self.act_verify = self._act(
            self.tr("Kiểm tra chữ ký"),
            self.verify_dialog,
            "Ctrl+Shift+V",
            self.tr("Mở một tệp PDF và kiểm tra chữ ký số (Ctrl+Shift+V)"),
        )
        self.act_settings = self._act(self.tr("Cài đặt"), self.settings_dialog, "Ctrl+,")
        self.act_certs = self._act(
            self.tr("Chứng thư số…"),
            self.certificates_dialog,
            None,
            self.tr("Các chứng thư có thể dùng để ký: người được cấp, hiệu lực, tin cậy"),
        )
        self.act_remove = self._act(
            self.tr("Bỏ tài liệu"),
            self.remove_current,
            None,
            self.tr("Bỏ tài liệu khỏi danh sách (tệp gốc không bị xóa)"),
        )
        self.act_retry = self._act(
            self.tr("Nhận dạng lại"),
            self.retry_ocr,
            None,
            self.tr("Chạy lại nhận dạng chữ cho tài liệu"),
        )
        # the signed copy: never only in the hidden work folder
        self.act_send_archive = self._act(
            self.tr("Gửi lưu trữ"),
            self.send_to_archive,
            None,
            self.tr("Đưa bản đã ký vào hàng đợi lưu trữ"),
        )
        self.act_save_copy = self._act(
            self.tr("Lưu bản sao…"),
            self.save_copy_dialog,
            K.StandardKey.Save,
            self.tr("Lưu một bản sao của tệp đã ký vào thư mục bạn chọn (Ctrl+S)"),
        )
        self.act_open_folder = self._act(
            self.tr("Mở thư mục"),
            self.open_signed_folder,
            None,
            self.tr("Mở thư mục chứa tệp đã ký"),
        )

        tb = QToolBar(self.tr("Thanh công cụ"))
        tb.setObjectName("main")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        tb.setIconSize(QSize(24, 24))
        tb.setMovable(False)
        self.toolbar = tb
        # icons with text (Adwaita symbolic icons, resources/icons/README.md); the undo/redo
        # actions' text follows the command ("Hoàn tác Xoay trang"): the button shows a fixed
        # short text so nothing on the toolbar changes width under the mouse
        for a, icon in (
            (self.act_scan, "scanner"),
            (self.act_import, "document-open"),
            (self.act_rot_left, "object-rotate-left"),
            (self.act_rot_right, "object-rotate-right"),
            (self.act_delete, "edit-delete"),
            (self.act_insert, "insert-object"),
            (self.act_replace, "edit-find-replace"),
            (self.act_undo, "edit-undo"),
            (self.act_redo, "edit-redo"),
            (self.act_zoom_in, "zoom-in"),
            (self.act_zoom_out, "zoom-out"),
            (self.act_fit, "zoom-fit-best"),
            (self.act_sign, "document-edit"),
            (self.act_verify, "security-high"),
            (self.act_settings, "preferences-system"),
        ):
            a.setIcon(icons.icon(icon))
        self.act_undo.setIconText(self.tr("Hoàn tác"))
        self.act_redo.setIconText(self.tr("Làm lại"))
        for a in (
            self.act_scan,
            self.act_import,
            None,
            self.act_rot_left,
            self.act_rot_right,
            self.act_delete,
            self.act_insert,
            self.act_replace,
            self.act_undo,
            self.act_redo,
            None,
            self.act_zoom_in,
            self.act_zoom_out,
            self.act_fit,
            None,
            self.act_sign,
            self.act_verify,
            None,
            self.act_settings,
        ):
            tb.addSeparator() if a is None else tb.addAction(a)
        self.addToolBar(tb)
        icons.even_widths(tb)

        m = self.menuBar()
        f = m.addMenu(self.tr("&Tệp"))
        for a in (self.act_scan, self.act_import, self.act_remove, self.act_retry):
            f.addAction(a)
        f.addSeparator()
        for a in (self.act_send_archive, self.act_save_copy, self.act_open_folder):
            f.addAction(a)
        f.addSeparator()
        f.addAction(self._act(self.tr("Thoát"), self.close, K.StandardKey.Quit))
        p = m.addMenu(self.tr("T&rang"))
        for a in (
            self.act_prev,
            self.act_next,
            self.act_rot_left,
            self.act_rot_right,
            self.act_delete,
            self.act_insert,
            self.act_replace,
            self.act_scan_insert,
            self.act_scan_replace,
            self.act_undo,
            self.act_redo,
        ):
            p.addAction(a)
        v = m.addMenu(self.tr("&Xem"))
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_fit):
            v.addAction(a)
        s = m.addMenu(self.tr("&Chữ ký"))
        s.addAction(self.act_sign)
        s.addAction(self.act_verify)
        s.addAction(self.act_certs)
        m.addMenu(self.tr("&Công cụ")).addAction(self.act_settings)
        h = m.addMenu(self.tr("Trợ &giúp"))
        self.act_guide = self._act(self.tr("Hướng dẫn nhanh"), self.show_guide, "F1")
        self.act_shortcuts = self._act(self.tr("Phím tắt"), self.show_shortcuts)
        h.addAction(self.act_guide)
        h.addAction(self.act_shortcuts)

        self.docs.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (
            self.act_retry,
            self.act_send_archive,
            self.act_save_copy,
            self.act_open_folder,
            self.act_remove,
        ):
            self.docs.addAction(a)
        self.strip.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (
            self.act_rot_left,
            self.act_rot_right,
            self.act_delete,
            self.act_insert,
            self.act_replace,
            self.act_scan_insert,
            self.act_scan_replace,
        ):
            self.strip.addAction(a)

    # ---------------------------------------------------------------- state
    def _restore(self) -> None:
        """Reopen the documents of the last session (crash recovery)."""
        for item in self.store.load_all():
            if item.state == DocState.OCR_RUNNING:
                item.state = DocState.SCANNED  # interrupted: OCR is restarted below
            self.model.add(item)
            self._stack(item.id)
            if item.ocr_json and item.ocr_current and Path(item.ocr_json).exists():
                self._load_sidecar(item)
            elif (
                item.pages
                and not item.locked
                and item.state != DocState.ERROR
                and self.settings.ocr_auto
            ):
                self.start_ocr(item)
        if self.model.items:
            self.docs.setCurrentIndex(self.model.index(0))

    def _load_sidecar(self, item: WorkItem) -> None:
        import json

        path = item.ocr_json

        def load():
            return DocumentResult.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

        def done(res, err):
            if err is None:
                self.results[item.id] = res
                if self.current_item() is item:
                    self._on_current_page()
            else:
                log.warning("cannot reload OCR sidecar %s: %s", path, err)

        run_task(load, done)

    def _stack(self, item_id: str) -> QUndoStack:
        st = self._stacks.get(item_id)
        if st is None:
            st = QUndoStack(self)
            self._undo.addStack(st)
            self._stacks[item_id] = st
        return st

    def persist(self, item: WorkItem) -> None:
        """Write the item through the one-thread write pool; UI updates at once."""
        snapshot = WorkItem.from_json(item.to_json())
        run_task(lambda: self.store.save(snapshot), self._on_persisted, write=True)
        self.model.refresh(item.id)
        self.itemChanged.emit(item.id)
        if item is self.current_item():
            self._update_actions()

    def _on_persisted(self, _res, err) -> None:
        if err is not None:
            show_error(self, err)

    def current_item(self) -> WorkItem | None:
        idx = self.docs.currentIndex()
        return idx.data(ItemRole) if idx.isValid() else None

    def current_page_index(self) -> int:
        return self.strip.currentRow()

    def select_item(self, item_id: str) -> None:
        for row, it in enumerate(self.model.items):
            if it.id == item_id:
                self.docs.selectionModel().setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                return

    def _on_current_doc(self) -> None:
        item = self.current_item()
        shown = item.id if item else None
        if shown != getattr(self, "_shown_doc", None):
            self._shown_doc = shown
            self.view.reset_zoom()
        self._undo.setActiveStack(self._stack(item.id) if item else None)
        self.strip.set_pages(self._strip_refs(item) if item else [])
        self.strip.set_locked(bool(item and item.locked))
        self.meta.set_item(item)
        self.sign.set_item(item)
        self.show_signatures()
        self._on_current_page()
        self._update_actions()

    def show_signatures(self, force: bool = False) -> None:
        """Verify the open document's signed copy for the banner and the signature panel (in
        a worker; the result is shown only if that document is still the open one)."""
        item = self.current_item()
        pdf = Path(item.signed_pdf) if item and item.signed_pdf else None
        if pdf is None or not pdf.exists():
            self._sig_seen = None
            self.sig_banner.setVisible(False)
            self.sigpanel.clear(self.tr("Tài liệu đang mở chưa được ký."))
            return
        key = (str(pdf), pdf.stat().st_mtime_ns)
        if key == self._sig_seen and not force:
            return
        self._sig_seen = key
        self.sigpanel.clear(self.tr("Đang kiểm tra chữ ký…"))
        from .verifydialog import verify

        roots = tuple(self.settings.trust_roots)

        def done(rep, err):
            if self._sig_seen != key:
                return  # another document was opened meanwhile
            if err is not None:
                log.warning("verifying %s for the signature panel: %s", pdf, err)
                self.sigpanel.clear(self.tr("Không kiểm tra được chữ ký của tệp này."))
                return
            self.sigpanel.show_report(rep)
            self.sig_banner_label.setText(self.sigpanel.headline(rep).replace("\n", " "))
            colour = {"passed": "#2e7d32", "indeterminate": "#b26a00", "failed": "#c62828"}
            self.sig_banner.setStyleSheet(
                f"background:{colour[self.sigpanel.verdict_key]};color:white;font-weight:bold"
            )
            self.sig_banner.setVisible(True)
            self.signaturesShown.emit(item.id, rep)

        if not features.ready():  # verified once the optional pieces are imported
            self._sig_seen = None
            if self.show_signatures not in self._after_warm:
                self._after_warm.append(self.show_signatures)
            return
        if features.verification() is not None:
            run_task(lambda: verify(pdf, roots), done)

    def _strip_refs(self, item: WorkItem) -> list[PageRef]:
        """Thumbnails as the pages will be saved (as NAPS2 shows them): once the OCR output
        matches the pages, its pages, turned upright and deskewed; before that the pages as
        imported with the clerk's rotation. Same page ids, so dragging works the same."""
        res = self.results.get(item.id)
        if (
            item.ocr_current
            and item.ocr_pdf
            and Path(item.ocr_pdf).exists()
            and (res is None or len(res.pages) == len(item.pages))
        ):
            pdf = (
                item.signed_pdf
                if item.signed_pdf and Path(item.signed_pdf).exists()
                else item.ocr_pdf
            )
            return [
                PageRef(file=pdf, index=i, label=p.label, id=p.id) for i, p in enumerate(item.pages)
            ]
        return list(item.pages)

    def _on_current_page(self) -> None:
        item = self.current_item()
        row = self.strip.currentRow()
        page = item.pages[row] if item and 0 <= row < len(item.pages) else None
        res = self.results.get(item.id) if item else None
        shown = None
        if page is not None and item.ocr_current and res is not None and row < len(res.pages):
            # what will be signed: the straightened OCR output (the signed copy, with its stamp)
            pdf = (
                item.signed_pdf
                if item.signed_pdf and Path(item.signed_pdf).exists()
                else item.ocr_pdf
            )
            if pdf and Path(pdf).exists():
                page = PageRef(file=pdf, index=row, label=page.label, id=page.id)
                shown = res.pages[row]  # the page image the OCR coordinates refer to
        self.view.show_page(page)
        # ink the OCR could not read (coverage check), outlined on the straightened page
        if shown is not None and shown.unread_regions:
            self.view.set_marks(shown.unread_regions, (shown.width_px, shown.height_px))
        blank = (
            {i for i, p in enumerate(res.pages) if p.blank}
            if item is not None and res is not None and item.ocr_current
            else set()
        )
        self.strip.set_badges(blank)
        if item is not None and item.state == DocState.OCR_RUNNING:
            self.text.show_placeholder(self.tr("Đang nhận dạng chữ…"))
        elif res is not None and item.ocr_current and 0 <= row < len(res.pages):
            self.text.show_page(res.pages[row])
        else:
            self.text.show_placeholder()
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.current_item()
        has_page = bool(item and item.pages and self.strip.currentRow() >= 0)
        editable = bool(item and not item.locked)
        for a in (self.act_rot_left, self.act_rot_right, self.act_replace):
            a.setEnabled(has_page and editable)
        # the only page is not deleted (that left a document with no pages): Bỏ tài liệu is
        # the way to drop a document
        several = bool(item and len(item.pages) > 1)
        self.act_delete.setEnabled(has_page and editable and several)
        self.act_delete.setToolTip(
            self.tr("Xóa trang đang chọn (Delete)")
            if several or not has_page
            else self.tr("Tài liệu chỉ còn một trang: dùng Bỏ tài liệu để bỏ cả tài liệu")
        )
        self.act_insert.setEnabled(editable)
        self.act_prev.setEnabled(has_page)
        self.act_next.setEnabled(has_page)
        self.act_remove.setEnabled(item is not None)
        self.act_retry.setEnabled(
            bool(item and item.pages and editable)
            and features.ready()
            and features.pipeline() is not None
        )
        signed = bool(item and item.signed_pdf and Path(item.signed_pdf).exists())
        can_queue, why = self.queue.can_enqueue()
        self.act_send_archive.setEnabled(signed and not item.outbox_id and can_queue)
        self.act_send_archive.setToolTip(
            why
            if signed and not item.outbox_id and not can_queue
            else self.tr("Đưa bản đã ký vào hàng đợi lưu trữ")
        )
        self.act_save_copy.setEnabled(signed)
        self.act_open_folder.setEnabled(signed)
        self.empty_hint.setVisible(not self.model.items)
        self.sign.refresh()  # also enables/disables act_sign
        self._update_scan_action()

    # ---------------------------------------------------------------- acquire
    def _update_scan_action(self) -> None:
        from . import scanning

        ok, reason = scanning.availability()
        item = self.current_item()
        editable = bool(item and not item.locked)
        self.act_scan_insert.setEnabled(ok and editable)
        self.act_scan_replace.setEnabled(ok and editable and self.strip.currentRow() >= 0)
        if not ok and reason != self._scan_reason and not self.statusBar().currentMessage():
            self.statusBar().showMessage(reason, 15000)  # say why Scan is greyed out
        self._scan_reason = reason
        self.act_scan.setEnabled(ok)
        self.act_scan.setToolTip(self.tr("Quét tài liệu (F2)") if ok else reason)
        self.act_scan.setStatusTip(self.act_scan.toolTip())

    def scan(self) -> None:
        from . import scanning

        scanning.scan_into_new_item(self)

    def scan_into_current(self, replace: bool) -> None:
        """Re-scan: insert scanned pages after the current page, or replace it."""
        from . import scanning

        item = self.current_item()
        if item is None or item.locked:
            return
        row = self.strip.currentRow()
        at = row if replace else row + 1
        if replace and row < 0:
            return
        scanning.scan_pages(self, item, at, replace)

    def import_dialog(self) -> None:
        paths = self._ask_files(self.tr("Nhập tệp"))
        if paths:
            self.import_files(paths)

    def _ask_files(self, title: str) -> list[Path]:
        flt = self.tr("Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)")
        names, _ = QFileDialog.getOpenFileNames(self, title, str(Path.home()), flt)
        return [Path(n) for n in names]

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def _copy_in(self, item_id: str, paths: list[Path]) -> list[PageRef]:
        """Worker: copy files into the work folder and list their pages (originals untouched)."""
        wd = self.store.work_dir(item_id) / "src"
        pages: list[PageRef] = []
        for src in paths:
            n = count_pages(src)  # validates by content before anything is copied
            k = 1
            dest = wd / src.name
            while dest.exists():
                dest = wd / f"{src.stem}-{k}{src.suffix}"
                k += 1
            copy_atomic(src, dest)
            for i in range(n):
                label = src.name if n == 1 else f"{src.name}#{i + 1}"
                pages.append(PageRef(file=str(dest), index=i, label=label))
        return pages

    def import_files(self, paths: list[Path], title: str | None = None) -> str:
        """Start a new document from files; returns its id. Work happens in the background."""
        paths = [Path(p) for p in paths]
        if title is None:  # named after its source until the record gives it a real name
            title = paths[0].name + (f" (+{len(paths) - 1})" if len(paths) > 1 else "")
        item = new_item(title)
        self.model.add(item)
        self._stack(item.id)
        self.select_item(item.id)
        self.persist(item)
        self.statusBar().showMessage(self.tr("Đang nhập %n tệp…", "", len(paths)))
        self._imports_running += 1

        def done(pages, err):
            self._imports_running -= 1
            if err is not None:
                item.state = DocState.ERROR
                item.error_code = getattr(err, "code", "internal")
                item.error_message = str(err)
                self.persist(item)
                show_error(self, err)
                self.importFinished.emit(item.id, err)
                return
            item.pages = pages
            item.state = DocState.SCANNED
            self.persist(item)
            if self.current_item() is item:
                self._on_current_doc()
            self.statusBar().showMessage(self.tr("Đã nhập %n trang.", "", len(pages)), 5000)
            self.importFinished.emit(item.id, None)
            if self.settings.ocr_auto:
                self.start_ocr(item)

        run_task(lambda: self._copy_in(item.id, paths), done, write=True)
        return item.id

    def add_pages_to_item(
        self,
        item: WorkItem,
        pages: list[PageRef],
        at: int | None = None,
        replace: bool = False,
        text: str = "",
    ) -> None:
        new = list(item.pages)
        if at is None:
            at = len(new)
        if replace and 0 <= at < len(new):
            new[at : at + 1] = pages
        else:
            new[at:at] = pages
        self._stack(item.id).push(SetPages(self, item, new, text or self.tr("Chèn trang")))

    def insert_pages_dialog(self) -> None:
        item = self.current_item()
        if item is None or item.locked:
            return
        paths = self._ask_files(self.tr("Chèn trang"))
        if paths:
            self.insert_files(item, paths, self.strip.currentRow() + 1, replace=False)

    def replace_page_dialog(self) -> None:
        item = self.current_item()
        if item is None or item.locked or self.strip.currentRow() < 0:
            return
        paths = self._ask_files(self.tr("Thay trang"))
        if paths:
            self.insert_files(item, paths, self.strip.currentRow(), replace=True)

    def insert_files(self, item: WorkItem, paths: list[Path], at: int, replace: bool) -> None:
        def done(pages, err):
            if err is not None:
                show_error(self, err)
                return
            self.add_pages_to_item(
                item,
                pages,
                at,
                replace,
                self.tr("Thay trang") if replace else self.tr("Chèn trang"),
            )
            self.importFinished.emit(item.id, None)

        run_task(lambda: self._copy_in(item.id, [Path(p) for p in paths]), done, write=True)

    # ---------------------------------------------------------------- page edits
    def _apply_pages(self, item_id: str, pages: list[PageRef]) -> None:
        item = self.model.find(item_id)
        if item is None or item.locked:
            return
        row = self.strip.currentRow()
        item.pages = list(pages)
        if item.state in (DocState.READY_TO_SIGN, DocState.ERROR, DocState.NEW):
            item.state = DocState.SCANNED
        self.persist(item)
        if self.current_item() is item:
            self.strip.set_pages(self._strip_refs(item))
            if item.pages:
                self.strip.setCurrentRow(min(max(row, 0), len(item.pages) - 1))
            self._on_current_page()
        self._schedule_reocr(item)

    def _on_reordered(self, ids: list[str]) -> None:
        item = self.current_item()
        if item is None or item.locked:
            return
        by_id = {p.id: p for p in item.pages}
        new = [by_id[i] for i in ids if i in by_id]
        if [p.id for p in new] != [p.id for p in item.pages] and len(new) == len(item.pages):
            target = (
                ids.index(self.strip.currentItem().data(Qt.ItemDataRole.UserRole))
                if self.strip.currentItem()
                else 0
            )
            self._stack(item.id).push(SetPages(self, item, new, self.tr("Đổi thứ tự trang")))
            self.strip.setCurrentRow(target)

    def rotate_page(self, degrees: int) -> None:
        item = self.current_item()
        row = self.strip.currentRow()
        if item is None or item.locked or not (0 <= row < len(item.pages)):
            return
        new = list(item.pages)
        p = new[row]
        new[row] = PageRef(
            file=p.file,
            index=p.index,
            rotation=(p.rotation + degrees) % 360,
            label=p.label,
            id=p.id,
        )
        self._stack(item.id).push(SetPages(self, item, new, self.tr("Xoay trang")))

    def delete_page(self) -> None:
        item = self.current_item()
        row = self.strip.currentRow()
        if item is None or item.locked or not (0 <= row < len(item.pages)) or len(item.pages) < 2:
            return
        new = list(item.pages)
        del new[row]
        self._stack(item.id).push(SetPages(self, item, new, self.tr("Xóa trang")))

    def move_page(self, src: int, dest: int) -> None:
        self.strip.setCurrentRow(src)
        self.strip.move_page(src, dest)

    def _step_page(self, delta: int) -> None:
        n = self.strip.count()
        if n:
            self.strip.setCurrentRow(max(0, min(n - 1, self.strip.currentRow() + delta)))

    def remove_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        only_copy = bool(
            item.signed_pdf and Path(item.signed_pdf).exists() and not item.outbox_id
        )  # signed, neither queued nor archived: its work folder holds the one signed copy
        if only_copy:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Bỏ tài liệu"),
                self.tr(
                    "“%1” đã được ký nhưng chưa được gửi lưu trữ. Đây là bản đã ký duy nhất: "
                    "bỏ tài liệu sẽ xóa luôn bản này. Lưu một bản sao trước?"
                ).replace("%1", display_name(item)),
                parent=self,
            )
            save = box.addButton(self.tr("Lưu bản sao…"), QMessageBox.ButtonRole.ActionRole)
            yes = box.addButton(self.tr("Vẫn bỏ"), QMessageBox.ButtonRole.DestructiveRole)
        else:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Bỏ tài liệu"),
                self.tr("Bỏ “%1” khỏi danh sách? Tệp gốc không bị xóa.").replace(
                    "%1", display_name(item)
                ),
                parent=self,
            )
            save = None
            yes = box.addButton(self.tr("Bỏ tài liệu"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Giữ lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is yes:
            self.discard(item.id)
        elif save is not None and box.clickedButton() is save:
            self.save_copy_dialog()

    # ---------------------------------------------------------------- help
    def guide_text(self) -> str:
        return self.tr(
            "Bắt đầu trong ba bước:\n"
            "1. Nhập tệp (Ctrl+O), kéo thả tệp PDF/ảnh vào cửa sổ, hoặc Quét (F2).\n"
            "2. Thông tin hồ sơ: điền phần còn thiếu, kiểm tra gợi ý, bấm Xác nhận.\n"
            "3. Ký số (F9): tài liệu đã ký được lưu trữ trên máy này và gửi tới các kho đã "
            "cấu hình."
        )

    def show_guide(self) -> None:
        QMessageBox.information(self, self.tr("Hướng dẫn nhanh"), self.guide_text())

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(action, keys) for every action with a shortcut, in the interface language."""
        rows = []
        for a in self.actions():
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()
            )
            if keys and a.text():
                rows.append((a.text().replace("&", ""), keys))
        return rows

    def show_shortcuts(self) -> None:
        from .dialogs import ShortcutsDialog

        ShortcutsDialog(self.shortcut_rows(), self).exec()

    # ---------------------------------------------------------------- the signed copy
    def send_to_archive(self) -> None:
        from .metaform import record_of

        item = self.current_item()
        if item is None or not item.signed_pdf or item.outbox_id:
            return
        self.queue.enqueue(item, item.signed_pdf, record_of(item))

    def save_copy_dialog(self) -> None:
        item = self.current_item()
        if item is None or not item.signed_pdf:
            return
        src = Path(item.signed_pdf)
        start = Path.home() / src.name
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu bản sao tệp đã ký"), str(start), self.tr("Tệp PDF (*.pdf)")
        )
        if name:
            self.save_copy(item, Path(name))

    def save_copy(self, item: WorkItem, dest: Path) -> None:
        src = Path(item.signed_pdf)

        def done(_res, err):
            if err is not None:
                show_error(self, err)
                return
            self.statusBar().showMessage(
                self.tr("Đã lưu bản sao: %1").replace("%1", str(dest)), 10000
            )
            self.copySaved.emit(str(dest))

        def work():
            from digitizer.errors import OutputError

            try:
                return copy_atomic(src, dest)
            except OSError as exc:
                raise OutputError(
                    f"cannot save the copy ({exc.strerror or exc})", path=dest
                ) from None

        run_task(work, done, write=True)

    def open_signed_folder(self) -> None:
        from .widgets import open_folder

        item = self.current_item()
        if item is not None and item.signed_pdf:
            open_folder(Path(item.signed_pdf).parent)

    def discard(self, item_id: str) -> None:
        tok = self._ocr_tokens.pop(item_id, None)
        if tok:
            tok.cancel()
        self.model.remove(item_id)
        self.results.pop(item_id, None)
        st = self._stacks.pop(item_id, None)
        if st is not None:
            self._undo.removeStack(st)
        run_task(lambda: self.store.delete(item_id), self._on_persisted, write=True)
        self._on_current_doc()

    # ---------------------------------------------------------------- OCR
    def _schedule_reocr(self, item: WorkItem) -> None:
        tok = self._ocr_tokens.pop(item.id, None)
        if tok:
            tok.cancel()
        self._ocr_gen[item.id] = self._ocr_gen.get(item.id, 0) + 1
        if item.pages and self.settings.ocr_auto:
            self._reocr_ids.add(item.id)
            self._reocr.start()

    def _reocr_due(self) -> None:
        ids, self._reocr_ids = self._reocr_ids, set()
        for i in ids:
            item = self.model.find(i)
            if item is not None and not item.locked and not item.ocr_current:
                self.start_ocr(item)

    def retry_ocr(self) -> None:
        item = self.current_item()
        if item is not None and not item.locked:
            item.ocr_pages_key = None
            self.start_ocr(item)

    def start_ocr(self, item: WorkItem) -> None:
        """OCR the document's pages in the background with per-page progress."""
        if not features.ready():
            self._after_warm.append(lambda: self.start_ocr(item))
            return
        pl = features.pipeline()
        if pl is None:
            self.statusBar().showMessage(
                self.tr(
                    "Chưa có mô-đun nhận dạng chữ (OCR) trong bản cài đặt này; tài liệu được giữ ở trạng thái Đã quét."
                )
            )
            return
        if not item.pages:
            return
        job = self.begin_ocr(item)
        pages = list(item.pages)
        key = item.pages_key()
        wd = self.store.work_dir(item.id)

        def work(progress):
            from .render import ocr_inputs_turned

            inputs = ocr_inputs_turned(pages, wd)
            res = ocr_pages(pl, inputs, job, progress)
            job.token.check()
            return res, suggest_metadata(res)

        run_task(
            work,
            lambda outcome, err: self.finish_ocr(job, key, outcome, err),
            on_progress=lambda ev: self.ocr_progress(job, ev),
        )

    def begin_ocr(self, item: WorkItem, total: int | None = None) -> OcrJob:
        """Register a new OCR run for ``item`` (cancelling an older one); state -> OCR running.

        Used by :meth:`start_ocr` and by the scanner, which streams pages into an OcrSession.
        """
        pl = features.pipeline()
        old = self._ocr_tokens.pop(item.id, None)
        if old:
            old.cancel()
        gen = self._ocr_gen.get(item.id, 0) + 1
        self._ocr_gen[item.id] = gen
        tok = CancelToken()
        self._ocr_tokens[item.id] = tok
        item.state = DocState.OCR_RUNNING
        item.ocr_done, item.ocr_total = 0, len(item.pages) if total is None else total
        item.error_code = item.error_message = None
        self.persist(item)
        if self.current_item() is item:
            self._on_current_page()
        wd = self.store.work_dir(item.id)
        s = self.settings
        opts = pl.OcrOptions(lang=s.ocr_lang, jobs=s.ocr_jobs or None, drop_blank=False)
        # unique names: a run left over from a crashed session never writes over this one
        stem = f"ocr-{gen}-{uuid.uuid4().hex[:8]}"
        return OcrJob(item, gen, tok, wd / f"{stem}.pdf", wd / f"{stem}.json", opts)

    def ocr_progress(self, job: OcrJob, ev) -> None:
        item = job.item
        if self._ocr_gen.get(item.id) != job.gen:
            return
        if getattr(ev, "stage", "") == "ocr" and ev.total:
            item.ocr_done, item.ocr_total = ev.done, ev.total
            self.model.refresh(item.id)
            if self.current_item() is item:
                self.progress.setVisible(True)
                self.progress.setRange(0, ev.total)
                self.progress.setValue(ev.done)

    def finish_ocr(self, job: OcrJob, key: str | None, outcome, err) -> None:
        """GUI thread: record an OCR run's result (``key`` None = the item's current pages)."""
        item, out, sidecar = job.item, job.out, job.sidecar
        if self._ocr_gen.get(item.id) != job.gen:
            return  # superseded by a later edit
        result, suggestions = outcome if err is None else (None, {})
        self._ocr_tokens.pop(item.id, None)
        self.progress.setVisible(False)
        if err is not None:
            if isinstance(err, CancelledError):
                item.state = DocState.SCANNED
            else:
                item.state = DocState.ERROR
                item.error_code = getattr(err, "code", "internal")
                item.error_message = str(err)
            self.persist(item)
            self.ocrFinished.emit(item.id, err)
            if not isinstance(err, CancelledError):
                show_error(self, err)
            return
        self.results[item.id] = result
        for old_path in (item.ocr_pdf, item.ocr_json):
            if old_path and old_path not in (str(out), str(sidecar)):
                Path(old_path).unlink(missing_ok=True)
        item.ocr_pdf, item.ocr_json = str(out), str(sidecar)
        item.ocr_pages_key = key if key is not None else item.pages_key()
        item.ocr_done = item.ocr_total = len(result.pages)
        item.state = DocState.READY_TO_SIGN
        self.meta.prefill(item, suggestions)
        self.persist(item)
        if self.current_item() is item:
            self.strip.set_pages(self._strip_refs(item))
            self._on_current_page()
            self.meta.set_item(item)
            self.sign.set_item(item)
        self.ocrFinished.emit(item.id, None)

    # ---------------------------------------------------------------- metadata / sign / verify
    def _on_metadata_edited(self, item_id: str) -> None:
        item = self.model.find(item_id)
        if item is not None:
            self.persist(item)

    def sign_current(self) -> None:
        self.tabs.setCurrentWidget(self._sign_tab)
        self.sign.start_sign()

    def verify_dialog(self) -> None:
        from .verifydialog import VerifyDialog

        dlg = VerifyDialog(self.settings, self)
        item = self.current_item()
        if item is not None and item.signed_pdf and Path(item.signed_pdf).exists():
            # the open document is what the clerk means; "Mở tệp khác…" picks any other PDF
            dlg.show()
            dlg.verify(Path(item.signed_pdf))
        else:
            dlg.open_and_verify()

    def certificates_dialog(self) -> None:
        from .certlist import CertificateDialog

        dlg = CertificateDialog(self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()

    def settings_dialog(self) -> None:
        from .settingsdialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        if dlg.exec():
            self.apply_settings(dlg.result_settings())

    def apply_settings(self, settings: Settings) -> None:
        from .settings import save_settings

        lang_changed = settings.language != self.settings.language
        self.settings = settings

        def saved(_res, err):
            if err is not None:
                show_error(self, err)
            self.queue.settings_changed()  # the archive targets are read from the saved file
            self._update_actions()

        run_task(lambda: save_settings(settings), saved, write=True)
        self.sign.refresh()
        self.sign.refresh_certificate()
        if lang_changed:
            if self.is_idle():
                self._switch_language()
            else:
                QMessageBox.information(
                    self,
                    self.tr("Ngôn ngữ giao diện"),
                    self.tr(
                        "Đang có việc chạy (nhận dạng, quét hoặc ký). Ngôn ngữ mới sẽ được áp "
                        "dụng khi mở lại chương trình, hoặc chọn lại sau khi việc chạy xong."
                    ),
                )

    def is_idle(self) -> bool:
        """No OCR, scan, import or signing is running (the UI may be rebuilt)."""
        from . import scanning

        return (
            not self._ocr_tokens
            and not self.sign._busy
            and not scanning._state["busy"]
            and not self._imports_running
        )

    def _switch_language(self) -> None:
        """Rebuild the window in the new language: every text is set when a widget is built, so
        a fresh window is the one way to have none left behind in the old language. Documents,
        pages and metadata live in the store and come back as they were; the archive queue is
        handed over (the old window's worker stops, the new one resumes the same outbox)."""
        from PySide6.QtWidgets import QApplication

        from .app import install_translators
        from .tasks import pools

        install_translators(QApplication.instance(), self.settings.language)
        pools().write.waitForDone(10000)  # every edit is on disk before the store is re-read
        current = self.current_item()
        new = type(self)(self.store, self.settings)
        new.setGeometry(self.geometry())
        if self.isMaximized():
            new.showMaximized()
        else:
            new.show()
        if current is not None:
            found = new.model.find(current.id)
            if found is not None:
                new.docs.setCurrentIndex(new.model.index(new.model.items.index(found)))
        self.replaced.emit(new)
        self.close()
        self.deleteLater()

    def closeEvent(self, event) -> None:
        for tok in self._ocr_tokens.values():
            tok.cancel()
        self.queue.shutdown()
        super().closeEvent(event)
