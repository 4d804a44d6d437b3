"""tgviewer's Qt-free core: bundles, periods, the period engine and queries.

Nothing in this package imports PySide6, shiboken6 or pyqtgraph; ``tests/test_architecture.py``
fails if anything does, and the core's tests run without Qt installed.
"""
