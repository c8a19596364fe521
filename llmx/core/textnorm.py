"""Vietnamese text normalisation helpers used for matching, never for stored text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1)
def _strip_table() -> dict[int, str]:
    """Precomposed Latin letters -> base letter, built once; translate() then runs in C."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch and len(base) == 1:
            table[cp] = base
    for cp in range(0x300, 0x370):  # stray combining marks (text not in NFC)
        table[cp] = None  # type: ignore[assignment]
    return table


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; map đ/Đ to d/D."""
    return text.translate(_strip_table())


# Short strings are folded through a cache: the extractor, the division and gazetteer
# matchers and the record checks fold the same sentence, quote and name strings many times
# over (measured: ~10% of extraction time on the seeds). Results are immutable strings, so
# sharing them changes nothing. Long texts (whole documents) are not kept: at most
# maxsize x _CACHED_LEN characters stay in memory (a few MB).
_CACHED_LEN = 2000


def fold(text: str) -> str:
    """Key for diacritics- and case-insensitive comparison: unaccented, lower, single spaces."""
    return _fold_cached(text) if len(text) <= _CACHED_LEN else _fold(text)


def _fold(text: str) -> str:
    return _WS.sub(" ", strip_diacritics(text).lower()).strip()


_fold_cached = lru_cache(maxsize=4096)(_fold)


def squash_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Folded word tokens (letters and digits)."""
    return re.findall(r"[0-9a-z]+", fold(text))


def fold_keep_offsets(text: str) -> str:
    """Lower-cased, unaccented copy of ``text`` with the same length, so a match found in
    the copy has valid offsets in the original. Falls back to ``text.lower()`` for the rare
    character whose decomposition changes length."""
    if len(text) <= _CACHED_LEN:
        return _fold_keep_offsets_cached(text)
    # A whole document is folded by several readers of it (the extractor, the entity and
    # table finders): the last one is kept, so it is folded once (one text, not a cache of
    # many long ones). Compared by identity first, then by value.
    global _last_long
    last = _last_long
    if last[0] is text or last[0] == text:
        return last[1]
    folded = _fold_keep_offsets(text)
    _last_long = (text, folded)
    return folded


def _fold_keep_offsets(text: str) -> str:
    folded = strip_diacritics(text).lower()
    if len(folded) == len(text):
        return folded
    return "".join(
        (f if len(f := strip_diacritics(ch).lower()) == 1 else ch.lower()) for ch in text
    )


_fold_keep_offsets_cached = lru_cache(maxsize=1024)(_fold_keep_offsets)
_last_long: tuple[str, str] = ("", "")  # (text, its fold) of the last long text folded


# Old ("hòa", "thủy") vs new ("hoà", "thuỷ") tone placement in open syllables: both are in
# use, so names and patterns are matched in both.
TONE_PAIRS = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip
_TONE_SWAP = {**TONE_PAIRS, **{v: k for k, v in TONE_PAIRS.items()}}
_TONE_RE = re.compile("(" + "|".join(_TONE_SWAP) + r")(?!\w)", re.IGNORECASE)


def swap_tone_placement(text: str) -> str:
    """``text`` with every open syllable's tone mark moved to the other placement, keeping
    the case of what it replaces ("Hòa Bình" <-> "Hoà Bình")."""

    def swap(m: re.Match[str]) -> str:
        s = m.group(1)
        repl = _TONE_SWAP[s.lower()]
        return repl.upper() if s.isupper() else (repl.capitalize() if s[0].isupper() else repl)

    return _TONE_RE.sub(swap, text)
