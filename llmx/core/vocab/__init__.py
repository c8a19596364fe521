"""One domain vocabulary, declared once as data (``llmx/data/vocab/*.toml``) and read by
every layer above core: index names and their display names, rank/score/change phrasings,
ordinals, leader and last words, target and scope cues, initiative and metric kinds.

``get_vocab().find(text, kinds={"index"})`` finds phrasings in text; ``index_display``,
``ordinal_value`` and friends look names up. See ``compile`` for the matching policy.
"""

from llmx.core.vocab.terms import Concept, Entry, Kind, Lang
from llmx.core.vocab.vocab import Span, Vocab, get_vocab

__all__ = ["Concept", "Entry", "Kind", "Lang", "Span", "Vocab", "get_vocab"]
