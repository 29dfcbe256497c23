"""The preview server: serves the site, rebuilds on change, shows problems without stopping, stays inside output/."""
from __future__ import annotations

import asyncio
import html
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tornado.websocket import websocket_connect

from conftest import ROOT, run_cli
from sitegen import devserver, stages
from sitegen.cli import parser
from sitegen.problems import Problem
from support.minimal_site import PARTNERS, RELEASE_DE, picture
from test_templates import PARTIAL, TODAY, broken
from test_incremental import project_copy

TIMEOUT = 90
"""Seconds a test waits for a condition at most (generous: the machine may be busy)."""

FRANCE = html.escape(Problem("data/partners.yaml", 18, "country", "unknown country 'FR'", "DE, AT or CH").format())
"""The problem of the minimal site's second partner put in France, as shown in HTML."""

PICTURED = {"content/press/foto.jpg": picture(1000, 500),
            "content/press/2021-12-07-founded.de.md": RELEASE_DE.replace(
                "tags: [alliance]\n", "tags: [alliance]\nimage: {file: foto.jpg, alt: {de: Foto}}\n")}
"""Changes to the minimal site giving a release a picture."""

BOX = re.compile(rb'<link rel="stylesheet" href="/\.sitegen-preview/problems\.css"><aside class="sitegen-problems".*?'
                 rb"</aside>", re.DOTALL)
"""The box listing the problems at the top of a page."""


def free_port() -> int:
    """Return a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Return status and text of a URL."""
    status, _, body = get(url)
    return status, body.decode("utf-8", "replace")


def get(url: str) -> tuple[int, str, bytes]:
    """Return status, Content-Type and body of a URL."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


class ServerExited(AssertionError):
    """The dev server process ended while a test waited for it."""


def wait_for(url: str, text: str, process: subprocess.Popen | None = None, shown: bool = True) -> str:
    """Poll a URL until its body contains `text` (or, not `shown`, no longer does), bounded by TIMEOUT; return it."""
    deadline = time.monotonic() + TIMEOUT
    body = ""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServerExited(f"the dev server exited ({process.returncode}): {process.stdout.read()[-2000:]}")
        try:
            status, body = fetch(url)
            if (text in body) == shown:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} {'never showed' if shown else 'still shows'} {text!r}; last body: {body[:300]}")


@pytest.fixture
def server(site, tmp_path):
    """Start `build.py serve` on a free port for the minimal site; yield (source, base URL)."""
    source = site()
    process, base = start_server(source, tmp_path / "out")
    try:
        yield source, base
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)


def start_server(source: Path, out: Path, python: tuple[str, ...] = (str(ROOT / "build.py"),)
                 ) -> tuple[subprocess.Popen, str]:
    """Start `build.py serve` (or what the `python` arguments run) on a free port; return the process (its output in a
    pipe) and the base URL.

    Another process may take the free port before the server binds it (the test run starts
    servers in parallel); a server that exits at once is started again on another port.
    """
    for attempt in range(3):
        port = free_port()
        process = subprocess.Popen([sys.executable, *python, "serve", "--source", str(source), "--port",
                                    str(port), "--out", str(out), "--today", "2026-11-23"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}/"
        try:
            wait_for(base + "de/", "Testallianz", process)
            return process, base
        except ServerExited:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def test_the_server_never_restarts_itself_when_a_module_is_saved_and_says_only_what_editors_need(site, tmp_path):
    """livereload turns on Tornado's autoreload for an application unless told not to: it looked at every module
    twice a second and started the whole server again (its memory lost, browsers cut off) when one was saved.
    And it logged lines of its own ("Serving on …", "Start watching changes") after ours.

    The server runs with Tornado's autoreload replaced by a line saying it was started: the application is made
    before the server answers, so by then that line would have been said (whatever the machine's speed)."""
    probe = ("import runpy, sys, tornado.autoreload\n"
             "tornado.autoreload.start = lambda *args, **kwargs: print('autoreload started', flush=True)\n"
             f"sys.argv[0] = {str(ROOT / 'build.py')!r}\n"
             "runpy.run_path(sys.argv[0], run_name='__main__')\n")
    process, base = start_server(site(), tmp_path / "out", ("-c", probe))
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(process.stdout), daemon=True)
    reader.start()
    try:
        assert "Testallianz" in wait_for(base + "de/", "Testallianz", process)
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)
        reader.join(TIMEOUT)
    assert [line.split(" ", 1)[0] for line in said] == ["Rebuilt", "Serving"], "".join(said)
    assert started(said) == 1, "".join(said)


def started(said: list[str]) -> int:
    """Return how many times a server said it started serving."""
    return sum("press Ctrl+C to stop" in line for line in said)


