"""Extraction throughput: the sample corpus repeated to N articles, end to end, and where the time goes.

    python bench/bench_extract.py [--articles 1000]

Prints articles per second for the whole pipeline (reading excluded: articles are parsed once and
re-used, with their ids varied) beside a baseline measured in the same run: a naive extractor that
only runs a "number near a casualty word" regular expression over the same texts. Then the share
of time spent in sentence splitting, place finding, date finding and casualty grammar.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.articles import Article, read_paths  # noqa: E402
from lib.config import ARTICLES_DIR  # noqa: E402
from lib.gazetteer import Gazetteer  # noqa: E402
from lib.pipeline import extract_article  # noqa: E402

NAIVE = re.compile(r"(\d[\d,.]*)\s+(?:\w+\s+){0,3}?(?:killed|dead|died|wounded|injured)", re.IGNORECASE)


def corpus(n: int) -> list[Article]:
    base = [a for a in read_paths([ARTICLES_DIR]) if isinstance(a, Article)]
    return [replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}", warnings=[]) for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    arts = corpus(args.articles)
    chars = sum(len(a.text) for a in arts)
    t0 = time.perf_counter()
    gaz = Gazetteer.open()
    t_open = time.perf_counter() - t0
    extract_article(arts[0], gaz)  # warm the lexicon and regex caches

    t0 = time.perf_counter()
    naive = sum(len(NAIVE.findall(a.text)) for a in arts)
    t_naive = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = sum(len(extract_article(a, gaz).events) for a in arts)
    t_full = time.perf_counter() - t0

    prof = cProfile.Profile()  # a second, profiled pass for the breakdown (slower than the timed one)
    prof.enable()
    for a in arts:
        extract_article(a, gaz)
    prof.disable()

    print(f"articles                 {len(arts)} ({chars / 1e6:.1f} M characters)")
    print(f"gazetteer open           {t_open * 1000:.1f} ms")
    print(f"pipeline                 {len(arts) / t_full:,.0f} articles/s ({t_full:.2f} s, {n_events} events)")
    print(f"baseline: naive regex    {len(arts) / t_naive:,.0f} articles/s ({t_naive:.3f} s, {naive} matches)")
    print(f"ratio pipeline/baseline  {t_full / t_naive:,.0f}x the time of the naive regex")
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # total time of the profiled pass
    parts = {
        "places (find_places)": "find_places",
        "dates (find_dates)": "find_dates",
        "casualty grammar (find_figures)": "find_figures",
        "claims (find_claims)": "find_claims",
        "sentences (split)": "split",
        "tokens (tokenize)": "tokenize",
    }
    print("where the time goes (share of the profiled pass; cumulative, so nested parts overlap):")
    for label, fn in parts.items():
        cum = sum(v[3] for k, v in stats.stats.items() if k[2] == fn)
        print(f"  {label:32} {cum:6.2f} s  {100 * cum / total:5.1f} %")


if __name__ == "__main__":
    main()
