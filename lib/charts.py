"""Plotly figures of casualties, built from a prepared events frame (``filters.prepare``).

The firm figure is the sum of the lower bounds (``<measure>_low``); vague ranges are never summed as if
exact. The upper bound is drawn apart: a whisker up to the summed high figures, and an open-ended mark
where a claim has no upper bound ("more than 50"). Colours follow the map (``maps.side_colour``).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .maps import UNKNOWN_SIDE, side_colour, side_keys, side_label

MEASURES = ("killed", "wounded", "missing")
_TEMPLATE = pio.templates["plotly_white"].to_plotly_json()  # expanded here: the figures skip validation
_LAYOUT = {"template": _TEMPLATE, "margin": {"l": 10, "r": 10, "t": 72, "b": 10}, "font": {"size": 12},
           "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0, "title": None}}


class _Fig:
    """Collects a figure's traces and layout, then builds it once without plotly's property validation:
    adding traces one by one to a ``go.Figure`` validates and copies each of them (a third of a rerun at
    10k events). The tests check the figures as data instead."""

    def __init__(self, layout: dict):
        self.layout, self.traces, self.annotations = dict(layout), [], []

    def add(self, kind: str, **trace) -> None:
        self.traces.append({"type": kind, **{k: v.tolist() if isinstance(v, (pd.Series, pd.Index)) else v
                                             for k, v in trace.items()}})

    def update_layout(self, **changes) -> None:
        for k, v in changes.items():  # one level deep, as plotly's update does for margin, legend, axes
            self.layout[k] = {**self.layout[k], **v} if isinstance(v, dict) and isinstance(self.layout.get(k),
                                                                                         dict) else v

    def update_xaxes(self, **changes) -> None:
        self.update_layout(xaxis=_axis(changes))

    def update_yaxes(self, **changes) -> None:
        self.update_layout(yaxis=_axis(changes))

    def add_annotation(self, **annotation) -> None:
        self.annotations.append(annotation)

    def done(self) -> go.Figure:
        layout = {**self.layout, **({"annotations": self.annotations} if self.annotations else {})}
        return go.Figure(data=self.traces, layout=layout, _validate=False)


def _axis(changes: dict) -> dict:
    title = changes.get("title")
    return {**changes, "title": {"text": title}} if isinstance(title, str) else changes


def _figure(layout: dict) -> _Fig:
    return _Fig(layout)


def _add(fig: _Fig, kind: str, **trace) -> None:
    fig.add(kind, **trace)


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
    out = df.assign(side=side_keys(df["victim_side"]))
    return out


def _side_order(sides: pd.Series) -> list[str]:
    return sorted(sides.unique(), key=lambda s: (s == UNKNOWN_SIDE, side_label(s)))


def _empty(title: str, note: str) -> go.Figure:
    fig = _figure(layout=dict(title=_title(title), **_LAYOUT))
    fig.add_annotation(text=note, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"color": "#777"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig.done()


CLAIMANT_PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d", "#eeca3b")
NO_CLAIMANT, OTHER_CLAIMANTS = "claimant not stated", "other claimants"
SPLITS = ("side", "claimant")


def _claimant_groups(df: pd.DataFrame, measure: str, top: int = 6) -> pd.Series:
    """Each row's claimant, the ``top`` claimants by firm figure kept by name and the rest pooled."""
    who = df["claimed_by"].where(df["claimed_by"].notna() & (df["claimed_by"].astype(str) != ""), NO_CLAIMANT)
    weight = df[f"{measure}_low"].fillna(0).groupby(who).sum().drop(NO_CLAIMANT, errors="ignore")
    keep = set(weight.sort_values(ascending=False).head(top).index)
    return who.where(who.isin(keep) | (who == NO_CLAIMANT), OTHER_CLAIMANTS)


