"""Issue 11, case 2: for a plain-text input every quote is the user's file at its offsets
(decoded, NFC-normalised, newlines as in the file), chrome lines included; for HTML the
offsets index the extracted text, which ``--with-text`` hands out."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from llmx.backends.registry import get_backend
from llmx.core.records import DocumentExtraction
from llmx.ingest import expand_paths, load_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
WITH_CHROME = SEEDS[0]  # starts with a date line, weather, hotline, share widgets


def _extract(path: Path) -> DocumentExtraction:
    return get_backend("rules").extract(load_document(expand_paths([str(path)])[0])).extraction


def _spans(ex: DocumentExtraction) -> list[tuple[str, int, int]]:
    out = []
    for rec in (*ex.index_results, *ex.metrics, *ex.initiatives):
        for ev in (rec.evidence, *rec.field_evidence.values()):
            out.append((ev.quote, ev.start, ev.end))
    return out


def _user_text(path: Path) -> str:
    """The file as the user has it: decoded, NFC, its own newlines (no newline translation)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return unicodedata.normalize("NFC", fh.read())


def _values(ex: DocumentExtraction) -> list[str]:
    return sorted(
        type(r).__name__
        + json.dumps(r.model_dump(exclude={"evidence", "field_evidence"}, mode="json"),
                     sort_keys=True, ensure_ascii=False)
        for r in (*ex.index_results, *ex.metrics, *ex.initiatives)
    )  # fmt: skip


def _variant(tmp_path: Path, seed: Path, name: str) -> Path:
    text = seed.read_text(encoding="utf-8")
    if name == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif name == "nfd":
        data = unicodedata.normalize("NFD", text).encode("utf-8")
    else:
        data = seed.read_bytes()
    p = tmp_path / f"{name}.txt"
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("variant", ["as-is", "crlf", "nfd"])
@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_every_quote_is_the_users_file_at_its_offsets(tmp_path, seed, variant):
    path = _variant(tmp_path, seed, variant)
    ex = _extract(path)
    text = _user_text(path)
    spans = _spans(ex)
    assert spans, "the seed yields records"
    for quote, start, end in spans:
        assert text[start:end] == quote
    if variant != "as-is":  # newlines and normal form change offsets, never what is found
        assert _values(ex) == _values(_extract(seed))


def test_chrome_is_hidden_from_the_extractor_but_offsets_do_not_move(tmp_path):
    doc = load_document(expand_paths([str(WITH_CHROME)])[0])
    text = _user_text(WITH_CHROME)
    assert len(doc.text) == len(text)
    hidden = [ln for ln, shown in zip(text.split("\n"), doc.text.split("\n"), strict=True)
              if ln.strip() and not shown.strip()]  # fmt: skip
    assert "Hotline: +84.0204.3 856 624" in hidden  # chrome lines are blanked ...
    assert all(a == b for a, b in zip(doc.text, text, strict=True) if a != " ")  # ... only


def test_crlf_is_kept(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("Dòng một.\r\nNăm 2023, tỉnh xếp thứ 5/63 về Chỉ số PAR INDEX.\r\n".encode())
    doc = load_document(expand_paths([str(p)])[0])
    assert doc.text == "Dòng một.\r\nNăm 2023, tỉnh xếp thứ 5/63 về Chỉ số PAR INDEX.\r\n"


def _llmx(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "llmx", *args], cwd=cwd, capture_output=True, text=True,
        encoding="utf-8", timeout=120,
    )  # fmt: skip


def test_with_text_gives_the_text_html_offsets_index(tmp_path):
    (tmp_path / "trang.html").write_text(
        "<html><body><nav>Trang chủ | Tin tức</nav><h1>Kết quả</h1>"
        "<p>Năm 2023, tỉnh Phú Thọ xếp thứ 9/63 về Chỉ số PAR INDEX, đạt 88,1 điểm.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    args = ["extract", "trang.html", "--db", "s.db", "--jsonl", "--with-text"]
    for _run in ("extracted", "skipped"):  # a skipped document's text comes from the store
        res = _llmx(*args, cwd=tmp_path)
        assert res.returncode == 0, res.stderr
        (obj,) = [json.loads(line) for line in res.stdout.splitlines()]
        text = obj.pop("text")
        assert "Trang chủ" not in text and text.startswith("Kết quả")
        spans = _spans(DocumentExtraction.model_validate(obj, context={"text": text}))
        assert spans and all(text[s:e] == q for q, s, e in spans)
    plain = _llmx("extract", "trang.html", "--no-store", "--jsonl", cwd=tmp_path)
    assert "text" not in json.loads(plain.stdout)  # only on request
