"""Answer sentences, Vietnamese or English, built only from the records ``execute`` found.

One short sentence names the entity and its figures (the best match), then ties, then
lesser matches marked as such. Numbers are written the way the language writes them
(87,35 and 1.250 in Vietnamese; 87.35 and 1,250 in English). A province merged in 2025 keeps
its historical name, with the successor noted: "Hà Giang (nay thuộc tỉnh Tuyên Quang)".
"""

from __future__ import annotations

import re
import unicodedata

from llmx.core.gazetteer import get_gazetteer
from llmx.core.terms import DEFAULT_CONFIDENCE
from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab
from llmx.qa.execute import Hit, Result
from llmx.qa.names import is_bloc, key
from llmx.qa.query import Query
from llmx.store.views import IndexResultView, InitiativeView, MetricView

EMPTY_STORE = {
    "vi": "Kho dữ liệu trống: chạy `llmx extract seeds/` trước.",
    "en": "The store is empty: run `llmx extract seeds/` first.",
}


def index_name(code: str, lang: str) -> str:
    """The index's display name, from the vocabulary (``llmx/data/vocab/index.toml``)."""
    return get_vocab().index_display(code, "vi" if lang == "vi" else "en")


_LEVEL_VI = {"province": "tỉnh", "district": "huyện", "department": "sở", "ministry": "bộ",
             "commune": "xã"}  # fmt: skip
_LEVEL_EN = {"province": "provinces", "district": "districts", "department": "departments",
             "ministry": "ministries", "commune": "communes"}  # fmt: skip
_SUB_PROVINCE = ("huyen ", "thi xa ", "quan ", "xa ", "phuong ", "thi tran ")


# -- small pieces --------------------------------------------------------------------------


def num(value: float, lang: str) -> str:
    """87.35 -> "87,35" (vi) / "87.35" (en); 1250 -> "1.250" / "1,250"."""
    v = round(float(value), 4)
    if v == int(v):
        s = f"{int(v):,}"
        return s.replace(",", ".") if lang == "vi" else s
    whole, _, frac = f"{v:.4f}".rstrip("0").partition(".")
    whole = f"{int(whole):,}" if whole not in ("-0",) else whole
    if lang == "vi":
        return whole.replace(",", ".") + "," + frac
    return whole + "." + frac


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def english_name(name: str) -> str:
    """An entity's name in an English answer: a ministry's official English name, a
    province (or any other unit) without diacritics ("Đồng Tháp" -> "Dong Thap")."""
    m = get_gazetteer().ministry_by_name(name)
    if m is not None and key(m.name) == key(name):
        return m.english
    if is_bloc(name):
        # "19 bộ, cơ quan ngang bộ": the ministries' bloc, by what it is, not transliterated
        n = re.search(r"\d+", name)
        return f"the {n.group()} ministries and ministry-level agencies" if n else "the ministries"
    if key(name).startswith("so "):
        # "Sở Tư pháp": the department by the English name of its portfolio's ministry
        m = get_gazetteer().ministry_of_department(name)
        if m is not None and m.department_english_names:
            return "the " + m.department_english_names[0]
    unit = _UNIT_TYPE.match(name)
    if unit is not None and unit.end() < len(name):
        # "quận Đống Đa" -> "Dong Da district", "thị xã Sơn Tây" -> "Son Tay town"
        return f"{unaccented(name[unit.end():])} {_UNIT_TYPE_EN[key(unit.group(1))]}"
    return unaccented(name)


# A unit's type word opening its name, and how English reporting writes it after the name.
_UNIT_TYPE = re.compile(r"(quận|huyện|thị xã|xã|phường|thị trấn)\s+(?=\S)", re.IGNORECASE)
_UNIT_TYPE_EN = {
    "quan": "district", "huyen": "district", "thi xa": "town", "xa": "commune",
    "phuong": "ward", "thi tran": "township",
}  # fmt: skip


def _is_ministry(name: str) -> bool:
    m = get_gazetteer().ministry_by_name(name)
    return (m is not None and key(m.name) == key(name)) or is_bloc(name)


