"""Stage 2, indexing: the schema, index builds and their pointer file, what changed, the writers."""
