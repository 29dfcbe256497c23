"""Own the editors' preview: build, serve output/ on loopback, rebuild on every change, reload the browser.

A mistake in the input (data, content, a template, a catalog) never stops the server: the
terminal prints the `path:line:` problems, and the last good site stays on disk and is served
until a fixed file brings the site back — its pages with a box listing the problems at the top,
every other file (styles, scripts, pictures, feeds, calendars) unchanged. Before any build of this
process succeeded, pages are a page of the problems alone, other files not found. Any other
failure is shown the same way, as an internal error. Only files inside the output folder are ever
served, besides the problem box's own stylesheet.
"""
from __future__ import annotations

import datetime as dt
import errno
import gc
import html
import logging
import mimetypes
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from . import pipeline
from .reuse import MEMORY_FILE
from .reuse.memory import Memory
from .problems import Problem, ProblemsFound, counted, lines
from .search import build_index


WATCHED = ("content", "data")
"""Site-folder parts that are watched (the project's templates, i18n and static are watched too)."""


@dataclass
class Preview:
    """The state of the preview: where things are, and the problems of the last build (if any)."""

    source: Path
    """Site folder."""
    out: Path
    """Output folder served."""
    base_url: str
    """http://host:port/"""
    today: dt.date
    """What counts as today."""
    drafts: bool = False
    """Show unpublished releases with a banner."""
    problems: list[Problem] = field(default_factory=list)
    """Errors of the last build; empty when the site is current."""
    memory: Memory = field(default_factory=Memory)
    """What the previous build made, so that a rebuild redoes only what a save changed."""
    search: "SearchRefresh | None" = None
    """Keeps the search index current in the background (made on first use)."""
    built: bool = False
    """Whether this process has built the site in `out` (from then on, changed files are replaced in place)."""
    project: pipeline.Project = field(default_factory=pipeline.Project)
    """The templates, catalogs and static files the site is built with."""

    def rebuild(self) -> None:
        """Build the site; on invalid input keep the last good site and remember the problems."""
        started = time.monotonic()
        try:
            # The first build publishes a whole new folder; later ones replace what changed in it.
            report = pipeline.build(self.source, self.out, self.today, self.base_url, search=False, drafts=self.drafts,
                                    project=self.project, memory=self.memory, in_place=self.built)
        except ProblemsFound as found:
            self.problems = [p for p in found.problems if not p.warning]
            print("\n".join(lines(found.problems, summarise=True)), file=sys.stderr, flush=True)
            print(f"{counted(len(self.problems), 'problem')}: the last good site is still served.", file=sys.stderr, flush=True)
            return
        except Exception as error:  # noqa: BLE001 - the preview outlives any failure, shown as the overlay too
            self.problems = [Problem("build.py", 0, "", f"internal error: {type(error).__name__}: {error}",
                                     "a build that works: run build.py build with SITEGEN_DEBUG=1 for details")]
            print(self.problems[0].format(), file=sys.stderr, flush=True)
            print("The last good site is still served.", file=sys.stderr, flush=True)
            return
        self.problems = []
        self.built = True
        if report.warnings:  # (placeholders left in as one line, as build.py build says them)
            print("\n".join(lines(report.warnings, summarise=True)), file=sys.stderr, flush=True)
        print(f"Rebuilt {sum(report.pages.values())} pages ({report.files} files written) in "
              f"{time.monotonic() - started:.2f} s.", flush=True)
        self.search = self.search or SearchRefresh(self.out)
        self.search.request()


class SearchRefresh:
    """Keeps the preview's search index current without slowing the rebuilds a save triggers.

    Pagefind reads the whole site, so it runs once saves have been quiet for `DELAY` seconds,
    one run at a time (never two into the same folder), at low CPU priority; saves during a
    run ask for one more run after it.
    """

    DELAY = 5.0
    """Seconds without a new request before the index is rebuilt."""

    def __init__(self, out: Path):
        self.out = out
        self.lock = threading.Lock()
        self.due: float | None = None
        self.running = False

    def request(self) -> None:
        """Ask for a fresh index (soon, not now)."""
        with self.lock:
            self.due = time.monotonic() + self.DELAY
            if self.running:
                return
            self.running = True
        threading.Thread(target=self._run, name="search", daemon=True).start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if self.due is None:
                    self.running = False
                    return
                wait = self.due - time.monotonic()
                if wait <= 0:
                    self.due = None
            if wait > 0:
                time.sleep(wait)
                continue
            try:
                build_index(self.out, background=True)
            except Exception as error:  # noqa: BLE001 - the preview keeps running without search
                print(f"search index not refreshed: {error}", file=sys.stderr, flush=True)


