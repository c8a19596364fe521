"""The LLM backend: any OpenAI-compatible model as a source of grounded, schema-valid records.

Modules, one job each (none is imported by the CLI at start-up; openai and instructor load
only when the backend is built):

- ``config``: options, environment defaults and the endpoint's structured-output mode
- ``prompts``: Jinja2 templates from ``prompts/`` (or ``llmx/prompts`` in a wheel) + version
- ``response_models``: what the model fills in (the contract's fields, evidence = {quote})
- ``grounding_guard``: quote alignment and record building used by those models' validators
- ``chunking``: paragraph-boundary chunks that fit ``max_input_tokens``
- ``cache``: SQLite response cache keyed by endpoint, mode and the full request
- ``transport``: retries with backoff, Retry-After, deadline, rate limit; error messages
- ``usage``: per-document token accounting
- ``runner``: the background event loop that lets sync callers use the async client
- ``backend``: ``OpenAIExtractor`` and ``build_openai_backend``
"""
