"""Stage 1, reading files: detect a file's kind, run its reader, attribute who said what.

`files.extract_file` is the entry point; `sources` walks the archive and decides each file's kind;
`html/`, `mail/` and `textdump/` read the three kinds; `speakers/` finds attributed speech."""
