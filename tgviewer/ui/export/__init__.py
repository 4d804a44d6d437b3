"""Charts that leave the app: painting a view to PNG, SVG or the clipboard."""