PROBLEMS_CSS = "/.sitegen-preview/problems.css"
"""Address of the problem box's stylesheet (the pages' Content-Security-Policy allows no inline style)."""

PROBLEMS_STYLE = b"""\
.sitegen-problems { margin: 0; padding: 1rem 1.25rem; background: #fff1f0; color: #1f1f1f;
  border-bottom: 4px solid #b3261e; font: 1rem/1.5 system-ui, sans-serif; max-height: 50vh; overflow: auto; }
.sitegen-problems-page { max-height: none; min-height: 100vh; box-sizing: border-box; border: 0; }
.sitegen-problems h1, .sitegen-problems h2 { margin: 0 0 .25rem; font-size: 1.25rem; color: #8c1d18; }
.sitegen-problems p { margin: 0 0 .5rem; }
.sitegen-problems ol { margin: 0; padding-left: 1.5rem; }
.sitegen-problems code { font: .9rem/1.4 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
"""

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def _problem_list(problems: list[Problem]) -> str:
    return "".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in problems)


def overlay(problems: list[Problem], script: str) -> bytes:
    """Return the page shown instead of any page while the input has errors and no build has succeeded yet."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build problems</title>'
            f'<link rel="stylesheet" href="{PROBLEMS_CSS}">{script}</head><body>'
            f'<main id="main" class="sitegen-problems sitegen-problems-page"><h1>The site could not be built</h1>'
            f"<p>Fix these lines and save; this page reloads by itself.</p><ol>{_problem_list(problems)}</ol>"
            f"</main></body></html>").encode()


def problem_box(problems: list[Problem]) -> bytes:
    """Return the box listing the problems that is shown at the top of every page of the last good site."""
    return (f'<link rel="stylesheet" href="{PROBLEMS_CSS}"><aside class="sitegen-problems" role="alert" lang="en" '
            f'aria-label="Build problems"><h2>The site could not be rebuilt</h2><p>Fix these lines and save; this '
            f"page reloads by itself. Until then the last good version of the site is shown.</p>"
            f"<ol>{_problem_list(problems)}</ol></aside>").encode()


def wsgi_app(preview: Preview, script: str):
    """Return a WSGI app serving the output folder, with the reload script in HTML and, while the input has errors,
    the problems on every page."""
    root = preview.out

    def app(environ, start_response):
        path = unquote(environ.get("PATH_INFO", "/"))
        if path == PROBLEMS_CSS:
            return respond(start_response, "200 OK", "text/css; charset=utf-8", PROBLEMS_STYLE)
        if preview.problems and not preview.built:  # nothing of this preview's to show yet
            if is_page(path):
                return respond(start_response, "200 OK", "text/html; charset=utf-8", overlay(preview.problems, script))
            return respond(start_response, "404 Not Found", "text/plain; charset=utf-8", b"Not found")
        target = resolve(root, path)
        if target is None:
            page = root / "404.html"
            body = page.read_bytes() if page.is_file() else b"Not found"
            return respond(start_response, "404 Not Found", "text/html; charset=utf-8",
                           inject(body, script, preview.problems))
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        body = target.read_bytes()
        if kind == "text/html":
            # The browser editor (admin/) gets no reload script: its own policy refuses the reload socket, and a
            # reload would throw away what an editor is typing.
            if path.lstrip("/").split("/", 1)[0] != "admin":
                body = inject(body, script, preview.problems)
            kind = "text/html; charset=utf-8"
        return respond(start_response, "200 OK", kind, body)

    return app


def is_page(path: str) -> bool:
    """Return whether a request path names a page (a folder or an .html file) rather than another file."""
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def resolve(root: Path, path: str) -> Path | None:
    """Return the file a request path names inside `root`, or None (missing, or outside the folder)."""
    parts = [part for part in path.split("/") if part]
    if any(part in ("..", ".") or "\\" in part or "\0" in part for part in parts):
        return None
    target = root.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    try:
        real = target.resolve(strict=True)
    except (FileNotFoundError, OSError):
        return None
    return real if real.is_file() and real.is_relative_to(root.resolve()) else None


def inject(body: bytes, script: str, problems: list[Problem] = ()) -> bytes:
    """Insert the reload script before </head> and, when there are problems, their box at the top of <body>."""
    body = body.replace(b"</head>", script.encode() + b"</head>", 1)
    if problems:
        start = _BODY.search(body)
        at = start.end() if start else 0
        body = body[:at] + problem_box(problems) + body[at:]
    return body


def respond(start_response, status: str, kind: str, body: bytes) -> list[bytes]:
    """Send a complete response."""
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
    return [body]


class _QuietServer(Server):
    """livereload's server, without its inline script (our CSP forbids inline script; we add a src= one) and its
    chatter (it logged "Serving on …" after our line and "Reload 0 waiters: None" after every rebuild)."""

    def get_web_handlers(self, script):
        return super().get_web_handlers(b"")

    def _setup_logging(self):
        super()._setup_logging()
        logging.getLogger("livereload").setLevel(logging.WARNING)


class ChangeWatcher(Watcher):
    """Rebuilds and reloads the browser as soon as the kernel reports a change (inotify, through watchfiles).

    livereload's own watcher walks every watched file every 0.8 s and sends the reload only
    after its task; this one is told of a save within a few milliseconds, waits until no
    further change has come for `STEP_MS` (an editor writing several files, a `git checkout`),
    rebuilds once on the server's event loop and signals the browsers at once.
    """

    STEP_MS = 20
    """Quiet time after the last change before rebuilding."""

    def __init__(self, folders: list[Path], rebuild: Callable[[], None]):
        super().__init__()
        self.folders = [folder for folder in folders if folder.is_dir()]
        for folder in self.folders:  # named as livereload's tasks too (else it says it watches the working directory)
            self.watch(str(folder))
        self.rebuild = rebuild
        self.stopped = threading.Event()

    def start(self, callback) -> bool:
        """Start watching in a thread (livereload calls this with its polling callback, which is not needed)."""
        loop = IOLoop.current()

        def watch() -> None:
            for changes in watchfiles.watch(*self.folders, step=self.STEP_MS, stop_event=self.stopped,
                                            raise_interrupt=False):
                loop.add_callback(self.changed, sorted(path for _, path in changes))

        threading.Thread(target=watch, name="watch", daemon=True).start()
        return True

    def changed(self, paths: list[str]) -> None:
        """Rebuild, then tell every open page to reload (the overlay too, when the build found problems).

        The cycle collector stays off until the pages are told: turned on again, it first goes through
        every object the rebuild made (bench/README.md), which the editor need not wait for.
        """
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.rebuild()
            LiveReloadHandler.reload_waiters(paths[0])
        finally:
            if collecting:
                gc.enable()


def watched_folders(source: Path) -> list[Path]:
    """Return the folders whose changes rebuild the preview: the site's content and data, the project's
    templates, catalogs and static files."""
    project = pipeline.PROJECT
    return [source / name for name in WATCHED] + [project / "templates", project / "i18n", project / "static"]


class CannotServe(Exception):
    """The address to serve on cannot be used (taken by another preview, say, or an unknown host)."""


def check_address(host: str, port: int) -> None:
    """Raise CannotServe when the server could not listen on `host`:`port` (bound as it will be: address reused)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        taken = error.errno == errno.EADDRINUSE
        raise CannotServe(f"cannot serve on {host}:{port}: {error.strerror or error}" + (
            f" (another preview running? choose another port: make serve PORT={port + 1})" if taken else "")) from None


def serve(source: Path, out: Path, host: str, port: int, today: dt.date, drafts: bool = False) -> None:
    """Build, serve and watch until interrupted (first making sure the address is free: raise CannotServe)."""
    check_address(host, port)
    memory = Memory.load(pipeline.Project().cache / MEMORY_FILE)  # what the last `make build` made
    preview = Preview(source, out, f"http://{host}:{port}/", today, drafts, memory=memory)
    preview.rebuild()  # the search index follows in the background
    script = f'<script src="/livereload.js?port={port}" defer></script>'
    watcher = ChangeWatcher(watched_folders(source), preview.rebuild)
    server = _QuietServer(wsgi_app(preview, script), watcher=watcher)
    print(f"Serving {out} on http://{host}:{port}/ — press Ctrl+C to stop.", flush=True)
    try:
        # debug=False: for an application livereload would turn on Tornado's autoreload, which looks at every
        # module twice a second and starts the whole server again when one is saved (its memory lost).
        server.serve(port=port, host=host, open_url_delay=None, restart_delay=0, debug=False)
    finally:
        watcher.stopped.set()
