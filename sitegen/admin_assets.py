"""Own the browser editor's files: Sveltia CMS, pinned, and what its bundle would otherwise fetch from other servers.

tools/cms/package.json pins `@sveltia/cms` and the three typefaces its bundle loads from jsdelivr (npm `@fontsource*`,
the same files); `npm ci` installs them into tools/cms/node_modules/ (tools/cms/install.sh, run by `make`). `prepare`
then writes what /admin/ needs into PREPARED: the bundle with every address of unpkg and jsdelivr rewritten to the
site's own `./vendor/…` (relative to the admin page, whose `<base>` is the site's base path + `admin/`), the German
and English interface texts, the fonts, and two small answers that switch off requests to other servers (the update
check, GitHub's status page). The build copies PREPARED into `admin/` (sitegen/pages/admin.py) and never reads
node_modules itself. docs/architecture.md ("The browser editor") names what is left out and why.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
NODE_MODULES = PROJECT / "tools" / "cms" / "node_modules"
"""Where `npm ci` (tools/cms/install.sh) installs the pinned packages."""
PREPARED = PROJECT / ".tools" / "cms-admin"
"""The files of admin/ besides the page and its configuration, ready to copy (made by `prepare`)."""

SVELTIA = "0.221.1"
"""The pinned version of npm @sveltia/cms (also in tools/cms/package.json; a test keeps both equal). Update it
deliberately: `npm view @sveltia/cms version`, both pins, `npm install` in tools/cms, `make build`, then the browser
test (tests/quality/test_admin.py) and `prepare`'s refusals tell what moved."""

BUNDLE = "sveltia-cms.js"
"""The bundle's name in admin/ (and in the package's dist/)."""
LOCALES = ("de", "en-US")
"""Interface languages served: German, and its default English (the bundle asks for `<locale>.json`)."""
VENDOR = "vendor/"
"""Folder in admin/ standing in for unpkg.com (same paths below it) and holding the fonts."""
CDN = "https://unpkg.com/"
"""The bundle's source of its own locales, its update check and of code for some widgets (see docs)."""
GITHUB_STATUS = "https://www.githubstatus.com/api/v2/status.json"
"""GitHub's status page, which the bundle asks every five minutes once signed in with GitHub."""


@dataclass(frozen=True)
class Font:
    """A typeface file the bundle loads from jsdelivr, and the npm package holding the same file."""

    url: str
    """Its address in the bundle."""
    package: str
    """npm package (pinned in tools/cms/package.json)."""
    version: str
    """Its version, the one in the address."""
    file: str
    """The file in the package's files/ (its name in admin/vendor/fonts/ too)."""


FONTS = (
    Font("https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
         "@fontsource-variable/source-sans-3", "5.3.0", "source-sans-3-latin-wght-normal.woff2"),
    Font("https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2",
         "@fontsource/noto-mono", "5.3.0", "noto-mono-latin-400-normal.woff2"),
    Font("https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2",
         "@fontsource-variable/material-symbols-outlined", "5.3.7", "material-symbols-outlined-latin-wght-normal.woff2"),
)

UPDATE_ANSWER = f"{VENDOR}@sveltia/cms/package.json"
"""The update check's address once rewritten: it finds the pinned version there, so it never says "update"."""
STATUS_ANSWER = f"{VENDOR}githubstatus/status.json"
"""GitHub's status page's address once rewritten: a constant "unknown", so the bundle shows no status banner."""

ASSETS = (BUNDLE, *(f"{VENDOR}@sveltia/cms@{SVELTIA}/locales/{locale}.json" for locale in LOCALES),
          f"{VENDOR}@sveltia/cms@{SVELTIA}/LICENSE.txt", UPDATE_ANSWER, STATUS_ANSWER,
          *(f"{VENDOR}fonts/{font.file}" for font in FONTS),
          *(f"{VENDOR}fonts/{font.package.rsplit('/', 1)[1]}-LICENSE" for font in FONTS))
"""Every file of PREPARED, relative to admin/ (the build copies these; it needs no listing of the disk)."""

