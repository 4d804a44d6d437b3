"""Section 2 of ``run_benchmarks.py`` (and the engine of section 4): filter change to repaint.

In this process (the Qt platform is set before Qt is imported) the window is built as the app
builds it, ``MainWindow(bundle)``, shown, and timed through realistic one-field changes: one
``store.update(...)`` followed by ``app.processEvents()`` (or a synchronous repaint of the
whole window first), the chart's repaint checked after every change (target on the default
bundle: median <= 16 ms).
"""

from __future__ import annotations

import dataclasses
import gc
import math
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from common import BenchmarkError, Report, Target, spread_text, summary, verdict

if TYPE_CHECKING:
    from tgviewer.core.state.view_state import ViewState

#: The median filter change on the default bundle, from the store update to the end of the
#: repaint, in ms.
FILTER_MEDIAN_TARGET_MS = 16.0


class ChangePlanner:
    """Realistic one-field filter changes that, where possible, lead to unseen states.

    The changes rotate through: toggling one country in (then out again), switching the
    measure between users and requests, switching between absolute and per-million figures,
    and moving the start of the range by one quarter. A change whose state was already seen is
    skipped for the next kind; if every kind would repeat a state, a new country is added.
    ``kinds`` can leave some of them out.
    """

    KINDS = ("country", "measure", "normalisation", "first")

    def __init__(
        self,
        start: ViewState,
        countries: Sequence[str],
        lowest_first: int,
        kinds: Sequence[str] = KINDS,
    ) -> None:
        self.kinds = tuple(kinds)
        self.base = set(start.countries)
        pool = [c for c in countries if c not in self.base]
        if "USA" in pool:
            pool.remove("USA")
            pool.insert(0, "USA")
        self.pool = pool
        self.next_country = 0
        self.lowest_first = lowest_first
        self.step = 1
        self.turn = 0
        self.seen: set[ViewState] = {start}

    def new_country(self, state: ViewState) -> str:
        """The next country of the pool that ``state`` does not select."""
        for offset in range(len(self.pool)):
            code = self.pool[(self.next_country + offset) % len(self.pool)]
            if code not in state.countries:
                return code
        raise BenchmarkError("no country left to add")

    def _change(self, kind: str, state: ViewState) -> dict[str, Any]:
        from tgviewer.core.state.view_state import Normalisation

        if kind == "country":
            added = [c for c in state.countries if c not in self.base]
            if added:
                return {"countries": tuple(c for c in state.countries if c != added[-1])}
            return {"countries": (*state.countries, self.new_country(state))}
        if kind == "measure":
            return {"measure": "requests" if state.measure == "users" else "users"}
        if kind == "normalisation":
            return {
                "normalisation": Normalisation.PER_MILLION
                if state.normalisation is Normalisation.ABSOLUTE
                else Normalisation.ABSOLUTE
            }
        first = state.first + self.step
        if not self.lowest_first <= first < state.last:
            first = state.first - self.step
        return {"first": first}

    def _accept(self, kind: str, state: ViewState, change: dict[str, Any]) -> None:
        if kind == "country" and len(change["countries"]) > len(state.countries):
            self.next_country = self.pool.index(change["countries"][-1]) + 1
        if kind == "first" and change["first"] != state.first + self.step:
            self.step = -self.step
        self.seen.add(dataclasses.replace(state, **change))

    def next(self, state: ViewState) -> tuple[str, dict[str, Any], bool]:
        """The next change from ``state``: its kind, its fields, whether its state is new."""
        for offset in range(len(self.kinds)):
            kind = self.kinds[(self.turn + offset) % len(self.kinds)]
            change = self._change(kind, state)
            if dataclasses.replace(state, **change) not in self.seen:
                self.turn = (self.turn + offset + 1) % len(self.kinds)
                self._accept(kind, state, change)
                return kind, change, True
        if not self.pool:
            raise BenchmarkError("every country of the bundle is already selected")
        new = False
        for _ in range(len(self.pool)):
            change = {"countries": (*state.countries, self.new_country(state))}
            new = dataclasses.replace(state, **change) not in self.seen
            self._accept("country", state, change)
            if new:
                break
        return "country", change, new


#: How many of the last states the "just seen" series goes back and forth through; well within
#: the series cache (``tgviewer.core.figures.cache.CACHE_SIZE``, 32 states).
REPLAYED_STATES = 8


def difference(current: ViewState, target: ViewState) -> dict[str, Any]:
    """The fields to pass to ``store.update`` to go from ``current`` to ``target``."""
    return {
        f.name: getattr(target, f.name)
        for f in dataclasses.fields(target)
        if getattr(current, f.name) != getattr(target, f.name)
    }


def replay_path(history: Sequence[ViewState], count: int) -> list[ViewState]:
    """From the last of ``history``, back through the ``REPLAYED_STATES`` before it and
    forward again, repeated: ``count`` targets, each one change away from the one before."""
    window = list(history[-(REPLAYED_STATES + 1) :])
    if len(window) < 2:
        raise BenchmarkError("no state to go back to")
    one_round = window[-2::-1] + window[1:]  # back to the oldest, then forward to the newest
    return [one_round[index % len(one_round)] for index in range(count)]


