"""Where the evaluation reports progress: a terminal bar in the CLI, nothing in tests."""

from __future__ import annotations

from typing import Protocol


class ProgressSink(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, description: str) -> None: ...
    def stop(self) -> None: ...


class NoProgress:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, description: str) -> None:
        pass

    def stop(self) -> None:
        pass
