"""Plotly figures of casualties, built from a prepared events frame (``filters.prepare``).

The firm figure is the sum of the lower bounds (``<measure>_low``); vague ranges are never summed as if
exact. The upper bound is drawn apart: a whisker up to the summed high figures, and an open-ended mark
where a claim has no upper bound ("more than 50"). Colours follow the map (``maps.side_colour``).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .maps import UNKNOWN_SIDE, side_colour, side_key, side_label

MEASURES = ("killed", "wounded", "missing")
_LAYOUT = {"template": "plotly_white", "margin": {"l": 10, "r": 10, "t": 72, "b": 10}, "font": {"size": 12},
           "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0, "title": None}}


def _title(text: str) -> dict:
    return {"text": text, "x": 0, "xanchor": "left", "y": 0.97, "yanchor": "top", "font": {"size": 15}}


def period_of(df: pd.DataFrame) -> str:
    """A bin width that keeps the chart readable: day up to four months, week up to two years, else month."""
    days = (df["day"].max() - df["day"].min()).days if df["dated"].any() else 0
    return "D" if days <= 120 else "W" if days <= 730 else "M"


def _period_ms(starts: pd.Series, period: str) -> pd.Series:
    """The length of each period (a day, a week, that month) in milliseconds, as plotly's date axes count."""
    ends = starts.dt.to_period(period).dt.end_time
    return ((ends - starts).dt.total_seconds() * 1000).round() + 1


def casualty_totals(df: pd.DataFrame, by: str | list[str], measure: str = "killed") -> pd.DataFrame:
    """Per group: ``low`` (sum of lower figures), ``high`` (sum of upper figures, lower where exact),
    ``open_ended`` (claims with no upper bound), ``claims`` (events with a figure) and ``range`` text.
    """
    lo, hi = df[f"{measure}_low"], df[f"{measure}_high"]
    stated = lo.notna() | hi.notna()
    d = pd.DataFrame({
        "low": lo.fillna(0), "high": hi.fillna(lo).fillna(0),
        "open_ended": (lo.notna() & hi.isna()).astype(int), "claims": stated.astype(int),
    }, index=df.index)
    keys = [by] if isinstance(by, str) else list(by)
    for k in keys:
        d[k] = df[k]
    out = d[stated].groupby(keys, sort=True)[["low", "high", "open_ended", "claims"]].sum().reset_index()
    out["range"] = [_range_text(r.low, r.high, r.open_ended) for r in out.itertuples()]
    return out


def _range_text(low: float, high: float, open_ended: int) -> str:
    text = f"{int(low):,}" if high <= low else f"{int(low):,}–{int(high):,}"
    return f"{text}, {open_ended} claim{'s' * (open_ended != 1)} with no upper bound" if open_ended else text


def _with_side(df: pd.DataFrame) -> pd.DataFrame:
    out = df.assign(side=df["victim_side"].map(side_key))
    return out


def _side_order(sides: pd.Series) -> list[str]:
    return sorted(sides.unique(), key=lambda s: (s == UNKNOWN_SIDE, side_label(s)))


