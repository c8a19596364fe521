"""A small PDF writer for tests: pages of text lines and ruled tables, with no dependency.

Text is shown in a composite font (Type0, Identity-H) whose codes are given back as Unicode
by a ToUnicode map, which is what text extraction reads; the font itself is not embedded
(no glyphs are needed to read the text back). Every character is 0.6 em wide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595, 842  # A4 in points
CHAR_EM = 0.6


@dataclass
class Page:
    ops: list[str] = field(default_factory=list)

    def text(self, x: float, y_top: float, s: str, codes: dict[str, int], size: float = 10) -> None:
        """``s`` with its baseline ``y_top`` points below the top of the page."""
        hexed = "".join(f"{codes.setdefault(ch, len(codes) + 1):04X}" for ch in s)
        self.ops.append(f"BT /F1 {size:g} Tf {x:g} {PAGE_H - y_top:g} Td <{hexed}> Tj ET")

    def line(self, x0: float, y0_top: float, x1: float, y1_top: float) -> None:
        self.ops.append(f"{x0:g} {PAGE_H - y0_top:g} m {x1:g} {PAGE_H - y1_top:g} l S")

    def fill_rect(self, x: float, y_top: float, w: float, h: float) -> None:
        self.ops.append(f"0.5 g {x:g} {PAGE_H - y_top - h:g} {w:g} {h:g} re f 0 g")


@dataclass
class PdfBuilder:
    pages: list[Page] = field(default_factory=list)
    codes: dict[str, int] = field(default_factory=dict)  # character -> its 2-byte code

    def page(self) -> Page:
        self.pages.append(Page())
        return self.pages[-1]

    def text(self, page: Page, x: float, y_top: float, s: str, size: float = 10) -> None:
        page.text(x, y_top, s, self.codes, size)

    def table(
        self, page: Page, y_top: float, widths: list[float], rows: list[list[str]],
        x: float = 50, row_h: float = 18, size: float = 9,
    ) -> float:  # fmt: skip
        """A ruled table (a line around every cell); returns the y below it."""
        bottom = y_top + row_h * len(rows)
        right = x + sum(widths)
        for r in range(len(rows) + 1):
            page.line(x, y_top + r * row_h, right, y_top + r * row_h)
        edge = x
        for w in [0.0, *widths]:
            edge += w
            page.line(edge, y_top, edge, bottom)
        for r, row in enumerate(rows):
            cx = x
            for w, cell in zip(widths, row, strict=True):
                self.text(page, cx + 3, y_top + r * row_h + row_h - 5, cell, size)
                cx += w
        return bottom

    # ---- serialisation ------------------------------------------------------------------

    def _to_unicode(self) -> bytes:
        pairs = sorted(self.codes.items(), key=lambda kv: kv[1])
        body = [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
        ]
        for i in range(0, len(pairs), 100):
            chunk = pairs[i : i + 100]
            body.append(f"{len(chunk)} beginbfchar")
            body += [f"<{code:04X}> <{ord(ch):04X}>" for ch, code in chunk]
            body.append("endbfchar")
        body.append("endcmap CMapName currentdict /CMap defineresource pop end end")
        return "\n".join(body).encode("ascii")

    def to_bytes(self) -> bytes:
        objects: list[bytes] = []  # object n is objects[n - 1]

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        def stream(data: bytes) -> bytes:
            return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

        catalog = add(b"")
        pages_obj = add(b"")
        tounicode = add(stream(self._to_unicode()))
        descriptor = add(
            b"<< /Type /FontDescriptor /FontName /LlmxTest /Flags 32 /FontBBox [0 -200 600 800]"
            b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"
        )
        cidfont = add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LlmxTest"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor %d 0 R /DW %d /CIDToGIDMap /Identity >>"
            % (descriptor, int(CHAR_EM * 1000))
        )
        font = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /LlmxTest /Encoding /Identity-H"
            b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode)
        )
        kids = []
        for page in self.pages:
            content = add(stream("\n".join(page.ops).encode("ascii")))
            kids.append(
                add(
                    b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
                    b" /Resources << /Font << /F1 %d 0 R >> >> >>"
                    % (pages_obj, PAGE_W, PAGE_H, content, font)
                )
            )
        objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
        objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % k for k in kids),
            len(kids),
        )
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objects) + 1,
            catalog,
            xref,
        )
        return bytes(out)
