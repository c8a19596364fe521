"""Hand-written Vietnamese texts and gold-style record builders for the evaluation tests
(tests/test_eval_match.py, tests/test_eval_slots.py): ``ir``, ``metric`` and ``initiative``
give a record dict whose evidence is aligned to the quote in the text."""

from __future__ import annotations

from llmx.core.grounding import align_quote

TEXT_A = (
    "Kết quả Chỉ số cải cách hành chính năm 2023 của tỉnh Hà Giang\n"
    "Năm 2023, tỉnh Hà Giang đạt 85,12 điểm Chỉ số cải cách hành chính, xếp thứ 12/63 tỉnh, "
    "thành phố, tăng 5 bậc so với năm 2022.\n"
    "Ở chỉ số thành phần Cải cách thủ tục hành chính, tỉnh đạt 12,35 điểm.\n"
    "Tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 97,5% trong năm 2023.\n"
    "Hà Giang đã có 1.250 thủ tục hành chính được cung cấp trực tuyến.\n"
    "Tỉnh duy trì mô hình “Cà phê doanh nhân” để lắng nghe doanh nghiệp.\n"
)
TEXT_B = (
    "Thành phố Đồng Hới đẩy mạnh chuyển đổi số\n"
    "Trong năm 2024, TP. Đồng Hới tiếp nhận 8.420 hồ sơ trực tuyến, đạt tỷ lệ 64,3%.\n"
    "Thành phố triển khai sáng kiến “Chủ nhật xanh không hẹn” tại các phường.\n"
)


def evidence(text: str, quote: str) -> dict:
    a = align_quote(text, quote)
    assert a is not None, quote
    return {"quote": text[a.start : a.end], "start": a.start, "end": a.end}


def ir(text: str, quote: str, **kw) -> dict:
    base = {
        "entity": "Hà Giang",
        "entity_level": "province",
        "index": "PAR_INDEX",
        "component": None,
        "year": 2023,
        "score": None,
        "score_unit": None,
        "rank": None,
        "rank_total": None,
        "rank_change": None,
        "score_change": None,
        "scope": "national",
        "is_target": False,
    }
    return {**base, **kw, "evidence": evidence(text, quote)}


def metric(text: str, quote: str, **kw) -> dict:
    base = {"entity": "Hà Giang", "name": "", "value": 0.0, "unit": "", "year": None}
    return {**base, "is_target": False, **kw, "evidence": evidence(text, quote)}


def initiative(text: str, quote: str, **kw) -> dict:
    base = {"entity": "Hà Giang", "name": "", "kind": "mô hình", "year": None}
    return {**base, **kw, "evidence": evidence(text, quote)}


Q_SCORE = "tỉnh Hà Giang đạt 85,12 điểm Chỉ số cải cách hành chính"
Q_RANK = "xếp thứ 12/63 tỉnh, thành phố, tăng 5 bậc so với năm 2022"
Q_COMP = "Ở chỉ số thành phần Cải cách thủ tục hành chính, tỉnh đạt 12,35 điểm."
Q_RATE = "Tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 97,5% trong năm 2023."
Q_COUNT = "Hà Giang đã có 1.250 thủ tục hành chính được cung cấp trực tuyến."
Q_INIT = "Tỉnh duy trì mô hình “Cà phê doanh nhân” để lắng nghe doanh nghiệp."
