"""HybridExtractor (``--backend hybrid``): the rules extractor proposes, a model cross-checks.

Per document: the rules backend extracts; ``hybrid_plan.plan_asks`` picks the few spans
where a second reading can matter; for each, one small request (``prompts/hybrid_*.j2``:
static instructions first, so a server's prefix cache serves them, then the sentence and
the subjects to read, never the whole document) asks the model for the values, blind
(``hybrid_reading``); ``hybrid_merge`` sets each record's confidence by agreement
(``hybrid_policy``), keeps what only the model read below the confident cut-off once it
passes the grounding guard, the plausibility checks and the rules' normaliser, and notes
each record's provenance for review. Metrics and initiatives are the rules'.

Requests go through the same provider layer as the ``openai`` backend (cache, retries,
rate limit, usage per document, ``cache_prompt`` to local hosts).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from llmx.backends.base import Backend
from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome, Rejection, Usage
from llmx.core.records import IndexResult
from llmx.errors import BackendError, LlmxError
from llmx.llm import usage as usage_mod
from llmx.llm.config import LLMConfig, from_options
from llmx.llm.hybrid_merge import REVIEW, merge
from llmx.llm.hybrid_plan import plan_asks
from llmx.llm.hybrid_reading import Ask, SentenceReading
from llmx.llm.prompts import load_hybrid_prompts
from llmx.llm.provider import Completions
from llmx.llm.runner import LoopThread
from llmx.llm.structured import Structured
from llmx.rules.extractor import RulesExtractor

logging.getLogger("instructor").addHandler(logging.NullHandler())

# Completion budget of one reading: a subject's values take about 45 tokens of JSON, the
# frame and a few "others" the rest. A reading cut off is no reading (never half a one).
_BASE_TOKENS = 160
_TOKENS_PER_SUBJECT = 64
_MAX_REASKS = 1  # a reading is small: one compact re-ask, not the extraction's default 2


class HybridExtractor(Backend):
    """The ``hybrid`` backend. Documents run one at a time; a document's requests run
    concurrently up to ``--workers``."""

    description = "Rules records cross-checked sentence by sentence by an OpenAI-compatible model"
    option_names = frozenset(LLMConfig.model_fields)

    @classmethod
    def from_options(cls, **options: Any) -> HybridExtractor:
        return cls(from_options(backend="hybrid", **options))

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self.name = f"hybrid:{config.model}"
        self.mode = config.resolved_mode
        self.prompts = load_hybrid_prompts()
        self.prompt_version = self.prompts.version
        self._rules = RulesExtractor()
        self._system = self.prompts.system()
        self._completions = Completions(config)
        self._runner = LoopThread("llmx-hybrid")
        self._create: Structured | None = None
        self._closed = False

    @property
    def http_requests(self) -> int:
        return self._completions.http_requests

    def run_params(self) -> dict[str, Any]:
        return self.config.public_params() | {"mode": self.mode, "rules": self._rules.name}

    def extract(self, doc: Document) -> ExtractionOutcome:
        if self._closed:
            raise RuntimeError("this backend is closed")
        return self._runner.run(self.aextract(doc))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._runner.close(self._completions.aclose())
        self._completions.close_cache()

    async def aextract(self, doc: Document) -> ExtractionOutcome:
        proposed = self._rules.extract(doc)
        results = proposed.extraction.index_results
        asks = plan_asks(doc.text, results)
        usage = Usage()
        notes: list[Rejection] = []
        answers: list[tuple[Ask, SentenceReading | None]] = []
        if asks:  # no candidates and no uncovered sentence: no request at all
            if self._create is None:
                self._create = self._completions.structured(SentenceReading, self._system)
            with usage_mod.tracking(usage):
                got = await asyncio.gather(*(self._read(doc, a, results) for a in asks))
            for ask, (reading, note) in zip(asks, got, strict=True):
                answers.append((ask, reading))
                if note is not None:
                    notes.append(note)
        merged = merge(doc.text, results, answers)
        extraction = proposed.extraction.model_copy(
            update={"backend": self.name, "index_results": merged.index_results}
        )
        return ExtractionOutcome(
            extraction=extraction,
            rejected=[*proposed.rejected, *notes, *merged.notes],
            usage=usage,
        )

    async def _read(
        self, doc: Document, ask: Ask, results: list[IndexResult]
    ) -> tuple[SentenceReading | None, Rejection | None]:
        """The model's reading of one span, or None and why. A transport failure fails the
        document (raised, so it is asked again next run); an answer that does not parse
        after the re-ask only loses this reading."""
        from instructor.core.exceptions import IncompleteOutputException, InstructorError

        assert self._create is not None
        subjects = ask.subjects(results)
        user = self.prompts.user(doc.text[ask.start : ask.end], subjects)
        budget = min(self.config.max_tokens, _BASE_TOKENS + _TOKENS_PER_SUBJECT * len(subjects))
        try:
            reading = await self._create(
                user,
                max_retries=min(self.config.max_retries, _MAX_REASKS),
                model=self.config.model,
                temperature=self.config.temperature,
                max_tokens=budget,
            )
        except IncompleteOutputException:
            why = f"the reading of characters {ask.start}-{ask.end} was cut off at {budget}"
        except InstructorError as exc:
            cause = exc.__cause__
            if isinstance(cause, LlmxError):
                raise cause from None
            why = f"no usable reading of characters {ask.start}-{ask.end}: {type(exc).__name__}"
        except LlmxError:
            raise
        else:
            if not isinstance(reading, SentenceReading):
                raise BackendError(f"{self.config.endpoint}: unexpected answer type")
            return reading, None
        return None, Rejection(
            record_type=REVIEW, reason=why, data={"start": ask.start, "end": ask.end}
        )
