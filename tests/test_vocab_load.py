"""Reading the vocabulary data files through the validated cache (``llmx.core.vocab.load``):
the cached vocabulary is the validated one, an edit to a file is read again, and a cache
that is broken or cannot be written changes nothing but the time it takes."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from llmx.core.vocab import load
from llmx.core.vocab.model import ConceptModel, EntryModel
from llmx.core.vocab.terms import Concept, Entry

DATA = Path(load.__file__).resolve().parent.parent.parent / "data" / "vocab"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data files, read in place of the package's."""
    copy = tmp_path / load.DATA_DIR
    copy.mkdir()
    for p in DATA.glob("*.toml"):
        shutil.copy(p, copy / p.name)
    monkeypatch.setattr(load.resources, "files", lambda package: tmp_path)
    return copy


def _validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = load._validated

    def counted(texts):  # noqa: ANN001, ANN202
        calls.append(1)
        return real(texts)

    monkeypatch.setattr(load, "_validated", counted)
    return calls


@pytest.mark.parametrize(("plain", "model"), [(Entry, EntryModel), (Concept, ConceptModel)])
def test_reader_types_have_the_schemas_fields(plain: type, model: type) -> None:
    """Same names, same order, same defaults (None: required)."""

    def default(f: dataclasses.Field) -> object:  # type: ignore[type-arg]
        if f.default_factory is not dataclasses.MISSING:
            return f.default_factory()
        return None if f.default is dataclasses.MISSING else ("default", f.default)

    fields = [(f.name, default(f)) for f in dataclasses.fields(plain)]
    expected = [
        (name, None if info.is_required() else
         info.get_default(call_default_factory=True) if info.default_factory else
         ("default", info.default))
        for name, info in model.model_fields.items()
    ]  # fmt: skip
    assert fields == expected


def test_the_cache_holds_the_validated_vocabulary(data_dir: Path, monkeypatch) -> None:
    calls = _validations(monkeypatch)
    first = load.read_vocab()
    assert calls == [1] and len(list((data_dir / load.CACHE_DIR).glob("vocab-*.json"))) == 1
    second = load.read_vocab()
    assert calls == [1]  # read from the cache, not validated again
    assert second == first
    texts = [(p.name, p.read_bytes()) for p in sorted(data_dir.glob("*.toml"))]
    entries, concepts = load._validated(texts).values()
    assert first == ([Entry(**e) for e in entries], [Concept(**c) for c in concepts])


def test_an_edited_file_is_read_again(data_dir: Path, monkeypatch) -> None:
    calls = _validations(monkeypatch)
    before = load.read_vocab()
    f = data_dir / "ordinal.toml"
    f.write_text(f.read_text(encoding="utf-8").replace('"thứ nhất"', '"hạng nhất"', 1),
                 encoding="utf-8")  # fmt: skip
    after = load.read_vocab()
    assert calls == [1, 1] and after != before
    assert len(list((data_dir / load.CACHE_DIR).glob("vocab-*.json"))) == 2


def test_a_bad_file_is_refused_even_with_a_cache(data_dir: Path) -> None:
    load.read_vocab()
    (data_dir / "unit.toml").write_text('[[entry]]\nkind = "nope"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="vocabulary file unit.toml"):
        load.read_vocab()


def test_a_broken_or_unwritable_cache_changes_nothing(data_dir: Path, monkeypatch) -> None:
    good = load.read_vocab()
    (cache,) = (data_dir / load.CACHE_DIR).glob("vocab-*.json")
    cache.write_text('{"entries": [', encoding="utf-8")
    assert load.read_vocab() == good
    assert load._read_cache(cache) is not None  # rebuilt whole
    cache.unlink()

    def refuse(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise PermissionError("read-only")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert load.read_vocab() == good
    assert not cache.exists()
