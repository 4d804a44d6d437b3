"""The map itself: one path per country, a circle per small country, zoom and pan.

The shapes are built once, the first time the map is shown (:func:`~tgviewer.core.reference.
world_map.world_map` reads the geometry then, never at start-up); a new period or scale only
sets brushes and pens (:meth:`MapCanvas.paint`), so stepping through time repaints colours
and nothing else. Scene coordinates are the geometry's Equal Earth units with y flipped (the
scene's y grows downwards).

Marks: a country's class colour fills it; a derived figure adds a fine hatch over the colour;
a country with records but no figure for the period is grey, hatched; a country without a
record is plain grey; the selected countries are outlined; a disputed area (Crimea) is
cross-hatched on plain grey. Small countries are circles of a fixed size on screen.

Keys: Left and Right step through the periods (as on the slider), + and - zoom, Up, Down
and Shift+Left/Right pan, 0 or Home shows the whole world. The wheel zooms about the mouse,
a drag pans.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from tgviewer.core.reference.world_map import Bounds, Ring, WorldMap, world_map
from tgviewer.ui.views.map_colours import MapColours

#: The radius, in pixels, of a small country's circle.
CIRCLE_RADIUS = 5.0
#: The most and least the map zooms, relative to the whole world in the window.
MAX_ZOOM = 40.0
#: The margin around the world or a region, as a share of its size.
MARGIN = 0.03
#: The data key of an item's country code.
CODE = 0


@dataclass(frozen=True)
class Mark:
    """How one country is painted: its fill, whether hatched, whether outlined."""

    fill: QColor
    hatched: bool = False
    selected: bool = False
    warning: bool = False


class ShapeItem(QGraphicsPathItem):
    """A country's shape. Its hit area is the shape alone: a cosmetic pen (a width in
    pixels) would otherwise widen it by its width in map units, a fifth of the world."""

    def shape(self) -> QPainterPath:
        return self.path()


def ring_path(rings: Iterable[Ring]) -> QPainterPath:
    """One path of ``rings`` (islands and holes alike), y flipped, filled odd-even."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        path.moveTo(ring[0], -ring[1])
        for index in range(2, len(ring), 2):
            path.lineTo(ring[index], -ring[index + 1])
        path.closeSubpath()
    return path


def scene_bounds(bounds: Bounds) -> QRectF:
    """``bounds`` (west, south, east, north) as a scene rectangle, with a margin."""
    west, south, east, north = bounds
    rect = QRectF(west, -north, east - west, north - south)
    dx, dy = rect.width() * MARGIN, rect.height() * MARGIN
    return rect.adjusted(-dx, -dy, dx, dy)