def _groups(df: pd.DataFrame, split: str, measure: str) -> tuple[pd.Series, list[str], dict, dict]:
    """The trace each row goes in, the trace order, and each trace's label and colour."""
    if split == "claimant":
        g = _claimant_groups(df, measure)
        names = [n for n in g.value_counts().index if n not in (NO_CLAIMANT, OTHER_CLAIMANTS)]
        order = sorted(names) + [n for n in (OTHER_CLAIMANTS, NO_CLAIMANT) if (g == n).any()]
        colours = {n: CLAIMANT_PALETTE[i % len(CLAIMANT_PALETTE)] for i, n in enumerate(sorted(names))}
        colours.update({OTHER_CLAIMANTS: "#bab0ac", NO_CLAIMANT: "#8c8c8c"})
        return g, order, {n: n for n in order}, colours
    g = side_keys(df["victim_side"])
    order = _side_order(g)
    return g, order, {s: side_label(s) for s in order}, {s: side_colour(s) for s in order}


def casualties_over_time(df: pd.DataFrame, measure: str = "killed", period: str | None = None, *,
                         split: str = "side", highlight: pd.DataFrame | None = None, highlight_name: str = "",
                         picked: tuple | None = None) -> go.Figure:
    """Bars of the firm lower figures per period, one trace per victim side (``split="side"``) or per
    claimant (``split="claimant"``: what each party claimed, side by side); whiskers to the upper bounds
    (none, NaN, where the figures are exact).

    Give it incidents (``incidents.collapse``) to count each incident once, or incidents per claimant
    (``collapse(df, by="claimed_by")``) for the claimant split. Only dated rows are drawn. Traces: one bar
    trace per group (``name`` = its label, ``meta`` = its key), with ``error_y`` up to the summed high
    figures, and a marker trace ``"<label>: no upper bound"`` where a period holds open-ended claims.
    ``customdata`` = [range text, claims, period start, period end] (ISO dates), which a chart selection
    reads. ``highlight`` (the selected place's incidents) adds rings ``"Selected: <highlight_name>"``;
    ``picked`` = (start, end) marks the bars of those periods as selected.
    """
    by_claimant = split == "claimant"
    title = f"{measure.capitalize()} over time, " + ("by claimant" if by_claimant else "by victim side")
    dated = df[df["dated"]]
    if dated.empty or dated[f"{measure}_low"].notna().sum() + dated[f"{measure}_high"].notna().sum() == 0:
        return _empty(title, f"No dated {measure} figures in this range")
    period = period or period_of(dated)
    groups, order, labels, colours = _groups(dated, split, measure)
    dated = dated.assign(period=dated["day"].dt.to_period(period).dt.start_time, group=groups)
    totals = casualty_totals(dated, ["period", "group"], measure)
    fig = _figure(layout=dict(title=_title(title), barmode="overlay", height=380, **_LAYOUT))
    order = [o for o in order if (totals["group"] == o).any()]
    # the groups present in a period share it, side by side, whatever the spacing of the periods shown
    totals = totals.assign(order=totals["group"].map(order.index)).sort_values(["period", "order"])
    totals["slot"] = totals.groupby("period").cumcount()
    totals["slots"] = totals.groupby("period")["group"].transform("count")
    totals["end"] = totals["period"].dt.to_period(period).dt.end_time.dt.normalize()
    totals["start_iso"] = totals["period"].dt.strftime("%Y-%m-%d")
    totals["end_iso"] = totals["end"].dt.strftime("%Y-%m-%d")
    what = "claimed by " if by_claimant else ""
    for grp in order:
        t = totals[totals["group"] == grp]
        span_ms = _period_ms(t["period"], period)
        width = span_ms * 0.8 / t["slots"]
        offset = span_ms * 0.1 + t["slot"] * width
        colour, plus = colours[grp], (t["high"] - t["low"]).where(lambda d: d > 0)
        label = labels[grp]
        selected = None
        if picked:
            lo, hi = (pd.Timestamp(v) for v in picked)
            selected = [i for i, (a, b) in enumerate(zip(t["period"], t["end"])) if a <= hi and b >= lo]
        _add(fig, "bar",
            x=t["period"], y=t["low"], name=label, meta=grp, marker_color=colour,
            width=width.tolist(), offset=offset.tolist(), selectedpoints=selected,
            error_y={"type": "data", "symmetric": False, "array": plus.tolist(),
                     "arrayminus": [0] * len(t), "color": colour, "thickness": 1.5, "width": 3},
            customdata=t[["range", "claims", "start_iso", "end_iso"]].to_numpy(),
            hovertemplate=f"{what}{_hover_text(label)}<br>%{{x|%Y-%m-%d}}<br>{measure}: %{{customdata[0]}}"
                          "<br>claims: %{customdata[1]}<extra></extra>",
        )
        is_open = (t["open_ended"] > 0).to_numpy()
        if is_open.any():
            centre = t["period"] + pd.to_timedelta(offset + width / 2, unit="ms")
            _add(fig, "scatter",
                x=centre[is_open], y=t["high"][is_open], mode="markers", name=f"{label}: no upper bound",
                meta=grp, showlegend=False,
                customdata=t[["range", "claims", "start_iso", "end_iso"]][is_open].to_numpy(),
                marker={"symbol": "triangle-up", "size": 10, "color": colour, "line": {"color": "white", "width": 1}},
                hovertemplate="%{x|%Y-%m-%d}: at least %{y:,} (\"more than\" claims)<extra></extra>",
            )
    if highlight is not None and not highlight.empty:
        ring = dated[dated["id"].isin(set(highlight["id"]))]
        if len(ring):
            _add_highlight_over_time(fig, ring, totals, measure, period, highlight_name)
    first = dated["period"].min()
    last = dated["period"].max() + pd.to_timedelta(_period_ms(pd.Series([dated["period"].max()]), period)[0], "ms")
    pad = (last - first) * 0.02
    fig.update_yaxes(title=f"{measure} (lower figure)", rangemode="tozero")
    fig.update_xaxes(title=None, range=[first - pad, last + pad])  # the whole range shown, bars included
    # a click selects a bar (shift-click adds one); a drag zooms the time axis; the modebar's box selects a range
    fig.update_layout(dragmode="zoom", selectdirection="h")
    fig.update_yaxes(fixedrange=True)
    return fig.done()


