from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from llmx.core.grounding import align_quote
from llmx.errors import DecodeError, InputError
from llmx.ingest import Source, expand_paths, load_document
from llmx.ingest.clean import is_chrome_line, strip_chrome
from llmx.ingest.decode import VISCII_DECODING_TABLE, decode_bytes
from llmx.ingest.html import html_to_text, looks_like_html
from llmx.ingest.metadata import extract_published, extract_title

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# Written for these tests (not taken from the seeds).
VI_TEXT = (
    "Kết quả Chỉ số hài lòng năm 2023 của tỉnh Hòa Bình\n"
    "Năm 2023, Chỉ số cải cách hành chính của tỉnh Quảng Trị đạt 85,12 điểm, xếp thứ 12/63.\n"
    "Người dân được hướng dẫn tận tình; thủ tục được giải quyết đúng hẹn ở Đắk Lắk, Yên Bái.\n"
    "Ỷ lại, ỹ, Ỵ, Ẳ, Ẵ, Ẫ: những chữ hoa hiếm gặp vẫn phải được giải mã đúng.\n"
)

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 the way Vietnamese Windows writes it: precomposed where the code page
    has the letter, otherwise base letter (with its vowel mark) plus a combining tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))
            tones = "".join(c for c in d if c in _TONE_MARKS)
            out += (base + tones).encode("cp1258")
    return bytes(out)


def to_viscii(text: str) -> bytes:
    inverse = {ch: i for i, ch in enumerate(VISCII_DECODING_TABLE)}
    return bytes(inverse[ch] for ch in unicodedata.normalize("NFC", text))


# --------------------------------------------------------------------------- decoding
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),  # BOM, native order
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        lambda t: t.encode("utf-32"),
        lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        to_cp1258,
        to_viscii,
    ],
    ids=[
        "utf8",
        "utf8-sig",
        "utf16",
        "utf16be",
        "utf16le",
        "utf32",
        "utf8-nfd",
        "crlf",
        "cp1258",
        "viscii",
    ],
)
def test_every_encoding_gives_the_same_nfc_text(encode):
    raw = encode(VI_TEXT)
    assert decode_bytes(raw, "x.txt") == VI_TEXT


def test_cp1258_fixture_really_uses_combining_tones():
    raw = to_cp1258("Kết quả")
    assert b"\xec" in raw or b"\xd2" in raw  # combining acute / hook above
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_viscii_table_matches_rfc1456_landmarks():
    table = VISCII_DECODING_TABLE
    assert len(table) == 256 and len(set(table)) == 256
    assert table[0x80] == "Ạ" and table[0xA0] == "Õ" and table[0xFF] == "Ữ"
    assert table[0x02] == "Ẳ" and table[0x1E] == "Ỵ" and table[0xB4] == "Ơ"
    assert table[0xF0] == "đ" and table[0xD0] == "Đ" and table[0xE0] == "à"
    low = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
    assert table[:0x80] == "".join(low.get(i, chr(i)) for i in range(128))


def test_mixed_newlines_become_lf():
    assert decode_bytes(b"a\r\nb\rc\n", "x") == "a\nb\nc\n"


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n", "  \n".encode("utf-16")])
def test_empty_files(raw):
    with pytest.raises(DecodeError, match=r"^x\.txt: empty file$"):
        decode_bytes(raw, "x.txt")


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "chữ tiếng Việt".encode("utf-16-le"),  # no BOM: NUL bytes
        b"ab\x01\x02\x03\x04cd\x05\x06\x07\x08ef\x0e\x0f",
    ],
)
def test_binary_files(raw):
    with pytest.raises(DecodeError, match=r"^f\.bin: binary file$"):
        decode_bytes(raw, "f.bin")


@pytest.mark.parametrize(
    "raw",
    [
        "Le café est très bon, où est la bibliothèque? Ça coûte cher, élève naïve.".encode(
            "latin-1"
        ),
        "Schöne Grüße aus München, die Straße ist groß und übervoll.".encode("cp1252"),
        "日本語のテキストです。行政改革の指数。".encode("shift_jis"),
    ],
)
def test_undecodable_files(raw):
    with pytest.raises(DecodeError, match="not UTF-8 or a known Vietnamese encoding"):
        decode_bytes(raw, "u.txt")


def test_decode_error_is_an_input_error():
    assert issubclass(DecodeError, InputError)