class MapCanvas(QGraphicsView):
    """The map's shapes and circles, painted by :meth:`paint`.

    Signals
    -------
    hovered(str)
        The country under the mouse changed (``""``: none).
    clicked(str)
        A country was clicked.
    stepped(int)
        Left or Right was pressed: the previous (-1) or next (1) period.
    """

    hovered = Signal(str)
    clicked = Signal(str)
    stepped = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapCanvas")
        self.setAccessibleName("World map")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.scene_ = QGraphicsScene(self)
        self.setScene(self.scene_)
        self.world: WorldMap | None = None
        #: Per country, its shape or circle.
        self.marks: dict[str, QAbstractGraphicsShapeItem] = {}
        #: Per country drawn hatched, the hatch laid over its fill.
        self.hatches: dict[str, QGraphicsPathItem] = {}
        self.land: list[QGraphicsPathItem] = []
        self.disputed: list[QGraphicsPathItem] = []
        #: Per country whose records disagree, its ⚠.
        self.warnings: dict[str, QGraphicsSimpleTextItem] = {}
        self.tooltips: dict[str, str] = {}
        #: The countries outlined as selected.
        self.outlined: set[str] = set()
        self.focus_bounds: Bounds | None = None
        self._hovered = ""
        self._circle_factor = 1.0
        self._zoomed = False

    # Building ------------------------------------------------------------------------------

    def build(self, codes: Sequence[str]) -> None:
        """Make the items: every shape of the geometry, and a circle for each of ``codes``
        (the bundle's countries) that has a point but no shape."""
        geometry = self.world = world_map()
        self.scene_.clear()
        self.marks, self.hatches, self.land, self.disputed = {}, {}, [], []
        for code, rings in geometry.shapes.items():
            item = ShapeItem(ring_path(rings))
            item.setData(CODE, code)
            self.scene_.addItem(item)
            self.marks[code] = item
        for name, rings in geometry.land.items():
            item = ShapeItem(ring_path(rings))
            item.setToolTip(f"{name}: no ISO code, and no record")
            self.scene_.addItem(item)
            self.land.append(item)
        for area in geometry.disputed:
            item = ShapeItem(ring_path(area.rings))
            item.setData(CODE, f"disputed:{area.name}")
            item.setZValue(2)
            self.scene_.addItem(item)
            self.disputed.append(item)
            self.tooltips[f"disputed:{area.name}"] = (
                f"{area.name}: disputed ({area.note}). Its figures, if any, are in those of the "
                "country that reports them; the map does not colour it."
            )
        for code in codes:
            if code in geometry.shapes or code not in geometry.points:
                continue
            x, y = geometry.points[code]
            circle = QGraphicsEllipseItem(
                -CIRCLE_RADIUS, -CIRCLE_RADIUS, 2 * CIRCLE_RADIUS, 2 * CIRCLE_RADIUS
            )
            circle.setPos(x, -y)
            circle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            circle.setZValue(3)
            circle.setScale(self._circle_factor)
            circle.setData(CODE, code)
            self.scene_.addItem(circle)
            self.marks[code] = circle
        self.scene_.setSceneRect(scene_bounds(geometry.bounds()).adjusted(-0.5, -0.3, 0.5, 0.3))
        self.reset_view()

    @property
    def built(self) -> bool:
        """Whether the shapes have been made."""
        return self.world is not None

    # Painting ------------------------------------------------------------------------------

    def paint(
        self, marks: Mapping[str, Mark], tooltips: Mapping[str, str], colours: MapColours
    ) -> None:
        """Colour every country: by ``marks`` for the bundle's countries, plain land for the
        others."""
        self.setBackgroundBrush(QBrush(colours.water))
        self.tooltips = {
            **{k: v for k, v in self.tooltips.items() if k.startswith("disputed:")},
            **tooltips,
        }
        border = QPen(colours.outline, 0.6)
        border.setCosmetic(True)
        chosen = QPen(colours.selected, 2.2)
        chosen.setCosmetic(True)
        for extra in (*self.hatches.values(), *self.warnings.values()):
            self.scene_.removeItem(extra)
        self.hatches, self.warnings = {}, {}
        self.outlined = {code for code, mark in marks.items() if mark.selected}
        for code, item in self.marks.items():
            mark = marks.get(code, Mark(colours.no_record))
            item.setBrush(QBrush(mark.fill))
            item.setPen(chosen if mark.selected else border)
            circle = isinstance(item, QGraphicsEllipseItem)
            item.setZValue((6 if circle else 1) if mark.selected else (5 if circle else 0))
            if mark.hatched and isinstance(item, QGraphicsPathItem):
                hatch = ShapeItem(item.path())
                hatch.setBrush(QBrush(colours.hatch, Qt.BrushStyle.BDiagPattern))
                hatch.setPen(QPen(Qt.PenStyle.NoPen))
                hatch.setZValue(item.zValue() + 0.5)
                hatch.setData(CODE, code)
                hatch.setAcceptHoverEvents(False)
                self.scene_.addItem(hatch)
                self.hatches[code] = hatch
            elif mark.hatched:  # a circle: a dashed ring says the same
                pen = QPen(colours.hatch if not mark.selected else colours.selected, 2)
                pen.setStyle(Qt.PenStyle.DotLine)
                item.setPen(pen)
            if mark.warning:
                self._warn(code, item, colours)
        for item in self.land:
            item.setBrush(QBrush(colours.no_record))
            item.setPen(border)
        for item in self.disputed:
            item.setBrush(QBrush(colours.hatch, Qt.BrushStyle.DiagCrossPattern))
            item.setPen(border)

    def _warn(self, code: str, item: QAbstractGraphicsShapeItem, colours: MapColours) -> None:
        """Put a ⚠ on ``code``'s shape (beside its circle)."""
        sign = QGraphicsSimpleTextItem("⚠")
        sign.setBrush(QBrush(colours.selected))
        sign.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        centre = item.sceneBoundingRect().center()
        if isinstance(item, QGraphicsEllipseItem):
            centre = item.pos()
        sign.setPos(centre)
        sign.setZValue(7)
        sign.setScale(self._circle_factor)
        sign.setData(CODE, code)
        self.scene_.addItem(sign)
        self.warnings[code] = sign

    def circle_scale(self, factor: float) -> None:
        """Draw the small countries' circles (and the ⚠ signs) ``factor`` times larger."""
        for item in (*self.marks.values(), *self.warnings.values()):
            if isinstance(item, QGraphicsEllipseItem | QGraphicsSimpleTextItem):
                item.setScale(factor)
        self._circle_factor = factor

    def brush_of(self, code: str) -> QBrush:
        """The brush ``code`` is filled with (for tests and the legend)."""
        return self.marks[code].brush()

    # Zoom and pan --------------------------------------------------------------------------

    def reset_view(self) -> None:
        """Show the whole world."""
        self.show_bounds(None)

    def show_bounds(self, bounds: Bounds | None) -> None:
        """Zoom to ``bounds`` (the whole world for ``None``); kept when the view resizes."""
        self.focus_bounds = bounds
        self._zoomed = False
        self._fit()

    def _fit(self) -> None:
        if self.world is None:
            return
        bounds = self.focus_bounds or self.world.bounds()
        self.fitInView(scene_bounds(bounds), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom_by(self, factor: float) -> None:
        """Zoom in (``factor`` > 1) or out, within limits."""
        current = self.transform().m11()
        whole = self._whole_scale()
        target = min(max(current * factor, whole), whole * MAX_ZOOM)
        if target != current:
            self.scale(target / current, target / current)
            self._zoomed = True

    def _whole_scale(self) -> float:
        if self.world is None:
            return 1.0
        rect = scene_bounds(self.world.bounds())
        viewport = self.viewport().rect()
        return min(viewport.width() / rect.width(), viewport.height() / rect.height())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if not self._zoomed:
            self._fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25**steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = 60
        moves: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not shifted:
            self.stepped.emit(-1 if key == Qt.Key.Key_Left else 1)  # through time
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / 1.5)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.reset_view()
        elif key in moves:
            dx, dy = moves[key]
            bars = (self.horizontalScrollBar(), self.verticalScrollBar())
            bars[0].setValue(bars[0].value() + dx)
            bars[1].setValue(bars[1].value() + dy)
            self._zoomed = True
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # Mouse ---------------------------------------------------------------------------------

    def code_at(self, position: QPointF) -> str:
        """The country (or ``disputed:<name>``) under ``position`` (viewport pixels)."""
        for item in self.items(position.toPoint()):
            code = item.data(CODE)
            if isinstance(code, str) and code:
                return code
        return ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        code = self.code_at(event.position())
        if code != self._hovered:
            self._hovered = code
            self.hovered.emit(code)
        text = self.tooltips.get(code, "")
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed_at = getattr(self, "_pressed_at", None)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or pressed_at is None:
            return
        moved = (event.position() - pressed_at).manhattanLength()
        code = self.code_at(event.position())
        if moved < 4 and code and not code.startswith("disputed:"):
            self.clicked.emit(code)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position()
        super().mousePressEvent(event)
