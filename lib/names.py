"""Contested place names: Stepanakert / Khankendi, Nagorno-Karabakh / Artsakh.

The gazetteer names a place the way GeoNames does (the administering state's name: Khankendi). A newsroom
covering both sides usually wants both names. ``data/gazetteer/contested.csv`` lists, per gazetteer entry,
the gazetteer's ``name``, the ``both`` label and ``aliases`` (names that identify the place in reports
without a gazetteer id). ``apply`` rewrites ``place_name`` for one of the ``MODES``; maps, charts and tables
then show it everywhere.

Also here: ``other_names``, the names a place is known by besides the one shown (from the store's place
mentions), for the map's popups.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .config import GAZETTEER_DATA_DIR

CONTESTED_CSV = GAZETTEER_DATA_DIR / "contested.csv"
BOTH, GAZETTEER = "both", "gazetteer"
MODES = (BOTH, GAZETTEER)


def mode_captions(path: Path = CONTESTED_CSV) -> list[str]:
    """What each of ``MODES`` shows, with the first contested place of the data file as the example."""
    table = load_contested(path)
    if table.empty:
        return ["both names of a contested place", "the gazetteer's name"]
    first = table.iloc[0]
    return [first["both"], f"{first['name']} (the administering state's name)"]


@lru_cache(maxsize=4)
def load_contested(path: Path = CONTESTED_CSV) -> pd.DataFrame:
    """The contested names table: ``id, name, both, aliases`` (aliases a list). Lines starting with # are notes."""
    if not Path(path).exists():
        return pd.DataFrame(columns=["id", "name", "both", "aliases"])
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if line.strip() and not line.startswith("#")))
    for i, r in enumerate(rows, 2):
        if not (r.get("id") and r.get("name") and r.get("both")):
            raise ValueError(f"{path}: row {i} needs id, name and both: {r}")
        r["aliases"] = [a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()]
    return pd.DataFrame(rows, columns=["id", "name", "both", "aliases"])


def display_names(table: pd.DataFrame, mode: str) -> tuple[dict[str, str], dict[str, str]]:
    """``(by gazetteer id, by folded alias)`` → the name to show in ``mode``."""
    col = "both" if mode == BOTH else "name"
    by_id = dict(zip(table["id"], table[col]))
    by_alias = {a.casefold(): label for aliases, label in zip(table["aliases"], table[col]) for a in aliases}
    return by_id, by_alias


def apply(df: pd.DataFrame, mode: str = BOTH, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """``df`` with ``place_name`` shown in ``mode`` for the contested places (a copy if anything changes).

    A report is matched by its ``gazetteer_id``, else by its place name among the aliases. The gazetteer's
    name is kept in ``place_name_gazetteer``.
    """
    table = load_contested() if table is None else table
    if df.empty or table.empty or "place_name" not in df.columns:
        return df
    by_id, by_alias = display_names(table, mode)
    gid = df["gazetteer_id"] if "gazetteer_id" in df.columns else pd.Series(None, index=df.index, dtype="object")
    names = df["place_name"]
    folded = names.where(names.notna(), "").astype(str).str.casefold()
    shown = gid.map(by_id)
    shown = shown.where(shown.notna(), folded.map(by_alias))
    if not shown.notna().any():
        return df
    out = df.copy()
    out["place_name_gazetteer"] = names
    out["place_name"] = shown.where(shown.notna(), names)
    return out


_JUNK = str.maketrans("", "", "0123456789")


def _readable(name: str) -> bool:
    """A name worth showing: not a code (``EVN``), not a run-together list, in a script most readers know."""
    if len(name) < 3 or name.isupper() or "  " in name or name.translate(_JUNK) != name:
        return False
    # Latin, Greek, Cyrillic and Armenian, then Georgian
    return all(ord(c) < 0x0590 or 0x10A0 <= ord(c) <= 0x10FF for c in name)


def other_names(places: pd.DataFrame, limit: int = 6) -> dict[str, list[str]]:
    """Per gazetteer id, the other names of the place (from the store's place mentions, ``names`` column)."""
    out: dict[str, list[str]] = {}
    if places.empty or "names" not in places.columns:
        return out
    for gid, names in zip(places["gazetteer_id"], places["names"]):
        if not isinstance(gid, str) or not gid or not isinstance(names, Iterable):
            continue
        have = out.setdefault(gid, [])
        for n in names:
            if isinstance(n, str) and n not in have and _readable(n) and len(have) < limit + 1:
                have.append(n)
    return out
