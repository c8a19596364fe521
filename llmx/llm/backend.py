"""OpenAIExtractor: any OpenAI-compatible chat model as a source of grounded records.

Per document: split into chunks that fit the prompt budget; per chunk, one instructor call
whose response model runs the grounding guard (invalid records are sent back to the model,
``max_retries`` times); after the last re-ask, the final answer is validated record by record
so the grounded records are kept and the others listed as rejections; a truncated answer
keeps its complete grounded records and, if it was doing real work, is asked again with a
larger completion budget or as two halves. Records found in several (overlapping) chunks
are merged.

Under instructor sits one completion function from the provider layer
(``llmx.llm.provider.Completions``): cache -> concurrency slot -> rate limit -> retries ->
AsyncOpenAI (its own retries off). Tokens are counted per document through instructor's
``completion:response`` hook (``llmx.llm.usage``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from typing import Any

from llmx.backends.base import Backend
from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome, Rejection, Usage
from llmx.core.records import DocumentExtraction
from llmx.errors import BackendError, ConfigError, EndpointUnreachable, LlmxError
from llmx.llm import usage as usage_mod
from llmx.llm.chunking import (
    Chunk,
    chars_for,
    estimate_tokens,
    split_in_two,
    split_text,
    tokens_for,
)
from llmx.llm.config import LLMConfig, from_options
from llmx.llm.grounding_guard import GuardContext, guarding
from llmx.llm.prompts import load_prompts
from llmx.llm.provider import Completions
from llmx.llm.response_models import ITEM_MODELS, DocumentRecords, salvage
from llmx.llm.runner import LoopThread
from llmx.llm.schema_text import prompt_schema_chars
from llmx.llm.structured import Structured, earlier_attempts

_MAX_SPLIT_DEPTH = 2
_TITLE_ALLOWANCE = 300  # characters reserved in the prompt budget for the title line
_MIN_CHUNK_TOKENS = 200

Records = dict[str, list[Any]]

# instructor logs every failed attempt at ERROR; llmx reports them as rejections instead.
# A NullHandler keeps Python's last-resort handler from printing them to stderr.
logging.getLogger("instructor").addHandler(logging.NullHandler())


def build_openai_backend(**options: Any) -> OpenAIExtractor:
    """``get_backend("openai", model=..., base_url=...)``: everything else from the
    environment (OPENAI_API_KEY, OPENAI_BASE_URL, LLMX_MODEL, LLMX_CACHE) or defaults."""
    return OpenAIExtractor(from_options(**options))


class OpenAIExtractor(Backend):
    """The ``openai`` backend. Thread-safe to call; one private event loop does the I/O."""

    description = "Any OpenAI-compatible endpoint (--base-url, --model, OPENAI_API_KEY)"
    concurrent = True
    option_names = frozenset(LLMConfig.model_fields)

    @classmethod
    def from_options(cls, **options: Any) -> OpenAIExtractor:
        return build_openai_backend(**options)

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self.name = f"openai:{config.model}"
        self.mode = config.resolved_mode
        self.workers = config.workers
        self.prompts = load_prompts()
        self.prompt_version = self.prompts.version
        self._system = self.prompts.system()
        self._max_chars = self._chunk_budget()
        self._completions = Completions(config)  # opens the cache: a bad path fails here
        self._runner = LoopThread()
        self._create: Structured | None = None  # instructor over the completions, on the loop
        self._fast_path = True  # see structured.py; tests and the benchmark compare both paths
        self._closed = False

    # -- public, synchronous -----------------------------------------------------------

    @property
    def cache_file(self) -> str | None:
        cache = self._completions.cache
        return str(cache.path) if cache else None

    @property
    def http_requests(self) -> int:
        """Requests actually sent, for summaries and tests."""
        return self._completions.http_requests

    def run_params(self) -> dict[str, Any]:
        """What to store with a run (no key)."""
        return self.config.public_params() | {"mode": self.mode}

    def extract(self, doc: Document) -> ExtractionOutcome:
        return self.submit(doc).result()

    def submit(self, doc: Document) -> Future[ExtractionOutcome]:
        """Start extracting ``doc`` now; the pipeline uses this for ``--workers N``."""
        if self._closed:
            raise RuntimeError("this backend is closed")
        return self._runner.submit(self.aextract(doc))

    def extract_many(self, docs: Iterable[Document]) -> Iterator[ExtractionOutcome]:
        """Outcomes in input order, with up to 2 x workers documents in flight. A document
        that fails raises its BackendError when its turn comes."""
        window: deque[Future[ExtractionOutcome]] = deque()
        for doc in docs:
            window.append(self.submit(doc))
            if len(window) >= 2 * self.workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._runner.close(self._completions.aclose())
        self._completions.close_cache()

    def __enter__(self) -> OpenAIExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- setup -------------------------------------------------------------------------

    def _chunk_budget(self) -> int:
        """Characters of document per request: the prompt budget minus the system prompt,
        the schema and the user template around the document."""
        # JSON modes put the schema into the system prompt, tool modes into the request, both
        # compact (servers count both against the context).
        schema = prompt_schema_chars(DocumentRecords, self.mode)
        frame = self.prompts.user("", title="x" * _TITLE_ALLOWANCE, part=2, parts=2)
        overhead = estimate_tokens(self._system) + estimate_tokens(frame) + tokens_for(schema)
        left = self.config.max_input_tokens - overhead
        if left < _MIN_CHUNK_TOKENS:
            raise ConfigError(
                f"--max-input-tokens {self.config.max_input_tokens} leaves no room for the "
                f"document: the prompt and schema alone take about {overhead} tokens"
            )
        return chars_for(left)

    def _ensure_client(self) -> None:
        if self._create is None:
            self._create = self._completions.structured(
                DocumentRecords, self._system, fast=self._fast_path
            )

    # -- extraction --------------------------------------------------------------------

    async def aextract(self, doc: Document) -> ExtractionOutcome:
        from instructor.core.exceptions import InstructorError

        self._ensure_client()
        usage = Usage()
        with usage_mod.tracking(usage):
            chunks = split_text(doc.text, self._max_chars)
            jobs = [
                self._chunk(doc, c, part=i + 1, parts=len(chunks)) for i, c in enumerate(chunks)
            ]
            results = await asyncio.gather(*jobs, return_exceptions=True)
        for r in results:
            if isinstance(r, LlmxError):
                raise r
            if isinstance(r, InstructorError):
                raise BackendError(f"{self.config.endpoint}: {type(r).__name__}: {r}") from r
            if isinstance(r, BaseException):
                raise r
        records, rejected = _merge(results)  # type: ignore[arg-type]
        extraction = DocumentExtraction.of(doc, self.name, **records)
        return ExtractionOutcome(extraction=extraction, rejected=rejected, usage=usage)

    async def _chunk(
        self,
        doc: Document,
        chunk: Chunk,
        *,
        part: int,
        parts: int,
        max_tokens: int | None = None,
        depth: int = 0,
    ) -> tuple[Records, list[Rejection]]:
        """Ask about one chunk. An answer cut off at max_tokens is first mined for its
        complete, grounded records. If those look like real work (some kept, no more
        rejected than kept) the question is asked again with a larger budget, else (or when
        the server cannot take the larger budget) on the two halves of the chunk. A model
        that only rambles (nothing grounded) is not asked again: more room would only buy
        more rambling."""
        from instructor.core.exceptions import IncompleteOutputException

        budget = max_tokens or self.config.max_tokens
        try:
            return await self._ask(doc, chunk, part, parts, budget)
        except IncompleteOutputException as exc:
            cut_off = exc.last_completion
        ctx = GuardContext(doc.text, hint=chunk.start)
        kept, rejected = salvage(_payload(cut_off), ctx, truncated=True)
        n_kept = sum(len(v) for v in kept.values())
        n_bad = sum(r.record_type in ITEM_MODELS for r in rejected)
        note = Rejection(
            record_type="chunk",
            reason=f"the answer for characters {chunk.start}-{chunk.end} was cut off at "
            f"max_tokens={budget}; kept its {n_kept} complete grounded records",
            data={"start": chunk.start, "end": chunk.end, "max_tokens": budget},
        )
        if n_kept == 0 or n_bad > n_kept:
            return kept, [*rejected, note]
        if budget < self.config.max_tokens_cap:
            bigger = min(budget * 2, self.config.max_tokens_cap)
            try:
                return await self._chunk(
                    doc, chunk, part=part, parts=parts, max_tokens=bigger, depth=depth
                )
            except EndpointUnreachable:
                raise  # the run stops: no half of the chunk could be asked either
            except BackendError:
                pass  # e.g. the server's context window cannot hold the larger budget
        halves = split_in_two(doc.text, chunk) if depth < _MAX_SPLIT_DEPTH else None
        if halves is None:
            return kept, [*rejected, note]
        results = await asyncio.gather(
            *(self._chunk(doc, h, part=part, parts=parts, depth=depth + 1) for h in halves)
        )
        return _merge(list(results))

    async def _ask(
        self, doc: Document, chunk: Chunk, part: int, parts: int, max_tokens: int
    ) -> tuple[Records, list[Rejection]]:
        from instructor.core.exceptions import InstructorRetryException

        assert self._create is not None
        user = self.prompts.user(chunk.of(doc.text), title=doc.title, part=part, parts=parts)
        ctx = GuardContext(doc.text, hint=chunk.start)
        with guarding(ctx):
            try:
                answer = await self._create(
                    user,
                    max_retries=self.config.max_retries,
                    model=self.config.model,
                    temperature=self.config.temperature,
                    max_tokens=max_tokens,
                )
            except InstructorRetryException as exc:
                return self._after_last_retry(exc, ctx)
        earlier = [_salvaged(a.completion, ctx)[0] for a in earlier_attempts(answer)]
        return _with_earlier(answer.records(), earlier), []

    def _after_last_retry(
        self, exc: Any, ctx: GuardContext
    ) -> tuple[Records, list[Rejection]]:
        """Re-asks exhausted (or a request failed during one): keep what the last answer
        got right, record by record. An answer with nothing to keep because it is not JSON
        at all fails the document (BackendError): stored as an extraction with no records,
        it would count as current and never be asked again."""
        cause = exc.__cause__
        attempts = exc.failed_attempts or []
        completion = attempts[-1].completion if attempts else None
        stops_run = isinstance(cause, ConfigError | EndpointUnreachable)
        if isinstance(cause, LlmxError) and (completion is None or stops_run):
            raise cause
        payload = _payload(completion)
        # Grounded records of every attempt (a re-ask may drop what an earlier answer had
        # right); the rejections of the last one.
        records, rejected = _salvaged(completion, ctx)
        records = _with_earlier(records, [_salvaged(a.completion, ctx)[0] for a in attempts[:-1]])
        unreadable = rejected and all(r.record_type == "answer" for r in rejected)
        if unreadable and not any(records.values()):
            n = len(attempts) or 1
            raise BackendError(
                f"{self.config.endpoint}: {rejected[0].reason} "
                f"after {n} attempt{'s' * (n != 1)} (it began {payload[:60]!r})"
            )
        if isinstance(cause, LlmxError):
            rejected.append(
                Rejection(record_type="answer", reason=f"re-ask failed, kept the previous "
                          f"answer's grounded records: {cause}")  # fmt: skip
            )
        return records, rejected


def _with_earlier(latest: Records, earlier: list[Records]) -> Records:
    """``latest`` plus the grounded records of earlier attempts (oldest first) that no later
    answer restates: a later record of the same kind, quote span, entity and index (or
    metric name) is the corrected one and supersedes the earlier."""
    merged = latest
    for records in reversed(earlier):
        later = {_identity(kind, r) for kind, recs in merged.items() for r in recs}
        kept = {kind: [r for r in recs if _identity(kind, r) not in later]
                for kind, recs in records.items()}  # fmt: skip
        merged = _merge([(merged, []), (kept, [])])[0]
    return merged


def _identity(kind: str, rec: Any) -> tuple[Any, ...]:
    what = getattr(rec, "index", None) or getattr(rec, "name", None)
    return kind, rec.evidence.start, rec.evidence.end, getattr(rec, "entity", None), what


def _salvaged(completion: Any, ctx: GuardContext) -> tuple[Records, list[Rejection]]:
    """The grounded records of one answer, record by record (an answer cut off: its
    complete ones)."""
    choices = getattr(completion, "choices", None) or []
    truncated = bool(choices) and choices[0].finish_reason == "length"
    return salvage(_payload(completion), ctx, truncated=truncated)


def _payload(completion: Any) -> str:
    """The JSON text of a completion: tool-call arguments, legacy function call or content."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return ""
    if message.tool_calls:
        return message.tool_calls[0].function.arguments or ""
    function_call = getattr(message, "function_call", None)
    if function_call is not None and getattr(function_call, "arguments", None):
        return function_call.arguments
    return message.content or getattr(message, "refusal", None) or ""


def _merge(results: list[tuple[Records, list[Rejection]]]) -> tuple[Records, list[Rejection]]:
    """Union of chunk results in document order; a record found twice (overlap, or stated
    twice) is kept once, as the rules backend does."""
    merged: Records = {kind: [] for kind in ITEM_MODELS}
    rejected: list[Rejection] = []
    seen: set[str] = set()
    seen_rej: set[str] = set()
    for kind in ITEM_MODELS:
        found = [rec for records, _ in results for rec in records.get(kind, [])]
        for rec in sorted(found, key=lambda r: r.evidence.start):
            fields = rec.model_dump(mode="json", exclude={"evidence"})
            key = kind + json.dumps(fields, sort_keys=True)
            if key not in seen:
                seen.add(key)
                merged[kind].append(rec)
    for _, rejections in results:
        for rej in rejections:
            key = rej.model_dump_json()
            if key not in seen_rej:
                seen_rej.add(key)
                rejected.append(rej)
    return merged, rejected
