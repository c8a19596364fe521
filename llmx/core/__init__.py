"""Core records and text utilities. Imports nothing from the rest of llmx."""
