"""Command line: ``python -m lib extract|ingest|build-gazetteer``.

    python -m lib extract PATH... [--format json|jsonl]   print the extraction contract's document
    python -m lib ingest PATH... [--store FILE] [--replace]  store articles (idempotent), with a progress bar
    python -m lib build-gazetteer [--path FILE]            (re)build the offline gazetteer

A bad input file gets one line on standard error and the rest of the batch goes on; the exit code is
0 when every input was read, 1 when some were rejected, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import config


def _gazetteer():
    from .gazetteer import Gazetteer

    return Gazetteer.open()


def cmd_extract(args: argparse.Namespace) -> int:
    from .articles import ReadError
    from .pipeline import contract_document, extract_paths

    gaz = _gazetteer()
    good, errors = [], 0
    for item in extract_paths(args.paths, gaz):
        if isinstance(item, ReadError):
            print(item, file=sys.stderr)
            errors += 1
        else:
            good.append(item)
    doc = contract_document(good)
    if args.format == "jsonl":
        for table in ("articles", "places", "events"):
            for row in doc[table]:
                print(json.dumps({"table": table, **row}, ensure_ascii=False))
    else:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 1 if errors else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .pipeline import ingest
    from .store import Store

    store = Store(args.store or config.store_path())
    gaz = _gazetteer()
    bar = tqdm(total=0, unit="article", file=sys.stderr, disable=args.quiet)

    def progress(done: int, total: int, label: str) -> None:
        bar.total = total
        bar.set_postfix_str(Path(label).name[:40])
        bar.update(done - bar.n)

    report = ingest(args.paths, store, gaz, replace=args.replace, progress=progress)
    bar.close()
    for err in report.rejected:
        print(err, file=sys.stderr)
    print(f"{report.summary()} -> {store.path}", file=sys.stderr)
    return 1 if report.rejected else 0


def cmd_build_gazetteer(args: argparse.Namespace) -> int:
    from .gazetteer import build

    path = build(Path(args.path) if args.path else None, progress=True)
    print(f"gazetteer built: {path}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    # JSON is written as UTF-8 whatever the console's encoding, and a closed pipe (| head) ends quietly
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        return _main(argv)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lib", description="Conflict news to events, places and figures.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="print places and events of articles as JSON")
    ex.add_argument("paths", nargs="+", help="files or folders of articles (.txt .json .jsonl .html)")
    ex.add_argument("--format", choices=("json", "jsonl"), default="json")
    ex.set_defaults(func=cmd_extract)
    ing = sub.add_parser("ingest", help="extract articles into the store")
    ing.add_argument("paths", nargs="+")
    ing.add_argument("--store", help=f"SQLite file (default: $CONFLICT_STORE or {config.store_path()})")
    ing.add_argument("--replace", action="store_true", help="re-extract articles already stored")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    ing.set_defaults(func=cmd_ingest)
    bg = sub.add_parser("build-gazetteer", help="(re)build the offline gazetteer")
    bg.add_argument("--path")
    bg.set_defaults(func=cmd_build_gazetteer)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
