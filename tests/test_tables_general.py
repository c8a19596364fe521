"""Ranking tables read from what their headers mean, in shapes real sites and reports use
(my own invented pages, units and figures): change columns dated by their comparison year,
changes in words, tables written side by side, unusual columns borne out by the rows'
own figures, ranking lines flattened to "unit: score" or "N. unit score", and negatives
that must give no index result."""

from __future__ import annotations

from pathlib import Path

from llmx.core.records import IndexResult
from llmx.ingest.loader import load_document
from llmx.ingest.sources import expand_paths
from llmx.rules.extractor import RulesExtractor
from llmx.rules.table_cells import change_cell, row_values
from llmx.rules.table_header import header_role, read_cell
from tests.support.documents import make_doc

Row = tuple[str, int | None, float | None, int | None]


def _page(tmp_path: Path, body: str) -> list[IndexResult]:
    page = tmp_path / "trang.html"
    page.write_text(f"<html><head><title>Tin tức</title></head><body>{body}</body></html>")
    doc = load_document(expand_paths([str(page)])[0])
    return list(RulesExtractor().extract(doc).extraction.index_results)


def _text(text: str) -> list[IndexResult]:
    return list(RulesExtractor().extract(make_doc(text)).extraction.index_results)


def _sure(recs: list[IndexResult]) -> list[Row]:
    return sorted(
        (r.entity, r.year, r.score, r.rank)
        for r in recs
        if r.confidence is not None and r.confidence >= 0.7
    )


# -- header words ---------------------------------------------------------------------------


def test_header_words_of_changes_counts_and_the_generic_index() -> None:
    roles = {
        "Điểm tăng/giảm": "score_change", "Số điểm tăng, giảm": "score_change",
        "Chênh lệch điểm": "score_change", "Tăng (+), giảm (-) bậc": "rank_change",
        "Hạng tăng/giảm": "rank_change", "Tăng giảm thứ hạng": "rank_change",
        "Ranking change": "rank_change", "So với năm 2022": "other", "vs 2021": "other",
        "Số phiếu khảo sát": "other", "Sample size": "other", "Chỉ số 2023": "total_score",
        "Index": "total_score", "Final score": "total_score", "Scores": "score",
        "City": "unit", "Sở, ban ngành": "unit",
    }  # fmt: skip
    for cell, role in roles.items():
        assert header_role(cell) == role, cell
    assert read_cell(0, "Chỉ số năm 2023", parts=False).year == 2023  # type: ignore[union-attr]


def test_a_change_columns_year_is_what_it_compares_with_not_the_tables_year() -> None:
    col = read_cell(3, "Tăng/giảm hạng so với 2021", parts=False)
    assert col is not None and col.role == "rank_change" and col.year is None
    text = (
        "Chỉ số PAR Index năm 2022 của các tỉnh Đồng bằng sông Cửu Long\n"
        "Tỉnh | Điểm | Hạng | Tăng/giảm hạng so với 2021\n"
        "Hậu Giang | 86,71 | 9 | +4\n"
        "Sóc Trăng | 84,12 | 21 | ↓3\n"
        "Trà Vinh | 83,30 | 26 | Tăng 2 bậc\n"
        "Bạc Liêu | 81,05 | 44 | –\n"
    )
    got = sorted((r.entity, r.year, r.rank, r.rank_change) for r in _text(text))
    assert got == [
        ("Bạc Liêu", 2022, 44, None), ("Hậu Giang", 2022, 9, 4),
        ("Sóc Trăng", 2022, 21, -3), ("Trà Vinh", 2022, 26, 2),
    ]  # fmt: skip


def test_change_cells_in_words_and_places_with_their_move() -> None:
    assert change_cell("Tăng 2 bậc", whole=True) == 2
    assert change_cell("giảm 5 hạng", whole=True) == -5
    assert change_cell("Giữ nguyên", whole=True) == 0
    assert change_cell("–", whole=True) is None  # no data, not a hold
    assert change_cell("tăng 1,5 điểm", whole=True) is None  # not a whole number of places
    line = "Kon Tum | 12 (+3)"
    cells = [(0, 7), (10, len(line))]
    got = row_values(line, cells, {"rank": 1})
    assert got == {"rank": 12, "rank_total": None, "rank_change": 3}


# -- HTML tables ---------------------------------------------------------------------------


