"""Allow ``python -m tgviewer``."""

import sys

from tgviewer.cli.main import main

sys.exit(main())