def unaccented(text: str) -> str:
    """Diacritics off, case kept: "Hà Giang" -> "Ha Giang", "Đắk Lắk" -> "Dak Lak"."""
    out = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in out if not unicodedata.combining(c)))


def entity_label(name: str, lang: str) -> str:
    """The entity as stored (in English answers, its English name), with its 2025 successor
    when it is a merged province."""
    shown = name if lang == "vi" else english_name(name)
    k = key(name)
    if k.startswith(_SUB_PROVINCE):
        return shown
    p = get_gazetteer().lookup(name)
    if p is None or not p.renamed:
        return shown
    if k.startswith(("tp ", "thanh pho ")) and p.kind != "thành phố":
        return shown  # "TP. Hà Tĩnh" is the district-level city, not the province
    if lang == "vi":
        return f"{name} ({p.successor_note()})"
    city = "city" if (p.successor_note() or "").startswith("nay thuộc thành phố") else "province"
    return f"{shown} (now part of {unaccented(p.merged_into.removeprefix('TP. '))} {city})"


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " và " if lang == "vi" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def _scope(scope: str, lang: str, entity: str | None = None) -> str:
    """Where a rank is counted. A ministry's national rank is among the ministries (they are
    ranked as a bloc of their own), never "cả nước"."""
    if scope == "national" and entity is not None and _is_ministry(entity):
        return "trong khối bộ, cơ quan ngang bộ" if lang == "vi" else "among the ministries"
    if scope == "national":
        return get_vocab().display("scope", "national", "vi" if lang == "vi" else "en")
    kind, _, name = scope.partition(":")
    if kind == "region":
        if lang == "vi":
            return f"trong vùng {name}"
        english = _region_english(name)
        return f"in the {english}" if english else f"in the {unaccented(name)} region"
    return f"trong tỉnh {name}" if lang == "vi" else f"within {english_name(name)}"


def _region_english(name: str) -> str | None:
    """A region's English name ("Mekong Delta"): its first alias in English, which is one no
    Vietnamese name of it folds to (not "Dong bang song Cuu Long") and no abbreviation."""
    r = get_gazetteer().lookup_region(name)
    if r is None:
        return None
    written = {fold(n) for n in r.all_names() if not n.isascii()}
    for alias in r.aliases:
        if alias.isascii() and fold(alias) not in written and not alias.isupper():
            return alias
    return None


def _about(r: IndexResultView, lang: str) -> str:
    if lang == "vi":
        s = f"về {index_name(r.index, lang)}"
        if r.component:
            s += f" lĩnh vực “{r.component}”"
        if r.year:
            s += f" năm {r.year}"
        return s
    s = f"on the {index_name(r.index, lang)}"
    if r.component:
        s += f" (component “{r.component}”)"
    if r.year:
        s += f" in {r.year}"
    return s


def _unit(r: IndexResultView, lang: str) -> str:
    if r.score_unit == "percent":
        return "%"
    return " điểm" if lang == "vi" else " points"


# -- one record, one clause ---------------------------------------------------------------


def _rank_part(r: IndexResultView, lang: str) -> str:
    assert r.rank is not None
    total = f"/{r.rank_total}" if r.rank_total else ""
    if lang == "vi":
        return f"đứng thứ {r.rank}{total} {_scope(r.scope, lang, r.entity)}"
    of = f" of {r.rank_total}" if r.rank_total else ""
    return f"ranked {ordinal(r.rank)}{of} {_scope(r.scope, lang, r.entity)}"


def _score_part(r: IndexResultView, lang: str) -> str:
    assert r.score is not None
    v = num(r.score, lang) + _unit(r, lang)
    return f"đạt {v}" if lang == "vi" else f"scored {v}"


