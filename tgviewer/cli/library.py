"""``tgviewer bundle library``: the bundles of the library, as File > Bundle Library lists them."""

from __future__ import annotations

import argparse

from tgviewer.core.library.bundle_library import Library
from tgviewer.core.plurals import plural


def add_library_command(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bundle library`` to the ``bundle`` command."""
    library = actions.add_parser(
        "library",
        help="list the bundles of your library (imports made in the window)",
        description="List the bundles the window's imports saved in your library, with their "
        "date, records, countries, size and path; any path can be given to the "
        "other commands (--bundle, --into, bundle diff).",
    )
    library.set_defaults(run=run_library)


def run_library(_args: argparse.Namespace) -> int:
    library = Library()
    entries = library.entries()
    print(f"library: {library.folder}")
    if not entries:
        print("no bundles yet: File > Import Figures… in the window adds one")
        return 0
    width = max(len(e.title) for e in entries)
    for entry in entries:
        if entry.bundle is None:
            print(f"{entry.title:<{width}}  cannot be read: {entry.problem}")
            continue
        as_of = entry.as_of.isoformat() if entry.as_of else ""
        print(
            f"{entry.title:<{width}}  {as_of}  "
            f"{plural(entry.record_count, 'record'):>13}  "
            f"{plural(entry.country_count, 'country'):>13}  "
            f"{plural(entry.size, 'byte'):>15}  {entry.path}"
        )
    return 0
