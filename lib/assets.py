"""Puts what the offline map needs in place: the vendored Leaflet files and a light borders layer.

Both come from registry packages, never from a CDN at run time:

- Leaflet's JS/CSS/images from ``xstatic-leaflet`` are copied to ``static/vendor/leaflet/`` at the project
  root, which Streamlit serves at ``/app/static/vendor/leaflet/`` (``enableStaticServing``).
- Country outlines from ``countryinfo`` (``countryinfo/data/*.json``, key ``geoJSON``) are simplified into
  one FeatureCollection at ``data/build/borders.geojson``.

Both steps are idempotent: run them at app start or with ``python -m lib.assets``.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .config import ROOT, build_dir

VENDOR_DIR = ROOT / "static" / "vendor"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")


def borders_path() -> Path:
    """Where the simplified borders layer lives: ``<build dir>/borders.geojson``."""
    return build_dir() / "borders.geojson"


def _leaflet_source() -> Path:
    try:
        from xstatic.pkg import leaflet
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("Leaflet is missing: pip install xstatic-leaflet") from exc
    return Path(leaflet.BASE_DIR)


def ensure_vendor(dest: Path = VENDOR_DIR) -> Path:
    """Copy Leaflet into ``dest/leaflet`` unless an identical copy is there; return that folder."""
    src, out = _leaflet_source(), dest / "leaflet"
    for name in LEAFLET_FILES:
        s, d = src / name, out / name
        if d.exists() and d.stat().st_size == s.stat().st_size:
            continue
        d.parent.mkdir(parents=True, exist_ok=True)
        tmp = d.with_name(f".{d.name}.{os.getpid()}.tmp")
        shutil.copyfile(s, tmp)
        os.replace(tmp, d)  # atomic: a browser never sees half a file
    return out


def _countryinfo_dir() -> Path:
    try:
        import countryinfo
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("country outlines are missing: pip install countryinfo") from exc
    return Path(countryinfo.__file__).parent / "data"


def _round(coords, ndigits: int):
    if isinstance(coords[0], (int, float)):
        return [round(float(c), ndigits) for c in coords]
    return [_round(c, ndigits) for c in coords]


def _label_point(geom):
    """A point inside the largest part of a (multi)polygon, where the country name goes."""
    parts = getattr(geom, "geoms", [geom])
    return max(parts, key=lambda g: g.area).representative_point()


def build_borders(dest: Path | None = None, *, tolerance: float = 0.02, ndigits: int = 3,
                  force: bool = False) -> Path:
    """Build one simplified FeatureCollection of country outlines (name, iso2, bbox per feature)."""
    from shapely.geometry import mapping, shape

    dest = dest or borders_path()
    if dest.exists() and not force:
        return dest
    features = []
    for f in sorted(_countryinfo_dir().glob("*.json")):
        info = json.loads(f.read_text(encoding="utf-8"))
        gj, iso = info.get("geoJSON") or {}, (info.get("ISO") or {}).get("alpha2")
        for feat in gj.get("features", []):
            if not feat.get("geometry"):
                continue
            geom = shape(feat["geometry"]).simplify(tolerance, preserve_topology=True)
            if geom.is_empty:
                continue
            features.append({
                "type": "Feature",
                "properties": {"name": info.get("name") or feat.get("properties", {}).get("name"), "iso2": iso,
                               "label": _round(list(_label_point(geom).coords)[0], ndigits)},
                "bbox": [round(v, ndigits) for v in geom.bounds],
                "geometry": {"type": geom.geom_type, "coordinates": _round(mapping(geom)["coordinates"], ndigits)},
            })
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False,
                  separators=(",", ":"))
    os.chmod(tmp, 0o644)
    os.replace(tmp, dest)
    return dest


def load_borders(path: Path | None = None) -> dict:
    """The borders FeatureCollection, built first if needed."""
    return json.loads(build_borders(path).read_text(encoding="utf-8"))


def ensure_assets() -> None:
    """Everything the offline map needs: vendored Leaflet and the borders layer."""
    ensure_vendor()
    build_borders()


if __name__ == "__main__":
    ensure_assets()
    print(f"vendored Leaflet in {VENDOR_DIR}; borders in {borders_path()}")
