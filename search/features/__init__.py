"""Features built on results: syndicated copies, who said what, related documents, timeline, feeds, exports."""
