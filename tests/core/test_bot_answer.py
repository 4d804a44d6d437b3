"""Reading the @transparency bot's answers: the real ones, and variants of every form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.helpers import shared_file
from tgviewer.core.importing.bot_answer import BotTextError, answer_records
from tgviewer.core.importing.bot_answer_patterns import DASHES
from tgviewer.core.importing.bot_answer_reader import parse_bot_text
from tgviewer.core.reference.country_names import code_for_name

D = dt.date


def figures_of(
    text: str, country: str | None = None
) -> list[tuple[str, D, D, int | None, int | None]]:
    records = answer_records(parse_bot_text(text), country)
    return [(r.country, r.start, r.end, r.value("requests"), r.value("users")) for r in records]


def real(name: str) -> str:
    """A real answer of the bot, from ../shared/data (the test is skipped without it)."""
    return shared_file("bot-answers", name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the real answers


def test_belgium_2024_gives_four_quarters_and_checks_both_totals() -> None:
    text = real("02_BEL_2024-full.txt")
    result = parse_bot_text(text)
    assert figures_of(text) == [
        ("BEL", D(2024, 1, 1), D(2024, 3, 31), 1, 1),
        ("BEL", D(2024, 4, 1), D(2024, 6, 30), 4, 4),
        ("BEL", D(2024, 7, 1), D(2024, 9, 30), 53, 125),
        ("BEL", D(2024, 10, 1), D(2024, 12, 31), 165, 464),
    ]
    assert [(t.measure, t.stated, t.summed, t.agrees) for t in result.totals_checked] == [
        ("requests", 223, 223, True),
        ("users", 594, 594, True),
    ]
    assert result.unread == () and result.problems == ()


def test_russia_from_your_country_needs_the_country_named() -> None:
    text = real("06_RUS_2024-9m.txt")
    result = parse_bot_text(text)
    assert result.needs_country
    with pytest.raises(BotTextError, match="say which country"):
        answer_records(result)
    assert figures_of(text, "RUS") == [("RUS", D(2024, 1, 1), D(2024, 9, 30), 0, 0)]


def test_greece_q1_2025_reads_the_figures_under_the_headings() -> None:
    assert figures_of(real("07_GRC_2025-Q1.txt")) == [
        ("GRC", D(2025, 1, 1), D(2025, 3, 31), 69, 202)
    ]


def test_italy_h1_2025_gives_two_quarters_and_no_invented_total() -> None:
    text = real("09_ITA_2025-H1.txt")
    assert figures_of(text) == [
        ("ITA", D(2025, 1, 1), D(2025, 3, 31), 272, 1324),
        ("ITA", D(2025, 4, 1), D(2025, 6, 30), 156, 528),
    ]
    assert parse_bot_text(text).unread == ()


def test_the_real_answers_pasted_together_give_all_their_records() -> None:
    names = ["02_BEL_2024-full.txt", "07_GRC_2025-Q1.txt", "09_ITA_2025-H1.txt"]
    text = "\n\n".join(real(n) for n in names)
    assert [c for c, *_ in figures_of(text)] == ["BEL"] * 4 + ["GRC"] + ["ITA"] * 2


# --------------------------------------------------------------------------- what goes wrong


def test_a_total_that_disagrees_is_a_problem_with_its_line() -> None:
    text = (
        "Transparency report for the period 01.01.25–30.06.25\n\n"
        "Fulfilled requests from France for IP address and/or phone number:\n"
        "Q1 — 4\nQ2 — 5\nTotal: 10\n\nAffected users:\nQ1 — 7\nQ2 — 8\n"
    )
    result = parse_bot_text(text)
    assert [p.line for p in result.problems] == [6]
    assert "does not match the quarters' sum 9" in result.problems[0].reason
    assert figures_of(text)[0][3] == 4  # the quarters stand; no total record


def test_lines_that_cannot_be_read_are_listed_with_their_numbers() -> None:
    text = (
        "Here is what the bot said:\n"
        "Transparency report for the period 01.01.25–31.03.25\n"
        "Fulfilled requests from Spain for IP address and/or phone number:\n"
        "about 12\n"
        "Affected users:\n30\n"
    )
    result = parse_bot_text(text)
    assert [(u.line, u.text) for u in result.unread] == [
        (1, "Here is what the bot said:"),
        (4, "about 12"),
    ]
    assert result.problems[0].reason == "a heading with no figure under it"
    assert figures_of(text) == [("ESP", D(2025, 1, 1), D(2025, 3, 31), None, 30)]


def test_text_without_any_answer_is_refused_with_what_was_found() -> None:
    with pytest.raises(BotTextError, match="line 1: not part of a report"):
        parse_bot_text("Hello\nworld\n")
    with pytest.raises(BotTextError, match="no answer"):
        parse_bot_text("")


def test_a_quarter_outside_the_period_is_a_problem() -> None:
    text = (
        "Transparency report for the period 01.01.25–30.06.25\n"
        "Fulfilled requests from Italy for IP address and/or phone number:\n"
        "Q1 — 1\nQ3 — 2\nAffected users:\nQ1 — 3\n"
    )
    result = parse_bot_text(text)
    assert "Q3 2025 lies outside the report's period H1 2025" in result.problems[0].reason
    assert len(figures_of(text)) == 1


def test_an_unknown_country_is_a_problem_and_must_be_named() -> None:
    text = (
        "Transparency report for the period 01.01.25–31.03.25\n"
        "Fulfilled requests from Atlantis for IP address and/or phone number: 3\n"
        "Affected users: 4\n"
    )
    result = parse_bot_text(text)
    assert result.needs_country
    assert result.problems[0].reason == "a country name that is not known"
    assert figures_of(text, "FRA") == [("FRA", D(2025, 1, 1), D(2025, 3, 31), 3, 4)]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("United States of America", "USA"),
        ("United States", "USA"),
        ("United Kingdom", "GBR"),
        ("the United Kingdom", "GBR"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("South Korea", "KOR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Czech Republic", "CZE"),
        ("Côte d'Ivoire", "CIV"),
        ("Iran", "IRN"),
        ("Viet Nam", "VNM"),
        ("Bolivia", "BOL"),
        ("Germany", "DEU"),
        ("DEU", "DEU"),
        ("Taiwan", "TWN"),
    ],
)
def test_country_names_in_long_and_short_form(name: str, code: str) -> None:
    assert code_for_name(name) == code


# --------------------------------------------------------------------------- variants


COUNTRIES = {
    "United States of America": "USA",
    "United Kingdom": "GBR",
    "Germany": "DEU",
    "Brazil": "BRA",
    "India": "IND",
    "South Korea": "KOR",
}
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FOOTERS = (
    "",
    "All requests are processed according to paragraph 8.3 of the Privacy Policy "
    "(https://telegram.org/privacy#8-3-law-enforcement-authorities).",
    "All requests are processed according to [section 8.3 of the Privacy Policy]"
    "(https://telegram.org/privacy#8-3-law-enforcement-authorities)\n\n"
    "The next transparency report will be published in April 2026. Telegram’s annual DSA "
    "report is [on this webpage](https://telegram.org/tos/eu-dsa).",
    "https://telegram.org/privacy",
)
#: (first quarter, last quarter) of a report; its year is drawn apart.
SPANS = ((1, 1), (1, 2), (1, 3), (1, 4), (2, 2), (3, 4), (4, 4))


def last_day(year: int, month: int) -> int:
    return ((D(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)).day


@st.composite
def answers(draw: st.DrawFn) -> tuple[str, list[tuple[str, D, D, int, int]]]:
    """The text of one answer in a random form, and the records it must give."""
    year = draw(st.integers(2024, 2026))
    first, last = draw(st.sampled_from(SPANS))
    start = D(year, 3 * first - 2, 1)
    end = D(year, 3 * last, last_day(year, 3 * last))
    dash = draw(st.sampled_from(DASHES))
    if draw(st.booleans()):
        digits = draw(st.sampled_from((2, 4)))
        fmt = "%d.%m.%y" if digits == 2 else "%d.%m.%Y"
        period = f"{start.strftime(fmt)}{dash}{end.strftime(fmt)}"
    else:
        period = (
            f"{'from ' if draw(st.booleans()) else ''}{start.day} "
            f"{MONTH_NAMES[start.month - 1]} {start.year} to {end.day} "
            f"{MONTH_NAMES[end.month - 1]} {end.year}"
        )
    header = f"Transparency report for the period {period}"
    # Wrapped anywhere after "Transparency report " (inside a date too), at most twice.
    cuts = sorted(draw(st.sets(st.integers(20, len(header) - 1), max_size=2)))
    pieces = [header[a:b] for a, b in zip([0, *cuts], [*cuts, len(header)], strict=True)]
    assume(all(piece.strip() for piece in pieces))  # a wrapped line is never blank
    name = draw(st.sampled_from(sorted(COUNTRIES)))
    quarters = list(range(first, last + 1))
    requests = draw(st.lists(st.integers(0, 99999), min_size=len(quarters), max_size=len(quarters)))
    users = draw(st.lists(st.integers(0, 99999), min_size=len(quarters), max_size=len(quarters)))
    by_quarter = len(quarters) > 1 or draw(st.booleans())
    lines = ["\n".join(pieces), ""]

    def section(heading: str, values: list[int]) -> None:
        if by_quarter:
            lines.append(heading)
            for n, value in zip(quarters, values, strict=True):
                gap_before = " " * draw(st.integers(0, 2))
                gap_after = " " * draw(st.integers(0, 2))
                trailing = " " if draw(st.booleans()) else ""
                lines.append(
                    f"Q{n}{gap_before}{draw(st.sampled_from(DASHES))}{gap_after}{value}{trailing}"
                )
            if draw(st.booleans()):
                lines.append(f"Total: {sum(values)}")
        elif draw(st.booleans()):
            lines.append(f"{heading} {values[0]}")
        else:
            lines.extend([heading, str(values[0])])
        lines.append("")

    section(f"Fulfilled requests from {name} for IP address and/or phone number:", requests)
    section("Affected users:", users)
    lines.append(draw(st.sampled_from(FOOTERS)))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = f"```\n{text}\n```"
    if by_quarter:
        expected = []
        for n, r, u in zip(quarters, requests, users, strict=True):
            q_start = D(year, 3 * n - 2, 1)
            expected.append((COUNTRIES[name], q_start, D(year, 3 * n, last_day(year, 3 * n)), r, u))
    else:
        expected = [(COUNTRIES[name], start, end, requests[0], users[0])]
    return text, expected


@settings(max_examples=300, deadline=None)
@given(answers())
def test_every_form_of_an_answer_gives_its_records(answer: tuple[str, list[object]]) -> None:
    text, expected = answer
    result = parse_bot_text(text)
    assert result.unread == () and result.problems == (), (result.unread, result.problems)
    assert figures_of(text) == expected
    assert all(t.agrees for t in result.totals_checked)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(answers(), min_size=2, max_size=3),
    st.sampled_from(("\n", "\n\n", "\n---\n", "\n\nAnd the next one:\n")),
)
def test_answers_pasted_together_give_each_ones_records(
    pasted: list[tuple[str, list[object]]], separator: str
) -> None:
    text = separator.join(t for t, _ in pasted)
    assert figures_of(text) == [e for _, expected in pasted for e in expected]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_or_refused_with_a_message(text: str) -> None:
    try:
        result = parse_bot_text(text)
    except BotTextError as exc:
        assert "no answer of the @transparency bot" in str(exc)
    else:
        assert result.answers


def test_a_year_outside_the_supported_ones_is_refused_with_its_line() -> None:
    text = (
        "Transparency report for the period 01.10.9999–31.12.9999\n\n"
        "Fulfilled requests from France for IP address and/or phone number:\nQ4 — 1\n\n"
        "Affected users:\nQ4 — 2\n"
    )
    with pytest.raises(BotTextError) as caught:
        parse_bot_text(text)
    assert "line 1: year 9999 is outside the years tgviewer supports, 1900–2999" in str(
        caught.value
    )
    last = text.replace("9999", "2999")  # the last supported quarter reads, no overflow
    [answer] = parse_bot_text(last).answers
    assert (answer.figures[0].start, answer.figures[0].end) == (
        dt.date(2999, 10, 1),
        dt.date(2999, 12, 31),
    )


def test_digits_other_than_0_to_9_are_not_read_as_figures() -> None:
    text = (
        "Transparency report for the period 01.01.25–31.03.25\n\n"
        "Fulfilled requests from France for IP address and/or phone number:\nQ1 — ٣\n"
    )
    reading = parse_bot_text(text)
    assert not any(figure.requests for answer in reading.answers for figure in answer.figures)


HEADER = (
    "Transparency report for the period 01.01.25–31.03.25\n"
    "Fulfilled requests from France for IP address and/or phone number:\n"
)


def test_a_line_of_64000_brackets_is_listed_as_unread_not_matched() -> None:
    # Found by fuzzing: the link pattern backtracked over such a line for 25-31 s.
    text = HEADER + "[" * 64_000 + "\nQ1 — 3\nAffected users: 4\n"
    result = parse_bot_text(text)
    assert [u.describe() for u in result.unread] == [
        "line 3: a line of 64,000 characters, longer than any line of an answer (at most "
        f"2,000); not read: {'[' * 60 + '…'!r}"
    ]
    assert figures_of(text) == [("FRA", D(2025, 1, 1), D(2025, 3, 31), 3, 4)]


@pytest.mark.parametrize(
    "line",
    [
        "[" * 1_999,
        "[](" * 666,
        ">" * 1_999,
        "Q1" + " " * 1_990 + "x",
        "Q1 —" + " 1" * 995 + "x",
        "Fulfilled requests from " + "a " * 985,
        "Affected users" + " " * 1_980 + "x",
        "Total" + " " * 1_990 + "x",
    ],
)
def test_lines_just_short_enough_to_be_read_are_read_in_linear_time(line: str) -> None:
    # Each of these made a pattern backtrack over the whole line at every position; they
    # are now matched possessively (a benchmark times them, see
    # benchmarks/pathological_inputs.py).
    text = HEADER + "Q1 — 3\nAffected users: 4\n" + line + "\n"
    result = parse_bot_text(text)
    assert [u.line for u in result.unread] == ([5] if line.strip(">") else [])
    assert figures_of(text) == [("FRA", D(2025, 1, 1), D(2025, 3, 31), 3, 4)]


def test_a_figure_of_thousands_of_digits_is_refused_with_its_line() -> None:
    # Found by fuzzing: int() of a 5,000-digit figure raised "Exceeds the limit".
    digits = "9" * 1_000
    text = HEADER + f"Q1 — {digits}\nAffected users: 1 000\nTotal: {'1' * 16}\n"
    result = parse_bot_text(text)
    assert [(p.line, p.reason) for p in result.problems] == [
        (3, "a figure of 1,000 digits; a count has at most 15"),
        (5, "a figure of 16 digits; a count has at most 15"),
        (2, "a heading with no figure under it"),
    ]
    assert figures_of(text) == [("FRA", D(2025, 1, 1), D(2025, 3, 31), None, 1000)]
    assert figures_of(HEADER + "Q1 — 999 999 999 999 999\n")[0][3] == 999_999_999_999_999


def test_a_figure_of_5000_digits_on_a_line_is_a_line_too_long() -> None:
    text = HEADER + "Q1 — " + "9" * 5_000 + "\nAffected users: 4\n"
    result = parse_bot_text(text)
    assert [u.line for u in result.unread] == [3]
    assert "a line of 5,005 characters" in result.unread[0].reason
