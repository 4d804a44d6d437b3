"""The bundle library on disk, and differences between bundles."""