def test_edit_rebuilds_and_the_page_carries_the_reload_script(server):
    source, base = server
    page = wait_for(base + "de/partners/alpha/", "Alpha Cluster e.V.")
    assert f'<script src="/livereload.js?port={base.split(":")[2].rstrip("/")}" defer></script></head>' in page
    (source / "data/partners.yaml").write_text(PARTNERS.replace("Alpha Cluster e.V.", "Alpha Cluster neu"))
    wait_for(base + "de/partners/alpha/", "Alpha Cluster neu")


def test_a_save_sends_the_reload_signal_to_open_pages_after_a_failed_build_and_after_the_fixed_one(server):
    """The livereload protocol as a browser speaks it: hello, info, then a reload message after each save."""
    source, base = server
    port = int(base.split(":")[2].rstrip("/"))
    partners = source / "data/partners.yaml"

    async def reloads_after_saves() -> list[tuple[dict, str]]:
        socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
        hello = json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
        await socket_.write_message(hello)
        assert json.loads(await socket_.read_message())["command"] == "hello"
        await socket_.write_message(json.dumps({"command": "info", "url": base + "de/", "plugins": {}}))
        # The server counts the page as open once it has its info: messages are handled in order, so the answer to
        # a second hello says it has.
        await socket_.write_message(hello)
        assert json.loads(await socket_.read_message())["command"] == "hello"
        seen = []
        for text in (PARTNERS.replace("country: AT", "country: FR"), PARTNERS.replace("Alpha Cluster e.V.", "Signal")):
            partners.write_text(text)
            message = json.loads(await asyncio.wait_for(socket_.read_message(), TIMEOUT))
            seen.append((message, fetch(base + "de/partners/alpha/")[1]))
        return seen

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        (failed, during), (fixed, after) = thread.submit(asyncio.run, reloads_after_saves()).result()
    assert failed["command"] == "reload" and failed["path"].endswith("partners.yaml")
    assert "The site could not be rebuilt" in during  # rebuilt (and failed) before the signal
    assert fixed["command"] == "reload" and fixed["path"].endswith("partners.yaml")
    assert "The site could not be rebuilt" not in after and ">Signal</h1>" in after  # rebuilt before the signal


def test_search_refresh_waits_for_quiet_and_runs_once_at_a_time(tmp_path, monkeypatch):
    runs, finish_first = [], threading.Event()

    def fake_index(site, background=False):
        runs.append((time.monotonic(), background))
        if len(runs) == 1:
            finish_first.wait(TIMEOUT)  # the first run lasts until the test has saved again

    def wait_until(condition) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.02)

    monkeypatch.setattr(devserver, "build_index", fake_index)
    monkeypatch.setattr(devserver.SearchRefresh, "DELAY", 0.5)
    refresh = devserver.SearchRefresh(tmp_path)
    for _ in range(5):  # a burst of saves: one run, DELAY after the last
        last = time.monotonic()
        refresh.request()
    wait_until(lambda: runs)
    assert len(runs) == 1 and runs[0][0] - last >= 0.5
    again = time.monotonic()
    refresh.request()  # a save during the run: one more run, DELAY after it, once the first is over
    finish_first.set()
    wait_until(lambda: len(runs) == 2 and not refresh.running)
    assert len(runs) == 2 and all(background for _, background in runs)
    assert runs[1][0] - again >= 0.5
    assert not refresh.running


def test_bad_input_shows_its_problems_on_the_last_good_site_and_fixing_it_brings_the_new_site(server):
    source, base = server
    (source / "data/partners.yaml").write_text(PARTNERS.replace("country: AT", "country: FR"))
    page = wait_for(base + "de/", "The site could not be rebuilt")
    assert f"<li><code>{FRANCE}</code></li>" in page
    assert "Testallianz" in page
    (source / "data/partners.yaml").write_text(PARTNERS.replace("Alpha Cluster e.V.", "Alpha Cluster neu"))
    assert "The site could not be rebuilt" not in wait_for(base + "de/partners/alpha/", "Alpha Cluster neu")


