"""Matching predicted records to gold records.

Records are plain dicts in the contract's shape (``model_dump(mode="json")``); a gold dict may
carry ``"optional": True``. Each record type has a *key* two records must share to be the same
fact, and *fields* scored once they are paired:

* index results: key = entity, index, component, year, scope;
  fields = score, rank, rank_total, rank_change, score_change, is_target.
* metrics: key = entity, value, and year when the gold year is set;
  fields = name (token Jaccard >= 0.5), unit, is_target.
* initiatives: key = the normalised name (fuzzy); fields = entity, kind.

Pairing is one-to-one and greedy, best pairs first: required gold records first, then the
predictions left over against optional gold records. A prediction paired with an optional
record is neither a true nor a false positive; an optional record left unpaired is not a miss.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from llmx.core.gazetteer import Province, get_gazetteer
from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold, tokens
from llmx.core.vocab import get_vocab

SCORE_TOL = 0.01
VALUE_REL_TOL = 1e-6
VALUE_ABS_TOL = 0.01
COMPONENT_MIN_OVERLAP = 0.6
METRIC_NAME_MIN_OVERLAP = 0.5
INITIATIVE_MIN_RATIO = 0.85

FIELDS: dict[str, tuple[str, ...]] = {
    "index_results": ("score", "rank", "rank_total", "rank_change", "score_change", "is_target"),
    "metrics": ("name", "unit", "is_target"),
    "initiatives": ("entity", "kind"),
}

# Centrally-run cities (a "thành phố" that is a province), for when no gazetteer is loaded.
_PUNCT = re.compile(r"[^0-9a-z]+")
# Type words of units below a province (folded): "huyện Lạng Giang" == "Lạng Giang". "tp" and
# "thành phố" are handled with the provinces, since they also name centrally-run cities;
# "TX." is the written abbreviation of "thị xã".
_SUB_PROVINCE_TYPES = ("huyen ", "thi xa ", "tx ", "quan ", "thi tran ", "xa ", "phuong ")


# -- normalisation ---------------------------------------------------------------------------


def plain(text: str | None) -> str:
    """Folded text with punctuation turned into single spaces: 'TP. Đồng Hới' -> 'tp dong hoi'."""
    return _PUNCT.sub(" ", fold(text or "")).strip()


def _split_prefix(p: str) -> tuple[str | None, str]:
    for prefix, norm in (("thanh pho ", "tp"), ("tp ", "tp"), ("tinh ", "tinh")):
        if p.startswith(prefix) and len(p) > len(prefix):
            return norm, p[len(prefix) :]
    if p.startswith("tphcm"):
        return "tp", "hcm"
    return None, p


def _is_city(province: Province) -> bool:
    return plain(province.kind) == "thanh pho"


def _province_name(name: str, prefix: str | None, rest: str) -> str | None:
    """The canonical province a name stands for, through the gazetteer. Looked up without
    the prefix first: "TP. Bắc Giang" is a city inside the province Bắc Giang, so a
    "thành phố" prefix only stands for a centrally-run city."""
    for t in [rest, name] if prefix else [name]:
        prov = get_gazetteer().lookup(t)
        if prov is None:
            continue
        if prefix == "tp" and not _is_city(prov):
            return None
        return prov.name
    return None


@lru_cache(maxsize=4096)
def entity_key(name: str | None) -> str:
    """Comparison key of an entity: diacritics, case and punctuation ignored; 'tỉnh',
    'thành phố', 'TP.' dropped before a province, and province aliases mapped through the
    gazetteer ('TP HCM' == 'TP. Hồ Chí Minh', 'Bac Giang' == 'Bắc
    Giang'). Other prefixes are kept but unified: 'Thành phố Đồng Hới' == 'TP. Đồng Hới'."""
    p = plain(name)
    if not p:
        return ""
    prefix, rest = _split_prefix(p)
    prov = _province_name(name or "", prefix, rest)
    if prov is not None:
        key = plain(prov)
        return _split_prefix(key)[1]
    if prefix == "tp" and _province_name(rest, None, rest) is None:
        return rest  # a provincial city: "TP. Đồng Hới" == "thành phố Đồng Hới" == "Đồng Hới"
    if prefix is None:
        for t in _SUB_PROVINCE_TYPES:
            if p.startswith(t) and len(p) > len(t):
                return p[len(t) :]
    return f"{prefix} {rest}" if prefix else rest


def scope_key(scope: str | None) -> str:
    s = (scope or "national").strip()
    if ":" not in s:
        return plain(s)
    kind, rest = s.split(":", 1)
    kind = plain(kind)
    return f"{kind}:{entity_key(rest) if kind == 'province' else plain(rest)}"


def token_set(text: str | None) -> set[str]:
    return set(tokens(text or ""))


def token_overlap(a: str | None, b: str | None) -> float:
    """Jaccard overlap of folded word-token sets (1.0 when both are empty)."""
    ta, tb = token_set(a), token_set(b)
    if not ta and not tb:
        return 1.0
    return len(ta & tb) / len(ta | tb)


_COMPONENT_LEADS = (
    ("chi", "so", "thanh", "phan"),
    ("linh", "vuc"),
    ("tieu", "chi"),
    ("noi", "dung"),
    ("chi", "so"),
)


def _component_tokens(text: str) -> set[str]:
    toks = tokens(text)
    for lead in _COMPONENT_LEADS:
        if tuple(toks[: len(lead)]) == lead and len(toks) > len(lead):
            toks = toks[len(lead) :]
            break
    return set(toks)


def component_similarity(a: str | None, b: str | None) -> float | None:
    """1.0 for two whole-index records (None, None); token overlap of two components, with
    generic leads ('lĩnh vực', 'chỉ số thành phần') dropped; None for None vs a component."""
    if (a is None or not str(a).strip()) and (b is None or not str(b).strip()):
        return 1.0
    if a is None or b is None or not str(a).strip() or not str(b).strip():
        return None
    la, lb = _component_label(str(a)), _component_label(str(b))
    if la is not None and la == lb:
        # "Tính năng động của chính quyền tỉnh" and "Tính năng động và tiên phong": two
        # names the vocabulary gives one component (the text's words, the canonical name)
        return 1.0
    ta, tb = _component_tokens(a), _component_tokens(b)
    if not ta or not tb:
        return 1.0 if plain(a) == plain(b) else 0.0
    return len(ta & tb) / len(ta | tb)


@lru_cache(maxsize=4096)
def _component_label(name: str) -> str | None:
    """The vocabulary's label of the component ``name`` is all of (its canonical name, or a
    phrasing an entry declares, generic lead aside), else None."""
    text = " ".join(name.split())
    vocab = get_vocab()
    for candidate in (text, *_without_lead(text)):
        spans = vocab.find(candidate, {"component"})
        if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(candidate):
            return spans[0].entry.label
    return None


def _without_lead(text: str) -> list[str]:
    """``text`` without a generic lead word ("chỉ số thành phần X" -> "X"), if it has one."""
    toks = tokens(text)
    for lead in _COMPONENT_LEADS:
        if tuple(toks[: len(lead)]) == lead and len(toks) > len(lead):
            words = text.split()
            return [" ".join(words[len(lead) :])] if len(words) > len(lead) else []
    return []


def name_key(name: str | None) -> str:
    """Initiative name key: folded, quotes and punctuation removed."""
    return " ".join(tokens(name or ""))


def name_similarity(a: str | None, b: str | None) -> float:
    """difflib ratio of two initiative name keys; at least the threshold when one contains
    the other as whole words (and the shorter has two words or more)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    ratio = difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio()
    short, long_ = sorted((ka, kb), key=len)
    if len(short.split()) >= 2 and f" {short} " in f" {long_} ":
        ratio = max(ratio, INITIATIVE_MIN_RATIO)
    return ratio


def as_number(x: Any) -> float | None:
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, int | float):
        return float(x)
    if isinstance(x, str):
        return parse_vn_number(x)
    return None


def value_close(a: Any, b: Any) -> bool:
    """Metric values: relative tolerance 1e-6 or absolute 0.01."""
    x, y = as_number(a), as_number(b)
    if x is None or y is None:
        return False
    return math.isclose(x, y, rel_tol=VALUE_REL_TOL, abs_tol=VALUE_ABS_TOL)


def _num_eq(a: Any, b: Any, tol: float = 0.0) -> bool:
    x, y = as_number(a), as_number(b)
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= tol + 1e-9


def _year(x: Any) -> int | None:
    n = as_number(x)
    return int(n) if n is not None else None


def unit_key(unit: Any) -> str:
    """'%', 'phần trăm' and 'percent' are one unit; a unit the vocabulary knows is its label
    ("doanh nghiệp", "businesses" and "firms" are one: ``measure_unit`` entries); others
    compare folded."""
    raw = str(unit or "")
    if "%" in raw:
        return "%"
    u = plain(raw)
    if u in ("phan tram", "percent"):
        return "%"
    return _unit_label(" ".join(raw.split()).lower()) or u


@lru_cache(maxsize=4096)
def _unit_label(unit: str) -> str | None:
    """The label of the measure unit ``unit`` (as written) is, when one entry matches all
    of it; else None."""
    spans = get_vocab().find(unit, {"measure_unit"})
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(unit):
        return "unit:" + spans[0].entry.label
    return None


def units_match(a: Any, b: Any) -> bool:
    """Same unit, or one is the other with a qualifier ('dịch vụ' / 'dịch vụ công')."""
    ka, kb = unit_key(a), unit_key(b)
    if ka == kb:
        return True
    if not ka or not kb:
        return False
    return f"{ka} ".startswith(f"{kb} ") or f"{kb} ".startswith(f"{ka} ")


# -- keys and fields -------------------------------------------------------------------------


def key_similarity(record_type: str, pred: dict[str, Any], gold: dict[str, Any]) -> float | None:
    """How well ``pred`` shares ``gold``'s key, in [0, 1]; None when it is not the same fact."""
    if record_type == "index_results":
        if entity_key(pred.get("entity")) != entity_key(gold.get("entity")):
            return None
        if pred.get("index") != gold.get("index"):
            return None
        if _year(pred.get("year")) != _year(gold.get("year")):
            return None
        if scope_key(pred.get("scope")) != scope_key(gold.get("scope")):
            return None
        sim = component_similarity(pred.get("component"), gold.get("component"))
        return sim if sim is not None and sim >= COMPONENT_MIN_OVERLAP else None
    if record_type == "metrics":
        if entity_key(pred.get("entity")) != entity_key(gold.get("entity")):
            return None
        if not value_close(pred.get("value"), gold.get("value")):
            return None
        gy = _year(gold.get("year"))
        if gy is not None and _year(pred.get("year")) != gy:
            return None
        return token_overlap(pred.get("name"), gold.get("name"))
    if record_type == "initiatives":
        sim = name_similarity(pred.get("name"), gold.get("name"))
        return sim if sim >= INITIATIVE_MIN_RATIO else None
    raise ValueError(f"unknown record type {record_type!r}")


KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "index_results": ("entity", "index", "year", "scope", "component"),
    "metrics": ("entity", "year"),
    "initiatives": ("name",),
}


