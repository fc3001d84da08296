"""Stage 3, reading a query: parse it into a tree, say how it was read, compile it for a searcher."""
