"""A picture on screen: zoom in and out, fit to the window, rotate a quarter turn."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ..widgets.flow_layout import FlowLayout
from .pdf_view import ZOOM_MAX, ZOOM_STEP, tool_button

ZOOM_MIN = 0.05


class _ZoomingView(QGraphicsView):
    """Ctrl + mouse wheel zooms, as in most picture viewers."""

    def __init__(self, pane: ImagePane) -> None:
        super().__init__()
        self.pane = pane

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.pane.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pane.fitted:
            self.pane.fit()


class ImagePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = _ZoomingView(self)
        self.view.setObjectName("imageView")
        self.view.setAccessibleName(tr("Picture"))
        self.view.setScene(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Mid))
        self.zoom = 1.0
        self.rotation = 0  # degrees, a multiple of 90
        self.fitted = True

        self.zoom_out_button = tool_button("−", tr("Zoom out"), "imageZoomOut")
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button = tool_button("+", tr("Zoom in"), "imageZoomIn")
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.fit_button = tool_button(tr("Fit"), tr("Fit the picture to the window"), "imageFit")
        self.fit_button.clicked.connect(self.fit)
        self.actual_button = tool_button(
            tr("{percent} %", percent=100), tr("Actual size"), "imageActualSize"
        )
        self.actual_button.clicked.connect(lambda: self.set_zoom(1.0))
        self.rotate_left_button = tool_button(tr("↺ Rotate left"), tr("Rotate left"), "rotateLeft")
        self.rotate_left_button.clicked.connect(lambda: self.rotate(-90))
        self.rotate_right_button = tool_button(
            tr("Rotate right ↻"), tr("Rotate right"), "rotateRight"
        )
        self.rotate_right_button.clicked.connect(lambda: self.rotate(90))
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("imageZoom")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("0000 %"))

        zoom = QWidget()  # kept on one line: − 100 % +
        zooming = QHBoxLayout(zoom)
        zooming.setContentsMargins(0, 0, 0, 0)
        zooming.addWidget(self.zoom_out_button)
        zooming.addWidget(self.zoom_label)
        zooming.addWidget(self.zoom_in_button)
        bar = FlowLayout()  # on more lines when the pane is narrow
        for control in (
            self.rotate_left_button,
            self.rotate_right_button,
            zoom,
            self.fit_button,
            self.actual_button,
        ):
            bar.addWidget(control)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._update()

    def set_image(self, image: QImage | None) -> None:
        """Show ``image`` (decoded off the UI thread), fitted to the window, upright."""
        self.item.setPixmap(QPixmap.fromImage(image) if image is not None else QPixmap())
        self.item.setTransformOriginPoint(self.item.boundingRect().center())
        self.rotation = 0
        self.item.setRotation(0)
        self.scene.setSceneRect(self.item.sceneBoundingRect())
        self.fit()

    def has_image(self) -> bool:
        return not self.item.pixmap().isNull()

    def image_size(self) -> tuple[int, int]:
        size = self.item.pixmap().size()
        return size.width(), size.height()

    def fit(self) -> None:
        self.fitted = True
        if not self.has_image():
            self.zoom = 1.0
            self._update()
            return
        rect = self.item.sceneBoundingRect()
        room = self.view.viewport().rect().adjusted(4, 4, -4, -4)
        if rect.width() <= 0 or rect.height() <= 0 or room.width() <= 0 or room.height() <= 0:
            return
        zoom = min(room.width() / rect.width(), room.height() / rect.height(), 1.0)
        self._apply(zoom)

    def set_zoom(self, zoom: float) -> None:
        self.fitted = False
        self._apply(zoom)

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def rotate(self, degrees: int) -> None:
        self.rotation = (self.rotation + degrees) % 360
        self.item.setRotation(self.rotation)
        self.scene.setSceneRect(self.item.sceneBoundingRect())
        if self.fitted:
            self.fit()
        else:
            self._apply(self.zoom)

    def _apply(self, zoom: float) -> None:
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        self.view.setTransform(QTransform.fromScale(self.zoom, self.zoom))
        self._update()

    def _update(self) -> None:
        percent = round(self.zoom * 100)
        # Translators: the zoom of a picture, as a short label: "150 %".
        self.zoom_label.setText(tr("{percent} %", percent=percent))
        self.zoom_label.setAccessibleName(tr("Zoom: {percent} percent", percent=percent))
        has = self.has_image()
        for button in (
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.actual_button,
            self.rotate_left_button,
            self.rotate_right_button,
        ):
            button.setEnabled(has)
