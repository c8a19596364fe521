"""Hide web-page chrome in scraped article text, whole lines at a time.

Two ways, one line test (``is_chrome_line``):

- ``mask_chrome`` (plain-text files) blanks chrome lines and repeated lines with spaces of
  the same length, newlines kept, so offsets into the result are offsets into the file as
  the user has it and every quote can be checked against it;
- ``strip_chrome`` (text made from HTML, which is ours anyway) drops them, plus trailing
  spaces and surplus blank lines, leaving a faithful subset of the page text.

Patterns
describe line *shapes* (a counter label followed by a number, a temperature line, a lone
share button, ...); a line that reads as a real sentence is never matched, because every
pattern is anchored to the whole line and most apply only to short lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import chain

__all__ = ["ChromeMask", "is_chrome_line", "mask_chrome", "strip_chrome", "CHROME_PATTERNS"]

_I = re.IGNORECASE
_MAX_CHROME_CHARS = 300  # longer lines are always content
_BULLET = r"[\s•·●▪►»›\-–—|*]*"  # list bullets / separators a widget line may start with

# Each pattern is matched with fullmatch() against the stripped line.
CHROME_PATTERNS: dict[str, re.Pattern[str]] = {
    # "Hotline: +84.0204.3 856 624", "Điện thoại: (0204) 3856624 - Fax: ..."
    "phone": re.compile(
        r"(?:hotline|đường dây nóng|điện thoại|số điện thoại|đt|tel|phone|fax|di động)"
        r"\s*[:.]?\s*\+?[\d(][\d\s.()+\-/]{5,}[\d)](?:\s*[-–|,;]\s*\S.{0,80})?",
        _I,
    ),
    # "Hà Nội 26 °C / 23 - 25 °C", "TP.HCM 31°C Nắng" (at most a few words around)
    "weather": re.compile(
        r"(?:[^\W\d_][\w.]*\s+){0,4}-?\d{1,2}\s*°\s*[CF]?(?:\s*[/|-]\s*-?\d{1,2}"
        r"(?:\s*[-–]\s*-?\d{1,2})?\s*°\s*[CF]?)?(?:\s+[^\W\d_]+){0,3}",
        _I,
    ),
    # share / print / font-size widgets: "Chia sẻ:", "In bài", "Zalo", "0.5 1.0 1.5", "A- A A+"
    "share": re.compile(
        _BULLET + r"(?:(?:chia sẻ|chia sẻ bài viết|share|in bài(?: viết)?|in trang|bản in|print|"
        r"gửi email|gửi bài|email|e-mail|lưu bài(?: viết)?|lưu tin|copy link|"
        r"sao chép(?: liên kết| link)?|"
        r"icon|zalo|facebook|twitter|tweet|x|linkedin|pinterest|telegram|messenger|"
        r"google\+?|like|thích|cỡ chữ|font size|theo dõi(?: trên)?(?: google news)?|"
        r"nghe(?: bài viết)?|đọc bài|trở về|quay lại|về đầu trang|lên đầu trang|top)"
        r"[\s:|,/•·]*)+",
        _I,
    ),
    "font_size": re.compile(r"(?:\d\.\d\s+){1,5}\d\.\d|(?:a[-+]?\s+){1,3}a[-+]?", _I),
    # visitor counters: "Thống kê truy cập", "Đang truy cập970", "Hôm nay 237,824"
    "counter_title": re.compile(
        _BULLET + r"(?:thống kê(?: lượt)? truy cập|bộ đếm(?: truy cập)?|lượt truy cập)\s*:?", _I
    ),
    "counter": re.compile(
        _BULLET + r"(?:đang (?:truy cập|online|xem)|online|trực tuyến|hôm nay|hôm qua|tuần này|"
        r"tuần trước|tháng này|tháng trước|tháng hiện tại|năm nay|năm hiện tại|tất cả|"
        r"(?:tổng|tổng số)(?: số)?(?: lượt)? (?:truy cập|lượt truy cập|lượt xem)|"
        r"(?:số )?lượt (?:truy cập|xem)|truy cập hôm nay|khách|thành viên|"
        r"máy chủ tìm kiếm|khách viếng thăm|lượt xem)"
        r"\s*:?\s*\d[\d.,\s]*",
        _I,
    ),
    # comment boxes: "Ý kiến bạn đọc (0)", "Bình luận của bạn...", "Gửi bình luận"
    "comments": re.compile(
        _BULLET + r"(?:ý kiến bạn đọc|ý kiến của bạn|ý kiến|bình luận(?: của bạn)?|viết bình luận|"
        r"gửi bình luận|gửi ý kiến|gửi phản hồi|phản hồi|bình luận facebook|"
        r"nhập (?:bình luận|ý kiến|nội dung|mã xác nhận|mã bảo mật)|mã xác nhận|mã bảo mật|"
        r"họ (?:và )?tên|địa chỉ email|trả lời|báo vi phạm|xem thêm bình luận|"
        r"tin liên quan|tin khác|các tin khác|tin cùng chuyên mục|bài viết liên quan|"
        r"tin mới(?: nhất)?|tin đọc nhiều|đọc nhiều nhất|xem nhiều nhất|xem thêm|đọc thêm|"
        r"từ khóa|từ khoá|tags?|gửi|hủy|huỷ|làm lại|đóng)"
        r"\s*(?:\(\d+\))?\s*[:.…]*\s*(?:\(\d+\))?",
        _I,
    ),
    # rating widgets
    "rating": re.compile(
        r"(?:tổng số điểm của bài viết(?: là)?\s*:?.*|click (?:để|vào đây để) đánh giá.*|"
        r"(?:đánh giá|bình chọn) (?:bài viết|cho bài viết|tin bài)(?: này)?[\s:★☆*\d/.,()]*|"
        r"\d+(?:[.,]\d+)?\s*(?:trong|/)\s*\d+\s*(?:lượt )?(?:đánh giá|bình chọn)|"
        r"bạn (?:thấy|đánh giá) bài viết (?:này )?(?:thế nào|như thế nào)\s*\??)",
        _I,
    ),
    # login / accessibility / session lines
    "session": re.compile(
        r"(?:sign in|sign out|sign up|log in|log out|login|logout|đăng nhập|đăng xuất|"
        r"đăng ký|skip to (?:main )?content|skip ribbon commands|skip navigation|"
        r"turn (?:on|off) more accessible mode|menu|tìm kiếm|search|close|"
        r"trang chủ|english|tiếng việt|quên mật khẩu\??)\s*[:.]?",
        _I,
    ),
    "session_notice": re.compile(
        r".{0,80}(?:trạng thái đăng nhập|phiên (?:làm việc|đăng nhập) (?:đã )?hết hạn|"
        r"không sử dụng site|thời gian chờ\s*:\s*\d+\s*giây).{0,120}",
        _I,
    ),
    # breadcrumbs: "Home > News > Digital government", "Trang chủ » Cải cách hành chính"
    "breadcrumb": re.compile(
        r"[^\W\d_][^>»›\n.!?:;,%]{0,40}(?:\s+[>»›]\s+[^\W\d_][^>»›\n.!?:;,%]{0,40}){1,5}", _I
    ),
    # "{keywords}", "{{ title }}", "${body}", "%AUTHOR%"
    "placeholder": re.compile(r"\{\{?\s*[\w.\-]+\s*\}?\}|\$\{[\w.\-]+\}|%[A-Z_]{3,}%"),
    # image ids and file names: "c12a0049 16853554434361112001337", "IMG_2031.JPG"
    "image_id": re.compile(
        r"(?=[^\n]*\d{8})(?:[A-Za-z]*\d[\w\-]*)(?:\s+[A-Za-z]*\d[\w\-]*){0,3}"
        r"|[\w\-]+\.(?:jpe?g|png|gif|webp|bmp|svg)",
        _I,
    ),
}

# Navigation bars flattened onto one line: "Trang chủ Giới thiệu Tin tức Liên hệ".
_NAV_WORDS = re.compile(
    r"Trang chủ|Giới thiệu|Liên hệ|Sơ đồ (?:trang|site|cổng)|Góp ý|Hỏi đáp|Tìm kiếm|"
    r"Đăng nhập|Đăng ký|Tin tức|Văn bản|Thư viện|Tiếng Việt|English|RSS"
)
_WELCOME = re.compile(r"kính chào quý (?:khách|vị|bạn đọc)|chào mừng (?:quý vị|bạn) đến với", _I)


_SENTENCE_END = (".", "!", "?", "…", '"', "”", ")")
_SENTENCE_SHAPED = ("session_notice", "rating")


def _is_nav_line(line: str) -> bool:
    if _WELCOME.search(line) and len(line.split()) <= 25:
        return True
    hits = _NAV_WORDS.findall(line)
    if len(hits) < 2 or line.rstrip().endswith((".", "?", "!")):
        return False
    # the menu words must make up most of the line, or "Trang chủ" must lead a menu
    covered = sum(len(h) for h in hits)
    return covered >= 0.5 * len(line.replace(" ", "")) or "Trang chủ" in hits


def is_chrome_line(line: str) -> bool:
    """True when a whole line is page furniture rather than article text."""
    s = line.strip()
    if not s or len(s) > _MAX_CHROME_CHARS:
        return False
    if len(s.split()) >= 8 and s.endswith(_SENTENCE_END):
        # a real sentence survives unless it is one of the wordy widget notices
        return any(CHROME_PATTERNS[name].fullmatch(s) for name in _SENTENCE_SHAPED)
    for pattern in CHROME_PATTERNS.values():
        if pattern.fullmatch(s):
            return True
    return _is_nav_line(s)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line in ``text``, newline excluded, without copying it."""
    pos, n = 0, len(text)
    while pos <= n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        yield pos, end
        pos = end + 1


