"""The translation desk: what each translation was made from (`translated_from`, `build.py translated`), check's
warnings of what is missing or out of date, the status page built with drafts, the pull request's comparison."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import EXAMPLE, EXAMPLE_TODAY, ROOT, run_cli
from sitegen import translations
from sitegen.load import load_site
from sitegen.pipeline import Project, build, check_all

RELEASE = "content/press/2021-12-07-letter-of-intent"
GERMAN, ENGLISH = f"{RELEASE}.de.md", f"{RELEASE}.en.md"
PARAGRAPH = "Zehn Partner kommen aus Deutschland"


def example(tmp_path: Path) -> Path:
    """Return a copy of the example site (the tests change it)."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "site"))


def desk_warnings(source: Path, i18n: Path | None = None) -> list[str]:
    """Return the translation desk's warnings for a site folder, formatted."""
    return [problem.format() for problem in translations.problems(load_site(source), ("de", "en"), i18n)]


def line_of(path: Path, text: str) -> int:
    """Return the number of the first line of a file holding `text`."""
    return next(number for number, line in enumerate(path.read_text().split("\n"), 1) if text in line)


def stale(line: int, what: str) -> str:
    return (f"{ENGLISH}:{line}: warning: translated_from: {GERMAN} changed since this translation was made ({what}) "
            f"(the translation brought up to date, then: make translated FILE={ENGLISH})")


def test_a_changed_german_release_is_warned_of_until_make_translated(tmp_path):
    source = example(tmp_path)
    original = (source / ENGLISH).read_bytes()
    recorded = run_cli("translated", "--source", str(source), ENGLISH)
    version = translations.normal_of_text(GERMAN, (source / GERMAN).read_text()).digest()
    assert (recorded.returncode, recorded.stdout) == (0, f"{ENGLISH}: translated_from: {version}\n"), recorded.stderr
    lines = original.decode().split("\n")
    closing = lines.index("---", 1)
    assert (source / ENGLISH).read_text().split("\n") == lines[:closing] + [f"translated_from: {version}"] + \
        lines[closing:]  # one line added, everything else as it was
    assert not any("translated_from" in line for line in desk_warnings(source))
    german = source / GERMAN
    german.write_text(german.read_text().replace(PARAGRAPH, "Elf Partner kommen aus Deutschland"))
    warning = stale(closing + 1, "the version it was made from is not in the git history here")
    checked = run_cli("check", "--source", str(source))
    assert warning in checked.stderr.splitlines(), checked.stderr
    again = run_cli("translated", "--source", str(source), str(source / ENGLISH))  # a path from anywhere
    new = translations.normal_of_text(GERMAN, german.read_text()).digest()
    assert again.returncode == 0 and again.stdout == f"{ENGLISH}: translated_from: {new}\n" and new != version
    assert (source / ENGLISH).read_text().split("\n") == lines[:closing] + [f"translated_from: {new}"] + lines[closing:]
    checked = run_cli("check", "--source", str(source))
    assert "translated_from" not in checked.stderr, checked.stderr
    assert run_cli("translated", "--source", str(source), ENGLISH).stdout.endswith("(already recorded)\n")


def test_only_what_a_translation_translates_makes_a_new_version():
    """Line breaks, spacing, dates and tags of the source leave its version as it was; words and titles do not."""
    text = (EXAMPLE / GERMAN).read_text()
    version = translations.normal_of_text(GERMAN, text).digest()
    rewrapped = text.replace(f"\n{PARAGRAPH}", f" {PARAGRAPH}").replace("Am 16. November", "Am  16.  November")
    retagged = text.replace("tags: [alliance, letter-of-intent, medica]", "tags: [alliance]")
    assert translations.normal_of_text(GERMAN, rewrapped).digest() == version
    assert translations.normal_of_text(GERMAN, retagged).digest() == version
    reworded = text.replace("gründen Allianz", "gründen eine Allianz")
    assert translations.normal_of_text(GERMAN, reworded).digest() != version


