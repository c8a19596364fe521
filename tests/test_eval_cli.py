"""`llmx eval` end to end on a small gold set of hand-written Vietnamese documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.eval_cli import eval_app
from typer.testing import CliRunner

from llmx.core.records import RECORD_TYPES, DocumentExtraction
from llmx.evaluation.gold import load_gold_set

DOC_1 = (
    "Tỉnh Lào Cai công bố kết quả cải cách hành chính\n"
    "Năm 2023, tỉnh Lào Cai đạt 86,47 điểm Chỉ số cải cách hành chính, xếp thứ 9/63, "
    "tăng 4 bậc so với năm trước.\n"
    "Tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh đạt 71,2% trong năm 2023.\n"
    "Tỉnh nhân rộng mô hình “Tổ công nghệ số cộng đồng” tại các thôn, bản.\n"
)
DOC_2 = (
    "Huyện Bảo Thắng rút ngắn thời gian giải quyết hồ sơ\n"
    "Trong năm 2023, huyện Bảo Thắng giải quyết 5.316 hồ sơ đúng hạn.\n"
    "Chỉ số SIPAS năm 2023 của tỉnh Lào Cai đạt 84,05%.\n"
)


def _gold() -> dict[str, dict]:
    return {
        "lc_01": {
            "index_results": [
                {
                    "entity": "Lào Cai",
                    "index": "PAR_INDEX",
                    "year": 2023,
                    "score": 86.47,
                    "score_unit": "points",
                    "evidence": {"quote": "tỉnh Lào Cai đạt 86,47 điểm Chỉ số cải cách hành chính"},
                    "optional": False,
                },
                {
                    "entity": "Lào Cai",
                    "index": "PAR_INDEX",
                    "year": 2023,
                    "rank": 9,
                    "rank_total": 63,
                    "rank_change": 4,
                    "evidence": {"quote": "xếp thứ 9/63, tăng 4 bậc so với năm trước"},
                    "optional": False,
                },
            ],
            "metrics": [
                {
                    "entity": "Lào Cai",
                    "name": "tỷ lệ hồ sơ trực tuyến toàn trình",
                    "value": 71.2,
                    "unit": "%",
                    "year": 2023,
                    "evidence": {"quote": "hồ sơ trực tuyến toàn trình của tỉnh đạt 71,2%"},
                    "optional": False,
                }
            ],
            "initiatives": [
                {
                    "entity": "Lào Cai",
                    "name": "Tổ công nghệ số cộng đồng",
                    "kind": "mô hình",
                    "evidence": {"quote": "mô hình “Tổ công nghệ số cộng đồng”"},
                    "optional": True,
                }
            ],
        },
        "lc_02": {
            "index_results": [
                {
                    "entity": "Lào Cai",
                    "index": "SIPAS",
                    "year": 2023,
                    "score": 84.05,
                    "score_unit": "percent",
                    "evidence": {"quote": "Chỉ số SIPAS năm 2023 của tỉnh Lào Cai đạt 84,05%."},
                    "optional": False,
                }
            ],
            "metrics": [
                {
                    "entity": "huyện Bảo Thắng",
                    "name": "số hồ sơ giải quyết đúng hạn",
                    "value": 5316,
                    "unit": "hồ sơ",
                    "year": 2023,
                    "evidence": {"quote": "huyện Bảo Thắng giải quyết 5.316 hồ sơ đúng hạn"},
                    "optional": False,
                }
            ],
        },
    }


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A project-like folder: goldset/{*.txt, gold/*.json}, thresholds and predictions."""
    root = tmp_path / "goldset"
    (root / "gold").mkdir(parents=True)
    for doc_id, text in (("lc_01", DOC_1), ("lc_02", DOC_2)):
        (root / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    for doc_id, gold in _gold().items():
        (root / "gold" / f"{doc_id}.json").write_text(
            json.dumps({"doc_id": doc_id, **gold}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    (tmp_path / "strict.toml").write_text(
        "[rules]\nindex_results_f1 = 1.0\nmetrics_f1 = 1.0\ninitiatives_f1 = 1.0\n"
        "ungrounded_max = 0\n",
        encoding="utf-8",
    )
    gs = load_gold_set(root / "gold", root)
    lines = []
    for d in gs.docs:
        recs = {
            t: [RECORD_TYPES[t].model_validate(g.record) for g in d.of_type(t)]
            for t in RECORD_TYPES
        }
        ex = DocumentExtraction(
            doc_id=d.doc_id,
            source=d.document.source,
            sha256=d.document.sha256,
            backend="rules",
            **recs,
        )
        lines.append(ex.model_dump_json())
    (tmp_path / "perfect.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _eval(*args: str):
    return CliRunner().invoke(eval_app(), ["eval", *args])


def _degrade(src: Path, dst: Path) -> None:
    lines = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    lines[0]["index_results"] = lines[0]["index_results"][:1]  # drop the rank record
    dst.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")


BASE = ("--gold", "goldset", "--thresholds", "strict.toml", "--no-qa")


def test_identical_predictions_pass_at_threshold_one(workdir):
    r = _eval(*BASE, "--predictions", "perfect.jsonl")
    assert r.exit_code == 0, r.output
    assert "FAIL" not in r.output
    assert "goldset" in r.output and "index_results" in r.output


def test_degraded_predictions_fail_and_name_the_score(workdir):
    _degrade(workdir / "perfect.jsonl", workdir / "degraded.jsonl")
    r = _eval(*BASE, "--predictions", "degraded.jsonl")
    assert r.exit_code == 1, r.output
    assert "FAIL rules goldset index_results_f1 0.800 < 1.000" in r.output
    assert "miss index_results lc_01" in r.output


def test_changed_score_is_ungrounded_and_fails(workdir):
    lines = (workdir / "perfect.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["index_results"][0]["score"] = 86.5  # not what its quote says
    lines[0] = json.dumps(first, ensure_ascii=False)
    (workdir / "changed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    r = _eval(*BASE, "--predictions", "changed.jsonl", "--json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["ok"] is False
    # The changed score is ungrounded, and its record no longer counts as right.
    assert {f["key"] for f in data["failures"]} == {"ungrounded_max", "index_results_f1"}
    s = data["backends"][0]["sets"][0]
    assert s["ungrounded"] == 1
    assert s["types"]["index_results"]["fields"]["score"]["correct"] == 2
    assert "FAIL rules goldset ungrounded_max 1 > 0" in r.stderr


def test_json_and_markdown_report(workdir):
    r = _eval(*BASE, "--predictions", "perfect.jsonl", "--json", "--report", "out.md")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    ir = data["backends"][0]["sets"][0]["types"]["index_results"]
    assert ir["f1"] == 1.0 and ir["tp"] == 3
    assert data["backends"][0]["sets"][0]["types"]["initiatives"]["f1"] is None  # optional only
    assert data["backends"][0]["qa"] == []  # --no-qa
    assert ir["slots"]["f1"] == 1.0 and ir["key"]["f1"] == 1.0
    assert set(ir["key_confusion"]) >= {"entity", "year", "index", "scope"}
    md = (workdir / "out.md").read_text(encoding="utf-8")
    assert md.startswith("# llmx evaluation")
    assert "| goldset | index_results | 3 | 3 | 1.000 | 1.000 | 1.000 |" in md
    assert not list(workdir.glob(".out.md.tmp*"))


def test_missing_table_means_no_gating(workdir):
    _degrade(workdir / "perfect.jsonl", workdir / "degraded.jsonl")
    (workdir / "other.toml").write_text("[openai]\nmetrics_f1 = 1.0\n", encoding="utf-8")
    r = _eval("--gold", "goldset", "--thresholds", "other.toml", "--no-qa",
              "--predictions", "degraded.jsonl")  # fmt: skip
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--gold", "nowhere", "--predictions", "perfect.jsonl"), "gold directory not found"),
        (("--gold", "goldset", "--predictions", "missing.jsonl"), "cannot read predictions"),
        (("--gold", "goldset", "--predictions", "strict.toml"), "invalid JSON"),
        (("--gold", "goldset", "--predictions", "perfect.jsonl", "--thresholds", "no.toml"),
         "cannot read thresholds"),
        (("--gold", "goldset", "--predictions", "perfect.jsonl", "--backend", "openai"),
         "no predictions from backend 'openai'"),
    ],
)  # fmt: skip
def test_bad_input_exits_2(workdir, args, message):
    r = _eval(*args, "--no-qa")
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_broken_gold_label_names_the_file(workdir):
    path = workdir / "goldset" / "gold" / "lc_02.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["metrics"][0]["evidence"]["quote"] = "giải quyết 9.999 hồ sơ đúng hạn"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = _eval(*BASE, "--predictions", "perfect.jsonl")
    assert r.exit_code == 2
    assert "lc_02.json" in r.stderr and "quote not found" in r.stderr


def test_installed_cli_subprocess(workdir):
    """Through the real entry point: exit codes survive the process boundary."""
    _degrade(workdir / "perfect.jsonl", workdir / "degraded.jsonl")
    cmd = [sys.executable, "-m", "llmx", "eval", *BASE]
    ok = subprocess.run([*cmd, "--predictions", "perfect.jsonl"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*cmd, "--predictions", "degraded.jsonl"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "index_results_f1" in bad.stdout
