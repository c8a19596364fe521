"""The one configuration of the LLM layer, for both of its callers (``llmx extract --backend
openai`` and ``llmx ask --backend openai``): options with environment defaults, the dummy key
for servers that check none, and the structured-output mode (its names, the choice for an
endpoint, and instructor's name for it)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from llmx.errors import ConfigError

OPENAI_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
# Local servers (llama.cpp and friends) do not check the key, but the client needs one.
DUMMY_KEY = "sk-no-key-required"

ModeName = Literal["auto", "tools", "json_schema", "json_object_schema", "json", "md_json"]
MODE_NAMES: tuple[str, ...] = ModeName.__args__  # type: ignore[attr-defined]
# The one mode map: llmx's name -> the member of ``instructor.Mode`` (``auto`` is resolved
# per endpoint first, by ``resolve_mode``).
INSTRUCTOR_MODES = {
    "tools": "TOOLS",
    "json_schema": "JSON_SCHEMA",
    # instructor's JSON mode (schema in the system prompt) whose ``json_object`` response
    # format also carries the schema, which llama.cpp and llama-cpp-python turn into a
    # grammar; the provider layer adds it (``llmx.llm.provider``).
    "json_object_schema": "JSON",
    "json": "JSON",
    "md_json": "MD_JSON",
}


class LLMConfig(BaseModel):
    """Everything a caller of the LLM layer needs. The extraction backend's is built by
    ``from_options``; the QA planner builds its own (one short timeout, one HTTP attempt, no
    cache). Fields are validated so a bad option is a one-line ConfigError, not a
    traceback."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(DEFAULT_MODEL, min_length=1)
    base_url: str | None = None  # None: api.openai.com
    api_key: SecretStr | None = None  # SecretStr: never shown in repr, logs or errors
    mode: ModeName = "auto"
    max_retries: int = Field(2, ge=0, le=10, description="re-asks after a validation error")
    max_input_tokens: int = Field(6000, ge=256, description="prompt budget per request")
    max_tokens: int = Field(2048, ge=16, description="completion budget per request")
    max_tokens_cap: int = Field(4096, ge=16, description="largest budget after truncation")
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    workers: int = Field(1, ge=1, le=256, description="concurrent requests")
    rpm: float | None = Field(None, gt=0, description="requests per minute, None = no limit")
    # None: send llama.cpp's ``cache_prompt: true`` to local hosts only (``is_local``);
    # api.openai.com and hosted services cache prefixes by themselves and may reject it.
    cache_prompt: bool | None = None
    # The server's context in tokens, where it is known: a server that caps max_tokens at
    # the context left answers short without saying so (``provider.mark_cut_off``).
    context_window: int | None = Field(None, ge=256)
    cache: bool = True
    cache_path: Path | None = None
    # Per attempt, and each timed-out attempt is retried (max_attempts, within deadline), so
    # a stalled server costs up to six of these per document: 60 s covers a hosted model's
    # longest answer. A small local model on CPU writes ~10 tokens/s (2048 tokens ~ 4
    # minutes) and needs --timeout raised.
    timeout: float = Field(60.0, gt=0, description="seconds per HTTP attempt")
    deadline: float = Field(1800.0, gt=0, description="seconds per request, retries included")
    max_attempts: int = Field(6, ge=1, description="HTTP attempts per request")
    backoff_initial: float = Field(1.0, ge=0)
    backoff_max: float = Field(30.0, ge=0)

    @property
    def endpoint(self) -> str:
        return normalise_endpoint(self.base_url or OPENAI_URL)

    @property
    def key(self) -> str:
        return self.api_key.get_secret_value() if self.api_key else DUMMY_KEY

    @property
    def resolved_mode(self) -> str:
        """``mode`` with ``auto`` decided for this endpoint."""
        return resolve_mode(self.mode, self.endpoint)

    @property
    def sends_cache_prompt(self) -> bool:
        return is_local(self.endpoint) if self.cache_prompt is None else self.cache_prompt

    def public_params(self) -> dict[str, Any]:
        """The run parameters worth storing with a run: no key, no paths."""
        return self.model_dump(
            mode="json", exclude={"api_key", "base_url", "cache_path", "model"}, exclude_none=True
        ) | {"endpoint": self.endpoint}


