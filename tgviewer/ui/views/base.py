"""What every view widget shares, written once: the layout around its chart and the drawing
contract.

A view draws a core view model (:mod:`tgviewer.core.views`) and nothing else. From the top:
the view's own choices (:attr:`ViewBase.controls`), a caption, notes, then the chart, which
a message replaces when the model has nothing to draw, and, for views that leave countries
out, the list of those countries with the reason. :meth:`ViewBase.draw` fills the shared
parts from the model and hands the chart to :meth:`ViewBase.draw_chart`; a subclass only
draws its chart. Which fields of the state a view is drawn from is declared in the core
(:data:`tgviewer.core.views.base.INPUTS`): the window redraws a view only when they change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from tgviewer.core.state.view_state import ViewKind
from tgviewer.core.views.base import ViewModel
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.views.flow_layout import FlowLayout

if TYPE_CHECKING:
    from tgviewer.core.views.data_table import DataTable
    from tgviewer.ui.views.left_out_list import LeftOutList

ModelT = TypeVar("ModelT", bound=ViewModel)


class ViewBase(QWidget, Generic[ModelT]):
    """A view: its choices, caption, notes, chart or message, and the countries left out.

    Parameters
    ----------
    store
        Where the view's own choices (a period, a sort order) are written.
    body
        The chart: a plot or a table.
    left_out_name
        The accessible name of the list of countries left out (made when first needed);
        ``None`` for views that list none.
    """

    #: The view shown.
    kind: ClassVar[ViewKind]
    #: (country, line of a record to lead with or "") for the details panel: the country
    #: hovered, picked or clicked.
    details_wanted = Signal(str, str)

    def __init__(
        self,
        store: QtViewStateStore,
        body: QWidget,
        left_out_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.model: ModelT | None = None
        self.body = body
        self.controls = FlowLayout()  # wraps rather than widen or cut the view
        #: The view's own choices (and their labels): hidden while presenting.
        self.choices: list[QWidget] = []
        self.presenting = False
        self.caption = QLabel(wordWrap=True)
        self.caption.setObjectName(f"{self.kind.value}Caption")
        self.note = QLabel(wordWrap=True)
        self.note.setObjectName(f"{self.kind.value}Note")
        self.note.setVisible(False)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.message.setObjectName("emptyMessage")
        self.chart = QStackedWidget()
        self.chart.addWidget(body)
        self.chart.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        layout.addWidget(self.caption)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)
        self._left_out_name = left_out_name
        #: The list under the chart, made the first time a model leaves a country out.
        self.left_out_list: LeftOutList | None = None

    def list_left_out(self) -> LeftOutList:
        """The list of countries left out, put under the chart the first time it is needed
        (most trends leave none out, so start-up does not pay for it)."""
        if self.left_out_list is None:
            from tgviewer.ui.views.left_out_list import LeftOutList, chart_over_list

            assert self._left_out_name is not None, f"{self.kind} lists no country left out"
            self.left_out_list = LeftOutList(self._left_out_name)
            self.left_out_list.picked.connect(lambda code: self.details_wanted.emit(code, ""))
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            index = layout.indexOf(self.chart)
            layout.removeWidget(self.chart)
            splitter = chart_over_list(self.chart, self.left_out_list)
            layout.insertWidget(index, splitter, 1)
            splitter.show()  # a widget added to a shown view stays hidden until shown
        return self.left_out_list

    def draw(self, model: ModelT) -> None:
        """Show ``model``: the shared parts here, the chart in :meth:`draw_chart`."""
        self.model = model
        self.draw_controls(model)
        self.caption.setText(caption_html(model.caption))
        self.note.setText("\n".join(model.notes))
        self._show_words()
        listed = bool(model.left_out or model.left_out_heading)
        if self._left_out_name is not None and (listed or self.left_out_list is not None):
            shown = self.list_left_out()
            if listed:
                shown.show_countries(model.left_out_heading, model.left_out)
            else:
                shown.clear()
            self._show_left_out()
        if model.message:
            self.clear_chart()
            self.show_message(model.message)
            return
        self.chart.setCurrentWidget(self.body)
        self.draw_chart(model)

    def add_choice(self, label: str, widget: QWidget) -> None:
        """Put one of the view's own choices, after its label, in the controls row."""
        words = QLabel(label)
        words.setBuddy(widget)
        for part in (words, widget):
            self.controls.addWidget(part)
            self.choices.append(part)

    def set_presenting(self, presenting: bool) -> None:
        """Presentation mode shows the chart alone, under the window's title: the view's
        own choices, its caption, its notes and the list of countries left out (with the
        handle above it) are hidden meanwhile."""
        self.presenting = presenting
        for widget in self.choices:
            widget.setVisible(not presenting)
        self._show_words()
        self._show_left_out()

    def _show_left_out(self) -> None:
        listed = self.left_out_list
        if listed is None:
            return
        model = self.model
        shown = (
            model is not None
            and not self.presenting
            and bool(model.left_out or model.left_out_heading)
        )
        listed.setVisible(shown)
        splitter = listed.parentWidget()
        if isinstance(splitter, QSplitter):
            splitter.handle(splitter.indexOf(listed)).setVisible(shown)

    def _show_words(self) -> None:
        model = self.model
        shown = model is not None and not self.presenting
        self.caption.setVisible(shown and bool(model and model.caption))
        self.note.setVisible(shown and bool(model and model.notes))

    def draw_controls(self, model: ModelT) -> None:
        """Set the view's own choices from ``model`` (without writing to the store)."""

    def draw_chart(self, model: ModelT) -> None:
        """Draw the chart of ``model``, which has something to draw."""
        raise NotImplementedError

    def clear_chart(self) -> None:
        """Forget what the chart drew (a message is about to replace it)."""

    def show_message(self, text: str) -> None:
        """Replace the chart by a sentence saying what to do."""
        self.message.setText(text)
        self.chart.setCurrentWidget(self.message)

    @property
    def showing_chart(self) -> bool:
        """Whether the chart is shown (not a message)."""
        return self.chart.currentWidget() is self.body

    def exported_widget(self) -> QWidget:
        """What an export paints: the chart, or the message that replaces it."""
        return self.body if self.showing_chart else self.message

    def restyle(self) -> None:
        """Follow a new palette (the system switched between light and dark)."""

    def zoom(self, factor: float) -> None:
        """Enlarge the chart's text, marks and lines ``factor`` times (1 undoes it)."""

    def data_table(self) -> DataTable:
        """The figures drawn, from the model (an export's CSV)."""
        assert self.model is not None, "the view has not been drawn"
        return self.model.data_table()


def caption_html(caption: str) -> str:
    """A caption with its first part, up to " — ", in bold."""
    head, dash, tail = caption.partition(" — ")
    if not dash:
        return caption
    return f"<b>{_escape(head)}</b> — {_escape(tail)}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
