"""The compiled vocabulary: find phrasings in text, and look canonical names up."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from llmx.core.scanre import required_texts
from llmx.core.textnorm import fold
from llmx.core.vocab.compile import compile_pattern, literals, pattern_source, trigger
from llmx.core.vocab.load import read_vocab
from llmx.core.vocab.terms import Concept, Entry, Kind, Lang

_WORD = re.compile(r"[^\W_]+")
_CACHED_LEN = 2000  # as textnorm's folds: longer texts are not kept


@functools.lru_cache(maxsize=1024)
def _cached_words(folded: str) -> frozenset[str]:
    return frozenset(_WORD.findall(folded))


def _words_of(folded: str) -> frozenset[str]:
    """The words of a folded text. A sentence is searched for several kind sets in turn
    (the initiative cues, then their owners, then the ranking blocs): its words are read
    once."""
    if len(folded) <= _CACHED_LEN:
        return _cached_words(folded)
    return frozenset(_WORD.findall(folded))


@dataclass(frozen=True, slots=True)
class Span:
    """Where an entry matched: offsets into the text given to ``find``, the entry, and the
    values its placeholders captured (``{"n": "4"}``)."""

    start: int
    end: int
    text: str
    entry: Entry
    groups: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> Kind:
        return self.entry.kind

    @property
    def label(self) -> str:
        return self.entry.label

    @property
    def value(self) -> float | None:
        """The entry's value, else the integer it captured (``top {n}``)."""
        if self.entry.value is not None:
            return self.entry.value
        n = self.groups.get("n")
        return float(n) if n is not None else None


def _folded_required(pattern: str) -> tuple[str, ...] | None:
    """``required_texts`` of an entry's compiled source, as ``fold`` writes them: a match
    written with other case, marks or spacing folds to a text holding the folded needle
    (stripped: fold strips the text's ends, where a match may start or end)."""
    found = required_texts(pattern_source(pattern))
    if found is None:
        return None
    folded = {fold(n) for n in found}
    if "" in folded:
        return None  # a needle of spaces alone folds away: nothing to look for
    return tuple(sorted(folded))


