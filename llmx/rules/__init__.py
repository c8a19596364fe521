"""The offline, deterministic extractor for Vietnamese CCHC reporting (backend ``rules``)."""
