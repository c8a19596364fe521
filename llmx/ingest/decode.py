"""Bytes to NFC text: UTF-8/16/32 (BOM-marked for 16/32) and legacy Vietnamese code pages.

Detection order:
1. a byte-order mark picks UTF-8-sig, UTF-32 or UTF-16 outright;
2. NUL bytes without a BOM, or more than 10% control bytes, mean a binary file;
3. strict UTF-8;
4. Windows-1258 and VISCII, each scored by how many of the words with non-ASCII letters
   are well-formed Vietnamese syllables; the best one above a threshold wins.

TCVN3 (ABC) is not supported.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterator

from llmx.errors import DecodeError

__all__ = [
    "decode_bytes",
    "decode_pieces",
    "normalize_newlines",
    "vietnamese_score",
    "VISCII_DECODING_TABLE",
]

# VISCII (RFC 1456): 0x00-0x7F is ASCII except six C0 positions reused for capitals;
# 0x80-0xFF are all Vietnamese letters. Generated from glibc's VISCII charmap and checked
# against RFC 1456 (0x80 = Ạ, 0xA0 = Õ, 0xFF = Ữ, 31 positions shared with Latin-1).
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡ"
    "ưàáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
_VISCII_LOW = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
VISCII_DECODING_TABLE = "".join(_VISCII_LOW.get(i, chr(i)) for i in range(128)) + _VISCII_HIGH
assert len(VISCII_DECODING_TABLE) == 256

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls that never occur in text files (tab, LF, VT, FF, CR and ESC-free text allowed).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_VISCII_LETTER_BYTES = frozenset(_VISCII_LOW)

_SAMPLE_BYTES = 256 * 1024  # legacy-encoding scoring looks at this much of the file
_MIN_SCORE = 0.9

# --- Vietnamese syllable check -------------------------------------------------------------
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters (combining marks are \w too)


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def vietnamese_score(text: str) -> tuple[float, int]:
    """(share of non-ASCII words that are well-formed Vietnamese syllables, how many such
    words were seen). ASCII-only words are neutral."""
    seen = good = 0
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        if word.isascii():
            continue
        seen += 1
        good += _is_syllable(word)
    return (good / seen if seen else 0.0), seen


# --- helpers ------------------------------------------------------------------------------
def _finish(text: str, keep_newlines: bool) -> str:
    """NFC, and LF newlines unless ``keep_newlines``. Both return the same object when
    nothing changes, which keeps a large already-clean UTF-8 file at one copy in memory."""
    text = unicodedata.normalize("NFC", text)
    if not keep_newlines:
        text = normalize_newlines(text)
    return text


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR to LF (the same object when there is none)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _control_share(raw: bytes, exempt: frozenset[int] = frozenset()) -> float:
    if not raw:
        return 0.0
    n = sum(raw.count(b) for b in _CONTROL_BYTES if b not in exempt)
    return n / len(raw)


def _text_control_share(text: str) -> float:
    sample = text[:_SAMPLE_BYTES]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ch not in "\t\n\x0b\x0c\r" and unicodedata.category(ch) == "Cc")
    return bad / len(sample)


_CHUNK_BYTES = 1 << 18  # decoded this much at a time, so no whole-file temporary is made


def _chunk_decoder(codec: str) -> Callable[[memoryview, bool], str]:
    if codec == "viscii":  # one byte, one character: any cut is a character boundary
        return lambda chunk, final: codecs.charmap_decode(chunk, "strict", VISCII_DECODING_TABLE)[0]
    return codecs.getincrementaldecoder(codec)("strict").decode


def _decoded_chunks(raw: bytes, codec: str) -> Iterator[str]:
    """``raw`` decoded with ``codec``, a megabyte at a time (UnicodeDecodeError as the
    codec raises it)."""
    decode = _chunk_decoder(codec)
    view = memoryview(raw)
    n = len(raw)
    for i in range(0, n, _CHUNK_BYTES):
        yield decode(view[i : i + _CHUNK_BYTES], i + _CHUNK_BYTES >= n)


def _valid(raw: bytes, codec: str) -> bool:
    """Whether ``raw`` decodes with ``codec``, found without keeping what it decodes to."""
    try:
        for _ in _decoded_chunks(raw, codec):
            pass
    except UnicodeDecodeError:
        return False
    return True


_LEGACY = ("cp1258", "viscii")


def _sniff(raw: bytes, name: str) -> str:
    """The codec ``raw`` is in (module docstring), or DecodeError."""
    if not raw or raw.isspace():
        raise DecodeError(f"{name}: empty file")

    for bom, codec in _BOMS:
        if raw.startswith(bom):
            if not _valid(raw, codec):
                raise DecodeError(f"{name}: not UTF-8 or a known Vietnamese encoding")
            if _text_control_share(next(_decoded_chunks(raw, codec)).lstrip("\ufeff")) > 0.10:
                raise DecodeError(f"{name}: binary file")
            return codec

    if b"\x00" in raw:
        raise DecodeError(f"{name}: binary file")

    if _valid(raw, "utf-8"):
        if _control_share(raw) > 0.10:
            raise DecodeError(f"{name}: binary file")
        return "utf-8"

    # Legacy single-byte encodings. VISCII uses six C0 positions for letters, so the binary
    # test exempts them (cp1258 would then fail on them as control characters below).
    if _control_share(raw, _VISCII_LETTER_BYTES) > 0.10:
        raise DecodeError(f"{name}: binary file")
    sample = raw[:_SAMPLE_BYTES]
    best: tuple[float, str] | None = None
    for codec in _LEGACY:
        try:
            decoded = "".join(_decoded_chunks(sample, codec))
        except UnicodeDecodeError:
            continue
        if codec == "cp1258" and any(b in sample for b in _VISCII_LETTER_BYTES):
            continue  # C0 controls in cp1258 text; in VISCII these bytes are capitals
        score, seen = vietnamese_score(decoded)
        if seen and score >= _MIN_SCORE and (best is None or score > best[0]):
            best = (score, codec)
    # an undefined byte beyond the scored sample fails the whole file
    if best is None or not _valid(raw, best[1]):
        raise DecodeError(f"{name}: not UTF-8 or a known Vietnamese encoding")
    return best[1]


# --- entry points -------------------------------------------------------------------------
def decode_pieces(raw: bytes, name: str, *, keep_newlines: bool = False) -> Iterator[str]:
    """``decode_bytes(raw, name)`` in pieces that each end at a line end (but the last), so
    a caller can build the text (or a cleaned copy) without a whole-file temporary; NFC is
    safe piecewise because no character composes across a newline. DecodeError comes before
    the first piece, except "empty file" for text that is all blank, which comes last."""
    codec = _sniff(raw, name)
    pending: list[str] = []  # decoded text after the last line end seen
    blank = True
    first = True
    for chunk in _decoded_chunks(raw, codec):
        if first:
            chunk = chunk.lstrip("\ufeff")
            first = False
        cut = chunk.rfind("\n") + 1
        if not cut:
            pending.append(chunk)
            continue
        piece = _finish("".join([*pending, chunk[:cut]]), keep_newlines)
        pending = [chunk[cut:]]
        blank = blank and piece.isspace()  # strip() would copy the piece
        yield piece
    if pending:
        piece = _finish("".join(pending), keep_newlines)
        blank = blank and (not piece or piece.isspace())
        if piece:
            yield piece
    if blank:
        raise DecodeError(f"{name}: empty file")


def decode_bytes(raw: bytes, name: str, *, keep_newlines: bool = False) -> str:
    """Decode a file's bytes to NFC text or raise DecodeError. Newlines become ``\\n``
    unless ``keep_newlines`` (plain-text documents keep the file's own, so offsets count
    characters as the user's editor does)."""
    text = ""
    for piece in decode_pieces(raw, name, keep_newlines=keep_newlines):
        text += piece  # grows in place (CPython): no second copy of a large file
    return text
