#!/usr/bin/env python3
"""Command line of the MedTech Cluster Alliance D-A-CH site generator.

    python build.py build [--source DIR] [--out DIR] [--today YYYY-MM-DD] [--base-url URL]
    python build.py check [--source DIR] [--format text|github]
"""
import gc
import os
import sys

if __name__ == "__main__" and sys.argv[1:2] == ["build"]:
    gc.disable()  # a build process ends with its build: the cycle collector would only cost time (see sitegen.cli)

from sitegen.cli import main  # noqa: E402 (after the collector is off: imports make many objects too)

if __name__ == "__main__":
    status = main(sys.argv[1:])
    # Everything is written and closed: leave without tearing the interpreter down, which takes
    # longer (0.1 s here) than a build that changed one release spends rendering it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