def key_differences(record_type: str, pred: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    """The key fields on which ``pred`` and ``gold`` disagree (empty: the same fact)."""
    out = []
    for f in KEY_FIELDS[record_type]:
        p, g = pred.get(f), gold.get(f)
        if f == "entity":
            same = entity_key(p) == entity_key(g)
        elif f == "scope":
            same = scope_key(p) == scope_key(g)
        elif f == "year":
            same = _year(p) == _year(g) or (record_type == "metrics" and _year(g) is None)
        elif f == "component":
            sim = component_similarity(p, g)
            same = sim is not None and sim >= COMPONENT_MIN_OVERLAP
        elif f == "name":
            same = name_similarity(p, g) >= INITIATIVE_MIN_RATIO
        else:
            same = p == g
        if not same:
            out.append(f)
    return out


def field_results(record_type: str, pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool]:
    """Per-field agreement of a matched pair (see FIELDS)."""
    if record_type == "index_results":
        return {
            "score": _num_eq(pred.get("score"), gold.get("score"), SCORE_TOL),
            "rank": _num_eq(pred.get("rank"), gold.get("rank")),
            "rank_total": _num_eq(pred.get("rank_total"), gold.get("rank_total")),
            "rank_change": _num_eq(pred.get("rank_change"), gold.get("rank_change")),
            "score_change": _num_eq(pred.get("score_change"), gold.get("score_change"), SCORE_TOL),
            "is_target": bool(pred.get("is_target")) == bool(gold.get("is_target")),
        }
    if record_type == "metrics":
        return {
            "name": token_overlap(pred.get("name"), gold.get("name")) >= METRIC_NAME_MIN_OVERLAP,
            "unit": units_match(pred.get("unit"), gold.get("unit")),
            "is_target": bool(pred.get("is_target")) == bool(gold.get("is_target")),
        }
    if record_type == "initiatives":
        return {
            "entity": entity_key(pred.get("entity")) == entity_key(gold.get("entity")),
            "kind": plain(pred.get("kind") or "mô hình") == plain(gold.get("kind") or "mô hình"),
        }
    raise ValueError(f"unknown record type {record_type!r}")


def evidence_overlap(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    """Overlap of two evidence spans (intersection over union of offsets when both have
    them, else token overlap of the quotes)."""
    pe, ge = pred.get("evidence") or {}, gold.get("evidence") or {}
    if not isinstance(pe, dict) or not isinstance(ge, dict):
        return 0.0
    ps, pn, gs, gn = pe.get("start"), pe.get("end"), ge.get("start"), ge.get("end")
    if (
        isinstance(ps, int) and isinstance(pn, int) and isinstance(gs, int) and isinstance(gn, int)
        and not any(isinstance(v, bool) for v in (ps, pn, gs, gn))
    ):
        inter = min(pn, gn) - max(ps, gs)
        union = max(pn, gn) - min(ps, gs)
        return max(0, inter) / union if union > 0 else 0.0
    if pe.get("quote") and ge.get("quote"):
        return token_overlap(pe.get("quote"), ge.get("quote"))
    return 0.0


def pair_quality(record_type: str, pred: dict[str, Any], gold: dict[str, Any]) -> float | None:
    """None when the two records are not the same fact; else key similarity + share of
    agreeing fields + evidence overlap (0..3), used to pick the best pairs first."""
    sim = key_similarity(record_type, pred, gold)
    if sim is None:
        return None
    fields = field_results(record_type, pred, gold)
    return sim + sum(fields.values()) / len(fields) + evidence_overlap(pred, gold)


# -- one-to-one matching ---------------------------------------------------------------------


@dataclass
class MatchResult:
    record_type: str
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (pred, gold): true positives
    optional_pairs: list[tuple[int, int]] = field(default_factory=list)  # neither TP nor FP
    missed: list[int] = field(default_factory=list)  # required gold left unpaired
    false_positives: list[int] = field(default_factory=list)  # predictions left unpaired

    @property
    def tp(self) -> int:
        return len(self.pairs)

    @property
    def fp(self) -> int:
        return len(self.false_positives)

    @property
    def fn(self) -> int:
        return len(self.missed)


def greedy_pairs(
    pred_ids: Sequence[int],
    gold_ids: Sequence[int],
    quality: Callable[[int, int], float | None],
) -> list[tuple[int, int]]:
    """One-to-one (pred, gold) pairs, best ``quality`` first (None: cannot pair), ties by
    position; sorted by gold position."""
    cands = []
    for pi in pred_ids:
        for gi in gold_ids:
            q = quality(pi, gi)
            if q is not None:
                cands.append((-q, pi, gi))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((pi, gi))
    return sorted(out, key=lambda t: t[1])


def _greedy(
    record_type: str,
    preds: Sequence[dict[str, Any]],
    golds: Sequence[dict[str, Any]],
    pred_ids: list[int],
    gold_ids: list[int],
) -> list[tuple[int, int]]:
    return greedy_pairs(
        pred_ids, gold_ids, lambda pi, gi: pair_quality(record_type, preds[pi], golds[gi])
    )


def match_records(
    record_type: str,
    predictions: Sequence[dict[str, Any]],
    gold: Sequence[dict[str, Any]],
) -> MatchResult:
    """Pair predictions with gold records of one type in one document."""
    required = [i for i, g in enumerate(gold) if not g.get("optional")]
    optional = [i for i, g in enumerate(gold) if g.get("optional")]
    pairs = _greedy(record_type, predictions, gold, list(range(len(predictions))), required)
    left = [i for i in range(len(predictions)) if i not in {p for p, _ in pairs}]
    opt_pairs = _greedy(record_type, predictions, gold, left, optional)
    paired_p = {p for p, _ in pairs} | {p for p, _ in opt_pairs}
    paired_g = {g for _, g in pairs}
    return MatchResult(
        record_type=record_type,
        pairs=pairs,
        optional_pairs=opt_pairs,
        missed=[g for g in required if g not in paired_g],
        false_positives=[p for p in range(len(predictions)) if p not in paired_p],
    )


# -- sub-index scores: index result or metric ------------------------------------------------

SUB_INDEX_NAME_COVER = 0.5  # share of the component's words the metric name must hold


def _sub_index_same(metric: dict[str, Any], result: dict[str, Any]) -> bool:
    """A metric and a component index result state the same sub-index score."""
    if not result.get("component") or result.get("score") is None:
        return False
    if entity_key(metric.get("entity")) != entity_key(result.get("entity")):
        return False
    if bool(metric.get("is_target")) != bool(result.get("is_target")):
        return False
    if not value_close(metric.get("value"), result.get("score")):
        return False
    gy, my = _year(result.get("year")), _year(metric.get("year"))
    if gy is not None and my is not None and gy != my:
        return False
    comp = _component_tokens(str(result["component"]))
    return bool(comp) and len(comp & token_set(metric.get("name"))) / len(comp) >= (
        SUB_INDEX_NAME_COVER
    )


def _as_index_result(metric: dict[str, Any], like: dict[str, Any]) -> dict[str, Any]:
    unit = "percent" if unit_key(metric.get("unit")) == "%" else "points"
    return {
        **{k: None for k in ("rank", "rank_total", "rank_change", "score_change")},
        "entity": metric.get("entity"),
        "entity_level": like.get("entity_level", "province"),
        "index": like.get("index"),
        "component": like.get("component"),
        "year": metric.get("year") if metric.get("year") is not None else like.get("year"),
        "score": metric.get("value"),
        "score_unit": unit,
        "scope": like.get("scope", "national"),
        "is_target": bool(metric.get("is_target")),
        "evidence": metric.get("evidence"),
    }


def _as_metric(result: dict[str, Any], like: dict[str, Any]) -> dict[str, Any]:
    return {
        "entity": result.get("entity"),
        "name": like.get("name") or result.get("component"),
        "value": result.get("score"),
        "unit": like.get("unit", ""),
        "year": result.get("year"),
        "is_target": bool(result.get("is_target")),
        "evidence": result.get("evidence"),
    }


def align_sub_index_types(
    preds: dict[str, list[dict[str, Any]]], gold: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Predictions of one document with sub-index scores moved to the record type the gold
    gives them (eval/CONVENTIONS.md: a sub-index score may be labelled either as an index
    result with its component or as a metric; scorers accept both). A prediction moves only
    when no gold record of its own type states the same fact."""
    p_ir, p_m = list(preds.get("index_results", [])), list(preds.get("metrics", []))
    g_ir, g_m = gold.get("index_results", []), gold.get("metrics", [])
    keep_m, new_ir = _move(
        "metrics", p_m, g_m, g_ir, lambda m, g: _sub_index_same(m, g), _as_index_result
    )
    keep_ir, new_m = _move(
        "index_results", p_ir, g_ir, g_m, lambda r, g: _sub_index_same(g, r), _as_metric
    )
    return {**preds, "index_results": keep_ir + new_ir, "metrics": keep_m + new_m}


def _move(
    record_type: str,
    predicted: list[dict[str, Any]],
    gold_same: Sequence[dict[str, Any]],
    gold_other: Sequence[dict[str, Any]],
    same_fact: Callable[[dict[str, Any], dict[str, Any]], bool],
    convert: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(predictions kept in ``record_type``, predictions converted to the other type): a
    prediction moves when no gold record of its own type shares its key and a gold record of
    the other type states the same sub-index score."""
    kept, moved = [], []
    for p in predicted:
        like = None
        if not any(key_similarity(record_type, p, g) is not None for g in gold_same):
            like = next((g for g in gold_other if same_fact(p, g)), None)
        if like is None:
            kept.append(p)
        else:
            moved.append(convert(p, like))
    return kept, moved
