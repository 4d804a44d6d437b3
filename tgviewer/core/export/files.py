"""Writing the data behind a view to a file: the one way the window and the CLI do it.

By the file's suffix: ``.csv`` writes the CSV and its metadata file
(``NAME.csv-metadata.json``) together, ``.xlsx`` a workbook with a Data and an About
sheet. Either layout (:class:`~.layouts.Layout`) can go to either format. Writes are
atomic: the CSV and its metadata are both written in full before either replaces a file,
so a user's file is never half-written, nor left beside the metadata of another export.
"""

from __future__ import annotations

from pathlib import Path

from tgviewer.core.atomic import atomic_write_files
from tgviewer.core.errors import TgviewerError
from tgviewer.core.export.csv_file import csv_bytes
from tgviewer.core.export.csvw import metadata_bytes, metadata_path
from tgviewer.core.export.layouts import Layout, wide_table
from tgviewer.core.export.provenance import (
    Column,
    long_columns,
    provenance,
    unit_of,
    wide_columns,
)
from tgviewer.core.state.view_state import ViewState
from tgviewer.core.views.base import ViewModel
from tgviewer.core.views.data_table import DataTable

#: The formats of the data behind a view, by file suffix.
DATA_FORMATS = {".csv": "CSV table", ".xlsx": "Excel workbook"}


class DataExportError(TgviewerError):
    """Data that could not be written; the message says what and where."""


def laid_out(model: ViewModel, layout: Layout) -> tuple[DataTable, tuple[Column, ...]]:
    """``model``'s figures in ``layout``, and their columns described.

    Raises
    ------
    NoWideLayoutError
        When ``layout`` is wide and the view has none.
    """
    long = model.data_table()
    if layout is Layout.LONG:
        return long, long_columns(long)
    wide = wide_table(model)
    return wide.table, wide_columns(wide, unit_of(long))


def data_files(
    model: ViewModel, state: ViewState, path: Path, layout: Layout = Layout.LONG
) -> dict[Path, bytes]:
    """The files an export of ``model`` to ``path`` writes, and their bytes.

    Raises
    ------
    DataExportError
        When the suffix of ``path`` is not one of :data:`DATA_FORMATS`.
    NoWideLayoutError
        When ``layout`` is wide and the view has none.
    """
    suffix = path.suffix.lower()
    if suffix not in DATA_FORMATS:
        raise DataExportError(
            f"{path.name}: unknown format {suffix or '(no suffix)'}; "
            f"use {' or '.join(DATA_FORMATS)} for the data"
        )
    table, columns = laid_out(model, layout)
    about = provenance(model, state, layout, columns)
    if suffix == ".xlsx":
        from tgviewer.core.export.xlsx import xlsx_bytes

        return {path: xlsx_bytes(table, about)}
    return {
        path: csv_bytes(table),
        metadata_path(path): metadata_bytes(table, about, path.name),
    }


def write_data(
    model: ViewModel, state: ViewState, path: str | Path, layout: Layout = Layout.LONG
) -> list[Path]:
    """Write ``model``'s figures to ``path`` in ``layout``; returns the files written.

    Raises
    ------
    DataExportError
        When the format is unknown or a file cannot be written.
    NoWideLayoutError
        When ``layout`` is wide and the view has none.
    """
    files = data_files(model, state, Path(path), layout)
    try:
        atomic_write_files(files, keep_mode=True)
    except OSError as exc:
        where = exc.filename or path
        raise DataExportError(f"{where}: cannot write here: {exc.strerror or exc}") from None
    return list(files)