def _empty(title: str, note: str) -> go.Figure:
    fig = go.Figure(layout=dict(title=_title(title), **_LAYOUT))
    fig.add_annotation(text=note, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"color": "#777"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def casualties_over_time(df: pd.DataFrame, measure: str = "killed", period: str | None = None) -> go.Figure:
    """Bars of the firm lower figures per period and victim side; whiskers to the upper bounds (none, NaN,
    where the figures are exact).

    Only dated events are drawn (undated ones have no place on a time axis). One bar trace per side
    (``name`` = side label, ``meta`` = side key), with ``error_y`` up to the summed high figures, and one
    marker trace ``"<side>: no upper bound"`` where a period holds open-ended claims.
    """
    title = f"{measure.capitalize()} over time, by victim side"
    dated = _with_side(df[df["dated"]])
    if dated.empty or dated[f"{measure}_low"].notna().sum() + dated[f"{measure}_high"].notna().sum() == 0:
        return _empty(title, f"No dated {measure} figures in this range")
    period = period or period_of(dated)
    dated = dated.assign(period=dated["day"].dt.to_period(period).dt.start_time)
    totals = casualty_totals(dated, ["period", "side"], measure)
    fig = go.Figure(layout=dict(title=_title(title), barmode="overlay", height=380, **_LAYOUT))
    sides = _side_order(totals["side"])
    # the sides present in a period share it, side by side, whatever the spacing of the periods shown
    totals = totals.assign(order=totals["side"].map(sides.index)).sort_values(["period", "order"])
    totals["slot"] = totals.groupby("period").cumcount()
    totals["slots"] = totals.groupby("period")["side"].transform("count")
    for side in sides:
        t = totals[totals["side"] == side]
        span_ms = _period_ms(t["period"], period)
        width = span_ms * 0.8 / t["slots"]
        offset = span_ms * 0.1 + t["slot"] * width
        colour, plus = side_colour(side), (t["high"] - t["low"]).where(lambda d: d > 0)
        fig.add_bar(
            x=t["period"], y=t["low"], name=side_label(side), meta=side, marker_color=colour,
            width=width.tolist(), offset=offset.tolist(),
            error_y={"type": "data", "symmetric": False, "array": plus.tolist(),
                     "arrayminus": [0] * len(t), "color": colour, "thickness": 1.5, "width": 3},
            customdata=t[["range", "claims"]].to_numpy(),
            hovertemplate=f"{side_label(side)}<br>%{{x|%Y-%m-%d}}<br>{measure}: %{{customdata[0]}}"
                          "<br>claims: %{customdata[1]}<extra></extra>",
        )
        is_open = (t["open_ended"] > 0).to_numpy()
        if is_open.any():
            centre = t["period"] + pd.to_timedelta(offset + width / 2, unit="ms")
            fig.add_scatter(
                x=centre[is_open], y=t["high"][is_open], mode="markers", name=f"{side_label(side)}: no upper bound",
                meta=side, showlegend=False,
                marker={"symbol": "triangle-up", "size": 10, "color": colour, "line": {"color": "white", "width": 1}},
                hovertemplate="%{x|%Y-%m-%d}: at least %{y:,} (\"more than\" claims)<extra></extra>",
            )
    first = dated["period"].min()
    last = dated["period"].max() + pd.to_timedelta(_period_ms(pd.Series([dated["period"].max()]), period)[0], "ms")
    pad = (last - first) * 0.02
    fig.update_yaxes(title=f"{measure} (lower figure)", rangemode="tozero")
    fig.update_xaxes(title=None, range=[first - pad, last + pad])  # the whole range shown, bars included
    return fig


def casualties_by_place(df: pd.DataFrame, measure: str = "killed", top: int = 10) -> go.Figure:
    """Horizontal bars of the firm lower figures for the ``top`` towns and regions, stacked by victim side;
    a faint bar behind them reaches the summed upper bound (trace ``"upper bound"``). Country-level claims
    (geo_precision 3) are national totals, not places, and are left out."""
    title = f"{measure.capitalize()} by town or region (top {top})"
    placed = _with_side(df[df["place_name"].notna() & (df["geo_precision"].fillna(1) < 3)])
    totals = casualty_totals(placed, ["place_name", "side"], measure) if not placed.empty else pd.DataFrame()
    if totals.empty:
        return _empty(title, f"No {measure} figures with a place in this range")
    per_place = casualty_totals(placed, "place_name", measure).sort_values(["low", "high"], ascending=False)
    per_place = per_place.head(top).iloc[::-1]  # largest at the top of a horizontal chart
    names = per_place["place_name"].tolist()
    fig = go.Figure(layout=dict(title=_title(title), barmode="overlay", height=380, **_LAYOUT))
    fig.add_bar(y=names, x=per_place["high"], orientation="h", name="upper bound", meta="upper bound",
                marker={"color": "rgba(120,120,120,0.18)", "line": {"color": "rgba(120,120,120,0.5)", "width": 1}},
                customdata=per_place[["range"]].to_numpy(), showlegend=False,
                hovertemplate="%{y}: %{customdata[0]}<extra>upper bound</extra>")
    base = pd.Series(0.0, index=names)
    for side in _side_order(totals["side"]):
        t = totals[(totals["side"] == side) & totals["place_name"].isin(names)].set_index("place_name")
        t = t.reindex(names).dropna(subset=["low"])
        if t.empty:
            continue
        fig.add_bar(y=t.index.tolist(), x=t["low"], base=base[t.index].tolist(), orientation="h",
                    name=side_label(side), meta=side, marker_color=side_colour(side),
                    customdata=t[["range"]].to_numpy(),
                    hovertemplate=f"%{{y}}: %{{customdata[0]}}<extra>{side_label(side)}</extra>")
        base[t.index] += t["low"]
    fig.update_xaxes(title=f"{measure} (lower figure)", rangemode="tozero")
    # at least six slots, filled from the top, so one place is not drawn as a wall
    fig.update_yaxes(title=None, automargin=True, range=[len(names) - max(len(names), 6) - 0.5, len(names) - 0.5])
    return fig
