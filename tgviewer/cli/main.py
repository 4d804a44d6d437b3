r"""The ``tgviewer`` command: the window, or subcommands for scripts.

Errors people can cause (a bad bundle, a bad period, a file that cannot be written) are
all :class:`~tgviewer.core.errors.TgviewerError`\ s, reported once, here, by
:func:`tgviewer.cli.errors.report_error`: one message on stderr, exit code 1 for data or
files that cannot be read or written, 2 for a command line that cannot be read or asks for
what cannot be (an unknown period, country, measure, format or layout). No traceback ever
reaches the terminal; set ``TGVIEWER_DEBUG=1`` to see one for an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from tgviewer import __version__
from tgviewer.cli.errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, report_error
from tgviewer.core.errors import TgviewerError

#: First arguments that name a command; anything else opens the window.
COMMANDS = ("table", "compare", "bundle", "render", "-h", "--help", "--version")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand."""
    # Imported here: the window starts without paying for the commands' imports (pandas).
    from tgviewer.cli import bundles, compare, render, table

    parser = argparse.ArgumentParser(
        prog="tgviewer",
        description="Explore Telegram's disclosures to authorities (fulfilled requests for "
        "users' IP addresses and phone numbers, and users affected) offline.",
    )
    parser.add_argument("--version", action="version", version=f"tgviewer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    table.add_command(commands)
    compare.add_command(commands)
    bundles.add_commands(commands)
    render.add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Run as the program (``argv`` is ``None``), the window ends the process as soon as it has
    closed and saved its settings, without Python tearing down every Qt object one by one.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if not arguments or arguments[0] not in COMMANDS:
            from tgviewer.ui.app import run

            return run(arguments, exit_when_closed=argv is None)
        parser = build_parser()
        args = parser.parse_args(arguments)
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        code: int = args.run(args)
        return code
    except TgviewerError as exc:  # before OSError: MissingResourceError is one too
        return report_error(exc)
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, and keep Python from complaining
        # about the unflushed output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"tgviewer: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: never show a traceback
        if os.environ.get("TGVIEWER_DEBUG"):
            traceback.print_exc()
        print(
            f"tgviewer: internal error: {type(exc).__name__}: {exc}. This is a bug in "
            "tgviewer; set TGVIEWER_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
