"""Cautions: figures of one record that are possible but doubtful together.

Each fulfilled request concerns at least one user, so a record reporting more fulfilled
requests than users affected says that several requests concerned the same users. That
is possible, not a contradiction between records (those are warnings, marked ⚠), but a
reader should know it before comparing the figures. Such a record carries a caution,
marked :data:`CAUTION_MARK` and said in the words of :data:`MORE_REQUESTS_THAN_USERS`
everywhere: validation, the Details dock, tooltips, the table and the data export.
"""

from __future__ import annotations

from collections.abc import Iterable

from tgviewer.core.bundle.model import Record
from tgviewer.core.plurals import plural

#: Marks a figure or a record with a caution (``⚠`` marks records that disagree). A dagger,
#: which every font has (a circled ``i`` is missing from common ones, DejaVu Sans for one).
CAUTION_MARK = "†"
#: A caution's name, where there is room for no more (the table's legend).
CAUTION_NAME = "more requests than users"
#: What a caution says, in the same words wherever it is shown.
MORE_REQUESTS_THAN_USERS = f"{CAUTION_NAME}: several requests may concern the same users"
#: The measures compared: fulfilled requests and the users they concern.
REQUESTS, USERS = "requests", "users"


def has_caution(record: Record) -> bool:
    """Whether ``record`` reports more fulfilled requests than users affected."""
    requests, users = record.value(REQUESTS), record.value(USERS)
    return requests is not None and users is not None and requests > users


def any_caution(records: Iterable[Record]) -> bool:
    """Whether one of ``records`` has a caution (a figure derived from them then has one)."""
    return any(has_caution(record) for record in records)


def caution_figures(record: Record) -> str:
    """``12,146 requests, 8,855 users``: the figures the caution is about."""
    requests, users = record.value(REQUESTS), record.value(USERS)
    return f"{plural(requests or 0, 'request')}, {plural(users or 0, 'user')}"
