"""Every UI string in the templates, extracted afresh, is translated in both catalogs."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sitegen import steps

ROOT = Path(__file__).resolve().parent.parent
METHODS = [("templates/**.html", "jinja2"), ("sitegen/**.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def template_messages() -> set:
    """Return the msgids (plural ones as tuples) found in the templates right now."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), METHODS, OPTIONS):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def translated(lang: str) -> dict:
    """Return msgid → msgstr of a catalog, leaving out untranslated and fuzzy entries."""
    with (ROOT / "i18n" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    result = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings):
            key = message.id if isinstance(message.id, str) else tuple(message.id)
            result[key] = message.string
    return result


def test_templates_have_strings():
    assert "Skip to content" in template_messages()


def test_every_string_is_translated_in_german_and_english():
    messages = template_messages()
    for lang in ("de", "en"):
        missing = sorted(str(m) for m in messages - set(translated(lang)))
        assert missing == [], f"untranslated in i18n/{lang}: {missing} (run make i18n-update, then translate)"


def test_german_catalog_really_is_german():
    german = translated("de")
    assert german["Skip to content"] == "Zum Inhalt springen"
    assert german[("Organiser", "Organisers")] == ("Veranstalter", "Veranstalter")



TEMPLATE = """{{ _("Search") }}|{% trans %}Search{% endtrans %}|{{ _("A & B") }}|{{ _("100%% sure") }}|\
{{ _("Hello %(name)s", name="<x>") }}|{% trans count=2 %}one page{% pluralize %}{{ count }} pages{% endtrans %}|\
{{ _("Not in the catalog") }}"""
CATALOGS = {
    "de": {"Search": "Suche", "A & B": "A & B <em>b</em>", "100%% sure": "100%% sicher",
           "Hello %(name)s": "Hallo %(name)s", ("one page", "%(num)s pages"): ("eine Seite", "%(num)s Seiten")},
    "en": {"Search": "Find"},
}


def test_translations_put_into_compiled_templates_render_as_gettext_at_render_time(tmp_path):
    """Constant texts are translated when a template is compiled; the page is the one calling gettext each time gives,
    in each language, also when the compiled templates come from the cache folder."""
    import jinja2
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from sitegen import localize, render

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text(TEMPLATE, encoding="utf-8")
    expected = {}
    for lang, messages in CATALOGS.items():
        catalog = Catalog(locale=lang)
        for msgid, msgstr in messages.items():
            catalog.add(msgid, msgstr)
        path = localize.catalog_path(tmp_path / "i18n", lang)
        path.parent.mkdir(parents=True)
        with path.open("wb") as handle:
            write_po(handle, catalog)
        plain = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "templates")), autoescape=True,
                                   extensions=["jinja2.ext.i18n"])
        plain.install_gettext_translations(localize.translations(tmp_path / "i18n", lang, "v1"), newstyle=True)
        expected[lang] = plain.get_template("t.html").render()
    assert expected == {
        "de": "Suche|Suche|A & B <em>b</em>|100% sicher|Hallo &lt;x&gt;|2 Seiten|Not in the catalog",
        "en": "Find|Find|A & B|100% sure|Hello &lt;x&gt;|2 pages|Not in the catalog",
    }
    stored = CountingStore(tmp_path / "cache")
    for lang in ("de", "en", "de", "en"):  # the second round from the cache folder's compiled templates
        render.jinja_environment.cache_clear()
        localize.translations.cache_clear()
        with steps.kept_by(stored):
            environment = render.jinja_environment(tmp_path / "templates", tmp_path / "i18n", lang, "v1")
            assert environment.get_template("t.html").render() == expected[lang]
    assert stored.made == {"catalogs": 2, "templates": 2}  # each made once per language, then taken as kept
    assert stored.recalled == {"catalogs": 2, "templates": 2}
    render.jinja_environment.cache_clear()  # a new catalog version: its own compiled templates
    with steps.kept_by(stored):
        render.jinja_environment(tmp_path / "templates", tmp_path / "i18n", "de", "v2").get_template("t.html")
    assert stored.made == {"catalogs": 3, "templates": 3}
    source = environment.compile(TEMPLATE, raw=True)
    assert "Find" in source and "'Search'" not in source  # translated when compiled


