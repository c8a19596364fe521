"""The corpus check flags a "which rose / fell" QA item that misses a member another passage
gives: the real corpus is asked as one store, so adding a passage can add a true answer."""

import json
from pathlib import Path

from llmx.evaluation.corpus_check import check_corpus


def _rec(entity: str, change: int, quote: str) -> dict:
    return {
        "entity": entity, "entity_level": "province", "index": "PCI", "component": None,
        "year": 2022, "score": None, "score_unit": None, "rank": None, "rank_total": None,
        "rank_change": change, "score_change": None, "scope": "national", "is_target": False,
        "evidence": {"quote": quote}, "optional": False,
    }  # fmt: skip


def _corpus(tmp: Path, second_change: int) -> Path:
    real = tmp / "real"
    (real / "docs").mkdir(parents=True)
    (real / "gold").mkdir()
    texts = {
        "a1": ("Sơn La giảm 3 bậc trong PCI 2022.", _rec("Sơn La", -3, "Sơn La giảm 3 bậc")),
        "a2": (
            f"Năm 2022, Hải Phòng thay đổi {second_change} bậc trên bảng PCI.",
            _rec("Hải Phòng", second_change, f"Hải Phòng thay đổi {second_change} bậc"),
        ),
    }
    sources = []
    for doc_id, (text, rec) in texts.items():
        (real / "docs" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        gold = {"doc_id": doc_id, "index_results": [rec], "metrics": [], "initiatives": []}
        (real / "gold" / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False))
        sources.append({
            "doc_id": doc_id, "url": f"https://example.org/{doc_id}", "published": "2023",
            "outlet": "example.org", "title": doc_id, "lang": "vi", "format": "txt",
            "indices": ["PCI"], "features": ["falls"], "split": "dev", "note": "",
        })  # fmt: skip
    (real / "sources.jsonl").write_text("\n".join(json.dumps(s) for s in sources) + "\n")
    item = {
        "id": "t-q1", "question": "Những tỉnh nào tụt hạng PCI năm 2022?", "lang": "vi",
        "form": "accented", "family": "change_list", "tags": ["falls"], "answerable": True,
        "expect": {"record_type": "index_result", "entities": ["Sơn La"], "field": "rank_change",
                   "values": {"Sơn La": -3.0}, "year": 2022, "index": "PCI"},
        "sources": [{"doc_id": "a1", "quote": "Sơn La giảm 3 bậc"}], "split": "dev",
    }  # fmt: skip
    (real / "qa.jsonl").write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    return real


def test_a_faller_in_another_passage_is_flagged(tmp_path):
    c = check_corpus(_corpus(tmp_path, -1))
    assert not c.errors
    flagged = [w for w in c.warnings if "not in the expected list" in w]
    assert len(flagged) == 1 and "Hải Phòng" in flagged[0] and "t-q1" in flagged[0]


def test_a_riser_does_not_belong_in_a_list_of_fallers(tmp_path):
    c = check_corpus(_corpus(tmp_path, 2))
    assert not c.errors
    assert not [w for w in c.warnings if "not in the expected list" in w]
