"""Counting once: the reports of one incident, in however many articles, become one event.

A row of the events frame is a *report*: one article saying that at a place, on a date, so many people of a
side were killed, wounded or missing, as someone claims. The same incident is reported by several outlets,
and the parties give their own figures. ``assign`` groups the reports of a prepared frame
(``filters.prepare``) in two steps:

1. **Same report, several articles** (``claim_id``): same place (coordinates to four decimals and precision,
   else gazetteer id; reports without a place are never merged), same victim side, same date precision, dates within
   one day of the first report, and the same figures (all six bounds; a missing bound equals a missing one).
   Undated reports merge only when they state the same date text (a year, a day without its year); reports
   with no date at all are never merged.
2. **Competing claims** (``incident_id``): on the same place, side and day, claims with *different* figures
   made by *different named* claimants ("Azerbaijan's ministry: 100", "Armenia's ministry: 10") are one
   incident with its claims side by side. If one claimant gives two different figures there (an updated
   toll, or two incidents), nothing is merged: the claims stay separate incidents.

``collapse`` turns reports into one row per incident (or per incident and claimant), so totals count an
incident once: its lower figure is the lowest of its claims, its upper figure the highest (open-ended when a
claim has no upper bound). Competing claims therefore show as a range, never as a sum.

The grouping is computed once per store version at load (it depends on no filter); ``collapse`` runs on
every view, on whatever reports the filters and dates leave.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .filters import FIGURE_COLUMNS, FIGURES
from .maps import claim_figures, date_label, side_key, side_label

_DAY_NS = 86_400 * 10**9
_CLAIMANT_NOISE = re.compile(r"[^\w]+|\b(?:the|s)\b")


def place_key(df: pd.DataFrame) -> pd.Series:
    """The place a report is about: its coordinates (4 decimals) and precision, else its gazetteer id; ``None``
    if unknown. (One gazetteer entry always has the same coordinates, so a report that lacks the id still
    matches on them.)"""
    prec = df["geo_precision"].fillna(1).astype(int).astype(str)
    coords = df["lat"].round(4).astype(str) + "," + df["lon"].round(4).astype(str) + "/" + prec
    coords = coords.where(df["lat"].notna() & df["lon"].notna())
    gid = df["gazetteer_id"] if "gazetteer_id" in df.columns else pd.Series(None, index=df.index, dtype="object")
    gid = gid.where(gid.notna() & (gid.astype(str) != ""))
    return coords.where(coords.notna(), gid)


def claimant_key(claimed_by: pd.Series) -> pd.Series:
    """A claimant's name folded for comparison ("Azerbaijan's Defense Ministry" ~ "azerbaijan defense ministry")."""
    s = claimed_by.fillna("").astype(str)
    folded = {v: " ".join(_CLAIMANT_NOISE.sub(" ", v.casefold()).split()) for v in s.unique()}
    return s.map(folded)


def _figure_key(df: pd.DataFrame) -> pd.Series:
    parts = [df[c].round().astype("Int64").astype("string").fillna("") for c in FIGURE_COLUMNS]
    key = parts[0]
    for p in parts[1:]:
        key = key + "|" + p
    return key.astype(str)


