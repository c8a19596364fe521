"""The LLM layer: any OpenAI-compatible model, for extraction (``OpenAIExtractor``, records
with grounded evidence) and for the QA planner (``llmx.qa.llm_planner``, ``llmx ask --backend
openai``). Both run on the same provider layer: one config, one place that builds clients,
one mode map, one usage hook, one prompt loader.

Modules, one job each (none is imported by the CLI at start-up; openai and instructor load
only when a client is built):

- ``config``: ``LLMConfig`` (options, environment defaults), the dummy key, the
  structured-output mode (names, ``auto`` per endpoint, instructor's name for it)
- ``provider``: every OpenAI / instructor client (sync for the planner, async for
  extraction) and extraction's completion function (cache, slots, rate limit, retries)
- ``structured``: instructor for one response model, with the fast path pinned to the
  instructor versions it was verified with
- ``usage``: per-document token accounting, on instructor's ``completion:response`` hook
- ``prompts``: Jinja2 templates from ``prompts/`` (or ``llmx/prompts`` in a wheel), each set
  versioned by a hash of its files
- ``transport``: retries with backoff, Retry-After, deadline, rate limit; error messages
- ``cache``: SQLite response cache keyed by endpoint, mode and the full request
- ``response_models``: what the model fills in (the contract's fields, evidence = {quote})
- ``grounding_guard``: quote alignment and record building used by those models' validators
- ``chunking``: paragraph-boundary chunks that fit ``max_input_tokens``
- ``runner``: the background event loop that lets sync callers use the async client
- ``backend``: ``OpenAIExtractor`` and ``build_openai_backend``
"""
