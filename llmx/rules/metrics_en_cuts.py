"""English cuts and times brought down to a level, as plans and reports tell them ("plans to
cut at least 10 percent of its administrative procedures", "reduce the processing time by
30 percent", "bring the waiting time down to an average of 20 minutes per transaction"): a
unit's own figures, named as an analyst titles the column ("reduction in administrative
procedures", "average waiting time per transaction"). Whether one is a goal is the caller's
reading of the sentence (its target cues); the verbs are the vocabulary's (metric_en.toml,
``en_cut_verb``).
"""

from __future__ import annotations

import re
from functools import cache

from llmx.core.vocab import get_vocab
from llmx.rules.metric_figure import MetricFigure

_PCT = r"(?P<v>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)"
_ABOUT = r"(?:(?:at least|by at least|by|some|about|around|nearly|over|more than)\s+)?"
# The cut's object ends at a clause mark or a word that starts what follows it.
_END = (
    r"(?=\s*(?:[,;:.()]|$|\s(?:and|by|in|from|compared|while|this|next|against|on|per)\b))"
)
# "cut at least 10 percent of its administrative procedures"
_CUT_SHARE = re.compile(
    rf"\s+{_ABOUT}{_PCT}\s+(?:of|in)\s+(?P<np>[A-Za-z][A-Za-z -]{{2,60}}?){_END}",
    re.IGNORECASE,
)
# "reduce the processing time for business registration by 30 percent"
_CUT_BY = re.compile(
    rf"\s+(?P<np>(?:the|its|their)\s+[A-Za-z][A-Za-z -]{{2,60}}?)\s+by\s+"
    rf"(?:(?:at least|about|around|nearly|over|more than)\s+)?{_PCT}",
    re.IGNORECASE,
)
# "bring the waiting time down to an average of 20 minutes per transaction", "cut the time
# for a land certificate to 10 days"
_DOWN_TO = re.compile(
    r"\s+(?P<np>(?:the|its|their)\s+[A-Za-z][A-Za-z -]{2,50}?\btimes?)(?:\s+down)?\s+to\s+"
    r"(?:(?P<avg>an average of)\s+|(?:under|below|just|only|at most|no more than)\s+)?"
    r"(?P<v>\d{1,3}(?:\.\d+)?)\s+(?P<u>minutes|hours|days|working days)"
    r"(?:\s+(?P<per>per\s+[a-z]+))?",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:(?:the|its|their|a|an|all)\s+)+", re.IGNORECASE)


EnCut = MetricFigure  # one shape for every figure reader (metric_figure)


@cache
def _verbs() -> tuple[tuple[bool, re.Pattern[str]], ...]:
    """The cut verbs, each with whether it reads only a time brought down to a level."""
    vocab = get_vocab()
    return tuple(
        (e.attrs.get("reads") == "down_to", vocab.matcher(e))
        for e in vocab.entries
        if e.kind == "metric_verb" and e.lang == "en" and e.label == "en_cut_verb"
    )


def find_en_cuts(original: str) -> list[EnCut]:
    """The cuts of one English sentence, left to right."""
    out: list[EnCut] = []
    for down_only, rx in _verbs():
        for verb in rx.finditer(original):
            pos = verb.end()
            share = (
                None
                if down_only
                else _CUT_SHARE.match(original, pos) or _CUT_BY.match(original, pos)
            )
            if share is not None:
                np = _LEAD.sub("", share["np"]).strip()
                value = float(share["v"])
                out.append(EnCut(share.start("v"), share.end(), value, "%", f"reduction in {np}"))
                continue
            down = _DOWN_TO.match(original, pos)
            if down is not None:
                np = _LEAD.sub("", down["np"]).strip()
                name = f"average {np}" if down["avg"] else np
                if down["per"]:
                    name = f"{name} {down['per']}"
                out.append(
                    EnCut(down.start("v"), down.end("u"), float(down["v"]), down["u"].lower(), name)
                )
    return sorted(set(out), key=lambda c: (c.start, c.end))