def _hover_text(label: str) -> str:
    """A label made safe for a plotly hover template (which reads ``%{...}`` and HTML-ish tags)."""
    return label.replace("%", "%%").replace("<", "&lt;").replace(">", "&gt;")


def _add_highlight_over_time(fig: _Fig, rows: pd.DataFrame, totals: pd.DataFrame, measure: str, period: str,
                             name: str) -> None:
    """Rings on the bars the selected place contributes to, at the height of its own share (``rows`` carry the
    chart's ``period`` and ``group``; ``totals`` the bars' slots)."""
    t = casualty_totals(rows, ["period", "group"], measure)
    if t.empty:
        return
    t = t.merge(totals[["period", "group", "slot", "slots"]], on=["period", "group"], how="inner")
    span_ms = _period_ms(t["period"], period)
    centre = t["period"] + pd.to_timedelta(span_ms * 0.1 + (t["slot"] + 0.5) * span_ms * 0.8 / t["slots"], unit="ms")
    _add(fig, "scatter", x=centre, y=t["low"], mode="markers", name=f"Selected: {name}", meta="selected",
         marker={"symbol": "circle-open", "size": 16, "color": "#111111", "line": {"width": 2.5}},
         customdata=t[["range"]].to_numpy(),
         hovertemplate=f"{_hover_text(name)}<br>%{{x|%Y-%m-%d}}: %{{customdata[0]}}<extra></extra>")