def _rank_change_part(r: IndexResultView, h: Hit, lang: str, *, lead: bool) -> str:
    """The rank change: in full ("tăng 19 bậc, từ thứ 27 lên thứ 8") when it is what was
    asked, briefly ("tăng 3 bậc (trước đó thứ 7)") after the rank has been said."""
    change = h.derived.get("rank_change", r.rank_change)
    assert change is not None
    prev = h.derived.get("previous_rank")
    since = h.derived.get("from_year")
    up = change > 0
    if change == 0:
        # A place held: "giữ nguyên thứ hạng", not "giảm 0 bậc".
        held = "giữ nguyên thứ hạng" if lang == "vi" else "unchanged in rank"
        return held + ((" so với năm " if lang == "vi" else " compared with ") + str(since)
                       if since else "")  # fmt: skip
    if lang == "vi":
        s = f"{'tăng' if up else 'giảm'} {abs(change)} bậc"
        if prev is not None and r.rank is not None:
            s += (
                f", từ thứ {prev} {'lên' if up else 'xuống'} thứ {r.rank}"
                if lead
                else f" (trước đó thứ {prev})"
            )
        if since:
            s += f" so với năm {since}"
        return s
    s = f"{'up' if up else 'down'} {abs(change)} place{'s' if abs(change) != 1 else ''}"
    if prev is not None and r.rank is not None:
        s += f", from {ordinal(prev)} to {ordinal(r.rank)}" if lead else f" (from {ordinal(prev)})"
    if since:
        s += f" compared with {since}"
    return s


def _score_change_part(r: IndexResultView, h: Hit, lang: str) -> str:
    change = h.derived.get("score_change", r.score_change)
    assert change is not None
    since = h.derived.get("from_year")
    v = num(abs(change), lang) + _unit(r, lang)
    if lang == "vi":
        s = f"{'tăng' if change >= 0 else 'giảm'} {v}"
        return s + (f" so với năm {since}" if since else "")
    s = f"{'up' if change >= 0 else 'down'} {v}"
    return s + (f" compared with {since}" if since else "")


def index_clause(h: Hit, lead: str, lang: str) -> str:
    """One index result as a clause: entity, lead figure, other figures, then what it is
    about (index, component, year)."""
    r = h.record
    assert isinstance(r, IndexResultView)
    has_rc = r.rank_change is not None or "rank_change" in h.derived
    has_sc = r.score_change is not None or "score_change" in h.derived
    parts: list[str] = []
    order = {
        "rank": ["rank", "score", "rank_change", "score_change"],
        "score": ["score", "rank", "score_change", "rank_change"],
        "change": ["rank_change", "score_change", "rank", "score"],
        "score_change": ["score_change", "score", "rank_change", "rank"],
    }[lead]
    for f in order:
        if f == "rank" and r.rank is not None:
            if lead == "change" and has_rc and h.derived.get("previous_rank") is not None:
                continue  # already said: "từ thứ 27 lên thứ 8"
            parts.append(_rank_part(r, lang))
        elif f == "score" and r.score is not None:
            parts.append(_score_part(r, lang))
        elif f == "rank_change" and has_rc:
            parts.append(_rank_change_part(r, h, lang, lead=lead == "change"))
        elif f == "score_change" and has_sc:
            parts.append(_score_change_part(r, h, lang))
    if lead == "change" and has_rc and h.derived.get("previous_rank") is not None:
        parts[0] += " " + _scope(r.scope, lang, r.entity)
    elif lead == "score_change" and r.rank is None and r.scope != "national":
        parts[0] += " " + _scope(r.scope, lang, r.entity)
    body = f"{entity_label(r.entity, lang)} {', '.join(parts)} {_about(r, lang)}"
    if r.is_target:
        body = ("theo mục tiêu/dự kiến, " if lang == "vi" else "as a target or forecast, ") + body
    return body


def metric_clause(h: Hit, lang: str) -> str:
    m = h.record
    assert isinstance(m, MetricView)
    unit = "%" if m.unit == "%" else (f" {m.unit}" if m.unit else "")
    value = num(m.value, lang) + unit
    who = entity_label(m.entity, lang)
    same = key(m.name) == key(m.unit)
    if lang == "vi":
        s = f"{who}: {value}" if same else f"{who}: {m.name} là {value}"
        if m.year:
            s += f" (năm {m.year})"
        if m.is_target:
            s += " (mục tiêu)"
        return s
    s = f"{who}: {value}" if same else f"{who}: “{m.name}” is {value}"
    if m.year:
        s += f" (in {m.year})"
    if m.is_target:
        s += " (target)"
    return s


