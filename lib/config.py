"""Where things live and the limits the pipeline enforces. Environment variables override the defaults."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
GAZETTEER_DATA_DIR = DATA_DIR / "gazetteer"  # curated supplement and exonyms (committed)


def build_dir() -> Path:
    """Where built artefacts go (the gazetteer SQLite, ...): ``CONFLICT_BUILD_DIR`` or ``data/build``."""
    return Path(os.environ.get("CONFLICT_BUILD_DIR") or DATA_DIR / "build")


def store_path() -> Path:
    """The event store: ``CONFLICT_STORE`` or ``data/store.sqlite``."""
    return Path(os.environ.get("CONFLICT_STORE") or DATA_DIR / "store.sqlite")


def gazetteer_path() -> Path:
    """The offline gazetteer: ``CONFLICT_GAZETTEER`` or ``data/build/gazetteer.sqlite``."""
    return Path(os.environ.get("CONFLICT_GAZETTEER") or build_dir() / "gazetteer.sqlite")


# Limits on what the reader accepts (bytes per file, and records per JSON/JSONL file).
MAX_FILE_BYTES = int(os.environ.get("CONFLICT_MAX_FILE_BYTES", 5 * 1024 * 1024))
MAX_RECORDS_PER_FILE = int(os.environ.get("CONFLICT_MAX_RECORDS", 10_000))