def test_a_thead_table_with_th_cells_places_out_of_the_total_and_name_variants(
    tmp_path: Path,
) -> None:
    body = (
        "<h2>Bảng 1: Kết quả Chỉ số CCHC năm 2023 của 63 tỉnh, thành phố</h2>"
        "<table><thead><tr><th>STT</th><th>Tỉnh, thành phố</th><th>Điểm số</th>"
        "<th>Xếp hạng</th></tr></thead><tbody>"
        "<tr><td>1</td><td><strong>Bình Phước</strong></td><td>90,44</td><td>1/63</td></tr>"
        "<tr><td>2</td><td><span>TP.HCM</span></td><td>89,02</td><td>2/63</td></tr>"
        "<tr><td>3</td><td>Thừa Thiên - Huế</td><td>87,5</td><td>3/63</td></tr>"
        "<tr><td>4</td><td>BÀ RỊA - VŨNG TÀU</td><td>86,9</td><td>4/63</td></tr>"
        "</tbody></table>"
    )
    recs = _page(tmp_path, body)
    assert _sure(recs) == [
        ("Bà Rịa - Vũng Tàu", 2023, 86.9, 4), ("Bình Phước", 2023, 90.44, 1),
        ("TP. Hồ Chí Minh", 2023, 89.02, 2), ("Thừa Thiên Huế", 2023, 87.5, 3),
    ]  # fmt: skip
    assert {r.rank_total for r in recs} == {63} and {r.scope for r in recs} == {"national"}
    assert {r.index for r in recs} == {"PAR_INDEX"}


def test_top_and_bottom_ranks_written_side_by_side_are_two_tables(tmp_path: Path) -> None:
    body = (
        "<p>Nhóm đầu và nhóm cuối Chỉ số SIPAS năm 2023</p>"
        "<table><tr><th>Hạng</th><th>Tỉnh</th><th>Điểm</th><th></th>"
        "<th>Hạng</th><th>Tỉnh</th><th>Điểm</th></tr>"
        "<tr><td>1</td><td>Ninh Bình</td><td>90,10</td><td></td>"
        "<td>62</td><td>Đắk Nông</td><td>75,10</td></tr>"
        "<tr><td>2</td><td>Hà Nam</td><td>89,80</td><td></td>"
        "<td>63</td><td>Kon Tum</td><td>74,80</td></tr></table>"
    )
    assert _sure(_page(tmp_path, body)) == [
        ("Hà Nam", 2023, 89.8, 2), ("Kon Tum", 2023, 74.8, 63),
        ("Ninh Bình", 2023, 90.1, 1), ("Đắk Nông", 2023, 75.1, 62),
    ]  # fmt: skip


def test_a_column_nobody_explains_is_read_past_when_the_ranks_follow_the_scores(
    tmp_path: Path,
) -> None:
    head = (
        "<p>Kết quả Chỉ số PAPI 2022 theo tỉnh</p><table><tr><th>Tỉnh</th><th>Trụ cột A</th>"
        "<th>Trụ cột B</th><th>Tổng điểm</th><th>Xếp hạng</th></tr>"
    )
    rows = [("Quảng Trị", "45,10", "3"), ("Quảng Bình", "44,90", "5"), ("Nghệ An", "44,20", "9")]
    body = head + "".join(
        f"<tr><td>{u}</td><td>5,12</td><td>5,40</td><td>{s}</td><td>{r}</td></tr>"
        for u, s, r in rows
    )
    assert _sure(_page(tmp_path, body + "</table>")) == [
        ("Nghệ An", 2022, 44.2, 9), ("Quảng Bình", 2022, 44.9, 5), ("Quảng Trị", 2022, 45.1, 3),
    ]  # fmt: skip
    # a better place with a lower score: the header is not what it seems; nothing is read
    rows[1] = ("Quảng Bình", "46,90", "5")
    body = head + "".join(
        f"<tr><td>{u}</td><td>5,12</td><td>5,40</td><td>{s}</td><td>{r}</td></tr>"
        for u, s, r in rows
    )
    assert _page(tmp_path, body + "</table>") == []


# -- tables flattened to lines ------------------------------------------------------------


def test_numbered_lines_with_the_score_after_a_space_or_in_brackets() -> None:
    text = (
        "Bảng xếp hạng Chỉ số CCHC năm 2023 (5 tỉnh dẫn đầu):\n\n"
        "1. Hải Dương 91,18\n2. Bắc Ninh 90,10\n3. Hà Nam (89,44)\n"
    )
    assert _sure(_text(text)) == [
        ("Bắc Ninh", 2023, 90.1, 2), ("Hà Nam", 2023, 89.44, 3), ("Hải Dương", 2023, 91.18, 1),
    ]  # fmt: skip


