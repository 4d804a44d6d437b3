"""Country metadata and reference population."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tgviewer.core.reference.countries import country_info
from tgviewer.core.reference.population import population_table
from tgviewer.resources import COUNTRY_NAMES, data_path


def test_country_names_regions_and_groups() -> None:
    france = country_info("FRA")
    assert (france.name, france.continent, france.subregion, france.eu27) == (
        "France",
        "Europe",
        "Western Europe",
        True,
    )
    assert country_info("KOR").name == "South Korea"
    assert country_info("USA").official_name == "United States of America"
    assert country_info("NOR").subregion == "Northern Europe"  # ISO_A3_EH is -99 for Norway
    assert country_info("GBR").eu27 is False


def test_small_countries_missing_from_the_map_still_have_regions() -> None:
    for code, subregion in (
        ("MLT", "Southern Europe"),
        ("SGP", "South-Eastern Asia"),
        ("HKG", "Eastern Asia"),
        ("COK", "Polynesia"),
    ):
        assert country_info(code).subregion == subregion


def test_an_unknown_code_still_works_shown_by_its_code() -> None:
    unknown = country_info("ZZZ")
    assert (unknown.name, unknown.known, unknown.continent) == ("ZZZ", False, "")
    assert country_info("XKX").name == "Kosovo"


def test_population_of_a_year_and_the_latest_standing_in() -> None:
    table = population_table()
    assert "World Bank" in table.attribution
    figure = table.population("FRA", 2024)
    assert figure is not None
    assert (figure.value, figure.year, figure.stands_in) == (68551653, 2024, False)
    later = table.population("FRA", 2026)
    assert later is not None
    assert (later.value, later.year, later.stands_in) == (68551653, 2024, True)
    assert later.describe() == "population 68,551,653 (2024), latest available for 2026"
    assert table.population("FRA", 2019) is None
    assert table.population("COK", 2025) is None  # the World Bank lists no Cook Islands
    assert table.population("WLD", 2024) is None  # aggregates are not countries


def test_the_app_never_imports_pycountry() -> None:
    """Names come from the shipped table: pycountry is needed only to build it."""
    code = (
        "import sys; sys.modules['pycountry'] = None\n"
        "from tgviewer.core.reference.countries import country_info, country_choices\n"
        "from tgviewer.core.reference.country_names import code_for_name\n"
        "info = country_info('KOR')\n"
        "print(info.name, info.official_name, code_for_name('Russia'), len(country_choices()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["South", "Korea", "Korea,", "Republic", "of", "RUS", "250"]


def test_the_shipped_country_names_are_those_pycountry_gives() -> None:
    """Rebuilt from the pycountry installed, the table is the one shipped (when the installed
    pycountry is the version it was made with; another version may name countries anew)."""
    shipped = json.loads(data_path(COUNTRY_NAMES).read_text(encoding="utf-8"))
    try:
        installed = metadata.version("pycountry")
    except metadata.PackageNotFoundError:
        pytest.skip("pycountry is not installed (it is needed only to build the table)")
    if installed != shipped["pycountry"]:
        pytest.skip(f"the table was made with pycountry {shipped['pycountry']}, not {installed}")
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_reference_data.py"
    sys_path = str(script.parent)
    sys.path.insert(0, sys_path)
    try:
        spec = importlib.util.spec_from_file_location("build_reference_data", script)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(sys_path)
    assert module.json_text(module.build_country_names()) == data_path(COUNTRY_NAMES).read_text(
        encoding="utf-8"
    )
