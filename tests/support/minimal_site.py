"""A tiny valid site folder, written from strings, that tests change one file at a time."""
from __future__ import annotations

import textwrap
from pathlib import Path

SITE = """\
name: {de: Testallianz, en: Test alliance}
motto: {de: Motto, en: Motto}
intro: {de: Einleitung., en: Introduction.}
base_url: https://example.org/sub/
languages: [de, en]
contact_email: info@testallianz.eu
press_page_size: 2
legal:
  organisation: Test e.V.
  address: Teststraße 1, 12345 Teststadt
  represented_by: Vorstand
  register: Amtsgericht Test VR 1
  vat_id: DE000000000
  email: info@testallianz.eu
"""

VOCABULARIES = """\
focus_areas:
  imaging: {de: Bildgebung, en: Imaging}
  orthopaedics: {de: Orthopädietechnik, en: Orthopaedic technology}
tags:
  alliance: {de: Allianz, en: Alliance}
event_kinds:
  trade-fair: {de: Messe, en: Trade fair}
  workshop: {de: Workshop, en: Workshop}
"""

PARTNERS = """\
- id: alpha
  name: Alpha Cluster e.V.
  short_name: Alpha
  country: DE
  regions: [DE-BY]
  city: Nürnberg
  coordinates: [49.45, 11.08]
  kind: member
  board: true
  focus_areas: [imaging]
  description: {de: Alpha auf Deutsch., en: Alpha in English.}
  contact:
    label: {de: Presse, en: Press office}
    email: presse@alpha-cluster.eu
- id: beta
  name: Beta Cluster
  short_name: Beta
  country: AT
  regions: [AT-6]
  city: Graz
  coordinates: [47.07, 15.44]
  kind: associated
  focus_areas: [orthopaedics]
  description: {de: Beta auf Deutsch., en: Beta in English.}
  contact:
    label: {de: Büro, en: Office}
    email: info@beta-cluster.eu
"""

EVENTS = """\
- id: fair-2027
  kind: trade-fair
  start: 2027-11-15
  end: 2027-11-18
  timezone: Europe/Berlin
  place: {name: Messe, city: Düsseldorf, country: DE}
  title: {de: Messe 2027, en: Fair 2027}
  description: {de: Eine Messe., en: A fair.}
  organisers: [alpha]
  announced: 2026-01-10
"""

RELEASE_DE = """\
---
title: Allianz gegründet
summary: Die Allianz ist gegründet.
date: 2021-12-07
issuer: alpha
partners: [beta]
tags: [alliance]
---
Ein **Text**.
"""

RELEASE_EN = """\
---
title: Alliance founded
summary: The alliance is founded.
---
Some **text**.
"""


def partner_entry(key: str, country: str, region: str, city: str, coordinates: tuple[float, float],
                  more: str = "") -> str:
    """Return one more member partner for data/partners.yaml, like Beta (`more`: further indented lines)."""
    name = key.capitalize()
    return (f"- id: {key}\n  name: {name} Cluster\n  short_name: {name}\n  country: {country}\n"
            f"  regions: [{region}]\n  city: {city}\n  coordinates: [{coordinates[0]}, {coordinates[1]}]\n"
            f"  kind: member\n  focus_areas: [imaging]\n"
            f"  description: {{de: {name} auf Deutsch., en: {name} in English.}}\n"
            f"  contact:\n    label: {{de: Büro, en: Office}}\n    email: info@{key}-cluster.eu\n{more}")


def plain_page(title: str) -> str:
    """Return a plain page's Markdown."""
    return f"---\ntitle: {title}\ndescription: About {title}.\n---\nText of {title}.\n"


def files() -> dict[str, str]:
    """Return the minimal site as {relative path: text}."""
    result = {
        "data/site.yaml": SITE,
        "data/vocabularies.yaml": VOCABULARIES,
        "data/partners.yaml": PARTNERS,
        "data/events.yaml": EVENTS,
        "content/press/2021-12-07-founded.de.md": RELEASE_DE,
        "content/press/2021-12-07-founded.en.md": RELEASE_EN,
    }
    for key in ("about", "contact", "imprint", "privacy", "accessibility"):
        for lang in ("de", "en"):
            result[f"content/pages/{key}.{lang}.md"] = plain_page(f"{key} {lang}")
    return result


def write_site(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the minimal site into `root`, with `changes` applied (None deletes a file)."""
    content: dict = files()
    content.update(changes or {})
    for relative, text in content.items():
        if text is None:
            continue
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return root


def picture(width: int = 40, height: int = 30, kind: str = "JPEG", orientation: int | None = None,
            mirrored: bool = False, located: bool = False) -> bytes:
    """Return a real picture file of the given size (a gradient, so that copies differ from it; `mirrored` turns
    it the other way: another picture of the same size; `located` writes a GPS position, as phones do)."""
    import io

    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    if mirrored:
        image = image.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if located:
        exif[0x8825] = {1: "N", 2: (48.0, 12.0, 30.0), 3: "E", 4: (16.0, 22.0, 0.0)}
    stream = io.BytesIO()
    image.save(stream, kind, **({"exif": exif.tobytes()} if len(exif) else {}))
    return stream.getvalue()