def normalise_endpoint(url: str) -> str:
    """Scheme://host[:port]/path without credentials, query or trailing slash: the form that
    keys the cache and appears in messages (so no secret can leak through either)."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host  # IPv6 keeps its brackets
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme or "https", netloc, parts.path.rstrip("/"), "", ""))


def resolve_mode(mode: str, endpoint: str) -> str:
    """``auto``: tool calling on api.openai.com, where it is the most reliable;
    ``json_object_schema`` elsewhere: JSON mode with the schema both in the system prompt and
    in the ``json_object`` response format. llama.cpp and llama-cpp-python enforce that
    schema with a grammar (plain ``json_object`` enforces nothing: fields go missing, enums
    are ignored); servers that do not know the key ignore it and still read the schema in
    the prompt; one that rejects it is asked again without it, once for the run
    (``llmx.llm.provider``). Tools are not the default there because many local servers
    have no tool calling, and ``json_schema`` because some answer it with HTTP 500.
    ``--mode`` overrides."""
    if mode != "auto":
        return mode
    host = urlsplit(endpoint).hostname or ""
    return "tools" if host == "api.openai.com" else "json_object_schema"


def schema_in_prompt(mode: str) -> bool:
    """Whether the mode puts the schema into the system prompt, where it counts
    against the prompt budget, rather than into the request (tools, json_schema)."""
    return INSTRUCTOR_MODES.get(mode) in ("JSON", "MD_JSON")


def is_local(endpoint: str) -> bool:
    """Whether the endpoint is on this machine or a private network (a llama.cpp-like server
    run by the user), as opposed to a hosted service: loopback or private addresses,
    ``localhost`` and single-label host names (containers, e.g. ``http://llama:8080``)."""
    host = urlsplit(endpoint).hostname or ""
    if host == "localhost" or host.endswith(".localhost") or (host and "." not in host):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def instructor_mode(mode: str) -> Any:
    """The ``instructor.Mode`` for a resolved mode name (imports instructor)."""
    import instructor

    return getattr(instructor.Mode, INSTRUCTOR_MODES[mode])


def from_options(*, backend: str = "openai", **options: Any) -> LLMConfig:
    """Merge explicit options over the environment: OPENAI_API_KEY, OPENAI_BASE_URL,
    LLMX_MODEL, LLMX_CACHE. No key and no base URL is a ConfigError that names the offline
    backend; ``backend`` names the one asking, in messages."""
    opts = {k: v for k, v in options.items() if v is not None}
    opts.setdefault("model", os.environ.get("LLMX_MODEL") or DEFAULT_MODEL)
    if not opts.get("base_url") and os.environ.get("OPENAI_BASE_URL"):
        opts["base_url"] = os.environ["OPENAI_BASE_URL"]
    if not opts.get("api_key") and os.environ.get("OPENAI_API_KEY"):
        opts["api_key"] = os.environ["OPENAI_API_KEY"]
    if "cache_path" not in opts and os.environ.get("LLMX_CACHE"):
        opts["cache_path"] = os.environ["LLMX_CACHE"]
    if not opts.get("api_key") and not opts.get("base_url"):
        raise ConfigError(
            f"the {backend} backend needs OPENAI_API_KEY (or --base-url for a local "
            "OpenAI-compatible server); use --backend rules for offline extraction"
        )
    try:
        cfg = LLMConfig(**opts)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'options'}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"invalid {backend} backend options: {problems}") from None
    if cfg.max_tokens_cap < cfg.max_tokens:
        cfg = cfg.model_copy(update={"max_tokens_cap": cfg.max_tokens})
    return cfg