def test_lines_of_a_unit_its_score_and_its_place() -> None:
    text = (
        "Kết quả Chỉ số CCHC năm 2022 của các tỉnh Tây Nguyên:\n\n"
        "Lâm Đồng: 88,12 điểm (hạng 10)\n"
        "Đắk Lắk: 85,40 điểm (hạng 25/63)\n"
        "Gia Lai: 83,10 điểm\n"
    )
    recs = _text(text)
    assert _sure(recs) == [
        ("Gia Lai", 2022, 83.1, None), ("Lâm Đồng", 2022, 88.12, 10), ("Đắk Lắk", 2022, 85.4, 25),
    ]  # fmt: skip
    assert {r.index for r in recs} == {"PAR_INDEX"}
    bullets = "Top 3 Chỉ số DTI cấp tỉnh năm 2022:\n- Đà Nẵng: 0,6523\n- Quảng Ninh: 0,5890\n"
    assert _sure(_text(bullets)) == [
        ("Quảng Ninh", 2022, 0.589, None), ("Đà Nẵng", 2022, 0.6523, None),
    ]  # fmt: skip


def test_keyed_lines_of_rates_or_components_are_no_index_results() -> None:
    rates = (
        "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2023 (Chỉ số CCHC):\n"
        "Sở Tư pháp: 98,50%\nSở Nội vụ: 97,20%\n"
    )
    assert not [r for r in _text(rates) if r.score in (98.5, 97.2)]
    parts = (
        "Chỉ số thành phần Cải cách thủ tục hành chính năm 2023 (PAR Index):\n"
        "Lào Cai: 9,12\nYên Bái: 8,80\n"
    )
    assert not [r for r in _text(parts) if r.score in (9.12, 8.8) and r.component is None]


def test_a_table_of_procedures_is_no_ranking(tmp_path: Path) -> None:
    body = (
        "<p>Chỉ số CCHC năm 2023: số thủ tục hành chính của các sở</p>"
        "<table><tr><th>STT</th><th>Lĩnh vực</th><th>Số thủ tục</th><th>Mức độ</th></tr>"
        "<tr><td>1</td><td>Hộ tịch</td><td>45</td><td>4</td></tr>"
        "<tr><td>2</td><td>Đất đai</td><td>30</td><td>3</td></tr></table>"
    )
    assert _page(tmp_path, body) == []


def test_rows_under_a_cell_spanning_rows_keep_their_values(tmp_path: Path) -> None:
    body = (
        "<p>Kết quả Chỉ số PCI 2022 của một số tỉnh</p>"
        "<table><tr><th>Nhóm</th><th>Tỉnh</th><th>Điểm</th><th>Hạng</th></tr>"
        "<tr><td rowspan=2>Rất tốt</td><td>Thái Nguyên</td><td>72,15</td><td>1</td></tr>"
        "<tr><td>Phú Thọ</td><td>71,80</td><td>2</td></tr>"
        "<tr><td rowspan=2>Tốt</td><td>Vĩnh Long</td><td>69,76</td><td>3</td></tr>"
        "<tr><td>Tây Ninh</td><td>68,45</td><td>11</td></tr></table>"
    )
    assert _sure(_page(tmp_path, body)) == [
        ("Phú Thọ", 2022, 71.8, 2), ("Thái Nguyên", 2022, 72.15, 1),
        ("Tây Ninh", 2022, 68.45, 11), ("Vĩnh Long", 2022, 69.76, 3),
    ]  # fmt: skip


def test_the_bare_word_index_under_a_caption_naming_it(tmp_path: Path) -> None:
    body = (
        "<p>Chỉ số hài lòng SIPAS 2023 - các tỉnh đứng đầu</p>"
        "<table><tr><th>Xếp hạng</th><th>Tỉnh/TP</th><th>Chỉ số</th></tr>"
        "<tr><td>1</td><td>Hòa Bình</td><td>89,50%</td></tr>"
        "<tr><td>2</td><td>Khánh Hoà</td><td>88,90%</td></tr></table>"
    )
    recs = _page(tmp_path, body)
    assert _sure(recs) == [("Hòa Bình", 2023, 89.5, 1), ("Khánh Hòa", 2023, 88.9, 2)]
    assert {(r.index, r.score_unit) for r in recs} == {("SIPAS", "percent")}


