"""tgviewer: explore Telegram's disclosure figures offline."""

import os

# numpy (through pyqtgraph and pandas) starts OpenBLAS with a spinning thread per core, about
# 100 ms of processor time at start-up on the other core, for arrays of a few hundred numbers
# that one thread handles at once. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"

APP_NAME = "tgviewer"
APP_ID = "org.tgviewer.TgViewer"