def test_while_the_input_has_errors_the_last_good_site_is_served_whole_with_the_problems_on_its_pages(site, tmp_path):
    """Every URL answered with the problem page, the stylesheet too: the editor saw an unstyled page and no site."""
    source = site(PICTURED)
    process, base = start_server(source, tmp_path / "out")
    try:
        files = ["static/css/site.css", "static/js/site.js", "static/img/logo.svg",
                 "press/files/2021-12-07-founded/foto-480w.jpg", "de/press/feed.xml", "de/events/calendar.ics"]
        good = {name: get(base + name) for name in files}
        assert all(status == 200 for status, _, _ in good.values()) and good["static/css/site.css"][1] == "text/css"
        pages = ["de/partners/alpha/", "de/press/2021-12-07-founded/", "en/"]
        before = {name: get(base + name) for name in pages}
        assert all(status == 200 and b"sitegen-problems" not in body for status, _, body in before.values())
        (source / "data/partners.yaml").write_text(PARTNERS.replace("Alpha Cluster e.V.", "Alpha <Neu>")
                                                   .replace("country: AT", "country: FR"))
        wait_for(base + "de/", "The site could not be rebuilt", process)
        for name in pages:  # each the last good page, the box of problems at the top
            status, kind, body = get(base + name)
            assert (status, kind) == (200, "text/html; charset=utf-8")
            box = BOX.search(body)
            assert box and body.index(b"<body>") + len(b"<body>") == box.start() < body.index(b'<main id="main"')
            assert body[:box.start()] + body[box.end():] == before[name][2]
            assert f"<li><code>{FRANCE}</code></li>".encode() in box.group()
        assert "Alpha Cluster e.V." in fetch(base + "de/partners/alpha/")[1]
        assert {name: get(base + name) for name in files} == good  # unchanged, byte for byte
        status, kind, body = get(base + ".sitegen-preview/problems.css")
        assert (status, kind) == (200, "text/css; charset=utf-8") and b".sitegen-problems {" in body
        status, _, body = get(base + "de/nirgends/")  # the site's 404 page, with the problems
        assert status == 404 and BOX.search(body) and b"Seite nicht gefunden" in body
        assert get(base + "static/css/nirgends.css")[0] == 404
        (source / "data/partners.yaml").write_text(PARTNERS)
        page = wait_for(base + "de/partners/alpha/", "The site could not be rebuilt", process, shown=False)
        assert "Alpha Cluster e.V." in page and "sitegen-problems" not in page
        assert "sitegen-problems" not in fetch(base + "de/")[1]
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)


def call(app, path: str) -> tuple[str, str, bytes]:
    """Return status, Content-Type and body of the WSGI app's answer to a GET of `path`."""
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, kind=dict(headers)["Content-Type"])

    body = b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, start_response))
    return answer["status"], answer["kind"], body


def test_before_any_good_build_pages_show_the_problems_alone_and_other_files_are_not_found(site, tmp_path):
    source = site({"data/partners.yaml": PARTNERS.replace("country: AT", "country: <FR>")})
    preview = devserver.Preview(source, tmp_path / "out", "http://127.0.0.1:8000/", TODAY)
    preview.rebuild()
    assert preview.problems and not preview.built
    app = devserver.wsgi_app(preview, '<script src="/livereload.js?port=8000" defer></script>')
    for path in ("/", "/de/", "/de/partners/alpha/", "/en/index.html", "/de/partners"):
        status, kind, body = call(app, path)
        assert (status, kind) == ("200 OK", "text/html; charset=utf-8"), path
        assert body.startswith(b"<!DOCTYPE html>") and b"<h1>The site could not be built</h1>" in body
        assert f"<li><code>{FRANCE.replace('FR', '&lt;FR&gt;')}</code></li>".encode() in body
        assert b'<script src="/livereload.js?port=8000" defer></script></head>' in body
    for path in ("/static/css/site.css", "/press/files/x/foto-480w.jpg", "/de/press/feed.xml"):
        assert call(app, path) == ("404 Not Found", "text/plain; charset=utf-8", b"Not found"), path
    assert call(app, "/.sitegen-preview/problems.css")[:2] == ("200 OK", "text/css; charset=utf-8")
    (source / "data/partners.yaml").write_text(PARTNERS)
    preview.rebuild()
    assert call(app, "/static/css/site.css")[:2] == ("200 OK", "text/css")
    assert b"sitegen-problems" not in call(app, "/de/")[2]


