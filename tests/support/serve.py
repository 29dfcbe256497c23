"""Serve a built site on 127.0.0.1 under a URL prefix, the way a static host would (404.html for misses)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import posixpath
import threading
import urllib.parse
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Map /<prefix>/path to the folder; answer misses with the site's 404.html."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def translate_path(self, path: str) -> str:
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not path.startswith(self.prefix) or ".." in posixpath.normpath(path).split("/"):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(folder: Path, prefix: str = "/"):
    """Serve `folder` under `prefix` on a free loopback port; yield the base URL (ending in '/')."""
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
