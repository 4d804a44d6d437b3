"""Figures from a bundle: series, comparisons, coverage, scatter and details.

Pure functions of (bundle, question), cached per bundle.
"""
