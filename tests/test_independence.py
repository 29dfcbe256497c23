"""The tests test the generator, never today's real content: they build sites of their own or the example site
(tests/sites/example), which says on every page that it is an example.

The real site's content/ and data/*.yaml belong to the editors: a 17th partner or an event announced today must
never make a test fail. The map outlines (data/geo/) are project files and may be read.
"""
from __future__ import annotations

import ast
import re

import pytest

from conftest import EXAMPLE_TODAY, ROOT
from sitegen.pipeline import build, check
from support.minimal_site import SITE

TESTS = ROOT / "tests"
EXEMPT = ("tests/quality/", "tests/test_independence.py", "tests/test_monthly_changes.py")
"""tests/quality/ checks the site to be published (its own rules); this file names the forbidden reads;
test_monthly_changes.py makes the editors' monthly changes on a COPY of the real site, whatever it holds, and
asserts only that the publishing gate passes and what each change shows."""
ROOT_NAMES = {"ROOT", "PROJECT"}
"""Names the tests give the repository's folder (and any module-level name made from `__file__`)."""
COMMANDS = {"build", "check", "schema", "serve"}
"""build.py's commands that read a site folder (this repository's when --source is not given)."""
READERS = {"build", "check", "check_links", "load_site", "write_schemas"}
"""Functions of the generator taking a site folder first."""

NOTE = {
    "de": "Beispielseite: Partner, Termine, Meldungen und Angebote auf dieser Seite sind teils erfunden und zeigen, "
          "was der Generator kann.",
    "en": "Example site: some of the partners, events, press releases and offers on this site are invented, to show "
          "what the generator can do.",
}


