"""What the Details dock says about one country: its records and, in plain words, what is
wrong with them.

:func:`country_details` gathers plain data; :meth:`CountryDetails.to_html` renders it as
simple HTML for a ``QTextBrowser`` and :meth:`CountryDetails.to_text` as plain text (for
copying). Bundle files are untrusted, so every piece of text is escaped, URLs are shown as
text and never as links, and the HTML refers to no image, style sheet or other resource.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from tgviewer.core.bundle.cautions import (
    CAUTION_MARK,
    MORE_REQUESTS_THAN_USERS,
    caution_figures,
    has_caution,
)
from tgviewer.core.bundle.model import RECORDS_FILE, Bundle, Measure, Record
from tgviewer.core.bundle.problems import Problem, Severity
from tgviewer.core.periods.engine import Contradiction, engine_for
from tgviewer.core.plurals import plural, quantity
from tgviewer.core.reference.countries import country_name

#: Said after every contradiction: what tgviewer does about it.
CONTRADICTION_POLICY = (
    "tgviewer shows each reported figure as it is and marks figures that depend on these "
    "records{lines} as inconsistent."
)

#: Marks records involved in a warning, in the HTML and the text.
INCONSISTENT_MARK = "⚠"


@dataclass(frozen=True)
class RecordLine:
    """One record as the Details dock lists it.

    Attributes
    ----------
    period
        The record's period (``Jan–Sep 2024``).
    figures
        Its figures with the manifest's labels (``3 fulfilled requests, 7 users affected``);
        a missing figure reads ``users affected unknown``.
    source
        The source's title, or ``no source given``.
    source_url
        The source's URL (to show as text, never as a link), or empty.
    reference
        Where the record is (``records.csv line 70``).
    note
        The record's note, or empty.
    record
        The record itself.
    inconsistent
        Whether the record is involved in a contradiction listed in the warnings.
    caution
        Whether the record has a caution (more requests than users), said in ``cautions``.
    """

    period: str
    figures: str
    source: str
    source_url: str
    reference: str
    note: str
    record: Record
    inconsistent: bool = False
    caution: bool = False

    @property
    def marks(self) -> str:
        """`` ⚠``, `` †``, `` ⚠ †`` or nothing: what follows the period."""
        return "".join(
            f" {mark}"
            for mark, shown in (
                (INCONSISTENT_MARK, self.inconsistent),
                (CAUTION_MARK, self.caution),
            )
            if shown
        )


@dataclass(frozen=True)
class CountryDetails:
    """Everything the Details dock shows for one country and service.

    Attributes
    ----------
    code, name
        The country's ISO code and display name.
    service
        The service whose records are listed.
    records
        The records, by start date, longer spans first, then by line.
    warnings
        Sentences in plain words: contradictions between the records first (by measure, in
        the manifest's order), then other warnings the bundle carries about the country.
    cautions
        A sentence for each record with more requests than users, in the records' order.
    """

    code: str
    name: str
    service: str
    records: tuple[RecordLine, ...]
    warnings: tuple[str, ...]
    cautions: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """``United Kingdom (GBR)``; just the code when tgviewer has no name for it."""
        return self.code if self.name == self.code else f"{self.name} ({self.code})"

    @property
    def empty_message(self) -> str:
        """What is said when the country has no records."""
        return f"No records for {self.title} in this bundle."

    def to_html(self) -> str:
        """Simple, self-contained HTML; all text from the bundle is escaped."""
        e = html.escape
        parts = [f"<h3>{e(self.title)}</h3>", f"<p>Service: {e(self.service)}</p>"]
        if not self.records:
            parts.append(f"<p>{e(self.empty_message)}</p>")
            return "\n".join(parts)
        if self.warnings:
            parts.append("<h4>Warnings</h4>")
            parts.append("<ul>" + "".join(f"<li>{e(w)}</li>" for w in self.warnings) + "</ul>")
        if self.cautions:
            parts.append("<h4>Cautions</h4>")
            parts.append("<ul>" + "".join(f"<li>{e(c)}</li>" for c in self.cautions) + "</ul>")
        count = len(self.records)
        parts.append(f"<h4>Records ({count})</h4>")
        if any(line.inconsistent for line in self.records):
            parts.append(f"<p>{INCONSISTENT_MARK} marks records involved in a warning.</p>")
        if any(line.caution for line in self.records):
            parts.append(f"<p>{CAUTION_MARK} marks records with a caution.</p>")
        # One block per record rather than a table: the dock is narrow.
        for line in self.records:
            period = e(line.period + line.marks)
            where = " · ".join(e(part) for part in (line.source, line.reference, line.note) if part)
            parts.append(f"<p><b>{period}</b><br>{e(line.figures)}<br><small>{where}</small></p>")
        sources = self.sources
        if sources:
            # URLs as text, never as links: the bundle is untrusted and the app is offline.
            parts.append("<h4>Sources</h4>")
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{e(title)}<br><small>{e(url)}</small></li>" for title, url in sources
                )
                + "</ul>"
            )
        return "\n".join(parts)

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        """Distinct ``(title, url)`` of the records' sources that have a URL, in order."""
        return tuple(
            dict.fromkeys(
                (line.source, line.source_url) for line in self.records if line.source_url
            )
        )

    def to_text(self) -> str:
        """The same content as plain text, one record per line."""
        lines = [f"{self.title} · {self.service}"]
        if not self.records:
            lines.append(self.empty_message)
            return "\n".join(lines)
        if self.warnings:
            lines.append("")
            lines.append("Warnings:")
            lines += [f"- {warning}" for warning in self.warnings]
        if self.cautions:
            lines.append("")
            lines.append("Cautions:")
            lines += [f"- {caution}" for caution in self.cautions]
        lines.append("")
        lines.append(f"Records ({len(self.records)}):")
        for line in self.records:
            text = f"- {line.period}{line.marks}: {line.figures}; {line.source}; {line.reference}"
            lines.append(text + (f"; note: {line.note}" if line.note else ""))
        if self.sources:
            lines.append("")
            lines.append("Sources:")
            lines += [f"- {title}: {url}" for title, url in self.sources]
        return "\n".join(lines)


def _number(value: int) -> str:
    return f"{value:,}".replace("-", "−")


def _in_sentence(label: str) -> str:
    """``Users affected`` -> ``users affected``; ``IP addresses`` stays as it is."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _figures(record: Record, measures: Iterable[Measure]) -> str:
    parts = []
    for measure in measures:
        value = record.value(measure.key)
        words = _in_sentence(measure.label)
        parts.append(
            f"{words} unknown" if value is None else quantity(value, words, _number(value))
        )
    return ", ".join(parts)


def describe_caution(record: Record) -> str:
    """``† Q4 2025: more requests than users: several requests may concern the same users
    (12,146 requests, 8,855 users; records.csv line 146).``"""
    return (
        f"{CAUTION_MARK} {record.period_label}: {MORE_REQUESTS_THAN_USERS} "
        f"({caution_figures(record)}; {record.reference()})."
    )


def _record_line(bundle: Bundle, record: Record, inconsistent: bool) -> RecordLine:
    source = bundle.manifest.source(record.source) if record.source else None
    if source is not None:
        title, url = source.title, source.url
    elif record.source:
        title, url = f"source “{record.source}”, not described in the bundle", ""
    else:
        title, url = "no source given", ""
    return RecordLine(
        period=record.period_label,
        figures=_figures(record, bundle.manifest.measures),
        source=title,
        source_url=url,
        reference=record.reference(),
        note=record.note,
        record=record,
        inconsistent=inconsistent,
        caution=has_caution(record),
    )


def _line_list(records: Iterable[Record]) -> str:
    numbers = sorted({r.line for r in records if r.line})
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f" ({RECORDS_FILE} line {numbers[0]})"
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    return f" ({RECORDS_FILE} lines {listed})"


def describe_contradiction(contradiction: Contradiction, label: str) -> str:
    """A sentence a non-expert understands, led by the measure's ``label``.

    ``Users affected do not add up: the 2024 total is reported as 293, but Jan–Sep 2024 (7)
    plus Q4 2024 (292) make 299, a difference of 6. tgviewer shows each reported figure...``
    """
    first, second = contradiction.first, contradiction.second
    span = contradiction.span
    policy = CONTRADICTION_POLICY.format(lines=_line_list(contradiction.records))
    if second is None:
        return (
            f"{label} do not add up: {first.spelled(in_words=True)} leaves "
            f"{_number(first.value)} for "
            f"{span.label}, but a count cannot be negative: a total is smaller than a part "
            f"it contains. {policy}"
        )
    what = "figure" if span.length == 1 else "total"
    if len(first.terms) == 1 and first.terms[0].sign > 0:
        stated = f"the {span.label} {what} is reported as {_number(first.value)}"
    else:
        stated = (
            f"the {span.label} {what} works out as {first.spelled(in_words=True)} = {first.value}"
        )
    if len(second.terms) == 1 and second.terms[0].sign > 0:
        other = f"another record gives {_number(second.value)}"
    else:
        other = f"{second.spelled(in_words=True)} make {_number(second.value)}"
    difference = _number(abs(contradiction.difference))
    return f"{label} do not add up: {stated}, but {other}, a difference of {difference}. {policy}"


def _is_consistency_warning(problem: Problem, code: str, measures: Iterable[str]) -> bool:
    # validation.check_consistency words these "GBR users: ..." with the measure as field;
    # they are described from the engine instead, in plainer words.
    return problem.field in set(measures) and problem.message.startswith(
        f"{code} {problem.field}: "
    )


def _other_warning(problem: Problem) -> str:
    text = problem.message.rstrip()
    if problem.file and problem.line is not None:
        text += f" ({problem.file} line {problem.line})"
    return text if text.endswith(".") else text + "."


#: How many contradictions per measure the Details dock spells out (the rest are counted).
LISTED = 20


def country_details(bundle: Bundle, code: str, service: str) -> CountryDetails:
    """What the Details dock shows for ``code``'s records of ``service``.

    Warnings are the contradictions the period engine finds among these records, for each
    measure of the manifest (the first :data:`LISTED`, then how many more), then the
    bundle's other warnings whose message starts with the code (unaligned dates, repeated
    records, an unknown code). Those other warnings do not say which service they concern,
    so they are shown for every service. Cautions are said from the service's records.
    """
    engine = engine_for(bundle)
    records = bundle.records_for(code, service)
    warnings: list[str] = []
    involved: set[Record] = set()
    if records:
        for measure in bundle.manifest.measures:
            listed = engine.contradictions(code, measure.key, service, limit=LISTED)
            for contradiction in listed:
                warnings.append(describe_contradiction(contradiction, measure.label))
                involved.update(contradiction.records)
            more = engine.contradiction_count(code, measure.key, service) - len(listed)
            if more > 0:  # each one spells a derivation: thousands would take minutes
                warnings.append(
                    f"⚠ {measure.label}: {plural(more, 'more contradiction')} among these records "
                    f"(the first {LISTED} are listed)."
                )
        measures = bundle.manifest.measure_keys
        warnings += [
            _other_warning(problem)
            for problem in bundle.warnings
            if problem.severity is Severity.WARNING
            and problem.message.startswith(f"{code} ")
            and not _is_consistency_warning(problem, code, measures)
        ]
    ordered = sorted(records, key=lambda r: (r.start, -(r.end - r.start).days, r.line))
    return CountryDetails(
        code=code,
        name=country_name(code),
        service=service,
        records=tuple(_record_line(bundle, r, r in involved) for r in ordered),
        warnings=tuple(dict.fromkeys(warnings)),
        cautions=tuple(describe_caution(r) for r in ordered if has_caution(r)),
    )
