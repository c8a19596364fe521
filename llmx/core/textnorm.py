"""Vietnamese text normalisation helpers used for matching, never for stored text."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; map đ/Đ to d/D."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Key for diacritics- and case-insensitive comparison: unaccented, lower, single spaces."""
    return _WS.sub(" ", strip_diacritics(text).lower()).strip()


def squash_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Folded word tokens (letters and digits)."""
    return re.findall(r"[0-9a-z]+", fold(text))


def fold_keep_offsets(text: str) -> str:
    """Lower-cased, unaccented copy of ``text`` with the same length, so a match found in
    the copy has valid offsets in the original. Falls back to ``text.lower()`` for the rare
    character whose decomposition changes length."""
    folded = strip_diacritics(text).lower()
    if len(folded) == len(text):
        return folded
    return "".join(
        (f if len(f := strip_diacritics(ch).lower()) == 1 else ch.lower()) for ch in text
    )