def _dup_key(line: str) -> str:
    return " ".join(line.split()).casefold()


_LINE_END = re.compile(r"\r\n|\r|\n")


class ChromeMask:
    """``mask_chrome`` applied piece by piece (each piece ending at a line end), carrying
    the previous content line across pieces for the duplicate test."""

    def __init__(self) -> None:
        self._prev_key: str | None = None

    def _hidden_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of the lines ``strip_chrome`` would drop: chrome lines and a line
        that repeats the previous content line (blank and chrome lines between them
        ignored). Line ends (LF, CRLF or CR) are never part of a span."""
        pos, n = 0, len(text)
        ends: Iterator[re.Match[str] | None] = chain(_LINE_END.finditer(text), [None])
        for m in ends:
            end = n if m is None else m.start()
            line = text[pos:end]
            if line.strip():
                if is_chrome_line(line):
                    yield pos, end
                else:
                    key = _dup_key(line)
                    if key == self._prev_key:
                        yield pos, end
                    self._prev_key = key
            if m is None:
                break
            pos = m.end()

    def apply(self, text: str) -> str:
        pieces: list[str] = []
        pos = 0
        for start, end in self._hidden_spans(text):
            pieces.append(text[pos:start])
            pieces.append(" " * (end - start))
            pos = end
        if not pieces:
            return text
        pieces.append(text[pos:])
        return "".join(pieces)


def mask_chrome(text: str) -> str:
    """``text`` with chrome lines and consecutive duplicate lines (blank lines between them
    ignored) replaced by as many spaces; same length, same newlines, nothing else changed.
    Returns ``text`` itself when nothing is hidden (no copy of a large clean file)."""
    return ChromeMask().apply(text)


def strip_chrome(text: str) -> str:
    """Drop chrome lines, consecutive duplicate lines (ignoring blank lines between them),
    trailing spaces, leading/trailing blank lines and runs of blank lines beyond one.

    Consecutive untouched lines are copied as one slice of ``text``, so a large file with
    little chrome costs about one extra copy of itself (none when nothing changes)."""
    text = unicodedata.normalize("NFC", text)
    pieces: list[str] = []  # joined with "\n"
    run_start = run_end = -1  # current run of unchanged lines, as a slice of text
    blank_pending = False
    prev_key: str | None = None

    def flush() -> None:
        nonlocal run_start
        if run_start >= 0:
            pieces.append(text[run_start:run_end])
            run_start = -1

    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.rstrip()
        if not stripped.strip():
            if pieces or run_start >= 0:
                blank_pending = True
            continue
        if is_chrome_line(stripped):
            continue
        key = _dup_key(stripped)
        if key == prev_key:
            continue
        prev_key = key
        if blank_pending:
            # a single empty line between paragraphs; extend the run when the original
            # has exactly "\n\n" here, otherwise start a new piece
            blank_pending = False
            if run_start >= 0 and text.startswith("\n\n", run_end) and run_end + 2 == start:
                if stripped == line:
                    run_end = end
                    continue
            flush()
            pieces.append("")
        if stripped == line and run_start >= 0 and run_end + 1 == start:
            run_end = end  # extend the untouched run
            continue
        flush()
        if stripped == line:
            run_start, run_end = start, end
        else:
            pieces.append(stripped)
    flush()
    return "\n".join(pieces)
