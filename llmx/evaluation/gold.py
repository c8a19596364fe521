"""Gold sets: hand-labelled records for a directory of documents.

Layout: ``<gold_dir>/<doc_id>.json`` labels ``<docs_dir>/<doc_id>.txt``::

    {"doc_id": "...", "index_results": [...], "metrics": [...], "initiatives": [...]}

Each record carries the contract's fields, ``evidence: {"quote": "..."}`` without offsets, and
``"optional": true|false``. Loading aligns every quote in the stored document text (the text
``llmx.ingest`` produces, so offsets agree with what backends see) and validates the record
against the contract with that text. A quote that is not in the document, or a record the
contract rejects, is a broken label: :class:`GoldError`, naming the file.

A gold document's id is its gold key, the file stem (unique within a docs directory), not
the path id ``llmx extract`` stores a file under: the evaluation extracts each gold document
under its key (``gold_source``), so records, QA citations and split manifests all meet on
the key; a predictions file written by ``llmx extract`` is matched by ``gold_key``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from llmx.core.document import Document
from llmx.core.grounding import align_quote
from llmx.core.records import RECORD_TYPE_NAMES, RECORD_TYPES, RecordType, is_record_type
from llmx.errors import InputError
from llmx.ingest.sources import Source

DOC_SUFFIXES = (".txt", ".md", ".html", ".htm")


class GoldError(InputError):
    """A gold file or its document cannot be used (missing, unreadable or a broken label)."""


class GoldRecord(BaseModel):
    """One labelled record: the contract's fields (validated, evidence with offsets into the
    stored text), whether it is optional, and where it sits in its file."""

    type: RecordType
    record: dict[str, Any]
    optional: bool = False
    position: int = 0  # index in the file's list of that type

    def for_matching(self) -> dict[str, Any]:
        return {**self.record, "optional": self.optional}


class GoldDoc(BaseModel):
    doc_id: str
    gold_path: str
    document: Document
    records: list[GoldRecord]

    def of_type(self, record_type: str) -> list[GoldRecord]:
        return [r for r in self.records if r.type == record_type]


class GoldSet(BaseModel):
    name: str
    gold_dir: str
    docs_dir: str
    docs: list[GoldDoc]

    def doc_ids(self) -> list[str]:
        return [d.doc_id for d in self.docs]


# -- documents -------------------------------------------------------------------------------


def gold_key(doc_id: str) -> str:
    """The gold key a stored document id corresponds to: the file stem of a path id
    (``seeds/000_x.txt`` -> ``000_x``); an id without a text suffix is a key already."""
    name = PurePosixPath(doc_id)
    return name.stem if name.suffix.lower() in DOC_SUFFIXES else name.name


def gold_source(path: Path) -> Source:
    """The one source for a gold document file, named by its gold key (the file stem)."""
    from llmx.ingest import expand_paths

    sources = expand_paths([str(path)])
    if len(sources) != 1:
        raise GoldError(f"{path}: expected one document, found {len(sources)}")
    return replace(sources[0], doc_id=Path(path).stem)


def load_document_file(path: Path) -> Document:
    """Load one document exactly as ``llmx extract`` would (through ``llmx.ingest``), with
    its gold key for id."""
    from llmx.ingest import load_document

    try:
        return load_document(gold_source(path))
    except InputError as exc:  # includes DecodeError
        raise GoldError(f"{path}: {exc}") from None


def find_doc_file(docs_dir: Path, doc_id: str) -> Path | None:
    for suffix in DOC_SUFFIXES:
        p = docs_dir / f"{doc_id}{suffix}"
        if p.is_file():
            return p
    return None


# -- gold files ------------------------------------------------------------------------------


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _aligned(ev: Any, text: str, where: str) -> dict[str, Any]:
    """An evidence object with its quote aligned in ``text`` (offsets, if given, are only a
    hint: labellers write quotes)."""
    if not isinstance(ev, dict):
        raise GoldError(f"{where}.quote is missing")
    quote = ev.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise GoldError(f"{where}.quote is missing")
    start = ev.get("start")
    found = align_quote(text, quote, hint=max(0, start if isinstance(start, int) else 0))
    if found is None:
        raise GoldError(f"{where}: quote not found in the document: {_short(quote)!r}")
    return {
        "quote": text[found.start : found.end],
        "start": found.start,
        "end": found.end,
        "alignment": found.status,
    }


def validate_gold_record(
    record_type: str, data: Any, text: str, *, where: str, position: int = 0
) -> GoldRecord:
    """Align a gold record's quote in ``text`` and validate it against the contract."""
    if not is_record_type(record_type):
        raise GoldError(f"{where}: unknown record type {record_type!r}")
    rtype = record_type
    if not isinstance(data, dict):
        raise GoldError(f"{where}: a record must be a JSON object")
    rec = dict(data)
    optional = rec.pop("optional", False)
    if not isinstance(optional, bool):
        raise GoldError(f"{where}: 'optional' must be true or false")
    rec["evidence"] = _aligned(rec.get("evidence"), text, f"{where}: evidence")
    field_ev = rec.get("field_evidence")
    if isinstance(field_ev, dict):
        # a labeller writes each field's quote; offsets are found as for the record's
        rec["field_evidence"] = {
            f: _aligned(e, text, f"{where}: field_evidence.{f}") for f, e in field_ev.items()
        }
    model = RECORD_TYPES[rtype]
    try:
        obj = model.model_validate(rec, context={"text": text})
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first.get("loc", ())) or "record"
        raise GoldError(f"{where}: invalid record ({loc}: {first.get('msg')})") from None
    return GoldRecord(
        type=rtype,
        record=obj.model_dump(mode="json"),
        optional=optional,
        position=position,
    )


