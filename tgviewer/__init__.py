"""tgviewer: explore Telegram's disclosure figures offline."""

__version__ = "0.1.0"

APP_NAME = "tgviewer"
APP_ID = "org.tgviewer.TgViewer"
