"""Own the browser editor's pages in admin/: the page loading Sveltia CMS, its configuration, the CMS's files.

The page (templates/admin/index.html) has its own Content-Security-Policy (`admin_assets.CSP`), `noindex`, and is left
out of the sitemap, the search index (it has no `data-pagefind-body`) and the feeds. The configuration is made from
the site at every build (`admin_config.config_yml`), never committed. The CMS's files are copies of those
`admin_assets.prepare` made when it was installed (`make build` does that).
"""
from __future__ import annotations

from ..admin_assets import ASSETS, CSP, PREPARED, missing
from ..admin_config import config_yml
from ..records import Site
from ..problems import Problem, ProblemsFound
from ..routes import url_for
from .core import COPY, DATA_INPUTS, Address, OutPage

INSTALL = "tools/cms/package-lock.json"
"""The file an editor's problem names when the CMS's files are missing (what pins them)."""


def pages(site: Site) -> list[OutPage]:
    """Return admin/index.html, admin/config.yml and the CMS's files (raise ProblemsFound when they were never
    prepared, naming the command that does)."""
    absent = missing()
    if absent:
        raise ProblemsFound([Problem(INSTALL, 1, "", f"the browser editor's files are not installed ({absent[0]} is "
                                     f"missing from {PREPARED.name}/)", "run `make build` or `bash tools/cms/install.sh`")])
    folder = url_for("admin")
    return [  # in no language of the site's own: the editor speaks German (its title from the German catalog)
        OutPage(Address(folder), "admin", None, "admin/index.html", data={"admin_csp": CSP}, inputs=DATA_INPUTS,
                in_sitemap=False),
        OutPage(Address(url_for("admin-config")), "admin-config", None, "admin/config.yml",
                data={"text": config_yml(site)}, inputs=DATA_INPUTS, in_sitemap=False),
        *(OutPage(Address(folder + name), "admin-file", None, COPY, data={"source": str(PREPARED / name)},
                  in_sitemap=False) for name in ASSETS),
    ]
