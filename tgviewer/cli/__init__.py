"""tgviewer's command line: the same core the window uses, for scripts and terminals."""
