"""Every class of editor mistake gives its exact `path:line: field: message (expected)` line."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from sitegen import steps
from sitegen.reuse.memory import Memory
from sitegen.versions import RACY_NS
from sitegen.pipeline import check
from support.minimal_site import EVENTS, PARTNERS, RELEASE_DE, SITE, VOCABULARIES, write_site


def problems_of(site, changes) -> list[str]:
    """Return the formatted errors (no warnings) for the minimal site with `changes`."""
    found, problems = check(site(changes))
    return [p.format() for p in problems if not p.warning]


CASES = {
    "yaml syntax": (
        {"data/partners.yaml": PARTNERS.replace("  city: Graz", "  city: [Graz")},
        ["data/partners.yaml:20: error: the list opened with '[' here is not closed (a ']' at its end, on the same line)"]),
    "unknown key": (
        {"data/partners.yaml": PARTNERS.replace("  country: AT", "  contry: AT")},
        ["data/partners.yaml:18: error: contry: unknown field (did you mean 'country'?)",
         "data/partners.yaml:15: error: country: missing required field (Country code: DE, AT or CH)"]),
    "duplicate key": (
        {"data/partners.yaml": PARTNERS.replace("  city: Graz", "  city: Graz\n  city: Wien")},
        ["data/partners.yaml:21: error: city: duplicate key (first given on line 20) (each key once per entry)"]),
    "missing required": (
        {"data/partners.yaml": PARTNERS.replace("  short_name: Beta\n", "")},
        ["data/partners.yaml:15: error: short_name: missing required field (Short name for lists and the map)"]),
    "wrong type": (
        {"data/partners.yaml": PARTNERS.replace("  board: true", "  board: [yes]")},
        ["data/partners.yaml:9: error: board: expected a single value, found a list (true or false)"]),
    "wrong scalar": (
        {"data/partners.yaml": PARTNERS.replace("  board: true", "  board: maybe")},
        ["data/partners.yaml:9: error: board: 'maybe' is not true or false (true or false)"]),
    "unknown country": (
        {"data/partners.yaml": PARTNERS.replace("  country: AT", "  country: FR")},
        ["data/partners.yaml:18: error: country: unknown country 'FR' (DE, AT or CH)"]),
    "unknown region": (
        {"data/partners.yaml": PARTNERS.replace("[DE-BY]", "[DE-XX]")},
        ["data/partners.yaml:5: error: regions[1]: unknown region 'DE-XX' (an ISO 3166-2 code such as DE-BY, AT-9 or CH-ZH)"]),
    "region of another country": (
        {"data/partners.yaml": PARTNERS.replace("[AT-6]", "[DE-BY]")},
        ["data/partners.yaml:19: error: regions[1]: region DE-BY is not in country AT (a code starting with AT-)"]),
    "impossible date": (
        {"data/events.yaml": EVENTS.replace("announced: 2026-01-10", "announced: 2021-02-30")},
        ["data/events.yaml:10: error: announced: 2021-02-30 is not a real date (a day that exists in the calendar)"]),
    "not a date": (
        {"data/events.yaml": EVENTS.replace("announced: 2026-01-10", "announced: 10.01.2026")},
        ["data/events.yaml:10: error: announced: '10.01.2026' is not a date (a date YYYY-MM-DD: did you mean '2026-01-10'?)"]),
    "end before start": (
        {"data/events.yaml": EVENTS.replace("end: 2027-11-18", "end: 2027-11-14")},
        ["data/events.yaml:4: error: end: end 2027-11-14 is before start 2027-11-15 (an end on or after the start)"]),
    "mixed start and end": (
        {"data/events.yaml": EVENTS.replace("end: 2027-11-18", "end: 2027-11-18T10:00")},
        ["data/events.yaml:4: error: end: start and end must both be dates or both be dates with times "
         "(the same form as start)"]),
    "unknown time zone": (
        {"data/events.yaml": EVENTS.replace("Europe/Berlin", "Europe/Nürnberg")},
        ["data/events.yaml:5: error: timezone: unknown time zone 'Europe/Nürnberg' (an IANA time zone such as Europe/Berlin)"]),
    "duplicate id": (
        {"data/partners.yaml": PARTNERS.replace("- id: beta", "- id: alpha")},
        ["data/partners.yaml:15: error: id: duplicate id 'alpha' (first on line 1) (a unique id)",
         "content/press/2021-12-07-founded.de.md:6: error: partners[1]: unknown partner id 'beta', maybe because of the "
         "wrong id at data/partners.yaml:15 (fix that first; else one of: alpha)"]),
    "unknown partner": (
        {"data/events.yaml": EVENTS.replace("organisers: [alpha]", "organisers: [alfa]")},
        ["data/events.yaml:9: error: organisers[1]: unknown partner id 'alfa' (did you mean 'alpha'?)"]),
    "unknown vocabulary key": (
        {"data/partners.yaml": PARTNERS.replace("[imaging]", "[robotics]")},
        ["data/partners.yaml:10: error: focus_areas[1]: unknown focus area 'robotics' (one of: imaging, orthopaedics)"]),
    "slug not URL-safe": (
        {"data/partners.yaml": PARTNERS.replace("- id: beta", "- id: ../beta")},
        ["data/partners.yaml:15: error: id: '../beta' is not URL-safe "
         "(lower-case letters, digits and hyphens, e.g. medical-valley-emn)",
         "content/press/2021-12-07-founded.de.md:6: error: partners[1]: unknown partner id 'beta', maybe because of the "
         "wrong id at data/partners.yaml:15 (fix that first; else one of: alpha)"]),
    "missing translation": (
        {"data/partners.yaml": PARTNERS.replace(", en: Beta in English.", "")},
        ["data/partners.yaml:24: error: description.en: missing translation (a text in 'en')"]),
    "translation left empty": (
        {"data/partners.yaml": PARTNERS.replace("  description: {de: Beta auf Deutsch., en: Beta in English.}",
                                                "  description:\n    de: Beta auf Deutsch.\n    en:")},
        ["data/partners.yaml:26: error: description.en: missing translation (a text in 'en')"]),
    "unknown language": (
        {"data/partners.yaml": PARTNERS.replace("en: Beta in English.", "fr: Beta en français.")},
        ["data/partners.yaml:24: error: description.fr: unknown language (one of de, en)",
         "data/partners.yaml:24: error: description.en: missing translation (a text in 'en')"]),
    "city named in one language of two": (
        {"data/partners.yaml": PARTNERS.replace("  city: Graz", "  city: {de: Graz}")},
        ["data/partners.yaml:20: error: city.en: missing translation (a text in 'en')"]),
    "city as a list": (
        {"data/events.yaml": EVENTS.replace("city: Düsseldorf", "city: [Düsseldorf]")},
        ["data/events.yaml:6: error: place.city: expected a single value, found a list "
         "(a name such as Wien, or one per language such as {de: Wien, en: Vienna})"]),
    "empty city": (
        {"data/partners.yaml": PARTNERS.replace("  city: Graz", "  city: ''")},
        ["data/partners.yaml:20: error: city: is empty "
         "(a name such as Wien, or one per language such as {de: Wien, en: Vienna})"]),
    "javascript URL": (
        {"data/partners.yaml": PARTNERS.replace("  kind: associated", "  kind: associated\n  website: javascript:alert(1)")},
        ["data/partners.yaml:23: error: website: 'javascript:alert(1)' is not a web address "
         "(an address starting with https://, http:// or mailto:)"]),
    "non-UTF-8 file": (
        {"data/events.yaml": EVENTS.replace("Düsseldorf", "D\udcfcsseldorf").encode("utf-8", "surrogateescape")},
        ["data/events.yaml:6: error: the file is not valid UTF-8 (byte 129) (save the file as UTF-8)"]),
    "unknown enum": (
        {"data/partners.yaml": PARTNERS.replace("kind: associated", "kind: friend")},
        ["data/partners.yaml:22: error: kind: unknown value 'friend' (one of: member, associated)"]),
    "front matter without closing fence": (
        {"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("---\nEin", "Ein")},
        ["content/press/2021-12-07-founded.de.md:1: error: the front matter has no closing '---' line "
         "(a line '---' after the fields)"]),
    "release language suffix": (
        {"content/press/2021-12-07-founded.en.md": None,
         "content/press/2021-12-07-founded.fr.md": RELEASE_DE},
        ["content/press/2021-12-07-founded.fr.md:1: error: unknown language 'fr' in the file name (one of .de.md, .en.md)"]),
    "shared field conflict": (
        {"content/press/2021-12-07-founded.en.md": "---\ntitle: T\nsummary: S\ndate: 2021-12-08\n---\nx\n"},
        ["content/press/2021-12-07-founded.en.md:4: error: date: differs from content/press/2021-12-07-founded.de.md "
         "(language-neutral fields must agree) (the same value in both files, or leave it out of one)"]),
    "site languages": (
        {"data/site.yaml": SITE.replace("[de, en]", "[en, de]")},
        ["data/site.yaml:5: error: languages: languages must be unique, German first ([de, en])"]),
    "tab indentation": (
        {"data/events.yaml": EVENTS.replace("  kind: trade-fair", "\tkind: trade-fair")},
        ["data/events.yaml:2: error: a tab is used for indentation (indent with spaces)"]),
    "yaml alias": (
        {"data/events.yaml": EVENTS.replace("organisers: [alpha]", "organisers: &o [alpha]\n  tags: *o")},
        ["data/events.yaml:9: error: YAML anchors and aliases (&name, *name) are not allowed (write the value out in full; "
         "a text starting with & or * in double quotes)"]),
    "site address not on the web": (
        {"data/site.yaml": SITE.replace("base_url: https://example.org/sub/", "base_url: mailto:info@example.org")},
        ["data/site.yaml:4: error: base_url: 'mailto:info@example.org' is not the address of a folder on the web (an address "
         "starting with https:// and ending in a folder, without ? or #, such as "
         "https://medtech-cluster-alliance.github.io/dach/)"]),
    "site address with a query": (
        {"data/site.yaml": SITE.replace("base_url: https://example.org/sub/", "base_url: https://example.org/sub/?x=1#top")},
        ["data/site.yaml:4: error: base_url: 'https://example.org/sub/?x=1#top' is not the address of a folder on the web (an "
         "address starting with https:// and ending in a folder, without ? or #, such as "
         "https://medtech-cluster-alliance.github.io/dach/)"]),
    "site address of a file": (
        {"data/site.yaml": SITE.replace("base_url: https://example.org/sub/", "base_url: https://example.org/sub/index.html")},
        ["data/site.yaml:4: error: base_url: 'https://example.org/sub/index.html' is not the address of a folder on the web (an "
         "address starting with https:// and ending in a folder, without ? or #, such as "
         "https://medtech-cluster-alliance.github.io/dach/)"]),
    "bracket in an address": (
        {"data/partners.yaml": PARTNERS.replace("  kind: associated", "  kind: associated\n  website: https://[www.x.org]")},
        ["data/partners.yaml:23: error: website: 'https://[www.x.org]' is not a web address "
         "(an address starting with https://, http:// or mailto:)"]),
    "port that is no number": (
        {"data/partners.yaml": PARTNERS.replace("  kind: associated", "  kind: associated\n  website: https://x.org:abc/")},
        ["data/partners.yaml:23: error: website: 'https://x.org:abc/' is not a web address "
         "(an address starting with https://, http:// or mailto:)"]),
    "year out of range": (
        {"data/events.yaml": EVENTS.replace("  start: 2027-11-15\n  end: 2027-11-18",
                                            "  start: 9999-12-30\n  end: 9999-12-31T10:00")},
        ["data/events.yaml:3: error: start: 9999-12-30 is not in the years a date may be in (a year from 1900 to 2199)",
         "data/events.yaml:4: error: end: 9999-12-31T10:00 is not in the years a date may be in (a year from 1900 to 2199)"]),
    "word processor's line break in data": (
        {"data/partners.yaml": PARTNERS.replace("  city: Graz", "  city: Gr\x0baz")},
        ["data/partners.yaml:20: error: the text contains an invisible control character (plain text)"]),
    "line separator in data": (
        {"data/partners.yaml": PARTNERS.replace("  city: Graz", "  city: Gr\u2028az")},
        ["data/partners.yaml:20: error: the text contains an invisible control character (plain text)"]),
    "bell in front matter": (
        {"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("summary: ", "summary: \x07")},
        ["content/press/2021-12-07-founded.de.md:3: error: the text contains an invisible control character (plain text)"]),
    "coordinates swapped": (
        {"data/partners.yaml": PARTNERS.replace("coordinates: [49.45, 11.08]", "coordinates: [11.08, 49.45]")},
        ["data/partners.yaml:7: error: coordinates: [11.08, 49.45] lies outside Germany, Austria and Switzerland ([latitude, "
         "longitude] such as [49.45, 11.08], latitude first (45.8 to 55.1), then longitude (5.8 to 17.2))"]),
    "time the clocks skip": (
        {"data/events.yaml": EVENTS.replace("  start: 2027-11-15\n  end: 2027-11-18",
                                            "  start: 2027-03-28T02:30\n  end: 2027-03-28T03:10")},
        ["data/events.yaml:3: error: start: 2027-03-28T02:30 does not exist in Europe/Berlin: the clocks skip that hour "
         "(a time outside the hour the clocks skip)"]),
    "updated before announced": (
        {"data/events.yaml": EVENTS + "  updated: 2026-01-09\n"},
        ["data/events.yaml:11: error: updated: updated 2026-01-09 is before announced 2026-01-10 "
         "(the day of the last change, on or after announced)"]),
    "organiser listed twice": (
        {"data/events.yaml": EVENTS.replace("organisers: [alpha]", "organisers: [alpha, alpha]")},
        ["data/events.yaml:9: error: organisers[2]: 'alpha' is listed twice (each once)"]),
    "a person's address as a partner's contact": (
        {"data/partners.yaml": PARTNERS.replace("email: info@beta-cluster.eu", "email: max.mustermann@beta-cluster.eu")},
        ["data/partners.yaml:27: error: contact.email: 'max.mustermann@beta-cluster.eu' is not a role address: it may name a "
         "person (a role address such as info@, office@ or presse@; a developer adds other role names)"]),
    "release updated before its date": (
        {"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("date: 2021-12-07\n",
                                                                      "date: 2021-12-07\nupdated: 2021-12-01\n")},
        ["content/press/2021-12-07-founded.de.md:5: error: updated: updated 2021-12-01 is before date 2021-12-07 "
         "(the day of the last change, on or after date)"]),
    "time zone named by its city": (
        {"data/events.yaml": EVENTS.replace("Europe/Berlin", "Zürich")},
        ["data/events.yaml:5: error: timezone: unknown time zone 'Zürich' (an IANA time zone such as Europe/Berlin: "
         "did you mean 'Europe/Zurich'?)"]),
    "time zone named in German": (
        {"data/events.yaml": EVENTS.replace("Europe/Berlin", "Wien")},
        ["data/events.yaml:5: error: timezone: unknown time zone 'Wien' (an IANA time zone such as Europe/Berlin: "
         "did you mean 'Europe/Vienna'?)"]),
    "time zone in small letters": (
        {"data/events.yaml": EVENTS.replace("Europe/Berlin", "europe/berlin")},
        ["data/events.yaml:5: error: timezone: unknown time zone 'europe/berlin' (an IANA time zone such as "
         "Europe/Berlin: did you mean 'Europe/Berlin'?)"]),
    "time zone as an abbreviation": (
        {"data/events.yaml": EVENTS.replace("Europe/Berlin", "MEZ")},
        ["data/events.yaml:5: error: timezone: unknown time zone 'MEZ' (an IANA time zone such as Europe/Berlin: "
         "did you mean 'Europe/Berlin', 'Europe/Vienna' or 'Europe/Zurich', by the event's country?)"]),
    "date and time with a space": (
        {"data/events.yaml": EVENTS.replace("  start: 2027-11-15\n  end: 2027-11-18",
                                            "  start: 2027-11-15 14:00\n  end: 18.11.2027 14:00")},
        ["data/events.yaml:3: error: start: '2027-11-15 14:00' is not a date or date and time (YYYY-MM-DD, or "
         "YYYY-MM-DDTHH:MM for a time: did you mean '2027-11-15T14:00'?)",
         "data/events.yaml:4: error: end: '18.11.2027 14:00' is not a date or date and time (YYYY-MM-DD, or "
         "YYYY-MM-DDTHH:MM for a time: did you mean '2027-11-18T14:00'?)"]),
    "date written the German way": (
        {"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("date: 2021-12-07", "date: 7.12.2021")},
        ["content/press/2021-12-07-founded.de.md:4: error: date: '7.12.2021' is not a date (a date YYYY-MM-DD: did "
         "you mean '2021-12-07'?)"]),
    "country named": (
        {"data/partners.yaml": PARTNERS.replace("  country: AT", "  country: Österreich")
         .replace("  country: DE", "  country: DE-BY"),
         "data/events.yaml": EVENTS.replace("country: DE}", "country: Germany}")},
        ["data/partners.yaml:4: error: country: unknown country 'DE-BY' (DE, AT or CH: did you mean 'DE'?)",
         "data/partners.yaml:18: error: country: unknown country 'Österreich' (DE, AT or CH: did you mean 'AT'?)",
         "data/events.yaml:6: error: place.country: unknown country 'Germany' (DE, AT or CH: did you mean 'DE'?)"]),
    "region named": (
        {"data/partners.yaml": PARTNERS.replace("[DE-BY]", "[Bayern]")},
        ["data/partners.yaml:5: error: regions[1]: unknown region 'Bayern' (an ISO 3166-2 code such as DE-BY, AT-9 "
         "or CH-ZH: did you mean 'DE-BY'?)"]),
    "vocabulary entry with a mistake is still known to its references": (
        {"data/vocabularies.yaml": VOCABULARIES.replace(", en: Orthopaedic technology}", "}")},
        ["data/vocabularies.yaml:3: error: focus_areas.orthopaedics.en: missing translation (a text in 'en')"]),
    "a vocabulary missing makes no reference to it unknown": (
        {"data/vocabularies.yaml": VOCABULARIES.replace("tags:\n  alliance: {de: Allianz, en: Alliance}\n", "")},
        ["data/vocabularies.yaml:1: error: tags: missing vocabulary (key: {de: label, en: label} lines)"]),
    "an unreadable list of initiatives makes no reference to one unknown": (
        {"data/initiatives.yaml": "- id: supply\n  title: {de: Lieferketten, en: Supply chains\n",
         "data/events.yaml": EVENTS + "  initiatives: [supply]\n"},
        ["data/initiatives.yaml:2: error: the group opened with '{' here is not closed (a '}' at its end, on the same "
         "line)"]),
    "an entry with a mistake keeps its id": (
        {"data/partners.yaml": PARTNERS.replace("  kind: associated", "  kind: friend")},
        ["data/partners.yaml:22: error: kind: unknown value 'friend' (one of: member, associated)"]),
    "not a list": (
        {"data/partners.yaml": "id: alpha\n"},
        ["data/partners.yaml:1: error: expected a list of entries, each starting with '- id:' (- id: …)"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_problem_message(site, name):
    changes, expected = CASES[name]
    assert sorted(problems_of(site, changes)) == sorted(expected)


def test_minimal_site_is_valid(site):
    found, problems = check(site())
    assert found is not None and problems == []


def test_all_problems_reported_at_once(site):
    changes = {"data/partners.yaml": PARTNERS.replace("country: AT", "country: FR").replace("[imaging]", "[robotics]"),
               "data/events.yaml": EVENTS.replace("Europe/Berlin", "Mars/Olympus")}
    assert len(problems_of(site, changes)) == 3


def test_placeholder_is_a_warning_not_an_error(site):
    found, problems = check(site({"data/site.yaml": SITE.replace("Amtsgericht Test VR 1", "\"PLACEHOLDER: Registernummer\"")}))
    assert found is not None
    assert [p.format() for p in problems] == [
        "data/site.yaml:12: warning: legal.register: still a placeholder (the real fact before publishing)"]


def test_a_date_of_a_change_in_the_future_is_refused_at_its_line(site, tmp_path):
    """A change or an announcement cannot have happened after today (a typed year, say): the page, the sitemap, the
    feeds and calendars would date it on a day still to come. A day after today passes: an editor's today may be
    tomorrow where the build runs. A release dated later (embargoed) may say it changed on its own date."""
    today = dt.date(2026, 11, 23)
    release = "content/press/2021-12-07-founded.de.md"
    changes = {
        "data/events.yaml": EVENTS.replace("announced: 2026-01-10", "announced: 2027-01-10"),
        "data/partners.yaml": PARTNERS.replace("  board: true\n", "  board: true\n  updated: 2026-11-25\n"),
        release: RELEASE_DE.replace("date: 2021-12-07\n", "date: 2021-12-07\nupdated: 2026-12-07\n"),
        "content/pages/about.de.md": "---\ntitle: Über\ndescription: Über uns.\nupdated: 2036-11-23\n---\nText.\n",
    }
    found, problems = check(site(changes), today=today)
    assert found is None
    assert [p.format() for p in problems if not p.warning] == [
        "content/pages/about.de.md:4: error: updated: updated 2036-11-23 is in the future (today is 2026-11-23) "
        "(the day it happened: today or earlier)",
        f"{release}:5: error: updated: updated 2026-12-07 is in the future (today is 2026-11-23) "
        "(the day it happened: today or earlier)",
        "data/events.yaml:10: error: announced: announced 2027-01-10 is in the future (today is 2026-11-23) "
        "(the day it happened: today or earlier)",
        "data/partners.yaml:10: error: updated: updated 2026-11-25 is in the future (today is 2026-11-23) "
        "(the day it happened: today or earlier)"]
    # Tomorrow passes; an embargoed release may be updated on its own date, not later.
    embargoed = RELEASE_DE.replace("date: 2021-12-07\n", "date: 2026-12-07\nupdated: 2026-12-08\n")
    tomorrow = PARTNERS.replace("  board: true\n", "  board: true\n  updated: 2026-11-24\n")
    changes = {"data/partners.yaml": tomorrow, "content/press/2026-12-07-founded.de.md": embargoed,
               release: None, "content/press/2021-12-07-founded.en.md": None}
    found, problems = check(write_site(tmp_path / "embargoed", changes), today=today)
    assert [p.format() for p in problems if not p.warning] == [
        "content/press/2026-12-07-founded.de.md:5: error: updated: updated 2026-12-08 is in the future (today is "
        "2026-11-23) (date 2026-12-07 at the latest: it is not published before then)"]
    changes["content/press/2026-12-07-founded.de.md"] = embargoed.replace("2026-12-08", "2026-12-07")
    assert check(write_site(tmp_path / "on-its-date", changes), today=today)[0] is not None
    # An event is shown from the start: announced tomorrow, it cannot have changed after that yet.
    events = EVENTS.replace("announced: 2026-01-10", "announced: 2026-11-24") + "  updated: 2026-11-25\n"
    assert [p.format() for p in check(write_site(tmp_path / "event", {"data/events.yaml": events}), today=today)[1]
            if not p.warning] == ["data/events.yaml:11: error: updated: updated 2026-11-25 is in the future (today is "
                                  "2026-11-23) (the day it happened: today or earlier)"]
    # What was refused passes on its day, though the files did not change (the memory of the last check knows today).
    source = write_site(tmp_path / "later", {"data/partners.yaml": tomorrow.replace("2026-11-24", "2026-11-30")})
    time.sleep(RACY_NS / 1e9)  # (files saved just now are not trusted by their times)
    memory = Memory()
    with steps.kept_by(memory):
        assert check(source, today=today)[0] is None
    memory.forget_unused()
    with steps.kept_by(memory):
        assert check(source, today=dt.date(2026, 11, 29))[0] is not None and memory.hits


def test_an_example_address_left_in_is_warned_of_at_its_line(site):
    """Domains kept for examples (example.org, *.example, *.test …) have no site and no mailbox: an address there is
    a placeholder that visitors would find broken. It does not stop the build (as other placeholders)."""
    changes = {"data/partners.yaml": PARTNERS.replace("email: presse@alpha-cluster.eu", "email: presse@alpha.example")
               .replace("  kind: associated", "  kind: associated\n  website: https://www.Example.COM/beta/"),
               "data/site.yaml": SITE.replace("contact_email: info@testallianz.eu", "contact_email: info@example.org"),
               "data/events.yaml": EVENTS + "  online_url: mailto:anmeldung@messe.test?subject=Anmeldung\n"}
    found, problems = check(site(changes))
    assert found is not None
    assert [p.format() for p in problems] == [
        "data/events.yaml:11: warning: online_url: 'mailto:anmeldung@messe.test?subject=Anm…' is an example "
        "address (messe.test is kept for examples): mail to it is never delivered (the real address before publishing)",
        "data/partners.yaml:14: warning: contact.email: 'presse@alpha.example' is an example address (alpha.example "
        "is kept for examples): mail to it is never delivered (the real address before publishing)",
        "data/partners.yaml:23: warning: website: 'https://www.Example.COM/beta/' is an example address "
        "(www.example.com is kept for examples): it leads nowhere (the real address before publishing)",
        "data/site.yaml:6: warning: contact_email: 'info@example.org' is an example address (example.org is kept for "
        "examples): mail to it is never delivered (the real address before publishing)"]
    # Only those domains: an address that merely contains the word is real.
    real = PARTNERS.replace("email: presse@alpha-cluster.eu", "email: presse@example-cluster.de")
    assert check(site({"data/partners.yaml": real}))[1] == []
