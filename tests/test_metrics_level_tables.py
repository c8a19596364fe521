"""Tables of figures per level of government ("Cấp | Hồ sơ tiếp nhận | Tỷ lệ trực tuyến" with a
row for each of "Cấp huyện", "Cấp xã", …): each cell is a metric of the province, named by its
column and its row's level, and by the period the article reports on. Written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.unit, m.year) for m in out.extraction.metrics}


_TABLE = (
    "Nam Định tiếp nhận hơn 40 nghìn hồ sơ trong quý II/2024\n\n"
    "Trong quý II năm 2024, các cơ quan, đơn vị trên địa bàn tỉnh Nam Định tiếp nhận 41.200 "
    "hồ sơ thủ tục hành chính.\n\n"
    "Cấp | Hồ sơ tiếp nhận | Hồ sơ trực tuyến | Tỷ lệ trực tuyến\n"
    "Sở, ban, ngành cấp tỉnh | 15.300 | 6.120 | 40%\n"
    "Cấp huyện | 9.850 | 2.955 | 30,5%\n"
    "Cấp xã | 16.050 | 1.605 | 10,1%\n"
)


def test_each_cell_of_a_level_table_is_a_metric_of_the_province() -> None:
    got = metrics(_TABLE)
    assert got[9850] == ("Nam Định", "số hồ sơ tiếp nhận cấp huyện quý II/2024", "hồ sơ", 2024)
    assert got[2955][1] == "số hồ sơ trực tuyến cấp huyện quý II/2024"
    assert got[30.5] == ("Nam Định", "tỷ lệ trực tuyến cấp huyện quý II/2024", "%", 2024)
    assert got[15300][1] == "số hồ sơ tiếp nhận tại sở, ban, ngành cấp tỉnh quý II/2024"
    assert got[10.1][1] == "tỷ lệ trực tuyến cấp xã quý II/2024"


def test_a_ranking_table_of_provinces_is_not_read_as_levels() -> None:
    text = (
        "Chỉ số CCHC năm 2023\n\n"
        "Tỉnh | Điểm | Xếp hạng\n"
        "Quảng Ninh | 91,5 | 1\n"
        "Hải Phòng | 90,1 | 2\n"
    )
    assert all(not n.startswith("số điểm") for _, n, _, _ in metrics(text).values())


def test_a_table_without_a_level_in_its_rows_is_left_alone() -> None:
    text = (
        "Nam Định tiếp nhận hồ sơ năm 2024\n\n"
        "Năm 2024, tỉnh Nam Định tiếp tục cải cách hành chính.\n\n"
        "Lĩnh vực | Hồ sơ tiếp nhận | Hồ sơ trực tuyến\n"
        "Đất đai | 5.100 | 2.040\n"
        "Xây dựng | 1.200 | 600\n"
    )
    assert 5100 not in metrics(text)
