"""Which periods records could give a figure for, found without asking the period engine.

The period engine joins records at their edges: a figure for a span can be known (reported
or derived) only when the span starts where some record starts or ends, and ends where some
record ends or starts. Views that search many periods for the best one (the compare view's
like-for-like pairs, the scatter's period) test that first, so a bundle whose records span
centuries costs what its records cost, not what its calendar does.
"""

from __future__ import annotations

from tgviewer.core.bundle.model import Bundle
from tgviewer.core.periods.spans import QuarterSpan

#: The kinds of period offered (see :func:`~tgviewer.core.periods.spans.period_choices`):
#: (length in quarters, the quarters of the year it may start on).
KINDS = ((4, (0,)), (3, (0,)), (2, (0, 2)), (1, (0, 1, 2, 3)))


def record_boundaries(bundle: Bundle) -> frozenset[int]:
    """The quarter indices where a record of ``bundle`` starts, and those just after one
    ends (cached with the bundle)."""
    found = bundle.cache.get("record_boundaries")
    if not isinstance(found, frozenset):
        found = frozenset(q for span in bundle.spans for q in (span.first, span.last + 1))
        bundle.cache["record_boundaries"] = found
    return found


def may_be_known(bundle: Bundle, span: QuarterSpan) -> bool:
    """Whether some figure for ``span`` could be known: both its edges are record edges.
    ``False`` means no country's figure for it is known, whatever the measure."""
    edges = record_boundaries(bundle)
    return span.first in edges and span.last + 1 in edges


def knowable_choices(bundle: Bundle) -> list[QuarterSpan]:
    """The periods :func:`~tgviewer.core.periods.spans.period_choices` offers for the
    bundle's span that :func:`may_be_known`, in the same order (years, Jan–Sep, half-years,
    quarters, newest first within each kind), found from the record edges: a bundle whose
    records span centuries costs what its records cost, not what its calendar does."""
    whole = bundle.quarter_span
    if whole is None:
        return []
    edges = record_boundaries(bundle)
    found: list[QuarterSpan] = []
    for length, starts in KINDS:
        found += sorted(
            (
                QuarterSpan(q, q + length - 1)
                for q in edges
                if q % 4 in starts
                and q + length in edges
                and whole.first <= q
                and q + length - 1 <= whole.last
            ),
            key=lambda span: -span.first,
        )
    return found
