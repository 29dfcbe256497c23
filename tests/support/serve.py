"""Serve a built site on 127.0.0.1 under a URL prefix, the way GitHub Pages would.

- `/dach/de/` answers `de/index.html`; `/dach/de` redirects to `/dach/de/`;
- a miss (or anything outside the prefix, or a folder without index.html) answers 404 with the
  site's own `404.html`, as GitHub Pages does;
- a path with a `..` segment is refused (400), even when percent-encoded.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import urllib.parse
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Map <prefix>path to the folder; answer misses with the site's 404.html."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def send_head(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if ".." in path.replace("\\", "/").split("/"):
            self.send_error(400, "Bad path")
            return None
        if not (path + "/").startswith(self.prefix):
            self.send_error(404, "Outside the site")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        return super().translate_path("/" + path[len(self.prefix):])

    def list_directory(self, path):
        self.send_error(404, "File not found")  # static hosts list no folders
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, prefix: str = "/"):
    """Serve `folder` under `prefix` on a free loopback port; yield the base URL (ending in '/')."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
