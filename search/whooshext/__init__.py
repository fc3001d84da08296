"""The one door to Whoosh's private names: codec, segment writer, block scoring, BM25F lengths."""
