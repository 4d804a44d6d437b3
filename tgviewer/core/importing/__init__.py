"""Importing figures: bot answers, the community JSON, CSV tables, the import plan and merging."""
