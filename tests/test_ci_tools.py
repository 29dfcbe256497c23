"""The scripts CI runs (tools/changed_kind.py, stamp_version.py, page_diff.py, outside_links.py), on sites and
repositories of their own; outside links are asked of a server on 127.0.0.1 only, never of the internet."""
from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import changed_kind  # noqa: E402
import outside_links  # noqa: E402
import page_diff  # noqa: E402
import stamp_version  # noqa: E402

A = "a" * 40


# --- changed_kind: content only, or code too ------------------------------------------------------------------

@pytest.mark.parametrize("path, content", [
    ("content/press/2026-11-23-news.de.md", True), ("content/logos/cluster.png", True),
    ("content/pages/about.en.md", True), ("data/partners.yaml", True), ("data/events.yml", True),
    ("data/geo/dach-outlines.json", False), ("data/partners.yaml.orig", False), ("sitegen/render.py", False),
    ("templates/base.html", False), ("i18n/de/LC_MESSAGES/messages.po", False), ("static/css/site.css", False),
    ("requirements.txt", False), ("constraints.txt", False), ("tests/sites/example/data/partners.yaml", False),
    ("tools/gate.py", False), ("Makefile", False), (".github/workflows/site.yml", False),
    ("docs/editing.md", False), ("build.py", False), ("content", False), ("README.md", False),
])
def test_editors_content_is_content_and_everything_else_code(path, content):
    assert changed_kind.is_content(path) is content


def test_one_code_path_among_content_makes_it_code_and_no_change_is_content():
    assert changed_kind.kind_of(["content/pages/about.de.md", "data/events.yaml"]) == "content"
    assert changed_kind.kind_of(["content/pages/about.de.md", "templates/base.html"]) == "code"
    assert changed_kind.kind_of([]) == "content"


@pytest.mark.parametrize("text, commit", [
    (json.dumps({"commit": A, "built": "2026-11-23T03:17:00Z"}), A),
    (json.dumps({"commit": A.upper()}), None), (json.dumps({"commit": "abc1234"}), None),
    (json.dumps({"built": "2026-11-23T03:17:00Z"}), None), (json.dumps([A]), None), ('"' + A + '"', None),
    ("<!DOCTYPE html><title>404</title>", None), ("", None), (None, None),
])
def test_the_deployed_commit_is_read_from_the_live_version_file_or_unknown(text, commit):
    assert changed_kind.deployed_commit(text) == commit


def test_the_verdict_says_what_runs_and_why():
    decide = changed_kind.decide
    assert decide(["content/pages/about.de.md"], A) == changed_kind.Verdict(
        "content", A, "1 file of content changed since the deployed commit aaaaaaa: the publishing gate alone decides.")
    assert decide([], A).reason == "Nothing changed since the deployed commit aaaaaaa: the publishing gate alone decides."
    code = [f"sitegen/m{n}.py" for n in range(10)]
    assert decide(["data/partners.yaml", *code], A) == changed_kind.Verdict("code", A, (
        "Code changed since the deployed commit aaaaaaa (`sitegen/m0.py`, `sitegen/m1.py`, `sitegen/m2.py`, "
        "`sitegen/m3.py`, `sitegen/m4.py`, `sitegen/m5.py`, `sitegen/m6.py`, `sitegen/m7.py` and 2 more): "
        "the whole test suite runs before the gate."))
    assert decide(None, A).kind == "code"
    assert decide(None, A).reason.startswith("The deployed commit aaaaaaa is not in this repository's history")
    assert decide(None, None) == changed_kind.Verdict("code", "", (
        "The live site names no commit it was built from (first deployment, or its version.json unreadable): "
        "the whole test suite runs before the gate."))
    assert decide(["content/pages/about.de.md"], A, everything=True).kind == "code"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def _commit(repo: Path, files: dict[str, str], message: str) -> str:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path):
    """A git repository with a deployed commit, then a code commit never deployed, then a content commit."""
    folder = tmp_path / "repo"
    folder.mkdir()
    _git(folder, "init", "-q")
    deployed = _commit(folder, {"data/partners.yaml": "[]\n", "sitegen/render.py": "a = 1\n"}, "deployed")
    code = _commit(folder, {"sitegen/render.py": "a = 2\n"}, "code, its run failed the gate")
    _commit(folder, {"content/pages/about.de.md": "Text\n"}, "content")
    return folder, deployed, code


