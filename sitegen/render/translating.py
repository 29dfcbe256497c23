"""Own translating constant texts of templates when they are compiled: a Jinja environment whose parser replaces
each gettext call with one constant text and no variables by its translation (over Jinja's private `_parse`)."""
from __future__ import annotations

from typing import Callable

import jinja2
import jinja2.nodes
import jinja2.visitor


class TranslatingEnvironment(jinja2.Environment):
    """A Jinja environment translating `_("…")` and `{% trans %}…{% endtrans %}` without variables when it compiles
    a template, not each time a page is rendered (a page shows some twenty such texts; calling gettext for each took
    a fifth of the time of rendering a list page). The page is the same: the text is what gettext would return."""

    def __init__(self, gettext: Callable[[str], str], **options) -> None:
        super().__init__(**options)
        self.translate = gettext

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        return _Translated(self.translate).visit(super()._parse(source, name, filename))


class _Translated(jinja2.visitor.NodeTransformer):
    """Replaces each call of gettext with one constant text and no variables by its translation."""

    def __init__(self, gettext: Callable[[str], str]) -> None:
        self.gettext = gettext

    def visit_Call(self, node: jinja2.nodes.Call) -> jinja2.nodes.Node:  # noqa: N802 (Jinja's name)
        node = self.generic_visit(node)
        if not (isinstance(node.node, jinja2.nodes.Name) and node.node.name in ("_", "gettext")
                and len(node.args) == 1 and isinstance(node.args[0], jinja2.nodes.Const)
                and isinstance(node.args[0].value, str)
                and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None):
            return node
        try:  # as the i18n extension's newstyle gettext does: always a format string
            text = self.gettext(node.args[0].value) % {}
        except (KeyError, ValueError, TypeError):
            return node  # fails as it did, when the page is rendered
        return jinja2.nodes.MarkSafeIfAutoescape(jinja2.nodes.Const(text, lineno=node.lineno), lineno=node.lineno)
