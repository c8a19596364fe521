"""A set of literal words as one regular expression shaped like a trie.

``re`` tries the alternatives of ``a|b|c`` one after another at every position, so an
alternation of a few hundred words costs that many attempts per character; the same words
factored by common prefix (``an(?:h)?|b(?:a|inh)``) cost one attempt per character, and
the scan runs in C instead of a Python loop over every token of a text.

    rx = re.compile(word_alternation({"an", "anh", "ba"}))   # 'an(?:h)?|ba'

The source has no captures and matches exactly the given words (longest first where one
is a prefix of another); the caller adds word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # marks where a word ends inside the trie


def word_alternation(words: Iterable[str]) -> str:
    """Regex source matching any of ``words`` (non-empty literals), longest first."""
    trie: dict[str, dict] = {}
    for word in sorted(set(words)):
        if not word:
            raise ValueError("an empty word cannot be matched")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not trie:
        raise ValueError("no words to match")
    return _source(trie)


def _source(node: dict[str, dict]) -> str:
    ends = _END in node
    branches = [re.escape(ch) + _source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word ends here and longer ones go on: the greedy ``?`` tries the longer first.
    return f"(?:{body})?" if ends else body
