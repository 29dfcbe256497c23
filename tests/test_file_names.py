"""Files beside a text are found as a visitor's browser finds them, or refused at their line; names and dates that
only look right (invisible characters, a mistyped year) are refused or warned of."""
from __future__ import annotations

import datetime as dt

import pytest

from support.minimal_site import EVENTS, PARTNERS, RELEASE_DE, picture
from sitegen.pipeline import build, check
from sitegen.problems import ProblemsFound

RELEASE = "content/press/2021-12-07-founded.de.md"
BODY_LINE = 9
TODAY = dt.date(2026, 11, 23)
URL = "/sub/press/files/2021-12-07-founded/"


def shown(body: str) -> str:
    """Return the release's text with `body` after its first paragraph."""
    return RELEASE_DE.replace("Ein **Text**.", "Ein **Text**.\n\n" + body)


def problems(source, warnings: bool = False) -> list[str]:
    """Return what `check` finds (errors, or warnings), as editors read them."""
    return [problem.format() for problem in check(source, today=TODAY)[1] if problem.warning == warnings]


@pytest.mark.parametrize("written", ["![Das Bild](Unser Bild.jpg)", "![Das Bild](<Unser Bild.jpg>)",
                                     '![Das Bild](Unser%20Bild.jpg "Titel")', "![Das Bild](./Unser Bild.jpg)"])
def test_a_picture_whose_name_has_a_space_is_published_with_its_copies_however_written(site, tmp_path, written):
    source = site({RELEASE: shown(written), "content/press/Unser Bild.jpg": picture(1200, 600)})
    assert problems(source) == []
    build(source, tmp_path / "out", TODAY, search=False, cache=False)
    files = tmp_path / "out/press/files/2021-12-07-founded"
    assert sorted(path.name for path in files.iterdir()) == ["Unser Bild-480w.jpg", "Unser Bild-960w.jpg",
                                                             "Unser Bild.jpg"]
    page = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert (f'src="{URL}Unser%20Bild-960w.jpg" srcset="{URL}Unser%20Bild-480w.jpg 480w, {URL}Unser%20Bild-960w.jpg '
            f'960w, {URL}Unser%20Bild.jpg 1200w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="1200" '
            f'height="600" loading="lazy"') in page


def test_a_press_kit_file_linked_with_spaces_or_an_umlaut_is_published_where_the_link_leads(site, tmp_path):
    source = site({RELEASE: shown("[Die Mappe](Presse Mappe.pdf), [die Übersicht](%C3%9Cbersicht.pdf)"),
                   "content/press/Presse Mappe.pdf": b"%PDF-1.4\n", "content/press/Übersicht.pdf": b"%PDF-1.4\n"})
    assert problems(source) == []
    build(source, tmp_path / "out", TODAY, search=False, cache=False)
    folder = tmp_path / "out/de/press/2021-12-07-founded"
    assert (folder / "Presse Mappe.pdf").is_file() and (folder / "Übersicht.pdf").is_file()


@pytest.mark.parametrize("written, file, hint", [
    ("Bild.JPG", "bild.jpg", "did you mean 'bild.jpg'? A file's name must be written exactly as the file's, letter "
                             "case too"),
    ("Übersicht.jpg", "U\u0308bersicht.jpg", "the file's name 'U\u0308bersicht.jpg' writes its accents as separate "
     "characters (as macOS saves names), the text as one: rename the file, typing its name anew"),
    ("%C3%9Cbersicht.JPG", "übersicht.jpg", "did you mean 'übersicht.jpg'? A file's name must be written exactly as "
                                            "the file's, letter case too")])
def test_a_name_differing_from_the_files_only_by_case_or_accents_is_refused_naming_the_file(site, tmp_path, written,
                                                                                             file, hint):
    source = site({RELEASE: shown(f"![Das Bild]({written})"), f"content/press/{file}": picture()})
    name = written.replace("%C3%9C", "Ü")
    expected = [f"{RELEASE}:{BODY_LINE + 2}: error: image: file '{name}' not found beside 2021-12-07-founded.de.md "
                f"({hint})"]
    assert problems(source) == expected
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False, cache=False)
    assert [problem.format() for problem in found.value.problems if not problem.warning] == expected