def _run(repo_folder: Path, version: Path, capsys, *extra: str) -> tuple[str, str]:
    assert changed_kind.main(["--live-version", str(version), "--repo", str(repo_folder), *extra]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_code_pushed_before_a_content_push_is_judged_against_the_deployed_commit(repo, tmp_path, capsys):
    folder, deployed, code = repo
    assert changed_kind.changed_paths(deployed, folder) == ["content/pages/about.de.md", "sitegen/render.py"]
    version = tmp_path / "live-version.json"
    version.write_text(stamp_version.version_document(deployed, dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)))
    out, err = _run(folder, version, capsys)
    assert out == f"kind=code\nsince={deployed}\n"
    assert err == (f"Code changed since the deployed commit {deployed[:7]} (`sitegen/render.py`): "
                   "the whole test suite runs before the gate.\n")
    version.write_text(json.dumps({"commit": code}))
    out, err = _run(folder, version, capsys)
    assert out == f"kind=content\nsince={code}\n"
    assert err == (f"1 file of content changed since the deployed commit {code[:7]}: the publishing gate "
                        "alone decides.\n")
    assert _run(folder, version, capsys, "--everything", "true")[0] == f"kind=code\nsince={code}\n"


def test_an_unknown_deployed_commit_runs_everything(repo, tmp_path, capsys):
    folder, _, _ = repo
    version = tmp_path / "live-version.json"
    assert changed_kind.changed_paths("b" * 40, folder) is None
    version.write_text(json.dumps({"commit": "b" * 40}))
    assert _run(folder, version, capsys)[0] == f"kind=code\nsince={'b' * 40}\n"
    version.unlink()  # curl found no version file on the site
    assert _run(folder, version, capsys)[0] == "kind=code\nsince=\n"


def test_paths_given_on_the_command_line_are_classified(capsys):
    assert changed_kind.main(["content/pages/about.de.md", "data/events.yaml"]) == 0
    assert changed_kind.main(["content/pages/about.de.md", "Makefile"]) == 0
    assert capsys.readouterr().out == "content\ncode\n"


# --- stamp_version: the site names its commit and build time ----------------------------------------------------

def test_the_version_file_names_the_commit_and_the_time_in_utc(tmp_path, capsys):
    built = dt.datetime(2026, 11, 23, 4, 17, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert stamp_version.version_document(A, built) == (
        '{\n  "commit": "' + A + '",\n  "built": "2026-11-23T03:17:05Z"\n}\n')
    assert json.loads(stamp_version.version_document(A, built, "https://ci/run/1"))["run"] == "https://ci/run/1"
    out = tmp_path / "out"
    out.mkdir()
    assert stamp_version.main(["--out", str(out), "--commit", A, "--built", "2026-11-23T03:17:05Z"]) == 0
    assert json.loads((out / "version.json").read_text()) == {"commit": A, "built": "2026-11-23T03:17:05Z"}
    assert changed_kind.deployed_commit((out / "version.json").read_text()) == A
    capsys.readouterr()


@pytest.mark.parametrize("args, message", [
    (["--commit", "abc1234"], "stamp_version.py: 'abc1234' is not a full commit id (40 hexadecimal digits)\n"),
    (["--commit", A, "--built", "2026-11-23T03:17:05"],
     "stamp_version.py: '2026-11-23T03:17:05' names no time zone (end it with Z for UTC)\n"),
])
def test_a_wrong_commit_or_time_writes_no_version_file(tmp_path, capsys, args, message):
    assert stamp_version.main(["--out", str(tmp_path), *args]) == 1
    assert capsys.readouterr().err == message
    assert not (tmp_path / "version.json").exists()


def test_the_commit_defaults_to_the_one_checked_out(repo, tmp_path, monkeypatch):
    folder, _, _ = repo
    monkeypatch.chdir(folder)
    out = tmp_path / "out"
    out.mkdir()
    assert stamp_version.main(["--out", str(out)]) == 0
    assert json.loads((out / "version.json").read_text())["commit"] == _git(folder, "rev-parse", "HEAD")


# --- page_diff: the pages a pull request adds, changes and removes ----------------------------------------------

def _page(title: str, main: str, footer: str = "Impressum") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"de\"><head><title>{title}</title></head><body><header>Kopf</header>\n"
            f"<main id=\"main\">{main}</main>\n<footer>{footer}</footer></body></html>\n")


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