def casualties_by_place(df: pd.DataFrame, measure: str = "killed", top: int = 10, *, highlight: str | None = None,
                        picked: tuple[str, ...] = ()) -> go.Figure:
    """Horizontal bars of the firm lower figures for the ``top`` towns and regions, stacked by victim side;
    a faint bar behind them reaches the summed upper bound (trace ``"upper bound"``). Country-level claims
    (geo_precision 3) are national totals, not places, and are left out. ``customdata[-1]`` is the place
    name (a chart selection reads it); ``highlight`` rings a place, ``picked`` marks places as selected."""
    title = f"{measure.capitalize()} by town or region (top {top}, lower figures)"
    placed = df[df["place_name"].notna() & (df["geo_precision"].fillna(1) < 3)]
    lo, hi = placed[f"{measure}_low"], placed[f"{measure}_high"]
    placed = placed[lo.notna() | hi.notna()]
    if placed.empty:
        return _empty(title, f"No {measure} figures with a place in this range")
    # the top places first, then their totals (range texts for those few only)
    weight = pd.DataFrame({"low": placed[f"{measure}_low"].fillna(0),
                           "high": placed[f"{measure}_high"].fillna(placed[f"{measure}_low"]).fillna(0),
                           "place_name": placed["place_name"]}).groupby("place_name").sum()
    names = weight.sort_values(["low", "high"], ascending=False).head(top).index.tolist()
    placed = _with_side(placed[placed["place_name"].isin(names)])
    totals = casualty_totals(placed, ["place_name", "side"], measure)
    per_place = casualty_totals(placed, "place_name", measure).set_index("place_name").loc[names].reset_index()
    per_place = per_place.iloc[::-1]  # largest at the top of a horizontal chart
    names = per_place["place_name"].tolist()
    fig = _figure(layout=dict(title=_title(title), barmode="overlay", height=380, **_LAYOUT))
    chosen = [i for i, n in enumerate(names) if n in set(picked)] if picked else None
    _add(fig, "bar", y=names, x=per_place["high"], orientation="h", name="upper bound", meta="upper bound",
                marker={"color": "rgba(120,120,120,0.18)", "line": {"color": "rgba(120,120,120,0.5)", "width": 1}},
                customdata=per_place[["range", "place_name"]].to_numpy(), showlegend=False, selectedpoints=chosen,
                hovertemplate="%{y}: %{customdata[0]}<extra>upper bound</extra>")
    base = pd.Series(0.0, index=names)
    for side in _side_order(totals["side"]):
        t = totals[(totals["side"] == side) & totals["place_name"].isin(names)].set_index("place_name")
        t = t.reindex(names).dropna(subset=["low"])
        if t.empty:
            continue
        _add(fig, "bar", y=t.index.tolist(), x=t["low"], base=base[t.index].tolist(), orientation="h",
                    name=side_label(side), meta=side, marker_color=side_colour(side),
                    customdata=t[["range"]].assign(place=t.index).to_numpy(),
                    selectedpoints=[i for i, n in enumerate(t.index) if n in set(picked)] if picked else None,
                    hovertemplate=f"%{{y}}: %{{customdata[0]}}<extra>{side_label(side)}</extra>")
        base[t.index] += t["low"]
    if highlight in set(names):
        _add(fig, "scatter", y=[highlight], x=[float(base[highlight])], mode="markers", name=f"Selected: {highlight}",
             meta="selected", customdata=[["", highlight]], hoverinfo="skip", showlegend=False,
             marker={"symbol": "circle-open", "size": 16, "color": "#111111", "line": {"width": 2.5}})
    fig.update_xaxes(title=None, rangemode="tozero")
    # at least six slots, filled from the top, so one place is not drawn as a wall
    fig.update_yaxes(title=None, automargin=True, range=[len(names) - max(len(names), 6) - 0.5, len(names) - 0.5])
    # the legend under the chart: above it, long side names would run into the title
    fig.update_xaxes(fixedrange=True)
    fig.update_yaxes(fixedrange=True)
    fig.update_layout(dragmode="zoom", margin={"t": 40, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.1, "xanchor": "left", "x": 0})
    return fig.done()


