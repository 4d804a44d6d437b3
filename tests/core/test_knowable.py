"""Periods some record could give a figure for, found from the record edges alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.bundles import records_csv, write_folder
from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.figures.knowable import knowable_choices, may_be_known
from tgviewer.core.figures.series import raw_figure
from tgviewer.core.figures.suggestions import candidate_pairs, knowable_pairs
from tgviewer.core.periods.spans import period_choices


def wide_bundle(folder: Path) -> Bundle:
    """Three records, one of them over a thousand years."""
    return read_bundle(
        write_folder(
            folder,
            records_csv(
                "FRA,2025-01-01,2025-03-31,4,17,Telegram,src,",
                "FRA,2025-04-01,2025-06-30,5,20,Telegram,src,",
                "ITA,1900-01-01,2999-12-31,2,8,Telegram,src,",
            ),
        )
    )


@pytest.fixture(params=["default", "wide"])
def bundle(request: pytest.FixtureRequest, default_bundle: Bundle, tmp_path: Path) -> Bundle:
    return default_bundle if request.param == "default" else wide_bundle(tmp_path / "wide")


def test_the_choices_are_the_calendars_that_may_be_known(bundle: Bundle) -> None:
    calendar = [s for s in period_choices(bundle.quarter_span) if may_be_known(bundle, s)]
    assert knowable_choices(bundle) == calendar


def test_the_pairs_are_the_calendars_that_may_be_known(bundle: Bundle) -> None:
    assert bundle.quarter_span is not None
    calendar = {
        (a, b)
        for a, b in candidate_pairs(bundle.quarter_span)
        if may_be_known(bundle, a) and may_be_known(bundle, b)
    }
    assert set(knowable_pairs(bundle)) == calendar


def test_a_period_that_may_not_be_known_is_unknown_for_everyone(tmp_path: Path) -> None:
    bundle = wide_bundle(tmp_path / "wide")
    skipped = [s for s in period_choices(bundle.quarter_span) if not may_be_known(bundle, s)]
    assert len(skipped) > 8000  # the calendar of eleven centuries, but three records
    for span in skipped[::40]:
        for country in bundle.countries:
            for measure in ("requests", "users"):
                assert raw_figure(bundle, country, span, measure, "Telegram")[0] is None
    assert len(knowable_choices(bundle)) < 10