def _kind(r: InitiativeView, lang: str) -> str:
    if lang == "vi":
        return r.kind
    return get_vocab().translate("initiative_kind", r.kind, "en") or "initiative"


def initiative_of_clause(h: Hit, lang: str) -> str:
    r = h.record
    assert isinstance(r, InitiativeView)
    if lang == "vi":
        return f"{entity_label(r.entity, lang)} thực hiện {_kind(r, lang)} “{r.name}”"
    return f"{entity_label(r.entity, lang)} runs the “{r.name}” {_kind(r, lang)}"


def _one_unit(hits: list[Hit]) -> bool:
    return len({key(h.record.entity) for h in hits}) == 1


def _also_named(hits: list[Hit], lang: str) -> str:
    """The further initiatives one sentence names for the same unit, after the first:
    "Bắc Kạn thực hiện mô hình “A” và mô hình “B”"."""
    if lang == "vi":
        return "".join(f" và {_kind(h.record, lang)} “{h.record.name}”" for h in hits)  # type: ignore[arg-type,union-attr]
    return "".join(f" and the “{h.record.name}” {_kind(h.record, lang)}" for h in hits)  # type: ignore[arg-type,union-attr]


def clause(h: Hit, q: Query) -> str:
    text = _clause(h, q)
    c = h.record.confidence
    if c is not None and c < DEFAULT_CONFIDENCE:
        text += " (độ tin cậy thấp)" if q.lang == "vi" else " (low confidence)"
    return text


def _clause(h: Hit, q: Query) -> str:
    lang = q.lang
    if isinstance(h.record, IndexResultView):
        lead = {"score": "score", "change": "change", "change_list": "change",
                "change_extreme": "change"}.get(q.ask, "rank")  # fmt: skip
        if lead == "change" and q.measure == "score":
            lead = "score_change"
        if lead == "rank" and h.record.rank is None:
            lead = "score" if h.record.score is not None else "change"
        if lead == "score" and h.record.score is None:
            lead = "rank" if h.record.rank is not None else "change"
        if lead == "score_change" and not (
            h.record.score_change is not None or "score_change" in h.derived
        ):
            lead = "change"
        return index_clause(h, lead, lang)
    if isinstance(h.record, MetricView):
        return metric_clause(h, lang)
    return initiative_of_clause(h, lang)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


# -- whole answers -------------------------------------------------------------------------


def _others(hits: list[Hit], q: Query) -> str:
    rest = [clause(h, q) for h in hits if h.role == "other"]
    if not rest:
        return ""
    label = "Kết quả khác (ít khớp hơn): " if q.lang == "vi" else "Other, weaker matches: "
    return " " + label + "; ".join(rest) + "."


def _initiative_who_text(hits: list[Hit], q: Query) -> str:
    main = [h for h in hits if h.primary]
    r = main[0].record
    assert isinstance(r, InitiativeView)
    who = _join([entity_label(h.record.entity, q.lang) for h in main], q.lang)
    if q.lang == "vi":
        text = f"{_cap(_kind(r, 'vi'))} “{r.name}” được triển khai tại {who}."
    else:
        text = f"The “{r.name}” {_kind(r, 'en')} is run by {who}."
    rest = [h for h in hits if h.role == "other"]
    if rest:
        items = [
            f"“{h.record.name}” ({entity_label(h.record.entity, q.lang)})"  # type: ignore[union-attr]
            for h in rest
        ]
        label = " Tên gần giống: " if q.lang == "vi" else " Similar names: "
        text += label + "; ".join(items) + "."
    return text


