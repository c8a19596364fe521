"""Speed of the division index (llmx.core.divisions): loading it, ``find_divisions`` on a
10 KB text, and ``lookup_division``.

    python benchmarks/divisions_lookup.py [--runs 20] [--kb 10]

- load: ``DivisionIndex.from_dict(load_data())``, the one-off cost of the first call;
- find: ``find_divisions`` on --kb KB of reporting prose in which about one sentence in
  four names districts and communes (with and without type words and diacritics), without
  and with a province hint and era (target under 1 ms per KB, like the gazetteer's
  ``find``); and on --kb KB of nothing but such sentences, the worst case (no target);
- lookup: ``lookup_division`` for a handful of names.

Each figure is the median of --runs calls after one warm-up call, in milliseconds, with min
and max (wall clock: on a shared machine, run it twice). Nothing here fails on time: the
last line says whether the target was met.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from llmx.core.divisions import DivisionIndex, find_divisions, load_data, lookup_division

PARAGRAPH = (
    "Năm 2024, UBND huyện Tam Nông, tỉnh Phú Thọ đã số hóa 98% hồ sơ; các xã Sài Sơn, "
    "Phượng Sơn và Cộng Hòa, huyện Quốc Oai hoàn thành sớm. Thành phố Bắc Giang và "
    "TP. Thái Nguyên dẫn đầu khối đô thị, trong khi Krông Pắc, Cầu Giấy và Đà Lạt cải thiện "
    "rõ rệt. Phường 12, quận 3, TP. Hồ Chí Minh và xa Tan Lap, huyen Dan Phuong vẫn chậm. "
    "Sau sắp xếp, đặc khu Phú Quốc và phường Hoàn Kiếm vận hành chính quyền hai cấp; "
    "kinh tế - xã hội ở cấp xã tiếp tục phát triển. "
)
PROSE = (
    "Trong năm, tỉnh tập trung chỉ đạo quyết liệt công tác cải cách hành chính, nâng cao "
    "chất lượng phục vụ Nhân dân và doanh nghiệp; tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,2%. "
    "Việc ứng dụng Cổng Dịch vụ công quốc gia được đẩy mạnh, Chỉ số SIPAS tăng 2,1 điểm. "
)
NAMES = ["xã Tân Lập", "huyện Tam Nông", "thành phố Bắc Giang", "Krông Pắc", "phường 12"]


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, float]:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), min(samples), max(samples)


def report(label: str, figures: tuple[float, float, float]) -> None:
    med, lo, hi = figures
    print(f"{label:<34} median {med:8.2f} ms   (min {lo:.2f}, max {hi:.2f})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--kb", type=int, default=10)
    args = ap.parse_args()
    data = load_data()
    report("load (from_dict)", timed(lambda: DivisionIndex.from_dict(data), max(3, args.runs // 4)))
    unit = PARAGRAPH + PROSE * 6
    text = unit * (args.kb * 1024 // len(unit.encode("utf-8")) + 1)
    kb = len(text.encode("utf-8")) / 1024
    plain = timed(lambda: find_divisions(text), args.runs)
    hinted = timed(lambda: find_divisions(text, province="Hà Nội", era="pre2025"), args.runs)
    report(f"find, {kb:.1f} KB, {len(find_divisions(text))} mentions", plain)
    report("find with province and era", hinted)
    dense = PARAGRAPH * (args.kb * 1024 // len(PARAGRAPH.encode("utf-8")) + 1)
    dense_kb = len(dense.encode("utf-8")) / 1024
    worst = timed(lambda: find_divisions(dense), args.runs)
    report(f"find, {dense_kb:.1f} KB, {len(find_divisions(dense))} mentions", worst)
    lookups = timed(lambda: [lookup_division(n) for n in NAMES], args.runs)
    report(f"lookup x{len(NAMES)}", lookups)
    per_kb = max(plain[0], hinted[0]) / kb
    verdict = "met" if per_kb < 1.0 else "NOT met"
    print(f"find: {per_kb:.2f} ms per KB (target under 1 ms per KB): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
