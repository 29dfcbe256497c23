"""Own the report of outside links that no longer answer: partners' websites and other sites the pages link to.

The daily CI run prints it into its job summary. It never blocks anything and always exits 0: another site
being down for a night is no reason to stop publishing, and editors fix the link in data/ or content/ when
it stays down. Each link (a[href] with http or https, not to the site itself) is asked once with HEAD,
and with GET when HEAD is answered with an error or not understood (some servers refuse HEAD); each request
has a time limit, a few run at once (at most two per host), and the whole check has a deadline.

    python tools/outside_links.py OUTPUT [--site-url URL] [--timeout 10] [--workers 8] [--deadline 600]
"""
from __future__ import annotations

import argparse
import http.client
import queue
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import lxml.etree
import lxml.html

USER_AGENT = "Mozilla/5.0 (compatible; MedTech-Cluster-Alliance-DACH link check)"
REFUSING = {401, 403, 429}
"""Answers that say the server will not talk to a checker, not that the page is gone: listed apart."""
PER_HOST = 2
PAGES_SHOWN = 3


@dataclass(frozen=True)
class Outcome:
    """What asking one outside link gave."""

    url: str
    """The link, without its #fragment."""
    state: str
    """'ok', 'refused' (401, 403, 429: often protection against robots) or 'failed'."""
    note: str
    """What happened, readable: 'answered 404', 'no answer within 10 s', 'address not found' …"""


def parsed(page: Path):
    """Return a built page (UTF-8) parsed."""
    return lxml.html.fromstring(page.read_text(encoding="utf-8", errors="replace"))


def own_url(folder: Path) -> str:
    """Return the site's own base URL: the canonical link of its top index.html ('' when it has none)."""
    index = folder / "index.html"
    if not index.is_file():
        return ""
    found = parsed(index).xpath("//link[@rel='canonical']/@href")
    return found[0] if found else ""


def page_path(folder: Path, page: Path) -> str:
    """Return the site path of a built page: de/about/index.html → /de/about/."""
    relative = page.relative_to(folder).as_posix()
    return "/" + (relative.removesuffix("index.html") if relative.split("/")[-1] == "index.html" else relative)


def outside_links(folder: Path, own: str = "") -> dict[str, list[str]]:
    """Return outside link (no fragment) → the site paths of the pages that have it, in page order."""
    links: dict[str, list[str]] = defaultdict(list)
    for page in sorted(folder.rglob("*.html")):
        relative = page.relative_to(folder)
        if relative.parts[0] == "pagefind" or any(part.startswith(".") for part in relative.parts):
            continue
        try:
            hrefs = parsed(page).xpath("//a/@href | //area/@href")
        except (ValueError, lxml.etree.ParserError):
            continue
        for href in hrefs:
            url = urldefrag(href.strip())[0]
            if urlsplit(url).scheme.lower() not in ("http", "https") or (own and url.startswith(own)):
                continue
            where = page_path(folder, page)
            if where not in links[url]:
                links[url].append(where)
    return dict(links)


