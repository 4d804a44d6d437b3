"""Reading a small JSON object from a file people may have edited, damaged or swapped.

Settings and saved views are both one JSON object in a small file. Whatever the file holds
(too much, bytes that are not UTF-8, broken JSON, a list instead of an object, a number
thousands of digits long, nesting deep enough to exhaust the stack), reading it raises one
:class:`JsonFileError` whose message says what is wrong and where (file, line, column).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tgviewer.core import numbers
from tgviewer.core.errors import TgviewerError
from tgviewer.core.numbers import LongNumber
from tgviewer.core.user_file import FileTooLargeError, read_user_file


class JsonFileError(TgviewerError):
    """The file does not hold a JSON object; the message says where and why."""


def json_kind(value: object) -> str:
    """What a JSON value is, in words (for messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float | LongNumber):
        return "a number"
    return "text" if isinstance(value, str) else "a list"


def read_json_object(path: Path, max_bytes: int) -> Mapping[str, Any]:
    """The JSON object in ``path``, a file of at most ``max_bytes``.

    The file is opened through :func:`~tgviewer.core.user_file.read_user_file`: a pipe, a
    device or a folder is refused without blocking, and at most ``max_bytes + 1`` bytes
    are read.

    Raises
    ------
    JsonFileError
        If the file does not hold one JSON object (or holds more than ``max_bytes``).
    MissingFileError
        If there is no file at ``path``.
    UserFileError
        If it is not a regular file or cannot be read (the message names ``path``).
    """
    try:
        data = read_user_file(path, max_bytes)
    except FileTooLargeError:
        raise JsonFileError(f"larger than {max_bytes:,} bytes", file=path.name) from None
    # Tolerate the byte-order mark some editors add on saving.
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        source = data[skipped:].decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = skipped + exc.start + 1
        raise JsonFileError(f"not UTF-8 text (byte {byte})", file=path.name) from None
    try:
        document = numbers.loads(source)  # a number too long becomes a LongNumber
    except json.JSONDecodeError as exc:
        raise JsonFileError(exc.msg, file=path.name, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise JsonFileError("nested too deeply to read", file=path.name) from None
    if not isinstance(document, dict):
        raise JsonFileError(
            f"expected a JSON object at the top, found {json_kind(document)}", file=path.name
        )
    return document
