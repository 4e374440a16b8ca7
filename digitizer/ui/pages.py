"""Page strip (thumbnails: drag to reorder, rotate, delete, insert) and the zoomable page view."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QListWidget,
    QListWidgetItem,
)

from .render import render, rotated
from .tasks import run_task
from .workitem import PageRef

THUMB_PX = 150
VIEW_PX = 1800


class PageStrip(QListWidget):
    """Vertical strip of page thumbnails. Emits ``reordered(list_of_page_ids)`` after a drag."""

    reordered = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.TopToBottom)
        self.setWrapping(False)
        self.setIconSize(QSize(THUMB_PX - 30, THUMB_PX))
        self.setGridSize(QSize(THUMB_PX, THUMB_PX + 28))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFixedWidth(THUMB_PX + 26)
        self._cache: dict[str, QImage] = {}
        self._pending: set[str] = set()
        self._pages: dict[str, PageRef] = {}
        self._locked = False
        self.model().rowsMoved.connect(self._on_rows_moved)

    def set_locked(self, locked: bool) -> None:
        self._locked = locked
        self.setDragDropMode(
            QAbstractItemView.DragDropMode.NoDragDrop
            if locked
            else QAbstractItemView.DragDropMode.InternalMove
        )

    def set_pages(self, pages: list[PageRef]) -> None:
        current = self.currentRow()
        self._pages = {p.id: p for p in pages}
        self.blockSignals(True)
        self.clear()
        for n, p in enumerate(pages, 1):
            it = QListWidgetItem(self.tr("Trang %1").replace("%1", str(n)))
            it.setData(Qt.ItemDataRole.UserRole, p.id)
            it.setToolTip(p.label)
            it.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            base = self._cache.get(f"{p.file}#{p.index}")
            if base is not None:
                it.setIcon(QPixmap.fromImage(rotated(base, p.rotation)))
            else:
                self._load(p)
            self.addItem(it)
        self.blockSignals(False)
        if pages:
            self.setCurrentRow(min(max(current, 0), len(pages) - 1))

    def set_badges(self, blank: set[int]) -> None:
        """Mark the pages OCR found blank (kept and signed unless the clerk deletes them)."""
        for i in range(self.count()):
            it = self.item(i)
            text = self.tr("Trang %1").replace("%1", str(i + 1))
            if i in blank:
                text += " · " + self.tr("trống")
                it.setBackground(QColor("#fff3cd"))
            else:
                it.setBackground(QBrush())
            it.setText(text)

    def _load(self, page: PageRef) -> None:
        key = f"{page.file}#{page.index}"
        if key in self._pending:
            return
        self._pending.add(key)

        def done(img: QImage | None, err: BaseException | None) -> None:
            self._pending.discard(key)
            if err is not None or img is None:
                return
            self._cache[key] = img
            for i in range(self.count()):
                it = self.item(i)
                p = self._pages.get(it.data(Qt.ItemDataRole.UserRole))
                if p is not None and f"{p.file}#{p.index}" == key:
                    it.setIcon(QPixmap.fromImage(rotated(img, p.rotation)))
            self.doItemsLayout()  # re-place cells now that the icon has its real size

        run_task(lambda: render(page, THUMB_PX), done)

    def thumbnail_ready(self, row: int) -> bool:
        it = self.item(row)
        return it is not None and not it.icon().isNull()

    def page_ids(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def _on_rows_moved(self, *args) -> None:
        if not self._locked:
            self.reordered.emit(self.page_ids())

    def move_page(self, src: int, dest: int) -> None:
        """Programmatic move (keyboard / tests), same path as a drag."""
        if self._locked or src == dest or not (0 <= src < self.count()):
            return
        ids = self.page_ids()
        ids.insert(dest, ids.pop(src))
        self.reordered.emit(ids)


class PageView(QGraphicsView):
    """Large page with zoom (Ctrl+wheel, +/-, fit)."""

    zoomChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self._zoom = 1.0
        self._fit = True
        self._key: str | None = None
        self._cache: dict[str, QImage] = {}
        self._pending: set[str] = set()
        self._rotation = 0
        self._marks: tuple[tuple[int, int, int, int], ...] = ()
        self._marks_size = (1, 1)
        self._mark_items: list[QGraphicsRectItem] = []

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_marks(self, regions, page_size: tuple[int, int]) -> None:
        """Outline regions of the page (pixels of an image ``page_size`` wide and high) in
        orange: where the OCR left ink unread (the coverage check). Cleared by ``set_marks((), …)``."""
        self._marks = tuple(tuple(r) for r in regions)
        self._marks_size = (max(1, page_size[0]), max(1, page_size[1]))
        self._draw_marks()

    def mark_count(self) -> int:
        return len(self._mark_items)

    def _draw_marks(self) -> None:
        for it in self._mark_items:
            self._scene.removeItem(it)
        self._mark_items = []
        pm = self._item.pixmap()
        if pm.isNull() or not self._marks:
            return
        kx, ky = pm.width() / self._marks_size[0], pm.height() / self._marks_size[1]
        pen = QPen(QColor(230, 120, 0), 3)
        brush = QBrush(QColor(255, 160, 0, 60))
        for x0, y0, x1, y1 in self._marks:
            it = self._scene.addRect(x0 * kx, y0 * ky, (x1 - x0) * kx, (y1 - y0) * ky, pen, brush)
            it.setToolTip(self.tr("Vùng có chữ mà máy chưa đọc được: hãy kiểm tra văn bản ở đây"))
            self._mark_items.append(it)

    def show_page(self, page: PageRef | None) -> None:
        if page is None:
            self._key = None
            self._item.setPixmap(QPixmap())
            self.set_marks((), (1, 1))
            return
        key = f"{page.file}#{page.index}"
        if key != self._key:
            self.set_marks((), (1, 1))
        self._key = key
        self._rotation = page.rotation
        if key in self._cache:
            self._show(self._cache[key])
            return
        if key in self._pending:
            return  # the render under way will show it
        self._pending.add(key)

        def done(img: QImage | None, err: BaseException | None) -> None:
            self._pending.discard(key)
            if img is None:
                return
            if len(self._cache) > 12:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = img
            if self._key == key:
                self._show(img)

        run_task(lambda: render(page, VIEW_PX), done)

    def _show(self, img: QImage) -> None:
        self._item.setPixmap(QPixmap.fromImage(rotated(img, self._rotation)))
        self._scene.setSceneRect(self._item.boundingRect())
        self._draw_marks()
        if self._fit:
            self.fit()

    def reset_zoom(self) -> None:
        """Back to "fit": a new document starts fitted, not at the last document's zoom."""
        self._fit = True
        self.fit()

    def is_fitted(self) -> bool:
        return self._fit

    def has_image(self) -> bool:
        return not self._item.pixmap().isNull()

    def fit(self) -> None:
        self._fit = True
        if self._item.pixmap().isNull():
            return
        self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        self._zoom = self.transform().m11()
        self.zoomChanged.emit(self._zoom)

    def set_zoom(self, z: float) -> None:
        self._fit = False
        z = max(0.05, min(z, 8.0))
        self.resetTransform()
        self.scale(z, z)
        self._zoom = z
        self.zoomChanged.emit(z)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()