def cumulative(df: pd.DataFrame, measure: str = "killed") -> go.Figure:
    """Running totals by victim side: a line of the summed lower figures and a shaded band up to the summed
    upper figures (open-ended claims add their lower bound only, and are counted in the hover). Steps by day
    up to four months, else by the week or month ending (``period_of``)."""
    title = f"{measure.capitalize()}: cumulative, by victim side"
    dated = _with_side(df[df["dated"]])
    if dated.empty or dated[f"{measure}_low"].notna().sum() + dated[f"{measure}_high"].notna().sum() == 0:
        return _empty(title, f"No dated {measure} figures in this range")
    period = period_of(dated)
    end = dated["day"].max()
    if period != "D":
        dated = dated.assign(day=dated["day"].dt.to_period(period).dt.end_time.dt.normalize().clip(upper=end))
    steps = casualty_totals(dated, ["day", "side"], measure)
    fig = _figure(layout=dict(title=_title(title), height=340, hovermode="x unified", **_LAYOUT))
    start = df.loc[df["dated"], "day"].min() - pd.Timedelta(days=1)
    for side in _side_order(steps["side"]):
        t = steps[steps["side"] == side].sort_values("day")
        days = [start, *t["day"], end]
        low = [0.0, *t["low"].cumsum(), float(t["low"].sum())]
        high = [0.0, *t["high"].cumsum(), float(t["high"].sum())]
        opened = [0, *t["open_ended"].cumsum(), int(t["open_ended"].sum())]
        colour, label = side_colour(side), side_label(side)
        _add(fig, "scatter", x=days, y=high, mode="lines", line={"width": 0, "shape": "hv"},
             name=f"{label}: upper", meta=side, showlegend=False, hoverinfo="skip")
        _add(fig, "scatter", x=days, y=low, mode="lines", line={"color": colour, "width": 2.5, "shape": "hv"},
             fill="tonexty", fillcolor=_rgba(colour, 0.15), name=label, meta=side,
             customdata=[[h, o] for h, o in zip(high, opened)],
             hovertemplate=f"{_hover_text(label)}: %{{y:,}}–%{{customdata[0]:,}} (%{{customdata[1]}} open-ended)"
                           "<extra></extra>")
    fig.update_yaxes(title=f"{measure}, running total", rangemode="tozero")
    fig.update_xaxes(title=None)
    return fig.done()


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


# -- chart selections (st.plotly_chart's selection state) -------------------------------------------
def selected_days(selection: dict | None) -> tuple[str, str] | None:
    """The date range a selection on ``casualties_over_time`` covers: from the selected bars' periods
    (``customdata`` start/end), else from a box's x range. ``None`` when nothing usable is selected."""
    sel = selection or {}
    starts, ends = [], []
    for p in sel.get("points") or []:
        cd = p.get("customdata")
        if isinstance(cd, (list, tuple)) and len(cd) >= 4 and cd[2] and cd[3]:
            starts.append(str(cd[2]))
            ends.append(str(cd[3]))
    if starts:
        return min(starts)[:10], max(ends)[:10]
    for box in sel.get("box") or []:
        xs = box.get("x") or []
        if len(xs) >= 2:
            try:
                a, b = sorted(pd.Timestamp(x) for x in xs[:2])
            except (TypeError, ValueError):
                continue
            return a.date().isoformat(), b.date().isoformat()
    return None


def selected_places(selection: dict | None) -> tuple[str, ...]:
    """The places a selection on ``casualties_by_place`` covers (``customdata``'s last item, else ``y``)."""
    out: list[str] = []
    for p in (selection or {}).get("points") or []:
        cd = p.get("customdata")
        name = cd[-1] if isinstance(cd, (list, tuple)) and cd else p.get("y")
        if isinstance(name, str) and name and name not in out:
            out.append(name)
    return tuple(out)
