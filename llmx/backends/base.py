"""The backend interface: a ``Backend`` turns a Document into an ExtractionOutcome.

Optional abilities are declared on the base class with working defaults, so callers never
probe with ``getattr``: a backend that can run documents concurrently says so with
``concurrent = True`` and overrides ``submit``; one that holds connections overrides
``close``. Implementations live above this module (``llmx.rules``, ``llmx.llm`` and plugins)
and are found through the registry (``llmx.backends.registry``), never imported here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from concurrent.futures import Future
from typing import Any, ClassVar

from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome
from llmx.errors import ConfigError


class Backend(ABC):
    """Base class of every extraction backend (after simonw/llm's ``Model``)."""

    #: What ``DocumentExtraction.backend`` records, e.g. "rules" or "openai:gpt-4o-mini".
    name: str
    #: One line for ``llmx backends list``.
    description: ClassVar[str] = ""
    #: Runs with no network and no key.
    offline: ClassVar[bool] = False
    #: ``submit`` returns before the work is done, so the pipeline may keep several
    #: documents in flight (``--workers N``).
    concurrent: ClassVar[bool] = False
    #: ``extract`` is CPU work with no shared state, so the pipeline may run it in worker
    #: processes (``--workers N``, default the cores): each worker rebuilds the backend as
    #: ``registry.get_backend(self.name, **self.process_options())``, so ``name`` must be
    #: the name it is registered under.
    processes: ClassVar[bool] = False
    #: Names ``from_options`` takes; a caller with generic options (the CLI) passes only
    #: these (``registry.get_backend_for``).
    option_names: ClassVar[frozenset[str]] = frozenset()
    #: Version of the prompts behind the records (stored with the run), if any.
    prompt_version: str | None = None

    @classmethod
    def from_options(cls, **options: Any) -> Backend:
        """Build from the CLI's / caller's options; the registry calls this. Backends with
        configuration override it to validate and fill defaults."""
        if options:
            raise ConfigError(f"backend {cls.__name__} takes no options: {', '.join(options)}")
        return cls()

    @abstractmethod
    def extract(self, doc: Document) -> ExtractionOutcome:
        """Extract one document. Raises ``BackendError`` when the document failed."""

    def submit(self, doc: Document) -> Future[ExtractionOutcome]:
        """Start extracting ``doc``. The default runs it now and returns a finished future;
        concurrent backends return at once."""
        future: Future[ExtractionOutcome] = Future()
        try:
            future.set_result(self.extract(doc))
        except Exception as exc:  # delivered through the future, as a concurrent one would
            future.set_exception(exc)
        return future

    def warm_up(self) -> None:  # noqa: B027 - optional ability, empty by default on purpose
        """Load now what ``extract`` would load on its first document (data files, compiled
        patterns). The pipeline calls it before it forks worker processes (``processes``),
        which then start with it loaded instead of each loading its own copy."""

    def process_options(self) -> dict[str, Any]:
        """The options (picklable) that rebuild this backend in a worker process; see
        ``processes``. A backend with configuration returns what it was built with."""
        return {}

    def run_params(self) -> dict[str, Any]:
        """Parameters stored with a run (never a secret)."""
        return {}

    def close(self) -> None:  # noqa: B027 - optional ability, empty by default on purpose
        """Release connections and threads; safe to call twice."""

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