# --------------------------------------------------------------------------- HTML
HTML = """<!DOCTYPE html>
<html><head><title>Trang tin - Cổng thông tin</title>
<style>p { color: red }</style>
<script>var s = "<p>không phải nội dung</p>"; if (a < b) {}</script></head>
<body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li>Tin tức</li></ul></nav></header>
<h1>Tỉnh   Hòa Bình &amp; Chỉ số&nbsp;PAR INDEX</h1>
<div class="meta">Ngày đăng: 3/5/2024</div>
<p>Đoạn thứ nhất nói về <b>kết quả</b> chấm điểm &ldquo;rất tốt&rdquo;,<br>
dòng hai &lt;75&gt; &#273;i&#7875;m.</p>



<div><div><p>Đoạn thứ hai.</p></div></div>
<table><tr><th>Đơn vị</th><th>Điểm</th></tr>
<tr><td>Sở Nội vụ</td><td>91,2</td></tr></table>
<noscript>Bật JavaScript</noscript><aside>Tin đọc nhiều</aside>
<form><input name="q"><button>Tìm</button></form>
<iframe src="x"></iframe><svg><title>biểu tượng</title><path d="M0"/></svg>
<footer>Bản quyền thuộc về cơ quan chủ quản</footer>
</body></html>"""


def test_html_to_text_drops_furniture_and_unescapes():
    text = html_to_text(HTML)
    assert text.split("\n") == [
        "Tỉnh Hòa Bình & Chỉ số PAR INDEX",
        "",
        "Ngày đăng: 3/5/2024",
        "",
        "Đoạn thứ nhất nói về kết quả chấm điểm “rất tốt”,",
        "dòng hai <75> điểm.",
        "",
        "Đoạn thứ hai.",
        "",
        "Đơn vị | Điểm",
        "Sở Nội vụ | 91,2",
    ]
    for junk in (
        "color",
        "không phải",
        "Trang chủ",
        "JavaScript",
        "Tin đọc nhiều",
        "Tìm",
        "biểu tượng",
        "Bản quyền",
        "Cổng thông tin",
    ):
        assert junk not in text


def test_html_title_used_only_without_h1():
    assert html_to_text("<html><head><title>Tiêu đề trang</title></head><p>Thân bài.</p>") == (
        "Tiêu đề trang\n\nThân bài."
    )


def test_unclosed_head_does_not_swallow_the_body():
    html = "<html><head><title>T</title><meta charset=utf-8><body><h1>Tiêu đề</h1><p>Thân.</p>"
    assert html_to_text(html) == "Tiêu đề\n\nThân."


def test_looks_like_html():
    assert looks_like_html(HTML)
    assert looks_like_html("  <html><body>x</body></html>")
    assert looks_like_html("<div><p>a</p><p>b</p><p>c</p><br><span>d</span></div>")
    assert not looks_like_html(VI_TEXT)
    assert not looks_like_html("Điểm số <75 và >60 là mức trung bình, theo Bộ Nội vụ.")


