"""The offline gazetteer: built once into an indexed SQLite file, opened read-only in milliseconds.

``Gazetteer.open()`` to read (builds the file first if it is missing); ``build()`` to (re)build.
"""
from __future__ import annotations

import sys

from lib.gazetteer.store import Candidate, Gazetteer

__all__ = ["SCHEMA_VERSION", "Candidate", "Gazetteer", "GazetteerBuildError", "build", "fingerprint", "is_current"]

# While `python -m lib.gazetteer.build` locates its module, argv[0] is "-m": importing the builder here
# then would make runpy run it twice (and warn). Everywhere else the builder's API is re-exported.
if sys.argv[:1] != ["-m"]:
    from lib.gazetteer.build import SCHEMA_VERSION, GazetteerBuildError, build, fingerprint, is_current
