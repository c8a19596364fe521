"""Periods shorter than a year, written with their year, on folded text: "quý I/2023",
"tháng 10-2020", "Q1/2024". One pattern for the extractor (the period
dates a figure) and the question parser (the period sets the year asked)."""

from __future__ import annotations

import re

# group 1: the year
PERIOD_YEAR_RE = re.compile(
    r"\b(?:(?:thang|quy)\s+(?:\d{1,2}|[ivx]+)(?:\s*(?:dau\s+)?nam)?|q[1-4])"
    r"\s*[/-]\s*((?:19|20)\d\d)\b"
)