def _root_names(tree: ast.Module) -> set[str]:
    """Return the names standing for the repository's folder in a module."""
    names = set(ROOT_NAMES)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(n, ast.Name) and n.id == "__file__"
                                                for n in ast.walk(node.value)):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def _is_root(node: ast.AST, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names


def _first_text(node: ast.AST) -> str | None:
    """Return the text a string (or the start of an f-string) begins with."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return node.values[0].value
    return None


def _real_site_path(node: ast.BinOp, names: set[str]) -> bool:
    """Whether `ROOT / "content…"` or `ROOT / "data…"` (not data/geo) is written."""
    text = _first_text(node.right)
    return (isinstance(node.op, ast.Div) and _is_root(node.left, names) and text is not None
            and re.match(r"(content|data)(/|$)", text) is not None and not text.startswith("data/geo"))


def _called(node: ast.Call) -> str:
    function = node.func
    return function.id if isinstance(function, ast.Name) else function.attr if isinstance(function, ast.Attribute) else ""


def _command_without_source(node: ast.Call) -> bool:
    """Whether a call runs build.py (run_cli, cli.main, a process of build.py) on this repository's folder."""
    texts = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    runs_cli = _called(node) in ("run_cli", "main") or "build.py" in texts
    return runs_cli and any(text in COMMANDS for text in texts) and "--source" not in texts


def real_site_reads(source: str, name: str) -> list[str]:
    """Return `name:line: what` for every read of the real site's content or data in a test module's source."""
    tree = ast.parse(source, name)
    names = _root_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and _real_site_path(node, names):
            found.append((node.lineno, f"reads {ast.unparse(node)}"))
        elif isinstance(node, ast.Call) and _called(node) in READERS and node.args and _is_root(node.args[0], names):
            found.append((node.lineno, f"{_called(node)}() of the repository's own site"))
        elif isinstance(node, ast.Call) and _command_without_source(node):
            found.append((node.lineno, "build.py without --source (the repository's own site)"))
    return [f"{name}:{line}: {what} (use the example site, conftest.EXAMPLE, or a site of the test's own)"
            for line, what in sorted(set(found))]


def test_no_test_reads_the_real_sites_content_or_data():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if not name.startswith(EXEMPT):
            found += real_site_reads(path.read_text(encoding="utf-8"), name)
    assert found == []


COMMAND = "build.py without --source (the repository's own site)"


@pytest.mark.parametrize("line, what", [
    ('ROOT / "content"', "reads ROOT / 'content'"),
    ('ROOT / "content/press"', "reads ROOT / 'content/press'"),
    ('PROJECT / "data/partners.yaml"', "reads PROJECT / 'data/partners.yaml'"),
    ('ROOT / "data" / f"{name}.yaml"', "reads ROOT / 'data'"),
    ('ROOT / f"data/{name}.yaml"', "reads ROOT / f'data/{name}.yaml'"),
    ("build(ROOT, out, TODAY, search=False)", "build() of the repository's own site"),
    ("site, problems = check(PROJECT)", "check() of the repository's own site"),
    ('run_cli("check")', COMMAND),
    ('cli.main(["build", "--out", str(out)])', COMMAND),
    ('subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--port", "8000"])', COMMAND),
])
def test_each_kind_of_read_is_found_at_its_line(line, what):
    source = f"def test_x():\n    x = 1\n    {line}\n"
    assert real_site_reads(source, "tests/test_x.py") == [
        f"tests/test_x.py:3: {what} (use the example site, conftest.EXAMPLE, or a site of the test's own)"]


def test_a_name_made_from_the_test_files_place_counts_as_the_repository():
    source = 'HERE = Path(__file__).resolve().parents[1]\nTEXTS = sorted((HERE / "content").rglob("*.md"))\n'
    assert real_site_reads(source, "tests/test_x.py") == [
        "tests/test_x.py:2: reads HERE / 'content' (use the example site, conftest.EXAMPLE, or a site of the test's "
        "own)"]


def test_what_a_test_may_read_is_not_found():
    source = "\n".join([
        'OUTLINES = load_outlines(ROOT / "data/geo/dach-outlines.json")',
        'TEXTS = (EXAMPLE / "content").rglob("*.md")',
        'build(EXAMPLE, out, EXAMPLE_TODAY, search=False)',
        'check(site({"data/partners.yaml": PARTNERS}))',
        'run_cli("check", "--source", str(source))',
        'makefile = (ROOT / "Makefile").read_text()',
        'shutil.copytree(PROJECT / "templates", folder / "templates")',
    ])
    assert real_site_reads(source, "tests/test_x.py") == []


def test_every_page_of_the_example_site_says_it_is_an_example_in_its_language(example_built):
    for lang in ("de", "en"):
        for page in ("index.html", "partners/index.html", "events/medica-2027/index.html", "imprint/index.html"):
            html = (example_built / lang / page).read_text()
            main = html.split('<main id="main"', 1)[1].split(">", 1)[1]
            # the first thing in <main>, above the page's own content, and left out of the search index
            assert main.startswith(f'\n<div class="wrap"><p class="example-note" data-pagefind-ignore>{NOTE[lang]}</p>\n'
                                   ), (lang, page)
            assert html.count("example-note") == 1
            other = NOTE["en" if lang == "de" else "de"]
            assert other not in html


def test_a_site_that_is_no_example_says_nothing_of_it(site, tmp_path):
    out = tmp_path / "out"
    build(site(), out, EXAMPLE_TODAY, search=False)
    for lang in ("de", "en"):
        html = (out / lang / "index.html").read_text()
        assert "<h1" in html and "example-note" not in html and NOTE[lang] not in html
    shown = site({"data/site.yaml": SITE + "example: false\n"})
    build(shown, out, EXAMPLE_TODAY, search=False)
    assert "example-note" not in (out / "en/index.html").read_text()


def test_example_must_be_true_or_false(site):
    found, problems = check(site({"data/site.yaml": SITE.replace("press_page_size: 2\n",
                                                                 "press_page_size: 2\nexample: sometimes\n")}))
    assert found is None and [(p.path, p.line, p.field, p.message, p.expected) for p in problems] == [
        ("data/site.yaml", 8, "example", "'sometimes' is not true or false", "true or false")]
