"""The Details dock's content: records, sources and warnings in plain words, safe HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.bundle.reader import read_bundle
from tgviewer.core.figures.details import country_details

from .bundles import manifest, records_csv, write_folder

HOSTILE_NOTE = '<script>alert("x")</script><img src=x onerror=y>'
SIMPLE_TAGS = {"h3", "h4", "p", "ul", "li", "b", "br", "small"}


class Tags(HTMLParser):
    """The tag and attribute names of an HTML text."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)


def small(tmp_path: Path, *rows: str, **manifest_changes: object) -> Bundle:
    folder = write_folder(
        tmp_path / "b", records_csv(*rows), manifest_doc=manifest(**manifest_changes)
    )
    return read_bundle(folder)


def test_gbr_has_one_warning_in_plain_words(default_bundle: Bundle) -> None:
    details = country_details(default_bundle, "GBR", "Telegram")
    assert (details.code, details.name, details.service) == ("GBR", "United Kingdom", "Telegram")
    assert len(details.warnings) == 1
    warning = details.warnings[0]
    assert warning.startswith("Users affected do not add up: ")
    assert "the 2024 total is reported as 293" in warning
    assert "Jan–Sep 2024 (7) plus Q4 2024 (292) make 299" in warning
    assert "a difference of 6." in warning
    assert "records.csv lines 70, 71 and 72" in warning
    assert "GBR users" not in warning  # the validation's wording is not repeated


def test_gbr_records_with_their_source(default_bundle: Bundle) -> None:
    details = country_details(default_bundle, "GBR", "Telegram")
    source = default_bundle.manifest.sources[0]
    assert len(details.records) == len(default_bundle.records_for("GBR")) == 9
    assert {line.source for line in details.records} == {source.title}
    assert {line.source_url for line in details.records} == {source.url}
    # The three records that disagree, marked, in date order with the year before its parts.
    involved = [line for line in details.records if line.inconsistent]
    assert [(line.period, line.reference) for line in involved] == [
        ("2024", "records.csv line 72"),
        ("Jan–Sep 2024", "records.csv line 70"),
        ("Q4 2024", "records.csv line 71"),
    ]
    assert involved[1].figures == "3 fulfilled requests, 7 users affected"
    assert involved[1].note == "dataset.json GBR[0]"
    starts = [line.record.start for line in details.records]
    assert starts == sorted(starts)
    html = details.to_html()
    assert html.count(source.title) == len(details.records) + 1  # each row, and Sources
    assert "293" in html and "a difference of 6" in html
    text = details.to_text()
    assert text.splitlines()[0] == "United Kingdom (GBR) · Telegram"
    assert "Users affected do not add up" in text


def test_fra_has_no_warnings(default_bundle: Bundle) -> None:
    details = country_details(default_bundle, "FRA", "Telegram")
    assert details.warnings == ()
    assert details.records and not any(line.inconsistent for line in details.records)
    assert "Warnings" not in details.to_html()


def test_hostile_text_is_escaped_and_never_linked(tmp_path: Path) -> None:
    bundle = small(
        tmp_path,
        f'FRA,2024-10-01,2024-12-31,1,,Telegram,src,"{HOSTILE_NOTE.replace(chr(34), 2 * chr(34))}"',
        sources=[
            {
                "id": "src",
                "title": "<b>Bold</b> & co",
                "url": "javascript:alert(1)",
                "retrieved": "2026-05-30",
            }
        ],
    )
    details = country_details(bundle, "FRA", "Telegram")
    assert details.records[0].note == HOSTILE_NOTE
    assert details.records[0].figures == "1 request, users unknown"
    html = details.to_html()
    assert "<script" not in html and "<img" not in html and "<b>Bold" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html
    assert "javascript:alert(1)" in html  # shown as text...
    tags = Tags()
    tags.feed(html)
    assert tags.names <= SIMPLE_TAGS  # never a link, an image, a script or a style sheet
    assert tags.attributes <= {"align", "valign", "cellspacing", "cellpadding"}


def test_a_country_without_records(default_bundle: Bundle) -> None:
    details = country_details(default_bundle, "ATA", "Telegram")
    assert details.records == () and details.warnings == ()
    assert "No records for Antarctica (ATA) in this bundle." in details.to_html()
    assert country_details(default_bundle, "ZZZ", "Telegram").to_text().splitlines() == [
        "ZZZ · Telegram",
        "No records for ZZZ in this bundle.",
    ]


def test_other_warnings_about_the_country_are_included_once(tmp_path: Path) -> None:
    bundle = small(
        tmp_path,
        "FRA,2024-01-01,2024-09-30,3,7,Telegram,src,",
        "FRA,2024-10-01,2024-12-31,139,292,Telegram,src,",
        "FRA,2024-01-01,2024-12-31,142,293,Telegram,src,",
        "FRA,2025-01-01,2025-02-15,1,2,Telegram,src,",
        "DEU,2025-01-01,2025-02-15,1,2,Telegram,src,",
    )
    assert any(w.message.startswith("FRA users: ") for w in bundle.warnings)
    warnings = country_details(bundle, "FRA", "Telegram").warnings
    assert len(warnings) == 2
    assert warnings[0].startswith("Users do not add up: the 2024 total is reported as 293")
    assert warnings[1].startswith("FRA 2025-01-01 to 2025-02-15 does not run from")
    assert warnings[1].endswith("(records.csv line 5).")
    assert len(country_details(bundle, "DEU", "Telegram").warnings) == 1


def test_a_total_smaller_than_its_part(tmp_path: Path) -> None:
    bundle = small(
        tmp_path,
        "FRA,2024-01-01,2024-09-30,3,7,Telegram,src,",
        "FRA,2024-01-01,2024-12-31,3,5,Telegram,src,",
    )
    (warning,) = country_details(bundle, "FRA", "Telegram").warnings
    assert warning.startswith(
        "Users do not add up: 2024 (5) minus Jan–Sep 2024 (7) leaves −2 for Q4 2024, "
        "but a count cannot be negative"
    )
    assert "records.csv lines 2 and 3" in warning


def test_a_record_without_a_source(tmp_path: Path) -> None:
    bundle = small(tmp_path, "FRA,2024-10-01,2024-12-31,1,2,Telegram,,")
    (line,) = country_details(bundle, "FRA", "Telegram").records
    assert (line.source, line.source_url) == ("no source given", "")
    assert "Sources" not in country_details(bundle, "FRA", "Telegram").to_html()
