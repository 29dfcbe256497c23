"""The MedTech Cluster Alliance D-A-CH site generator.

The build is a pipeline of plain stages, one module each:
load → validate → sitemodel → render → write. `build.py` beside this package
is the command line; `sitegen.pipeline` strings the stages together.
"""