def _ranking_text(hits: list[Hit], q: Query) -> str:
    r0 = hits[0].record
    assert isinstance(r0, IndexResultView)
    lang = q.lang
    idx = index_name(r0.index, lang)
    year = r0.year
    scope = _scope(r0.scope, lang, r0.entity)
    comp = (
        f" lĩnh vực “{r0.component}”"
        if r0.component and lang == "vi"
        else (f" (component “{r0.component}”)" if r0.component else "")
    )

    def item(h: Hit) -> str:
        r = h.record
        assert isinstance(r, IndexResultView)
        bits = []
        if r.rank is not None:
            bits.append(f"thứ {r.rank}" if lang == "vi" else ordinal(r.rank))
        if r.score is not None:
            bits.append(num(r.score, lang) + _unit(r, lang))
        return entity_label(r.entity, lang) + (f" ({', '.join(bits)})" if bits else "")

    main = [item(h) for h in hits if h.primary]
    if q.ask == "count" and q.direction is not None:
        # Counted from a complete stored ranking with every move stored.
        level = q.entity_level or "province"
        if lang == "vi":
            verb = "tăng hạng" if q.direction == "up" else "giảm hạng"
            return (
                f"Theo bảng xếp hạng {idx}{comp} năm {year} ({scope}) đã lưu đầy đủ, có "
                f"{len(main)} {_LEVEL_VI.get(level, 'đơn vị')} {verb}: {', '.join(main)}."
            )
        verb = "rose" if q.direction == "up" else "fell"
        return (
            f"By the complete stored {idx}{comp} {year} ranking ({scope}), {len(main)} "
            f"{_LEVEL_EN.get(level, 'units')} {verb}: {', '.join(main)}."
        )
    if q.ask == "count":
        level = q.entity_level or "province"
        if lang == "vi":
            return (
                f"Kho dữ liệu có kết quả {idx}{comp} năm {year} ({scope}) của {len(main)} "
                f"{_LEVEL_VI.get(level, 'đơn vị')}: {', '.join(main)}."
            )
        return (
            f"The store holds {idx}{comp} {year} results ({scope}) for {len(main)} "
            f"{_LEVEL_EN.get(level, 'units')}: {', '.join(main)}."
        )
    note = _year_note(q, year)
    if lang == "vi":
        word = "cao nhất" if q.ask == "top" else "thấp nhất"
        word += " (theo điểm, rồi thứ hạng)"
        text = (
            f"Theo các kết quả đã lưu, {idx}{comp} năm {year}{note} ({scope}) {word}: "
            + "; ".join(main) + "."
        )  # fmt: skip
    else:
        word = ("top" if q.ask == "top" else "bottom") + " (by score, then rank)"
        text = (
            f"From the stored results, the {word} of the {idx}{comp} {year}{note} ({scope}): "
            + "; ".join(main) + "."
        )  # fmt: skip
    rest = [item(h) for h in hits if h.role == "other"]
    if rest:
        text += (" Tiếp theo: " if lang == "vi" else " Next: ") + "; ".join(rest) + "."
    return text


def _describe(q: Query) -> str:
    """What was looked for, for the "not found" sentence."""
    lang = q.lang
    bits = []
    if q.entity:
        bits.append(q.entity)
    if q.index:
        bits.append(index_name(q.index, lang))
    if q.component:
        bits.append(f"“{q.component}”")
    if q.initiative:
        bits.append(f"“{q.initiative}”")
    if q.year:
        bits.append(str(q.year))
    if q.rank:
        bits.append(f"thứ {q.rank}" if lang == "vi" else ordinal(q.rank))
    if q.scope:
        bits.append(_scope(q.scope, lang))
    if q.metric:
        bits.append(q.metric)
    return " · ".join(bits)


def not_found_text(res: Result) -> str:
    q = res.query
    desc = _describe(q)
    if q.lang == "vi":
        if res.reason == "no_entity":
            return "Không tìm thấy: câu hỏi không nêu đơn vị nào có trong kho dữ liệu."
        if res.reason == "unstructured":
            return "Không tìm thấy bản ghi nào trả lời trực tiếp câu hỏi; xem các đoạn gần nhất."
        return "Không tìm thấy bản ghi nào trả lời câu hỏi này trong kho dữ liệu" + (
            f" ({desc})." if desc else "."
        )
    if res.reason == "no_entity":
        return "Not found (không tìm thấy): the question names no entity the store knows."
    if res.reason == "unstructured":
        return "Not found (không tìm thấy): no stored record answers this directly; see passages."
    return "Not found (không tìm thấy): no stored record answers this question" + (
        f" ({desc})." if desc else "."
    )


