"""Reduce Natural Earth country outlines (npm world-atlas 2.0.2, TopoJSON) to Germany, Austria and Switzerland.

    cd /tmp && npm install world-atlas@2.0.2
    python tools/make_outlines.py /tmp/node_modules/world-atlas/countries-50m.json data/geo/dach-outlines.json

Decodes the delta-encoded, quantised arcs, keeps the three countries' rings (dropping islands
smaller than MIN_RING_POINTS), simplifies them (Douglas–Peucker) and rounds to 3 decimals.
Natural Earth data is in the public domain.
"""
from __future__ import annotations

import json
import sys

IDS = {"276": "DE", "040": "AT", "756": "CH"}
TOLERANCE = 0.01
"""Simplification tolerance in degrees (about 1 km)."""
MIN_RING_POINTS = 8


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return every arc as absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    """Join arcs (negative index = reversed) into one closed ring."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points, tolerance):
    """Douglas–Peucker simplification."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1e-12
    distances = [abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length for x, y in points[1:-1]]
    index, farthest = max(enumerate(distances, start=1), key=lambda item: item[1])
    if farthest <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def simplify_ring(points, tolerance):
    """Simplify a closed ring by splitting it at the point farthest from its start."""
    x0, y0 = points[0]
    split = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    return simplify(points[: split + 1], tolerance)[:-1] + simplify(points[split:], tolerance)


def main(source: str, target: str) -> None:
    """Write the reduced outlines."""
    topology = json.load(open(source))
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = IDS.get(geometry.get("id"))
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            outer = simplify_ring(ring(polygon[0], arcs), TOLERANCE)
            if len(outer) >= MIN_RING_POINTS:
                rings.append([[round(x, 3), round(y, 3)] for x, y in outer])
        countries[code] = rings
    data = {"source": "Natural Earth 1:50m admin-0 countries, via npm world-atlas 2.0.2 (countries-50m.json)",
            "licence": "public domain (Natural Earth)", "countries": countries}
    with open(target, "w") as handle:
        json.dump(data, handle, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
