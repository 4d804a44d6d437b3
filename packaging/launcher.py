"""Entry point of the frozen app (PyInstaller): the same ``main`` as the ``tgviewer`` command."""

import sys

from tgviewer.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
