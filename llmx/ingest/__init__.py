"""Ingest: paths to Sources, Sources to cleaned Documents. Standard library only, but PDF
(pdfplumber) and DOCX (python-docx), optional extras imported when such a file is read."""

from llmx.ingest.loader import load_document, source_sha256
from llmx.ingest.sources import Source, expand_paths

__all__ = ["Source", "expand_paths", "load_document", "source_sha256"]
