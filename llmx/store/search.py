"""The FTS5 sentence index: every stored document's sentences, searchable by free text.

Queries only ever bind user values as parameters; FTS5 expressions are built from tokens
that hold letters and digits only (``fts_tokens``), each one double-quoted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from llmx.core.sentences import sentences
from llmx.core.textnorm import fold
from llmx.store.connection import StoreBase
from llmx.store.results import MAX_LIMIT, SentenceHit

if TYPE_CHECKING:
    from llmx.core.document import Document

_FTS_MAX_TOKENS = 16
_FTS_MAX_TOKEN_LEN = 64
_FTS_TOKEN = re.compile(r"[^\W_]+")  # letters and digits only: nothing FTS5 could parse
_DF_SAMPLE = 256  # postings read per query term to estimate its document frequency
_RARE_BUDGET = 2000  # postings the FTS5 bm25() step may rank (about 2 µs each)
_AND_WIDTH = 3  # common tokens required together when no token is rare
_CANDIDATES = 100  # sentences re-scored per search
_BM25_K1 = 1.2
_BM25_B = 0.75

# A sentence as read for ranking: (rowid, doc_id, start, end_, text, folded).
_Row = tuple[int, str, int, int, str, str]
_SELECT = "SELECT rowid, doc_id, start, end_, text, folded FROM sentences"


SentenceRow = tuple[str, int, int, str, str]  # doc_id, start, end, text, folded text


def sentence_rows(doc: Document) -> list[SentenceRow]:
    """What the ``sentences`` table holds for ``doc``. Pure, so a worker process can make
    them while the process that writes the store does the rest (``Records.save``)."""
    rows = []
    for span in sentences(doc.text):
        s = span.of(doc.text)
        rows.append((doc.doc_id, span.start, span.end, s, fold(s)))
    return rows


def fts_tokens(query: str) -> list[str]:
    """The folded (unaccented, lower-case) letter/digit tokens of free user text, unique, in
    order, at most ``_FTS_MAX_TOKENS``; overlong tokens are dropped (they match nothing)."""
    out: list[str] = []
    for tok in _FTS_TOKEN.findall(fold(unicodedata.normalize("NFC", query))):
        if len(tok) <= _FTS_MAX_TOKEN_LEN and tok not in out:
            out.append(tok)
            if len(out) >= _FTS_MAX_TOKENS:
                break
    return out


def _phrases(tokens: list[str], op: str = " ") -> str:
    """FTS5 expression over the ``folded`` column. Tokens hold only letters and digits, so
    double-quoting each one is enough to make it a plain string to FTS5: quotes, ``*``,
    ``^``, ``:``, parentheses and NEAR/AND/OR/NOT can never reach the parser."""
    return "folded : (" + op.join(f'"{t}"' for t in tokens) + ")"


def fts_query(query: str) -> str | None:
    """Free user text as a safe FTS5 expression: every token quoted and OR-ed (over the
    unaccented column, so "cai cach" and "cải cách" are the same query). None when the text
    has no letters or digits."""
    tokens = fts_tokens(query)
    return _phrases(tokens, " OR ") if tokens else None


class SentenceIndex(StoreBase):
    """The ``sentences`` FTS5 table and its ``sentence_ranges``. Writes run inside the
    caller's transaction."""

    _n_sentences: int | None = None  # cached sentence count for BM25 (per instance once set)

    # -- write side ----------------------------------------------------------------------

    def _delete_sentences(self, doc_id: str) -> None:
        """Drop a document's sentences (a rowid range delete)."""
        self._n_sentences = None
        c = self.conn
        rng = c.execute(
            "SELECT first_rowid, last_rowid FROM sentence_ranges WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        if rng is not None:
            c.execute("DELETE FROM sentences WHERE rowid BETWEEN ? AND ?", tuple(rng))
            c.execute("DELETE FROM sentence_ranges WHERE doc_id = ?", (doc_id,))
        else:  # no range recorded (should not happen): fall back to a scan
            c.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))

    def _insert_sentences(self, doc: Document, rows: list[SentenceRow] | None = None) -> None:
        """Index a document's sentences under contiguous new rowids, and record the range.
        ``rows``: ``sentence_rows(doc)``, when the caller made them (in another process)."""
        self._n_sentences = None
        c = self.conn
        if rows is None:
            rows = sentence_rows(doc)
        if not rows:
            return
        last = c.execute("SELECT rowid FROM sentences ORDER BY rowid DESC LIMIT 1").fetchone()
        first = (last[0] if last else 0) + 1
        c.executemany(
            "INSERT INTO sentences (rowid, doc_id, start, end_, text, folded)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(first + i, *row) for i, row in enumerate(rows)],
        )
        c.execute(
            "INSERT INTO sentence_ranges (doc_id, first_rowid, last_rowid) VALUES (?, ?, ?)",
            (doc.doc_id, first, first + len(rows) - 1),
        )

    # -- read side -----------------------------------------------------------------------

    def search_sentences(self, query: str, limit: int = 5) -> list[SentenceHit]:
        """Stored sentences that best match free text, best first. Matching runs on the
        unaccented copy of each sentence, so a query with or without diacritics gives the
        same hits. Any input is safe; text without letters or digits returns [].

        Ranking is BM25 in two steps, so a search stays in the low milliseconds on a large
        store (FTS5's ``bm25()`` reads the whole posting list of every query term, 100 ms to
        seconds for the common words of 10,000 CCHC articles):

        1. Each token's sentence frequency is estimated from its first ``_DF_SAMPLE``
           postings. The rarest tokens, up to ``_RARE_BUDGET`` postings together, are OR-ed
           and FTS5 ``bm25()`` picks the best ``_CANDIDATES`` sentences among them. If that
           leaves room, the newest sentences holding the rarest ``_AND_WIDTH`` common tokens
           together, then any of them, fill it.
        2. Those candidates are re-scored with BM25 over all the query tokens."""
        if not isinstance(query, str):
            return []
        limit = max(0, min(int(limit), MAX_LIMIT))
        tokens = fts_tokens(query)
        if not tokens or limit == 0:
            return []
        c = self.conn
        last = c.execute("SELECT rowid FROM sentences ORDER BY rowid DESC LIMIT 1").fetchone()
        if last is None:
            return []
        n_rows = self._sentence_count()
        df: dict[str, float] = {}
        for t in tokens:
            hits, last_hit = c.execute(
                "SELECT count(*), max(rowid) FROM (SELECT rowid FROM sentences"
                " WHERE sentences MATCH ? LIMIT ?)",
                (_phrases([t]), _DF_SAMPLE),
            ).fetchone()
            if hits:
                # Postings come in rowid order: the first _DF_SAMPLE of them cover rowids
                # 1..last_hit, so scale up to the whole table.
                est = hits if hits < _DF_SAMPLE else hits * last[0] / max(last_hit, 1)
                df[t] = min(float(n_rows), est)
        tokens = sorted((t for t in tokens if t in df), key=df.__getitem__)  # rarest first
        if not tokens:
            return []

        want = max(_CANDIDATES, limit)
        rare: list[str] = []
        budget = 0.0
        for t in tokens:
            budget += df[t]
            if budget > _RARE_BUDGET:
                break
            rare.append(t)
        cands: dict[int, _Row] = {}
        if rare:  # few postings: let FTS5 rank them all
            for row in c.execute(
                f"{_SELECT} WHERE sentences MATCH ? ORDER BY bm25(sentences) LIMIT ?",
                (_phrases(rare, " OR "), want),
            ):
                cands[row[0]] = tuple(row)
        rest = tokens[len(rare) :]
        if len(cands) < want and rest:
            # Common tokens only: sentences holding the rarest few of them together (an
            # empty AND of many common tokens would cost a scan of every posting list), then
            # any of them; newest first.
            stages = [_phrases(rest[:_AND_WIDTH])] if len(rest) > 1 else []
            stages.append(_phrases(rest, " OR "))
            for expr in stages:
                for row in c.execute(
                    f"{_SELECT} WHERE sentences MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (expr, want - len(cands)),
                ):
                    cands.setdefault(row[0], tuple(row))
                if len(cands) >= want:
                    break
        return _rank(cands.values(), df, n_rows, limit)

    def _sentence_count(self) -> int:
        if self._n_sentences is None:
            self._n_sentences = self.conn.execute(
                "SELECT coalesce(sum(last_rowid - first_rowid + 1), 0) FROM sentence_ranges"
            ).fetchone()[0]
        return max(1, self._n_sentences)


def _rank(rows: Iterable[_Row], df: dict[str, float], n_rows: int, limit: int) -> list[SentenceHit]:
    """BM25 over the query tokens of ``df``, best first; ties: newest stored first."""
    idf = {t: math.log(1 + (n_rows - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    counted = []
    for row in rows:
        words = _FTS_TOKEN.findall(row[5])
        tf: dict[str, int] = {}
        for w in words:
            if w in idf:
                tf[w] = tf.get(w, 0) + 1
        counted.append((tf, len(words), row))
    if not counted:
        return []
    avgdl = sum(n for _, n, _ in counted) / len(counted) or 1.0
    scored = []
    for tf, dl, row in counted:
        norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * dl / avgdl)
        score = sum(idf[t] * f * (_BM25_K1 + 1) / (f + norm) for t, f in tf.items())
        scored.append((-score, -row[0], row))  # ties: newest stored first
    scored.sort(key=lambda x: (x[0], x[1]))
    return [
        SentenceHit(doc_id=r[1], start=r[2], end=r[3], text=r[4], score=round(-neg, 6))
        for neg, _, r in scored[:limit]
    ]
