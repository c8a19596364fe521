"""Components declared once (llmx/data/vocab/component.toml): the vocabulary's entries are
what the sentence rules (lexicon) and the table reader know as an index's parts."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from llmx.core.records import IndexName
from llmx.core.textnorm import fold_keep_offsets
from llmx.core.vocab import Entry, get_vocab
from llmx.core.vocab.compile import folded_source, pattern_source
from llmx.rules import lexicon as lx
from llmx.rules.index_results import component_indices

VOCAB = get_vocab()
ENTRIES = [e for e in VOCAB.entries if e.kind == "component"]


def _id(e: Entry) -> str:
    return f"{e.label[:30]}:{e.lang}:{e.pattern[:20]}"


def test_every_entry_of_a_component_names_the_same_known_indices() -> None:
    codes = set(get_args(IndexName))
    by: dict[str, set[str]] = {}
    for e in ENTRIES:
        indices = e.attrs.get("index", "").split()
        assert indices and set(indices) <= codes, e.label
        by.setdefault(e.label, set()).add(" ".join(indices))
    assert all(len(v) == 1 for v in by.values()), {k: v for k, v in by.items() if len(v) > 1}
    # each component has its display names
    for label in by:
        c = VOCAB.concept("component", label)
        assert c is not None and c.vi == label and c.en, label


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_examples_read_the_same_in_folded_text(entry: Entry) -> None:
    folded = re.compile(folded_source(entry.pattern))
    plain = re.compile(pattern_source(entry.pattern), re.IGNORECASE)
    for text in entry.examples:
        want, got = plain.search(text), folded.search(fold_keep_offsets(text))
        assert want is not None and got is not None and got.span() == want.span(), text


def _known(text: str) -> list[tuple[str, str]]:
    """(canonical name, "v" named / "e" kept as written) of each known component in text."""
    out = []
    for m in lx.KNOWN_COMPONENT_RE.finditer(fold_keep_offsets(text)):
        assert m.lastgroup is not None
        out.append((lx.KNOWN_COMPONENTS[int(m.lastgroup[1:])][0], m.lastgroup[0]))
    return out


def test_the_sentence_rules_read_the_vocabularys_components() -> None:
    assert _known("Lào Cai đứng thứ 5 về Gia nhập thị trường") == [("Gia nhập thị trường", "v")]
    # an abbreviation and an English name are kept as the text writes them
    assert _known("lĩnh vực Cải cách TTHC đạt 13,5 điểm") == [("Cải cách thủ tục hành chính", "e")]
    assert _known("ranked 9th for Digital Government") == [("Chính quyền số", "e")]
    # an everyday name is no known component: it is read only after a cue
    assert _known("mức độ hài lòng của người dân tăng") == []
    cued = [name for name, _ in lx.CUED_COMPONENTS]
    assert "Mức độ hài lòng" in cued and "Chính quyền số" not in cued
    # the service index's first group is read anywhere and in its sub-score lists
    assert "Công khai, minh bạch" in cued and _known("công khai, minh bạch") != []


def test_a_components_indices_come_from_the_vocabulary() -> None:
    assert component_indices("Chính quyền số") == ("DTI",)
    assert component_indices("Tác động của CCHC") == ("PAR_INDEX",)
    assert component_indices("Số hóa hồ sơ") == ("SERVICE_INDEX",)
    assert component_indices("Công khai, minh bạch") == ("PAPI", "SERVICE_INDEX")
    assert component_indices("Chất lượng nước") == ()


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("Cải cách TTHC", "Cải cách thủ tục hành chính"),
        ("Xây dựng và tổ chức thực hiện VBQPPL",
         "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật"),
        ("Tác động của CCHC đến người dân, tổ chức",
         "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội"),
        ("Tính minh bạch", "Tính minh bạch"),
        ("Law & Order", "Thiết chế pháp lý"),
        ("Hoạt động chính quyền số", "Hoạt động chính quyền số"),
        ("Chính sách ưu đãi và dịch vụ hỗ trợ doanh nghiệp trong bảo vệ môi trường",
         "Chính sách ưu đãi và dịch vụ hỗ trợ doanh nghiệp trong bảo vệ môi trường"),
    ],
)  # fmt: skip
def test_a_header_cell_reads_as_its_component(cell: str, label: str) -> None:
    spans = VOCAB.find(cell, {"component"})
    assert spans and spans[0].label == label


def test_short_names_are_read_in_table_headers_only() -> None:
    text = (
        "Chỉ số CCHC năm 2021 của hai tỉnh theo lĩnh vực\n"
        "Tỉnh | Thể chế | Tài chính công | Tổng điểm\n"
        "Hà Nam | 8,10 | 5,92 | 86,02\n"
        "Ninh Bình | 7,75 | 6,01 | 84,30\n"
    )
    from llmx.rules.extractor import RulesExtractor
    from tests.support.documents import make_doc

    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert sorted((r.entity, r.component or "", r.score) for r in recs) == [
        ("Hà Nam", "", 86.02), ("Hà Nam", "Thể chế", 8.1), ("Hà Nam", "Tài chính công", 5.92),
        ("Ninh Bình", "", 84.3), ("Ninh Bình", "Thể chế", 7.75),
        ("Ninh Bình", "Tài chính công", 6.01),
    ]  # fmt: skip
    # in running text the same words are no component
    assert _known("quản lý tài chính công và thể chế của tỉnh") == []
    assert "Thể chế" not in [name for name, _ in lx.CUED_COMPONENTS]
