"""Own the reuse of earlier work: a build wrapped from outside so that it does only what changed.

The stages (sitegen.stages.run) are pure: without this package a build reads, checks, models,
renders and writes everything, and makes the same site. `pipeline.build` wraps them:

- Nothing changed: one hash over every input equals the one recorded in the output
  (`inputs.kept`) → the site stays and no stage runs (their modules are not even loaded).
- Otherwise (`wrap.Reuse.build`) a keeper is installed at the seam the stages mark (sitegen.steps): the memory of the
  previous build (`memory.Memory`; in the dev server's process, else .cache/memory.pickle) hands
  back unchanged files without reading them, checked records without checking them, sections'
  and releases' pages without making them; converted texts and pictures' copies come from the
  cache folder (`stored.Stored`), or from the head start that converts release texts while a cold
  build loads (`headstart.HeadStart`).
- The site model is taken whole while the validated site is the same (a text edit leaves it so).
- The write plan: only pages whose fingerprint (everything they are made from, `fingerprints`)
  changed are rendered; the new site is made from the spare or, in the dev server, in place;
  unchanged files are kept or linked, the others deleted. The fingerprints and the inputs' hash
  are written into the new site (.sitegen/) for the next build.
"""

_IN_WRAP = ("Keeper", "MEMORY_FILE", "Reuse", "SERVED")


def __getattr__(name: str):
    """Give the names of sitegen.reuse.wrap, loaded when first asked for (it loads the stages' modules)."""
    if name in _IN_WRAP:
        from . import wrap
        return getattr(wrap, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
