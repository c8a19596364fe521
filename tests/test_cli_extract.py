"""`llmx extract` end to end through the real CLI, offline."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from llmx.core.records import DocumentExtraction


def llmx(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "llmx", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def seeds_jsonl(tmp_path_factory, root) -> list[dict]:
    tmp = tmp_path_factory.mktemp("x")
    res = llmx("extract", str(root / "seeds"), "--jsonl", "--db", str(tmp / "s.db"), cwd=tmp)
    assert res.returncode == 0, res.stderr.decode()
    return [json.loads(line) for line in res.stdout.decode().splitlines()]


def test_seeds_emit_five_schema_valid_grounded_records(seeds_jsonl, root):
    assert len(seeds_jsonl) == 5
    schema = json.loads((root / "schemas" / "document_extraction.schema.json").read_text())
    texts = {}
    from llmx.ingest import expand_paths, load_document

    for src in expand_paths([str(root / "seeds")]):
        texts[src.path.name] = load_document(src).text
    for obj in seeds_jsonl:
        jsonschema.validate(obj, schema)
        # run from tmp (outside the repo), ids are relative to the seeds directory
        assert "/" not in obj["doc_id"]
        text = texts[obj["doc_id"]]
        # Re-validating with the text as context re-checks every span and number.
        ex = DocumentExtraction.model_validate(obj, context={"text": text})
        for rec in (*ex.index_results, *ex.metrics, *ex.initiatives):
            assert text[rec.evidence.start : rec.evidence.end] == rec.evidence.quote
    assert sum(len(o["index_results"]) for o in seeds_jsonl) > 0


def test_rerun_skips_unchanged_and_force_redoes(tmp_path, root):
    db = str(tmp_path / "r.db")
    src = str(root / "seeds" / "004_d489e8bb4f625183.txt")
    assert llmx("extract", src, "--db", db, cwd=tmp_path).returncode == 0
    again = llmx("extract", src, "--db", db, "--jsonl", cwd=tmp_path)
    assert again.returncode == 0 and len(again.stdout.decode().splitlines()) == 1
    assert "skipped" in again.stderr.decode()
    forced = llmx("extract", src, "--db", db, "--force", cwd=tmp_path)
    assert forced.returncode == 0


def test_missing_path_is_a_one_line_error_exit_2(tmp_path):
    res = llmx("extract", str(tmp_path / "nope"), "--db", str(tmp_path / "m.db"), cwd=tmp_path)
    assert res.returncode == 2
    err = res.stderr.decode().strip()
    assert "no such file" in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_bad_files_are_reported_and_the_rest_processed(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a_good.txt").write_text(
        "Năm 2023, Chỉ số CCHC của tỉnh Phú Thọ đạt 86,2 điểm, xếp thứ 14/63.", encoding="utf-8"
    )
    (d / "b_empty.txt").write_bytes(b"")
    (d / "c_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    out = tmp_path / "out.jsonl"
    res = llmx("extract", str(d), "--db", str(tmp_path / "b.db"), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 1
    err = res.stderr.decode()
    assert "b_empty.txt" in err and "c_binary.txt" in err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == ["docs/a_good.txt"]  # cwd-relative


def test_stdin(tmp_path):
    text = "Năm 2022, tỉnh Vĩnh Phúc xếp thứ 3/63 về Chỉ số SIPAS.".encode()
    res = llmx("extract", "-", "--jsonl", "--no-store", cwd=tmp_path, stdin=text)
    assert res.returncode == 0, res.stderr.decode()
    obj = json.loads(res.stdout)
    assert obj["doc_id"] == "stdin-" + hashlib.sha256(text).hexdigest()[:12]
    assert obj["index_results"][0]["rank"] == 3
