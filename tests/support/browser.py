"""Launch Chromium through Playwright and watch what a page does.

Which Chromium: $CHROMIUM if set; else Debian's /usr/bin/chromium if it exists; else Playwright's
own browser (`playwright install chromium`, as on GitHub's runners; USE_PLAYWRIGHT_CHROMIUM=1 forces
it). A missing browser raises `BrowserMissing` with one line telling what to install.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEBIAN_CHROMIUM = "/usr/bin/chromium"
LOOPBACK = "127.0.0.1"

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         # Every host but the test server fails at once, so an outside reference shows up as a failed
         # (and off-site) request instead of a hang, and nothing leaves the machine.
         f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}"]

INSTALL_HINT = ("Chromium is missing: run `bash tools/setup-test-tools.sh` as root (apt-get install -y chromium), "
                "or set CHROMIUM=/path/to/chromium, or USE_PLAYWRIGHT_CHROMIUM=1 after `playwright install chromium`")


class BrowserMissing(RuntimeError):
    """No Chromium to launch; the message is the one-line instruction."""


def executable(playwright=None) -> str | None:
    """Return the Chromium executable to use, or None for Playwright's own (raise BrowserMissing if absent)."""
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        if not Path(chosen).is_file():
            raise BrowserMissing(f"CHROMIUM={chosen} does not exist. " + INSTALL_HINT)
        return chosen
    if os.environ.get("USE_PLAYWRIGHT_CHROMIUM") != "1" and Path(DEBIAN_CHROMIUM).is_file():
        return DEBIAN_CHROMIUM
    if playwright is not None and not Path(playwright.chromium.executable_path).is_file():
        raise BrowserMissing(INSTALL_HINT)
    return None


def launch(playwright):
    """Launch a headless Chromium (raise BrowserMissing with a one-line instruction if there is none)."""
    return playwright.chromium.launch(executable_path=executable(playwright), args=FLAGS, headless=True)


def is_local(url: str, host: str) -> bool:
    """Tell whether a URL stays on the test server `host` (127.0.0.1:port) or needs no server at all."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return parts.netloc == host


@dataclass
class Watch:
    """Console errors, failed requests and off-site requests of one page.

    `expected` holds URLs whose HTTP error status is intended (a visit to a missing page).
    """

    host: str
    """The only server pages may load from: 127.0.0.1:port of the test server."""
    errors: list = field(default_factory=list)
    """What went wrong, readable."""
    expected: set = field(default_factory=set)
    """URLs allowed to answer with an HTTP error."""
    requests: list = field(default_factory=list)
    """Every URL the page requested."""

    def attach(self, page) -> "Watch":
        """Start watching a page; return self."""
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", self._response)
        return self

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.errors.append(f"console error: {message.text}" + (f" ({where})" if where else ""))

    def _failed(self, request) -> None:
        # ERR_ABORTED: cancelled by the client, e.g. a favicon still loading when a test navigates on;
        # a missing file shows as an HTTP error, an outside host as off-site and ERR_NAME_NOT_RESOLVED.
        if request.url not in self.expected and request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed request: {request.url} ({request.failure})")

    def _request(self, request) -> None:
        self.requests.append(request.url)
        if not is_local(request.url, self.host):
            self.errors.append(f"off-site request: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and response.url not in self.expected:
            self.errors.append(f"HTTP {response.status}: {response.url}")
