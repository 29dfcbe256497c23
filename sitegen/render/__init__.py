"""Own the render stage: pages → file contents, through Jinja2 templates (HTML) or small writers.

Each rendered file knows the inputs it was made from (sources, data, templates, catalog)
so that a later incremental build can tell what to redo. The modules, by job:

- `pages`: the `Renderer` — one page to bytes (its writer or its template), its Markdown texts, template errors;
- `environment`: the Jinja environment of a language and what templates see (`template_context`);
- `translating`: constant gettext texts translated when a template is compiled;
- `dependencies`: what a page is made from — the templates a template uses, a page's input files;
- `writers`: the writers of files that are not HTML (`WRITERS`), with `sitemaps` (sitemaps, robots.txt) and
  `syndication` (Atom feeds, iCalendar files).
"""
from .dependencies import page_inputs, template_inputs
from .environment import CSP, file_type, jinja_environment, pick, picked_language, template_context

from .pages import Rendered, Renderer, template_problem
from .syndication import event_location, only_in
from .writers import WRITERS

__all__ = ["CSP", "WRITERS", "Rendered", "Renderer", "event_location", "file_type",
           "jinja_environment", "only_in", "page_inputs", "pick", "picked_language", "template_context",
           "template_inputs", "template_problem"]