def test_a_picture_saved_shows_from_its_copies_and_a_damaged_one_shows_an_overlay_until_replaced(server):
    source, base = server
    release = source / "content/press/2021-12-07-founded.de.md"
    whole = picture(1000, 500)
    (source / "content/press/foto.jpg").write_bytes(whole)
    release.write_text(RELEASE_DE.replace("tags: [alliance]\n",
                                          "tags: [alliance]\nimage: {file: foto.jpg, alt: {de: Foto}}\n"))
    wait_for(base + "de/press/2021-12-07-founded/", 'foto-960w.jpg" fetchpriority="high"')
    assert fetch(base + "press/files/2021-12-07-founded/foto-480w.jpg")[0] == 200
    (source / "content/press/foto.jpg").write_bytes(whole[: len(whole) // 2])  # an upload that failed half-way
    overlay = wait_for(base + "de/", "The site could not be rebuilt")
    assert fetch(base + "press/files/2021-12-07-founded/foto-480w.jpg")[0] == 200  # the last good site's copy
    assert html.escape(Problem("content/press/2021-12-07-founded.de.md", 8, "image.file",
                               "'foto.jpg' is not a picture that can be shown", "damaged, or of another kind").format()
                       ) in overlay
    (source / "content/press/foto.jpg").write_bytes(picture(1200, 600))
    wait_for(base + "de/press/2021-12-07-founded/", 'width="1200" height="600"')


def test_a_broken_template_shows_an_overlay_and_fixing_it_brings_the_site_back(site, tmp_path):
    """Templates are watched as well: each kind of mistake shows on the overlay at its line, the last good
    site stays, and the fixed template brings the site back (the preview's state; its server shows the overlay
    whenever it has problems, as the test above sees)."""
    project = project_copy(tmp_path / "project")
    preview = devserver.Preview(site(), tmp_path / "out", "http://127.0.0.1:8000/", TODAY, project=project)
    preview.rebuild()
    assert preview.problems == [] and preview.built
    page = tmp_path / "out/de/press/index.html"
    good = page.read_bytes()
    partial = project.templates / PARTIAL
    original = partial.read_text()
    for text, expected in broken(original):
        partial.write_text(text)
        preview.rebuild()
        assert [problem.format() for problem in preview.problems] == [expected]
        assert html.escape(expected) in devserver.overlay(preview.problems, "").decode()
        assert page.read_bytes() == good
    partial.write_text(original.replace("<h3>", "<h3 class=x>", 1))
    preview.rebuild()
    assert preview.problems == [] and b"<h3 class=x>" in page.read_bytes()


def test_an_internal_error_is_shown_and_the_server_keeps_running(site, tmp_path, monkeypatch):
    preview = devserver.Preview(site(), tmp_path / "out", "http://127.0.0.1:8000/", TODAY)
    preview.rebuild()
    page = (tmp_path / "out/de/index.html").read_bytes()

    def failing(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stages, "load_outlines", failing)
    (preview.source / "data/partners.yaml").write_text(PARTNERS.replace("Alpha Cluster e.V.", "Alpha neu"))
    preview.rebuild()
    assert preview.problems == [Problem("build.py", 0, "", "internal error: OSError: [Errno 28] No space left on device",
                                        "a build that works: run build.py build with SITEGEN_DEBUG=1 for details")]
    assert (tmp_path / "out/de/index.html").read_bytes() == page
    monkeypatch.undo()
    preview.rebuild()
    assert preview.problems == [] and "Alpha neu" in (tmp_path / "out/de/partners/alpha/index.html").read_text()


def test_nothing_outside_the_output_folder_is_served(server):
    _, base = server
    for path in ("../conftest.py", "..%2fconftest.py", "%2e%2e/%2e%2e/etc/passwd", "de/../../site/data/site.yaml"):
        request = urllib.request.Request(base + path)
        with socket.create_connection(("127.0.0.1", int(base.split(":")[2].rstrip("/"))), timeout=TIMEOUT) as raw:
            raw.sendall(f"GET /{path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            answer = b""
            while chunk := raw.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 404"), (path, answer[:100])
        assert request


def test_a_taken_port_is_told_before_anything_is_built(site, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--source", str(site()), "--port", str(port), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr == (f"build.py: cannot serve on 127.0.0.1:{port}: Address already in use (another preview "
                             f"running? choose another port: make serve PORT={port + 1})\n")
    assert not (tmp_path / "out").exists()


def test_loopback_is_the_default():
    args = parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_every_kind_of_input_is_watched(tmp_path):
    folders = devserver.watched_folders(tmp_path)
    assert folders[:2] == [tmp_path / "content", tmp_path / "data"]
    assert [folder.relative_to(ROOT).as_posix() for folder in folders[2:]] == ["templates", "i18n", "static"]
    (tmp_path / "content").mkdir()
    # livereload knows them as its tasks too, so it does not add (and announce) the working directory
    assert list(devserver.ChangeWatcher(folders, lambda: None)._tasks) == [str(folder) for folder in folders
                                                                         if folder.is_dir()]


def test_the_cycle_collector_waits_until_the_pages_are_told_to_reload(tmp_path, monkeypatch):
    """Collecting what a rebuild made (10–90 ms) comes after the reload signal, not before it."""
    import gc

    seen = []
    monkeypatch.setattr(devserver.LiveReloadHandler, "reload_waiters",
                        classmethod(lambda cls, path: seen.append(("signal", path, gc.isenabled()))))
    watcher = devserver.ChangeWatcher([tmp_path], lambda: seen.append(("rebuild", gc.isenabled())))
    assert gc.isenabled()
    watcher.changed([str(tmp_path / "b"), str(tmp_path / "a")])
    assert seen == [("rebuild", False), ("signal", str(tmp_path / "b"), False)]
    assert gc.isenabled()
    watcher.rebuild = lambda: 1 / 0  # a failing rebuild turns it on again too
    with pytest.raises(ZeroDivisionError):
        watcher.changed([str(tmp_path / "a")])
    assert gc.isenabled()
