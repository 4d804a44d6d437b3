"""A country a view leaves out, and why: what every "not drawn" list shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotComparable:
    """A country left out, and why (``Jan–Sep 2025 unknown: records cover only ...``)."""

    country: str
    name: str
    reason: str
