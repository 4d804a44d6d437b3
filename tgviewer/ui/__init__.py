"""tgviewer's Qt layer: the window, its panels and views. It imports the core, never the reverse."""
