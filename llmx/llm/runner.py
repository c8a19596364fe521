"""A private event loop in a daemon thread. The backend is async inside (AsyncOpenAI, one
connection pool, many documents in flight) but its callers are synchronous: they submit
coroutines here and wait on concurrent futures. One loop for the backend's lifetime keeps
the HTTP client bound to the loop it was created on."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class LoopThread:
    def __init__(self, name: str = "llmx-llm") -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=loop.run_forever, name=self._name, daemon=True
                )
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.submit(coro).result()

    def close(self, final: Coroutine[Any, Any, Any] | None = None) -> None:
        """Cancel what is in flight and wait for it to unwind, run ``final`` (e.g. closing
        the HTTP client), stop. Waiting matters on Ctrl-C: a task stopped mid-request and
        left pending would be destroyed at exit, and asyncio prints that on stderr."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None:
            if final is not None:
                final.close()
            return

        async def _shutdown() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if final is not None:
                await final

        try:
            asyncio.run_coroutine_threadsafe(_shutdown(), loop).result(timeout=5)
        except (Exception, asyncio.CancelledError):  # best effort; the process may be exiting
            pass
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=5)
        if not loop.is_running():
            loop.close()
