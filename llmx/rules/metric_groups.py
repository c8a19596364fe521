"""The size of a group of provinces an index sorts them into, told where a unit is placed in it
("Lào Cai nằm trong nhóm 16 tỉnh, thành phố có chỉ số trung bình cao", "bị xếp vào nhóm 14
tỉnh, thành có chỉ số thấp nhất", "one of 15 provinces and cities in the high average group",
"the group of 17 localities with the lowest scores"): a metric of the country (CONVENTIONS:
group counts of an index are metrics of ``Việt Nam``), named "số <units> thuộc nhóm <the
group's words>" / "number of <units> in the <group>", with the index where the words leave
it out.

What makes a group one the index sorts into, not a bound a text sets ("nhóm 10 tỉnh dẫn
đầu", "the top 5 provinces"), comes from the vocabulary: a level word of the index's groups
(``metric`` entries labelled ``group_level``: "trung bình cao", "high average") names such a
group whatever its size; a superlative (kinds ``highest`` and ``lowest``: "cao nhất",
"lowest") only where the size is not a round bound (a multiple of five: "nhóm 10 tỉnh có DTI
cao nhất" is the top ten).
A group a rank word describes ("dẫn đầu", "cuối bảng", "top") is a bound.
"""

from __future__ import annotations

import re
from functools import cache

from llmx.core.vocab import Entry, get_vocab
from llmx.rules.metric_figure import MetricFigure

# "nhóm 16 tỉnh, thành phố có chỉ số …" (folded text): the size, the units and the group's
# words up to a clause break or a word that ends them ("cả nước", "năm 2020", "và …").
_VI_GROUP = re.compile(
    r"\bnhom (?P<n>\d{1,2}) (?P<u>tinh, thanh pho|tinh, thanh|tinh thanh|tinh|dia phuong)"
    r"(?P<d> (?:co|dat|thuoc) [^,;:.()\"“”]{3,70}?)"
    r"(?=\s*(?:[,;:.()\"“”]|$|\s(?:(?:cua )?ca nuoc|(?:cua )?toan quoc|nam (?:19|20)\d\d|va|"
    r"gom|la|voi|trong|tren|xep|dung|sau|truoc|khi)\b))"
)
# "(1) Nhóm đạt điểm cao nhất, gồm 16 tỉnh, thành phố": a group the text lists by its words
# first, then its size
_VI_GROUP_LISTED = re.compile(
    r"\bnhom (?P<d>(?:co|dat) [^,;:.()\"“”\d]{3,70}?),? gom (?P<n>\d{1,2}) "
    r"(?P<u>tinh, thanh pho|tinh, thanh|tinh thanh|tinh|dia phuong)\b"
)
_EN_GROUP = re.compile(
    r"\b(?:one of|the group of|a group of|among(?: the)?)\s+(?P<n>\d{1,2})\s+"
    r"(?P<u>provinces and (?:centrally[- ]run |centrally governed )?cities|cities and provinces|"
    r"provinces|localities)\s+"
    r"(?P<d>in the [a-z -]{2,40}? group(?![\w-])|with the (?:highest|lowest|best|worst) "
    r"(?:[A-Z]{2,6} )?(?:scores?|results?|points|ratings?)\b)",
    re.IGNORECASE,
)
# A group a rank word describes is a bound, not a group the index sorts into.
_RANK_WORDS = re.compile(
    r"\b(?:dan dau|dung dau|cuoi bang|xep cuoi|dung cuoi|top|xep hang|leading|bottom|last)\b"
)
# A clause about a group with any superlative or leader word (folded): a ranked group, whose
# size after "gồm" is left to this module's readers ("nhóm … cao nhất, gồm 10 tỉnh").
RANKED_GROUP_WORDS = re.compile(r"\b(?:nhat|dan dau|dung dau|cuoi bang|top)\b")
_ROUND = 5
_SUPERLATIVE_AFTER = re.compile(r"\s+nhat\b")


GroupSize = MetricFigure  # one shape for every figure reader (metric_figure)


@cache
def _levels() -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e))
        for e in vocab.entries
        if (e.kind == "metric" and e.label == "group_level") or e.kind in ("highest", "lowest")
    )


def _sorts_into(words: str, size: int, lang: str) -> bool:
    """Whether a group described by ``words`` (folded) is one an index sorts units into."""
    if _RANK_WORDS.search(words):
        return False
    for entry, rx in _levels():
        m = rx.search(words) if entry.lang == lang else None
        if m is None:
            continue
        quartile = entry.kind == "metric" and not _SUPERLATIVE_AFTER.match(
            words, m.end()
        )  # "mức cao nhất" is a superlative
        if quartile or size % _ROUND:
            return True
    return False


def _with_index(words: str, index: str | None, lang: str) -> str:
    """The group's words with the index's short name where they leave it out: "có chỉ số
    thấp nhất" -> "có chỉ số PAPI thấp nhất", "đạt điểm cao nhất" -> "PAPI đạt điểm cao
    nhất", "high average" -> "PAPI high average", "with the lowest scores" -> "with the
    lowest PAPI scores"."""
    if not index or index.lower() in words.lower():
        return words
    if lang == "vi":
        for head in ("chỉ số ", "Chỉ số "):
            if head in words:
                return words.replace(head, f"{head}{index} ", 1)
        return f"{index} {words}"
    if words.startswith("with "):
        head, _, last = words.rpartition(" ")
        return f"{head} {index} {last}"
    return f"{index} {words}"


def find_group_sizes(f: str, original: str, index: str | None) -> list[GroupSize]:
    """The group sizes of one sentence (folded ``f``, ``original`` text); ``index``: the
    short name of the index the sentence is about."""
    out: list[GroupSize] = []
    if "nhom " in f:
        # the size before the group's words ("nhóm 16 tỉnh … có chỉ số trung bình cao"), then
        # after them ("Nhóm đạt điểm cao nhất, gồm 16 tỉnh, thành phố")
        for m in (*_VI_GROUP.finditer(f), *_VI_GROUP_LISTED.finditer(f)):
            size = int(m["n"])
            if not _sorts_into(m["d"], size, "vi"):
                continue
            unit = original[m.start("u") : m.end("u")]
            words = original[m.start("d") : m.end("d")].strip()
            if words.startswith(("thuộc ", "thuoc ")):
                words = words.split(" ", 1)[1]
            name = f"số {unit} thuộc nhóm {_with_index(words, index, 'vi')}"
            out.append(GroupSize(m.start("n"), m.end("u"), float(size), unit, name))
    if " of " in f or "among" in f:
        for m in _EN_GROUP.finditer(original):
            size = int(m["n"])
            words = m["d"]
            if not _sorts_into(words.lower(), size, "en"):
                continue
            if words.startswith("in the "):
                group = words[len("in the ") :]
                name = f"number of {m['u']} in the {_with_index(group, index, 'en')}"
            else:
                name = f"number of {m['u']} in the group {_with_index(words, index, 'en')}"
            out.append(GroupSize(m.start("n"), m.end("u"), float(size), m["u"], name))
    return out
