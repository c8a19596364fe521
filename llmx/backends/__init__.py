"""Extraction backends behind one interface: ``get_backend(name, **options)``."""

from llmx.backends.base import ExtractionOutcome, Extractor, Rejection, Usage, get_backend

__all__ = ["Extractor", "ExtractionOutcome", "Rejection", "Usage", "get_backend"]