def test_txt_file_holding_html_is_converted(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(HTML, encoding="utf-8")
    doc = load_document(expand_paths([str(p)])[0])
    assert "<p>" not in doc.text and "Trang chủ" not in doc.text
    assert doc.title == "Tỉnh Hòa Bình & Chỉ số PAR INDEX"
    assert doc.published == date(2024, 5, 3)


# --------------------------------------------------------------------------- chrome
CHROME_LINES = [
    "Thanh Hóa 31 °C / 27 - 33 °C",
    "Đà Nẵng 28°C",
    "Hotline: 0987 654 321",
    "Đường dây nóng: (024) 3825 1234",
    "Chia sẻ bài viết:",
    "Chia sẻ: Facebook Zalo Tweet",
    "In bài viết",
    "Facebook",
    "Twitter",
    "icon",
    "A- A A+",
    "1.0 1.5 2.0",
    "Thống kê lượt truy cập",
    "• Đang online 1,234",
    "Hôm qua: 12.345",
    "Tổng số lượt truy cập 9,876,543",
    "Ý kiến bạn đọc (12)",
    "Gửi ý kiến",
    "Viết bình luận...",
    "Tổng số điểm của bài viết là: 10 trong 3 đánh giá",
    "Click để đánh giá bài viết này",
    "Sign Out",
    "Đăng nhập",
    "Skip to content",
    "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại",
    "{{ related_posts }}",
    "{author}",
    "a9f3b77e 20240523110245998877",
    "IMG_20240311_093015.jpg",
    "Trang chủ Giới thiệu Tin tức Văn bản Liên hệ",
    "Home > News > Digital government",
    "Trang chủ » Cải cách hành chính » Trang 4",
]
CONTENT_LINES = [
    "Hôm nay, tỉnh tổ chức hội nghị công bố Chỉ số cải cách hành chính năm 2023.",
    "Người dân có thể gọi đường dây nóng để phản ánh việc chậm trễ giải quyết hồ sơ.",
    "Bình luận về kết quả này, ông Lê Văn Tám cho rằng tỉnh còn nhiều dư địa tăng điểm.",
    "Tổng số điểm của tỉnh năm 2023 là 86,5 điểm, tăng 2,1 điểm so với năm trước.",
    "Chia sẻ tại hội nghị, bà Nguyễn Thị Hoa nêu rõ những điểm yếu trong chuyển đổi số.",
    "Nhiệt độ ở trung tâm phục vụ hành chính công được giữ ổn định để phục vụ người dân.",
    "Lượt truy cập Cổng dịch vụ công của tỉnh tăng mạnh, đạt hơn 1,2 triệu lượt.",
    "Trang chủ của Cổng thông tin điện tử tỉnh đã công khai toàn bộ thủ tục hành chính.",
    "Sở Nội vụ",
    "PAR INDEX 2023: Hà Tĩnh xếp thứ 9",
    "Đánh giá bài viết của phóng viên về kết quả cải cách hành chính tỉnh",
    "Hotline 1022 của thành phố đã tiếp nhận 5.000 cuộc gọi trong năm 2023.",
    "Tỷ lệ hồ sơ trực tuyến > 80% ở 12 tỉnh, thành phố.",
    "Năm 2023 > năm 2022: tăng 5 bậc",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_lines_are_recognised(line):
    assert is_chrome_line(line)
    assert is_chrome_line("  " + line + "  ")


@pytest.mark.parametrize("line", CONTENT_LINES)
def test_content_lines_are_kept(line):
    assert not is_chrome_line(line)


def test_strip_chrome_removes_whole_lines_only():
    parts = []
    for i, content in enumerate(CONTENT_LINES):
        parts += [CHROME_LINES[i % len(CHROME_LINES)], content + "   ", "", "", "", ""]
    parts += CHROME_LINES
    out = strip_chrome("\n\n\n" + "\n".join(parts) + "\n\n")
    assert out.split("\n") == [line for content in CONTENT_LINES for line in (content, "")][:-1]
    assert strip_chrome(out) == out  # idempotent
    assert unicodedata.is_normalized("NFC", out)


def test_strip_chrome_drops_consecutive_duplicates():
    text = (
        "Xã hội\nXã hội\n\nChú thích ảnh: cán bộ hướng dẫn người dân.\n\n"
        "Chú thích ảnh:  cán bộ hướng dẫn người dân.\nĐoạn văn.\nĐoạn văn khác.\nĐoạn văn.\n"
    )
    assert strip_chrome(text) == (
        "Xã hội\n\nChú thích ảnh: cán bộ hướng dẫn người dân.\n\n"
        "Đoạn văn.\nĐoạn văn khác.\nĐoạn văn."
    )


def test_strip_chrome_without_changes_returns_same_text():
    text = "Dòng một.\n\nDòng hai.\nDòng ba."
    assert strip_chrome(text) is text


def test_strip_chrome_normalises_to_nfc():
    out = strip_chrome(unicodedata.normalize("NFD", "Đánh giá kết quả cải cách"))
    assert out == "Đánh giá kết quả cải cách"


# --------------------------------------------------------------------------- metadata
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Cập nhật: 09:55 ngày 21/04/2023", date(2023, 4, 21)),
        ("Thứ năm - 01/06/2023 08:01", date(2023, 6, 1)),
        ("Thứ Năm - 01/06/2023 08:01 1532", date(2023, 6, 1)),
        ("07:01, 24/01/2024", date(2024, 1, 24)),
        ("(Cập nhật lúc: 20/11/2018 09:42:26 )", date(2018, 11, 20)),
        ("Ngày đăng: 3/5/2024", date(2024, 5, 3)),
        ("2024-01-24", date(2024, 1, 24)),
        ("ngày 21 tháng 4 năm 2023", date(2023, 4, 21)),
        ("Hà Nội, ngày 5 tháng 12 năm 2022", date(2022, 12, 5)),
        ("Chủ nhật, 7.7.2024 - 10:15", date(2024, 7, 7)),
        ("Ngày đăng: 31/02/2024", None),  # not a calendar date
        ("Ngày đăng: 12/2024", None),
    ],
)
def test_extract_published_formats(line, expected):
    text = f"Tiêu đề bài viết về cải cách hành chính\n\n{line}\n\nThân bài.\n"
    assert extract_published(text) == expected