@pytest.fixture
def two_sites(tmp_path):
    same = {"index.html": _page("Start", "<h1>Willkommen</h1>"), "static/css/site.css": "body{}\n"}
    base = _write(tmp_path / "base", {
        **same, "de/about/index.html": _page("Über uns", "<p>Zehn Partner</p>"),
        "de/old/index.html": _page("Alt | vorbei", "<p>alt</p>"),
        "de/layout/index.html": _page("Layout", "<p>gleich</p>"),
        "de/spacing/index.html": _page("Abstand", "<div>\n<p>Ein  <b>Text</b></p>\n</div>"),
        "de/code/index.html": _page("Code", "<pre>a  b</pre>\n"),
        "de/press/feed.xml": "<feed>1</feed>\n", "de/press/kit.pdf": "%PDF-1\n",
        ".sitegen/manifest.json": "{}\n", "pagefind/fragment/a.pf_fragment": "a",
    })
    head = _write(tmp_path / "head", {
        **same, "de/about/index.html": _page("Über uns", "<p>Elf Partner</p>"),
        "de/new/index.html": _page("Neu: *Partner* [CH]", "<p>neu</p>"),
        "de/layout/index.html": _page("Layout", "<p>gleich</p>", footer="Impressum · Datenschutz"),
        "de/spacing/index.html": _page("Abstand", "<div><p>Ein\n<b>Text</b></p></div>\n"),
        "de/code/index.html": _page("Code", "<pre>a b</pre>\n"),
        "de/press/feed.xml": "<feed>2</feed>\n", "de/events/x.ics": "BEGIN:VCALENDAR\n",
        ".sitegen/manifest.json": '{"x": 1}\n', "pagefind/fragment/b.pf_fragment": "b",
        "version.json": json.dumps({"commit": A}),
    })
    return base, head


def test_pages_added_changed_and_removed_are_told_apart_from_layout_and_other_files(two_sites):
    assert page_diff.compare(*two_sites) == page_diff.SiteDiff(
        added=("de/new/index.html",), changed=("de/about/index.html", "de/code/index.html"),
        layout_only=("de/layout/index.html", "de/spacing/index.html"),
        removed=("de/old/index.html",), files_added=("de/events/x.ics",), files_changed=("de/press/feed.xml",),
        files_removed=("de/press/kit.pdf",))


def test_the_summary_lists_each_page_with_its_title_and_links_to_the_live_one(two_sites):
    base, head = two_sites
    text = page_diff.report(page_diff.compare(base, head), base, head, live_url="https://example.org/dach/")
    assert text == """\
### Pages this change adds, changes and removes: 1 added, 2 changed, 1 removed

**Added**

- `/de/new/` Neu: \\*Partner\\* \\[CH\\]

**Changed**

- [`/de/about/`](https://example.org/dach/de/about/) Über uns
- [`/de/code/`](https://example.org/dach/de/code/) Code

**Removed**

- [`/de/old/`](https://example.org/dach/de/old/) Alt \\| vorbei

<details><summary>2 pages differ only outside their main text (head, header, navigation or footer) or in the spacing of their markup</summary>

- [`/de/layout/`](https://example.org/dach/de/layout/) Layout
- [`/de/spacing/`](https://example.org/dach/de/spacing/) Abstand

</details>

<details><summary>Other files (feeds, calendars, pictures, downloads …): 1 added, 1 changed, 1 removed</summary>

**Added**

- `/de/events/x.ics`

**Changed**

- `/de/press/feed.xml`

**Removed**

- `/de/press/kit.pdf`

</details>

"""


