"""Record words read through the English glossary (llmx.qa.names.meaning_tokens)."""

from __future__ import annotations

from llmx.qa.names import meaning_tokens


def test_english_words_read_as_the_vietnamese_ones():
    assert {"ty", "le", "ho", "so", "truc", "tuyen"} <= set(
        meaning_tokens("share of dossiers filed online")
    )
    assert {"toan", "trinh"} <= set(meaning_tokens("end-to-end online dossiers"))


def test_the_end_of_a_year_is_no_end_to_end_service():
    assert "toan" not in meaning_tokens("by the end of 2024, dossiers filed online")


def test_vietnamese_words_are_kept():
    assert meaning_tokens("tỷ lệ hồ sơ trực tuyến") == ["ty", "le", "ho", "so", "truc", "tuyen"]


def test_english_names_of_departments_and_regions() -> None:
    from llmx.qa.names import english_department_keys
    from llmx.qa.render import _region_english, english_name

    assert english_department_keys("so tu phap") == {"department of justice"}
    assert english_department_keys("tu phap") == set()
    assert english_name("Sở Tư pháp") == "the Department of Justice"
    # a unit's type after its name, as English writes it
    assert english_name("huyện Đăk Hà") == "Dak Ha district"
    assert _region_english("Đồng bằng sông Cửu Long") == "Mekong Delta"
    assert _region_english("Tây Nguyên") == "Central Highlands"


def test_what_was_done_to_procedures_reads_as_the_vietnamese_verbs():
    # "đang thực hiện 2.038 thủ tục" vs "công bố 585 thủ tục nội bộ": the English verb says which
    assert {"thuc", "hien"} <= set(meaning_tokens("procedures the province is implementing"))
    assert {"cong", "bo", "noi"} <= set(meaning_tokens("internal procedures announced"))
    assert {"bai", "bo"} <= set(meaning_tokens("procedures abolished"))


def test_a_department_whose_name_is_not_its_ministrys():
    from llmx.core.gazetteer import get_gazetteer
    from llmx.qa.names import english_department_keys
    from llmx.qa.render import english_name

    gaz = get_gazetteer()
    assert gaz.ministry("Bộ Ngoại giao").department_name == "Sở Ngoại vụ"
    assert gaz.ministry_of_department("Sở Ngoại vụ").name == "Bộ Ngoại giao"
    assert english_department_keys("so ngoai vu") == {"department of foreign affairs"}
    assert english_name("Sở Ngoại vụ") == "the Department of Foreign Affairs"
