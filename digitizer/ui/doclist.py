"""List model of the documents in progress, each with its explicit state."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from digitizer.model import DocState

from .workitem import WorkItem

STATE_TEXT = {
    DocState.NEW: QT_TRANSLATE_NOOP("DocState", "Mới"),
    DocState.SCANNED: QT_TRANSLATE_NOOP("DocState", "Chờ nhận dạng chữ"),  # scanned or imported
    DocState.OCR_RUNNING: QT_TRANSLATE_NOOP("DocState", "Đang nhận dạng %1/%2 trang"),
    DocState.READY_TO_SIGN: QT_TRANSLATE_NOOP("DocState", "Sẵn sàng ký"),
    DocState.SIGNED: QT_TRANSLATE_NOOP("DocState", "Đã ký"),
    DocState.QUEUED: QT_TRANSLATE_NOOP("DocState", "Đang chờ gửi lưu trữ"),
    DocState.UPLOADED: QT_TRANSLATE_NOOP("DocState", "Đã lưu trữ"),
    DocState.ERROR: QT_TRANSLATE_NOOP("DocState", "Lỗi"),
}

STATE_COLOUR = {
    DocState.OCR_RUNNING: "#1565c0",
    DocState.READY_TO_SIGN: "#2e7d32",
    DocState.SIGNED: "#6a1b9a",
    DocState.QUEUED: "#ef6c00",
    DocState.UPLOADED: "#2e7d32",
    DocState.ERROR: "#c62828",
}

# READY_TO_SIGN says the OCR is done; the list says "ready" only when the checklist agrees
NOT_READY_TEXT = QT_TRANSLATE_NOOP("DocState", "Cần hoàn tất trước khi ký")
NOT_READY_COLOUR = "#b26a00"

ItemRole = Qt.ItemDataRole.UserRole + 1


def document_name(metadata, fallback: str) -> str:
    """What the clerk calls a document, the same in the list and in the archive queue: the type
    and number of the result (“Giấy chứng nhận số 101/GCN”), else the dossier code, else
    ``fallback`` (the source file name)."""
    meta = metadata or {}
    type_name = str(meta.get("type_name") or "").strip()
    number = str(meta.get("code_number") or "").strip()
    notation = str(meta.get("code_notation") or "").strip()
    if type_name and number:
        if notation:
            number += "/" + notation
        return (
            QCoreApplication.translate("DocList", "%1 số %2")
            .replace("%1", type_name)
            .replace("%2", number)
        )
    return str(meta.get("dossier_code") or "").strip() or fallback


def display_name(item: WorkItem) -> str:
    return document_name(item.metadata, item.title)


def state_text(item: WorkItem, ready: bool = True) -> str:
    if item.state == DocState.READY_TO_SIGN and not ready:
        return QCoreApplication.translate("DocState", NOT_READY_TEXT)
    text = QCoreApplication.translate("DocState", STATE_TEXT[item.state])
    if item.state == DocState.OCR_RUNNING:
        text = text.replace("%1", str(item.ocr_done)).replace(
            "%2", str(item.ocr_total or len(item.pages))
        )
    return text


class DocListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[WorkItem] = []
        self.ready = lambda _item: True  # the window plugs in its pre-sign checklist

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            pages = QCoreApplication.translate("DocList", "%n trang", "", len(item.pages))
            ready = item.state != DocState.READY_TO_SIGN or self.ready(item)
            return f"{display_name(item)}\n{state_text(item, ready)} · {pages}"
        if role == Qt.ItemDataRole.ForegroundRole and item.state in STATE_COLOUR:
            if item.state == DocState.READY_TO_SIGN and not self.ready(item):
                return QBrush(QColor(NOT_READY_COLOUR))
            return QBrush(QColor(STATE_COLOUR[item.state]))
        if role == Qt.ItemDataRole.ToolTipRole and (item.error_code or item.error_message):
            from .messages import describe_code

            # in the interface language (the technical message is in the log)
            what, todo = describe_code(item.error_code or "internal")
            return f"{what}\n{todo}"
        if role == ItemRole:
            return item
        return None

    def add(self, item: WorkItem) -> QModelIndex:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(item)
        self.endInsertRows()
        return self.index(row)

    def remove(self, item_id: str) -> None:
        for row, it in enumerate(self.items):
            if it.id == item_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.items[row]
                self.endRemoveRows()
                return

    def find(self, item_id: str) -> WorkItem | None:
        return next((it for it in self.items if it.id == item_id), None)

    def refresh(self, item_id: str) -> None:
        for row, it in enumerate(self.items):
            if it.id == item_id:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx)
                return