def test_recording_keeps_every_other_byte_and_replaces_an_earlier_record():
    text = "\ufeff---\r\ntitle: T\r\nsummary: S\r\n---\r\nBody\r\n"
    assert translations.recorded(text, "abc") == \
        "\ufeff---\r\ntitle: T\r\nsummary: S\r\ntranslated_from: abc\r\n---\r\nBody\r\n"
    assert translations.recorded("---\ntranslated_from: old\ntitle: T\n---\n", "new") == \
        "---\ntranslated_from: new\ntitle: T\n---\n"


def test_recording_refuses_a_text_without_translation(tmp_path):
    source = example(tmp_path)
    only = "content/press/2016-07-13-biosaxony-sektion-medizintechnik.de.md"
    result = run_cli("translated", "--source", str(source), only)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{only}:1: error: this text has no translation: it is its own source (the "
                                          "path of its translation, once there is one)"]


def test_what_changed_comes_from_the_git_history(tmp_path):
    source = example(tmp_path)
    git = ["git", "-C", str(source), "-c", "user.name=Desk", "-c", "user.email=desk@example.org"]
    run_cli("translated", "--source", str(source), GERMAN)  # a source: each of its translations
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "translated"], check=True)
    commit, date = subprocess.run([*git, "log", "-1", "--format=%h %cs"], capture_output=True, text=True,
                                  check=True).stdout.split()
    german = source / GERMAN
    text = german.read_text().replace("gründen Allianz", "gründen eine Allianz").replace(PARAGRAPH, "Elf Partner "
                                                                                          "kommen aus Deutschland")
    german.write_text(text.replace("## Die Ziele\n", "## Die Ziele\n\nEin neuer Absatz.\n"))
    changed, added = line_of(german, "Am 16. November 2021 haben"), line_of(german, "Ein neuer Absatz.")
    assert line_of(german, "Elf Partner") > changed  # (the paragraph's first line is where it is said to be)
    closing = (source / ENGLISH).read_text().split("\n").index("---", 1) + 1
    assert stale(closing - 1, f"since commit {commit} of {date}: title changed; paragraph changed at line "
                 f"{changed}; paragraph added at line {added}") in desk_warnings(source)
    item = next(item for item in translations.items(load_site(source), ("de", "en"), None) if item.path == ENGLISH)
    assert "-title: Medizintechnik-Cluster aus" in item.diff and "+Ein neuer Absatz." in item.diff


def test_a_text_without_its_other_language_is_warned_of_at_its_first_line(tmp_path):
    source = example(tmp_path)
    (source / "content/pages/team.de.md").write_text("---\ntitle: Team\ndescription: Wer wir sind.\n---\nText.\n")
    warnings = desk_warnings(source)
    expected = ("there is no English version (content/pages/team.en.md) (a translation when there is one: until then "
                "lists show this text marked as in one language)")
    assert f"content/pages/team.de.md:1: warning: {expected}" in warnings
    only_english = "content/press/2026-11-20-medica-2026-review"
    assert (f"{only_english}.en.md:1: warning: there is no German version ({only_english}.de.md) (a translation when "
            "there is one: until then lists show this text marked as in one language)") in warnings


def test_a_per_language_field_in_one_language_is_warned_of_at_its_line(tmp_path):
    source = example(tmp_path)
    marketplace = source / "data/marketplace.yaml"
    entries = yaml.safe_load(marketplace.read_text())
    complete = next(entry for entry in entries if set(entry["title"]) == {"de", "en"})
    english = complete["title"]["en"]
    marketplace.write_text(marketplace.read_text().replace(f"    en: {english}\n", ""))
    title = line_of(marketplace, f"    de: {complete['title']['de']}") - 1
    assert (f"data/marketplace.yaml:{title}: warning: title: only in German: no English text (a line 'en: …' with "
            "the translation, when there is one)") in desk_warnings(source)
    assert f"data/marketplace.yaml:{title}" not in "\n".join(desk_warnings(EXAMPLE))


