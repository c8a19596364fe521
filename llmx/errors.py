"""One exception base for everything llmx raises on purpose."""


class LlmxError(Exception):
    """Base class: the CLI turns these into a one-line message and a non-zero exit."""

    exit_code = 1


class InputError(LlmxError):
    """A path, file or argument the user gave cannot be used."""

    exit_code = 2


class DecodeError(InputError):
    """A file is empty, binary or in an encoding llmx cannot read."""


class ConfigError(LlmxError):
    """The backend or store is not configured well enough to run."""

    exit_code = 2


class BackendError(LlmxError):
    """A backend failed for a document (transport, refusal, invalid answers)."""


class StoreError(LlmxError):
    """The SQLite store cannot be opened or migrated."""


class TransportError(BackendError):
    """The endpoint gave no usable answer for a document after every retry (timeouts, 5xx,
    dropped connections). A few in a row stop the run (``pipeline``)."""


class EndpointUnreachable(BackendError):
    """No document can succeed: nothing answers at the endpoint (connection refused), or
    several documents in a row failed on the transport. The run stops at once."""
