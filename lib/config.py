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

# Limits on what the ingest page accepts in one go (the reader's per-file limit above still applies).
MAX_UPLOAD_FILES = int(os.environ.get("CONFLICT_MAX_UPLOAD_FILES", 50))  # files per upload
MAX_UPLOAD_BYTES = int(os.environ.get("CONFLICT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))  # all files of one upload
MAX_ZIP_MEMBERS = int(os.environ.get("CONFLICT_MAX_ZIP_MEMBERS", 500))  # files inside one zip
MAX_ZIP_BYTES = int(os.environ.get("CONFLICT_MAX_ZIP_BYTES", 100 * 1024 * 1024))  # uncompressed, per zip


def allow_server_paths() -> bool:
    """Whether the ingest page may read a folder on the server (``CONFLICT_ALLOW_SERVER_PATHS=1``; off by default:
    a hosted link must never read the server's files)."""
    return os.environ.get("CONFLICT_ALLOW_SERVER_PATHS", "").strip().lower() in ("1", "true", "yes", "on")