def test_columns_set_out_with_runs_of_spaces() -> None:
    text = (
        "Kết quả Chỉ số PAPI năm 2021 của các tỉnh duyên hải\n\n"
        "STT   Tỉnh          Điểm     Xếp hạng\n"
        "1     Bình Định     45,12    3\n"
        "2     Quảng Trị     44,80    7\n"
        "3     Ninh Thuận    40,01    50\n"
    )
    assert _sure(_text(text)) == [
        ("Bình Định", 2021, 45.12, 3), ("Ninh Thuận", 2021, 40.01, 50),
        ("Quảng Trị", 2021, 44.8, 7),
    ]  # fmt: skip


def test_prose_with_double_spaces_is_no_table() -> None:
    text = (
        "Chỉ số PAPI năm 2021 của tỉnh được công bố.  Tỉnh đạt 45,12 điểm.  Xếp thứ 3.\n"
        "Năm trước,  tỉnh đạt 44,80 điểm,  xếp thứ 7  cả nước.\n"
    )
    from llmx.rules.tables import table_results

    assert table_results(make_doc(text)) == []


def test_one_units_fields_after_a_row_number_beside_the_maximum_score(tmp_path: Path) -> None:
    body = (
        "<p>Chỉ số CCHC năm 2023 của tỉnh Phú Yên theo từng lĩnh vực</p>"
        "<table><tr><th>STT</th><th>Lĩnh vực</th><th>Điểm tối đa</th><th>Điểm đạt được</th></tr>"
        "<tr><td>1</td><td>Cải cách thể chế</td><td>10</td><td>9,10</td></tr>"
        "<tr><td>2</td><td>Cải cách thủ tục hành chính</td><td>13</td><td>12,05</td></tr>"
        "<tr><td></td><td>Tổng cộng</td><td>100</td><td>88,40</td></tr></table>"
    )
    recs = _page(tmp_path, body)
    got = sorted((r.entity, r.component, r.year, r.score) for r in recs)
    assert got == [
        ("Phú Yên", "Cải cách thể chế", 2023, 9.1),
        ("Phú Yên", "Cải cách thủ tục hành chính", 2023, 12.05),
    ]  # the maximum (10, 13, 100) is no score


def test_a_change_column_not_saying_of_what_is_the_move_its_figures_bear_out() -> None:
    text = (
        "PCI 2023 rankings of selected provinces\n"
        "Province | Ranking 2023 | Ranking 2022 | Change\n"
        "Lao Cai | 4 | 7 | +3\n"
        "Binh Duong | 8 | 6 | -2\n"
        "Ben Tre | 12 | 12 | 0\n"
    )
    got = sorted((r.entity, r.year, r.rank, r.rank_change) for r in _text(text))
    assert got == [
        ("Bình Dương", 2022, 6, None), ("Bình Dương", 2023, 8, -2),
        ("Bến Tre", 2022, 12, None), ("Bến Tre", 2023, 12, 0),
        ("Lào Cai", 2022, 7, None), ("Lào Cai", 2023, 4, 3),
    ]  # fmt: skip
    # figures that are not the move between the two columns stay unread
    text = text.replace("| +3", "| +5")
    assert {r.rank_change for r in _text(text)} == {None}