class Vocab:
    """Entries and concepts, each entry compiled once, lazily: on the first text its trigger
    word is in (``compile_all`` compiles them all)."""

    def __init__(self, entries: Iterable[Entry], concepts: Iterable[Concept]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self._concept = {(c.kind, c.label): c for c in self.concepts}
        if len(self._concept) != len(self.concepts):
            raise ValueError("a vocabulary concept is declared twice")
        self._by_kind: dict[str, list[int]] = {}
        for i, e in enumerate(self.entries):
            self._by_kind.setdefault(e.kind, []).append(i)

    @cached_property
    def _compiled(self) -> list[re.Pattern[str] | None]:
        return [None] * len(self.entries)

    def _matcher(self, i: int) -> re.Pattern[str]:
        """Entry ``i``'s pattern, compiled on first use: a question needs a few dozen of the
        vocabulary's hundreds of patterns, and compiling them all cost a cold ``llmx ask``
        more than answering it (~0.13 s)."""
        rx = self._compiled[i]
        if rx is None:
            rx = self._compiled[i] = compile_pattern(self.entries[i].pattern)
        return rx

    def compile_all(self) -> None:
        """Compile every entry now (a bad pattern raises its ValueError here)."""
        for i in range(len(self.entries)):
            self._matcher(i)

    @cached_property
    def _triggers(self) -> tuple[str | None, ...]:
        return tuple(trigger(e.pattern) for e in self.entries)

    @cached_property
    def _literals(self) -> tuple[tuple[str, ...] | None, ...]:
        return tuple(literals(e.pattern) for e in self.entries)

    @functools.cache  # noqa: B019 - one vocabulary per process (get_vocab), a few kind sets
    def _ids(self, kinds: frozenset[str] | None) -> Sequence[int]:
        """The entries of ``kinds`` (all when None) in declaration order."""
        if kinds is None:
            return range(len(self.entries))
        return sorted(i for k in kinds for i in self._by_kind.get(k, ()))

    @functools.cache  # noqa: B019 - as ``_ids``
    def _plan(
        self, kinds: frozenset[str] | None
    ) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
        """The entries of ``kinds`` by their trigger word, and those without one."""
        by_trigger: dict[str, list[int]] = {}
        untriggered: list[int] = []
        for i in self._ids(kinds):
            t = self._triggers[i]
            if t is None:
                untriggered.append(i)
            else:
                by_trigger.setdefault(t, []).append(i)
        return {t: tuple(v) for t, v in by_trigger.items()}, tuple(untriggered)

    def matcher(self, entry: Entry) -> re.Pattern[str]:
        """The compiled pattern of one of this vocabulary's entries."""
        return self._matcher(self.entries.index(entry))

    @functools.cache  # noqa: B019 - as ``_ids``
    def matchers(self, kind: str, label: str) -> tuple[re.Pattern[str], ...]:
        """The compiled patterns of the entries of one ``kind`` and ``label``, in the order
        they are declared (the readers that look for one label's phrasings share them)."""
        return tuple(
            self._matcher(i)
            for i, e in enumerate(self.entries)
            if e.kind == kind and e.label == label
        )

    def needles(self, entry: Entry) -> tuple[str, ...] | None:
        """Folded texts one of which every match of ``entry`` holds, or None: its ``leads``
        when they tell, else the texts its compiled pattern's every match must contain
        (``scanre.required_texts``), folded. Computed on first use (parsing a pattern
        costs milliseconds: a cold ``llmx ask`` never asks)."""
        i = self.entries.index(entry)
        if i not in self._needles:
            lead = self._literals[i]
            self._needles[i] = lead if lead is not None else _folded_required(entry.pattern)
        return self._needles[i]

    @cached_property
    def _needles(self) -> dict[int, tuple[str, ...] | None]:
        return {}

    def leads(self, entry: Entry) -> tuple[str, ...] | None:
        """Folded strings one of which every match of ``entry`` holds (``literals``), or None
        when there are none to tell: a text whose fold holds none cannot match, the test
        ``find`` skips entries on."""
        return self._literals[self.entries.index(entry)]

    # ---- running text -------------------------------------------------------------------

    def find(
        self,
        text: str,
        kinds: Iterable[str] | None = None,
        *,
        labels: Iterable[str] | None = None,
    ) -> list[Span]:
        """Non-overlapping matches in ``text`` (NFC) of the entries of ``kinds`` (all when
        None), left to right. Where matches overlap, the higher ``priority`` wins, then the
        longer match, then the earlier one, then the entry declared first."""
        by_trigger, untriggered = self._plan(None if kinds is None else frozenset(kinds))
        # An entry whose first word is not among the text's words cannot match, nor one
        # whose leading letters the text lacks: skipping them is what keeps "find" cheap on
        # the many texts that hold none of the words asked for. The entries are looked up
        # by the text's words (a sentence has tens, a kind set hundreds of entries).
        folded = fold(text)
        words = _words_of(folded)
        leads = self._literals
        wanted = None if labels is None else set(labels)
        ids = [i for w in words.intersection(by_trigger) for i in by_trigger[w]]
        has = folded.__contains__
        ids += [i for i in untriggered if (lead := leads[i]) is None or any(map(has, lead))]
        if not ids:
            return []  # most sentences hold no entry of the kinds asked for
        ids.sort()  # the order candidates are found in never depends on the set's order
        cands: list[tuple[int, int, int, int, re.Match[str]]] = []
        for i in ids:
            e = self.entries[i]
            if wanted is not None and e.label not in wanted:
                continue
            for m in self._matcher(i).finditer(text):
                if m.end() > m.start():
                    cands.append((-e.priority, m.start() - m.end(), m.start(), i, m))
        cands.sort(key=lambda c: c[:4])
        taken: list[Span] = []
        for _, _, start, i, m in cands:
            end = m.end()
            if any(s.start < end and start < s.end for s in taken):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            taken.append(Span(start, end, m.group(), self.entries[i], groups))
        taken.sort(key=lambda s: s.start)
        return taken

    def first(self, text: str, kinds: Iterable[str]) -> Span | None:
        """The leftmost of ``find``'s spans."""
        spans = self.find(text, kinds)
        return spans[0] if spans else None

    def has(self, text: str, kinds: Iterable[str]) -> bool:
        """Whether any entry of ``kinds`` matches ``text``."""
        return any(
            self._matcher(i).search(text) for k in set(kinds) for i in self._by_kind.get(k, ())
        )

    # ---- lookups ------------------------------------------------------------------------

    def concept(self, kind: Kind, label: str) -> Concept | None:
        return self._concept.get((kind, label))

    def concepts_of(self, kind: Kind) -> list[Concept]:
        """A kind's concepts in the order the data declares them."""
        return [c for c in self.concepts if c.kind == kind]

    def display(self, kind: Kind, label: str, lang: Lang) -> str:
        """A label's canonical name in ``lang``; the label itself when it has none."""
        c = self._concept.get((kind, label))
        if c is None:
            return label
        return c.vi if lang == "vi" else c.en

    def index_display(self, code: str, lang: Lang) -> str:
        """Code -> name: "PAR_INDEX" -> "Chỉ số CCHC (PAR Index)" (vi), "PAR Index" (en)."""
        return self.display("index", code, lang)

    def index_codes(self) -> list[str]:
        return [c.label for c in self.concepts_of("index")]

    def translate(self, kind: Kind, name: str, lang: Lang) -> str | None:
        """A name in either language -> the concept's name in ``lang`` (folded comparison):
        the stored initiative kind "mô hình" -> "model"."""
        k = fold(name)
        for c in self.concepts_of(kind):
            if k in (fold(c.vi), fold(c.en)):
                return c.vi if lang == "vi" else c.en
        return None

    def _value_of(self, word: str, kind: Kind) -> int | None:
        """The value of the entry of ``kind`` that ``word`` is, whole (None if none is)."""
        w = word.strip()
        for i in self._by_kind.get(kind, ()):
            e = self.entries[i]
            if e.value is not None and self._matcher(i).fullmatch(w):
                return int(e.value)
        return None

    def ordinal_value(self, word: str) -> int | None:
        """Ordinal -> rank: "thứ ba" / "ba" / "third" / "á quân" -> 3, 3, 3, 2 (a Vietnamese
        ordinal may be given without its "thứ")."""
        v = self._value_of(word, "ordinal")
        return v if v is not None else self._value_of("thứ " + word.strip(), "ordinal")

    def cardinal_value(self, word: str) -> int | None:
        """Count word -> count: "ba" / "three" -> 3; digits as they are."""
        w = word.strip()
        return int(w) if w.isdigit() else self._value_of(w, "cardinal")


@cache
def get_vocab() -> Vocab:
    """The shipped vocabulary (``llmx/data/vocab/*.toml``), read once per process."""
    return Vocab(*read_vocab())
