"""Own the render stage: pages → file contents (the package's modules say which part each holds)."""
from .pages import (CSP, WRITERS, Rendered, Renderer, _environment, event_location, file_type, only_in, pick,
                    picked_language, template_inputs, template_problem)

__all__ = ["CSP", "WRITERS", "Rendered", "Renderer", "event_location", "file_type", "only_in", "pick",
           "picked_language", "template_inputs", "template_problem"]
