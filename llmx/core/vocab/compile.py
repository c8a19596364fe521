"""Entry patterns -> regular expressions, with the gazetteer's diacritics policy.

A pattern is written the way the phrase is spelled ("đứng đầu", "chỉ số (cải cách hành
chính|CCHC)") in a small regular-expression syntax:

* a space matches any run of whitespace; ``( … | … )`` groups alternatives (no capture);
  ``?`` makes the item before it optional; ``\\b``, ``\\d``, ``\\.`` and ``[…]`` classes are
  regular-expression syntax;
* ``{n}`` captures an integer of 1–3 digits, ``{total}`` another one (``thứ {n}/{total}``),
  ``{num}`` a number as written (``88,54``), ``{year}`` a year, ``{prior}`` an earlier
  value told with a change (``cao hơn năm 2022 ({prior}%) là {num}%``); the captures come back with
  the match; ``{0,30}`` is a regex repetition;
* the whole phrase must stand as words: no letter or digit right before or after it;
  a leading ``(?<!người\\s)`` look-behind (written with ``\\s``: it must be fixed-width)
  keeps a context out. Both tone placements are matched ("hóa" and "hoá", below) by
  joining the two spellings as alternatives, so a look-behind that names a syllable with
  both spellings must list both.

Matching is case-insensitive and works as if on folded text (``textnorm.fold_keep_offsets``:
no diacritics, same offsets), with one condition: where the input has a diacritic it must
agree with the entry's. Each accented letter of a pattern becomes the class ``[ứu]``: the
input letter is either the entry's letter or its bare base. So unaccented "thu" matches
"thứ" and "thủ" alike, while "thủ" does not match "thứ", and "đâu" (where) does not match
"đầu" (head, first). Matches run on the original text, so offsets are the original's (and,
since folding keeps lengths, the folded text's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from llmx.core.textnorm import strip_diacritics, swap_tone_placement

_PLACEHOLDERS = {
    "n": r"(?P<n>\d{1,3})",
    "num": r"(?P<num>\d+(?:[.,]\d+)*)",
    "year": r"(?P<year>(?:19|20)\d\d)",
    "total": r"(?P<total>\d{1,3})",
    "prior": r"(?P<prior>\d+(?:[.,]\d+)*)",
}
_QUANTIFIER = re.compile(r"\{\d+(?:,\d*)?\}")


def _base(ch: str) -> str:
    return strip_diacritics(ch).lower()


def _letter(ch: str) -> str:
    """One pattern letter as a regex: itself, or ``[accented base]`` when accented."""
    low = ch.lower()
    base = _base(low)
    if base == low or len(base) != 1:
        return re.escape(low)
    return f"[{low}{base}]"


def to_regex(pattern: str, *, named: bool = True, space: str = r"\s+") -> str:
    """The regex source for one pattern (without the word boundaries; see ``compile_pattern``);
    ``named=False`` leaves the captures unnamed; ``space`` is what a space becomes."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            j = pattern.index("]", i + 1)
            body = pattern[i + 1 : j]
            extra = "".join(b for c in body if (b := _base(c)) != c.lower() and len(b) == 1)
            out.append("[" + body.lower() + extra + "]")
            i = j + 1
        elif ch == "{" and (q := _QUANTIFIER.match(pattern, i)):
            out.append(q.group())
            i = q.end()
        elif ch == "{":
            j = pattern.index("}", i)
            name = pattern[i + 1 : j]
            if name not in _PLACEHOLDERS:
                raise ValueError(f"unknown placeholder {{{name}}} in {pattern!r}")
            src = _PLACEHOLDERS[name]
            out.append(src if named else re.sub(r"\(\?P<\w+>", "(?:", src))
            i = j + 1
        elif ch == "(":
            out.append("(" if pattern.startswith("(?", i) else "(?:")
            i += 1
        elif ch == " ":
            while i < n and pattern[i] == " ":
                i += 1
            if i < n and pattern[i] == "?":  # "a ?b": the space is optional
                out.append(r"\s*" if space == r"\s+" else f"(?:{space})?")
                i += 1
            else:
                out.append(space)
        elif ch.isalpha():
            out.append(_letter(ch))
            i += 1
        else:
            # A hyphen outside a class is a plain character: left unescaped, the prefilter
            # (llmx.rules.prefilter) can read "e-governance" as a literal head.
            out.append(ch if ch in "|)?*+.^$-" else re.escape(ch))
            i += 1
    return "".join(out)


def _tone_variant(pattern: str) -> str | None:
    """The pattern with the other tone placement, when it has a syllable that differs and no
    capture (a named group cannot appear twice)."""
    if "{" in pattern:
        return None
    other = swap_tone_placement(pattern)
    return other if other != pattern else None


