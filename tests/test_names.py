"""lib/names.py: contested place names shown both ways, and the other names of a place."""
from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from lib import config, filters, names


def test_the_contested_table_is_well_formed() -> None:
    table = names.load_contested()
    by_id = table.set_index("id")
    assert by_id.loc["geonames:146970", "name"] == "Khankendi"
    assert by_id.loc["geonames:146970", "both"] == "Stepanakert / Khankendi"
    assert by_id.loc["curated:nagorno-karabakh", "both"] == "Nagorno-Karabakh / Artsakh"
    assert table["id"].is_unique
    for both, aliases in zip(table["both"], table["aliases"]):
        assert " / " in both and aliases and both in aliases  # a label already shown both ways is recognised
    assert not any(a == "Martuni" for aliases in table["aliases"] for a in aliases)  # also a town in Armenia


def test_the_table_names_entries_the_gazetteer_has() -> None:
    path = config.gazetteer_path()
    if not path.exists():
        pytest.skip("no built gazetteer")
    with sqlite3.connect(path) as con:
        canonical = dict(con.execute("SELECT id, name FROM entries"))
    for gid, name in zip(names.load_contested()["id"], names.load_contested()["name"]):
        assert canonical.get(gid) == name, gid


def test_a_bad_row_says_which(tmp_path) -> None:
    bad = tmp_path / "contested.csv"
    bad.write_text("# note\nid,name,both,aliases\ngeonames:1,,X / Y,X\n", encoding="utf-8")
    names.load_contested.cache_clear()
    try:
        with pytest.raises(ValueError, match="row 2"):
            names.load_contested(bad)
    finally:
        names.load_contested.cache_clear()


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "place_name": ["Khankendi", "Stepanakert", "Nagorno-Karabakh", "Ganja"],
        "gazetteer_id": ["geonames:146970", None, "curated:nagorno-karabakh", "geonames:148005"],
    })


def test_both_names_by_id_and_by_alias() -> None:
    out = names.apply(_frame(), names.BOTH)
    assert out["place_name"].tolist() == ["Stepanakert / Khankendi", "Stepanakert / Khankendi",
                                          "Nagorno-Karabakh / Artsakh", "Ganja"]
    assert out["place_name_gazetteer"].tolist() == ["Khankendi", "Stepanakert", "Nagorno-Karabakh", "Ganja"]


def test_the_gazetteer_name() -> None:
    out = names.apply(_frame(), names.GAZETTEER)
    assert out["place_name"].tolist() == ["Khankendi", "Khankendi", "Nagorno-Karabakh", "Ganja"]


def test_nothing_to_rename_returns_the_frame_itself(events_frame: pd.DataFrame) -> None:
    df = filters.prepare(events_frame)
    df = df[df["place_name"].isin(["Ganja", "Barda"])]
    assert names.apply(df, names.BOTH) is df
    assert names.apply(df.iloc[:0], names.BOTH).empty


def test_other_names_keep_readable_ones() -> None:
    places = pd.DataFrame({"gazetteer_id": ["geonames:616052", "geonames:616052", None],
                           "names": [["Yerevan", "EVN", "Ayrivan  Erivan  Erevan", "Erebuni", "𐐏𐐲𐑉𐐯𐑂𐐲𐑌", "Ереван",
                                      "Երևան", "Erivan2"], ["Erebuni", "Erevan"], ["Nowhere"]]})
    got = names.other_names(places)
    assert got == {"geonames:616052": ["Yerevan", "Erebuni", "Ереван", "Երևան", "Erevan"]}