class CountingStore(steps.Fresh):
    """A keeper storing in a cache folder (as a build's reuse does) that counts what it made and recalled."""

    def __init__(self, folder: Path) -> None:
        from sitegen.reuse.stored import Stored

        self.store_in, self.made, self.recalled = Stored(folder), {}, {}

    def stored(self, purpose, key, make):
        def counted():
            self.made[purpose] = self.made.get(purpose, 0) + 1
            return make()
        found = self.store_in.recall(purpose, key)
        if found is not None:
            self.recalled[purpose] = self.recalled.get(purpose, 0) + 1
        return self.store_in.get(purpose, key, counted)

    def recall(self, purpose, key):
        found = self.store_in.recall(purpose, key)
        if found is not None:
            self.recalled[purpose] = self.recalled.get(purpose, 0) + 1
        return found

    def store(self, purpose, key, value):
        self.made[purpose] = self.made.get(purpose, 0) + 1
        self.store_in.store(purpose, key, value)


def test_a_compiled_catalog_is_kept_by_the_hash_of_its_po_file(tmp_path):
    """The next build process reads the compiled catalog of the same .po version; another version, or a damaged
    file, is compiled from the .po file."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from sitegen import localize

    def write_catalog(msgstr: str) -> None:
        catalog = Catalog(locale="de")
        catalog.add("Search", msgstr)
        path = localize.catalog_path(tmp_path / "i18n", "de")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog)

    stored = CountingStore(tmp_path / "cache")

    def gettext(version: str) -> str:
        localize.translations.cache_clear()  # as in a new build process
        with steps.kept_by(stored):
            return localize.translations(tmp_path / "i18n", "de", version).gettext("Search")

    write_catalog("Suche")
    assert gettext("v1") == "Suche"
    kept = list((tmp_path / "cache/catalogs").rglob("*"))
    assert stored.made == {"catalogs": 1} and len([path for path in kept if path.is_file()]) == 1
    write_catalog("Finden")  # (a real version is the .po file's hash: here the kept file shows it is read)
    assert gettext("v1") == "Suche"
    assert gettext("v2") == "Finden"
    for path in (tmp_path / "cache/catalogs").rglob("*"):
        if path.is_file():
            path.write_bytes(b"damaged")
    assert gettext("v2") == "Finden"


def test_make_i18n_compile_compiles_both_catalogs(tmp_path):
    shutil.copytree(ROOT / "i18n", tmp_path / "i18n", ignore=shutil.ignore_patterns("*.mo", "*.lock"))
    compiled = subprocess.run([str(Path(sys.executable).parent / "pybabel"), "compile", "-d", str(tmp_path / "i18n")],
                              capture_output=True, text=True)
    assert compiled.returncode == 0 and "skipping" not in compiled.stderr, compiled.stderr  # a fuzzy header skips it
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.mo")) == [
        "i18n/de/LC_MESSAGES/messages.mo", "i18n/en/LC_MESSAGES/messages.mo"]


def test_updating_the_catalogs_keeps_the_english_wording_and_starts_new_strings_as_their_ids(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    from update_catalogs import merge

    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (tmp_path / "messages.pot").write_text(header + 'msgid "Seat"\nmsgstr ""\n\nmsgid "New words"\nmsgstr ""\n')
    for lang, seat in (("en", "Based in"), ("de", "Sitz")):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / lang / "LC_MESSAGES/messages.po").write_text(header + f'msgid "Seat"\nmsgstr "{seat}"\n')
    assert merge("en", tmp_path) == [] and merge("de", tmp_path) == ["New words"]
    english = (tmp_path / "en/LC_MESSAGES/messages.po").read_text()
    assert 'msgid "Seat"\nmsgstr "Based in"' in english and 'msgid "New words"\nmsgstr "New words"' in english
    german = (tmp_path / "de/LC_MESSAGES/messages.po").read_text()
    assert 'msgid "Seat"\nmsgstr "Sitz"' in german and 'msgid "New words"\nmsgstr ""' in german
