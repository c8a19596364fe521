"""Index results on sentences written for these tests: a move between two places with the
start's group and year in brackets between them ("từ vị trí thứ 37, thuộc nhóm Trung bình
(năm 2020), lên vị trí thứ 11") gives the end place to the measured year, the start to the
bracketed one."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def ranks(text: str) -> dict[int | None, tuple[int | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text)).extraction
    return {r.year: (r.rank, r.rank_change) for r in out.index_results}


def test_the_starts_group_and_year_between_the_places() -> None:
    got = ranks(
        "Theo kết quả PCI 2022, Phú Yên đã leo từ vị trí thứ 41, thuộc nhóm Trung bình (năm "
        "2021), lên vị trí thứ 18, thuộc nhóm Khá."
    )
    assert got[2022] == (18, 23)
    assert got[2021][0] == 41


def test_a_bracketed_start_year_alone() -> None:
    got = ranks("Năm 2022, Phú Yên tăng từ thứ 41 (năm 2021) lên thứ 18 về PCI.")
    assert got[2022] == (18, 23) and got[2021][0] == 41


def test_an_index_named_only_in_brackets_is_no_topic_of_the_next_sentence() -> None:
    text = (
        "Năm 2023, Chỉ số CCHC của tỉnh Gia Lai đạt 84,51 điểm. Phần đánh giá tác động được "
        "30,2 điểm (trong đó Chỉ số SIPAS được 8,1/10 điểm). Với kết quả đó, tỉnh đứng thứ "
        "47/63, tăng 5 bậc."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction
    placed = [r for r in out.index_results if r.rank == 47]
    assert placed and all(r.index == "PAR_INDEX" for r in placed)


def test_the_leader_of_a_middle_group_has_no_place() -> None:
    text = (
        "Năm 2019, TPHCM đạt 43,79 điểm PAPI. Nhóm có điểm số trung bình thấp gồm 15 tỉnh; "
        "đứng đầu nhóm này là Thái Bình."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction
    assert not [r for r in out.index_results if r.rank == 1]


def test_the_leader_of_the_top_group_is_still_first() -> None:
    out = (
        RulesExtractor()
        .extract(make_doc("Năm 2023, Quảng Ninh dẫn đầu nhóm A về Chỉ số CCHC."))
        .extraction
    )
    assert [r.rank for r in out.index_results] == [1]


def test_a_provinces_foreign_affairs_department_is_so_ngoai_vu() -> None:
    text = (
        "In the DDCI 2019 of Phu Yen, the Department of Foreign Affairs led the department "
        "block with 68.84 points."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction
    assert {r.entity for r in out.index_results} == {"Sở Ngoại vụ"}
