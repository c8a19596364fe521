"""The real-reporting corpus in eval/real holds together: every passage has its source, its
split and gold that aligns and validates; QA items rest on gold; the split is by source."""

from __future__ import annotations

from collections import defaultdict

import pytest

from llmx.evaluation.corpus_check import check_corpus


@pytest.fixture(scope="module")
def corpus(root):
    real = root / "eval" / "real"
    if not (real / "sources.jsonl").is_file():
        pytest.skip("no real corpus in this checkout")
    return check_corpus(real)


def test_corpus_has_no_errors(corpus):
    assert corpus.errors == []


def test_every_passage_is_labelled_sourced_and_split(corpus):
    assert len(corpus.gold) == len(corpus.entries) >= 80
    assert all(e.split in ("dev", "test") for e in corpus.entries)
    by_url = defaultdict(set)
    for e in corpus.entries:
        by_url[e.source_key].add(e.split)
    assert all(len(s) == 1 for s in by_url.values())  # no article on both sides
    test_share = sum(e.split == "test" for e in corpus.entries) / len(corpus.entries)
    # A quarter to a half of the passages are held out. The 2026-12-02 additions went to dev
    # by hand (dev lacked tables, ministries and English reporting), which moved the share
    # from 0.39 to 0.29; later additions go through merge_real.py's hash split again.
    assert 0.25 <= test_share <= 0.5


def test_corpus_covers_what_the_eval_needs(corpus):
    s = corpus.summary()
    assert s["sources"] >= 40 and s["lang"].get("en", 0) >= 10 and s["format"].get("html", 0) >= 10
    for index in ("PAR_INDEX", "SIPAS", "PCI", "PAPI", "DTI", "PGI", "SERVICE_INDEX"):
        assert s["indices"].get(index, 0) >= 3, index
    for feature in ("national_many", "regional", "ministries", "departments", "districts",
                    "communes", "rises", "falls", "earlier_year", "targets", "sub_index",
                    "metrics", "initiatives"):  # fmt: skip
        assert s["features"].get(feature, 0) >= 2, feature


def test_qa_set_is_large_and_varied(corpus):
    items = corpus.items
    assert len(items) >= 150
    assert all(i.split in ("dev", "test") for i in items)
    forms = {i.form for i in items}
    assert forms == {"accented", "plain", "english"}
    families = {i.family for i in items}
    assert {"who_rank", "superlative", "comparison", "change_list", "count", "metric",
            "unanswerable"} <= families  # fmt: skip


def test_llmx_eval_reports_the_four_sets_side_by_side(root, corpus):
    import json
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "llmx", "eval", "--json", "--errors", "3"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    b = data["backends"][0]
    assert [s["set"] for s in b["sets"]] == ["seeds", "written", "real-dev", "real-test"]
    for s in b["sets"]:
        ir = s["types"]["index_results"]
        assert {"precision", "recall", "f1"} <= set(ir) and {"precision", "f1"} <= set(ir["slots"])
        assert set(ir["key_confusion"]) >= {"entity", "year", "index", "scope"}
    test = b["sets"][3]
    assert test["errors"] == [] and test["errors_hidden"]  # no --show-test-errors
    qa = {q["set"]: q for q in b["qa"]}
    assert set(qa) == {"seeds", "real-dev", "real-test"}
    for q in qa.values():
        assert q["correct"] + q["wrong"] + q["refused"] == q["questions"]
    assert qa["real-dev"]["questions"] + qa["real-test"]["questions"] >= 150
