"""Write a synthetic site folder of size S(N) in the real schema, for the benchmark.

    python bench/corpus.py N DIR

N press releases per language (about 600 words of Markdown each: headings, lists, links,
emphasis, a small table), N/10 partners (at least 16), N/5 events. Deterministic: the same
N gives the same files.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("Medizintechnik Cluster Allianz Partner Region Forschung Unternehmen Innovation Netzwerk Markt "
         "Zulassung Qualität Produktion Lieferkette Digitalisierung Patient Klinik Technologie Transfer "
         "Investor Kooperation Entwicklung Projekt Förderung Wissenschaft Anwendung Sensor Implantat").split()
CITIES = [("DE", "DE-BY", "{de: Nürnberg, en: Nuremberg}", 49.45, 11.08), ("DE", "DE-BW", "Stuttgart", 48.78, 9.18),
          ("DE", "DE-NW", "Bonn", 50.74, 7.10), ("AT", "AT-9", "{de: Wien, en: Vienna}", 48.21, 16.37),
          ("AT", "AT-6", "Graz", 47.07, 15.44), ("CH", "CH-ZG", "Zug", 47.17, 8.52)]
ZONES = {"DE": "Europe/Berlin", "AT": "Europe/Vienna", "CH": "Europe/Zurich"}


def sentence(rng: random.Random, words: int = 12) -> str:
    """Return a sentence of random words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, number: int) -> str:
    """Return about 600 words of Markdown with headings, lists, links, emphasis and a table."""
    parts = []
    for section in range(4):
        parts.append(f"## {sentence(rng, 4)[:-1]}\n")
        parts.append(" ".join(sentence(rng) for _ in range(10)) + f" Mehr dazu **hier** und *dort*, siehe "
                     f"[Partnerseite](https://example.org/{number}/{section}).\n")
        parts.append("\n".join(f"- {sentence(rng, 6)}" for _ in range(3)) + "\n")
    parts.append("| Kennzahl | Wert |\n|:--|--:|\n" + "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} |"
                                                      for _ in range(3)) + "\n")
    return "\n".join(parts)


def write_corpus(n: int, target: Path) -> None:
    """Write S(n) into `target` (replacing it)."""
    rng = random.Random(n)
    if target.exists():
        shutil.rmtree(target)
    (target / "data").mkdir(parents=True)
    for name in ("site", "vocabularies"):
        shutil.copyfile(ROOT / "data" / f"{name}.yaml", target / "data" / f"{name}.yaml")
    shutil.copytree(ROOT / "content" / "pages", target / "content" / "pages")
    partners = max(16, n // 10)
    lines = []
    for index in range(partners):
        country, region, city, lat, lon = CITIES[index % len(CITIES)]
        lines.append(f"- id: partner-{index}\n  name: Partner {index} Cluster e.V.\n  short_name: Partner {index}\n"
                     f"  country: {country}\n  regions: [{region}]\n  city: {city}\n  coordinates: [{lat}, {lon}]\n"
                     f"  kind: {'member' if index % 4 else 'associated'}\n  focus_areas: [medical-devices, imaging]\n"
                     f"  description: {{de: {sentence(rng)}, en: {sentence(rng)}}}\n"
                     f"  contact: {{label: {{de: Büro, en: Office}}, email: info@partner-{index}.cluster.eu}}\n")
    (target / "data/partners.yaml").write_text("".join(lines), encoding="utf-8")
    lines = []
    for index in range(n // 5):
        country, region, city, lat, lon = CITIES[index % len(CITIES)]
        day = 1 + index % 28
        year = 2020 + index % 8
        lines.append(f"- id: event-{index}\n  kind: workshop\n  start: {year}-{1 + index % 12:02d}-{day:02d}T10:00\n"
                     f"  end: {year}-{1 + index % 12:02d}-{day:02d}T16:00\n  timezone: {ZONES[country]}\n"
                     f"  place: {{name: Haus {index}, city: {city}, country: {country}}}\n"
                     f"  title: {{de: Workshop {index}, en: Workshop {index}}}\n"
                     f"  description: {{de: {sentence(rng)}, en: {sentence(rng)}}}\n"
                     f"  organisers: [partner-{index % partners}]\n  announced: {year - 1}-11-01\n")
    (target / "data/events.yaml").write_text("".join(lines), encoding="utf-8")
    press = target / "content" / "press"
    press.mkdir(parents=True)
    for index in range(n):
        date = f"{2010 + index % 16}-{1 + index % 12:02d}-{1 + index % 28:02d}"
        key = f"{date}-release-{index}"
        (press / f"{key}.de.md").write_text(
            f"---\ntitle: Meldung {index}\nsummary: {sentence(rng)}\ndate: {date}\nissuer: partner-{index % partners}\n"
            f"tags: [alliance]\n---\n{body(rng, index)}", encoding="utf-8")
        (press / f"{key}.en.md").write_text(f"---\ntitle: Release {index}\nsummary: {sentence(rng)}\n---\n{body(rng, index)}",
                                            encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write_corpus(int(sys.argv[1]), Path(sys.argv[2]))
