"""Whole numbers written in files: how many digits tgviewer reads, and JSON held to it.

Python refuses to turn a number of more than 4,300 digits into an ``int`` (``ValueError:
Exceeds the limit``), and no figure of a transparency report comes near a trillion. So every
whole number tgviewer reads from a file (a count in ``records.csv``, a CSV table or
``dataset.json``, a format version) has at most :data:`MAX_DIGITS` digits; a longer one is
refused where it is read, named by its file, line and field, before ``int()`` sees it.

JSON read with :func:`loads` keeps a longer number as a :class:`LongNumber`: no field accepts
one, so the reader's usual "expected ..., found ..." names the field that holds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: Most digits in a whole number tgviewer reads: up to 999 trillion, which a float64 (the
#: figures' type in the period engine) still holds exactly.
MAX_DIGITS = 15


@dataclass(frozen=True)
class LongNumber:
    """A JSON whole number of more than :data:`MAX_DIGITS` digits, never converted.

    Attributes
    ----------
    digits
        How many digits it has.
    """

    digits: int

    def __repr__(self) -> str:
        return f"a number {self.digits:,} digits long"


def too_long(digits: int) -> str:
    """Why a number of ``digits`` digits is refused, for a message."""
    return f"a number {digits:,} digits long, more than the {MAX_DIGITS} digits tgviewer reads"


def bounded_int(text: str) -> int | LongNumber:
    """The whole number written ``text`` (JSON's form: an optional minus and digits), or a
    :class:`LongNumber` when it has more than :data:`MAX_DIGITS` digits; ``json.loads``'s
    ``parse_int``."""
    digits = len(text) - text.startswith("-")
    return LongNumber(digits) if digits > MAX_DIGITS else int(text)


def loads(text: str) -> Any:
    """``json.loads(text)``, with whole numbers longer than :data:`MAX_DIGITS` digits kept
    as :class:`LongNumber` instead of raising ``ValueError`` (or taking the time to convert).

    Raises
    ------
    json.JSONDecodeError
        As ``json.loads`` does.
    RecursionError
        As ``json.loads`` does, for nesting too deep.
    """
    return json.loads(text, parse_int=bounded_int)
