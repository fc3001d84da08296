"""Who said what: direct and reported speech in a body, attributed to named people."""
