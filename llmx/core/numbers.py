"""Vietnamese (and English) number reading.

Vietnamese writes ``88,54`` for 88.54 and ``1.704.824`` for 1704824; counts carry leading
zeros (``02``) and magnitudes are words (``7,23 triệu``, ``1,8 tỉ``). Extraction reads numbers
the Vietnamese way; grounding accepts every plausible reading, since a model may rewrite
``88,54`` as ``88.54``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from llmx.core.textnorm import fold

_MULTIPLIERS = {
    "nghin": 1e3,
    "ngan": 1e3,
    "trieu": 1e6,
    "ti": 1e9,
    "ty": 1e9,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
}

# Grouped thousands (1.704.824 or 1,704,824), then decimals with either separator.
NUMBER_PATTERN = (
    r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])"
    r"|(?<![\w.,])\d{1,3}(?:,\d{3}){2,}(?![\d])"
    r"|(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])"
)
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_MULT_RE = re.compile(r"\s*(nghìn|ngàn|triệu|tỉ|tỷ|thousand|million|billion)(?!\w)", re.IGNORECASE)

_ORDINAL_WORDS = {
    "nhat": 1, "nhi": 2, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
# English ordinals read as ranks wherever they stand ("ranked third", "second place").
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_EN_ORDINAL_RE = re.compile(r"\b(" + "|".join(_EN_ORDINALS) + r")\b")

LEADERSHIP_WORDS = (
    "dẫn đầu", "đứng đầu", "quán quân", "cao nhất", "top 1", "đứng thứ nhất",
    "topped", "tops the", "led the", "leads the", "top spot", "top place",
)  # fmt: skip
_LEADERSHIP_FOLDED = tuple(fold(w) for w in LEADERSHIP_WORDS)
# Words that say a rank was held: a rank change of 0 (eval/CONVENTIONS.md).
HOLD_WORDS = (
    "giữ vị trí", "giữ vững vị trí", "giữ nguyên vị trí", "giữ nguyên thứ hạng",
    "giữ vững thứ hạng", "giữ nguyên hạng", "không thay đổi", "tiếp tục dẫn đầu",
    "tiếp tục đứng đầu", "retained", "maintained its", "unchanged", "kept its",
)  # fmt: skip
_HOLD_FOLDED = tuple(fold(w) for w in HOLD_WORDS)
# "á quân" is the runner-up.
_RUNNER_UP_FOLDED = fold("á quân")


@dataclass(frozen=True, slots=True)
class NumberSpan:
    start: int
    end: int
    raw: str
    value: float


def parse_vn_number(raw: str) -> float | None:
    """Read one Vietnamese-formatted number; ``None`` when it is not a number."""
    s = raw.strip()
    mult = 1.0
    m = re.match(r"^(.*?)\s*(nghìn|ngàn|triệu|tỉ|tỷ)$", s, re.IGNORECASE)
    if m:
        s, mult = m.group(1), _MULTIPLIERS[fold(m.group(2))]
    s = s.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    elif not re.fullmatch(r"\d+(?:\.\d+)?", s):
        return None
    try:
        return float(s) * mult
    except ValueError:
        return None


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number in ``text``, read the Vietnamese way, with a following magnitude word
    folded into the value and the span."""
    spans: list[NumberSpan] = []
    for m in _NUMBER_RE.finditer(text):
        value = parse_vn_number(m.group(0))
        if value is None:
            continue
        end = m.end()
        mm = _MULT_RE.match(text, end)
        if mm:
            value *= _MULTIPLIERS[fold(mm.group(1))]
            end = mm.end()
        spans.append(NumberSpan(m.start(), end, text[m.start() : end], value))
    return spans


def readings(raw: str) -> set[float]:
    """All plausible values of one written number (Vietnamese and English conventions)."""
    out: set[float] = set()
    digits = raw.replace(" ", "")
    vn = parse_vn_number(digits)
    if vn is not None:
        out.add(vn)
    en = digits.replace(",", "")
    try:
        out.add(float(en))
    except ValueError:
        pass
    if "," in digits and "." not in digits:
        try:
            out.add(float(digits.replace(",", ".")))
        except ValueError:
            pass
    return out


@lru_cache(maxsize=4096)
def values_in(quote: str) -> frozenset[float]:
    """Every value a reader could take from ``quote``: each number under each convention,
    with and without its magnitude word, plus ordinal words after ``thứ``, English ordinals,
    and leader (1) or runner-up (2) words."""
    out: set[float] = set()
    for m in _NUMBER_RE.finditer(quote):
        base = readings(m.group(0))
        out |= base
        mm = _MULT_RE.match(quote, m.end())
        if mm:
            k = _MULTIPLIERS[fold(mm.group(1))]
            out |= {v * k for v in base}
    folded = fold(quote)  # once: folding is the costly part of grounding a record
    for m in re.finditer(r"\bthu\s+(\w+)", folded):
        if m.group(1) in _ORDINAL_WORDS:
            out.add(float(_ORDINAL_WORDS[m.group(1)]))
    for m in _EN_ORDINAL_RE.finditer(folded):
        out.add(float(_EN_ORDINALS[m.group(1)]))
    if any(w in folded for w in _LEADERSHIP_FOLDED):
        out.add(1.0)
    if _RUNNER_UP_FOLDED in folded:
        out.add(2.0)
    return frozenset(out)


def says_held(quote: str) -> bool:
    """The quote says a rank was held (read as a rank change of 0)."""
    folded = fold(quote)
    return any(w in folded for w in _HOLD_FOLDED)


def close(a: float, b: float, tol: float = 0.005) -> bool:
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b)) if abs(b) > 1000 else abs(a - b) <= tol