#: Extra references given to None, True and False by the refcount guard.
PINNED_REFERENCES = 1 << 40


def void_calls_drop_none() -> bool:
    """Whether calling a PySide6 method that returns nothing loses a reference to None.

    Seen with PySide6 6.12.0 on CPython 3.11 (where None is not yet immortal): every such
    call drops one reference, and the process aborts with ``none_dealloc`` once None's count
    reaches zero; True and False lose references the same way.
    """
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 50


def pin_singletons() -> bool:
    """Give None, True and False so many references that the leak cannot free them.

    Only on CPython before 3.12 (from 3.12 they are immortal). Returns whether it did so.
    """
    if platform.python_implementation() != "CPython" or sys.version_info >= (3, 12):
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += PINNED_REFERENCES
    return True


def changes_before_abort(counts: Sequence[tuple[int, float]]) -> int | None:
    """How many more changes until the first of (references left, lost per change) hits 0."""
    left = [math.floor(have / lost) for have, lost in counts if lost > 0]
    return min(left) if left else None


class PaintCounter:
    """Counts the paint events a widget receives."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt names it)
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self.filter = Filter()
        widget.installEventFilter(self.filter)


def filter_benchmark(
    samples: int,
    warmup: int,
    guard: bool,
    forced: bool,
    progress: Callable[[str], None],
    bundle_folder: Path | None = None,
    target_ms: float = FILTER_MEDIAN_TARGET_MS,
    kinds: Sequence[str] = ChangePlanner.KINDS,
) -> dict[str, Any]:
    """Time filter changes in this process on the default bundle, or the bundle in
    ``bundle_folder`` (Qt starts here); ``target_ms`` is the median's target, ``kinds`` the
    changes made (see :class:`ChangePlanner`).

    With ``forced`` every sample repaints the whole window (docks, status bar and all);
    without it Qt repaints what the change made dirty, as it does for a user, and the chart's
    viewport must have been painted after every change.
    """
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    leaking = void_calls_drop_none()
    pinned = PINNED_REFERENCES if leaking and guard and pin_singletons() else 0

    from tgviewer.core.bundle.reader import read_bundle, read_default_bundle
    from tgviewer.ui.window.main_window import MainWindow

    started = time.perf_counter()
    bundle = read_default_bundle() if bundle_folder is None else read_bundle(bundle_folder)
    read = time.perf_counter()
    window = MainWindow(bundle)
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    paints = PaintCounter(window.trend.plot.viewport())
    none_at_show = sys.getrefcount(None) - pinned
    true_at_show = sys.getrefcount(True) - pinned
    store = window.store
    first_state = store.state.to_dict()
    whole = bundle.quarter_span
    if whole is None or whole.first >= whole.last:
        raise BenchmarkError("the bundle's range is too short to move")

    def timed(change: dict[str, Any]) -> tuple[float, float]:
        """(update to end of repaint, update alone) in ms."""
        started = time.perf_counter()
        if not store.update(**change):
            raise BenchmarkError(f"store.update({change}) changed nothing")
        updated = time.perf_counter()
        painted = paints.count
        if forced:
            window.repaint()
        app.processEvents()
        finished = time.perf_counter()
        if paints.count == painted:
            raise BenchmarkError(f"the chart was not painted after store.update({change})")
        return (finished - started) * 1000, (updated - started) * 1000

    planner = ChangePlanner(store.state, bundle.countries, whole.first, kinds)
    how = "whole window forced" if forced else "Qt's own repaint"
    progress(f"filters ({how}): {warmup} warm-up changes")
    for _ in range(warmup):
        timed(planner.next(store.state)[1])

    progress(f"filters ({how}): {samples} changes to unseen states")
    gc.collect()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    fresh: list[float] = []
    fresh_update: list[float] = []
    by_kind: dict[str, list[float]] = {kind: [] for kind in kinds}
    repeated = 0
    history = [store.state]
    for _ in range(samples):
        kind, change, new = planner.next(store.state)
        total, update = timed(change)
        history.append(store.state)
        fresh.append(total)
        fresh_update.append(update)
        by_kind[kind].append(total)
        repeated += not new
    none_lost = (none_before - sys.getrefcount(None)) / samples
    true_lost = (true_before - sys.getrefcount(True)) / samples

    progress(f"filters ({how}): {samples} changes to states just seen")
    replayed = min(REPLAYED_STATES, len(history) - 1)
    gc.collect()
    cached: list[float] = []
    cached_update: list[float] = []
    for target in replay_path(history, samples):
        total, update = timed(difference(store.state, target))
        cached.append(total)
        cached_update.append(update)

    def figures(totals: list[float], updates: list[float]) -> dict[str, Any]:
        return {
            **summary(totals),
            "update_median": statistics.median(updates),
            "repaint_median": statistics.median(
                [t - u for t, u in zip(totals, updates, strict=True)]
            ),
            "count": len(totals),
            "samples": totals,
        }

    fresh_figures = figures(fresh, fresh_update)
    result: dict[str, Any] = {
        "qt_platform": QGuiApplication.platformName(),
        "forced_whole_window_repaint": forced,
        "bundle": f"{bundle.manifest.title}, {len(bundle.records):,} records",
        "records": len(bundle.records),
        "read_ms": (read - started) * 1000,
        "window_shown_ms": (shown - read) * 1000,
        "start_state": first_state,
        "warmup_changes": warmup,
        "kinds": list(kinds),
        "replayed_states": replayed,
        "replayed_states_first_visit_median": statistics.median(fresh[-replayed:]),
        "fresh": {
            **fresh_figures,
            "repeated_states": repeated,
            "by_kind_median": {
                kind: statistics.median(values) for kind, values in by_kind.items() if values
            },
        },
        "cached": figures(cached, cached_update),
        "target_median_ms": target_ms,
        "met": fresh_figures["median"] <= target_ms,
        "paints_of_the_chart": paints.count,
        "refcount_leak": {
            "void_calls_drop_none": leaking,
            "guard_applied": bool(pinned),
            "none_references_at_window_shown": none_at_show,
            "true_references_at_window_shown": true_at_show,
            "none_references_lost_per_change": none_lost,
            "true_references_lost_per_change": true_lost,
            "estimated_changes_before_abort": changes_before_abort(
                [(none_at_show, none_lost), (true_at_show, true_lost)]
            ),
        },
    }
    window.close()
    app.processEvents()
    return result


def report_filters(report: Report, figures: dict[str, Any]) -> None:
    fresh, cached = figures["fresh"], figures["cached"]
    report.add()
    forced = figures["forced_whole_window_repaint"]
    report.add(
        f"2{'b' if forced else 'a'}. Filter change to repaint, "
        f"{'the whole window forced' if forced else 'as Qt repaints it'} "
        f"({figures['bundle']}; {fresh['count']} samples each, after "
        f"{figures['warmup_changes']} warm-up changes)"
    )
    report.add(
        "   one sample = store.update(...) + "
        + (
            "window.repaint() + app.processEvents() (stricter: docks and status bar repainted too);"
            if forced
            else "app.processEvents(), in which Qt paints what the change "
            "made dirty (the chart, every time);"
        )
    )
    report.add(
        f"   'just seen' goes back and forth through the last "
        f"{figures['replayed_states']} unseen states, so every frame comes from the "
        "series cache"
    )
    report.add(f"   {'':30}{'median':>10}{'p90':>10}{'max':>10}")

    def row(label: str, values: dict[str, Any], suffix: str = "") -> None:
        report.add(
            f"   {label:30}{values['median']:>7.1f} ms{values['p90']:>7.1f} ms"
            f"{values['max']:>7.1f} ms{suffix}"
        )

    row(
        "unseen states",
        fresh,
        f"   target median <= {figures['target_median_ms']:g} ms: "
        + (
            f"{'(would be met)' if figures['met'] else '(would be missed)'} on this "
            "stricter measure"
            if forced
            else verdict(figures["met"])
        ),
    )
    row(
        "states just seen (cached)",
        cached,
        f"   (first visits of those {figures['replayed_states']} states: median "
        f"{figures['replayed_states_first_visit_median']:.1f} ms)",
    )
    for label, values in (("unseen", fresh), ("cached", cached)):
        report.add(
            f"   {label}: update + redraw median {values['update_median']:.1f} ms, "
            f"repaint + events median {values['repaint_median']:.1f} ms"
        )
    kinds = ", ".join(f"{kind} {value:.1f} ms" for kind, value in fresh["by_kind_median"].items())
    report.add(f"   unseen, median by change: {kinds}")
    leak = figures["refcount_leak"]
    if leak["void_calls_drop_none"]:
        report.add(
            f"   WARNING: this PySide6 drops references to None/True/False: about "
            f"{leak['none_references_lost_per_change']:,.0f} to None and "
            f"{leak['true_references_lost_per_change']:,.0f} to True per change;"
        )
        report.add(
            f"   an unprotected process aborts (Fatal Python error: none_dealloc or "
            f"bool_dealloc) after about {leak['estimated_changes_before_abort']} "
            "filter changes."
        )
        report.add(
            "   "
            + (
                "The benchmark pinned their reference counts so it could run; the "
                "app has no such guard."
                if leak["guard_applied"]
                else "No guard was applied (--no-refcount-guard, or Python >= 3.12)."
            )
        )
    if fresh["repeated_states"]:
        report.add(f"   note: {fresh['repeated_states']} of the 'unseen' changes repeated a state")


def filter_targets(figures: dict[str, Any]) -> list[Target]:
    """The default bundle's filter change (as Qt repaints it) as a row of the closing table."""
    fresh = figures["fresh"]
    return [
        Target(
            f"filter change, default bundle ({figures['records']} records)",
            f"{fresh['median']:.1f} ms",
            spread_text(fresh["p10"], fresh["p90"], " ms", 1, "p10-p90"),
            f"<= {figures['target_median_ms']:g} ms",
            figures["met"],
        )
    ]
