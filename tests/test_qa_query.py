"""The engine's query (``llmx.qa.query.Query``, a dataclass) and the LLM planner's response
model (``llmx.qa.plan_model.QueryFilters``, pydantic) hold the same filters: the same
names in the same order, the same defaults, the same bounds."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from llmx.qa.plan_model import QueryFilters
from llmx.qa.query import Query


def test_query_begins_with_the_planners_fields() -> None:
    fields = dataclasses.fields(Query)
    names = [f.name for f in fields][: len(QueryFilters.model_fields)]
    assert names == list(QueryFilters.model_fields)
    for f in fields[: len(names)]:
        assert f.default == QueryFilters.model_fields[f.name].default, f.name


def test_a_plan_becomes_a_query_with_its_values() -> None:
    plan = QueryFilters(ask="rank", entity="Bắc Giang", index="PAR_INDEX", year=2023,
                        scope="region:Tây Bắc", n=3)  # fmt: skip
    q = Query(**plan.model_dump(), lang="en")
    assert (q.ask, q.entity, q.year, q.scope, q.n, q.lang) == (
        "rank", "Bắc Giang", 2023, "region:Tây Bắc", 3, "en",
    )  # fmt: skip


@pytest.mark.parametrize(
    "bad",
    [{"year": 1989}, {"year": 2101}, {"year_from": 1800}, {"rank": 0}, {"rank": 10_001},
     {"n": 0}, {"n": 51}, {"scope": "Tây Bắc"}],  # fmt: skip
)
def test_both_refuse_the_same_values(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        QueryFilters(**bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Query(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "good", [{"year": 1990}, {"year": 2100}, {"rank": 1}, {"n": 50}, {"scope": "national"},
             {"scope": "province:Ninh Bình"}],  # fmt: skip
)
def test_both_accept_the_bounds(good: dict[str, object]) -> None:
    QueryFilters(**good)  # type: ignore[arg-type]
    Query(**good)  # type: ignore[arg-type]


def test_describe_leaves_out_what_is_empty() -> None:
    q = Query(ask="compare", year=2023, compared=[("Bắc Giang", ["bac giang"])], lang="en")
    d = q.describe()
    assert d == {"ask": "compare", "year": 2023, "lang": "en",
                 "compared": [("Bắc Giang", ["bac giang"])], "planner": "rules"}  # fmt: skip
    assert list(d) == ["ask", "year", "lang", "compared", "planner"]  # field order, then the rest
    d["compared"][0][1].append("x")  # type: ignore[index]
    assert q.compared == [("Bắc Giang", ["bac giang"])]  # a copy
    assert list(Query().describe()) == ["ask", "lang", "planner"]
