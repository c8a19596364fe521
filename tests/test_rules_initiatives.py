"""Initiatives of the offline extractor: how names are read and who is said to run them, on
sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.core.records import Initiative
from llmx.core.textnorm import fold
from llmx.rules.extractor import RulesExtractor


def initiatives(text: str, title: str | None = None) -> list[Initiative]:
    out = RulesExtractor().extract(make_doc(text, title=title))
    for rec in out.extraction.initiatives:
        assert text[rec.evidence.start : rec.evidence.end] == rec.evidence.quote
    return out.extraction.initiatives


def owners(text: str, title: str | None = None) -> dict[str, str]:
    return {i.name: i.entity for i in initiatives(text, title)}


# -- who runs it -----------------------------------------------------------------------------


def test_owner_linked_after_the_name_wins_over_the_clause_subject() -> None:
    got = owners(
        "Tỉnh Nghệ An biểu dương mô hình “Sổ tay công vụ” của huyện Yên Thành và sáng kiến "
        "“Chấm điểm một cửa” của UBND huyện Đô Lương, phương châm “Ba rõ” của tỉnh Hà Tĩnh."
    )
    assert got == {
        "Sổ tay công vụ": "huyện Yên Thành",
        "Chấm điểm một cửa": "huyện Đô Lương",
        "Ba rõ": "Hà Tĩnh",
    }


def test_respective_owners_pair_with_the_names_of_a_list() -> None:
    got = owners(
        "Tại Nghệ An, các mô hình “Tổ tự quản”, “Loa xóm”, “Hộp thư góp ý” lần lượt do huyện "
        "Yên Thành, huyện Đô Lương và huyện Nghi Lộc triển khai."
    )
    assert got == {
        "Tổ tự quản": "huyện Yên Thành",
        "Loa xóm": "huyện Đô Lương",
        "Hộp thư góp ý": "huyện Nghi Lộc",  # the unit after "và huyện" is found too
    }


def test_an_agent_after_the_name_is_shared_by_the_list() -> None:
    got = owners(
        "Ngoài ra, các mô hình “Bến xe số”, “Chợ không tiền mặt” được Sở Thông tin và Truyền "
        "thông hướng dẫn triển khai tại tỉnh Nghệ An."
    )
    assert set(got.values()) == {"Sở Thông tin và Truyền thông"}


def test_bodies_of_the_province_take_its_name() -> None:
    got = owners(
        "Tỉnh Nghệ An duy trì phong trào “Thanh niên hỗ trợ người dân” do Tỉnh đoàn phát động.",
        title="Nghệ An đẩy mạnh cải cách hành chính",
    )
    assert got == {"Thanh niên hỗ trợ người dân": "Tỉnh đoàn Nghệ An"}
    city = owners(
        "Năm 2023, TP. Đà Nẵng tăng 3 bậc. Công an thành phố đẩy mạnh phong trào “Chủ nhật "
        "làm căn cước”.",
        title="Đà Nẵng tăng hạng",
    )
    assert city == {"Chủ nhật làm căn cước": "Công an TP. Đà Nẵng"}


def test_units_governed_by_a_preposition_are_not_the_subject() -> None:
    got = owners(
        "Tỉnh Nghệ An duy trì chương trình “Trà chiều doanh nghiệp” do Sở Tư pháp phối hợp với "
        "Hiệp hội Doanh nghiệp tỉnh tổ chức, đồng thời thành lập mô hình “Tổ phản ứng nhanh”."
    )
    assert got == {"Trà chiều doanh nghiệp": "Sở Tư pháp", "Tổ phản ứng nhanh": "Nghệ An"}


def test_a_place_in_brackets_qualifies_the_unit_before_it() -> None:
    got = owners(
        "Tại Trung tâm Phục vụ hành chính công xã Tân Lập (tỉnh Phú Thọ), mô hình “Sáng thứ Ba "
        "không hẹn” được duy trì hằng tuần."
    )
    assert got == {"Sáng thứ Ba không hẹn": "xã Tân Lập"}


def test_a_bare_level_word_is_the_last_unit_of_that_level() -> None:
    got = owners(
        "Tỉnh Yên Bái công bố kết quả. Thị xã Nghĩa Lộ có nhiều đồng bào dân tộc thiểu số.\n\n"
        "Năm 2023, thị xã tiếp nhận 1.200 hồ sơ. Thị xã duy trì các mô hình “Một cửa bản "
        "làng”, “Cán bộ nói tiếng Thái”."
    )
    assert got == {
        "Một cửa bản làng": "thị xã Nghĩa Lộ",
        "Cán bộ nói tiếng Thái": "thị xã Nghĩa Lộ",
    }


def test_each_clause_has_its_own_subject() -> None:
    got = owners(
        "Ở Nghệ An, huyện Yên Thành duy trì mô hình “Cà phê công vụ”; huyện Đô Lương triển khai "
        "mô hình “Ngày thứ Ba lắng nghe”."
    )
    assert got == {"Cà phê công vụ": "huyện Yên Thành", "Ngày thứ Ba lắng nghe": "huyện Đô Lương"}


# -- how names are read ----------------------------------------------------------------------


def test_a_model_named_without_quotes() -> None:
    got = initiatives("Lần đầu tiên, tỉnh Long An đưa mô hình Trà sáng doanh nhân vào hoạt động.")
    assert [(i.name, i.entity, i.kind) for i in got] == [
        ("Trà sáng doanh nhân", "Long An", "mô hình")
    ]


def test_unquoted_words_that_are_not_a_name() -> None:
    assert initiatives("Tỉnh Long An cho biết mô hình này được người dân đánh giá cao.") == []
    # Only models are named without quotes: this is an organisation, not a programme.
    assert initiatives("Tỉnh Long An làm việc với Chương trình Phát triển Liên Hợp quốc.") == []


def test_single_quoted_names() -> None:
    got = initiatives("UBND phường Tân Định đang thí điểm mô hình 'Chủ nhật không chờ'.")
    assert [(i.name, i.entity) for i in got] == [("Chủ nhật không chờ", "phường Tân Định")]


def test_kinds_beyond_the_question_words() -> None:
    got = initiatives(
        "Năm 2023, tỉnh Long An thực hiện khâu đột phá “Số hóa hồ sơ”, triển khai mô hình điểm "
        "“Phường không giấy” và ứng dụng Công dân số “Long An Smart”."
    )
    assert {i.name: i.kind for i in got} == {
        "Số hóa hồ sơ": "khâu đột phá",
        "Phường không giấy": "mô hình điểm",
        "Long An Smart": "ứng dụng",
    }


def test_a_numbered_scheme_once_per_document() -> None:
    got = initiatives(
        "Tỉnh Long An triển khai tích cực Đề án 06 của Chính phủ. Tỉnh cần hoàn thành các nhiệm "
        "vụ của Đề án 06 trong năm 2024."
    )
    assert [(i.name, i.entity, i.kind) for i in got] == [("Đề án 06", "Chính phủ", "đề án")]


def test_a_name_is_recorded_again_only_for_a_new_owner() -> None:
    got = initiatives(
        "Lần đầu tiên, tỉnh Long An đưa mô hình Trà sáng doanh nhân vào hoạt động.\n\n"
        "Hiệp hội DN tỉnh Long An đã chuẩn bị rồi đưa mô hình Trà sáng doanh nhân vào tổ chức. "
        "Tỉnh sẽ duy trì mô hình Trà sáng doanh nhân hằng quý."
    )
    assert [i.entity for i in got] == ["Long An", "Hiệp hội Doanh nghiệp tỉnh Long An"]


# -- the year an initiative runs in ---------------------------------------------------------


def test_an_undated_initiative_takes_the_one_year_its_article_measures() -> None:
    text = (
        "UBND phường Tân Mai đang thí điểm mô hình “Chiều thứ sáu không hẹn”.\n\n"
        "Năm 2024, tỷ lệ hồ sơ giải quyết đúng hạn của phường đạt 99,1%."
    )
    assert [(i.name, i.year) for i in initiatives(text)] == [("Chiều thứ sáu không hẹn", 2024)]


def test_an_undated_initiative_stays_undated_where_its_article_measures_several_years() -> None:
    text = (
        "UBND phường Tân Mai đang thí điểm mô hình “Chiều thứ sáu không hẹn”.\n\n"
        "Năm 2024, tỷ lệ hồ sơ giải quyết đúng hạn của phường đạt 99,1%, năm 2023 đạt 97,5%."
    )
    assert [(i.name, i.year) for i in initiatives(text)] == [("Chiều thứ sáu không hẹn", None)]


# -- English: the name beside its kind word ------------------------------------------------


def test_english_names_before_and_after_their_kind_word() -> None:
    text = (
        "In 2024, the People's Committee of Vinh Quang ward rolled out the “Open Friday” "
        "model, and Thai Nguyen launched an initiative called “Digital Neighbours”."
    )
    got = {(i.entity, i.name, i.kind) for i in initiatives(text)}
    assert ("Thái Nguyên", "Digital Neighbours", "sáng kiến") in got, got
    assert any(n == "Open Friday" and k == "mô hình" and fold(e).startswith("phuong vinh quang")
               for e, n, k in got), got  # fmt: skip


def test_an_english_kind_word_without_a_quoted_name_names_nothing() -> None:
    assert initiatives("In 2024, the province piloted several new models for communes.") == []