def load_gold_file(path: Path, document: Document) -> GoldDoc:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a JSON object")
    doc_id = data.get("doc_id", path.stem)
    if doc_id != path.stem:
        raise GoldError(f"{path}: doc_id {doc_id!r} does not match the file name")
    records: list[GoldRecord] = []
    for record_type in RECORD_TYPE_NAMES:
        items = data.get(record_type, [])
        if not isinstance(items, list):
            raise GoldError(f"{path}: {record_type} must be a list")
        for i, item in enumerate(items):
            records.append(
                validate_gold_record(
                    record_type,
                    item,
                    document.text,
                    where=f"{path}: {record_type}[{i}]",
                    position=i,
                )
            )
    return GoldDoc(doc_id=doc_id, gold_path=str(path), document=document, records=records)


def load_gold_set(gold_dir: Path, docs_dir: Path, name: str | None = None) -> GoldSet:
    """Load every ``*.json`` in ``gold_dir`` with its document from ``docs_dir``."""
    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"gold directory not found: {gold_dir}")
    if not docs_dir.is_dir():
        raise GoldError(f"documents directory not found: {docs_dir}")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise GoldError(f"no gold files (*.json) in {gold_dir}")
    docs = []
    for f in files:
        doc_file = find_doc_file(docs_dir, f.stem)
        if doc_file is None:
            raise GoldError(f"{f}: no document {f.stem}.txt in {docs_dir}")
        document = load_document_file(doc_file)
        if document.doc_id != f.stem:
            raise GoldError(f"{f}: document {doc_file} loads as doc_id {document.doc_id!r}")
        docs.append(load_gold_file(f, document))
    return GoldSet(
        name=name or gold_dir.name, gold_dir=str(gold_dir), docs_dir=str(docs_dir), docs=docs
    )


def resolve_gold_arg(arg: str) -> tuple[str, Path, Path]:
    """(set name, gold dir, docs dir) for a ``--gold`` argument.

    ``seeds`` -> docs ``seeds/*.txt``, gold ``seeds/gold``; ``eval`` -> docs ``eval/docs``,
    gold ``eval/gold``. Any directory D works the same way: D/gold with D/docs (or D itself)
    for documents; or D is the gold directory itself, with documents in D/../docs or D/..
    The set is named after the directory that holds ``gold/``."""
    p = Path(arg)
    if p.is_dir() and any(p.glob("*.json")) and not (p / "gold").is_dir():
        root, gold = p.parent, p
    else:
        root, gold = p, p / "gold"
    docs = root / "docs" if (root / "docs").is_dir() else root
    return root.resolve().name or "gold", gold, docs
