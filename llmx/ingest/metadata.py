"""Headline and publication date from the top of a cleaned article."""

from __future__ import annotations

import re
from datetime import date

from llmx.ingest.clean import is_chrome_line

__all__ = ["extract_title", "extract_published", "find_dates", "is_date_line"]

_HEADER_LINES = 15  # unlabelled date lines count only this near the top (non-blank lines)
_LABEL_LINES = 40  # a labelled date ("Cập nhật: ...") may sit a little further down
_TITLE_LINES = 25

_DATE = re.compile(
    r"(?<![\d/.\-])(?:"
    r"(?P<y1>(?:19|20)\d\d)-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"  # ISO 2024-01-24
    r"|(?P<d2>\d{1,2})(?P<sep>[/.\-])(?P<m2>\d{1,2})(?P=sep)(?P<y2>(?:19|20)\d\d)"
    r"|ngày\s+(?P<d3>\d{1,2})\s+tháng\s+(?P<m3>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y3>(?:19|20)\d\d)"
    r")(?![\d/])",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"cập nhật(?:\s+lúc)?|ngày cập nhật|ngày đăng|đăng ngày|đăng lúc|ngày xuất bản|"
    r"ngày phát hành|thời gian đăng|posted(?:\s+on)?|published(?:\s+on)?|updated",
    re.IGNORECASE,
)
# What may surround a date on a date line: weekdays, times, labels, view counters, places.
_DATE_LINE_FILLER = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|sa|ch))?|\bgmt\s*[+\-]?\d*|\butc\b|"
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ nhật|\bngày\b|\blúc\b|\bgiờ\b|"
    + _LABEL.pattern
    + r"|\d+|[^\w\s]",
    re.IGNORECASE,
)


def find_dates(line: str) -> list[tuple[int, date]]:
    """Valid calendar dates in ``line`` (day-month-year order), with their offsets."""
    found = []
    for m in _DATE.finditer(line):
        g = m.groupdict()
        for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3")):
            if g[y]:
                try:
                    found.append((m.start(), date(int(g[y]), int(g[mo]), int(g[d]))))
                except ValueError:
                    pass
                break
    return found


def is_date_line(line: str) -> bool:
    """A line that is (nearly) only a date: "Thứ năm - 01/06/2023 08:01", "07:01, 24/01/2024",
    "Hà Nội, ngày 21 tháng 4 năm 2023". At most three other words may remain."""
    if not find_dates(line):
        return False
    rest = _DATE_LINE_FILLER.sub(" ", _DATE.sub(" ", line))
    return len(rest.split()) <= 3


def _top_lines(text: str, limit: int) -> list[str]:
    out: list[str] = []
    start = 0
    while len(out) < limit and start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end].strip()
        if line:
            out.append(line)
        start = end + 1
    return out


def extract_published(text: str) -> date | None:
    lines = _top_lines(text, _LABEL_LINES)
    # 1. a date right after a publishing label, on a short line
    for line in lines:
        if len(line.split()) > 20:
            continue
        dates = find_dates(line)
        for label in _LABEL.finditer(line):
            for pos, d in dates:
                # only a time, "ngày", "lúc" or punctuation between label and date
                if (
                    pos >= label.end()
                    and not _DATE_LINE_FILLER.sub(" ", line[label.end() : pos]).split()
                ):
                    return d
    # 2. the first date line in the header region
    for line in lines[:_HEADER_LINES]:
        if is_date_line(line):
            return find_dates(line)[0][1]
    return None


_TRAILING_PUNCT = (".", ",", ";", ":")


def _title_words(line: str) -> int:
    return len(line.split())


def extract_title(text: str) -> str | None:
    """The first headline-like line near the top: 4-40 words, not a date line, not chrome,
    preferably without a final period (body paragraphs end with one)."""
    candidates = [
        line
        for line in _top_lines(text, _TITLE_LINES)
        if 4 <= _title_words(line) <= 40 and not is_date_line(line) and not is_chrome_line(line)
    ]
    for line in candidates:
        if not line.endswith(_TRAILING_PUNCT):
            return line
    return candidates[0] if candidates else None
