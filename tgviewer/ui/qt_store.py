"""The ViewState store as a Qt object, so widgets can connect to its changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from tgviewer.core.state.view_state import ViewState, ViewStateStore


class QtViewStateStore(QObject):
    """Wraps :class:`ViewStateStore`; ``changed(old, new)`` fires once per user action."""

    changed = Signal(object, object)

    def __init__(self, state: ViewState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = ViewStateStore(state)
        self._store.subscribe(self.changed.emit)

    @property
    def state(self) -> ViewState:
        """The current state."""
        return self._store.state

    def update(self, **changes: Any) -> bool:
        """Change fields as one action."""
        return self._store.update(**changes)

    def replace(self, state: ViewState) -> bool:
        """Replace the whole state as one action."""
        return self._store.replace(state)
