"""Own the D-A-CH map: projecting coordinates to SVG, drawing country outlines, partner markers and country names.

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
LAND = "#ffffff"
"""Fill of the countries: white land on the tinted panel each map sits on (static/css/site.css, .dach-map, which
also colours the markers and names drawn over it)."""
BORDER = "#8fb0d3"
"""Stroke of the countries' borders and coasts."""


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
            f'<g fill="{LAND}" stroke="{BORDER}" stroke-width="1.5" stroke-linejoin="round">'
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


APART = 16.0
"""The least distance between two markers' centres (SVG units): a marker's radius is 7, so each stays whole and
can be pointed at. Partners in one city (two in Vienna) or in neighbouring ones would otherwise hide each other."""


def markers(points: list[tuple[str, str, float, float, str]], projection: Projection) -> list[Marker]:
    """Return markers for (id, label, lat, lon, href) points, rounded for stable output; markers closer than APART
    are set around their middle, APART from their neighbours there (in the order of their ids)."""
    places = [projection.project(lat, lon) for _, _, lat, lon, _ in points]
    return [Marker(identifier, label, round(x, 1), round(y, 1), href)
            for (identifier, label, _, _, href), (x, y) in zip(points, _spread(places, [p[0] for p in points]))]


def _spread(places: list[tuple[float, float]], ids: list[str]) -> list[tuple[float, float]]:
    """Return the places with each group of places closer than APART to one another (through any of them) set on a
    circle around the group's middle, the first (by id) at the top, going clockwise."""
    group = list(range(len(places)))

    def root(index: int) -> int:
        while group[index] != index:
            index = group[index]
        return index

    for one in range(len(places)):
        for other in range(one + 1, len(places)):
            if math.dist(places[one], places[other]) < APART:
                group[root(other)] = root(one)
    spread = list(places)
    members: dict[int, list[int]] = {}
    for index in range(len(places)):
        members.setdefault(root(index), []).append(index)
    for indexes in members.values():
        if len(indexes) < 2:
            continue
        middle_x = sum(places[i][0] for i in indexes) / len(indexes)
        middle_y = sum(places[i][1] for i in indexes) / len(indexes)
        radius = APART / 2 / math.sin(math.pi / len(indexes))
        for turn, index in enumerate(sorted(indexes, key=lambda i: ids[i])):
            angle = 2 * math.pi * turn / len(indexes)
            spread[index] = (middle_x + radius * math.sin(angle), middle_y - radius * math.cos(angle))
    return spread


LABEL_SIZES = (24.0, 20.0, 16.0)
"""Font sizes (SVG units) tried for a country's name, largest first: the largest that fits inside the country."""
EM_PER_LETTER = 0.8
"""Width of an upper-case letter with the map's letter spacing (static/css/site.css, .country-name), in ems;
generous, so that the name fits whatever font draws it."""
CLEARANCE = 14.0
"""Least distance (SVG units) between a name's box and a marker's centre: the marker (radius 7) stays uncovered."""
STEP = 5.0
"""Grid (SVG units) on which places for names are tried."""


@dataclass(frozen=True)
class Label:
    """A country's name on the map: the middle of its text."""

    country: str
    """Country code."""
    name: str
    """The name shown (in the page's language)."""
    x: float
    """SVG x of the middle of the text."""
    y: float
    """SVG y of the middle of the text."""
    size: float
    """Font size in SVG units."""


def country_labels(outlines: Outlines, projection: Projection, names: dict[str, str],
                   placed: list[Marker]) -> list[Label]:
    """Return each country's name (code → name, in that order) at the place inside its outline nearest the middle of
    where it fits, clear of the markers; in the largest size that fits so, else the smallest at the country's
    middle."""
    points = [(marker.x, marker.y) for marker in placed]
    labels = []
    for code, name in names.items():
        rings = [[projection.project(lat, lon) for lon, lat in ring] for ring in outlines.countries.get(code, ())]
        if not rings:
            continue
        spot = None
        for size in LABEL_SIZES:
            spot = _spot(rings, len(name) * EM_PER_LETTER * size, size, points)
            if spot:
                break
        if spot is None:
            xs, ys = [x for ring in rings for x, _ in ring], [y for ring in rings for _, y in ring]
            size, spot = LABEL_SIZES[-1], ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        labels.append(Label(code, name, round(spot[0], 1), round(spot[1], 1), size))
    return labels


def _spot(rings: list, width: float, height: float, points: list) -> tuple[float, float] | None:
    """Return the middle of a `width` × `height` box inside the rings and clear of the points, nearest the middle of
    all places where it fits inside; None when no such place is clear."""
    xs, ys = [x for ring in rings for x, _ in ring], [y for ring in rings for _, y in ring]
    edges = _edges(rings)
    fits = []
    y = min(ys) + height / 2
    while y <= max(ys) - height / 2:
        allowed = [(-math.inf, math.inf)]  # where the box's middle may lie on this row: inside at its top, middle, foot
        for row in (y - height / 2, y, y + height / 2):
            allowed = _overlap(allowed, [(start + width / 2, end - width / 2)
                                         for start, end in _spans(edges, row) if end - start >= width])
        for start, end in allowed:
            x = min(xs) + math.ceil((start - min(xs)) / STEP) * STEP
            while x <= end:
                fits.append((x, y))
                x += STEP
        y += STEP
    if not fits:
        return None
    middle = (sum(x for x, _ in fits) / len(fits), sum(y for _, y in fits) / len(fits))
    for spot in sorted(fits, key=lambda spot: (math.dist(spot, middle), spot[1], spot[0])):
        if all(_box_distance(spot, width, height, point) >= CLEARANCE for point in points):
            return spot
    return None


def _overlap(one: list, other: list) -> list[tuple[float, float]]:
    """Return the stretches that lie in both lists of stretches."""
    return [(max(a, c), min(b, d)) for a, b in one for c, d in other if max(a, c) <= min(b, d)]


def _spans(edges: list, y: float) -> list[tuple[float, float]]:
    """Return the stretches of the horizontal line at `y` inside the outline of `edges` (even-odd rule)."""
    crossings = sorted(x1 + (y - y1) * slope for y1, y2, x1, slope in edges if (y1 > y) != (y2 > y))
    return list(zip(crossings[::2], crossings[1::2]))


def _edges(rings: list) -> list[tuple[float, float, float, float]]:
    """Return the rings' edges that are not horizontal as (y1, y2, x1, dx/dy)."""
    return [(y1, y2, x1, (x2 - x1) / (y2 - y1))
            for ring in rings for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]) if y1 != y2]


def _box_distance(middle: tuple[float, float], width: float, height: float, point: tuple[float, float]) -> float:
    """Return the distance from a point to a box given by its middle and size (0 inside it)."""
    dx = max(abs(point[0] - middle[0]) - width / 2, 0.0)
    dy = max(abs(point[1] - middle[1]) - height / 2, 0.0)
    return math.hypot(dx, dy)
