"""The data behind a view, written where analysts work: CSV with its CSV-on-the-Web
metadata, or an Excel workbook (no Qt).

- :mod:`.layouts`: the two shapes of a view's data, one row per country and period
  ("long", every view) and countries × periods ("wide", the views along time).
- :mod:`.provenance`: what an export says of itself (title, source, licence, bundle, view,
  each column's meaning and unit).
- :mod:`.csv_file`, :mod:`.csvw`, :mod:`.xlsx`: one writer per format.
- :mod:`.files`: the one entry point, :func:`~.files.write_data`, used by the window's
  File > Export Data and by ``tgviewer render``.
"""