def test_columns_of_several_indices_give_each_index_its_records(tmp_path: Path) -> None:
    body = (
        "<p>Kết quả Chỉ số CCHC và SIPAS của các tỉnh Tây Bắc</p>"
        "<table><tr><th rowspan=2>Tỉnh</th><th colspan=2>Chỉ số CCHC</th>"
        "<th colspan=2>SIPAS</th></tr><tr><th>2022</th><th>2023</th><th>2022</th>"
        "<th>2023</th></tr>"
        "<tr><td>Lai Châu</td><td>82,1</td><td>84,0</td><td>80,5</td><td>82,2</td></tr>"
        "<tr><td>Điện Biên</td><td>80,0</td><td>81,5</td><td>79,1</td><td>80,9</td></tr></table>"
    )
    got = sorted((r.entity, r.index, r.year, r.score) for r in _page(tmp_path, body))
    assert got == [
        ("Lai Châu", "PAR_INDEX", 2022, 82.1), ("Lai Châu", "PAR_INDEX", 2023, 84.0),
        ("Lai Châu", "SIPAS", 2022, 80.5), ("Lai Châu", "SIPAS", 2023, 82.2),
        ("Điện Biên", "PAR_INDEX", 2022, 80.0), ("Điện Biên", "PAR_INDEX", 2023, 81.5),
        ("Điện Biên", "SIPAS", 2022, 79.1), ("Điện Biên", "SIPAS", 2023, 80.9),
    ]  # fmt: skip
    flat = (
        "Kết quả năm 2023 của các tỉnh Tây Bắc\n"
        "Tỉnh | PAR Index | SIPAS | Xếp hạng\n"
        "Lai Châu | 84,0 | 82,2 | 20\n"
        "Điện Biên | 81,5 | 80,9 | 31\n"
    )
    got = sorted((r.entity, r.index, r.score, r.rank) for r in _text(flat))
    # the rank names no index: whose it is cannot be told, so it is left out
    assert got == [
        ("Lai Châu", "PAR_INDEX", 84.0, None), ("Lai Châu", "SIPAS", 82.2, None),
        ("Điện Biên", "PAR_INDEX", 81.5, None), ("Điện Biên", "SIPAS", 80.9, None),
    ]  # fmt: skip


def test_a_score_written_over_its_maximum_is_the_score() -> None:
    text = (
        "Chỉ số PGI năm 2022 của các tỉnh miền Trung\n\n"
        "Tỉnh | Điểm | Xếp hạng\nQuảng Ngãi | 25,5/30 | 5\nBình Định | 24,1 / 30 | 9\n"
    )
    assert _sure(_text(text)) == [("Bình Định", 2022, 24.1, 9), ("Quảng Ngãi", 2022, 25.5, 5)]


def test_lines_that_give_the_place_first() -> None:
    text = (
        "Xếp hạng Chỉ số SIPAS năm 2022 (các tỉnh dẫn đầu):\n"
        "Hạng 1: Ninh Bình (90,12%)\nHạng 2: Hà Nam (89,80%)\nHạng 3 – Sóc Trăng\n"
    )
    assert _sure(_text(text)) == [
        ("Hà Nam", 2022, 89.8, 2), ("Ninh Bình", 2022, 90.12, 1), ("Sóc Trăng", 2022, None, 3),
    ]  # fmt: skip


def test_a_table_far_below_the_index_its_text_names_and_footnoted_units() -> None:
    lead = "Chỉ số PAPI năm 2022 vừa được công bố. " + "Nội dung chi tiết của báo cáo. " * 25
    text = (
        f"{lead}\n\nBảng 3\n"
        "Tỉnh | Điểm | Xếp hạng\nQuảng Nam² | 44,10 | 12\nQuảng Ngãi* | 43,20 | 20\n"
    )
    assert len(lead) > 600
    assert _sure(_text(text)) == [("Quảng Nam", 2022, 44.1, 12), ("Quảng Ngãi", 2022, 43.2, 20)]


def test_scores_beyond_the_index_scale_leave_the_places_below_the_cut_off() -> None:
    text = (
        "Kết quả Chỉ số chuyển đổi số năm 2023 của các sở, ngành tỉnh Hà Nam\n"
        "STT | Đơn vị | Điểm | Xếp hạng\n"
        "1 | Sở Thông tin và Truyền thông | 850,5 | 1\n2 | Sở Tài chính | 700,1 | 2\n"
    )
    recs = _text(text)
    assert sorted((r.entity, r.score, r.rank) for r in recs) == [
        ("Sở Thông tin và Truyền thông", None, 1), ("Sở Tài chính", None, 2),
    ]  # fmt: skip
    assert all(r.confidence is not None and r.confidence < 0.7 for r in recs)


def test_a_blank_last_column_of_tab_or_space_parted_lines() -> None:
    for sep, end in (("\t", "\t"), ("    ", "    ")):
        rows = [("1", "Tây Ninh", "92,6", ""), ("2", "Hà Giang", "90,9", "")]
        text = (
            "Kết quả Chỉ số PCI năm 2020 của một số tỉnh\n\n"
            + sep.join(("Xếp hạng", "Tỉnh", "Điểm số", "Ghi chú")) + "\n"
            + "".join(sep.join(r[:3]) + end + "\n" for r in rows)
        )
        assert _sure(_text(text)) == [("Hà Giang", 2020, 90.9, 2), ("Tây Ninh", 2020, 92.6, 1)], sep
