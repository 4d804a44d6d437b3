"""Dialogs: import, library, compare bundles, export, slides, about."""