def _candidates_text(res: Result) -> str:
    """After "không tìm thấy": the records that might answer, marked as unconfirmed."""
    q = res.query
    if not res.candidates:
        return ""
    items = "; ".join(clause(h, q) for h in res.candidates[: 1 + 2 * 3])
    if q.lang == "vi":
        return f" Các bản ghi gần nhất (chưa đủ căn cứ để trả lời): {items}."
    return f" Closest records (not enough to answer): {items}."


def _partial_count_text(res: Result) -> str:
    """A count the store cannot make: how many units it holds results for, said as such."""
    q = res.query
    names = ", ".join(entity_label(h.record.entity, q.lang) for h in res.candidates)
    n = len(res.candidates)
    level = q.entity_level or "province"
    if q.lang == "vi":
        return (
            f"Không tìm thấy tổng số: kho dữ liệu chỉ có kết quả của {n} "
            f"{_LEVEL_VI.get(level, 'đơn vị')} được bài viết nêu ({names}), không phải "
            "toàn bộ bảng xếp hạng."
        )
    return (
        f"Not found (không tìm thấy): the store holds results for only {n} "
        f"{_LEVEL_EN.get(level, 'units')} that articles named ({names}), not the whole ranking."
    )


def _year_note(q: Query, year: int | None) -> str:
    """When the question fixed no year: which year the answer uses."""
    if q.year is not None or year is None:
        return ""
    if q.lang == "vi":
        return f" (câu hỏi không nêu năm: dùng năm {year}, năm gần nhất có dữ liệu)"
    return f" (no year asked: using {year}, the latest year with data)"


def _conflict_text(main: list[Hit], q: Query) -> str:
    parts = [f"{clause(h, q)} (nguồn: {h.record.doc_id})" if q.lang == "vi"
             else f"{clause(h, q)} (source: {h.record.doc_id})" for h in main]  # fmt: skip
    lead = "Các nguồn không thống nhất: " if q.lang == "vi" else "Sources disagree: "
    return lead + "; ".join(parts) + "."


def _change_list_text(hits: list[Hit], q: Query) -> str:
    main = [h for h in hits if h.primary]
    r0 = main[0].record
    assert isinstance(r0, IndexResultView)
    lang = q.lang
    level = q.entity_level or "province"
    items = "; ".join(clause(h, q) for h in main)
    year = _year_note(q, r0.year)
    if lang == "vi":
        verb = {"up": "tăng", "same": "giữ nguyên thứ hạng"}.get(q.direction or "", "giảm")
        return (
            f"Trong các kết quả đã lưu (chỉ những đơn vị được bài viết nêu), "
            f"{len(main)} {_LEVEL_VI.get(level, 'đơn vị')} {verb} về "
            f"{index_name(r0.index, lang)} năm {r0.year}{year}: {items}."
        )
    verb = {"up": "rose", "same": "kept their place"}.get(q.direction or "", "fell")
    return (
        f"Among the stored results (only the units articles named), {len(main)} "
        f"{_LEVEL_EN.get(level, 'units')} {verb} on the {index_name(r0.index, lang)} in "
        f"{r0.year}{year}: {items}."
    )


def _change_extreme_text(hits: list[Hit], q: Query) -> str:
    best = next(h for h in hits if h.primary)
    note = (" (nguồn nêu là mức thay đổi lớn nhất)" if q.lang == "vi"
            else " (the source states it is the largest change)")  # fmt: skip
    return _cap(clause(best, q)) + note + "." + _others(hits, q)