def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern_source(pattern), re.IGNORECASE)


_LEADING_LOOKBEHIND = re.compile(r"^(?:\(\?<[!=][^)]*\))+")
_FIRST_WORD = re.compile(r"([^\W\d_]+)(?= |$)")


def trigger(pattern: str) -> str | None:
    """A folded word every match contains as a word ("thu" for "thứ nhất"), when the pattern
    begins with a plain word and has no top-level alternative; None otherwise. A text whose
    folded words lack it cannot match, so the pattern need not be tried."""
    depth = 0
    in_class = False
    for ch in pattern:
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif not in_class and ch == "(":
            depth += 1
        elif not in_class and ch == ")":
            depth -= 1
        elif not in_class and ch == "|" and depth == 0:
            return None
    m = _FIRST_WORD.match(pattern)
    return _base_word(m.group(1)) if m else None


def literals(pattern: str) -> tuple[str, ...] | None:
    """Folded strings one of which every match contains (the leading letters of each
    top-level alternative: "models?|schemes?" -> ("model", "scheme")); None when an
    alternative begins with no plain letter. A folded text holding none of them cannot
    match, so the pattern need not be tried (``trigger`` does the same for one whole word)."""
    out: list[str] = []
    for alt in _top_level_alternatives(pattern):
        alt = _LEADING_LOOKBEHIND.sub("", alt)
        if alt.startswith("(") and not alt.startswith("(?"):
            # A leading group: what each of its alternatives begins with, unless the group
            # may be left out ("(thêm )?"), which the character after it says.
            end = _group_end(alt)
            inner = literals(alt[1:end]) if alt[end + 1 : end + 2] not in ("?", "*", "{") else None
            if inner is None:
                return None
            out += inner
            continue
        letters: list[str] = []
        for i, ch in enumerate(alt):
            base = _base(ch)
            if not ch.isalpha() or len(base) != 1 or alt[i + 1 : i + 2] in ("?", "*", "{"):
                break  # the letter before "?", "*" or "{0,3}" may be missing from a match
            letters.append(base)
        if not letters:
            return None
        out.append("".join(letters))
    return tuple(dict.fromkeys(out))


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, char, depth)`` for each ``(``, ``)`` and ``|`` outside escapes and character
    classes; ``depth`` is the group depth after the character (a ``(`` counts itself)."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif not in_class and ch in "()|":
            depth += {"(": 1, ")": -1}.get(ch, 0)
            yield i, ch, depth
        i += 1


def _group_end(pattern: str) -> int:
    """Index of the ")" closing the group that opens at ``pattern[0]``."""
    for i, ch, depth in _structure(pattern):
        if ch == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced group in {pattern!r}")


def _top_level_alternatives(pattern: str) -> list[str]:
    parts, start = [], 0
    for i, ch, depth in _structure(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _base_word(word: str) -> str:
    return strip_diacritics(word).lower()


def pattern_source(pattern: str, *, named: bool = True) -> str:
    """The compiled matcher: ``to_regex`` (for both tone placements, "hóa" and "hoá") plus
    word boundaries where the phrase begins or ends with a word character (a phrase like
    ``/63`` may follow a digit)."""
    src = to_regex(pattern, named=named)
    if (other := _tone_variant(pattern)) is not None:
        src = f"{src}|{to_regex(other, named=named)}"
    return _checked(pattern, _bounded(pattern, src))


def folded_source(pattern: str) -> str:
    """The same phrase as a regex over folded text (``textnorm.fold_keep_offsets``: lower
    case, no diacritics), for the rules extractor, which matches folded sentences: the
    pattern's letters unaccented, the same word boundaries, and a space as one space (the
    rules' patterns are written for folded text, whose words one space parts)."""
    src = to_regex(strip_diacritics(pattern), named=False, space=" ")
    return _checked(pattern, _bounded(pattern, src))


def _bounded(pattern: str, src: str) -> str:
    head = _LEADING_LOOKBEHIND.sub("", pattern).lstrip("(")[:1]
    tail = pattern.rstrip(")?")[-1:]
    if head.isalnum() or head in "{\\":
        src = r"(?<!\w)" + f"(?:{src})"
    if tail.isalnum() or tail == "}":
        src = f"(?:{src})" + r"(?!\w)"
    return src


def _checked(pattern: str, src: str) -> str:
    try:
        # With the flags ``compile_pattern`` uses: re's cache then hands it this compile
        # instead of parsing the source a second time.
        re.compile(src, re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"bad vocabulary pattern {pattern!r}: {e}") from None
    return src