class _SameMethod(urllib.request.HTTPRedirectHandler):
    """Follow a redirect with the method asked (urllib turns a HEAD into a GET), so HEAD downloads nothing."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 - urllib's interface
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
        return new


_OPENER = urllib.request.build_opener(_SameMethod)


def _ask(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with _OPENER.open(request, timeout=timeout) as response:  # http(s) only, see outside_links
        return response.status


def _failure(error: BaseException, timeout: float) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "address not found (DNS)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    return f"could not be reached ({type(reason).__name__}: {reason})"


def check(url: str, timeout: float) -> Outcome:
    """Ask one link with HEAD, then with GET if HEAD got an error answer or none understood; return the outcome."""
    for method in ("HEAD", "GET"):
        try:
            status = _ask(url, method, timeout)
        except urllib.error.HTTPError as error:
            status = error.code
        except (http.client.HTTPException, ConnectionResetError) as error:
            if method == "HEAD":
                continue
            return Outcome(url, "failed", f"no proper answer ({type(error).__name__})")
        except (urllib.error.URLError, OSError) as error:
            return Outcome(url, "failed", _failure(error, timeout))
        except ValueError as error:
            return Outcome(url, "failed", f"not a valid address ({error})")
        if status < 400:
            return Outcome(url, "ok", f"answered {status}")
        if method == "GET":
            break
    return Outcome(url, "refused" if status in REFUSING else "failed", f"answered {status}")


def check_all(urls: list[str], timeout: float, workers: int, deadline: float) -> dict[str, Outcome]:
    """Check links on a few threads (at most PER_HOST per host at once); links left at the deadline are reported so."""
    work: queue.Queue = queue.Queue()
    for url in urls:
        work.put(url)
    done: dict[str, Outcome] = {}
    finished = threading.Condition()
    hosts: dict[str, threading.BoundedSemaphore] = defaultdict(lambda: threading.BoundedSemaphore(PER_HOST))
    hosts_lock = threading.Lock()

    def worker() -> None:
        while True:
            try:
                url = work.get_nowait()
            except queue.Empty:
                return
            with hosts_lock:
                host = hosts[urlsplit(url).netloc.lower()]
            with host:
                outcome = check(url, timeout)
            with finished:
                done[url] = outcome
                finished.notify_all()

    for _ in range(max(1, min(workers, len(urls)))):
        threading.Thread(target=worker, daemon=True).start()  # daemons: a hung request never holds the exit
    end = time.monotonic() + deadline
    with finished:
        while len(done) < len(urls) and finished.wait(max(0.0, end - time.monotonic())):
            pass
        result = dict(done)
    for url in urls:
        result.setdefault(url, Outcome(url, "failed", f"not checked: the check's deadline of {deadline:g} s passed"))
    return result


def _cell(url: str) -> str:
    return "<" + url.replace(" ", "%20").replace("|", "%7C").replace(">", "%3E") + ">"


def _table(outcomes: list[Outcome], links: dict[str, list[str]]) -> list[str]:
    lines = ["| Link | What happened | On the pages |", "|---|---|---|"]
    for outcome in outcomes:
        pages = links[outcome.url]
        shown = ", ".join(f"`{page}`" for page in pages[:PAGES_SHOWN])
        more = f" and {len(pages) - PAGES_SHOWN} more" if len(pages) > PAGES_SHOWN else ""
        lines.append(f"| {_cell(outcome.url)} | {outcome.note.replace('|', '/')} | {shown}{more} |")
    return lines


def report(links: dict[str, list[str]], outcomes: dict[str, Outcome]) -> str:
    """Return the Markdown report: the links that failed, then those that refused the checker."""
    failed = [outcomes[url] for url in sorted(links) if outcomes[url].state == "failed"]
    refused = [outcomes[url] for url in sorted(links) if outcomes[url].state == "refused"]
    lines = [f"### Outside links: {len(links)} checked, {len(failed)} not answering, "
             f"{len(refused)} refusing the checker", ""]
    if not failed and not refused:
        return "\n".join(lines + ["Every outside link answered.", ""]) + "\n"
    lines += ["Nothing waits for this list. A link that stays on it for days: correct or remove it in `data/` "
              "or `content/` (find it by the page).", ""]
    if failed:
        lines += _table(failed, links) + [""]
    if refused:
        lines += ["<details><summary>Refusing the checker (401, 403, 429: often a protection against robots; "
                  "open them in a browser)</summary>", "", *_table(refused, links), "", "</details>", ""]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print the report of a built site's outside links; return 0 whatever happens."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("output", type=Path, help="the built site's folder")
    parser.add_argument("--site-url", default=None, help="the site's own URL (default: its canonical link)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default 10)")
    parser.add_argument("--workers", type=int, default=8, help="requests at once (default 8)")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole check (default 600)")
    args = parser.parse_args(argv)
    try:
        if not args.output.is_dir():
            raise FileNotFoundError(f"{args.output} is no built site (no such folder)")
        links = outside_links(args.output, own_url(args.output) if args.site_url is None else args.site_url)
        outcomes = check_all(sorted(links), args.timeout, args.workers, args.deadline)
        print(report(links, outcomes), end="")
    except Exception as error:  # noqa: BLE001 - a report, never a failing step
        print(f"### Outside links\n\nThe check itself failed: {type(error).__name__}: {error}\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