def _compare_text(hits: list[Hit], q: Query) -> str:
    main = [h for h in hits if h.primary]
    items = "; ".join(clause(h, q) for h in main)
    text = ("So sánh: " if q.lang == "vi" else "Comparison: ") + items + "."
    scored = [h for h in main if isinstance(h.record, IndexResultView)]
    measure = "rank" if q.measure == "rank" else "score"
    values = [getattr(h.record, measure) for h in scored]
    if len(scored) == len(main) >= 2 and all(v is not None for v in values):
        best = (min if measure == "rank" else max)(zip(values, range(len(scored)), strict=True))[1]
        if values.count(values[best]) == 1:
            who = entity_label(scored[best].record.entity, q.lang)
            text += (f" {who} cao hơn." if q.lang == "vi" and measure == "score"
                     else f" {who} xếp trên." if q.lang == "vi"
                     else f" {who} is ahead.")  # fmt: skip
    return text


def _years_text(hits: list[Hit], q: Query) -> str:
    main = [h for h in hits if h.primary]
    r0 = main[0].record
    assert isinstance(r0, IndexResultView)
    lang = q.lang
    who = entity_label(r0.entity, lang)
    idx = index_name(r0.index, lang)
    if q.ask == "trend":
        items = "; ".join(f"{h.record.year}: {_figures(h.record, lang)}" for h in main)  # type: ignore[arg-type]
        if lang == "vi":
            return f"{who}, {idx} qua các năm: {items}."
        return f"{who}, {idx} over the years: {items}."
    years = ", ".join(str(y) for y in sorted({h.record.year or 0 for h in hits}))
    best = main[0].record
    assert isinstance(best, IndexResultView)
    up = q.direction != "down"
    if lang == "vi":
        word = "tốt nhất" if up else "thấp nhất"
        return (f"{who} có kết quả {idx} {word} vào năm {best.year} ({_figures(best, lang)}), "
                f"trong các năm có dữ liệu: {years}.")  # fmt: skip
    word = "best" if up else "worst"
    return (f"{who}'s {word} {idx} result was in {best.year} ({_figures(best, lang)}), "
            f"among the years with data: {years}.")  # fmt: skip


def _figures(r: IndexResultView, lang: str) -> str:
    bits = []
    if r.rank is not None:
        bits.append(_rank_part(r, lang))
    if r.score is not None:
        bits.append(_score_part(r, lang))
    return ", ".join(bits)


def answer_text(res: Result) -> str:
    q = res.query
    hits = res.hits
    if not res.found and q.ask == "count" and res.candidates:
        return _partial_count_text(res)
    if not res.found:
        return not_found_text(res) + _candidates_text(res)
    if q.ask == "initiative_who":
        return _initiative_who_text(hits, q)
    if q.ask in ("top", "bottom", "count"):
        return _ranking_text(hits, q)
    if q.ask == "change_list":
        return _change_list_text(hits, q)
    if q.ask == "change_extreme":
        return _change_extreme_text(hits, q)
    if q.ask == "compare":
        return _compare_text(hits, q)
    if q.ask in ("trend", "best_year"):
        return _years_text(hits, q)
    main_hits = [h for h in hits if h.primary]
    if any(h.conflict for h in main_hits):
        return _conflict_text(main_hits, q) + _others(hits, q)
    main = [clause(h, q) for h in main_hits]
    if q.ask == "initiatives_of" and len(main) > 1 and _one_unit(main_hits):
        text = _cap(main[0]) + _also_named(main_hits[1:], q.lang) + "."
    elif len(main) > 1:
        lead = "Có {} kết quả ngang nhau: " if q.lang == "vi" else "{} equally good matches: "
        text = lead.format(len(main)) + "; ".join(main) + "."
    else:
        text = _cap(main[0]) + "."
    if q.ask == "initiatives_of":
        rest = [h for h in hits if h.role == "other"]
        if rest:
            names = "; ".join(
                f"{_kind(h.record, q.lang)} “{h.record.name}”"  # type: ignore[arg-type,union-attr]
                for h in rest
            )
            text += (" Ngoài ra: " if q.lang == "vi" else " Also: ") + names + "."
        return text
    return text + _others(hits, q)
