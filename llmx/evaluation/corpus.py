"""The real-reporting corpus (``eval/real``): passages written from public articles, their
sources, their gold and their QA set, split by source into dev and test.

Layout::

    eval/real/docs/<doc_id>.txt|.html    the passage, in our own words
    eval/real/gold/<doc_id>.json         its hand labels (same format as every gold set)
    eval/real/sources.jsonl              one SourceEntry a line (URL, date, split, coverage)
    eval/real/qa.jsonl                   QA items over the whole corpus (llmx.evaluation.qa_items)

A passage's split is its source's: every passage based on one article (one URL) is in the same
split, so no article is seen in both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from llmx.evaluation.jsonl import read_models

Split = Literal["dev", "test"]
REAL_DIR = Path("eval/real")
DEV_SET, TEST_SET = "real-dev", "real-test"  # the names `llmx eval` reports them under
SET_OF_SPLIT: dict[str, str] = {"dev": DEV_SET, "test": TEST_SET}
FEATURES: tuple[str, ...] = (
    "national_many",  # a national announcement naming many provinces
    "regional",  # ranks within a region, or regional averages
    "ministries",  # the ministries bloc
    "departments",  # departments ranked inside a province
    "districts",  # districts and towns ranked inside a province
    "communes",  # communes and wards
    "rises",  # places gained
    "falls",  # places lost
    "earlier_year",  # values of earlier years
    "targets",  # targets next to results
    "sub_index",  # component scores
    "metrics",  # rates, counts, durations
    "initiatives",  # named models
    "table",  # a table flattened into sentences
    "lan_luot",  # "lần lượt" enumerations
    "comparison",  # one entity measured against another
)


class SourceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://")
    published: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    outlet: str = Field(min_length=1)
    title: str = Field(min_length=1)
    lang: Literal["vi", "en"] = "vi"
    format: Literal["txt", "html"] = "txt"
    indices: list[str] = Field(default_factory=list)
    features: list[str] = Field(default_factory=list)
    split: Split | None = None
    note: str | None = None

    @property
    def source_key(self) -> str:
        """What the dev/test split groups by: the article."""
        return self.url.split("#", 1)[0].rstrip("/").lower()


def load_sources(path: Path) -> list[SourceEntry]:
    return read_models(path, SourceEntry, "sources")
