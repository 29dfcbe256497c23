"""Own the D-A-CH map: projecting coordinates to SVG and drawing country outlines and partner markers.

The outlines are Natural Earth country borders (public domain) reduced to the three
countries (data/geo/dach-outlines.json, made by tools/make_outlines.py).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

MAP_WIDTH = 600.0
"""Width of the map's viewBox."""
MARGIN = 10.0
"""Empty border inside the viewBox."""


@dataclass(frozen=True)
class Outlines:
    """Country outlines as rings of (longitude, latitude)."""

    countries: dict
    """Country code → tuple of rings, each a tuple of (lon, lat)."""
    source: str
    """Where the geometry comes from."""


@dataclass(frozen=True)
class Projection:
    """An equirectangular projection with its x axis scaled by cos(middle latitude), fitted to a box."""

    west: float
    """Smallest longitude of the fitted area."""
    north: float
    """Largest latitude of the fitted area."""
    scale: float
    """SVG units per degree of latitude."""
    squeeze: float
    """cos(middle latitude): how much a degree of longitude is shorter."""
    width: float
    """viewBox width."""
    height: float
    """viewBox height."""

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """Return the SVG (x, y) of a point."""
        return (MARGIN + (lon - self.west) * self.squeeze * self.scale,
                MARGIN + (self.north - lat) * self.scale)


def parse_outlines(text: str) -> Outlines:
    """Parse the outline JSON."""
    data = json.loads(text)
    countries = {code: tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in rings)
                 for code, rings in sorted(data["countries"].items())}
    return Outlines(countries, data["source"])


def load_outlines(path: Path) -> Outlines:
    """Read the outline file."""
    return parse_outlines(path.read_text(encoding="utf-8"))


def fit_projection(outlines: Outlines, width: float = MAP_WIDTH) -> Projection:
    """Return the projection that fits all outlines into a viewBox `width` wide."""
    points = [point for rings in outlines.countries.values() for ring in rings for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = (width - 2 * MARGIN) / ((east - west) * squeeze)
    height = (north - south) * scale + 2 * MARGIN
    return Projection(west, north, scale, squeeze, width, round(height, 1))


def contains(outlines: Outlines, country: str, lat: float, lon: float) -> bool:
    """Return whether a point lies inside a country's outline (even-odd rule over its rings)."""
    inside = False
    for ring in outlines.countries.get(country, ()):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def outline_paths(outlines: Outlines, projection: Projection) -> dict[str, str]:
    """Return country code → SVG path data."""
    paths = {}
    for code, rings in outlines.countries.items():
        parts = []
        for ring in rings:
            points = [projection.project(lat, lon) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        paths[code] = "".join(parts)
    return paths


def map_svg_document(outlines: Outlines, projection: Projection, title: str) -> str:
    """Return the standalone SVG file of the outlines, reused by every map on the site."""
    shapes = "".join(f'<path id="{code}" d="{d}"/>' for code, d in outline_paths(outlines, projection).items())
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {projection.width:g} {projection.height:g}" '
            f'width="{projection.width:g}" height="{projection.height:g}"><title>{title}</title>'
            '<g fill="#dfe8f1" stroke="#0b4f8a" stroke-width="1.2" stroke-linejoin="round">'
            f"{shapes}</g></svg>\n")


@dataclass(frozen=True)
class Marker:
    """A partner's seat on the map."""

    id: str
    """Partner id."""
    label: str
    """Accessible name."""
    x: float
    """SVG x."""
    y: float
    """SVG y."""
    href: str
    """Link target."""


def markers(points: list[tuple[str, str, float, float, str]], projection: Projection) -> list[Marker]:
    """Return markers for (id, label, lat, lon, href) points, rounded for stable output."""
    result = []
    for identifier, label, lat, lon, href in points:
        x, y = projection.project(lat, lon)
        result.append(Marker(identifier, label, round(x, 1), round(y, 1), href))
    return result
