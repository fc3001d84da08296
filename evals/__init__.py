"""Measuring extraction and search quality against the shared ground truth (`make eval`)."""
