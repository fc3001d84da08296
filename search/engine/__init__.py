"""Stage 4, answering: the shared searcher, its columns, matching, ranking, paging, highlighting."""
