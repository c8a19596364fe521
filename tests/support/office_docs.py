"""Ranking tables as PDF and DOCX files, built by the tests themselves: a caption naming the
index, year and scope, then a table STT | Đơn vị | Điểm | Xếp hạng of Vietnamese units."""

from __future__ import annotations

import io
from dataclasses import dataclass

from support.pdfgen import PdfBuilder

CAPTION = "Kết quả Chỉ số CCHC năm 2023 của các sở, ban, ngành tỉnh Quảng Ninh"
HEADER = ["STT", "Đơn vị", "Điểm", "Xếp hạng"]
# Units as a province's ranking names them; the last six are not in the gazetteer, so the
# table's rows give them their level.
UNITS = [
    "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Công Thương",
    "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Y tế", "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường",
    "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa và Thể thao", "Sở Du lịch",
    "Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông", "Sở Ngoại vụ",
    "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Ban Dân tộc", "Ban Quản lý Khu kinh tế",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Nông nghiệp và Môi trường",
    "Sở Dân tộc và Tôn giáo", "Sở Khoa học, Công nghệ và Đổi mới", "Bảo hiểm xã hội tỉnh",
    "Công an tỉnh", "Cục Thuế tỉnh", "Kho bạc Nhà nước tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
]  # fmt: skip


@dataclass(frozen=True)
class Row:
    unit: str
    score: float
    rank: int

    def cells(self) -> list[str]:
        return [str(self.rank), self.unit, f"{self.score:.2f}".replace(".", ","), str(self.rank)]

    @property
    def line(self) -> str:
        """The row as ingestion writes it into the text."""
        return " | ".join(self.cells())


def ranking(n: int) -> list[Row]:
    """``n`` units, best first, with falling scores (two decimals, written with a comma)."""
    return [Row(UNITS[i], round(95.5 - i * 0.73, 2), i + 1) for i in range(n)]


_WIDTHS = [30.0, 260.0, 70.0, 70.0]
_ROW_H = 18.0


def ranking_pdf(rows: list[Row], *, rows_per_page: int = 40, repeat_header: bool = True) -> bytes:
    """A PDF: a title, the caption, then the ranking as a ruled table, ``rows_per_page`` body
    rows a page (the header again at the top of each page when ``repeat_header``), and a
    closing paragraph after the table."""
    pdf = PdfBuilder()
    page = pdf.page()
    pdf.text(page, 50, 50, "QUYẾT ĐỊNH Công bố Chỉ số cải cách hành chính", size=11)
    pdf.text(page, 50, 80, CAPTION)
    y = 95.0
    for start in range(0, len(rows), rows_per_page):
        if start:
            page = pdf.page()
            y = 50.0
        chunk = [r.cells() for r in rows[start : start + rows_per_page]]
        header = [HEADER] if (start == 0 or repeat_header) else []
        y = pdf.table(page, y, _WIDTHS, header + chunk, row_h=_ROW_H)
        pdf.text(page, 290, 820, f"- {len(pdf.pages)} -", size=8)  # page number
    pdf.text(page, 50, y + 30, "Giao Sở Nội vụ theo dõi, tổng hợp.")
    return pdf.to_bytes()


def scanned_pdf() -> bytes:
    """A page with a picture of text (grey blocks where the lines are) and no text layer."""
    pdf = PdfBuilder()
    page = pdf.page()
    for i in range(12):
        page.fill_rect(50, 60 + 20 * i, 400 - 15 * (i % 3), 10)
    return pdf.to_bytes()


def ranking_docx(rows: list[Row], *, caption: str = CAPTION) -> bytes:
    """A DOCX: a heading, the caption, the ranking table, a closing paragraph."""
    import docx

    document = docx.Document()
    document.add_heading("QUYẾT ĐỊNH Công bố Chỉ số cải cách hành chính", level=1)
    document.add_paragraph(caption)
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    for r, cells in enumerate([HEADER, *(row.cells() for row in rows)]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("Giao Sở Nội vụ theo dõi, tổng hợp.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
