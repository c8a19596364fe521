"""Property tests (hypothesis): any text in, no crash, and every offset handed out holds.
Covers the Vietnamese number reader, quote alignment, byte decoding and the store round trip.
Example counts are kept modest so the suite stays quick."""

from __future__ import annotations

import codecs
import hashlib
import math
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmx.core.document import Document
from llmx.core.grounding import align_quote, value_grounded
from llmx.core.numbers import find_numbers, parse_vn_number, readings, values_in
from llmx.core.records import DocumentExtraction, Evidence, Metric
from llmx.core.textnorm import strip_diacritics
from llmx.errors import DecodeError
from llmx.ingest.decode import VISCII_DECODING_TABLE, decode_bytes
from llmx.store import Store

FEW = settings(max_examples=150, deadline=None)
FEWER = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Text a real document can hold: no lone surrogates (no decoder produces them).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)

# --- strategies for number-like text ---------------------------------------------------------
_MAGNITUDES = ("nghìn", "ngàn", "triệu", "tỉ", "tỷ", "thousand", "million", "billion")
# Letters that Unicode case-insensitive matching pairs with an ASCII one (dotless ı and
# dotted İ with i, long ſ with s, Kelvin K with k): what an IGNORECASE pattern also accepts.
_CASE_TWINS = {"i": "iIıİ", "s": "sSſ", "k": "kKK"}


@st.composite
def magnitude_words(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(_MAGNITUDES))
    return "".join(
        draw(st.sampled_from(_CASE_TWINS.get(ch, ch + ch.upper()))) for ch in word
    )


_digits = st.text("0123456789", min_size=1, max_size=8)
_fragment = st.one_of(
    _digits,
    st.sampled_from([".", ",", " ", "  ", "\n", "/", "%", "-", "thứ", "đạt", "điểm", "năm"]),
    magnitude_words(),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=3),
)
numberish_text = st.lists(_fragment, max_size=20).map("".join)


def _vn_format(x: float, decimals: int) -> tuple[str, float]:
    """``x`` written the Vietnamese way ("1.234,5") and the value that writing states."""
    plain = f"{x:.{decimals}f}"
    whole, _, frac = plain.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return (f"{grouped},{frac}" if frac else grouped), float(plain)


vn_numbers = st.builds(
    _vn_format,
    st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=3),
)


# --- numbers ---------------------------------------------------------------------------------
@FEW
@given(st.one_of(any_text, numberish_text))
def test_number_reader_takes_any_text(text):
    for span in find_numbers(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.raw
        assert span.value >= 0 and not math.isnan(span.value)
    assert all(not math.isnan(v) for v in values_in(text))
    value = parse_vn_number(text)
    assert value is None or value >= 0
    readings(text)


@FEW
@given(vn_numbers)
def test_vietnamese_writing_of_a_number_reads_back(written):
    raw, value = written
    assert parse_vn_number(raw) == value
    text = f"Tỉnh đạt {raw} điểm."
    [span] = find_numbers(text)
    assert (span.raw, span.value) == (raw, value)
    assert value in values_in(text) and value_grounded(value, text)
    [scaled] = find_numbers(f"đạt {raw} triệu đồng")
    assert math.isclose(scaled.value, value * 1e6)


@FEW
@given(
    st.one_of(st.sampled_from([math.inf, -math.inf, math.nan]), st.floats()),
    st.one_of(any_text, numberish_text, vn_numbers.map(lambda w: f"đạt {w[0]} điểm")),
)
def test_a_grounded_value_is_one_the_quote_states(value, quote):
    if value_grounded(value, quote):
        assert any(
            math.isclose(abs(value), v, rel_tol=0.01, abs_tol=0.01) for v in values_in(quote)
        ), (value, quote)


def test_an_infinite_value_is_never_grounded():
    # Found by test_a_grounded_value_is_one_the_quote_states: inf was "close" to any number
    # over 1000 (inf <= tolerance * inf), so Metric(value=inf) passed grounding and was
    # written out as "value": null.
    quote = "Tỉnh đạt 5.000 hồ sơ"
    assert value_grounded(5000, quote)
    assert not value_grounded(math.inf, quote) and not value_grounded(-math.inf, quote)
    with pytest.raises(ValueError, match="value not found"):
        Metric(entity="A", name="hồ sơ", value=math.inf,
               evidence=Evidence(quote=quote, start=0, end=len(quote)))  # fmt: skip


def test_case_twins_of_magnitude_words_are_no_magnitude():
    # Found by test_number_reader_takes_any_text: "trıệu" (dotless ı) matched the
    # case-insensitive magnitude pattern but had no multiplier, and reading crashed.
    for text in ("5 trıệu", "5 thouſand", "5 bıllıon"):
        [span] = find_numbers(text)
        assert (span.raw, span.value) == ("5", 5.0)
        assert values_in(text) == {5.0}
    assert parse_vn_number("5 trıệu") is None
    # Real case differences still read as magnitudes.
    assert find_numbers("5 TRIỆU")[0].value == 5e6
    assert parse_vn_number("1,8 Tỷ") == 1.8e9


# --- quote alignment -------------------------------------------------------------------------
@st.composite
def text_and_slice(draw: st.DrawFn, texts: st.SearchStrategy[str] = any_text):
    text = draw(texts.filter(lambda t: t.strip()))
    i = draw(st.integers(0, len(text) - 1))
    j = draw(st.integers(i + 1, len(text)))
    return text, text[i:j]


@FEW
@given(text_and_slice(), st.integers(min_value=-5, max_value=250))
def test_any_slice_aligns_exactly(case, hint):
    text, quote = case
    a = align_quote(text, quote, hint=max(hint, 0))
    if not quote.strip():
        assert a is None
        return
    assert a is not None and a.status == "exact"
    assert text[a.start : a.end] == quote.strip()


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _reads_as(s: str) -> str:
    """What a span says, ignoring case, diacritics, spacing and the kind of quote mark."""
    return " ".join(strip_diacritics(s.translate(_QUOTES)).casefold().split())


_vi_text = st.text(
    st.one_of(
        st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠƯ"),
        st.sampled_from("áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"),
        st.sampled_from("0123456789.,;:%()/-\"'“”‘’ \n\t\u00a0"),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=120,
)


@st.composite
def perturbed(draw: st.DrawFn, quote: str) -> str:
    """``quote`` as a model might copy it: spacing, case, diacritics or quote marks changed."""
    words = quote.split()
    seps = [draw(st.sampled_from([" ", "  ", "\n", "\u00a0", " \t"])) for _ in words[1:]]
    out = words[0] if words else ""
    for sep, w in zip(seps, words[1:], strict=True):
        out += sep + w
    change = draw(st.sampled_from(["none", "upper", "lower", "strip", "quotes"]))
    if change == "upper":
        out = out.upper()
    elif change == "lower":
        out = out.lower()
    elif change == "strip":
        out = strip_diacritics(out)
    elif change == "quotes":
        out = out.replace('"', "“").replace("'", "’")
    return out


@FEW
@given(text_and_slice(_vi_text), st.data())
def test_a_loosely_copied_quote_aligns_or_is_refused_never_misplaced(case, data):
    text, exact = case
    quote = data.draw(perturbed(exact))
    a = align_quote(text, quote)
    if a is None:
        return
    assert 0 <= a.start < a.end <= len(text)
    assert _reads_as(text[a.start : a.end]) == _reads_as(quote), (a, text[a.start : a.end])


# --- ingest decoding -------------------------------------------------------------------------
_BOM_LIST = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
             codecs.BOM_UTF32_BE, b""]  # fmt: skip
_VISCII_ENCODE = {ch: bytes([i]) for i, ch in enumerate(VISCII_DECODING_TABLE)}
_vi_encoded = st.builds(
    lambda t, codec: (
        t.encode("cp1258", "replace")
        if codec == "cp1258"
        else b"".join(_VISCII_ENCODE.get(ch, b"?") for ch in t)
    ),
    _vi_text,
    st.sampled_from(["cp1258", "viscii"]),
)
any_bytes = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda bom, rest: bom + rest, st.sampled_from(_BOM_LIST), st.binary(max_size=80)),
    _vi_encoded,
    st.builds(lambda t, enc: t.encode(enc, "surrogatepass"), any_text,
              st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-16-le"])),  # fmt: skip
)


