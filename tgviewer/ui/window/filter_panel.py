"""The filter panel: countries and quick groups, period range, measure, scale, service.

It writes every change into the store as one action and re-reads its widgets from the state
when the state changes elsewhere (a loaded view), without echoing its own changes back. What
the rest of the window needs to know it says by signals; its widgets are its own.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import Granularity, QuarterSpan
from tgviewer.core.reference.countries import country_name
from tgviewer.core.state.view_state import (
    USERS_PER_REQUEST,
    Normalisation,
    ViewState,
    default_view_state,
)
from tgviewer.core.views.groups import group_menu, resolve_group
from tgviewer.ui.qt_store import QtViewStateStore
from tgviewer.ui.window.country_search import CountrySearch

NORMALISATION_LABELS = {
    Normalisation.ABSOLUTE: "Absolute",
    Normalisation.PER_MILLION: "Per million inhabitants",
    Normalisation.SHARE: "Share of selected countries' total",
    Normalisation.INDEX: "Index (base period = 100)",
}
GRANULARITY_LABELS = {
    Granularity.QUARTER: "Quarter",
    Granularity.HALF: "Half-year",
    Granularity.YEAR: "Year",
}


class FilterPanel(QWidget):
    """Widgets that write the user's choices into ``store``.

    Signals
    -------
    country_chosen(str)
        A country's row became the current one (clicked, or reached with the keyboard): its
        code, for the details panel to show.
    notice(str)
        A sentence for the status bar (what a pasted list of countries held that could not
        be ticked).
    """

    country_chosen = Signal(str)
    notice = Signal(str)

    def __init__(
        self, store: QtViewStateStore, bundle: Bundle, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.bundle = bundle
        self._default: ViewState | None = None
        self.countries = QListWidget()
        self.search = CountrySearch(self.countries)
        self.count_label = QLabel()
        self.none_button = QPushButton("None")
        self.groups_button = QToolButton()
        self.groups_button.setText("Groups")
        self.groups_button.setToolTip(
            "Select a group of countries: a continent, a UN subregion, the EU-27, the top 10..."
        )
        self.groups_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.groups_menu = QMenu(self.groups_button)
        self.groups_menu.aboutToShow.connect(self._fill_groups_menu)
        self.groups_button.setMenu(self.groups_menu)
        self.service = QComboBox()
        self.service_label = QLabel("Service")
        self.measure = QComboBox()
        self.normalisation = QComboBox()
        self.index_base = QComboBox()
        self.index_base.setToolTip(
            "The period whose figure is 100 for every country; each "
            "country is indexed on its own figure."
        )
        self.index_base_label = QLabel("Base")
        self.log_scale = QCheckBox("Log scale")
        self.log_scale.setToolTip(
            "Logarithmic value axes, for figures of very different "
            "sizes. Zeros are drawn at the foot of the axis, marked ▼."
        )
        self.granularity = QComboBox()
        self.range_from = QComboBox()
        self.range_to = QComboBox()
        self.reset_button = QPushButton("Reset")

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Countries</b>"))
        layout.addWidget(self.search)
        layout.addWidget(self.countries, 1)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.groups_button)
        row.addWidget(self.none_button)
        layout.addLayout(row)
        form = QFormLayout()
        # A choice is never cut short (its meaning would be lost): a combo box asks for the
        # width of its longest item and, with rows never wrapped, the panel is at least as
        # wide as the labels and that (a wrapping form would lay it beside the widest label
        # a few pixels too narrow).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow("Measure", self.measure)
        form.addRow("Scale", self.normalisation)
        form.addRow(self.index_base_label, self.index_base)
        form.addRow("", self.log_scale)
        form.addRow("Periods", self.granularity)
        form.addRow("From", self.range_from)
        form.addRow("To", self.range_to)
        form.addRow(self.service_label, self.service)
        layout.addLayout(form)
        layout.addWidget(self.reset_button)

        self._fill(bundle)
        self.search.tick_wanted.connect(self.tick)
        self.search.notice.connect(self.notice)
        self.countries.itemChanged.connect(self._countries_changed)
        self.countries.currentItemChanged.connect(self._current_changed)
        self.reset_button.clicked.connect(self.reset)
        self.none_button.clicked.connect(lambda: self.store.update(countries=()))
        self.measure.currentIndexChanged.connect(
            lambda: self.store.update(measure=self.measure.currentData())
        )
        self.normalisation.currentIndexChanged.connect(
            lambda: self.store.update(normalisation=self.normalisation.currentData())
        )
        self.index_base.currentIndexChanged.connect(
            lambda: self.store.update(index_base=self.index_base.currentData())
        )
        self.log_scale.toggled.connect(lambda checked: self.store.update(log_scale=checked))
        self.granularity.currentIndexChanged.connect(
            lambda: self.store.update(granularity=self.granularity.currentData())
        )
        self.range_from.currentIndexChanged.connect(
            lambda: self.store.update(first=self.range_from.currentData())
        )
        self.range_to.currentIndexChanged.connect(
            lambda: self.store.update(last=self.range_to.currentData())
        )
        self.service.currentIndexChanged.connect(
            lambda: self.store.update(service=self.service.currentData())
        )
        store.changed.connect(lambda _old, new: self.show_state(new))
        self.show_state(store.state)

    def set_bundle(self, bundle: Bundle) -> None:
        """Offer the countries, measures, periods and services of ``bundle``."""
        self.bundle = bundle
        self._default = None
        widgets = (
            self.countries,
            self.measure,
            self.normalisation,
            self.granularity,
            self.range_from,
            self.range_to,
            self.service,
        )
        blockers = [QSignalBlocker(w) for w in widgets]
        for widget in widgets:
            widget.clear()
        self._fill(bundle)
        del blockers
        self.search.filter_list()
        self.show_state(self.store.state)

    def reset(self) -> None:
        """Back to the bundle's default countries, range and measure, in the same view."""
        if self._default is None:
            self._default = default_view_state(self.bundle)
        self.store.replace(dataclasses.replace(self._default, view=self.store.state.view))

    def _fill_groups_menu(self) -> None:
        """Rebuilt each time it opens, so "Top 10 by ..." names the current measure."""
        self.groups_menu.clear()
        for heading, groups in group_menu(self.bundle, self.store.state):
            if heading:
                self.groups_menu.addSection(heading)
            for group in groups:
                action = self.groups_menu.addAction(group.label)
                action.setData(group.key)
                action.triggered.connect(
                    lambda _checked=False, key=group.key: self.select_group(key)
                )

    def tick(self, codes: tuple[str, ...]) -> None:
        """Add ``codes`` to the selected countries (those not yet in it, in this order)."""
        current = self.store.state.countries
        added = tuple(code for code in codes if code not in current)
        if added:
            self.store.update(countries=current + added)

    def select_group(self, key: str) -> None:
        """Select the countries of the group ``key`` as one action."""
        self.store.update(countries=resolve_group(self.bundle, self.store.state, key))

    def _fill(self, bundle: Bundle) -> None:
        for code in sorted(bundle.countries, key=lambda c: country_name(c).casefold()):
            item = QListWidgetItem(f"{country_name(code)}  ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.countries.addItem(item)
        for measure in bundle.manifest.measures:
            self.measure.addItem(measure.label, measure.key)
        if {"users", "requests"} <= set(bundle.manifest.measure_keys):
            self.measure.addItem("Users per request", USERS_PER_REQUEST)
        for normalisation, label in NORMALISATION_LABELS.items():
            self.normalisation.addItem(label, normalisation)
        for granularity, label in GRANULARITY_LABELS.items():
            self.granularity.addItem(label, granularity)
        whole = bundle.quarter_span
        if whole is not None:
            for quarter in whole.quarters():
                label = QuarterSpan(quarter, quarter).label
                self.range_from.addItem(label, quarter)
                self.range_to.addItem(label, quarter)
        for service in bundle.services:
            self.service.addItem(service, service)
        # A choice with one option is noise: the service shows only when there are several.
        several = len(bundle.services) > 1
        self.service.setVisible(several)
        self.service_label.setVisible(several)

    def show_state(self, state: ViewState) -> None:
        """Make the widgets show ``state`` without writing back into the store."""
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.countries,
                self.measure,
                self.normalisation,
                self.granularity,
                self.range_from,
                self.range_to,
                self.service,
                self.index_base,
                self.log_scale,
            )
        ]
        selected = set(state.countries)
        for index in range(self.countries.count()):
            item = self.countries.item(index)
            checked = item.data(Qt.ItemDataRole.UserRole) in selected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        for combo, value in (
            (self.measure, state.measure),
            (self.normalisation, state.normalisation),
            (self.granularity, state.granularity),
            (self.range_from, state.span.first),
            (self.range_to, state.span.last),
            (self.service, state.service),
        ):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self._show_index_base(state)
        self.log_scale.setChecked(state.log_scale)
        count = len(state.countries)
        self.count_label.setText(f"{count} selected" if count else "none selected")
        del blockers

    def _show_index_base(self, state: ViewState) -> None:
        """Offer the periods shown as bases, only while the scale is an index."""
        indexed = state.normalisation is Normalisation.INDEX
        self.index_base.setVisible(indexed)
        self.index_base_label.setVisible(indexed)
        if not indexed:
            return
        periods = state.periods()
        codes = [p.code for p in periods]
        if codes != [self.index_base.itemData(i) for i in range(self.index_base.count())]:
            self.index_base.clear()
            for period in periods:
                self.index_base.addItem(period.label, period.code)
        base = state.index_span()
        index = self.index_base.findData(base.code if base is not None else None)
        if index >= 0:
            self.index_base.setCurrentIndex(index)

    def _countries_changed(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        current = list(self.store.state.countries)
        if item.checkState() == Qt.CheckState.Checked and code not in current:
            current.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in current:
            current.remove(code)
        self.store.update(countries=tuple(current))

    def _current_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is not None:
            self.country_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
