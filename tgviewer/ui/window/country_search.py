"""The search box over the country list: find a country by any of its names, tick it with
Enter, or paste a list of them.

What is typed is matched on each country's code, display, official and common names and the
aliases people use (:func:`~tgviewer.core.reference.countries.match_rank`): "UK", "Britain",
"USA", "Russia", "Korea". The best match is highlighted (selected, not made current, so the
details panel does not jump while typing); Up and Down move the highlight among the matches.
Enter ticks the highlighted match, or the only one, and keeps focus in the box with its text
selected, so the next country can be typed at once. Pasting a list (codes or names separated
by commas, semicolons, tabs or new lines) ticks every country it names; a list typed or
pasted from the context menu is read when Enter is pressed.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from tgviewer.core.plurals import plural
from tgviewer.core.reference.countries import LIST_SEPARATORS, match_rank, read_country_list


class CountrySearch(QLineEdit):
    """A search box that filters ``countries`` (a list whose items hold codes as
    ``UserRole`` data) and ticks what it finds.

    Signals
    -------
    tick_wanted(tuple)
        Codes to add to the selection (in this order), as one action.
    notice(str)
        A sentence for the status bar: what a pasted list held that could not be ticked.
    """

    tick_wanted = Signal(tuple)
    notice = Signal(str)

    def __init__(self, countries: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.countries = countries
        self.setPlaceholderText("Search countries, or paste a list…")
        self.setClearButtonEnabled(True)
        self.setToolTip(
            "Type a country's name or code (UK, USA, Korea...) and press Enter to tick it; "
            "paste a list such as FRA, DEU, USA to tick them all."
        )
        self.textChanged.connect(self.filter_list)
        self.returnPressed.connect(self.enter)

    # Finding ------------------------------------------------------------------------------

    def filter_list(self, text: str | None = None) -> None:
        """Show only the countries ``text`` (the box's text by default) finds, and highlight
        the best of them: a name or code it is, then one it starts, then the first in the
        list."""
        text = self.text() if text is None else text
        if LIST_SEPARATORS.search(text):
            return  # a list waiting for Enter: keep the list as it was
        best: tuple[int, int] | None = None
        for index in range(self.countries.count()):
            rank = match_rank(self.countries.item(index).data(Qt.ItemDataRole.UserRole), text)
            self.countries.setRowHidden(index, rank is None)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, index)
        if text.strip() and best is not None:
            self._highlight(self.countries.item(best[1]))
        else:
            self.countries.clearSelection()

    def matches(self) -> list[QListWidgetItem]:
        """The countries shown, in list order."""
        return [
            self.countries.item(i)
            for i in range(self.countries.count())
            if not self.countries.isRowHidden(i)
        ]

    def highlighted(self) -> QListWidgetItem | None:
        """The match Enter would tick: the one highlighted, else the only one."""
        shown = self.matches()
        selected = [item for item in self.countries.selectedItems() if item in shown]
        if selected:
            return selected[0]
        return shown[0] if len(shown) == 1 else None

    def _highlight(self, item: QListWidgetItem) -> None:
        index = self.countries.indexFromItem(item)
        self.countries.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.countries.scrollToItem(item)

    def _move_highlight(self, step: int) -> None:
        shown = self.matches()
        if not shown:
            return
        current = self.highlighted()
        at = shown.index(current) + step if current in shown else 0
        self._highlight(shown[max(0, min(len(shown) - 1, at))])

    # Ticking ------------------------------------------------------------------------------

    def enter(self) -> None:
        """Tick the highlighted match (or, for a list, every country it names)."""
        text = self.text()
        if LIST_SEPARATORS.search(text.strip()):
            self.clear()
            self.tick_list(text)
            return
        item = self.highlighted()
        if item is None:
            if text.strip():
                found = "several countries" if self.matches() else "no country"
                self.notice.emit(f"\u201c{text.strip()}\u201d matches {found}.")
            return
        self.tick_wanted.emit((item.data(Qt.ItemDataRole.UserRole),))
        self.selectAll()  # the next country can be typed over it

    def tick_list(self, text: str) -> None:
        """Tick every country of the bundle that the list ``text`` names, and say what was
        not ticked (names not recognised, countries without figures here)."""
        codes, unknown = read_country_list(text)
        offered = {
            self.countries.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.countries.count())
        }
        ticked = tuple(code for code in codes if code in offered)
        absent = [code for code in codes if code not in offered]
        if ticked:
            self.tick_wanted.emit(ticked)
        parts = [f"Ticked {plural(len(ticked), 'country')}."]
        if unknown:
            parts.append("Not recognised: " + ", ".join(f"\u201c{u}\u201d" for u in unknown) + ".")
        if absent:
            parts.append("Not in this bundle: " + ", ".join(absent) + ".")
        self.notice.emit(" ".join(parts))

    # Keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            pasted = QGuiApplication.clipboard().text()
            if LIST_SEPARATORS.search(pasted.strip()):
                self.tick_list(pasted)
                event.accept()
                return
        elif event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move_highlight(1 if event.key() == Qt.Key.Key_Down else -1)
            event.accept()
            return
        super().keyPressEvent(event)
