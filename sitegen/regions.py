"""Own the ISO 3166-2 reference list of regions in Germany, Austria and Switzerland, with names in German and English."""
from __future__ import annotations

COUNTRIES = {
    "DE": {"de": "Deutschland", "en": "Germany"},
    "AT": {"de": "Österreich", "en": "Austria"},
    "CH": {"de": "Schweiz", "en": "Switzerland"},
}
"""Country code → name per language, in D-A-CH order."""

IN_COUNTRY = {
    "DE": {"de": "in Deutschland", "en": "in Germany"},
    "AT": {"de": "in Österreich", "en": "in Austria"},
    "CH": {"de": "in der Schweiz", "en": "in Switzerland"},
}
"""'In <country>' per language (German needs the article for Switzerland)."""

REGIONS = {
    # Germany: the 16 Länder
    "DE-BW": {"de": "Baden-Württemberg", "en": "Baden-Württemberg"},
    "DE-BY": {"de": "Bayern", "en": "Bavaria"},
    "DE-BE": {"de": "Berlin", "en": "Berlin"},
    "DE-BB": {"de": "Brandenburg", "en": "Brandenburg"},
    "DE-HB": {"de": "Bremen", "en": "Bremen"},
    "DE-HH": {"de": "Hamburg", "en": "Hamburg"},
    "DE-HE": {"de": "Hessen", "en": "Hesse"},
    "DE-MV": {"de": "Mecklenburg-Vorpommern", "en": "Mecklenburg-Western Pomerania"},
    "DE-NI": {"de": "Niedersachsen", "en": "Lower Saxony"},
    "DE-NW": {"de": "Nordrhein-Westfalen", "en": "North Rhine-Westphalia"},
    "DE-RP": {"de": "Rheinland-Pfalz", "en": "Rhineland-Palatinate"},
    "DE-SL": {"de": "Saarland", "en": "Saarland"},
    "DE-SN": {"de": "Sachsen", "en": "Saxony"},
    "DE-ST": {"de": "Sachsen-Anhalt", "en": "Saxony-Anhalt"},
    "DE-SH": {"de": "Schleswig-Holstein", "en": "Schleswig-Holstein"},
    "DE-TH": {"de": "Thüringen", "en": "Thuringia"},
    # Austria: the 9 Bundesländer
    "AT-1": {"de": "Burgenland", "en": "Burgenland"},
    "AT-2": {"de": "Kärnten", "en": "Carinthia"},
    "AT-3": {"de": "Niederösterreich", "en": "Lower Austria"},
    "AT-4": {"de": "Oberösterreich", "en": "Upper Austria"},
    "AT-5": {"de": "Salzburg", "en": "Salzburg"},
    "AT-6": {"de": "Steiermark", "en": "Styria"},
    "AT-7": {"de": "Tirol", "en": "Tyrol"},
    "AT-8": {"de": "Vorarlberg", "en": "Vorarlberg"},
    "AT-9": {"de": "Wien", "en": "Vienna"},
    # Switzerland: the 26 cantons
    "CH-AG": {"de": "Aargau", "en": "Aargau"},
    "CH-AI": {"de": "Appenzell Innerrhoden", "en": "Appenzell Innerrhoden"},
    "CH-AR": {"de": "Appenzell Ausserrhoden", "en": "Appenzell Ausserrhoden"},
    "CH-BE": {"de": "Bern", "en": "Bern"},
    "CH-BL": {"de": "Basel-Landschaft", "en": "Basel-Landschaft"},
    "CH-BS": {"de": "Basel-Stadt", "en": "Basel-Stadt"},
    "CH-FR": {"de": "Freiburg", "en": "Fribourg"},
    "CH-GE": {"de": "Genf", "en": "Geneva"},
    "CH-GL": {"de": "Glarus", "en": "Glarus"},
    "CH-GR": {"de": "Graubünden", "en": "Grisons"},
    "CH-JU": {"de": "Jura", "en": "Jura"},
    "CH-LU": {"de": "Luzern", "en": "Lucerne"},
    "CH-NE": {"de": "Neuenburg", "en": "Neuchâtel"},
    "CH-NW": {"de": "Nidwalden", "en": "Nidwalden"},
    "CH-OW": {"de": "Obwalden", "en": "Obwalden"},
    "CH-SG": {"de": "St. Gallen", "en": "St. Gallen"},
    "CH-SH": {"de": "Schaffhausen", "en": "Schaffhausen"},
    "CH-SO": {"de": "Solothurn", "en": "Solothurn"},
    "CH-SZ": {"de": "Schwyz", "en": "Schwyz"},
    "CH-TG": {"de": "Thurgau", "en": "Thurgau"},
    "CH-TI": {"de": "Tessin", "en": "Ticino"},
    "CH-UR": {"de": "Uri", "en": "Uri"},
    "CH-VD": {"de": "Waadt", "en": "Vaud"},
    "CH-VS": {"de": "Wallis", "en": "Valais"},
    "CH-ZG": {"de": "Zug", "en": "Zug"},
    "CH-ZH": {"de": "Zürich", "en": "Zurich"},
}
"""ISO 3166-2 subdivision code → name per language."""


def country_of(code: str) -> str:
    """Return the country code of a region code ('DE-BY' → 'DE')."""
    return code.split("-")[0]
