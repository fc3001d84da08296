"""The benchmark: archive, measurements and report (`python -m bench`, `make bench`)."""
