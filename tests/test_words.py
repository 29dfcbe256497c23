"""JSON-LD is built in one place (sitegen/jsonld.py); every interface word comes from the catalogs (sitegen/words.py)."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import EXAMPLE, EXAMPLE_TODAY, ROOT

from sitegen import jsonld

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured(page: Path) -> list[dict]:
    """Return the JSON-LD objects of a built page."""
    return [json.loads(text) for text in SCRIPT.findall(page.read_text(encoding="utf-8"))]


def only_one(page: Path) -> dict:
    found = structured(page)
    assert len(found) == 1, f"{page}: {len(found)} JSON-LD scripts"
    return found[0]


# (a) Every page of a kind carries its object, made from its record.

def test_a_partner_page_carries_its_organization(example_built, example_site):
    base = example_site.config.base_url
    for partner in example_site.partners:
        for lang in ("de", "en"):
            data = only_one(example_built / lang / "partners" / partner.id / "index.html")
            assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
            assert (data["name"], data["alternateName"]) == (partner.name, partner.short_name)
            assert data["url"] == partner.website or data["url"] == f"{base}{lang}/partners/{partner.id}/"
            assert data["email"] == partner.contact.email
            assert data["description"] == (partner.description.get(lang) or next(iter(partner.description.values())))
            assert data["address"] == {"@type": "PostalAddress", "addressCountry": partner.country,
                                       "addressLocality": partner.city[lang]}
            assert data["memberOf"] == {"@type": "Organization", "name": example_site.config.name[lang],
                                        "url": f"{base}{lang}/"}


def test_an_event_page_carries_its_event_with_where_and_how(example_built, example_site):
    base = example_site.config.base_url
    modes = set()
    for event in example_site.events:
        data = only_one(example_built / "en" / "events" / event.id / "index.html")
        assert (data["@type"], data["name"], data["url"]) == ("Event", event.title["en"], f"{base}en/events/{event.id}/")
        assert data["startDate"][:10] == event.start.isoformat()[:10]
        assert ("endDate" in data) == bool(event.end)
        assert data["eventStatus"] == "https://schema.org/" + jsonld.STATUS[event.status]
        places = data["location"] if isinstance(data["location"], list) else [data["location"]]
        assert [place["@type"] for place in places] == ["Place"] * bool(event.place) + ["VirtualLocation"] * bool(
            event.online_url)
        if event.place:
            assert places[0]["address"]["addressLocality"] == event.place.city["en"]
        mode = {2: "Mixed", 1: "Online" if event.online_url else "Offline"}[len(places)]
        assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
        modes.add(mode)
    assert modes == {"Online", "Offline"}, "the example site shows an event in a place and one online"


def test_an_event_both_in_a_place_and_online_is_mixed():
    place = SimpleNamespace(name="Hall 3", country="DE", city={"de": "Köln", "en": "Cologne"})
    item = SimpleNamespace(title={"en": "Fair"}, description={"en": "A fair."}, start=dt.date(2027, 3, 1), end=None,
                           timezone="Europe/Berlin", status="postponed", place=place, online_url="https://example.org/l")
    data = jsonld.event(item, "en", "https://example.org/en/events/fair/", lambda texts: texts["en"])
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventPostponed" and "endDate" not in data
    assert data["location"] == [
        {"@type": "Place", "name": "Hall 3", "address": {"@type": "PostalAddress", "addressLocality": "Cologne",
                                                         "addressCountry": "DE"}},
        {"@type": "VirtualLocation", "url": "https://example.org/l"}]


def test_a_release_page_carries_its_news_article(example_built, example_site):
    base = example_site.config.base_url
    pictured = 0
    for release in example_site.releases:
        page = example_built / release.lang / "press" / release.key / "index.html"
        if not page.exists():  # a draft or an embargoed release
            continue
        data = only_one(page)
        assert (data["@type"], data["headline"], data["description"]) == ("NewsArticle", release.title,
                                                                          release.summary)
        assert (data["datePublished"], data["inLanguage"]) == (release.date.isoformat(), release.lang)
        assert data["url"] == f"{base}{release.lang}/press/{release.key}/"
        assert data["publisher"] == {"@type": "Organization", "name": example_site.config.name[release.lang],
                                     "url": f"{base}{release.lang}/"}
        og_image = re.search(r'<meta property="og:image" content="([^"]+)"', page.read_text(encoding="utf-8"))[1]
        assert data["image"] == og_image.replace("&amp;", "&")  # the same picture as the page's preview
        pictured += not data["image"].endswith("/static/img/social.png")
    assert pictured, "the example site has a release with its own picture"


def test_no_other_page_carries_json_ld(example_built):
    carrying = {page.relative_to(example_built).parts[1] for page in example_built.glob("*/*/**/index.html")
                if structured(page)}
    assert carrying == {"partners", "events", "press"}


def test_json_ld_cannot_close_its_script():
    text = jsonld.script_text({"name": "</script><b>&amp;", "ü": "ß"})
    assert "<" not in text and ">" not in text and "&" not in text and "ü" in text
    assert json.loads(text) == {"name": "</script><b>&amp;", "ü": "ß"}


# (b) No template builds JSON-LD by hand.

def test_json_ld_enters_a_page_only_through_base_html():
    users = {}
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for sign in ("ld+json", "schema.org", "@context", "json_ld"):
            if sign in text:
                users.setdefault(template.relative_to(ROOT).as_posix(), []).append(sign)
    assert users == {"templates/base.html": ["ld+json"]}, (
        "JSON-LD is built in sitegen/jsonld.py and written by base.html alone: move it out of " + ", ".join(users))
    base = (ROOT / "templates/base.html").read_text(encoding="utf-8")
    assert re.findall(r"<script type=\"application/ld\+json\">.*?</script>", base) == [
        '<script type="application/ld+json">{{ structured }}</script>']


# (c) The words Python code shows come from the catalogs.

def python_words() -> set[str]:
    """Return the msgids marked with N_ in sitegen/."""
    found = extract_from_dir(str(ROOT), [("sitegen/**.py", "python")], keywords={"N_": None})
    return {message for _file, _line, message, _comments, _context in found}


def catalog(lang: str, i18n: Path = ROOT / "i18n") -> dict:
    with (i18n / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {message.id: message.string for message in read_po(handle, locale=lang) if message.id}


def test_every_word_of_the_python_code_is_in_both_catalogs():
    words = python_words()
    assert {"Member", "Associated", "Offer", "Request", "Online", "Back to footnote %(number)s in the text"} <= words
    german, english = catalog("de"), catalog("en")
    assert [word for word in sorted(words) if not german.get(word)] == [], "run make i18n-update, then translate"
    assert [word for word in sorted(words) if not english.get(word)] == [], "run make i18n-update"
    assert german["Associated"] == "Assoziiert"
    assert german["Back to footnote %(number)s in the text"] == "Zurück zur Fußnote %(number)s im Text"


def test_a_changed_catalog_changes_the_words_python_code_shows(tmp_path):
    from sitegen.pipeline import Project, build
    i18n = tmp_path / "i18n"
    shutil.copytree(ROOT / "i18n", i18n)
    po = i18n / "de" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    for msgid, changed in {"Member": "Vollmitglied", "Offer": "Biete", "Online": "Im Netz",
                           "Back to footnote %(number)s in the text": "Hoch zu Nummer %(number)s"}.items():
        text, count = re.subn(f'(msgid "{re.escape(msgid)}"\nmsgstr )"[^"]*"', rf'\1"{changed}"', text)
        assert count == 1, msgid
    po.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(EXAMPLE, out, EXAMPLE_TODAY, search=False, cache=False, project=Project(i18n=i18n, cache=tmp_path / "cache"))
    def title(page: str) -> str:
        return re.search(r"<title>([^<]*)", (out / page).read_text(encoding="utf-8"))[1]

    assert title("de/partners/kind/member/index.html").startswith("Partner: Vollmitglied –")
    assert title("de/events/country/online/index.html").startswith("Veranstaltungen: Im Netz –")
    assert title("en/partners/kind/member/index.html").startswith("Partners: Member –")
    assert ">Biete (" in (out / "de/marketplace/index.html").read_text(encoding="utf-8")
    footnoted = [page.read_text(encoding="utf-8") for page in (out / "de/press").glob("*/index.html")]
    titles = [title for page in footnoted for title in re.findall(r'class="footnote-backref"[^>]*title="([^"]*)"', page)]
    assert titles and set(titles) == {f"Hoch zu Nummer {n}" for n in range(1, len(set(titles)) + 1)}


# (d) No display words in Python dicts keyed by language.

LANGUAGE_KEYED = re.compile(r"""\{\s*["']de["']\s*:\s*["'][^"'_]*["']\s*,\s*["']en["']\s*:""")
"""A dict of texts per language, {"de": "…", "en": …} (not one of locale codes, "de_DE")."""
NOT_INTERFACE_WORDS = {
    "sitegen/regions.py": "countries and regions by ISO code named in both languages (the checks read both names); "
                          "still to move into the catalogs",
    "sitegen/translations.py": "the editors' messages (in English) naming a language",
    "sitegen/admin_config.py": "the browser editor's labels: its interface is German whatever the site's languages",
}
"""Files whose dicts keyed by language are no visitor's interface words, and why."""


def test_no_dict_of_words_per_language_in_the_generator():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "sitegen").rglob("*.py"))
             if path.relative_to(ROOT).as_posix() not in NOT_INTERFACE_WORDS
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if LANGUAGE_KEYED.search(line)]
    assert found == [], ("interface words belong in the catalogs: write N_(\"English text\") (sitegen/words.py), "
                         "translate it in i18n/de (make i18n-update); found:\n" + "\n".join(found))


@pytest.mark.parametrize("line", ['kinds = {"member": {"de": "Mitglied", "en": "Member"}}',
                                  "x = {'de': 'Online', 'en': 'Online'}"])
def test_the_grep_finds_a_dict_of_words_per_language(line):
    assert LANGUAGE_KEYED.search(line)