REMOTE = re.compile(r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net|www\.githubstatus\.com/api)[^\s`'\")]*")
"""Addresses the prepared bundle must not name any more (a link to GitHub's status page for the editor stays)."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob: https://avatars.githubusercontent.com; media-src 'self' blob:; font-src 'self'; "
       "connect-src 'self' data: blob: https://api.github.com; frame-src 'none'; worker-src 'none'; object-src 'none'; "
       "base-uri 'self'; form-action 'none'")
"""The admin page's Content-Security-Policy: the bundle and its files from the site itself; inline styles (its
components insert <style> elements); blob: and data: images, media and fetches (its own icons; previews of files read from the repository);
GitHub's API and the signed-in editor's avatar. Nothing else: no eval, no other server (docs/architecture.md)."""


class NotInstalled(RuntimeError):
    """The pinned packages are missing or another version; the message says what to run."""


def installed_version(package: str, modules: Path = NODE_MODULES) -> str | None:
    """Return the version of an npm package in `modules`, or None when it is not there."""
    try:
        return json.loads((modules / package / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def rewrite(bundle: str) -> str:
    """Return the bundle with every address of unpkg, jsdelivr and GitHub's status page made the site's own.

    Raise NotInstalled when an address expected (a font, the status page) is not in it exactly once, or another
    one is left: the bundle changed (another version) and the table here needs a look."""
    for url, local in [(font.url, f"./{VENDOR}fonts/{font.file}") for font in FONTS] + [(GITHUB_STATUS,
                                                                                          f"./{STATUS_ANSWER}")]:
        if bundle.count(url) != 1:
            raise NotInstalled(f"{BUNDLE} of @sveltia/cms names {url} {bundle.count(url)} times, not once: "
                               "update FONTS in sitegen/admin_assets.py for this version")
        bundle = bundle.replace(url, local)
    if CDN not in bundle:
        raise NotInstalled(f"{BUNDLE} of @sveltia/cms does not name {CDN}: see sitegen/admin_assets.py")
    bundle = bundle.replace(CDN, f"./{VENDOR}")
    left = sorted(set(REMOTE.findall(bundle)))
    if left:
        raise NotInstalled(f"{BUNDLE} of @sveltia/cms still names {', '.join(left)}: see sitegen/admin_assets.py")
    return bundle


def prepare(modules: Path = NODE_MODULES, target: Path = PREPARED) -> None:
    """Write admin/'s files (ASSETS) into `target` from the packages in `modules` (raise NotInstalled)."""
    wanted = {"@sveltia/cms": SVELTIA, **{font.package: font.version for font in FONTS}}
    wrong = [f"{package}@{version} (found {installed_version(package, modules) or 'none'})"
             for package, version in wanted.items() if installed_version(package, modules) != version]
    if wrong:
        raise NotInstalled(f"{modules} lacks {', '.join(wrong)}: run `bash tools/cms/install.sh` (make build does)")
    cms = modules / "@sveltia" / "cms"
    texts = {BUNDLE: rewrite((cms / "dist" / BUNDLE).read_text(encoding="utf-8")),
             UPDATE_ANSWER: json.dumps({"name": "@sveltia/cms", "version": SVELTIA}) + "\n",
             STATUS_ANSWER: json.dumps({"status": {"indicator": "unknown"}}) + "\n"}
    copies = {f"{VENDOR}@sveltia/cms@{SVELTIA}/locales/{locale}.json": cms / "locales" / f"{locale}.json"
              for locale in LOCALES}
    copies[f"{VENDOR}@sveltia/cms@{SVELTIA}/LICENSE.txt"] = cms / "LICENSE.txt"
    for font in FONTS:
        copies[f"{VENDOR}fonts/{font.file}"] = modules / font.package / "files" / font.file
        copies[f"{VENDOR}fonts/{font.package.rsplit('/', 1)[1]}-LICENSE"] = modules / font.package / "LICENSE"
    fresh = target.with_name(target.name + ".tmp")
    shutil.rmtree(fresh, ignore_errors=True)
    for name, text in texts.items():
        _place(fresh / name).write_text(text, encoding="utf-8")
    for name, source in copies.items():
        shutil.copyfile(source, _place(fresh / name))
    assert sorted(texts) + sorted(copies) and set(texts) | set(copies) == set(ASSETS), "ASSETS and prepare differ"
    shutil.rmtree(target, ignore_errors=True)
    fresh.rename(target)


def _place(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def missing(target: Path = PREPARED) -> list[str]:
    """Return the files of ASSETS not in `target` (all of them when it was never prepared)."""
    return [name for name in ASSETS if not (target / name).is_file()]


def main() -> int:
    """Prepare admin/'s files (tools/cms/install.sh runs this after `npm ci`); one line on failure."""
    try:
        prepare()
    except NotInstalled as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