def test_a_logo_named_otherwise_than_its_file_is_refused_naming_the_file(site):
    logo = "  logo: {file: Alpha-Logo.PNG, alt: {de: Alpha, en: Alpha}}\n"
    source = site({"data/partners.yaml": PARTNERS.replace(
        "  focus_areas: [imaging]\n", "  focus_areas: [imaging]\n" + logo, 1),
        "content/logos/alpha-logo.png": picture(300, 100, "PNG")})
    assert problems(source) == ["data/partners.yaml:11: error: logo.file: logo 'Alpha-Logo.PNG' not found (did you "
                                "mean 'alpha-logo.png'? A file's name must be written exactly as the file's, letter "
                                "case too)"]


def test_invisible_characters_are_refused_in_names_and_ids_and_warned_of_in_titles(site):
    title = "Allianz gegr\u202eündet"
    source = site({RELEASE: RELEASE_DE.replace("title: Allianz gegründet", f"title: {title}").replace(
        "tags: [alliance]", "tags: [alliance]\nimage: {file: \"foto\u200b.jpg\", alt: {de: Foto, en: Photo}}"),
        "content/press/foto\u200b.jpg": picture(),
        "data/events.yaml": EVENTS.replace("- id: fair-2027", "- id: fair\u200b-2027")})
    assert problems(source) == [
        f"{RELEASE}:8: error: image.file: the file name 'foto\u200b.jpg' holds an invisible or direction-changing "
        "character (U+200B ZERO WIDTH SPACE) (rename the file without it, and name it so here)",
        "data/events.yaml:1: error: id: 'fair\u200b-2027' is not URL-safe (lower-case letters, digits and hyphens, "
        "e.g. medical-valley-emn)"]
    assert f"{RELEASE}:2: warning: title: holds an invisible or direction-changing character (U+202E RIGHT-TO-LEFT " \
           "OVERRIDE) (the text typed again without it)" in problems(source, warnings=True)


def test_a_file_name_an_address_would_cut_short_is_refused(site):
    source = site({RELEASE: RELEASE_DE.replace("tags: [alliance]", "tags: [alliance]\nattachments:\n"
                                               "  - {file: \"kit#2.pdf\", title: {de: Mappe, en: Kit}}"),
                   "content/press/kit#2.pdf": b"%PDF-1.4\n"})
    assert problems(source) == [f"{RELEASE}:9: error: attachments[1].file: the file name 'kit#2.pdf' holds '#', "
                                "which a web address cannot carry as it is (rename the file without # ? %, and name it "
                                "so here)"]


def test_an_event_of_more_than_a_year_or_years_ahead_and_a_release_years_ahead_are_warned_of(site):
    events = EVENTS.replace("start: 2027-11-15\n  end: 2027-11-18", "start: 2027-11-15\n  end: 2028-11-18") + \
        EVENTS.replace("fair-2027", "fair-2031").replace("2027-11-1", "2031-11-1")
    release = RELEASE_DE.replace("date: 2021-12-07", "date: 2030-12-07")
    source = site({"data/events.yaml": events, "content/press/2030-12-07-founded.de.md": release,
                   "content/press/2030-12-07-founded.en.md": "---\ntitle: Later\nsummary: Later.\n---\nText.\n"})
    warned = problems(source, warnings=True)
    assert "data/events.yaml:4: warning: end: the event lasts 370 days (2027-11-15 to 2028-11-18) (check the year of " \
           "its start and end)" in warned
    assert "data/events.yaml:13: warning: start: 2031-11-15 is more than 3 years after today (2026-11-23) (check " \
           "the year)" in warned
    assert "content/press/2030-12-07-founded.de.md:4: warning: date: 2030-12-07 is more than 3 years after today " \
           "(2026-11-23) (check the year)" in warned
    assert not any("2027-11-15 is more" in line or "fair-2027" in line for line in warned)
