"""Saved news pages (HTML): decode the bytes, prepare the tree, find the article and its metadata."""
