"""Question answering over the extraction store."""
