"""Vietnamese (and English) number reading.

Vietnamese writes ``88,54`` for 88.54 and ``1.704.824`` for 1704824; counts carry leading
zeros (``02``) and magnitudes are words (``7,23 triệu``, ``1,8 tỉ``). Extraction reads numbers
the Vietnamese way; grounding accepts every plausible reading, since a model may rewrite
``88,54`` as ``88.54``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab

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


def _multiplier(word: str) -> float | None:
    """The magnitude a matched word gives. ``None`` for a Unicode case twin that the
    case-insensitive patterns also match ("trıệu" with a dotless ı, "thouſand"): no
    magnitude word, and no crash."""
    return _MULTIPLIERS.get(fold(word))

# Words that give a rank without a digit, from the vocabulary (llmx/data/vocab): ordinals
# ("thứ ba", "third", "á quân" = runner-up), leader words ("dẫn đầu", "topped the") and
# "cao nhất" read as rank 1. A bare "lead" verb, "tốp đầu" (the top group) and "tốt nhất"
# (best) are too loose to prove a rank in a text ("leading localities", "góp mặt trong tốp
# đầu", "thăng hạng tốt nhất").
_RANK_WORD_KINDS = ("ordinal", "leader", "highest")
# A count in words reads as its value only where it counts places ("tăng năm bậc", "up five
# places"): alone, "năm" is a year and "ba" a name.
_PLACES_AFTER_RE = re.compile(
    r"(?:them\s+)?(?:bac|hang|vi tri|places?|spots?|positions?|notch(?:es)?|rungs?)\b"
)
_LOOSE_LABELS = frozenset({"lead_verb", "top_group", "best"})


@dataclass(frozen=True, slots=True)
class NumberSpan:
    start: int
    end: int
    raw: str
    value: float


_WORD_MULT_RE = re.compile(r"^(.*?)\s*(nghìn|ngàn|triệu|tỉ|tỷ)$", re.IGNORECASE)
_DOT_GROUPS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_GROUPS_RE = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")
_COMMA_DECIMAL_RE = re.compile(r"\d+,\d+")
_PLAIN_RE = re.compile(r"\d+(?:\.\d+)?")


# The same few number strings are read over and over (each rule that meets a value, then
# the grounding check): a pure function of its text, so its answers are kept.
@lru_cache(maxsize=4096)
def parse_vn_number(raw: str) -> float | None:
    """Read one Vietnamese-formatted number; ``None`` when it is not a number."""
    s = raw.strip()
    mult = 1.0
    m = _WORD_MULT_RE.match(s)
    if m:
        word_mult = _multiplier(m.group(2))
        if word_mult is None:
            return None
        s, mult = m.group(1), word_mult
    s = s.replace(" ", "")
    if _DOT_GROUPS_RE.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    elif _COMMA_GROUPS_RE.fullmatch(s):
        s = s.replace(",", "")
    elif _COMMA_DECIMAL_RE.fullmatch(s):
        s = s.replace(",", ".")
    elif not _PLAIN_RE.fullmatch(s):
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
        mult = _multiplier(mm.group(1)) if mm else None
        if mm and mult is not None:
            value *= mult
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
    with and without its magnitude word, plus the ranks that words give (``_RANK_WORD_KINDS``)."""
    out: set[float] = set()
    for m in _NUMBER_RE.finditer(quote):
        base = readings(m.group(0))
        out |= base
        mm = _MULT_RE.match(quote, m.end())
        k = _multiplier(mm.group(1)) if mm else None
        if k is not None:
            out |= {v * k for v in base}
    for span in get_vocab().find(quote, kinds=_RANK_WORD_KINDS):
        if span.label in _LOOSE_LABELS:
            continue
        value = span.value if span.kind == "ordinal" else 1.0
        if value is not None:
            out.add(float(value))
    for span in get_vocab().find(quote, kinds=("cardinal",)):
        after = quote[span.end : span.end + 20]
        if span.value is not None and after[:1].isspace() and _PLACES_AFTER_RE.match(fold(after)):
            out.add(float(span.value))
    return frozenset(out)


def says_held(quote: str) -> bool:
    """The quote says a rank was held (read as a rank change of 0): a vocabulary "hold"
    phrasing ("giữ vững vị trí", "retained")."""
    return get_vocab().has(quote, kinds=("hold",))


def close(a: float, b: float, tol: float = 0.005) -> bool:
    if not (math.isfinite(a) and math.isfinite(b)):
        return False  # inf would pass the relative test below (inf <= tol * inf)
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b)) if abs(b) > 1000 else abs(a - b) <= tol


# The patterns above, each with a lookahead on the characters its matches start with
# (same matches; re skips to those characters instead of trying every position).
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
