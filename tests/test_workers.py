"""`llmx extract --workers N`: the rules backend in worker processes gives what one process
gives, in input order; Ctrl-C keeps what was saved and a re-run resumes; --show-rejected."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import ClassVar

import pytest
import typer
from typer.testing import CliRunner

from llmx.backends import registry
from llmx.backends.base import Backend
from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome, Rejection
from llmx.core.records import DocumentExtraction
from llmx.errors import BackendError
from llmx.pipeline import resolve_workers, run_extraction
from llmx.rules.extractor import RulesExtractor
from llmx.store import Store


def llmx(*args: str, cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "llmx", *args], cwd=cwd, capture_output=True, timeout=300, **kw
    )


def test_one_and_two_workers_give_byte_identical_jsonl(tmp_path, root):
    paths = [str(root / "seeds"), str(root / "eval" / "real" / "docs")]
    one = llmx("extract", *paths, "--jsonl", "--no-store", "-w", "1", cwd=tmp_path)
    two = llmx("extract", *paths, "--jsonl", "--no-store", "-w", "2", cwd=tmp_path)
    assert one.returncode == 0 and two.returncode == 0, two.stderr.decode()
    assert len(one.stdout.splitlines()) > 90
    assert two.stdout == one.stdout


def test_two_workers_store_what_one_process_stores(tmp_path, root):
    out = {}
    for n in ("1", "2"):
        db, jsonl = tmp_path / f"w{n}.db", tmp_path / f"w{n}.jsonl"
        res = llmx("extract", str(root / "seeds"), "--db", str(db), "-o", str(jsonl), "-w", n,
                   cwd=tmp_path)  # fmt: skip
        assert res.returncode == 0, res.stderr.decode()
        with Store(db) as store:
            # the sentence index too: with workers its rows are made in the workers
            sentences = store.conn.execute(
                "SELECT rowid, doc_id, start, end_, text, folded FROM sentences ORDER BY rowid"
            ).fetchall()
            hits = [asdict(h) for h in store.search_sentences("chỉ số cải cách")]
            out[n] = (jsonl.read_bytes(), store.counts(),
                      [e.model_dump_json() for e in store.iter_extractions()],
                      [tuple(r) for r in sentences], hits)  # fmt: skip
    assert len(out["1"][3]) > 100 and out["1"][4]
    assert out["2"] == out["1"]


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_every_start_method_gives_the_sequential_result_in_input_order(method, root):
    paths = [str(root / "seeds"), str(root / "eval" / "docs")]
    backend = RulesExtractor()
    seq = [r.extraction for r in run_extraction(paths, backend, workers=1)]
    ctx = multiprocessing.get_context(method)
    par = [r.extraction for r in run_extraction(paths, backend, workers=2, mp_context=ctx)]
    assert [e.doc_id for e in par if e] == [e.doc_id for e in seq if e]
    assert par == seq


def test_unset_workers_means_the_cores_for_process_backends_only():
    class Concurrent(RulesExtractor):
        concurrent = True

    cores = os.cpu_count() or 1
    assert resolve_workers(None, RulesExtractor()) == cores
    assert resolve_workers(None, Concurrent()) == 1
    assert resolve_workers(3, RulesExtractor()) == 3


# -- a backend failing in a worker ----------------------------------------------------------


class FailingRules(RulesExtractor):
    """The rules backend under another name, failing on documents whose name says so."""

    name = "failing"

    def extract(self, doc: Document) -> ExtractionOutcome:
        if "fail" in doc.doc_id:
            raise BackendError(f"refused {doc.doc_id} in process {os.getpid()}")
        return super().extract(doc)


@pytest.fixture
def failing_registered(monkeypatch):
    real = registry.entry_points

    def fake(group: str):
        return [*real(group=group), EntryPoint("failing", f"{__name__}:FailingRules", group)]

    monkeypatch.setattr(registry, "entry_points", fake)


def test_a_document_failing_in_a_worker_is_an_error_result_the_rest_go_on(
    tmp_path, failing_registered
):
    d = tmp_path / "docs"
    d.mkdir()
    for i, name in enumerate(["a", "b_fail", "c", "d", "e_fail", "f"]):
        (d / f"{name}.txt").write_text(
            f"Năm 202{i}, Chỉ số CCHC của tỉnh Phú Thọ đạt 8{i},2 điểm, xếp thứ 1{i}/63.",
            encoding="utf-8",
        )
    # fork: the workers inherit the patched entry points (spawn would not see them)
    ctx = multiprocessing.get_context("fork")
    results = list(run_extraction([str(d)], FailingRules(), workers=2, mp_context=ctx))
    assert [r.status for r in results] == ["ok", "error", "ok", "ok", "error", "ok"]
    assert "refused b_fail.txt in process" in (results[1].error or "")
    assert str(os.getpid()) not in (results[1].error or "")  # it ran in a worker


class WarmingRules(RulesExtractor):
    """The rules backend, noting in the process that warms it up that it did."""

    warmed_in: ClassVar[list[int]] = []

    def warm_up(self) -> None:
        WarmingRules.warmed_in.append(os.getpid())
        super().warm_up()


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_data_is_loaded_once_before_forking_and_not_for_other_start_methods(method, root):
    WarmingRules.warmed_in.clear()
    paths = [str(root / "seeds")]
    ctx = multiprocessing.get_context(method)
    par = [r.extraction for r in run_extraction(paths, WarmingRules(), workers=2, mp_context=ctx)]
    # forked workers inherit what the parent loaded; spawned ones would not see it
    assert WarmingRules.warmed_in == ([os.getpid()] if method == "fork" else [])
    assert par == [r.extraction for r in run_extraction(paths, RulesExtractor(), workers=1)]


def test_warm_up_loads_what_a_first_document_would():
    from llmx.core import divisions, gazetteer
    from llmx.core.vocab import get_vocab

    RulesExtractor().warm_up()
    assert divisions.get_divisions.cache_info().currsize == 1
    assert gazetteer.get_gazetteer.cache_info().currsize == 1
    assert None not in get_vocab()._compiled  # every entry's pattern compiled


# -- Ctrl-C ---------------------------------------------------------------------------------


def _saved(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM extractions").fetchone()[0]
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def test_ctrl_c_mid_run_keeps_what_was_saved_and_a_rerun_resumes(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    n_docs = 400
    for i in range(n_docs):
        para = (
            f"Năm {2010 + i % 14}, Chỉ số CCHC của tỉnh Phú Thọ đạt {60 + i % 30},{i % 10} "
            f"điểm, xếp thứ {1 + i % 63}/63. Tỷ lệ hồ sơ trực tuyến đạt {i % 100}%.\n\n"
        )
        (d / f"doc{i:04d}.txt").write_text(para * 8, encoding="utf-8")
    db = tmp_path / "c.db"
    # Its own process group, which a terminal's Ctrl-C reaches whole (workers included).
    proc = subprocess.Popen(
        [sys.executable, "-m", "llmx", "extract", str(d), "--db", str(db), "-w", "2"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    while _saved(db) < 5 and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    stderr = err.decode()
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "Interrupted; everything stored so far is kept.", stderr
    with Store(db) as store:
        saved = store.backends() and list(store.iter_extractions("rules"))
        assert saved and 5 <= len(saved) < n_docs
        # every saved document is whole: its row, its records, its extraction row
        assert store.counts()["documents"] == len(saved)
        run = store.get_run(1)
        assert run is not None and run["status"] == "failed"
    rerun = llmx("extract", str(d), "--db", str(db), "-w", "2", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr.decode()
    with Store(db) as store:
        run = store.get_run(2)
        assert run is not None and run["status"] == "ok"
        assert (run["docs_skipped"], run["docs_ok"]) == (len(saved), n_docs - len(saved))
        assert store.counts()["documents"] == n_docs


# -- --show-rejected ------------------------------------------------------------------------


class Rejecting(Backend):
    """Finds nothing and rejects two candidates in documents whose name says so."""

    name = "rejecting"
    offline = True

    def extract(self, doc: Document) -> ExtractionOutcome:
        ex = DocumentExtraction.of(doc, self.name)
        rejected = []
        if "rej" in doc.doc_id:
            rejected = [
                Rejection(record_type="metric", reason="value not found in its quote"),
                Rejection(record_type="index_result", reason="rank 70 out of 63"),
            ]
        return ExtractionOutcome(extraction=ex, rejected=rejected)


@pytest.fixture
def extract_app(monkeypatch) -> typer.Typer:
    from llmx.cli import extract_cmd

    real = registry.entry_points

    def fake(group: str):
        return [*real(group=group), EntryPoint("rejecting", f"{__name__}:Rejecting", group)]

    monkeypatch.setattr(registry, "entry_points", fake)
    app = typer.Typer()
    extract_cmd.register(app)
    app.command("noop")(lambda: None)  # two commands, so "extract" stays a subcommand
    return app


@pytest.fixture
def rej_docs(tmp_path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    for name in ("a_rej", "b_clean", "c_rej"):
        (d / f"{name}.txt").write_text(f"Văn bản {name} về cải cách hành chính.", encoding="utf-8")
    return d


def test_show_rejected_lists_each_rejection_per_document_after_the_summary(
    extract_app, rej_docs, tmp_path
):
    res = CliRunner().invoke(
        extract_app,
        ["extract", str(rej_docs), "-b", "rejecting", "--no-store", "--show-rejected"],
    )
    assert res.exit_code == 0, res.output
    out = res.output
    listing = out[out.index("rejected candidates: 4 in 2 document(s)") :]
    assert out.index("documents") < out.index("rejected candidates:")  # after the summary
    lines = listing.splitlines()[1:]
    a, c = str(rej_docs / "a_rej.txt"), str(rej_docs / "c_rej.txt")
    assert lines == [
        f"{a}:",
        "  metric: value not found in its quote",
        "  index_result: rank 70 out of 63",
        f"{c}:",
        "  metric: value not found in its quote",
        "  index_result: rank 70 out of 63",
    ]
    assert "b_clean" not in listing
    plain = CliRunner().invoke(extract_app, ["extract", str(rej_docs), "-b", "rejecting",
                                             "--no-store"])  # fmt: skip
    assert "rejected candidates" not in plain.output


def test_show_rejected_goes_to_stderr_with_jsonl(extract_app, rej_docs):
    res = CliRunner().invoke(
        extract_app,
        ["extract", str(rej_docs), "-b", "rejecting", "--no-store", "--jsonl",
         "--show-rejected"],
    )  # fmt: skip
    assert res.exit_code == 0, res.stderr
    assert len(res.stdout.splitlines()) == 3 and "rejected candidates" not in res.stdout
    assert "rejected candidates: 4 in 2 document(s)" in res.stderr
    assert "  index_result: rank 70 out of 63" in res.stderr


def test_files_loaded_in_workers_fail_and_skip_as_in_one_process(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a_good.txt").write_text(
        "Năm 2023, Chỉ số CCHC của tỉnh Phú Thọ đạt 86,2 điểm, xếp thứ 14/63.", encoding="utf-8"
    )
    (d / "b_empty.txt").write_bytes(b"")
    (d / "c_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (d / "d_good.txt").write_text("Năm 2022, tỉnh Vĩnh Phúc xếp thứ 3/63.", encoding="utf-8")
    backend = RulesExtractor()
    seen = {}
    for n in (1, 2):
        with Store(tmp_path / f"s{n}.db") as store:
            first = [(r.status, r.error, r.extraction)
                     for r in run_extraction([str(d)], backend, store,
                                             run_id=store.begin_run("rules"), workers=n)]
            again = [r.status for r in run_extraction([str(d)], backend, store,
                                                      run_id=store.begin_run("rules"),
                                                      workers=n)]  # fmt: skip
        seen[n] = (first, again)
    assert [s for s, _, _ in seen[1][0]] == ["ok", "error", "error", "ok"]
    assert seen[1][1] == ["skipped", "error", "error", "skipped"]
    assert seen[2] == seen[1]


def test_backends_list_says_which_backends_run_in_processes():
    infos = {i.name: i for i in registry.backend_infos()}
    assert infos["rules"].processes and not infos["openai"].processes
