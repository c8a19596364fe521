"""QA answers from confident records first: a doubtful record is never preferred over a
confident one that answers as well (the same key), and is never reported as tying with it."""

from __future__ import annotations

from llmx.qa.execute import Hit, _assign_roles
from llmx.store.models import StoredIndexResult

TEXT = "Tỉnh Hà Giang xếp thứ 5 cả nước."


def _hit(entity: str, confidence: float | None, key: tuple) -> Hit:
    rec = StoredIndexResult.model_construct(
        doc_id="d", backend="rules", entity=entity, index="PAR_INDEX", year=2023, rank=5,
        confidence=confidence, evidence=None,
    )  # fmt: skip
    return Hit("index", rec, key)


def test_a_confident_record_beats_an_equally_keyed_doubtful_one():
    doubtful = _hit("Lào Cai", 0.3, (0,))
    confident = _hit("Hà Giang", 0.9, (0,))
    kept = _assign_roles([doubtful, confident], ties_by_entity=True)
    assert kept[0] is confident and confident.role == "best"
    assert doubtful.role == "other"


def test_a_better_keyed_doubtful_record_still_comes_first():
    # The key says how well a record answers the question (scope, level, index, year): a
    # department's confident "thứ 1/21 trong tỉnh" does not answer "which province is first
    # nationwide" better than a doubtful national result does.
    doubtful = _hit("Lào Cai", 0.3, (0,))
    confident = _hit("Hà Giang", 0.9, (1,))
    kept = _assign_roles([confident, doubtful], ties_by_entity=True)
    assert kept[0] is doubtful and doubtful.role == "best"


def test_unassessed_records_count_as_confident():
    unassessed = _hit("Lào Cai", None, (0,))
    doubtful = _hit("Hà Giang", 0.3, (0,))
    kept = _assign_roles([doubtful, unassessed], ties_by_entity=True)
    assert kept[0] is unassessed and doubtful.role == "other"


def test_no_tie_across_confidence_classes():
    confident = _hit("Hà Giang", 0.9, (0,))
    doubtful = _hit("Lào Cai", 0.2, (0,))
    _assign_roles([doubtful, confident], ties_by_entity=True)
    assert confident.role == "best" and doubtful.role == "other"
    other_confident = _hit("Lào Cai", 0.8, (0,))
    _assign_roles([confident, other_confident], ties_by_entity=True)
    assert other_confident.role == "tie"


def _ranked(rank: int | None, total: int | None, quote: str) -> StoredIndexResult:
    from llmx.core.records import Evidence

    return StoredIndexResult.model_construct(
        doc_id="d", backend="rules", entity="Hà Giang", index="PAR_INDEX", year=2023,
        rank=rank, rank_total=total, evidence=Evidence.model_construct(quote=quote),
    )  # fmt: skip


def test_first_or_last_only_where_a_record_says_so():
    from llmx.qa.execute import _stated_extreme

    assert _stated_extreme(_ranked(63, 63, "xếp thứ 63/63"), bottom=True)
    assert _stated_extreme(_ranked(None, None, "đứng cuối bảng xếp hạng"), bottom=True)
    assert not _stated_extreme(_ranked(12, 63, "xếp thứ 12/63"), bottom=True)
    assert _stated_extreme(_ranked(1, 63, "xếp thứ 1"), bottom=False)
    assert _stated_extreme(_ranked(None, None, "có điểm cao nhất cả nước"), bottom=False)
    assert not _stated_extreme(_ranked(5, 63, "xếp thứ 5/63"), bottom=False)
