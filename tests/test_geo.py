"""The map's projection and outlines: known cities land where they should, every partner inside its country."""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import EXAMPLE, ROOT
from sitegen.geo import (CLEARANCE, EM_PER_LETTER, MARGIN, contains, country_labels, fit_projection, load_outlines,
                        map_svg_document, markers, outline_paths)

OUTLINES = load_outlines(ROOT / "data/geo/dach-outlines.json")
PROJECTION = fit_projection(OUTLINES)

SEATS = {
    "Greifswald": (54.0865, 13.3923, "DE"), "Stuttgart": (48.7758, 9.1829, "DE"), "Bonn": (50.7374, 7.0982, "DE"),
    "Magdeburg": (52.1205, 11.6276, "DE"), "Nürnberg": (49.4521, 11.0767, "DE"), "Zug": (47.1662, 8.5155, "CH"),
    "Graz": (47.0707, 15.4395, "AT"), "Wien": (48.2082, 16.3738, "AT"), "Hamburg": (53.5511, 9.9937, "DE"),
    "Innsbruck": (47.2692, 11.4041, "AT"), "Tuttlingen": (47.9844, 8.8169, "DE"), "Erlangen": (49.5897, 11.0078, "DE"),
    "Linz": (48.3069, 14.2858, "AT"), "Jena": (50.9272, 11.5892, "DE"), "Saarbrücken": (49.2402, 6.9969, "DE"),
}


