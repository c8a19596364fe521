"""Rejected candidates for the report.

The store keeps only the records that passed validation: ``runs`` holds a run's totals,
not its rejections, and ``llmx extract --show-rejected`` prints the rejections the backend
returns as it runs (``ExtractionOutcome.rejected``) without storing them. So the report
re-derives them by running the offline rules backend again over each stored text: it is
deterministic and needs no network, so for the records the rules backend stored it gives
the same candidates, and the same rejections, as the run that stored them (unless llmx has
changed since). No LLM backend is re-run: that would cost requests and give other answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from llmx.core.document import Document
from llmx.core.outcome import Rejection

REDERIVED_BY = "rules"  # the only backend the report re-runs (offline and deterministic)


@dataclass(frozen=True)
class RejectedCandidate:
    """A candidate the rules backend dropped, with why and, when it has one, its quote."""

    record_type: str
    reason: str
    quote: str | None
    start: int | None
    end: int | None
    data: dict[str, Any]


def _candidate(rej: Rejection) -> RejectedCandidate:
    ev = rej.data.get("evidence")
    ev = ev if isinstance(ev, dict) else {}
    quote, start, end = ev.get("quote"), ev.get("start"), ev.get("end")
    fields = {k: v for k, v in rej.data.items() if k != "evidence" and v is not None}
    return RejectedCandidate(
        rej.record_type,
        rej.reason,
        quote if isinstance(quote, str) else None,
        start if isinstance(start, int) else None,
        end if isinstance(end, int) else None,
        fields,
    )


def rejected_candidates(docs: list[Document]) -> dict[str, list[RejectedCandidate]]:
    """doc_id -> the candidates the rules backend rejects in that document's stored text."""
    from llmx.backends import get_backend

    out: dict[str, list[RejectedCandidate]] = {}
    with get_backend(REDERIVED_BY) as backend:
        for doc in docs:
            out[doc.doc_id] = [_candidate(r) for r in backend.extract(doc).rejected]
    return out
