"""Reference population per country and year (World Bank), for per-capita figures.

The shipped table (``population.json``, built by ``scripts/build_reference_data.py``) starts
in 2020. For a year after its last one, the last available year stands in, and the answer
says so, so that every per-capita figure can state the population it used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from tgviewer.resources import POPULATION, data_path


@dataclass(frozen=True)
class PopulationFigure:
    """A population used for a per-capita figure.

    Attributes
    ----------
    value
        Inhabitants.
    year
        Year the figure is for.
    requested_year
        Year that was asked for; differs from ``year`` when a later year is not available yet.
    """

    value: int
    year: int
    requested_year: int

    @property
    def stands_in(self) -> bool:
        """Whether the figure is for another year than the one asked for."""
        return self.year != self.requested_year

    def describe(self) -> str:
        """``population 68,551,653 (2024)``, plus what it stands in for."""
        text = f"population {self.value:,} ({self.year})"
        if self.stands_in:
            text += f", latest available for {self.requested_year}"
        return text


@dataclass(frozen=True)
class PopulationTable:
    """Population by country code and year."""

    attribution: str
    years: tuple[int, ...]
    values: dict[str, tuple[int | None, ...]]

    def population(self, country: str, year: int) -> PopulationFigure | None:
        """Population of ``country`` in ``year``, or the latest earlier year available.

        ``None`` when the table has no figure for the country in or before ``year``
        (the table starts in 2020).
        """
        row = self.values.get(country)
        if row is None:
            return None
        candidates = [
            (y, v) for y, v in zip(self.years, row, strict=True) if v is not None and y <= year
        ]
        if not candidates:
            return None
        found_year, value = candidates[-1]
        return PopulationFigure(value, found_year, year)


@cache
def population_table() -> PopulationTable:
    """The shipped table, read once."""
    document = json.loads(data_path(POPULATION).read_text(encoding="utf-8"))
    return PopulationTable(
        attribution=document["attribution"],
        years=tuple(document["years"]),
        values={code: tuple(row) for code, row in document["values"].items()},
    )
