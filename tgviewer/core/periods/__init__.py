"""Periods: quarters and spans, and the period engine that derives figures."""
