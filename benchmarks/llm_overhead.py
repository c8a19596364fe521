"""Client-side overhead of the LLM backend, against a local scripted server that answers
every chat completion after a fixed delay (50 ms by default).

    python benchmarks/llm_overhead.py [--delay 0.05] [--docs 64] [--workers 1 8 32]
        [--paths fast public] [--repeat 5]

For each worker count: documents go through ``OpenAIExtractor.extract_many`` (prompt
rendering, instructor, the grounding guard, transport, JSON parsing; cache off so every
document is a real HTTP request). Prints the client overhead per document at 1 worker
(wall time per document minus the server's delay) and docs/s against the ideal
``workers / delay``. Targets: overhead <= 5 ms/document, >= 80 % of ideal at 32 workers.

``--paths``: which way instructor is called (``llmx/llm/structured.py``): ``fast``, the
pinned adapter into instructor's retry loop (the default), and/or ``public``, instructor's
public client. ``--repeat N`` runs every (path, workers) N times, interleaved, and prints
medians; with both paths it also prints public/fast ratios. ``--cpu`` adds the client's CPU
time per instructor call without HTTP (a canned completion), the part the paths differ in.

The server runs in its own process (asyncio, HTTP/1.1 keep-alive) so it does not compete
with the client for the GIL.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

S1 = (
    "Năm 2023, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Bắc Ninh đạt 89,12 điểm, "
    "xếp thứ 6/63 tỉnh, thành phố."
)
S2 = "Tỷ lệ hồ sơ giải quyết trực tuyến của tỉnh đạt 78,4%."
FILLER = "Công tác cải cách hành chính của tỉnh tiếp tục được quan tâm chỉ đạo. " * 12
ANSWER = {
    "index_results": [{"evidence": {"quote": S1}, "entity": "Bắc Ninh", "index": "PAR_INDEX",
                       "year": 2023, "score": 89.12, "rank": 6, "rank_total": 63}],
    "metrics": [{"evidence": {"quote": S2}, "entity": "Bắc Ninh", "value": 78.4, "unit": "%",
                 "name": "tỷ lệ hồ sơ giải quyết trực tuyến", "year": 2023}],
    "initiatives": [],
}  # fmt: skip


# -- the scripted server (runs in a child process) ------------------------------------


def serve(port_file: str, delay: float) -> None:
    body = json.dumps({
        "id": "chatcmpl-bench", "object": "chat.completion", "created": 0, "model": "bench",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {
            "role": "assistant", "content": json.dumps(ANSWER, ensure_ascii=False)}}],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100},
    }, ensure_ascii=False).encode()  # fmt: skip
    head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
    )

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                headers = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in headers.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                await asyncio.sleep(delay)
                writer.write(head + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
        Path(port_file).write_text(str(server.sockets[0].getsockname()[1]))
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def start_server(delay: float) -> tuple[subprocess.Popen, int]:
    port_file = Path(f"/tmp/llmx-bench-port-{os.getpid()}")
    port_file.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port_file), "--delay", str(delay)]
    )
    for _ in range(200):
        if port_file.exists() and port_file.read_text():
            port = int(port_file.read_text())
            port_file.unlink()
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return proc, port
        time.sleep(0.02)
    proc.kill()
    sys.exit("benchmark server did not start")


def raw_round_trip(port: int, n: int = 40) -> float:
    """Seconds per request for a bare socket client: the server's time plus loopback, i.e.
    what a client with zero overhead would see."""

    async def run() -> float:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        body = b'{"model": "bench"}'
        req = b"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-length: %d\r\n\r\n"
        req = req % len(body) + body

        async def one() -> None:
            writer.write(req)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)

        for _ in range(5):
            await one()
        t = time.perf_counter()
        for _ in range(n):
            await one()
        elapsed = (time.perf_counter() - t) / n
        writer.close()
        return elapsed

    return asyncio.run(run())


# -- the client -----------------------------------------------------------------------


def make_docs(n: int):
    from llmx.core.document import Document

    docs = []
    for i in range(n):
        text = f"{S1}\n{FILLER}\n{S2}\nTài liệu số {i}."
        sha = hashlib.sha256(text.encode()).hexdigest()
        docs.append(Document(doc_id=f"bench{i}", source=f"bench{i}.txt", sha256=sha, text=text))
    return docs


def measure(port: int, workers: int, n: int, cache_path: Path | None, path: str = "fast") -> float:
    from llmx.llm.backend import build_openai_backend

    backend = build_openai_backend(
        model="bench",
        base_url=f"http://127.0.0.1:{port}/v1",
        mode="json",
        workers=workers,
        cache=cache_path is not None,
        cache_path=cache_path,
    )
    backend._fast_path = path == "fast"
    try:
        # Warm-up: imports, client, connection pool.
        for out in backend.extract_many(make_docs(workers)):
            assert out.extraction.index_results and not out.rejected, out.rejected
        if backend._create is None or backend._create.fast != (path == "fast"):
            sys.exit(f"the {path} path is not available with this instructor version")
        docs = make_docs(n)
        t = time.perf_counter()
        count = 0
        for out in backend.extract_many(docs):
            assert len(out.extraction.index_results) == 1
            count += 1
        elapsed = time.perf_counter() - t
    finally:
        backend.close()
    assert count == n
    return elapsed


def client_ceiling(port: int, workers: int, n: int) -> float:
    """docs/s of AsyncOpenAI alone (no instructor, no validation) sending the same prompts:
    the most the backend could reach on this machine."""
    from openai import AsyncOpenAI

    from llmx.llm.prompts import load_prompts

    prompts = load_prompts()
    system = prompts.system()
    docs = make_docs(n)

    async def run() -> float:
        client = AsyncOpenAI(api_key="x", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)
        slots = asyncio.Semaphore(workers)

        async def one(doc) -> None:
            async with slots:
                await client.chat.completions.create(
                    model="bench",
                    messages=[{"role": "system", "content": system},
                              {"role": "user", "content": prompts.user(doc.text)}],
                    response_format={"type": "json_object"},
                )  # fmt: skip

        await asyncio.gather(*(one(d) for d in docs[:workers]))
        t = time.perf_counter()
        await asyncio.gather(*(one(d) for d in docs))
        elapsed = time.perf_counter() - t
        await client.close()
        return n / elapsed

    return asyncio.run(run())


def call_cpu(paths: list[str], calls: int = 300, repeat: int = 7) -> dict[str, float]:
    """Median CPU ms per instructor call (request, parse, validate, grounding guard) on each
    path, with a completion function that returns a canned answer: no HTTP, no server.
    Runs of the paths alternate."""
    import statistics

    from openai.types.chat import ChatCompletion

    from llmx.llm.grounding_guard import GuardContext, guarding
    from llmx.llm.prompts import load_prompts
    from llmx.llm.response_models import DocumentRecords
    from llmx.llm.structured import Structured

    prompts = load_prompts()
    doc = make_docs(1)[0]
    raw = {
        "id": "x", "object": "chat.completion", "created": 0, "model": "bench",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {
            "role": "assistant", "content": json.dumps(ANSWER, ensure_ascii=False)}}],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100},
    }  # fmt: skip

    async def complete(**kwargs: object) -> ChatCompletion:
        return ChatCompletion.model_validate(raw)

    system, user = prompts.system(), prompts.user(doc.text)
    clients = {p: Structured(complete, "json", DocumentRecords, system, fast=p == "fast")
               for p in paths}  # fmt: skip
    for p, structured in clients.items():
        if structured.fast != (p == "fast"):
            sys.exit(f"the {p} path is not available with this instructor version")

    async def run(structured: Structured, n: int) -> float:
        t = time.process_time()
        for _ in range(n):
            with guarding(GuardContext(doc.text)):
                await structured(user, max_retries=1, model="bench", max_tokens=2048)
        return (time.process_time() - t) / n * 1000

    samples: dict[str, list[float]] = {p: [] for p in paths}
    for structured in clients.values():
        asyncio.run(run(structured, 20))  # warm-up
    for r in range(repeat):
        for p in paths if r % 2 == 0 else paths[::-1]:
            samples[p].append(asyncio.run(run(clients[p], calls)))
    return {p: statistics.median(v) for p, v in samples.items()}


def main() -> None:
    import statistics

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--delay", type=float, default=0.05, help="server time per request (s)")
    ap.add_argument("--docs", type=int, default=64, help="documents (x workers/4 above 4)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--cache", action="store_true", help="cache on (fresh file: all misses)")
    ap.add_argument("--paths", nargs="+", choices=["fast", "public"], default=["fast"],
                    help="how instructor is called (see llmx/llm/structured.py)")  # fmt: skip
    ap.add_argument("--repeat", type=int, default=1, help="runs per row (medians printed)")
    ap.add_argument("--cpu", action="store_true", help="also CPU ms per call without HTTP")
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.delay)
        return

    proc, port = start_server(args.delay)
    runs: dict[tuple[str, int], list[float]] = {}
    try:
        server_time = raw_round_trip(port)
        for r in range(args.repeat):
            # Interleaved, alternating the order, so drift on a shared machine hits both.
            for path in args.paths if r % 2 == 0 else args.paths[::-1]:
                for w in args.workers:
                    n = max(args.docs, args.docs * w // 4)
                    cache = (
                        Path(f"/tmp/llmx-bench-cache-{os.getpid()}-{w}.db") if args.cache else None
                    )
                    runs.setdefault((path, w), []).append(measure(port, w, n, cache, path))
                    if cache:
                        for p in cache.parent.glob(cache.name + "*"):
                            p.unlink()
        top = max(args.workers)
        ceiling = client_ceiling(port, top, max(args.docs, args.docs * top // 4))
    finally:
        proc.terminate()
        proc.wait()

    print(
        f"server delay {args.delay * 1000:.0f} ms per request; bare-socket round trip "
        f"{server_time * 1000:.2f} ms; cache {'on' if args.cache else 'off'}; "
        f"{os.cpu_count()} CPUs; medians of {args.repeat} run(s)"
    )
    print(f"{'path':>6} {'workers':>7} {'docs':>6} {'wall s':>8} {'docs/s':>8} {'ideal':>8}"
          f" {'% ideal':>8} {'ms/doc':>8} {'overhead ms/doc':>16}")  # fmt: skip
    ok = True
    summary: dict[tuple[str, int], tuple[float, float]] = {}
    for path in args.paths:
        for w in args.workers:
            n = max(args.docs, args.docs * w // 4)
            elapsed = statistics.median(runs[(path, w)])
            rate = n / elapsed
            ideal = w / args.delay
            per_doc = elapsed / n * 1000
            # Per document, seen from one worker slot: wall time minus the server round trip.
            overhead = per_doc * w - server_time * 1000
            summary[(path, w)] = (overhead, rate)
            print(f"{path:>6} {w:>7} {n:>6} {elapsed:>8.2f} {rate:>8.1f} {ideal:>8.1f}"
                  f" {rate / ideal:>8.1%} {per_doc:>8.2f} {overhead:>16.2f}")  # fmt: skip
            if path == "fast" and w == 1 and overhead > 5:
                ok = False
            if path == "fast" and w == 32 and rate / ideal < 0.8:
                ok = False
    if len(args.paths) == 2:
        for w in args.workers:
            (fo, fr), (po, pr) = summary[("fast", w)], summary[("public", w)]
            print(f"public/fast at {w} workers: overhead {po:.2f}/{fo:.2f} ms = {po / fo:.2f}x,"
                  f" docs/s {pr:.1f}/{fr:.1f} = {pr / fr:.2f}x")  # fmt: skip
    if args.cpu:
        cpu = call_cpu(args.paths)
        line = ", ".join(f"{p} {c:.2f}" for p, c in cpu.items())
        if len(cpu) == 2:
            line += f" (public/fast {cpu['public'] / cpu['fast']:.2f}x)"
        print(f"CPU ms per instructor call, no HTTP (median of 7 x 300): {line}")
    print(f"for scale: AsyncOpenAI alone (no instructor, no validation) at {top} workers: "
          f"{ceiling:.1f} docs/s = {ceiling / (top / args.delay):.1%} of ideal")  # fmt: skip
    print("targets (overhead <= 5 ms/doc at 1 worker, >= 80% of ideal at 32):",
          "met" if ok else "NOT met")  # fmt: skip


if __name__ == "__main__":
    main()