def test_labelled_date_beats_earlier_date_line():
    text = "Thứ hai, 15/04/2024\n\nTiêu đề bài báo rất dài ở đây\nCập nhật: 10:00 ngày 02/03/2023\n"
    assert extract_published(text) == date(2023, 3, 2)


def test_dates_in_body_sentences_are_ignored():
    body = "Tính đến ngày 21/8/2024, toàn tỉnh có hơn một triệu tài khoản định danh điện tử."
    assert extract_published(f"Tiêu đề bài viết về chỉ số\n\n{body}\n") is None
    far = "\n".join(f"Đoạn văn thứ {i} của bài viết." for i in range(30))
    assert extract_published(f"Tiêu đề bài viết\n{far}\n01/06/2023\n") is None
    # "cập nhật" inside a sentence is not a label
    short = "Số liệu cập nhật đến ngày 30/6/2023 của Sở."
    assert extract_published(f"Tiêu đề bài viết\n{short}\n") is None


def test_no_date():
    assert extract_published("Không có ngày tháng nào ở đây\n\nChỉ có chữ.") is None
    assert extract_published("") is None


def test_extract_title():
    text = (
        "Thứ ba, 05/03/2024\nChuyên mục\nChuyên mục\n"
        "Hà Giang tăng 10 bậc Chỉ số cải cách hành chính\n"
        "Cập nhật: 08:00 ngày 04/03/2024\n"
        "(HG) - Năm 2023, tỉnh Hà Giang đạt 84,2 điểm và tăng 10 bậc so với năm trước.\n"
    )
    assert extract_title(text) == "Hà Giang tăng 10 bậc Chỉ số cải cách hành chính"


def test_extract_title_skips_chrome_and_falls_back_to_sentence():
    assert extract_title("Skip to main content\nĐăng nhập\nMột câu có dấu chấm ở cuối.\n") == (
        "Một câu có dấu chấm ở cuối."
    )
    assert extract_title("Ngắn\n\n" + "từ " * 60) is None


# --------------------------------------------------------------------------- sources
def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    for rel in [
        "z.txt",
        "a/y.md",
        "b/x.html",
        "b/deep/w.HTM",
        "b/notes.json",
        ".hidden/h.txt",
        "b/.secret.txt",
    ]:
        (root / rel).write_text("Nội dung thử nghiệm.", encoding="utf-8")
    return root


def test_directory_recursion_filters_and_sorts(tmp_path):
    root = _tree(tmp_path)
    got = [Path(s.label).relative_to(root).as_posix() for s in expand_paths([str(root)])]
    assert got == ["a/y.md", "b/deep/w.HTM", "b/x.html", "z.txt"]
    src = expand_paths([str(root)])[0]
    # outside the current directory, ids are relative to the directory given
    assert src.doc_id == "a/y.md" and src.path == root / "a" / "y.md"


def test_glob_and_dedup(tmp_path):
    root = _tree(tmp_path)
    pattern = str(root / "**" / "*.txt")
    got = expand_paths([pattern, str(root / "z.txt"), str(root), "-", "-"])
    labels = [s.label for s in got]
    assert labels[0] == str(root / "z.txt")  # the glob came first
    assert len(labels) == len({s.path for s in got})  # each file once
    assert labels.count("-") == 1
    assert {Path(s.label).name for s in got if s.path} == {"z.txt", "y.md", "x.html", "w.HTM"}
    # a glob matching a directory expands it; a path given twice in different forms is one
    again = expand_paths([str(root / "a"), str(root / "a" / ".." / "a" / "y.md")])
    assert [s.doc_id for s in again] == ["y.md"]