def test_untranslated_and_fuzzy_catalog_strings_are_warned_of_at_their_lines(tmp_path):
    source = example(tmp_path)
    i18n = Path(shutil.copytree(ROOT / "i18n", tmp_path / "i18n"))
    po = i18n / "de/LC_MESSAGES/messages.po"
    lines = po.read_text().split("\n")
    singles = [n for n in range(1, len(lines)) if lines[n - 1].startswith('msgid "') and lines[n - 1] != 'msgid ""'
               and lines[n].startswith('msgstr "') and lines[n] != 'msgstr ""']
    fuzzy, empty = singles[0], singles[1]
    fuzzy_id, empty_id = lines[fuzzy - 1][7:-1], lines[empty - 1][7:-1]
    lines[empty] = 'msgstr ""'
    lines.insert(fuzzy - 1, "#, fuzzy")
    po.write_text("\n".join(lines))
    name = "i18n/de/LC_MESSAGES/messages.po"
    catalog = [line for line in desk_warnings(source, i18n) if line.startswith(name)]
    assert catalog == [
        f'{name}:{fuzzy + 1}: warning: the translation of msgid "{fuzzy_id}" is marked fuzzy, so pages show the msgid '
        "instead (the translation checked, then the line '#, fuzzy' above it removed)",
        f'{name}:{empty + 2}: warning: msgid "{empty_id}" is not translated: pages show it as written there (its '
        "German translation in the msgstr)"]
    found = [p.format() for p in check_all(source, EXAMPLE_TODAY, Project(i18n=i18n))[1] if p.path == name]
    assert found == catalog  # build.py check's own list has them


def test_the_status_page_is_built_only_with_drafts_and_links_both_versions(tmp_path):
    source = example(tmp_path)
    german = source / GERMAN
    run_cli("translated", "--source", str(source), ENGLISH)
    german.write_text(german.read_text().replace(PARAGRAPH, "Elf Partner kommen aus Deutschland"))
    build(source, tmp_path / "plain", EXAMPLE_TODAY, search=False, cache=False)
    assert not (tmp_path / "plain/translation-status").exists()
    build(source, tmp_path / "drafts", EXAMPLE_TODAY, search=False, drafts=True, cache=False)
    page = (tmp_path / "drafts/translation-status/index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page and "data-pagefind-body" not in page
    base = yaml.safe_load((source / "data/site.yaml").read_text())["base_url"].split("://", 1)[1].split("/", 1)[1]
    row = page[page.index('<tr data-state="changed">'):].split("</tr>", 1)[0]
    assert (f'<a href="/{base}de/press/2021-12-07-letter-of-intent/">German</a>, '
            f'<a href="/{base}en/press/2021-12-07-letter-of-intent/">English</a>') in row
    assert "source changed" in row and f"{ENGLISH}:" in row
    assert "translation-status" not in "".join(path.read_text() for path in (tmp_path / "drafts").glob("sitemap*.xml"))


def test_the_pull_request_summary_lists_what_a_change_alters_in_the_status(tmp_path):
    base, head = example(tmp_path / "base"), example(tmp_path / "head")
    run_cli("translated", "--source", str(head), "content/pages/about.en.md")
    (head / "content/pages/team.de.md").write_text("---\ntitle: Team\ndescription: Wer wir sind.\n---\nText.\n")
    result = subprocess.run([sys.executable, str(ROOT / "tools/translation_diff.py"), str(base), str(head)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "### Translation status: 1 to do now, 1 settled by this change"
    assert ("- `content/pages/team.de.md:1` team (en): none → **missing**: content/pages/team.en.md"
            in result.stdout.splitlines())
    assert "- `content/pages/about.en.md:4` about (en): not recorded → **up to date**" in result.stdout.splitlines()
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert 'python tools/translation_diff.py "$RUNNER_TEMP/base-source" . >> "$GITHUB_STEP_SUMMARY"' in runs