def test_identical_sites_differ_in_nothing_and_long_lists_are_cut(tmp_path, capsys):
    base = _write(tmp_path / "base", {"index.html": _page("Start", "x")})
    head = _write(tmp_path / "head", {"index.html": _page("Start", "x"), ".sitegen/manifest.json": "{}",
                                      **{f"de/p{n:03}/index.html": _page(f"P{n}", "x") for n in range(5)}})
    assert page_diff.main([str(base), str(base)]) == 0
    assert capsys.readouterr().out == ("### Pages this change adds, changes and removes: 0 added, 0 changed, "
                                       "0 removed\n\nNo page differs from the base's.\n\n")
    assert page_diff.main([str(base), str(head), "--limit", "2"]) == 0
    assert "**Added**\n\n- `/de/p000/` P0\n- `/de/p001/` P1\n- … and 3 more\n" in capsys.readouterr().out
    assert page_diff.main([str(base), str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == f"page_diff.py: {tmp_path / 'missing'} is no built site (no such folder)\n"


def test_page_urls_are_the_paths_visitors_open():
    assert [page_diff.page_url(p) for p in ("index.html", "de/about/index.html", "404.html", "de/p.ics")] == [
        "/", "/de/about/", "/404.html", "/de/p.ics"]


# --- outside_links: outside links that no longer answer, asked of 127.0.0.1 only ---------------------------------

class _Answers(http.server.BaseHTTPRequestHandler):
    """Each path answers in its own way; /hang answers only when the test is over."""

    release = threading.Event()
    seen: list = []

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def _answer(self, status: int, location: str = "") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):  # noqa: N802 - the http.server interface
        self.seen.append(("HEAD", self.path, self.headers["User-Agent"]))
        if self.path == "/hang":
            self.release.wait()
        if self.path == "/drop":
            self.close_connection = True
            return  # no answer at all: the connection just closes
        self._answer({"/ok": 200, "/no-head": 405, "/gone": 404, "/forbidden": 403, "/moved": 301,
                      "/hang": 200}.get(self.path, 500), location="/ok" if self.path == "/moved" else "")

    def do_GET(self):  # noqa: N802 - the http.server interface
        self.seen.append(("GET", self.path, self.headers["User-Agent"]))
        self._answer({"/ok": 200, "/no-head": 200, "/drop": 200, "/gone": 404, "/forbidden": 403}.get(self.path, 500))


@pytest.fixture
def answers(monkeypatch):
    """Serve _Answers on a free port of 127.0.0.1 (never through a proxy); yield its base URL and the log of requests."""
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1")
    _Answers.release.clear()
    _Answers.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Answers.seen
    finally:
        _Answers.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port():
    """A port of 127.0.0.1 that is bound but not listening (connections are refused) while the test runs."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def _site(folder: Path, server: str, refused: int) -> Path:
    links = {
        "index.html": f'<link rel="canonical" href="https://alliance.test/dach/"><a href="{server}/ok#top">ok</a>',
        "de/partners/index.html": (f'<a href="{server}/ok">ok</a><a href="{server}/no-head">x</a>'
                                   f'<a href="{server}/gone">x</a><a href=" {server}/moved ">x</a>'
                                   f'<a href="https://alliance.test/dach/de/">own</a><a href="mailto:a@b.test">m</a>'
                                   f'<a href="/dach/de/about/">internal</a><a href="#main">here</a>'),
        "en/partners/index.html": f'<a href="{server}/gone">x</a><a href="{server}/forbidden">x</a>',
        "de/about/index.html": f'<a href="{server}/drop">x</a><a href="http://127.0.0.1:{refused}/">x</a>',
        "pagefind/x.html": f'<a href="{server}/not-a-page">x</a>', ".sitegen/x.html": f'<a href="{server}/y">x</a>',
    }
    return _write(folder, {name: f"<!DOCTYPE html><html><head></head><body>{body}</body></html>"
                           for name, body in links.items()})


def test_outside_links_are_collected_from_pages_with_the_pages_naming_them(tmp_path, answers, closed_port):
    server, _ = answers
    folder = _site(tmp_path / "out", server, closed_port)
    assert outside_links.own_url(folder) == "https://alliance.test/dach/"
    assert outside_links.outside_links(folder, outside_links.own_url(folder)) == {
        f"http://127.0.0.1:{closed_port}/": ["/de/about/"], f"{server}/drop": ["/de/about/"],
        f"{server}/ok": ["/de/partners/", "/"], f"{server}/no-head": ["/de/partners/"],
        f"{server}/gone": ["/de/partners/", "/en/partners/"], f"{server}/moved": ["/de/partners/"],
        f"{server}/forbidden": ["/en/partners/"]}


def test_each_link_is_asked_with_head_then_get_and_the_report_names_what_failed(tmp_path, answers, closed_port,
                                                                               capsys):
    server, seen = answers
    folder = _site(tmp_path / "out", server, closed_port)
    assert outside_links.main([str(folder), "--timeout", "30", "--workers", "3"]) == 0
    failed = "\n".join(sorted([f"| <http://127.0.0.1:{closed_port}/> | connection refused | `/de/about/` |",
                               f"| <{server}/gone> | answered 404 | `/de/partners/`, `/en/partners/` |"]))
    assert capsys.readouterr().out == f"""\
### Outside links: 7 checked, 2 not answering, 1 refusing the checker

Nothing waits for this list. A link that stays on it for days: correct or remove it in `data/` or `content/` (find it by the page).

| Link | What happened | On the pages |
|---|---|---|
{failed}

<details><summary>Refusing the checker (401, 403, 429: often a protection against robots; open them in a browser)</summary>

| Link | What happened | On the pages |
|---|---|---|
| <{server}/forbidden> | answered 403 | `/en/partners/` |

</details>

"""
    asked = sorted((method, path) for method, path, _ in seen)
    assert asked == sorted([("HEAD", "/ok"), ("HEAD", "/no-head"), ("GET", "/no-head"), ("HEAD", "/gone"),
                            ("GET", "/gone"), ("HEAD", "/moved"), ("HEAD", "/ok"), ("HEAD", "/forbidden"),
                            ("GET", "/forbidden"), ("HEAD", "/drop"), ("GET", "/drop")])
    assert {agent for _, _, agent in seen} == {outside_links.USER_AGENT}


def test_a_server_that_does_not_answer_is_given_up_after_the_timeout_or_the_deadline(answers):
    server, _ = answers
    assert outside_links.check(f"{server}/hang", timeout=1) == outside_links.Outcome(
        f"{server}/hang", "failed", "no answer within 1 s")
    outcomes = outside_links.check_all([f"{server}/hang", f"{server}/ok"], timeout=600, workers=1, deadline=0.5)
    assert outcomes[f"{server}/hang"] == outside_links.Outcome(
        f"{server}/hang", "failed", "not checked: the check's deadline of 0.5 s passed")


def test_the_report_never_fails_the_step(tmp_path, capsys):
    assert outside_links.main([str(tmp_path / "missing")]) == 0
    assert capsys.readouterr().out == (f"### Outside links\n\nThe check itself failed: FileNotFoundError: "
                                       f"{tmp_path / 'missing'} is no built site (no such folder)\n\n")
    _write(tmp_path / "out", {"index.html": "<!DOCTYPE html><title>x</title><p>no links</p>"})
    assert outside_links.main([str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out == ("### Outside links: 0 checked, 0 not answering, 0 refusing the checker\n\n"
                                       "Every outside link answered.\n\n")
