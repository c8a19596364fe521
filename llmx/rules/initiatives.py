"""Named reform models: quoted names after mô hình / sáng kiến / phương châm / phong trào,
including lists such as các mô hình “A”, “B” và “C”."""

from __future__ import annotations

from typing import Any

from llmx.rules import lexicon as lx
from llmx.rules.entities import EntityMention


def _owner(ents: list[EntityMention], pos: int, main: EntityMention | None) -> EntityMention | None:
    before = [e for e in ents if e.end <= pos]
    return before[-1] if before else main


def find_initiatives(
    f: str,
    original: str,
    ents: list[EntityMention],
    years: list[tuple[int, int]],
    main: EntityMention | None,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for cue in lx.INITIATIVE_CUE_RE.finditer(f):
        kind = original[cue.start("cue") : cue.end("cue")].lower()
        pos = cue.end()
        owner = _owner(ents, cue.start(), main)
        year = years[0][1] if years else None
        while True:
            q = lx.QUOTED_RE.match(original, pos)
            if q is None:
                break
            name = q.group(1).strip().strip(",;.").strip()
            if name and len(name.split()) <= 16:
                out.append(
                    {
                        "entity": owner.name if owner else "không rõ",
                        "name": name,
                        "kind": kind,
                        "year": year,
                    }
                )
            # Continue through a list: “A”, “B” và “C”.
            nxt = lx.QUOTED_RE.search(original, q.end())
            if nxt is None or nxt.start() - q.end() > 24:
                break
            if not lx.LIST_SEP_RE.fullmatch(f[q.end() : nxt.start()].rstrip() or ","):
                break
            pos = nxt.start()
    return out
