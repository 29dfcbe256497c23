"""Launch Chromium through Playwright: Debian's /usr/bin/chromium here, Playwright's own browser elsewhere."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def executable() -> str | None:
    """Return the Chromium to use: $CHROMIUM, /usr/bin/chromium, or None for Playwright's own."""
    if os.environ.get("USE_PLAYWRIGHT_CHROMIUM") == "1":
        return None
    candidate = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(candidate).is_file():
        raise RuntimeError(f"Chromium not found at {candidate}: run `make test` as root (it installs Debian's chromium) "
                           "or set CHROMIUM, or USE_PLAYWRIGHT_CHROMIUM=1 after `playwright install chromium`")
    return candidate


def launch(playwright):
    """Launch a headless Chromium."""
    return playwright.chromium.launch(executable_path=executable(), args=FLAGS, headless=True)


@dataclass
class Watch:
    """Console errors, failed requests and off-site requests of a page."""

    host: str
    """The only host pages may load from (127.0.0.1:port)."""
    errors: list = field(default_factory=list)
    """What went wrong."""

    def attach(self, page) -> None:
        """Start watching a page."""
        page.on("console", lambda message: message.type == "error" and self.errors.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url} {request.failure}"))
        page.on("request", lambda request: self._check_host(request.url))
        page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/does-not-exist/")
                and self.errors.append(f"HTTP {response.status}: {response.url}"))

    def _check_host(self, url: str) -> None:
        if url.startswith(("http://", "https://")) and f"//{self.host}/" not in url:
            self.errors.append(f"off-site request: {url}")