def assign(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a prepared frame with ``claim_id``, ``incident_id``, ``n_sources`` (articles reporting the
    same claim) and ``n_claims`` (distinct claims of the incident). Ids are the first report's id."""
    out = df.copy()
    if out.empty:
        for col in ("claim_id", "incident_id"):
            out[col] = pd.Series(dtype="object")
        out["n_sources"] = pd.Series(dtype="int64")
        out["n_claims"] = pd.Series(dtype="int64")
        return out
    place = place_key(out)
    side = out["victim_side"].fillna("").astype(str).str.strip().str.upper()
    prec = out["date_precision"].fillna("").astype(str)
    undated_text = out["date"].fillna("").astype(str) + "#" + (
        out["date_partial"].fillna("").astype(str) if "date_partial" in out.columns else "")
    day_ns = out["day"].to_numpy(dtype="datetime64[ns]").astype("int64")
    dated = out["dated"].to_numpy()
    no_date = ~dated & (undated_text == "#").to_numpy()
    alone = "\x00" + out["id"].astype(str)  # a key of its own: never merged
    base = pd.DataFrame({
        "place": place.fillna(alone).where(~no_date, alone),  # no place, or no date at all: not merged
        "side": side, "prec": prec, "when": np.where(dated, "", undated_text),
        "fig": _figure_key(out), "day": np.where(dated, day_ns, 0), "id": out["id"].astype(str),
    }, index=out.index)

    # 1. the same claim reported by several articles: clusters of dates within a day of their first report
    base = base.sort_values(["place", "side", "prec", "when", "fig", "day", "id"])
    same = (base[["place", "side", "prec", "when", "fig"]] == base[["place", "side", "prec", "when", "fig"]]
            .shift()).all(axis=1).to_numpy()
    days = base["day"].to_numpy()
    ids = base["id"].to_numpy()
    claim = np.empty(len(base), dtype=object)
    start_day, current = 0, ""
    for i in range(len(base)):
        if not (same[i] and days[i] - start_day <= _DAY_NS):
            start_day, current = days[i], ids[i]
        claim[i] = current
    base["claim"] = claim
    out["claim_id"] = base["claim"].reindex(out.index)

    # 2. different figures from different named claimants on the same place, side and day: one incident
    claims = base.groupby("claim", sort=False).agg(place=("place", "first"), side=("side", "first"),
                                                   prec=("prec", "first"), when=("when", "first"),
                                                   day=("day", "first"), fig=("fig", "first"))
    who = claimant_key(out["claimed_by"]).reindex(base.index)
    base["who"] = who.to_numpy()
    named = base[base["who"] != ""].groupby("claim")["who"].first()
    claims["who"] = named.reindex(claims.index).fillna("")
    incident = pd.Series(claims.index, index=claims.index, dtype="object")
    where = ["place", "side", "prec", "when", "day"]
    candidates = claims[claims["who"] != ""]
    candidates = candidates[candidates.groupby(where, sort=False)["who"].transform("nunique") > 1]
    for _, g in candidates.groupby(where, sort=False):
        if g.groupby("who")["fig"].nunique().max() > 1:  # one claimant, two figures: do not guess
            continue
        incident[g.index] = min(g.index)
    out["incident_id"] = out["claim_id"].map(incident)
    out["n_sources"] = out.groupby("claim_id")["article_id"].transform("nunique").astype("int64")
    out["n_claims"] = out.groupby("incident_id")["claim_id"].transform("nunique").astype("int64")
    return out


# what maps and charts read of an incident (the reports keep the rest: sentence, source, url, ...)
_FIRST = ("article_id", "place_name", "country", "lat", "lon", "geo_precision", "gazetteer_id", "date", "date_end",
          "date_precision", "date_partial", "victims", "victim_side")


def collapse(df: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """One row per incident (``by=None``) or per incident and ``by`` (e.g. ``"claimed_by"``) of an assigned
    frame, with the columns the maps and charts read.

    Per figure: ``<f>_low`` is the lowest stated lower bound, ``<f>_high`` the highest upper bound, or
    missing (open-ended) when any claim has none. ``id`` is the incident id; ``n_claims``, ``n_reports`` and
    ``n_articles`` count what it was made of. A frame without ``incident_id`` (not assigned) is treated as
    one incident per report. Incidents of a single report (most of them) are passed through, not grouped.
    """
    if "incident_id" not in df.columns:
        df = df.assign(incident_id=df["id"], claim_id=df["id"])
    keys = ["incident_id"] if by is None else ["incident_id", by]
    work = df.assign(**{by: df[by].fillna("")}) if by else df
    cols = [c for c in _FIRST if c in work.columns] + ["day", "day_end", "dated", "approximate",
                                                       *FIGURE_COLUMNS, *(() if by is None else (by,))]
    shared = work.duplicated(keys, keep=False).to_numpy()
    single = work.loc[~shared, ["incident_id", *dict.fromkeys(cols)]].assign(n_claims=1, n_reports=1, n_articles=1)
    parts = [single]
    multi = work[shared]
    if len(multi):
        g = multi.groupby(keys, sort=False, dropna=False)
        first_cols = [c for c in _FIRST if c in multi.columns]
        m = g[first_cols].first()
        m["day"] = g["day"].min()
        m["day_end"] = g["day_end"].max()
        m["dated"] = g["dated"].any()
        for f in FIGURES:
            lo, hi = multi[f"{f}_low"], multi[f"{f}_high"]
            open_ended = (lo.notna() & hi.isna()).groupby([multi[k] for k in keys], sort=False, dropna=False).any()
            m[f"{f}_low"] = g[f"{f}_low"].min()
            m[f"{f}_high"] = g[f"{f}_high"].max().where(~open_ended)
        m["n_claims"] = g["claim_id"].nunique()
        m["approximate"] = g["approximate"].any() | (m["n_claims"] > 1)
        m["n_reports"] = g.size()
        m["n_articles"] = g["article_id"].nunique()
        parts.append(m.reset_index())
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else single.reset_index(drop=True)
    out["id"] = out["incident_id"]
    return out


def count(df: pd.DataFrame) -> int:
    """How many incidents the reports of ``df`` belong to."""
    return int(df["incident_id"].nunique()) if "incident_id" in df.columns else len(df)


def summary(reports: pd.DataFrame, events: pd.DataFrame) -> dict[str, int]:
    """Counts for the metrics, each incident once: ``events`` (incidents), ``dated``, ``undated``, ``mappable``,
    ``reports``, ``articles`` and the firm lower figures ``<f>_low`` (each incident's lowest claim)."""
    out = {
        "events": len(events),
        "dated": int(events["dated"].sum()) if len(events) else 0,
        "undated": int((~events["dated"]).sum()) if len(events) else 0,
        "mappable": int((events["lat"].notna() & events["lon"].notna()).sum()) if len(events) else 0,
        "reports": len(reports),
        "articles": int(reports["article_id"].nunique()) if len(reports) else 0,
    }
    for f in FIGURES:
        out[f"{f}_low"] = int(events[f"{f}_low"].fillna(0).sum()) if len(events) else 0
    return out


def competing(reports: pd.DataFrame, limit: int = 200) -> pd.DataFrame:
    """The incidents whose claims differ, one row each: date, place, victims' side and the claims side by side
    (``"100 killed (Azerbaijan Defence Ministry) · 10 killed (Armenian Defence Ministry)"``), latest first."""
    cols = ["date", "place", "victims' side", "claims", "articles"]
    if reports.empty or "n_claims" not in reports.columns:
        return pd.DataFrame(columns=cols)
    multi = reports[reports["n_claims"] > 1]
    if multi.empty:
        return pd.DataFrame(columns=cols)
    latest = multi.groupby("incident_id")["day"].max().sort_values(ascending=False, na_position="last")
    multi = multi[multi["incident_id"].isin(latest.index[:limit])]
    rows = []
    for _, g in multi.sort_values(["day", "id"], ascending=[False, True]).groupby("incident_id", sort=False):
        claims = []
        for _, c in g.groupby("claim_id", sort=False):
            who = next((str(w) for w in c["claimed_by"] if isinstance(w, str) and w), "claimant not stated")
            claims.append(f"{claim_figures(c.iloc[0])} ({who})")
        first = g.iloc[0]
        rows.append({"date": date_label(first), "place": first["place_name"],
                     "victims' side": side_label(side_key(first["victim_side"])), "claims": " · ".join(claims),
                     "articles": int(g["article_id"].nunique())})
        if len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=cols)
