"""tgviewer's modules compiled to ``.pyc`` before anything is timed, as an installed app has them.

pip compiles a package when it installs it, and the frozen app ships its bytecode; a checkout
run with ``PYTHONDONTWRITEBYTECODE=1`` (as this machine sets) compiles every module of
tgviewer from source at every start instead, some 60 ms that no user pays. ``compile_checkout``
writes the ``__pycache__`` folders in place (``compileall``; they are ignored by git), and
``bytecode_use`` checks, with ``python -v``, that a child process reads them: reading a
``.pyc`` works whatever ``PYTHONDONTWRITEBYTECODE`` says.
"""

from __future__ import annotations

import compileall
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

from common import BenchmarkError

#: ``python -v`` says where each module's code came from: ``'…/x.cpython-311.pyc'`` (quoted)
#: for bytecode, ``…/x.py`` for source compiled there and then.
CODE_FROM = re.compile(r"^# code object from '?(?P<path>[^']+?)'?$", re.MULTILINE)


def compile_checkout(package: Path) -> int:
    """Compile every module of ``package`` in place, quietly; the number of modules."""
    if not compileall.compile_dir(package, quiet=1):
        raise BenchmarkError(f"compileall could not compile {package}")
    return sum(1 for _ in package.rglob("*.py"))


def bytecode_use(command: list[str], package: Path, env: Mapping[str, str]) -> dict[str, int]:
    """Run ``command`` (a Python one, ``-v`` is put after the interpreter) once: how many of
    ``package``'s modules it read from ``.pyc`` and how many it compiled from source."""
    done = subprocess.run(
        [command[0], "-v", *command[1:]],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} -v exited {done.returncode}")
    return code_origins(done.stderr, package.resolve())


def code_origins(verbose: str, package: Path) -> dict[str, int]:
    """From the output of ``python -v``: how many modules under ``package`` came from a
    ``.pyc`` and how many were compiled from source."""
    root = str(package) + "/"
    paths = [m["path"] for m in CODE_FROM.finditer(verbose) if m["path"].startswith(root)]
    from_bytecode = sum(path.endswith(".pyc") for path in paths)
    return {"from_bytecode": from_bytecode, "from_source": len(paths) - from_bytecode}


def bytecode_note(compiled: int, use: Mapping[str, int] | None) -> str:
    """One line of the report saying what was compiled and what a start read."""
    text = f"tgviewer's {compiled} modules compiled to .pyc in place first (as an install does)"
    if use is None:
        return text
    return (
        f"{text}; a --smoke start read {use['from_bytecode']} of its modules from .pyc, "
        f"compiled {use['from_source']} from source"
    )
