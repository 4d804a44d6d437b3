"""Importing CSV and TSV tables through a column mapping: what is read, what is left out."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tgviewer.core.bundle.problems import BundleError
from tgviewer.core.importing import csv_table
from tgviewer.core.importing.csv_import import (
    ColumnMapping,
    MappingError,
    check_mapping,
    guess_mapping,
    mapping_gaps,
    read_count,
    read_country,
    read_period,
    read_table,
    table_records,
)
from tgviewer.core.periods.spans import PeriodError, QuarterSpan

D = dt.date
KEYS = ("requests", "users")
BY_PERIOD = ColumnMapping(
    "country", "auto", period="period", measures={"requests": "requests", "users": "users"}
)
BY_DATES = ColumnMapping(
    "country", "auto", start="from", end="to", measures={"requests": "requests", "users": "users"}
)


def figures(
    data: bytes | str, mapping: ColumnMapping = BY_PERIOD, name: str = "data.csv"
) -> list[tuple[str, D, D, int | None, int | None]]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    result = table_records(read_table(raw, name), mapping, KEYS, "mine")
    assert result.unread == ()
    return [
        (r.country, r.start, r.end, r.value("requests"), r.value("users")) for r in result.records
    ]


def unread(data: str, mapping: ColumnMapping = BY_PERIOD) -> list[str]:
    result = table_records(read_table(data.encode("utf-8"), "data.csv"), mapping, KEYS)
    return [u.describe() for u in result.unread]


def problems(data: bytes) -> list[str]:
    with pytest.raises(BundleError) as caught:
        read_table(data, "data.csv")
    return [str(p) for p in caught.value.problems]


# --------------------------------------------------------------------------- reading the file

EXPECTED = [
    ("FRA", D(2025, 1, 1), D(2025, 3, 31), 4, 17),
    ("DEU", D(2024, 1, 1), D(2024, 12, 31), 1234, None),
]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('country,period,requests,users\nFRA,2025Q1,4,17\nGermany,2024,"1,234",\n', ","),
        ("country\tperiod\trequests\tusers\nFRA\t2025Q1\t4\t17\nGermany\t2024\t1 234\t\n", "\t"),
        ("country;period;requests;users\r\nFRA;2025Q1;4;17\r\nGermany;2024;1234;\r\n", ";"),
        ("\ufeffcountry,period,requests,users\nFRA,2025Q1,4,17\n\n  \nGermany,2024,1234,\n", ","),
    ],
    ids=["comma", "tab", "semicolon-crlf", "bom-blank-lines"],
)
def test_comma_tab_and_semicolon_files_give_the_same_records(text: str, delimiter: str) -> None:
    table = read_table(text.encode("utf-8"), "data.csv")
    assert table.delimiter == delimiter
    assert table.headers == ("country", "period", "requests", "users")
    assert figures(text) == EXPECTED


def test_rows_keep_their_file_lines_across_blank_lines_and_quoted_line_breaks() -> None:
    text = 'country,period,requests,users,note\n\nFRA,2025Q1,4,17,"two\nlines"\nDEU,2024,1,2,x\n'
    table = read_table(text.encode(), "data.csv")
    assert [(row.line, row.text) for row in table.rows] == [
        (3, 'FRA,2025Q1,4,17,"two\nlines"'),
        (5, "DEU,2024,1,2,x"),
    ]
    result = table_records(table, BY_PERIOD, KEYS, "mine")
    assert [r.note for r in result.records] == ["data.csv line 3", "data.csv line 5"]
    assert {r.source for r in result.records} == {"mine"}


def test_the_delimiter_is_the_one_the_header_holds_most_outside_quotes() -> None:
    assert csv_table.sniff_delimiter('"a;b;c",d,e\n') == ","
    assert csv_table.sniff_delimiter("a;b;c,d\n") == ";"
    assert csv_table.sniff_delimiter("a\tb;c\n") == "\t"
    assert csv_table.sniff_delimiter("just one\n") == ","


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "data.csv, line 1: the file is empty; expected a header line naming the columns"),
        (b"\xef\xbb\xbf\n  \n", "data.csv, line 1: the file is empty"),
        (
            b"country,period\nFRA,2025Q1\nDEU,caf\xe9\n",
            "data.csv, line 3: the file is not UTF-8 text (byte 33 cannot be read); "
            "save it as UTF-8",
        ),
        (b"just some text\nand more\n", "data.csv, line 1: the header line has a single column"),
        (
            b"country,users,period,users\n",
            "data.csv, line 1, field 'users': column 'users' appears twice (columns 2 and 4)",
        ),
        (b'country,period\nFRA,"2025Q1\nDEU,2024\n', "data.csv, line 3: malformed CSV"),
        (b'country,period\nFRA,"2025"Q1\n', "data.csv, line 2: malformed CSV"),
    ],
)
def test_files_that_cannot_be_tables_are_refused_with_their_line(data: bytes, message: str) -> None:
    assert problems(data)[0].startswith(message)


def test_a_file_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_table, "MAX_SIZE", 1 << 20)
    assert problems(b"a,b\n" + b"1,2\n" * (1 << 18)) == ["data.csv: the file is larger than 1 MiB"]


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("text", "form", "code"),
    [
        ("FRA", "code", "FRA"),
        ("fra", "code", "FRA"),
        (" FR ", "code", "FRA"),
        ("XKX", "code", "XKX"),
        ("GB", "auto", "GBR"),
        ("United Kingdom", "name", "GBR"),
        ("Côte d'Ivoire", "auto", "CIV"),
        ("Russia", "auto", "RUS"),
        ("usa", "name", "USA"),
    ],
)
def test_countries_are_read_as_codes_or_names(text: str, form: str, code: str) -> None:
    assert read_country(text, form) == code


@pytest.mark.parametrize(
    ("text", "form", "message"),
    [
        ("France", "code", "'France' is not an ISO 3166-1 country code tgviewer knows"),
        ("XYZ", "code", "'XYZ' is not an ISO 3166-1 country code"),
        ("Atlantis", "auto", "'Atlantis' is not a country name or code tgviewer knows"),
        ("  ", "name", "the country is empty"),
    ],
)
def test_countries_not_known_are_refused(text: str, form: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_country(text, form)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2025Q1", QuarterSpan.quarter(2025, 1)),
        ("2025-Q3", QuarterSpan.quarter(2025, 3)),
        ("2025 q3", QuarterSpan.quarter(2025, 3)),
        ("Q4 2024", QuarterSpan.quarter(2024, 4)),
        ("q2-2026", QuarterSpan.quarter(2026, 2)),
        ("2025H1", QuarterSpan.half(2025, 1)),
        ("H2 2024", QuarterSpan.half(2024, 2)),
        ("2024", QuarterSpan.year(2024)),
        ("2024Q1-2024Q3", QuarterSpan.from_dates(D(2024, 1, 1), D(2024, 9, 30))),
    ],
)
def test_period_labels_give_exactly_their_quarters(text: str, span: QuarterSpan) -> None:
    assert read_period(text) == span


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Q5 2025", "quarters run from Q1 to Q4"),
        ("2025-H3", "half-years are H1 and H2"),
        ("Q1", "must name a year"),
        ("2025-13", "cannot read the period '2025-13'"),
        ("", "the period is empty"),
        ("March 2025", "cannot read the period"),
    ],
)
def test_period_labels_that_name_no_quarters_are_refused(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        read_period(text)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "value"),
    [
        ("42", False, 42),
        (" 007 ", False, 7),
        ("", False, None),
        ("  ", True, None),
        ("1 234", True, 1234),
        ("1\u202f234\u202f567", False, 1234567),
        ("1,234", False, 1234),
        ("12'345", True, 12345),
        ("1,234,567", False, 1234567),
    ],
)
def test_counts_are_whole_numbers_maybe_grouped_in_threes(
    text: str, decimal_comma: bool, value: int | None
) -> None:
    assert read_count(text, decimal_comma) == value


@pytest.mark.parametrize(
    ("text", "decimal_comma", "message"),
    [
        ("-3", False, "'-3' is a negative count"),
        ("12.5", False, "'12.5' is not a whole number"),
        ("1,23", False, "'1,23' is not a whole number"),
        (
            "1,234",
            True,
            "'1,234' is ambiguous: in a semicolon-separated file the comma may be a decimal mark",
        ),
        ("1.234", False, "'1.234' is ambiguous: a dot may be a decimal mark or group thousands"),
        ("1 234,567", False, "not a whole number"),
        ("abc", False, "'abc' is not a whole number"),
        ("\u0661\u0662", False, "not a whole number"),
        ("+5", False, "not a whole number"),
        ("1" * 16, False, "a number 16 digits long, more than the 15 digits tgviewer reads"),
        ("9" * 5000, False, "a number 5,000 digits long, more than the 15 digits"),
    ],
)
def test_counts_that_are_not_plain_whole_numbers_are_refused(
    text: str, decimal_comma: bool, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        read_count(text, decimal_comma)


# --------------------------------------------------------------------------- records


def test_start_and_end_columns_give_the_dates_as_written() -> None:
    text = (
        "from,to,country,requests,users\n2024-01-15,2024-02-20,FR,3,\n"
        "20250101,20250331,Germany,1,2\n"
    )
    assert figures(text, BY_DATES) == [
        ("FRA", D(2024, 1, 15), D(2024, 2, 20), 3, None),
        ("DEU", D(2025, 1, 1), D(2025, 3, 31), 1, 2),
    ]


def test_a_measure_without_a_column_is_unknown_in_every_record() -> None:
    mapping = ColumnMapping("country", "code", period="period", measures={"users": "n"})
    assert figures("country,period,n\nFRA,2025Q1,17\n", mapping) == [
        ("FRA", D(2025, 1, 1), D(2025, 3, 31), None, 17)
    ]


def test_bad_rows_are_left_out_whole_with_line_field_and_reason() -> None:
    text = (
        "country,period,requests,users\n"
        "FRA,2025Q1,4,17\n"
        "Atlantis,2025Q1,1,1\n"
        "DEU,2025Q5,abc,-2\n"
        "ITA,2025Q1,1\n"
        "ESP,2025Q2,5,6\n"
    )
    result = table_records(read_table(text.encode(), "data.csv"), BY_PERIOD, KEYS)
    assert [r.country for r in result.records] == ["FRA", "ESP"]
    assert result.unread_lines == (3, 4, 5)
    assert [u.describe() for u in result.unread] == [
        "data.csv line 3, field 'country': 'Atlantis' is not a country name or code tgviewer knows",
        "data.csv line 4, field 'period': cannot read the period '2025Q5': quarters run from "
        "Q1 to Q4",
        "data.csv line 4, field 'requests': 'abc' is not a whole number; expected a whole "
        "number such as 1234, or nothing if unknown",
        "data.csv line 4, field 'users': '-2' is a negative count; expected a whole number "
        "such as 1234, or nothing if unknown",
        "data.csv line 5: 3 fields where the header has 4",
    ]
    assert result.unread[0].text == "Atlantis,2025Q1,1,1"


def test_dates_that_cannot_be_read_or_run_backwards_are_left_out() -> None:
    text = "country,from,to,requests,users\nFRA,2024-03-31,2024-01-01,1,1\nFRA,2024/01/01,x,1,1\n"
    assert unread(
        text, ColumnMapping("country", start="from", end="to", measures={"users": "users"})
    ) == [
        "data.csv line 2, field 'from': the period starts (2024-03-31) after it ends (2024-01-01)",
        "data.csv line 3, field 'from': '2024/01/01': not a date; expected an ISO 8601 date "
        "such as 2024-09-30",
        "data.csv line 3, field 'to': 'x': not a date; expected an ISO 8601 date such as "
        "2024-09-30",
    ]


def test_a_repeated_row_is_left_out_and_contradicting_rows_are_all_left_out() -> None:
    text = (
        "country,period,requests,users\nFRA,2025Q1,4,17\nFrance,2025-Q1,4,17\n"
        "DEU,2024,1,2\nGermany,2024,1,3\nITA,2024,,\n"
    )
    result = table_records(read_table(text.encode(), "data.csv"), BY_PERIOD, KEYS)
    assert [(r.country, r.note) for r in result.records] == [
        ("FRA", "data.csv line 2"),
        ("ITA", "data.csv line 6"),
    ]
    assert [u.describe() for u in result.unread] == [
        "data.csv line 3: FRA Q1 2025 repeats line 2; left out",
        "data.csv line 4: DEU 2024 is given with different figures on lines 4, 5; none of "
        "them is imported",
    ]
    assert result.unread_lines == (3, 4, 5)


def test_thousands_of_identical_rows_are_read_once_and_said_in_one_message() -> None:
    # Found by fuzzing: 4,000 identical rows (60 KB) took 14-19 s, as each row was compared
    # with every other; the check is now one pass per country and period.
    text = "country,period,requests,users\n" + "FRA,2025Q1,4,17\n" * 4_000
    result = table_records(read_table(text.encode(), "data.csv"), BY_PERIOD, KEYS)
    assert [(r.country, r.note) for r in result.records] == [("FRA", "data.csv line 2")]
    assert [u.describe() for u in result.unread] == [
        "data.csv line 3: FRA Q1 2025: 3,999 rows repeat line 2 (lines 3–4001); all are left out"
    ]
    assert result.unread_lines == tuple(range(3, 4002))


def test_thousands_of_contradicting_rows_give_one_short_message() -> None:
    # Found by fuzzing: 4,000 rows giving one period different figures made 92 MB of
    # messages (each row listed every line); now one message names the lines in runs.
    rows = "".join(f"FRA,2025Q1,{n % 7},17\n" for n in range(4_000))
    text = "country,period,requests,users\n" + rows + "DEU,2025Q1,1,1\n" + "FRA,2025Q1,0,17\n"
    result = table_records(read_table(text.encode(), "data.csv"), BY_PERIOD, KEYS)
    assert [r.country for r in result.records] == ["DEU"]
    assert [u.describe() for u in result.unread] == [
        "data.csv line 2: FRA Q1 2025 is given with different figures on lines 2–4001, "
        "4003; none of them is imported"
    ]
    assert result.unread_lines == (*range(2, 4002), 4003)


def test_a_long_list_of_lines_is_cut_short() -> None:
    rows = "".join(f"FRA,2025Q1,4,17\nDEU,{2000 + n},1,1\n" for n in range(100))
    text = "country,period,requests,users\n" + rows
    result = table_records(read_table(text.encode(), "data.csv"), BY_PERIOD, KEYS)
    assert len(result.records) == 101
    assert [u.describe() for u in result.unread] == [
        "data.csv line 4: FRA Q1 2025: 99 rows repeat line 2 (lines 4, 6, 8, 10, 12 and 94 "
        "more); all are left out"
    ]


def test_a_mapping_that_does_not_fit_the_table_is_refused() -> None:
    table = read_table(b"land,period,users\nFRA,2025Q1,1\n", "data.csv")
    with pytest.raises(MappingError, match="column 'country' is not in the file"):
        table_records(table, BY_PERIOD, KEYS)


# --------------------------------------------------------------------------- the mapping


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Country", "Quarter", "Fulfilled requests", "Affected users"],
            ColumnMapping(
                "Country",
                period="Quarter",
                measures={"requests": "Fulfilled requests", "users": "Affected users"},
            ),
        ),
        (
            ["ISO3", "name", "Start date", "END_DATE", "requests", "users", "period"],
            ColumnMapping(
                "ISO3",
                start="Start date",
                end="END_DATE",
                measures={"requests": "requests", "users": "users"},
            ),
        ),
        (
            ["country_code", "from", "until", "Users"],
            ColumnMapping("country_code", start="from", end="until", measures={"users": "Users"}),
        ),
        (["Land", "Zeit", "n"], ColumnMapping()),
        (
            ["country", "start", "period", "requests"],
            ColumnMapping("country", period="period", measures={"requests": "requests"}),
        ),
    ],
)
def test_the_guess_reads_common_header_names(headers: list[str], expected: ColumnMapping) -> None:
    assert guess_mapping(headers, KEYS) == expected


def test_check_says_what_is_missing_or_wrong() -> None:
    headers = ("a", "b", "c")
    assert check_mapping(ColumnMapping(), headers, KEYS) == [
        "choose the column that holds the country",
        "choose the column that holds the period (such as 2025Q1), or the columns of its "
        "start and end dates",
        "choose the column of at least one measure (requests, users)",
    ]
    mapping = ColumnMapping("a", start="b", period="c", measures={"views": "c", "users": "x"})
    assert [(g.role, g.message) for g in mapping_gaps(mapping, headers, KEYS)] == [
        ("dates", "choose either a period column or start and end columns, not both"),
        ("views", "there is no measure 'views'; the measures are requests, users"),
        ("views", "column 'c' is chosen for both period and views"),
        ("users", "column 'x' is not in the file"),
    ]
    assert check_mapping(ColumnMapping("a", start="b", measures={"users": "c"}), headers, KEYS) == [
        "choose the column that holds the end date"
    ]
    assert (
        check_mapping(ColumnMapping("a", period="b", measures={"users": "c"}), headers, KEYS) == []
    )


def test_a_mapping_round_trips_through_its_dict_and_describes_itself() -> None:
    mapping = ColumnMapping("Land", "name", period="Zeit", measures={"users": "n"})
    assert ColumnMapping.from_dict(mapping.to_dict()) == mapping
    assert hash(ColumnMapping.from_dict(mapping.to_dict())) == hash(mapping)
    assert ColumnMapping.from_dict({}) == ColumnMapping()
    assert mapping.describe() == "country from 'Land' (name), period from 'Zeit', users from 'n'"
    assert BY_DATES.describe() == (
        "country from 'country' (code or name), start from 'from', "
        "end from 'to', requests from 'requests', users from "
        "'users'"
    )


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "expected an object"),
        ({"country": 3}, "field 'country': expected a column name"),
        ({"country_as": "flag"}, "field 'country_as': expected one of auto, code, name"),
        ({"measures": ["users"]}, "field 'measures'"),
        ({"measures": {"users": 1}}, "field 'measures'"),
    ],
)
def test_a_stored_mapping_that_cannot_be_read_says_why(document: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ColumnMapping.from_dict(document)


# --------------------------------------------------------------------------- any table

CODES = ("FRA", "DEU", "GBR", "USA", "BRA", "IND", "KOR", "XKX")
NAMES = {
    "FRA": "France",
    "DEU": "Germany",
    "GBR": "United Kingdom",
    "USA": "United States",
    "BRA": "Brazil",
    "IND": "India",
    "KOR": "South Korea",
    "XKX": "Kosovo",
}


@st.composite
def tables(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, D, D, int | None, int | None]]]:
    spans = st.builds(QuarterSpan.quarter, st.integers(2015, 2030), st.integers(1, 4))
    counts = st.none() | st.integers(0, 10**12)
    rows = draw(
        st.lists(
            st.tuples(st.sampled_from(CODES), spans, counts, counts),
            max_size=12,
            unique_by=lambda row: (row[0], row[1]),
        )
    )
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    )
    writer.writerow(["note", "country", "period", "requests", "users"])
    expected = []
    for code, span, requests, users in rows:
        country = draw(st.sampled_from([code, code.lower(), NAMES[code]]))
        label = draw(st.sampled_from([span.code, span.label, span.code.replace("Q", "-Q")]))
        # A lone \r is quoted by the writer only when it ends lines with \r\n.
        note = draw(
            st.text(
                st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\r"),
                max_size=8,
            )
        )
        writer.writerow(
            [note, country, label, *("" if v is None else str(v) for v in (requests, users))]
        )
        expected.append((code, span.start_date, span.end_date, requests, users))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + buffer.getvalue()).encode("utf-8"), expected


@settings(max_examples=150, deadline=None)
@given(tables())
def test_any_table_of_valid_rows_gives_exactly_its_records(
    case: tuple[bytes, list[tuple[str, D, D, int | None, int | None]]],
) -> None:
    data, expected = case
    mapping = guess_mapping(read_table(data).headers, KEYS)
    assert mapping == BY_PERIOD
    assert figures(data, mapping) == expected


JUNK = st.text(st.sampled_from(list(',;\t"\n\r aZ09-QH.\u00e9\x00')), max_size=80)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        JUNK.map(str.encode),
        st.binary(max_size=60),
        JUNK.map(lambda t: b"country,period,requests,users\n" + t.encode()),
    )
)
def test_junk_is_refused_with_a_bundle_error_or_every_row_is_accounted_for(data: bytes) -> None:
    try:
        table = read_table(data, "junk.csv")
    except BundleError as exc:
        assert exc.problems and all(p.file == "junk.csv" for p in exc.problems)
        return
    mapping = guess_mapping(table.headers, KEYS)
    if check_mapping(mapping, table.headers, KEYS):
        return
    result = table_records(table, mapping, KEYS)
    read = [int(r.note.rsplit(" ", 1)[1]) for r in result.records]
    assert sorted(read + list(result.unread_lines)) == [row.line for row in table.rows]
