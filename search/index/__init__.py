"""Stage 2, indexing: the schema, index builds and their pointer file, what changed, the writers."""
from search.index import oldpaths

# Indexes built before the stage packages name the old module paths of our pickled classes.
oldpaths.install()
