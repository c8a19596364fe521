"""Extraction backends behind one interface (``Backend``) and one registry
(``get_backend(name, **options)``, entry-point group ``llmx.backends``)."""

from llmx.backends.base import Backend
from llmx.backends.registry import backend_infos, backend_names, get_backend, get_backend_for

__all__ = ["Backend", "backend_infos", "backend_names", "get_backend", "get_backend_for"]
