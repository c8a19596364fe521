"""A scripted OpenAI-compatible server on 127.0.0.1 (stdlib http.server in a thread, port
0) and helpers to build chat-completion answers, for the LLM backend's offline tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECRET = "sk-test-secret-0123456789"


def fast_options(url: str, cache_path: Any) -> dict[str, Any]:
    """Backend options for tests against the fake server: no cache, tiny waits and one
    retry, so every fault test runs well under two seconds."""
    return {
        "model": "fake",
        "base_url": url,
        "api_key": SECRET,
        "mode": "json",
        "cache": False,
        "cache_path": cache_path,
        "timeout": 1.0,
        "deadline": 3.0,
        "backoff_initial": 0.01,
        "backoff_max": 0.05,
        "max_retries": 1,
    }


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON; str/bytes sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a stall)
    drop: bool = False  # close the connection without answering


def completion(
    content: str | None = None,
    *,
    tool_args: str | None = None,
    finish_reason: str | None = None,
    prompt_tokens: int = 120,
    completion_tokens: int = 40,
    cached_tokens: int | None = None,
) -> dict[str, Any]:
    """A chat completion; ``cached_tokens``: prompt tokens the server says came from its
    prefix cache (``usage.prompt_tokens_details.cached_tokens``)."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_args is not None:
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "DocumentRecords", "arguments": tool_args},
            }
        ]
    usage: dict[str, Any] = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    if cached_tokens is not None:
        usage["prompt_tokens_details"] = {"cached_tokens": cached_tokens}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "fake",
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": finish_reason or ("tool_calls" if tool_args else "stop"),
            }
        ],
        "usage": usage,
    }


def answer(records: dict[str, Any] | str, **kw: Any) -> Reply:
    """A JSON-mode answer carrying ``records`` (a dict, or raw text)."""
    text = records if isinstance(records, str) else json.dumps(records, ensure_ascii=False)
    return Reply(body=completion(text, **kw))


def tool_answer(records: dict[str, Any], **kw: Any) -> Reply:
    return Reply(body=completion(tool_args=json.dumps(records, ensure_ascii=False), **kw))


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    @property
    def user_text(self) -> str:
        return "\n".join(
            m.get("content") or "" for m in self.messages if m.get("role") == "user"
        )


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) drops simultaneous connects from many workers, and a
    # dropped SYN costs a 1 s retransmit.
    request_queue_size = 128


class FakeLLM:
    """Answers POST /v1/chat/completions from a script (a queue of Replies, then
    ``default``) or from ``responder(seen) -> Reply``; records every request."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.default: Reply | None = None
        self.responder: Callable[[Seen], Reply] | None = None
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def push(self, *replies: Reply) -> FakeLLM:
        self.script.extend(replies)
        return self

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            responder = self.responder
        if responder is not None:
            return responder(seen)  # outside the lock: concurrent requests stay concurrent
        with self._lock:
            if self.script:
                return self.script.popleft()
            if self.default is not None:
                return self.default
        return Reply(status=500, body={"error": {"message": "script exhausted"}})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                n = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(n)
                try:
                    body = json.loads(raw)
                except json.JSONDecodeError:
                    body = {}
                headers = {k.lower(): v for k, v in self.headers.items()}
                reply = fake._next(Seen(self.path, headers, body))
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    try:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    return
                if isinstance(reply.body, dict | list):
                    data = json.dumps(reply.body, ensure_ascii=False).encode()
                elif isinstance(reply.body, str):
                    data = reply.body.encode()
                else:
                    data = reply.body or b""
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout test)

        return Handler

    def start(self) -> FakeLLM:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# A short document written for these tests (not a seed) and a correct answer for it.
S1 = (
    "Năm 2023, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Bắc Ninh đạt 89,12 điểm, "
    "xếp thứ 6/63 tỉnh, thành phố."
)
S2 = "Tỷ lệ hồ sơ giải quyết trực tuyến của tỉnh đạt 78,4%."
DOC = f"{S1}\n{S2}"
IR_GOOD = {
    "evidence": {"quote": S1},
    "entity": "Bắc Ninh",
    "index": "PAR_INDEX",
    "year": 2023,
    "score": 89.12,
    "rank": 6,
    "rank_total": 63,
}
METRIC_GOOD = {
    "evidence": {"quote": S2},
    "entity": "Bắc Ninh",
    "name": "tỷ lệ hồ sơ giải quyết trực tuyến",
    "value": 78.4,
    "unit": "%",
    "year": 2023,
}
GOOD = {"index_results": [IR_GOOD], "metrics": [METRIC_GOOD], "initiatives": []}