@FEW
@given(any_bytes)
def test_any_bytes_decode_to_text_or_a_decode_error(raw):
    try:
        text = decode_bytes(raw, "f.txt")
    except DecodeError as exc:
        assert str(exc).startswith("f.txt: ")
        return
    assert isinstance(text, str) and text.strip()
    assert unicodedata.is_normalized("NFC", text) and "\r" not in text


# Text any encoder can write and that is no binary file: no controls, no lone surrogates.
_clean_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), max_size=200
).filter(lambda t: unicodedata.normalize("NFC", t).strip() and not t.startswith("\ufeff"))


@FEW
@given(_clean_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"]))
def test_unicode_encodings_round_trip_to_nfc(text, encoding):
    raw = text.encode(encoding)
    if encoding == "utf-16-be":  # the codec writes no BOM for an explicit byte order
        raw = codecs.BOM_UTF16_BE + raw
    assert decode_bytes(raw, "f.txt") == unicodedata.normalize("NFC", text)


# --- store round trip ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def prop_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(Path(tmp_path_factory.mktemp("prop")) / "prop.db") as store:
        yield store


_doc_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=150)
_names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Z")), min_size=1, max_size=30)


@st.composite
def grounded_documents(draw: st.DrawFn) -> tuple[Document, DocumentExtraction]:
    """A document with a number put in its text, and a metric grounded in a slice of it."""
    raw, value = draw(vn_numbers)
    before, after = draw(_doc_text), draw(_doc_text)
    text = f"{before} {raw} {after}"
    at = len(before) + 1
    start = draw(st.integers(0, at))
    end = draw(st.integers(at + len(raw), len(text)))
    quote = text[start:end]
    # Evidence quotes are stored stripped: the span is trimmed to match.
    start += len(quote) - len(quote.lstrip())
    end -= len(quote) - len(quote.rstrip())
    doc = Document(
        doc_id=draw(st.text("abcdefghij0123456789-_", min_size=1, max_size=12)),
        source=draw(_names),
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        text=text,
        title=draw(st.none() | _names),
    )
    metric = Metric(
        entity=draw(_names),
        name=draw(_names),
        value=value,
        unit=draw(st.sampled_from(["", "%", "hồ sơ", "ngày"])),
        evidence=Evidence(quote=text[start:end], start=start, end=end),
    )
    return doc, DocumentExtraction.of(doc, "rules", metrics=[metric])


@FEWER
@given(grounded_documents())
def test_store_reads_back_what_it_saved(prop_store, case):
    doc, extraction = case
    prop_store.save(doc, extraction, prop_store.begin_run("rules"))
    assert prop_store.get_document(doc.doc_id) == doc
    assert prop_store.get_extraction(doc.doc_id, "rules") == extraction
