"""Own the site's addresses: the one table of rules giving each kind of page or file its site-relative path.

`url_for(kind, key, lang)` is the only place an address is spelled: the site model (sitegen/pages) places its
pages with it, and templates link with it (their `url_for`, made by `linker`, adds the base URL's path). A path has no
leading slash and ends in '/' for a page shown as `index.html` in its folder.
"""
from __future__ import annotations

from typing import Any, Callable

from .records import record


@record
class Route:
    """The rule of one kind of address: a `str.format` pattern of `lang` and `key` (the key may be indexed,
    `{key[0]}`, or formatted, `{key:%Y-%m}`), and for a list cut into pages, the part added for page 2 and later."""

    pattern: str
    """E.g. '{lang}/partners/{key}/'."""
    paged: str = ""
    """Appended for page `number` > 1, e.g. 'page/{number}/' (empty: the address has one page)."""

    @property
    def needs_key(self) -> bool:
        """Return whether the address is one item's (the key says which)."""
        return "{key" in self.pattern

    @property
    def needs_lang(self) -> bool:
        """Return whether the address is in one language."""
        return "{lang}" in self.pattern


ROUTES: dict[str, Route] = {
    # language-neutral files of the site
    "chooser": Route(""),
    "not-found": Route("404.html"),
    "robots": Route("robots.txt"),
    "sitemap-index": Route("sitemap.xml"),
    "sitemap": Route("sitemap-{key}.xml"),                        # key: the file's number, from 1
    "map": Route("static/map/dach.svg"),
    "logo": Route("media/logos/{key}"),                           # key: the logo's file name
    "search-bundle": Route("pagefind/"),
    "admin": Route("admin/"),                                     # the browser editor (Sveltia CMS)
    "admin-config": Route("admin/config.yml"),
    "translation-status": Route("translation-status/"),           # previews with drafts only
    # site-wide pages
    "home": Route("{lang}/"),
    "page": Route("{lang}/{key}/"),                               # key: a plain page's name (about, imprint, …)
    "page-files": Route("pages/files/{key}/"),                    # key: a plain page's name
    "search": Route("{lang}/search/"),
    # partners
    "partner-index": Route("{lang}/partners/"),
    "partner-filter": Route("{lang}/partners/{key[0]}/{key[1]}/"),  # key: (facet name, value slug)
    "partner": Route("{lang}/partners/{key}/"),
    # press
    "press-index": Route("{lang}/press/", paged="page/{number}/"),
    "press-tag": Route("{lang}/press/tags/{key}/", paged="page/{number}/"),
    "release": Route("{lang}/press/{key}/"),                      # key: the release's key
    "release-files": Route("press/files/{key}/"),                 # its pictures and press kit, in every language
    "press-feed": Route("{lang}/press/feed.xml"),
    # events
    "event-index": Route("{lang}/events/"),
    "event-filter": Route("{lang}/events/{key[0]}/{key[1]}/"),
    "event-month": Route("{lang}/events/{key:%Y-%m}/"),          # key: a date in the month
    "event": Route("{lang}/events/{key}/"),
    "event-ics": Route("{lang}/events/{key}/{key}.ics"),
    "calendar": Route("{lang}/events/calendar.ics"),
    "event-feed": Route("{lang}/events/feed.xml"),
    # marketplace
    "marketplace-index": Route("{lang}/marketplace/"),
    "marketplace-filter": Route("{lang}/marketplace/{key[0]}/{key[1]}/"),
    "marketplace-entry": Route("{lang}/marketplace/{key}/"),
    "marketplace-feed": Route("{lang}/marketplace/feed.xml"),
    # joint initiatives
    "initiative-index": Route("{lang}/initiatives/"),
    "initiative": Route("{lang}/initiatives/{key}/"),
}
"""Kind → rule. The kinds are those of the pages (`OutPage.kind`) where one kind has one address rule; a plain page's
kind is its name (about, …) or 'page', and its route is 'page'."""


class UnknownRoute(ValueError):
    """A kind of address the table has no rule for, or a rule asked without the key or language it needs."""


def url_for(kind: str, key: Any = None, lang: str | None = None, number: int = 1) -> str:
    """Return the site-relative path of the `kind` address of item `key` in `lang` (page `number` of a paged list)."""
    route = ROUTES.get(kind)
    if route is None:
        raise UnknownRoute(f"no address rule for the kind {kind!r} (known kinds: {', '.join(sorted(ROUTES))})")
    if route.needs_key and key in (None, ""):
        raise UnknownRoute(f"the {kind!r} address needs a key (which item's)")
    if route.needs_lang and not lang:
        raise UnknownRoute(f"the {kind!r} address needs a language")
    path = route.pattern.format(lang=lang, key=key)
    if number != 1:
        if not route.paged or number < 1:
            raise UnknownRoute(f"the {kind!r} address has no page {number}")
        path += route.paged.format(number=number)
    return path


def linker(base_url: str, base_path: str) -> Callable[..., str]:
    """Return the templates' `url_for(kind, key, lang, number, absolute=False)`: the address's URL under the base
    URL's path `base_path` ('/' or '/sub/'), or with `absolute` under the whole `base_url`."""
    def link(kind: str, key: Any = None, lang: str | None = None, number: int = 1, absolute: bool = False) -> str:
        return (base_url if absolute else base_path) + url_for(kind, key, lang, number)
    return link
