"""The map's projection and outlines: known cities land where they should, every partner inside its country."""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import EXAMPLE, ROOT
from sitegen.geo import MARGIN, contains, fit_projection, load_outlines, map_svg_document, markers, outline_paths

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