def expected_position(lat: float, lon: float) -> tuple[float, float]:
    """Compute a position independently from the bounding box of the outline data."""
    points = [p for rings in OUTLINES.countries.values() for ring in rings for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    k = math.cos(math.radians((north + south) / 2))
    scale = (600 - 2 * MARGIN) / ((east - west) * k)
    return MARGIN + (lon - west) * k * scale, MARGIN + (north - lat) * scale


@pytest.mark.parametrize("city", ["Berlin", "Wien"])
def test_known_cities_land_at_the_expected_position(city):
    lat, lon = {"Berlin": (52.52, 13.405), "Wien": (48.2082, 16.3738)}[city]
    x, y = PROJECTION.project(lat, lon)
    ex, ey = expected_position(lat, lon)
    assert abs(x - ex) < 0.5 and abs(y - ey) < 0.5
    assert 0 < x < PROJECTION.width and 0 < y < PROJECTION.height


def test_map_orientation():
    zurich, vienna = PROJECTION.project(47.3769, 8.5417), PROJECTION.project(48.2082, 16.3738)
    berlin, kiel, munich = PROJECTION.project(52.52, 13.405), PROJECTION.project(54.3233, 10.1228), PROJECTION.project(48.1351, 11.582)
    assert zurich[0] < vienna[0] and zurich[1] > berlin[1] and kiel[1] < munich[1]
    assert PROJECTION.width == 600 and 500 < PROJECTION.height < 800


@pytest.mark.parametrize("city", sorted(SEATS))
def test_every_seat_lies_in_its_own_country_only(city):
    lat, lon, country = SEATS[city]
    assert [code for code in ("DE", "AT", "CH") if contains(OUTLINES, code, lat, lon)] == [country]


def test_example_partners_lie_inside_their_country():
    partners = yaml.safe_load((EXAMPLE / "data/partners.yaml").read_text())
    assert len(partners) == 16
    for partner in partners:
        lat, lon = partner["coordinates"]
        assert contains(OUTLINES, partner["country"], lat, lon), partner["id"]


def test_svg_document_parses_and_has_three_countries():
    document = map_svg_document(OUTLINES, PROJECTION, "Karte")
    root = ET.fromstring(document)
    ids = [element.get("id") for element in root.iter("{http://www.w3.org/2000/svg}path")]
    assert ids == ["AT", "CH", "DE"]
    assert outline_paths(OUTLINES, PROJECTION) == outline_paths(load_outlines(ROOT / "data/geo/dach-outlines.json"),
                                                                fit_projection(OUTLINES))


def test_markers_round_their_positions():
    marker = markers([("x", "X", 48.2082, 16.3738, "/x/")], PROJECTION)[0]
    assert (marker.x, marker.y) == tuple(round(v, 1) for v in PROJECTION.project(48.2082, 16.3738))


def test_markers_of_one_city_or_of_neighbouring_ones_are_set_apart_around_their_middle():
    """Two partners in Vienna were drawn on one spot (only one could be pointed at), Erlangen and Nürnberg 2 units
    apart; every marker stays whole and apart (16 units, a marker's radius being 7), the others where they were."""
    wien, erlangen, nuernberg, graz = SEATS["Wien"], SEATS["Erlangen"], SEATS["Nürnberg"], SEATS["Graz"]
    points = [("lisavienna", "L", *wien[:2], "l"), ("life-science-austria", "A", *wien[:2], "a"),
              ("medical-valley", "M", *erlangen[:2], "m"), ("forum", "F", *nuernberg[:2], "f"),
              ("graz", "G", *graz[:2], "g")]
    placed = {marker.id: (marker.x, marker.y) for marker in markers(points, PROJECTION)}
    assert all(math.dist(placed[a], placed[b]) >= 16 - 0.2 for a in placed for b in placed if a < b)
    x, y = PROJECTION.project(*wien[:2])
    # The first by id at the top, the other below it, both 8 units from the city.
    assert placed["life-science-austria"] == (round(x, 1), round(y - 8, 1))
    assert placed["lisavienna"] == (round(x, 1), round(y + 8, 1))
    middle = [(a + b) / 2 for a, b in zip(PROJECTION.project(*erlangen[:2]), PROJECTION.project(*nuernberg[:2]))]
    assert math.dist(placed["forum"], middle) == pytest.approx(8, abs=0.2)
    assert placed["graz"] == tuple(round(v, 1) for v in PROJECTION.project(*graz[:2]))


def to_lat_lon(x: float, y: float) -> tuple[float, float]:
    """Return the (lat, lon) of an SVG point, computed back independently of geo.py's projection code."""
    return (PROJECTION.north - (y - MARGIN) / PROJECTION.scale,
            PROJECTION.west + (x - MARGIN) / (PROJECTION.squeeze * PROJECTION.scale))


@pytest.mark.parametrize("names", [{"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz"},
                                   {"DE": "Germany", "AT": "Austria", "CH": "Switzerland"}])
def test_each_country_s_name_lies_inside_it_and_clear_of_every_marker(names):
    """The name's box (its letters reckoned generously wide) lies inside the country at its top, middle and foot, and
    leaves every marker's centre CLEARANCE units away, so that no marker is covered."""
    seats = markers([(city, city, lat, lon, city) for city, (lat, lon, _) in sorted(SEATS.items())], PROJECTION)
    labels = country_labels(OUTLINES, PROJECTION, names, seats)
    assert [(label.country, label.name) for label in labels] == list(names.items())
    for label in labels:
        half = len(label.name) * EM_PER_LETTER * label.size / 2
        assert label.size >= 16
        for x in (label.x - half, label.x, label.x + half):
            for y in (label.y - label.size / 2, label.y, label.y + label.size / 2):
                assert contains(OUTLINES, label.country, *to_lat_lon(x, y)), (label, x, y)
        for seat in seats:
            apart = math.hypot(max(abs(seat.x - label.x) - half, 0), max(abs(seat.y - label.y) - label.size / 2, 0))
            assert apart >= CLEARANCE, (label.name, seat.id)


def test_a_name_that_fits_nowhere_clear_is_set_small_at_its_country_s_middle():
    """Switzerland has no room for forty letters: the name is still shown, at the smallest size, in the middle."""
    label = country_labels(OUTLINES, PROJECTION, {"CH": "X" * 40}, [])[0]
    xs = [PROJECTION.project(lat, lon)[0] for ring in OUTLINES.countries["CH"] for lon, lat in ring]
    ys = [PROJECTION.project(lat, lon)[1] for ring in OUTLINES.countries["CH"] for lon, lat in ring]
    middle = (round((min(xs) + max(xs)) / 2, 1), round((min(ys) + max(ys)) / 2, 1))
    assert (label.x, label.y, label.size) == (*middle, 16.0)


def test_a_name_moves_aside_for_a_marker_where_it_would_stand():
    """A marker at the place the name takes without markers pushes it elsewhere, still inside and clear."""
    alone = country_labels(OUTLINES, PROJECTION, {"CH": "Schweiz"}, [])[0]
    lat, lon = to_lat_lon(alone.x, alone.y)
    crowded = markers([("x", "X", lat, lon, "x")], PROJECTION)
    moved = country_labels(OUTLINES, PROJECTION, {"CH": "Schweiz"}, crowded)[0]
    half = len("Schweiz") * EM_PER_LETTER * moved.size / 2
    assert (moved.x, moved.y) != (alone.x, alone.y)
    seat = crowded[0]
    assert math.hypot(max(abs(seat.x - moved.x) - half, 0), max(abs(seat.y - moved.y) - moved.size / 2, 0)) >= CLEARANCE
