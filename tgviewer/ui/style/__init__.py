"""Look: themes, palettes, chart style."""
