"""The search-box baseline QA is measured against: BM25 over the sentences of a QA set's
documents, returning the top sentence, and whether that sentence holds the answer.

**Ranking.** Every sentence (``llmx.core.sentences``, as the store's FTS index cuts them) of
every document of the set is a passage. Question and passages are folded (no diacritics,
lower case) and cut into letter/digit tokens; no stop words, no stemming. A passage's score is
Okapi BM25 (k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5))) summed over the
question's distinct tokens. The top passage is the best score; ties go to the first passage
(documents in doc_id order, sentences in text order), so the baseline is deterministic.

**Holding the answer.** For an answerable item (one with ``expect``) the top sentence holds
the answer when both hold:

1. every expected entity is named in it: its folded name, or any name the gazetteer gives
   the province ("TP. Hồ Chí Minh", "Hồ Chí Minh"), as whole tokens; the nation ("Việt
   Nam", whose records are national averages and counts: eval/CONVENTIONS.md) also by a
   national-scope phrasing of the vocabulary ("cả nước", "nationally");
2. every expected figure is written in it: the ``value`` of ``field`` (or, per entity, its
   ``values``), and the ``count``, each as a number in either decimal convention ("88,54",
   "88.54"; a negative change as its size, "giảm 3 bậc"); a rank of 1 may instead be a leader
   phrasing of the vocabulary ("dẫn đầu", "led"); every initiative of ``names`` by its folded
   name.

The year and the index are not required (a sentence often names them only in the one
before). An item with nothing to find beyond entities holds when its entities are named.
Unanswerable items are not asked: the rate is over answerable items, to be read beside
``answer_accuracy`` (structured answers right, over the same items).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from llmx.core.gazetteer import get_gazetteer
from llmx.core.sentences import sentences
from llmx.core.textnorm import fold
from llmx.evaluation.match import value_close
from llmx.evaluation.qa_items import Expect

K1 = 1.2
B = 0.75
_TOKEN = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WHOLE_FIELDS = ("rank", "rank_total", "rank_change", "count")  # written as whole numbers
_LEADER_LABELS = frozenset({"leader", "lead_verb"})
NATION = "viet nam"  # the folded entity of national figures (eval/CONVENTIONS.md)


def tokens(text: str) -> list[str]:
    """Folded letter/digit tokens."""
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True)
class Passage:
    doc_id: str
    start: int
    end: int
    text: str


class BM25:
    """BM25 over a fixed list of passages, with an inverted index (a question reads only the
    postings of its own tokens)."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        self.passages = list(passages)
        self._postings: dict[str, list[tuple[int, int]]] = {}  # token -> (passage, tf)
        lengths = []
        for i, p in enumerate(self.passages):
            counts = Counter(tokens(p.text))
            lengths.append(sum(counts.values()))
            for t, tf in counts.items():
                self._postings.setdefault(t, []).append((i, tf))
        self._norm = [1.0] * len(lengths)
        if lengths:
            avgdl = sum(lengths) / len(lengths) or 1.0
            self._norm = [K1 * (1 - B + B * n / avgdl) for n in lengths]

    @classmethod
    def of_documents(cls, texts: Mapping[str, str]) -> BM25:
        """Every sentence of every document, documents in doc_id order."""
        return cls(
            Passage(doc_id, s.start, s.end, s.of(text))
            for doc_id, text in sorted(texts.items())
            for s in sentences(text)
        )

    def scores(self, query: str) -> dict[int, float]:
        n = len(self.passages)
        out: dict[int, float] = {}
        for t in dict.fromkeys(tokens(query)):
            postings = self._postings.get(t)
            if not postings:
                continue
            df = len(postings)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for i, tf in postings:
                out[i] = out.get(i, 0.0) + idf * tf * (K1 + 1) / (tf + self._norm[i])
        return out

    def top(self, query: str) -> Passage | None:
        """The best passage for ``query`` (ties: the first); None when no token matches."""
        scores = self.scores(query)
        if not scores:
            return None
        best = min(scores, key=lambda i: (-scores[i], i))
        return self.passages[best]


# -- does a sentence hold the answer -----------------------------------------------------------


def _numbers(text: str) -> set[float]:
    """Every number written in ``text``, read in both decimal conventions ("1.250" is 1250
    and 1.25; "88,54" is 88.54)."""
    out: set[float] = set()
    for m in _NUMBER.finditer(text):
        s = m.group()
        for decimal, thousands in ((",", "."), (".", ",")):
            parts = s.replace(thousands, "").split(decimal)
            if len(parts) <= 2:
                try:
                    out.add(float(".".join(parts)))
                except ValueError:
                    pass
    return out


def _names_of(entity: str) -> list[str]:
    """The folded names an entity may go by in text: its own, and its province's names."""
    names = {" ".join(tokens(entity))}
    province = get_gazetteer().lookup(entity)
    if province is not None:
        names |= {" ".join(tokens(a)) for a in province.all_names()}
    return [n for n in names if n]


def _named(entity: str, folded: str, text: str) -> bool:
    if any(f" {n} " in folded for n in _names_of(entity)):
        return True
    if " ".join(tokens(entity)) == NATION:
        from llmx.core.vocab import get_vocab

        return bool(get_vocab().find(text, {"scope"}, labels={"national"}))
    return False


def _figure_written(field: str | None, want: float, numbers: set[float], text: str) -> bool:
    want = abs(want) if field == "rank_change" or field == "score_change" else want
    if field in _WHOLE_FIELDS:
        if any(round(n) == round(want) and n == int(n) for n in numbers):
            return True
        if field == "rank" and round(want) == 1:
            from llmx.core.vocab import get_vocab

            return bool(get_vocab().find(text, {"leader"}, labels=_LEADER_LABELS))
        return False
    return any(value_close(n, want) for n in numbers)


def holds_answer(expect: Expect, text: str) -> bool:
    """Whether ``text`` (one sentence) names every expected entity and writes every expected
    figure and initiative name (the module docstring gives the rules)."""
    folded = " " + " ".join(tokens(text)) + " "
    if not all(_named(e, folded, text) for e in expect.entities):
        return False
    numbers = _numbers(text)
    figures: list[tuple[str | None, float]] = []
    if expect.field is not None:
        per_entity = {" ".join(tokens(e)): v for e, v in expect.values.items()}
        for e in expect.entities or [""]:
            want = per_entity.get(" ".join(tokens(e)), expect.value)
            if want is not None:
                figures.append((expect.field, want))
    if expect.count is not None:
        figures.append(("count", float(expect.count)))
    if not all(_figure_written(f, v, numbers, text) for f, v in figures):
        return False
    return all(f" {' '.join(tokens(n))} " in folded for n in expect.names)