def test_missing_path_and_empty_glob(tmp_path):
    with pytest.raises(InputError, match=r"^no such file or directory: .*nope\.txt$"):
        expand_paths([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match="no such file or directory"):
        expand_paths([str(tmp_path / "*.nothing")])


def test_empty_directory_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    assert expand_paths([str(tmp_path / "empty")]) == []


def test_stdin_source():
    (src,) = expand_paths(["-"])
    assert src == Source(path=None, label="-", doc_id=None)  # named by its content


# --------------------------------------------------------------------------- loader
class _FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_load_from_stdin(monkeypatch):
    raw = to_cp1258(VI_TEXT)
    monkeypatch.setattr("sys.stdin", _FakeStdin(raw))
    doc = load_document(expand_paths(["-"])[0])
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.doc_id == f"stdin-{doc.sha256[:12]}" and doc.source == "-"
    assert doc.text == VI_TEXT  # the text as piped in, final newline and all
    assert doc.title == "Kết quả Chỉ số hài lòng năm 2023 của tỉnh Hòa Bình"


def test_load_document_file(tmp_path):
    p = tmp_path / "bai-viet.txt"
    body = (
        "Skip to main content\nHuế 30 °C / 25 - 31 °C\n\n"
        "Thừa Thiên Huế giữ vững vị trí trong nhóm dẫn đầu\n"
        "Ngày đăng: 9/2/2024\n\n\n\n"
        "Năm 2023, tỉnh đạt 89,1 điểm Chỉ số cải cách hành chính, đứng thứ 5 cả nước.\n"
        "Chia sẻ:\nZalo\n"
    )
    raw = body.encode("utf-8-sig")
    p.write_bytes(raw)
    doc = load_document(expand_paths([str(p)])[0])
    assert doc.doc_id == "bai-viet.txt" and doc.source == str(p)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    # chrome lines are blanked in place: the text keeps the file's length and layout
    assert doc.text == (
        " " * 20 + "\n" + " " * 22 + "\n\n"
        "Thừa Thiên Huế giữ vững vị trí trong nhóm dẫn đầu\nNgày đăng: 9/2/2024\n\n\n\n"
        "Năm 2023, tỉnh đạt 89,1 điểm Chỉ số cải cách hành chính, đứng thứ 5 cả nước.\n"
        + " " * 8
        + "\n"
        + " " * 4
        + "\n"
    )
    assert len(doc.text) == len(body)  # the BOM is not text
    assert doc.title == "Thừa Thiên Huế giữ vững vị trí trong nhóm dẫn đầu"
    assert doc.published == date(2024, 2, 9)


def test_load_document_html_file(tmp_path):
    p = tmp_path / "trang.html"
    p.write_text("<p>Chỉ số <i>PAR INDEX</i> năm 2023 của tỉnh tăng ba bậc</p>", "utf-8")
    doc = load_document(expand_paths([str(p)])[0])
    assert doc.text == "Chỉ số PAR INDEX năm 2023 của tỉnh tăng ba bậc"


def test_load_document_errors(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (1024 * 1024 + 1))
    with pytest.raises(DecodeError, match=r"big\.txt: file larger than 1 MB$"):
        load_document(expand_paths([str(big)])[0], max_bytes=1024 * 1024)
    monkeypatch.setattr("sys.stdin", _FakeStdin(b"x" * 100))
    with pytest.raises(DecodeError, match=r"^-: file larger than"):
        load_document(expand_paths(["-"])[0], max_bytes=50)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(DecodeError, match="empty file"):
        load_document(expand_paths([str(empty)])[0])
    only_chrome = tmp_path / "chrome.txt"
    only_chrome.write_text("Chia sẻ:\nSign In\n", "utf-8")
    with pytest.raises(DecodeError, match="empty file"):
        load_document(expand_paths([str(only_chrome)])[0])
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x00\x01" + bytes(64))
    with pytest.raises(DecodeError, match="binary file"):
        load_document(expand_paths([str(binary)])[0])
    gone = Source(path=tmp_path / "gone.txt", label="gone.txt", doc_id="gone")
    with pytest.raises(DecodeError, match="gone.txt: cannot read"):
        load_document(gone)


# --------------------------------------------------------------------------- seeds
# Independent shapes of page furniture (the cleaner's own patterns are checked too).
_SEED_CHROME = [
    re.compile(r".*\d\s*°\s*C.*"),
    re.compile(r"(?i)\W*(hotline|đang truy cập|hôm nay|tổng lượt truy cập)\W*[\d.,]*\d\s*"),
    re.compile(r"(?i)(chia sẻ|icon|zalo|facebook|tweet|sign in|thống kê truy cập)\s*:?"),
    re.compile(r"(?i)skip .*|.*\{\w+\}.*|.*click để đánh giá.*|.*điểm của bài viết.*"),
    re.compile(r"[\d.\s]+|[0-9a-z]+ \d{12,}"),
    re.compile(r"(?i)(ý kiến bạn đọc|bình luận của bạn)\W*(\(\d+\))?\W*"),
]


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_seed_documents_are_clean_and_keep_their_content(path):
    doc = load_document(expand_paths([str(path)])[0])
    lines = [line for line in doc.text.split("\n") if line.strip()]  # chrome is blanked
    for line in lines:
        assert not is_chrome_line(line), line
        assert not any(p.fullmatch(line.strip()) for p in _SEED_CHROME), line
    assert all(a != b for a, b in zip(lines, lines[1:], strict=False))
    original = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    # blanking keeps every offset: the text is the file with chrome lines as spaces
    assert len(doc.text) == len(original)
    assert all(a == b or a == " " for a, b in zip(doc.text, original, strict=True))
    longest = max(original.split("\n"), key=len)
    assert longest in doc.text
    assert doc.title and 4 <= len(doc.title.split()) <= 40
    assert doc.doc_id.split("/")[-1] == path.name and len(doc.sha256) == 64


def test_seed_gold_quotes_survive_cleaning():
    gold_dir = ROOT / "seeds" / "gold"
    if not gold_dir.is_dir():
        pytest.skip("no gold annotations")

    def quotes(obj):
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k == "quote" and isinstance(v, str):
                    yield v
                else:
                    yield from quotes(v)
        elif isinstance(obj, list):
            for v in obj:
                yield from quotes(v)

    texts = {p.stem: load_document(expand_paths([str(p)])[0]).text for p in SEEDS}  # by key
    checked = 0
    for gold in gold_dir.glob("*.json"):
        data = json.loads(gold.read_text(encoding="utf-8"))
        text = texts.get(data.get("doc_id", gold.stem))
        if text is None:
            continue
        for q in quotes(data):
            # a quote across a paragraph break may differ from the file in its spaces only
            found = align_quote(text, q)
            assert found is not None and found.status in ("exact", "whitespace"), q
            checked += 1
    assert checked > 0


# ------------------------------------------------------------- HTML fragments in .txt
FRAGMENT = (
    "<p><strong>Kết quả Chỉ số PAR INDEX năm 2023</strong></p>\n"
    "<p>Năm 2023, tỉnh Phú Thọ đạt 86&#44;12 điểm, xếp thứ 14/63 về Chỉ số PAR INDEX.</p>\n"
)


def test_an_html_fragment_saved_as_txt_is_read_as_html(tmp_path):
    assert looks_like_html(FRAGMENT)
    p = tmp_path / "manh.txt"
    p.write_text(FRAGMENT, encoding="utf-8")
    doc = load_document(expand_paths([str(p)])[0])
    assert "<p>" not in doc.text and "&#44;" not in doc.text
    assert "đạt 86,12 điểm" in doc.text
    from llmx.backends.registry import get_backend

    ex = get_backend("rules").extract(doc).extraction
    assert [r.score for r in ex.index_results if r.score is not None] == [86.12]


def test_prose_with_a_stray_tag_is_not_a_fragment():
    prose = "Năm 2023, tỉnh đạt 86,12 điểm và xếp thứ 14/63. " * 200
    assert not looks_like_html(prose + "<b>Ghi chú</b> &amp; nguồn.")  # 3 marks in 10k chars
    assert looks_like_html("<b>Ghi chú</b> &amp; nguồn.")  # the same marks on their own
    assert not looks_like_html("Điểm &amp; hạng: 86,12 điểm, xếp thứ 14/63.")


# ----------------------------------------------------------------------------- memory
def test_a_large_text_file_loads_in_under_three_times_its_size(tmp_path):
    # Memory, not time: tracemalloc counts what load_document allocates, the file's bytes
    # included. Seeds repeated (chrome and all) to 5 MB; benchmarks/ingest_memory.py runs 50.
    import tracemalloc

    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS).encode("utf-8")
    p = tmp_path / "big.txt"
    p.write_bytes(unit * (5 * 2**20 // len(unit)))
    src = expand_paths([str(p)])[0]
    tracemalloc.start()
    try:
        doc = load_document(src)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.text) > 2**20
    assert peak < 3 * p.stat().st_size
